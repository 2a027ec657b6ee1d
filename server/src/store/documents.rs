//! The index of uploaded documents, written with the change that records the upload
//! (`Store::save_transition` with `AlsoWrite::Document`).

use sqlx::Row;

use super::{Store, StoreResult, VerificationRecord};
use crate::ids::{ChallengeId, DocumentId, VerificationId};

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
    /// For a liveness frame: the challenge it answered and its place in the capture.
    pub frame: Option<FrameOf>,
}

/// A liveness frame's challenge and position (0 = first filmed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrameOf {
    pub challenge_id: ChallengeId,
    pub index: i64,
}

pub(super) async fn insert_document(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    verification: &VerificationRecord,
    doc: &NewDocument,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO documents (id, verification_id, tenant_id, attempt, document_type, side, issuing_country, \
         format, sha256, size_bytes, width, height, created_at, challenge_id, frame_index) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
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
    .bind(doc.frame.as_ref().map(|f| f.challenge_id.as_str().to_owned()))
    .bind(doc.frame.as_ref().map(|f| f.index))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A stored document's index row.
#[derive(Clone, Debug)]
pub struct DocumentRecord {
    pub id: DocumentId,
    pub verification_id: VerificationId,
    pub attempt: i64,
    pub document_type: String,
    pub side: Option<String>,
    pub issuing_country: Option<String>,
    pub format: String,
    pub sha256: String,
    /// Set by the document check once it read the document's number.
    pub number_digest: Option<String>,
    pub created_at: i64,
    pub frame: Option<FrameOf>,
}

/// Another verification of the same tenant and mode that used the same document or file.
#[derive(Clone, Debug, serde::Serialize)]
pub struct DuplicateUse {
    pub verification_id: VerificationId,
    /// `file` (same bytes) or `document_number` (same issuing state, type and number).
    pub matched_on: &'static str,
}

impl Store {
    /// The documents uploaded for one attempt, oldest first.
    pub async fn documents_of_attempt(
        &self,
        verification: &VerificationId,
        attempt: i64,
    ) -> StoreResult<Vec<DocumentRecord>> {
        let rows = sqlx::query(&format!(
            "SELECT {DOCUMENT_COLUMNS} FROM documents \
             WHERE verification_id = $1 AND attempt = $2 ORDER BY created_at, frame_index, id"
        ))
        .bind(verification.as_str())
        .bind(attempt)
        .fetch_all(self.pool())
        .await?;
        Ok(rows.into_iter().map(document_from_row).collect())
    }

    /// Every document of a verification, all attempts, oldest first (the evidence export).
    pub async fn documents_of(
        &self,
        verification: &VerificationId,
    ) -> StoreResult<Vec<DocumentRecord>> {
        let rows = sqlx::query(&format!(
            "SELECT {DOCUMENT_COLUMNS} FROM documents \
             WHERE verification_id = $1 ORDER BY attempt, created_at, frame_index, id"
        ))
        .bind(verification.as_str())
        .fetch_all(self.reader())
        .await?;
        Ok(rows.into_iter().map(document_from_row).collect())
    }

    /// One document by id (the console's file view then checks whose it is).
    pub async fn document(&self, id: &DocumentId) -> StoreResult<Option<DocumentRecord>> {
        let row = sqlx::query(&format!(
            "SELECT {DOCUMENT_COLUMNS} FROM documents WHERE id = $1"
        ))
        .bind(id.as_str())
        .fetch_optional(self.reader())
        .await?;
        Ok(row.map(document_from_row))
    }

    /// Records the keyed digest of the number the document check read from a document.
    pub async fn set_document_number_digest(
        &self,
        document: &DocumentId,
        digest: &str,
    ) -> StoreResult<()> {
        sqlx::query("UPDATE documents SET number_digest = $1 WHERE id = $2")
            .bind(digest)
            .bind(document.as_str())
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Other verifications of the tenant, in the same mode and for another applicant (another
    /// or no `reference_id`), that used one of these file hashes or document-number digests.
    /// The same applicant verifying again with the same passport is not a duplicate.
    pub async fn duplicate_uses(
        &self,
        v: &VerificationRecord,
        file_hashes: &[String],
        number_digests: &[String],
    ) -> StoreResult<Vec<DuplicateUse>> {
        let mut found = Vec::new();
        for (column, values, matched_on) in [
            ("sha256", file_hashes, "file"),
            ("number_digest", number_digests, "document_number"),
        ] {
            for value in values {
                let rows = sqlx::query(&format!(
                    "SELECT DISTINCT d.verification_id FROM documents d \
                     JOIN verifications o ON o.id = d.verification_id \
                     WHERE d.tenant_id = $1 AND d.{column} = $2 AND o.mode = $3 AND o.id <> $4 \
                       AND (o.reference_id IS NULL OR $5 IS NULL OR o.reference_id <> $5) \
                     ORDER BY d.verification_id LIMIT 20"
                ))
                .bind(v.tenant_id.as_str())
                .bind(value)
                .bind(v.mode.as_str())
                .bind(v.id.as_str())
                .bind(v.reference_id.clone())
                .fetch_all(self.pool())
                .await?;
                for row in rows {
                    found.push(DuplicateUse {
                        verification_id: VerificationId::from_db(row.get("verification_id")),
                        matched_on,
                    });
                }
            }
        }
        Ok(found)
    }
}

const DOCUMENT_COLUMNS: &str =
    "id, verification_id, attempt, document_type, side, issuing_country, \
    format, sha256, number_digest, created_at, challenge_id, frame_index";

fn document_from_row(row: sqlx::any::AnyRow) -> DocumentRecord {
    DocumentRecord {
        id: DocumentId::from_db(row.get("id")),
        verification_id: VerificationId::from_db(row.get("verification_id")),
        attempt: row.get("attempt"),
        document_type: row.get("document_type"),
        side: row.get("side"),
        issuing_country: row.get("issuing_country"),
        format: row.get("format"),
        sha256: row.get("sha256"),
        number_digest: row.get("number_digest"),
        created_at: row.get("created_at"),
        frame: row
            .get::<Option<String>, _>("challenge_id")
            .map(|c| FrameOf {
                challenge_id: ChallengeId::from_db(c),
                index: row.get::<Option<i64>, _>("frame_index").unwrap_or(0),
            }),
    }
}
