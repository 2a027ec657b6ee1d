//! Remembered responses for `Idempotency-Key`.

use sqlx::Row;

use super::{now_ms, Store, StoreResult};
use crate::ids::TenantId;
use crate::secrets::Mode;

/// How long a key is remembered.
pub const RETENTION_MS: i64 = 24 * 3_600_000;

/// What is known about a key when a request arrives with it.
#[derive(Debug)]
pub enum Claim {
    /// First use: this request owns the key and must complete or release it.
    Owned,
    /// Used before with a different request.
    Mismatch,
    /// Another request with this key is still being handled.
    InFlight,
    /// Completed before: replay this status and sealed body.
    Done { status: u16, response: String },
}

impl Store {
    /// Claims `key` for a request with `request_hash`, atomically: of concurrent requests with
    /// the same key exactly one gets `Owned`.
    pub async fn claim_idempotency_key(
        &self,
        tenant: &TenantId,
        mode: Mode,
        key: &str,
        request_hash: &str,
    ) -> StoreResult<Claim> {
        let now = now_ms();
        // A key older than the retention window is forgotten before it is claimed again.
        sqlx::query("DELETE FROM idempotency_keys WHERE tenant_id = $1 AND mode = $2 AND idem_key = $3 AND created_at < $4")
            .bind(tenant.as_str())
            .bind(mode.as_str())
            .bind(key)
            .bind(now - RETENTION_MS)
            .execute(self.pool())
            .await?;
        let inserted = sqlx::query(
            "INSERT INTO idempotency_keys (tenant_id, mode, idem_key, request_hash, created_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (tenant_id, mode, idem_key) DO NOTHING",
        )
        .bind(tenant.as_str())
        .bind(mode.as_str())
        .bind(key)
        .bind(request_hash)
        .bind(now)
        .execute(self.pool())
        .await?;
        if inserted.rows_affected() == 1 {
            return Ok(Claim::Owned);
        }
        let row = sqlx::query(
            "SELECT request_hash, status_code, response FROM idempotency_keys WHERE tenant_id = $1 AND mode = $2 AND idem_key = $3",
        )
        .bind(tenant.as_str())
        .bind(mode.as_str())
        .bind(key)
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else {
            return Ok(Claim::InFlight);
        };
        if row.get::<String, _>("request_hash") != request_hash {
            return Ok(Claim::Mismatch);
        }
        Ok(
            match (
                row.get::<Option<i64>, _>("status_code"),
                row.get::<Option<String>, _>("response"),
            ) {
                (Some(status), Some(response)) => Claim::Done {
                    status: status as u16,
                    response,
                },
                _ => Claim::InFlight,
            },
        )
    }

    pub async fn complete_idempotency_key(
        &self,
        tenant: &TenantId,
        mode: Mode,
        key: &str,
        status: u16,
        sealed_response: &str,
    ) -> StoreResult<()> {
        sqlx::query("UPDATE idempotency_keys SET status_code = $1, response = $2 WHERE tenant_id = $3 AND mode = $4 AND idem_key = $5")
            .bind(i64::from(status))
            .bind(sealed_response)
            .bind(tenant.as_str())
            .bind(mode.as_str())
            .bind(key)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Forgets a key whose request failed on our side, so the client may retry with it.
    pub async fn release_idempotency_key(
        &self,
        tenant: &TenantId,
        mode: Mode,
        key: &str,
    ) -> StoreResult<()> {
        sqlx::query("DELETE FROM idempotency_keys WHERE tenant_id = $1 AND mode = $2 AND idem_key = $3 AND status_code IS NULL")
            .bind(tenant.as_str())
            .bind(mode.as_str())
            .bind(key)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    pub async fn purge_idempotency_keys(&self) -> StoreResult<u64> {
        let done = sqlx::query("DELETE FROM idempotency_keys WHERE created_at < $1")
            .bind(now_ms() - RETENTION_MS)
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected())
    }
}
