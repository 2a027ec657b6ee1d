//! The audit log: append-only and hash-chained.
//!
//! Verifications carry their own trail (the events table, which is also the webhook outbox).
//! Everything else that changes a tenant's setup — webhook endpoints, API keys, tenants, flows —
//! is recorded here, in the same transaction as the change, so a change without its entry cannot
//! exist. Each entry's hash covers its fields and the previous entry's hash: rewriting or removing
//! an entry breaks every later hash, which `kyra audit verify` reports.

use serde_json::Value;
use sha2::{Digest, Sha256};
use sqlx::Row;

use super::{Backend, Store, StoreResult};
use crate::ids::{AuditId, TenantId};
use crate::secrets::{hex, Mode};

/// The `prev_hash` of the first entry.
const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Serializes appends on PostgreSQL so two transactions never chain onto the same head (SQLite
/// has a single writer already). Any constant works; this one spells "kyraaudt".
const CHAIN_LOCK: i64 = 0x6b79_7261_6175_6474;

/// What is being recorded. Never put secrets or personal data in `details`.
#[derive(Clone, Debug)]
pub struct AuditEntry {
    /// `None` for installation-wide actions.
    pub tenant_id: Option<TenantId>,
    pub mode: Option<Mode>,
    /// `api_key:key_…`, `cli:<os user>`, `system`.
    pub actor: String,
    /// `<target>.<verb>`, e.g. `webhook_endpoint.created`.
    pub action: &'static str,
    pub target_type: &'static str,
    pub target_id: String,
    pub request_id: Option<String>,
    pub details: Value,
}

impl AuditEntry {
    pub fn new(
        actor: impl Into<String>,
        action: &'static str,
        target_type: &'static str,
        target_id: impl Into<String>,
    ) -> AuditEntry {
        AuditEntry {
            tenant_id: None,
            mode: None,
            actor: actor.into(),
            action,
            target_type,
            target_id: target_id.into(),
            request_id: None,
            details: Value::Object(Default::default()),
        }
    }

    pub fn tenant(mut self, tenant: &TenantId, mode: Option<Mode>) -> AuditEntry {
        self.tenant_id = Some(tenant.clone());
        self.mode = mode;
        self
    }

    pub fn request(mut self, request_id: Option<String>) -> AuditEntry {
        self.request_id = request_id;
        self
    }

    pub fn details(mut self, details: Value) -> AuditEntry {
        self.details = details;
        self
    }
}

/// An entry as stored.
#[derive(Clone, Debug, serde::Serialize)]
pub struct AuditRecord {
    pub seq: i64,
    pub id: String,
    pub tenant_id: Option<String>,
    pub mode: Option<String>,
    pub actor: String,
    pub action: String,
    pub target_type: String,
    pub target_id: String,
    pub request_id: Option<String>,
    pub details: String,
    pub created_at: i64,
    pub prev_hash: String,
    pub hash: String,
}

impl AuditRecord {
    /// The hash this entry must have: over a JSON array of every field, so no choice of field
    /// contents can make two different entries serialize alike.
    fn expected_hash(&self) -> String {
        let canonical = serde_json::json!([
            self.prev_hash,
            self.seq,
            self.id,
            self.tenant_id,
            self.mode,
            self.actor,
            self.action,
            self.target_type,
            self.target_id,
            self.request_id,
            self.details,
            self.created_at,
        ]);
        hex(&Sha256::digest(canonical.to_string().as_bytes()))
    }
}

/// What `kyra audit verify` found.
#[derive(Debug, PartialEq, Eq)]
pub enum ChainCheck {
    Intact { entries: i64, head: Option<String> },
    Broken { seq: i64, why: String },
}

/// Appends `entry` inside the caller's transaction.
pub(super) async fn append_audit(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    backend: Backend,
    entry: &AuditEntry,
) -> StoreResult<()> {
    if backend == Backend::Postgres {
        sqlx::query("SELECT pg_advisory_xact_lock($1)")
            .bind(CHAIN_LOCK)
            .execute(&mut **tx)
            .await?;
    }
    let head = sqlx::query("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
        .fetch_optional(&mut **tx)
        .await?;
    let (seq, prev_hash) = match head {
        Some(row) => (row.get::<i64, _>("seq") + 1, row.get::<String, _>("hash")),
        None => (1, GENESIS.to_owned()),
    };
    let mut record = AuditRecord {
        seq,
        id: AuditId::generate().to_string(),
        tenant_id: entry.tenant_id.as_ref().map(|t| t.to_string()),
        mode: entry.mode.map(|m| m.as_str().to_owned()),
        actor: entry.actor.clone(),
        action: entry.action.to_owned(),
        target_type: entry.target_type.to_owned(),
        target_id: entry.target_id.clone(),
        request_id: entry.request_id.clone(),
        details: entry.details.to_string(),
        created_at: super::now_ms(),
        prev_hash,
        hash: String::new(),
    };
    record.hash = record.expected_hash();
    sqlx::query(
        "INSERT INTO audit_log (seq, id, tenant_id, mode, actor, action, target_type, target_id, \
         request_id, details, created_at, prev_hash, hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
    )
    .bind(record.seq)
    .bind(&record.id)
    .bind(record.tenant_id.clone())
    .bind(record.mode.clone())
    .bind(&record.actor)
    .bind(&record.action)
    .bind(&record.target_type)
    .bind(&record.target_id)
    .bind(record.request_id.clone())
    .bind(&record.details)
    .bind(record.created_at)
    .bind(&record.prev_hash)
    .bind(&record.hash)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

const COLUMNS: &str =
    "seq, id, tenant_id, mode, actor, action, target_type, target_id, request_id, \
    details, created_at, prev_hash, hash";

fn record_from_row(row: &sqlx::any::AnyRow) -> AuditRecord {
    AuditRecord {
        seq: row.get("seq"),
        id: row.get("id"),
        tenant_id: row.get("tenant_id"),
        mode: row.get("mode"),
        actor: row.get("actor"),
        action: row.get("action"),
        target_type: row.get("target_type"),
        target_id: row.get("target_id"),
        request_id: row.get("request_id"),
        details: row.get("details"),
        created_at: row.get("created_at"),
        prev_hash: row.get("prev_hash"),
        hash: row.get("hash"),
    }
}

/// Entries are read back for verification in pages of this size.
const VERIFY_PAGE: i64 = 1000;

impl Store {
    /// Records `entry` on its own, for changes made outside any other transaction.
    pub async fn append_audit(&self, entry: &AuditEntry) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        append_audit(&mut tx, self.backend(), entry).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The newest entries first; only one tenant's (and mode's, when given) when asked.
    pub async fn audit_entries(
        &self,
        tenant: Option<&TenantId>,
        mode: Option<Mode>,
        before_seq: Option<i64>,
        limit: i64,
    ) -> StoreResult<Vec<AuditRecord>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM audit_log WHERE ($1 IS NULL OR tenant_id = $1) \
             AND ($2 IS NULL OR mode = $2) AND seq < $3 ORDER BY seq DESC LIMIT $4"
        ))
        .bind(tenant.map(|t| t.to_string()))
        .bind(mode.map(|m| m.as_str().to_owned()))
        .bind(before_seq.unwrap_or(i64::MAX))
        .bind(limit)
        .fetch_all(self.reader())
        .await?;
        Ok(rows.iter().map(record_from_row).collect())
    }

    /// Walks the whole chain from the first entry: every `seq` follows the previous one, every
    /// `prev_hash` is the previous entry's hash, and every hash matches the entry's fields.
    pub async fn verify_audit_chain(&self) -> StoreResult<ChainCheck> {
        let mut expected_seq = 1;
        let mut prev = GENESIS.to_owned();
        loop {
            let rows = sqlx::query(&format!(
                "SELECT {COLUMNS} FROM audit_log WHERE seq >= $1 ORDER BY seq LIMIT $2"
            ))
            .bind(expected_seq)
            .bind(VERIFY_PAGE)
            .fetch_all(self.reader())
            .await?;
            if rows.is_empty() {
                return Ok(ChainCheck::Intact {
                    entries: expected_seq - 1,
                    head: (expected_seq > 1).then_some(prev),
                });
            }
            for row in &rows {
                let record = record_from_row(row);
                if record.seq != expected_seq {
                    return Ok(ChainCheck::Broken {
                        seq: expected_seq,
                        why: format!("entry {expected_seq} is missing (next is {})", record.seq),
                    });
                }
                if record.prev_hash != prev {
                    return Ok(ChainCheck::Broken {
                        seq: record.seq,
                        why: "its prev_hash is not the previous entry's hash".into(),
                    });
                }
                if record.expected_hash() != record.hash {
                    return Ok(ChainCheck::Broken {
                        seq: record.seq,
                        why: "its fields do not match its hash (the entry was altered)".into(),
                    });
                }
                prev = record.hash;
                expected_seq += 1;
            }
        }
    }
}
