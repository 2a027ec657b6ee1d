//! Handoff links ("continue on your phone"): stored by a keyed digest of their token, used once.

use sqlx::Row;

use crate::ids::{TenantId, VerificationId};

use super::{Store, StoreResult};

/// A handoff link about to be handed out.
#[derive(Clone, Debug)]
pub struct NewHandoff<'a> {
    /// `Sealer::digest` of the handoff token: the token itself is never stored.
    pub token_digest: &'a str,
    pub verification: &'a VerificationId,
    pub tenant: &'a TenantId,
    /// The verification's client token, sealed and bound to `token_digest`.
    pub client_token_sealed: &'a str,
    pub created_at: i64,
    pub expires_at: i64,
}

/// What opening a handoff link did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Consumed {
    /// First use, in time: the sealed client token to continue with.
    Now { client_token_sealed: String },
    /// Opened before: a handoff link works once.
    AlreadyUsed,
    /// Not opened in time, or replaced by a newer link.
    Expired,
    /// No such link for this verification.
    Unknown,
}

impl Store {
    /// Stores a new handoff link and retires the verification's earlier unused ones, so that
    /// only the code on screen works.
    pub async fn create_handoff(&self, handoff: &NewHandoff<'_>) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        sqlx::query(
            "UPDATE handoffs SET expires_at = $1 \
             WHERE verification_id = $2 AND used_at IS NULL AND expires_at > $1",
        )
        .bind(handoff.created_at)
        .bind(handoff.verification.as_str())
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO handoffs (token_digest, verification_id, tenant_id, client_token_sealed, \
             created_at, expires_at, used_at) VALUES ($1, $2, $3, $4, $5, $6, NULL)",
        )
        .bind(handoff.token_digest)
        .bind(handoff.verification.as_str())
        .bind(handoff.tenant.as_str())
        .bind(handoff.client_token_sealed)
        .bind(handoff.created_at)
        .bind(handoff.expires_at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Uses a handoff link of `verification` once. The conditional update is the single-use
    /// guarantee: of two phones opening the same link at once, exactly one gets the token.
    pub async fn consume_handoff(
        &self,
        token_digest: &str,
        verification: &VerificationId,
        now: i64,
    ) -> StoreResult<Consumed> {
        let used = sqlx::query(
            "UPDATE handoffs SET used_at = $1 WHERE token_digest = $2 AND verification_id = $3 \
             AND used_at IS NULL AND expires_at > $1",
        )
        .bind(now)
        .bind(token_digest)
        .bind(verification.as_str())
        .execute(self.pool())
        .await?
        .rows_affected()
            == 1;
        let row = sqlx::query(
            "SELECT client_token_sealed, used_at FROM handoffs \
             WHERE token_digest = $1 AND verification_id = $2",
        )
        .bind(token_digest)
        .bind(verification.as_str())
        .fetch_optional(self.pool())
        .await?;
        Ok(match row {
            None => Consumed::Unknown,
            Some(row) if used => Consumed::Now {
                client_token_sealed: row.try_get("client_token_sealed")?,
            },
            Some(row) if row.try_get::<Option<i64>, _>("used_at")?.is_some() => {
                Consumed::AlreadyUsed
            }
            Some(_) => Consumed::Expired,
        })
    }

    /// Whether the newest handoff link of `verification` was opened: the desktop page says
    /// "continue on your phone" once the phone has it.
    pub async fn handoff_opened(&self, verification: &VerificationId) -> StoreResult<bool> {
        let row = sqlx::query(
            "SELECT used_at FROM handoffs WHERE verification_id = $1 \
             ORDER BY created_at DESC LIMIT 1",
        )
        .bind(verification.as_str())
        .fetch_optional(self.pool())
        .await?;
        Ok(match row {
            Some(row) => row.try_get::<Option<i64>, _>("used_at")?.is_some(),
            None => false,
        })
    }
}
