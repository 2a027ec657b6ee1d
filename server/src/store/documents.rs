//! The index of uploaded documents, written with the change that records the upload
//! (`Store::save_transition` with `AlsoWrite::Document`).

use super::{StoreResult, VerificationRecord};
use crate::ids::DocumentId;

#[derive(Clone, Debug)]
pub struct NewDocument {
    pub id: DocumentId,
    pub document_type: String,
    pub side: Option<String>,
    pub issuing_country: Option<String>,
    pub format: &'static str,
    pub sha256: String,
    pub size_bytes: i64,
    pub width: Option<i64>,
    pub height: Option<i64>,
    pub created_at: i64,
}

pub(super) async fn insert_document(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    verification: &VerificationRecord,
    doc: &NewDocument,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO documents (id, verification_id, tenant_id, attempt, document_type, side, issuing_country, \
         format, sha256, size_bytes, width, height, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
    )
    .bind(doc.id.as_str())
    .bind(verification.id.as_str())
    .bind(verification.tenant_id.as_str())
    .bind(verification.attempt)
    .bind(&doc.document_type)
    .bind(doc.side.clone())
    .bind(doc.issuing_country.clone())
    .bind(doc.format)
    .bind(&doc.sha256)
    .bind(doc.size_bytes)
    .bind(doc.width)
    .bind(doc.height)
    .bind(doc.created_at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
