//! API keys: stored as a hash, bound to one tenant, one flow and one mode.

use sqlx::Row;

use super::audit::{append_audit, AuditEntry};
use super::{now_ms, Store, StoreResult};
use crate::ids::{FlowId, KeyId, TenantId};
use crate::secrets::{display_prefix, new_api_key, Mode, SecretHash};

/// A key just created: the only time its plaintext exists outside the caller's hands.
#[derive(Debug)]
pub struct NewApiKey {
    pub id: KeyId,
    pub tenant_id: TenantId,
    pub flow_id: FlowId,
    pub mode: Mode,
    pub plaintext: String,
}

/// What authenticating a request with a key yields.
#[derive(Clone, Debug)]
pub struct ApiKeyRecord {
    pub id: KeyId,
    pub tenant_id: TenantId,
    pub flow_id: FlowId,
    /// The key's flow's current version, read with the key so that a request needs no second
    /// round trip for it (the configuration of a version comes from [`Store::flow_at`]).
    pub flow_version: i64,
    pub mode: Mode,
    pub revoked: bool,
    pub last_used_at: Option<i64>,
    secret_hash: SecretHash,
}

impl ApiKeyRecord {
    /// Constant-time check that the presented secret is this key's.
    pub fn matches(&self, presented: &SecretHash) -> bool {
        self.secret_hash.matches(presented)
    }

    /// Whether a use at `now_ms` should be written to `last_used_at` (at most once a minute).
    pub fn due_for_touch(&self, now_ms: i64) -> bool {
        self.last_used_at
            .is_none_or(|t| now_ms - t >= LAST_USED_RESOLUTION_MS)
    }
}

/// A key as an operator lists it: never its secret or hash, only the prefix shown at creation.
#[derive(Clone, Debug, serde::Serialize)]
pub struct KeySummary {
    pub id: KeyId,
    pub tenant_id: TenantId,
    pub flow_id: FlowId,
    pub mode: Mode,
    /// The first characters of the key, as printed when it was created.
    pub prefix: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

/// `last_used_at` is refreshed at most this often, so authentication stays a read on hot paths.
const LAST_USED_RESOLUTION_MS: i64 = 60_000;

impl Store {
    pub async fn create_api_key(
        &self,
        tenant: &TenantId,
        flow: &FlowId,
        mode: Mode,
        actor: &str,
    ) -> StoreResult<NewApiKey> {
        let secret = new_api_key(mode);
        let id = KeyId::generate();
        let mut tx = self.pool().begin().await?;
        sqlx::query(
            "INSERT INTO api_keys (id, tenant_id, flow_id, mode, prefix, secret_hash, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id.as_str())
        .bind(tenant.as_str())
        .bind(flow.as_str())
        .bind(mode.as_str())
        .bind(display_prefix(&secret.plaintext))
        .bind(secret.hash.as_str())
        .bind(now_ms())
        .execute(&mut *tx)
        .await?;
        let audit = AuditEntry::new(actor, "api_key.created", "api_key", id.as_str())
            .tenant(tenant, Some(mode))
            .details(
                serde_json::json!({ "flow_id": flow, "prefix": display_prefix(&secret.plaintext) }),
            );
        append_audit(&mut tx, self.backend(), &audit).await?;
        tx.commit().await?;
        Ok(NewApiKey {
            id,
            tenant_id: tenant.clone(),
            flow_id: flow.clone(),
            mode,
            plaintext: secret.plaintext,
        })
    }

    /// A tenant's keys, oldest first, revoked ones included.
    pub async fn api_keys_of_tenant(&self, tenant: &TenantId) -> StoreResult<Vec<KeySummary>> {
        let rows = sqlx::query(
            "SELECT id, tenant_id, flow_id, mode, prefix, created_at, last_used_at, revoked_at \
             FROM api_keys WHERE tenant_id = $1 ORDER BY created_at, id",
        )
        .bind(tenant.as_str())
        .fetch_all(self.reader())
        .await?;
        rows.into_iter()
            .map(|row| {
                let mode: String = row.get("mode");
                Ok(KeySummary {
                    id: KeyId::from_db(row.get("id")),
                    tenant_id: TenantId::from_db(row.get("tenant_id")),
                    flow_id: FlowId::from_db(row.get("flow_id")),
                    mode: Mode::parse(&mode)
                        .ok_or_else(|| super::StoreError::Corrupt(format!("key mode {mode}")))?,
                    prefix: row.get("prefix"),
                    created_at: row.get("created_at"),
                    last_used_at: row.get("last_used_at"),
                    revoked_at: row.get("revoked_at"),
                })
            })
            .collect()
    }

    /// Looks a key up by the hash of the presented secret.
    pub async fn api_key_by_hash(&self, hash: &SecretHash) -> StoreResult<Option<ApiKeyRecord>> {
        let row = sqlx::query(
            "SELECT k.id, k.tenant_id, k.flow_id, f.version AS flow_version, k.mode, k.secret_hash, \
             k.last_used_at, k.revoked_at \
             FROM api_keys k JOIN flows f ON f.id = k.flow_id WHERE k.secret_hash = $1",
        )
        .bind(hash.as_str())
        .fetch_optional(self.reader())
        .await?;
        let Some(row) = row else { return Ok(None) };
        let mode: String = row.get("mode");
        Ok(Some(ApiKeyRecord {
            id: KeyId::from_db(row.get("id")),
            tenant_id: TenantId::from_db(row.get("tenant_id")),
            flow_id: FlowId::from_db(row.get("flow_id")),
            flow_version: row.get("flow_version"),
            mode: Mode::parse(&mode)
                .ok_or_else(|| super::StoreError::Corrupt(format!("key mode {mode}")))?,
            revoked: row.get::<Option<i64>, _>("revoked_at").is_some(),
            last_used_at: row.get("last_used_at"),
            secret_hash: SecretHash::from_db(row.get("secret_hash")),
        }))
    }

    /// Records that a key was used, unless it was recorded within the last minute.
    pub async fn touch_api_key(&self, key: &ApiKeyRecord) -> StoreResult<()> {
        let now = now_ms();
        if !key.due_for_touch(now) {
            return Ok(());
        }
        sqlx::query("UPDATE api_keys SET last_used_at = $1 WHERE id = $2")
            .bind(now)
            .bind(key.id.as_str())
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Revokes a key; returns false when no such (unrevoked) key exists.
    pub async fn revoke_api_key(&self, id: &KeyId, actor: &str) -> StoreResult<bool> {
        let mut tx = self.pool().begin().await?;
        let revoked = sqlx::query(
            "UPDATE api_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL \
             RETURNING tenant_id, mode",
        )
        .bind(now_ms())
        .bind(id.as_str())
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = revoked else {
            return Ok(false);
        };
        let tenant = TenantId::from_db(row.get("tenant_id"));
        let mode = Mode::parse(row.get::<&str, _>("mode"));
        let audit =
            AuditEntry::new(actor, "api_key.revoked", "api_key", id.as_str()).tenant(&tenant, mode);
        append_audit(&mut tx, self.backend(), &audit).await?;
        tx.commit().await?;
        Ok(true)
    }
}
