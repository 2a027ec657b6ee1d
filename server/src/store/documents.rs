//! The index of uploaded documents.

use super::events::{insert_event, NewEvent};
use super::verifications::update_guarded;
use super::{Store, StoreResult, VerificationRecord};
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

impl Store {
    /// Indexes a stored document and records the upload on the verification, atomically and
    /// only if the verification did not change meanwhile.
    pub async fn insert_document(
        &self,
        current: &VerificationRecord,
        next: &VerificationRecord,
        doc: &NewDocument,
        events: &[NewEvent],
    ) -> StoreResult<bool> {
        let mut tx = self.pool().begin().await?;
        if !update_guarded(&mut tx, current, next).await? {
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO documents (id, verification_id, tenant_id, attempt, document_type, side, issuing_country, \
             format, sha256, size_bytes, width, height, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        )
        .bind(doc.id.as_str())
        .bind(current.id.as_str())
        .bind(current.tenant_id.as_str())
        .bind(current.attempt)
        .bind(&doc.document_type)
        .bind(doc.side.clone())
        .bind(doc.issuing_country.clone())
        .bind(doc.format)
        .bind(&doc.sha256)
        .bind(doc.size_bytes)
        .bind(doc.width)
        .bind(doc.height)
        .bind(doc.created_at)
        .execute(&mut *tx)
        .await?;
        for event in events {
            insert_event(&mut tx, event).await?;
        }
        tx.commit().await?;
        Ok(true)
    }
}
