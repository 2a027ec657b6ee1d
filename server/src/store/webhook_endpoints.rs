//! Webhook endpoints: where a tenant wants events, with sealed signing secrets and health.

use sqlx::Row;

use super::audit::{append_audit, AuditEntry};
use super::{Store, StoreError, StoreResult};
use crate::ids::{EventId, MessageId, TenantId, WebhookEndpointId};
use crate::secrets::Mode;

/// An endpoint as stored. Secrets stay sealed here; only the dispatcher and the create/rotate
/// responses ever open them.
#[derive(Clone, Debug)]
pub struct EndpointRecord {
    pub id: WebhookEndpointId,
    pub tenant_id: TenantId,
    pub mode: Mode,
    pub url: String,
    /// Event types this endpoint receives; empty means all.
    pub events: Vec<String>,
    pub description: Option<String>,
    pub secret_sealed: String,
    pub previous_secret_sealed: Option<String>,
    pub previous_secret_expires_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    pub last_success_at: Option<i64>,
    pub last_failure_at: Option<i64>,
    pub failure_streak: i64,
    pub disabled_at: Option<i64>,
    pub disabled_reason: Option<String>,
}

impl EndpointRecord {
    pub fn wants(&self, event_type: &str) -> bool {
        self.events.is_empty() || self.events.iter().any(|e| e == event_type)
    }
}

pub(super) const COLUMNS: &str = "id, tenant_id, mode, url, events, description, secret_sealed, \
    previous_secret_sealed, previous_secret_expires_at, created_at, updated_at, last_success_at, \
    last_failure_at, failure_streak, disabled_at, disabled_reason";

/// A `webhook.test` event addressed to one endpoint.
pub struct TestEvent {
    pub event_id: EventId,
    pub message_id: MessageId,
    pub actor: String,
    /// Sealed `{type, timestamp, data}`, bound by [`super::payload_binding`] (to the tenant).
    pub payload: String,
    pub at: i64,
}

impl Store {
    pub async fn insert_endpoint(&self, e: &EndpointRecord, audit: &AuditEntry) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        sqlx::query(&format!(
            "INSERT INTO webhook_endpoints ({COLUMNS}) VALUES \
             ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)"
        ))
        .bind(e.id.as_str())
        .bind(e.tenant_id.as_str())
        .bind(e.mode.as_str())
        .bind(&e.url)
        .bind(events_json(&e.events)?)
        .bind(e.description.clone())
        .bind(&e.secret_sealed)
        .bind(e.previous_secret_sealed.clone())
        .bind(e.previous_secret_expires_at)
        .bind(e.created_at)
        .bind(e.updated_at)
        .bind(e.last_success_at)
        .bind(e.last_failure_at)
        .bind(e.failure_streak)
        .bind(e.disabled_at)
        .bind(e.disabled_reason.clone())
        .execute(&mut *tx)
        .await?;
        append_audit(&mut tx, self.backend(), audit).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The tenant's endpoints in one mode, newest first, strictly older than `before`.
    pub async fn endpoints_for_tenant(
        &self,
        tenant: &TenantId,
        mode: Mode,
        before: Option<&(i64, String)>,
        limit: i64,
    ) -> StoreResult<Vec<EndpointRecord>> {
        let mut sql = format!(
            "SELECT {COLUMNS} FROM webhook_endpoints \
             WHERE tenant_id = $1 AND mode = $2 AND deleted_at IS NULL"
        );
        let mut next = 3;
        if before.is_some() {
            sql += &format!(" AND {}", super::older_than("created_at", "id", next));
            next += 3;
        }
        sql += &format!(" ORDER BY created_at DESC, id DESC LIMIT ${next}");
        let mut query = sqlx::query(&sql).bind(tenant.as_str()).bind(mode.as_str());
        if let Some((at, id)) = before {
            query = query.bind(*at).bind(*at).bind(id.clone());
        }
        let rows = query.bind(limit).fetch_all(self.pool()).await?;
        rows.into_iter().map(endpoint_from_row).collect()
    }

    /// One endpoint as seen by a tenant in one mode; anybody else's is not found.
    pub async fn endpoint_for_tenant(
        &self,
        tenant: &TenantId,
        mode: Mode,
        id: &WebhookEndpointId,
    ) -> StoreResult<Option<EndpointRecord>> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM webhook_endpoints \
             WHERE id = $1 AND tenant_id = $2 AND mode = $3 AND deleted_at IS NULL"
        ))
        .bind(id.as_str())
        .bind(tenant.as_str())
        .bind(mode.as_str())
        .fetch_optional(self.pool())
        .await?;
        row.map(endpoint_from_row).transpose()
    }

    /// Saves the editable fields: URL, filter, description and the enabled state.
    pub async fn update_endpoint(&self, e: &EndpointRecord, audit: &AuditEntry) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        sqlx::query(
            "UPDATE webhook_endpoints SET url = $1, events = $2, description = $3, updated_at = $4, \
             disabled_at = $5, disabled_reason = $6, failure_streak = $7 \
             WHERE id = $8 AND deleted_at IS NULL",
        )
        .bind(&e.url)
        .bind(events_json(&e.events)?)
        .bind(e.description.clone())
        .bind(e.updated_at)
        .bind(e.disabled_at)
        .bind(e.disabled_reason.clone())
        .bind(e.failure_streak)
        .bind(e.id.as_str())
        .execute(&mut *tx)
        .await?;
        append_audit(&mut tx, self.backend(), audit).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Soft delete: the delivery log stays queryable by the operator, nothing is sent any more.
    pub async fn delete_endpoint(
        &self,
        id: &WebhookEndpointId,
        at: i64,
        audit: &AuditEntry,
    ) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        sqlx::query("UPDATE webhook_endpoints SET deleted_at = $1, updated_at = $1 WHERE id = $2")
            .bind(at)
            .bind(id.as_str())
            .execute(&mut *tx)
            .await?;
        append_audit(&mut tx, self.backend(), audit).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Installs a new secret; the old one keeps signing until `previous_expires_at`.
    pub async fn rotate_endpoint_secret(
        &self,
        id: &WebhookEndpointId,
        secret_sealed: &str,
        previous_sealed: &str,
        previous_expires_at: i64,
        at: i64,
        audit: &AuditEntry,
    ) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        sqlx::query(
            "UPDATE webhook_endpoints SET secret_sealed = $1, previous_secret_sealed = $2, \
             previous_secret_expires_at = $3, updated_at = $4 WHERE id = $5",
        )
        .bind(secret_sealed)
        .bind(previous_sealed)
        .bind(previous_expires_at)
        .bind(at)
        .bind(id.as_str())
        .execute(&mut *tx)
        .await?;
        append_audit(&mut tx, self.backend(), audit).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records a `webhook.test` event and its one message atomically. The event is born fanned
    /// out, so it reaches only this endpoint.
    pub async fn insert_test_event(
        &self,
        endpoint: &EndpointRecord,
        test: &TestEvent,
        audit: &AuditEntry,
    ) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        sqlx::query(
            "INSERT INTO events (id, tenant_id, mode, verification_id, sequence, type, actor, payload, created_at, fanned_out_at) \
             VALUES ($1, $2, $3, NULL, 0, 'webhook.test', $4, $5, $6, $6)",
        )
        .bind(test.event_id.as_str())
        .bind(endpoint.tenant_id.as_str())
        .bind(endpoint.mode.as_str())
        .bind(&test.actor)
        .bind(&test.payload)
        .bind(test.at)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO webhook_messages (id, endpoint_id, event_id, tenant_id, mode, event_type, status, attempts, next_attempt_at, created_at, event_created_at) \
             VALUES ($1, $2, $3, $4, $5, 'webhook.test', 'pending', 0, $6, $6, $6)",
        )
        .bind(test.message_id.as_str())
        .bind(endpoint.id.as_str())
        .bind(test.event_id.as_str())
        .bind(endpoint.tenant_id.as_str())
        .bind(endpoint.mode.as_str())
        .bind(test.at)
        .execute(&mut *tx)
        .await?;
        append_audit(&mut tx, self.backend(), audit).await?;
        tx.commit().await?;
        self.signal_outbox();
        Ok(())
    }
}

fn events_json(events: &[String]) -> StoreResult<String> {
    serde_json::to_string(events).map_err(|e| StoreError::Corrupt(e.to_string()))
}

pub(super) fn endpoint_from_row(row: sqlx::any::AnyRow) -> StoreResult<EndpointRecord> {
    let mode: String = row.get("mode");
    let events: String = row.get("events");
    Ok(EndpointRecord {
        id: WebhookEndpointId::from_db(row.get("id")),
        tenant_id: TenantId::from_db(row.get("tenant_id")),
        mode: Mode::parse(&mode).ok_or_else(|| StoreError::Corrupt(format!("mode {mode}")))?,
        url: row.get("url"),
        events: serde_json::from_str(&events)
            .map_err(|e| StoreError::Corrupt(format!("endpoint events: {e}")))?,
        description: row.get("description"),
        secret_sealed: row.get("secret_sealed"),
        previous_secret_sealed: row.get("previous_secret_sealed"),
        previous_secret_expires_at: row.get("previous_secret_expires_at"),
        created_at: row.get("created_at"),
        updated_at: row.get("updated_at"),
        last_success_at: row.get("last_success_at"),
        last_failure_at: row.get("last_failure_at"),
        failure_streak: row.get("failure_streak"),
        disabled_at: row.get("disabled_at"),
        disabled_reason: row.get("disabled_reason"),
    })
}
