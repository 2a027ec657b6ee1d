//! Liveness challenges: issued, looked up, and claimed exactly once.

use sqlx::Row;

use super::{Store, StoreResult};
use crate::ids::{ChallengeId, VerificationId};
use crate::liveness::{Challenge, ChallengeKind};

impl Store {
    pub async fn insert_challenge(&self, challenge: &Challenge) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO liveness_challenges (id, verification_id, attempt, kind, created_at, expires_at, used_at) \
             VALUES ($1, $2, $3, $4, $5, $6, NULL)",
        )
        .bind(challenge.id.as_str())
        .bind(challenge.verification_id.as_str())
        .bind(challenge.attempt)
        .bind(challenge.kind.as_str())
        .bind(challenge.created_at)
        .bind(challenge.expires_at)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// How many challenges an attempt was issued.
    pub async fn challenges_of_attempt(
        &self,
        verification: &VerificationId,
        attempt: i64,
    ) -> StoreResult<i64> {
        let row = sqlx::query(
            "SELECT COUNT(*) AS n FROM liveness_challenges WHERE verification_id = $1 AND attempt = $2",
        )
        .bind(verification.as_str())
        .bind(attempt)
        .fetch_one(self.pool())
        .await?;
        Ok(row.get("n"))
    }

    pub async fn challenge(&self, id: &ChallengeId) -> StoreResult<Option<Challenge>> {
        let row = sqlx::query(
            "SELECT id, verification_id, attempt, kind, created_at, expires_at, used_at \
             FROM liveness_challenges WHERE id = $1",
        )
        .bind(id.as_str())
        .fetch_optional(self.pool())
        .await?;
        Ok(row.and_then(|row| {
            Some(Challenge {
                id: ChallengeId::from_db(row.get("id")),
                verification_id: VerificationId::from_db(row.get("verification_id")),
                attempt: row.get("attempt"),
                kind: ChallengeKind::parse(row.get::<String, _>("kind").as_str())?,
                created_at: row.get("created_at"),
                expires_at: row.get("expires_at"),
                used_at: row.get("used_at"),
            })
        }))
    }

    /// Marks the challenge used if it still is unused and unexpired at `now`; `false` when
    /// another request claimed it first or it expired meanwhile. The one guard against a
    /// challenge answered twice, even by two requests at once.
    pub async fn claim_challenge(&self, id: &ChallengeId, now: i64) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE liveness_challenges SET used_at = $1 \
             WHERE id = $2 AND used_at IS NULL AND expires_at > $1",
        )
        .bind(now)
        .bind(id.as_str())
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }
}
