//! The `document` check: file safety, capture quality, MRZ and document data, over the identity
//! document images uploaded for the attempt.

use kyra_checks::document_data::{check_fields, DataRules, Day};
use kyra_checks::file::{inspect, FileLimits};
use kyra_checks::mrz::{read_with, Mrz, ParseOptions};
use kyra_checks::quality::{assess, QualityConfig, QualityReport};
use serde_json::json;

use super::Found;
use crate::flow::{FlowConfig, IDENTITY_DOCUMENTS};
use crate::state::AppState;
use crate::store::{DocumentRecord, VerificationRecord};
use crate::verification::Applicant;

/// What the engines found on one image.
struct ImageFindings {
    quality: Option<QualityReport>,
    mrz: Result<Mrz, &'static str>,
    /// Codes of the file itself (unsupported or undecodable), and why.
    file_codes: Vec<&'static str>,
    file_error: Option<String>,
}

pub(super) async fn run(
    state: &AppState,
    v: &VerificationRecord,
    flow: &FlowConfig,
    applicant: &Applicant,
) -> Found {
    let documents = match state.store.documents_of_attempt(&v.id, v.attempt).await {
        Ok(docs) => docs,
        Err(err) => return Found::error(err),
    };
    let identity: Vec<&DocumentRecord> = documents
        .iter()
        .filter(|d| IDENTITY_DOCUMENTS.contains(&d.document_type.as_str()))
        // The latest upload of each side replaces earlier ones (a retake).
        .rev()
        .fold(Vec::new(), |mut kept: Vec<&DocumentRecord>, d| {
            if !kept.iter().any(|k| k.side == d.side) {
                kept.push(d);
            }
            kept
        });
    if identity.is_empty() {
        return Found::from_codes(
            vec!["DOCUMENT_MISSING".into()],
            None,
            json!({ "documents": [] }),
        );
    }

    let mut codes: Vec<String> = Vec::new();
    let mut push = |code: &str| {
        if !codes.iter().any(|c| c == code) {
            codes.push(code.to_owned());
        }
    };
    let mut per_image = Vec::new();
    let mut mrz: Option<Mrz> = None;
    let mut mrz_error: Option<&'static str> = None;
    let document_type = identity[0].document_type.clone();
    if !flow.documents.types.contains(&document_type) {
        push("UNSUPPORTED_DOCUMENT");
    }
    for doc in &identity {
        if let (false, Some(country)) = (
            flow.documents.countries.is_empty(),
            doc.issuing_country.as_deref(),
        ) {
            let allowed = flow
                .documents
                .countries
                .iter()
                .any(|c| c.eq_ignore_ascii_case(country));
            if !allowed {
                push("UNSUPPORTED_DOCUMENT");
            }
        }
        let bytes = match state.files.get(&state.sealer, &v.id, &doc.id).await {
            Ok(bytes) => bytes,
            Err(err) => return Found::error(err),
        };
        let findings = match tokio::task::spawn_blocking(move || examine(&bytes)).await {
            Ok(f) => f,
            Err(err) => return Found::error(err),
        };
        for code in &findings.file_codes {
            push(code);
        }
        if let Some(q) = &findings.quality {
            for code in q.reason_codes() {
                push(code);
            }
        }
        match findings.mrz {
            Ok(found) if mrz.is_none() => {
                digest_number(state, doc, &found).await;
                mrz = Some(found);
            }
            Ok(_) => {}
            Err(code) => {
                // "Unreadable" says more than "not found": keep the most specific error.
                if mrz_error != Some("MRZ_UNREADABLE") {
                    mrz_error = Some(code);
                }
            }
        }
        per_image.push(json!({
            "document_id": doc.id,
            "side": doc.side,
            "document_type": doc.document_type,
            "file_codes": findings.file_codes,
            "file_error": findings.file_error,
            "quality": findings.quality,
        }));
    }

    // Driving licences mostly carry no MRZ; for the other types a missing zone is a retake.
    let expects_mrz = document_type != "drivers_license";
    match (&mrz, mrz_error) {
        (Some(found), _) => {
            for code in found.reason_codes() {
                push(code);
            }
            let today = Day::parse(&crate::verification::rfc3339(crate::store::now_ms())[..10]);
            let rules = DataRules {
                today,
                minimum_age: flow.documents.minimum_age,
                countries: &flow.documents.countries,
                first_name: applicant.first_name.as_deref(),
                last_name: applicant.last_name.as_deref(),
                date_of_birth: applicant.date_of_birth.as_deref(),
            };
            for code in check_fields(&found.fields, &rules) {
                push(code);
            }
        }
        (None, Some(code)) if expects_mrz => push(code),
        _ => {}
    }
    let details = json!({
        "document_type": document_type,
        "images": per_image,
        "mrz": mrz.as_ref().map(|m| json!({
            "format": m.format,
            "lines": m.lines,
            "valid_check_digits": m.valid_check_digits(),
            "fields": m.fields,
        })),
    });
    Found::from_codes(codes, None, details)
}

/// CPU work on one stored file: decode within limits, quality, MRZ.
fn examine(bytes: &[u8]) -> ImageFindings {
    let safe = match inspect(bytes, &FileLimits::default()) {
        Ok(safe) => safe,
        Err(err) => {
            return ImageFindings {
                quality: None,
                mrz: Err("MRZ_NOT_FOUND"),
                file_codes: vec!["UNSUPPORTED_FILE"],
                file_error: Some(err.to_string()),
            }
        }
    };
    let quality = assess(&safe.image, &QualityConfig::default());
    let mrz = read_with(&safe.image, &ParseOptions::default()).map_err(|e| e.reason_code());
    ImageFindings {
        quality: Some(quality),
        mrz,
        file_codes: Vec::new(),
        file_error: None,
    }
}

/// Records the keyed digest of the document's number for the duplicates check.
async fn digest_number(state: &AppState, doc: &DocumentRecord, mrz: &Mrz) {
    let f = &mrz.fields;
    if f.document_number.trim_matches('<').is_empty() {
        return;
    }
    let key = format!(
        "{}|{}|{}",
        f.issuing_state.trim_end_matches('<'),
        f.document_type.chars().next().unwrap_or('<'),
        f.document_number.trim_end_matches('<')
    );
    let digest = state.sealer.digest("document-number", key.as_bytes());
    if let Err(err) = state
        .store
        .set_document_number_digest(&doc.id, &digest)
        .await
    {
        tracing::warn!(document = %doc.id, error = %err, "storing the document number digest failed");
    }
}
