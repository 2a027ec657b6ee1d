//! Face descriptors of selfies (sealed) for the duplicates check, and the earlier uploads a
//! liveness capture must not repeat.

use sqlx::Row;

use super::{Store, StoreResult, VerificationRecord};
use crate::ids::VerificationId;

/// The sealing binding of a verification's face descriptor: it opens only as that record.
pub fn face_binding(verification: &VerificationId) -> String {
    format!("face:{verification}")
}

impl Store {
    /// Stores (or replaces) the sealed selfie descriptor of the verification's current attempt.
    pub async fn save_face_embedding(
        &self,
        v: &VerificationRecord,
        sealed: &str,
        now: i64,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO face_embeddings (verification_id, attempt, tenant_id, mode, embedding_sealed, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (verification_id, attempt) DO UPDATE \
             SET embedding_sealed = excluded.embedding_sealed, created_at = excluded.created_at",
        )
        .bind(v.id.as_str())
        .bind(v.attempt)
        .bind(v.tenant_id.as_str())
        .bind(v.mode.as_str())
        .bind(sealed)
        .bind(now)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The sealed selfie descriptors of the tenant's other applicants in the same mode (another
    /// or no `reference_id`; the same applicant verifying again is not a duplicate), latest
    /// attempt first. Linear in the tenant's verifications with a selfie: fine to tens of
    /// thousands; an index of descriptors is for later.
    pub async fn faces_of_other_applicants(
        &self,
        v: &VerificationRecord,
    ) -> StoreResult<Vec<(VerificationId, String)>> {
        let rows = sqlx::query(
            "SELECT f.verification_id, f.embedding_sealed FROM face_embeddings f \
             JOIN verifications o ON o.id = f.verification_id \
             WHERE f.tenant_id = $1 AND f.mode = $2 AND f.verification_id <> $3 \
               AND (o.reference_id IS NULL OR $4 IS NULL OR o.reference_id <> $4) \
             ORDER BY f.created_at DESC",
        )
        .bind(v.tenant_id.as_str())
        .bind(v.mode.as_str())
        .bind(v.id.as_str())
        .bind(v.reference_id.clone())
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|row| {
                (
                    VerificationId::from_db(row.get("verification_id")),
                    row.get("embedding_sealed"),
                )
            })
            .collect())
    }

    /// How many of these file hashes the tenant received before `before` (ms): frames of a live
    /// capture are new pictures, so any earlier copy is a replay.
    pub async fn earlier_copies(
        &self,
        v: &VerificationRecord,
        hashes: &[String],
        before: i64,
    ) -> StoreResult<usize> {
        let mut found = 0;
        for hash in hashes {
            let row = sqlx::query(
                "SELECT COUNT(*) AS n FROM documents WHERE tenant_id = $1 AND sha256 = $2 AND created_at < $3",
            )
            .bind(v.tenant_id.as_str())
            .bind(hash)
            .bind(before)
            .fetch_one(self.pool())
            .await?;
            if row.get::<i64, _>("n") > 0 {
                found += 1;
            }
        }
        Ok(found)
    }
}
