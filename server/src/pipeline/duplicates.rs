//! The `duplicates` check: the same file, or the same document (issuing state, type and number),
//! already used by another applicant of the tenant.

use serde_json::json;

use super::Found;
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
    let uses = match state.store.duplicate_uses(v, &hashes, &numbers).await {
        Ok(uses) => uses,
        Err(err) => return Found::error(err),
    };
    let codes = if uses.is_empty() {
        Vec::new()
    } else {
        vec!["DUPLICATE_APPLICANT".to_owned()]
    };
    Found::from_codes(
        codes,
        None,
        json!({ "documents": documents.len(), "matches": uses }),
    )
}
