//! The `document` check: file safety, capture quality, MRZ and document data — the very
//! function `kyra checks document` runs (`kyra_checks::document::check_document`) — over the
//! identity document images uploaded for the attempt, plus what only the server knows: the
//! flow's document policy, the applicant data the tenant sent, and the number digest the
//! duplicates check compares.

use kyra_checks::document::{check_document, ApplicantData, Day, DocumentReport, DocumentRules};
use kyra_checks::mrz::MrzFields;
use serde_json::json;

use super::Found;
use crate::context::Context;
use crate::flow::{FlowConfig, IDENTITY_DOCUMENTS};
use crate::store::{DocumentRecord, VerificationRecord};
use crate::verification::Applicant;

/// Codes about the MRZ of one image. A card's front or a driving licence has no MRZ, so these
/// are judged over all images of the document, not per image.
const MRZ_ABSENT: [&str; 2] = ["MRZ_NOT_FOUND", "MRZ_UNREADABLE"];

pub(super) async fn run(
    state: &Context,
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
    let push = |codes: &mut Vec<String>, code: &str| {
        if !codes.iter().any(|c| c == code) {
            codes.push(code.to_owned());
        }
    };
    let document_type = identity[0].document_type.clone();
    if !flow.documents.types.contains(&document_type) {
        push(&mut codes, "UNSUPPORTED_DOCUMENT");
    }
    if identity.iter().any(|d| {
        d.issuing_country.as_deref().is_some_and(|c| {
            !flow.documents.countries.is_empty()
                && !flow
                    .documents
                    .countries
                    .iter()
                    .any(|a| a.eq_ignore_ascii_case(c))
        })
    }) {
        push(&mut codes, "UNSUPPORTED_DOCUMENT");
    }
    let rules = rules(flow, applicant);
    let mut images = Vec::new();
    let mut mrz: Option<MrzFields> = None;
    let mut mrz_absent: Option<&'static str> = None;
    for doc in &identity {
        let bytes = match state.files.get(&state.sealer, &v.id, &doc.id).await {
            Ok(bytes) => bytes,
            Err(err) => return Found::error(err),
        };
        let image_rules = rules.clone();
        let report: DocumentReport =
            match tokio::task::spawn_blocking(move || check_document(&bytes, &image_rules)).await {
                Ok(report) => report,
                Err(err) => return Found::error(err),
            };
        for code in &report.reason_codes {
            if MRZ_ABSENT.contains(code) {
                // "Unreadable" says more than "not found": keep the most specific.
                if mrz_absent != Some("MRZ_UNREADABLE") {
                    mrz_absent = Some(code);
                }
            } else {
                push(&mut codes, code);
            }
        }
        if let (None, Some(fields)) = (&mrz, &report.mrz.fields) {
            digest_number(state, doc, fields).await;
            mrz = Some(fields.clone());
        }
        images.push(json!({ "document_id": doc.id, "side": doc.side, "report": report }));
    }
    // Driving licences mostly carry no MRZ; for the other types a missing zone is a retake.
    if let (None, Some(code), true) = (&mrz, mrz_absent, document_type != "drivers_license") {
        push(&mut codes, code);
    }
    Found::from_codes(
        codes,
        None,
        json!({ "document_type": document_type, "images": images, "mrz": { "fields": mrz } }),
    )
}

/// The engines' rules from the flow's document policy and the applicant data.
fn rules(flow: &FlowConfig, applicant: &Applicant) -> DocumentRules {
    let mut rules = DocumentRules::new(Day::today_utc());
    rules.min_age = Some(flow.documents.minimum_age);
    // The MRZ names its issuer in ICAO alpha-3 (Germany: `D`); the flow lists ISO codes.
    rules.issuing_states = flow
        .documents
        .countries
        .iter()
        .flat_map(|c| icao_codes(c))
        .collect();
    rules.applicant = Some(ApplicantData {
        first_name: applicant.first_name.clone(),
        last_name: applicant.last_name.clone(),
        birth_date: applicant.date_of_birth.clone(),
    });
    rules
}

/// The MRZ issuer codes a flow's country entry (alpha-2 or alpha-3) stands for.
fn icao_codes(country: &str) -> Vec<String> {
    let upper = country.to_ascii_uppercase();
    let alpha3 = match upper.len() {
        2 => isocountry::CountryCode::for_alpha2(&upper)
            .map(|c| c.alpha3().to_owned())
            .unwrap_or(upper),
        _ => upper,
    };
    if alpha3 == "DEU" {
        vec![alpha3, "D".to_owned()]
    } else {
        vec![alpha3]
    }
}

/// Records the keyed digest of the document's number for the duplicates check.
async fn digest_number(state: &Context, doc: &DocumentRecord, f: &MrzFields) {
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
