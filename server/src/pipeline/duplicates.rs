//! The `duplicates` check: the same file, or the same document (issuing state, type and number),
//! already used by another applicant of the tenant (`DUPLICATE_APPLICANT`); and, when the
//! verification runs face checks, the same face in another applicant's selfie
//! (`DUPLICATE_FACE`).

use serde_json::json;

use super::{face, Found};
use crate::context::Context;
use crate::store::VerificationRecord;

pub(super) async fn run(state: &Context, v: &VerificationRecord) -> Found {
    let documents = match state.store.documents_of_attempt(&v.id, v.attempt).await {
        Ok(docs) => docs,
        Err(err) => return Found::error(err),
    };
    let hashes: Vec<String> = documents.iter().map(|d| d.sha256.clone()).collect();
    let numbers: Vec<String> = documents
        .iter()
        .filter_map(|d| d.number_digest.clone())
        .collect();
    let mut uses = match state.store.duplicate_uses(v, &hashes, &numbers).await {
        Ok(uses) => uses,
        Err(err) => return Found::error(err),
    };
    let mut codes = Vec::new();
    if !uses.is_empty() {
        codes.push("DUPLICATE_APPLICANT".to_owned());
    }
    if crate::liveness::needs_face(&v.requested_checks) {
        match face::duplicate_faces(state, v, &documents).await {
            Ok(Some(faces)) if !faces.is_empty() => {
                codes.push("DUPLICATE_FACE".to_owned());
                uses.extend(faces);
            }
            Ok(_) => {}
            Err(failed) => return failed,
        }
    }
    Found::from_codes(
        codes,
        None,
        json!({ "documents": documents.len(), "matches": uses }),
    )
}
