//! The webhook outbox at work: fan-out of events into messages, claiming due messages, and the
//! attempt log.
//!
//! Fan-out and claiming are safe with several dispatchers on one PostgreSQL database: rows are
//! taken with `FOR UPDATE SKIP LOCKED`, so two replicas never take the same event or message.
//! SQLite has a single writer, so the same guarded statements without the locking clause suffice.

use std::collections::HashMap;

use sqlx::Row;

use super::audit::{append_audit, AuditEntry};
use super::webhook_endpoints::endpoint_from_row;
use super::{placeholders, Backend, Store, StoreResult};
use crate::ids::{AttemptId, MessageId, TenantId, WebhookEndpointId};
use crate::store::webhook_endpoints::EndpointRecord;

/// Lifecycle of a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MessageStatus {
    /// Waiting for its first or next attempt.
    Pending,
    Succeeded,
    /// Retries exhausted, or the endpoint answered 410 Gone.
    Failed,
}

impl MessageStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            MessageStatus::Pending => "pending",
            MessageStatus::Succeeded => "succeeded",
            MessageStatus::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<MessageStatus> {
        match s {
            "pending" => Some(MessageStatus::Pending),
            "succeeded" => Some(MessageStatus::Succeeded),
            "failed" => Some(MessageStatus::Failed),
            _ => None,
        }
    }
}

/// Everything one delivery needs, read after the message was claimed.
#[derive(Debug)]
pub struct DueDelivery {
    pub message_id: MessageId,
    pub attempts: i64,
    pub event_id: String,
    /// The event's tenant and verification: what its payload is sealed to.
    pub tenant_id: TenantId,
    pub verification_id: Option<String>,
    pub event_created_at: i64,
    /// Sealed event body.
    pub payload: String,
    pub endpoint: EndpointRecord,
}

/// The result of one attempt, to be written atomically with the message's next state.
#[derive(Debug)]
pub struct AttemptOutcome {
    pub message_id: MessageId,
    pub endpoint_id: WebhookEndpointId,
    /// 1-based number of this attempt.
    pub attempt: i64,
    pub attempted_at: i64,
    pub status_code: Option<u16>,
    pub latency_ms: i64,
    pub response_excerpt: Option<String>,
    pub error: Option<String>,
    /// The failure was Kyra's own (it could not open the event's payload or the endpoint's
    /// signing secret), not the receiver's: the message is retried, but the endpoint's failure
    /// streak is left alone, so Kyra's faults never disable a tenant's healthy endpoint.
    pub kyra_fault: bool,
    pub next: NextStep,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NextStep {
    Succeeded,
    RetryAt(i64),
    /// Retries exhausted.
    GiveUp,
    /// The receiver said 410 Gone: fail the message and disable the endpoint.
    DisableEndpoint(String),
}

/// One row of an endpoint's delivery log.
#[derive(Clone, Debug, serde::Serialize)]
pub struct AttemptRecord {
    pub id: String,
    pub message_id: String,
    pub event_type: String,
    pub message_status: MessageStatus,
    pub attempt: i64,
    pub attempted_at: i64,
    pub status_code: Option<i64>,
    pub latency_ms: i64,
    pub response_excerpt: Option<String>,
    pub error: Option<String>,
}

/// Rows per multi-row INSERT, well under both databases' bind-parameter limits.
const INSERT_CHUNK: usize = 200;

/// A message about to be inserted by the fan-out.
struct NewMessage {
    id: MessageId,
    endpoint_id: String,
    event_id: String,
    tenant_id: String,
    mode: String,
    kind: String,
    event_created_at: i64,
}

impl Store {
    /// Turns up to `limit` not yet fanned-out events into one message per matching endpoint
    /// (disabled endpoints included, so re-enabling one delivers what it missed), and marks the
    /// events, all in one transaction: a crash leaves either both or neither.
    pub async fn fan_out_events(&self, limit: i64, now: i64) -> StoreResult<usize> {
        let lock = self.skip_locked();
        let mut tx = self.pool().begin().await?;
        // Marking first makes this a write transaction from its first statement: on SQLite a
        // read that later upgrades to a write fails with SQLITE_BUSY instead of waiting.
        let events = sqlx::query(&format!(
            "UPDATE events SET fanned_out_at = $1 WHERE id IN ( \
               SELECT id FROM events WHERE fanned_out_at IS NULL \
               ORDER BY created_at, id LIMIT $2{lock}) \
             RETURNING id, tenant_id, mode, type, created_at"
        ))
        .bind(now)
        .bind(limit)
        .fetch_all(&mut *tx)
        .await?;
        if events.is_empty() {
            return Ok(0);
        }
        let mut endpoints: HashMap<(String, String), Vec<EndpointRecord>> = HashMap::new();
        let mut messages: Vec<NewMessage> = Vec::new();
        let mut ids: Vec<String> = Vec::with_capacity(events.len());
        for event in &events {
            let id: String = event.get("id");
            let tenant: String = event.get("tenant_id");
            let mode: String = event.get("mode");
            let kind: String = event.get("type");
            let key = (tenant.clone(), mode.clone());
            if !endpoints.contains_key(&key) {
                let rows = sqlx::query(&format!(
                    "SELECT {ENDPOINT_COLUMNS} FROM webhook_endpoints \
                     WHERE tenant_id = $1 AND mode = $2 AND deleted_at IS NULL"
                ))
                .bind(&tenant)
                .bind(&mode)
                .fetch_all(&mut *tx)
                .await?;
                let list = rows
                    .into_iter()
                    .map(endpoint_from_row)
                    .collect::<StoreResult<Vec<_>>>()?;
                endpoints.insert(key.clone(), list);
            }
            for endpoint in endpoints.get(&key).into_iter().flatten() {
                if endpoint.wants(&kind) {
                    messages.push(NewMessage {
                        id: MessageId::generate(),
                        endpoint_id: endpoint.id.to_string(),
                        event_id: id.clone(),
                        tenant_id: tenant.clone(),
                        mode: mode.clone(),
                        kind: kind.clone(),
                        event_created_at: event.get("created_at"),
                    });
                }
            }
            ids.push(id);
        }
        for chunk in messages.chunks(INSERT_CHUNK) {
            let mut sql = String::from(
                "INSERT INTO webhook_messages (id, endpoint_id, event_id, tenant_id, mode, event_type, \
                 status, attempts, next_attempt_at, created_at, event_created_at) VALUES ",
            );
            for i in 0..chunk.len() {
                let b = i * 8;
                if i > 0 {
                    sql.push(',');
                }
                sql.push_str(&format!(
                    "(${}, ${}, ${}, ${}, ${}, ${}, 'pending', 0, ${}, ${}, ${})",
                    b + 1,
                    b + 2,
                    b + 3,
                    b + 4,
                    b + 5,
                    b + 6,
                    b + 7,
                    b + 7,
                    b + 8
                ));
            }
            sql.push_str(" ON CONFLICT (endpoint_id, event_id) DO NOTHING");
            let mut query = sqlx::query(&sql);
            for m in chunk {
                query = query
                    .bind(m.id.as_str().to_owned())
                    .bind(m.endpoint_id.clone())
                    .bind(m.event_id.clone())
                    .bind(m.tenant_id.clone())
                    .bind(m.mode.clone())
                    .bind(m.kind.clone())
                    .bind(now)
                    .bind(m.event_created_at);
            }
            query.execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(ids.len())
    }

    /// Claims up to `limit` due messages of enabled endpoints for `lease_ms`. A dispatcher that
    /// dies mid-delivery simply lets the lease run out, and the message is claimed again:
    /// delivery is at-least-once.
    pub async fn claim_due_messages(
        &self,
        limit: i64,
        now: i64,
        lease_ms: i64,
    ) -> StoreResult<Vec<MessageId>> {
        let lock = match self.backend() {
            Backend::Postgres => " FOR UPDATE OF m SKIP LOCKED",
            Backend::Sqlite => "",
        };
        let rows = sqlx::query(&format!(
            "UPDATE webhook_messages SET claimed_until = $1 \
             WHERE (claimed_until IS NULL OR claimed_until < $2) AND status = 'pending' AND id IN ( \
               SELECT m.id FROM webhook_messages m JOIN webhook_endpoints e ON e.id = m.endpoint_id \
               WHERE m.status = 'pending' AND m.next_attempt_at <= $2 \
                 AND (m.claimed_until IS NULL OR m.claimed_until < $2) \
                 AND e.disabled_at IS NULL AND e.deleted_at IS NULL \
               ORDER BY m.next_attempt_at LIMIT $3{lock}) \
             RETURNING id"
        ))
        .bind(now + lease_ms)
        .bind(now)
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| MessageId::from_db(r.get("id")))
            .collect())
    }

    /// Reads what the claimed messages need for delivery: payload and endpoint.
    pub async fn load_deliveries(&self, ids: &[MessageId]) -> StoreResult<Vec<DueDelivery>> {
        let mut out = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(INSERT_CHUNK) {
            let prefixed: String = ENDPOINT_COLUMNS
                .split(", ")
                .map(|c| format!("e.{c}"))
                .collect::<Vec<_>>()
                .join(", ");
            let sql = format!(
                "SELECT m.id AS message_id, m.attempts, m.event_created_at, ev.id AS event_id, \
                 ev.tenant_id AS event_tenant_id, ev.verification_id, ev.payload, {prefixed} \
                 FROM webhook_messages m JOIN events ev ON ev.id = m.event_id \
                 JOIN webhook_endpoints e ON e.id = m.endpoint_id WHERE m.id IN ({})",
                placeholders(1, chunk.len())
            );
            let mut query = sqlx::query(&sql);
            for id in chunk {
                query = query.bind(id.as_str().to_owned());
            }
            for row in query.fetch_all(self.pool()).await? {
                out.push(DueDelivery {
                    message_id: MessageId::from_db(row.get("message_id")),
                    attempts: row.get("attempts"),
                    event_id: row.get("event_id"),
                    tenant_id: TenantId::from_db(row.get("event_tenant_id")),
                    verification_id: row.get("verification_id"),
                    event_created_at: row.get("event_created_at"),
                    payload: row.get("payload"),
                    endpoint: endpoint_from_row(row)?,
                });
            }
        }
        Ok(out)
    }

    /// Logs a batch of attempts and moves their messages and endpoints' health on, in one
    /// transaction (one commit for many deliveries is what makes high rates affordable).
    /// Returns the endpoints these attempts disabled.
    pub async fn record_attempts(
        &self,
        outcomes: &[AttemptOutcome],
        disable_after_failures: i64,
    ) -> StoreResult<Vec<WebhookEndpointId>> {
        let mut tx = self.pool().begin().await?;
        for chunk in outcomes.chunks(INSERT_CHUNK) {
            let mut sql = String::from(
                "INSERT INTO webhook_attempts (id, message_id, endpoint_id, attempt, attempted_at, \
                 status_code, latency_ms, response_excerpt, error) VALUES ",
            );
            for i in 0..chunk.len() {
                let b = i * 9;
                if i > 0 {
                    sql.push(',');
                }
                let params: Vec<String> = (1..=9).map(|k| format!("${}", b + k)).collect();
                sql.push_str(&format!("({})", params.join(", ")));
            }
            let mut query = sqlx::query(&sql);
            for o in chunk {
                query = query
                    .bind(AttemptId::generate().as_str().to_owned())
                    .bind(o.message_id.as_str().to_owned())
                    .bind(o.endpoint_id.as_str().to_owned())
                    .bind(o.attempt)
                    .bind(o.attempted_at)
                    .bind(o.status_code.map(i64::from))
                    .bind(o.latency_ms)
                    .bind(o.response_excerpt.clone())
                    .bind(o.error.clone());
            }
            query.execute(&mut *tx).await?;
        }
        let mut succeeded: HashMap<&str, i64> = HashMap::new();
        let mut disabled = Vec::new();
        // The common case, success, is one statement per chunk rather than one per message.
        let successes: Vec<&AttemptOutcome> = outcomes
            .iter()
            .filter(|o| o.next == NextStep::Succeeded)
            .collect();
        for chunk in successes.chunks(INSERT_CHUNK) {
            let at = chunk
                .iter()
                .map(|o| o.attempted_at)
                .max()
                .unwrap_or_default();
            let sql = format!(
                "UPDATE webhook_messages SET status = 'succeeded', attempts = attempts + 1, \
                 claimed_until = NULL, last_attempt_at = $1, succeeded_at = $1 WHERE id IN ({})",
                placeholders(2, chunk.len())
            );
            let mut query = sqlx::query(&sql).bind(at);
            for o in chunk {
                query = query.bind(o.message_id.as_str().to_owned());
            }
            query.execute(&mut *tx).await?;
        }
        for o in outcomes {
            if o.next == NextStep::Succeeded {
                let latest = succeeded.entry(o.endpoint_id.as_str()).or_insert(0);
                *latest = (*latest).max(o.attempted_at);
                continue;
            }
            let (status, next_at) = match &o.next {
                NextStep::RetryAt(at) => (MessageStatus::Pending, *at),
                _ => (MessageStatus::Failed, o.attempted_at),
            };
            sqlx::query(
                "UPDATE webhook_messages SET status = $1, attempts = $2, next_attempt_at = $3, \
                 claimed_until = NULL, last_attempt_at = $4 WHERE id = $5",
            )
            .bind(status.as_str())
            .bind(o.attempt)
            .bind(next_at)
            .bind(o.attempted_at)
            .bind(o.message_id.as_str())
            .execute(&mut *tx)
            .await?;
            if o.kyra_fault {
                continue;
            }
            sqlx::query(
                "UPDATE webhook_endpoints SET last_failure_at = $1, failure_streak = failure_streak + 1 \
                 WHERE id = $2",
            )
            .bind(o.attempted_at)
            .bind(o.endpoint_id.as_str())
            .execute(&mut *tx)
            .await?;
            let (reason, threshold) = match &o.next {
                NextStep::DisableEndpoint(reason) => (reason.clone(), 0),
                _ => (
                    format!("{disable_after_failures} consecutive failed attempts"),
                    disable_after_failures,
                ),
            };
            let done = sqlx::query(
                "UPDATE webhook_endpoints SET disabled_at = $1, disabled_reason = $2 \
                 WHERE id = $3 AND disabled_at IS NULL AND failure_streak >= $4",
            )
            .bind(o.attempted_at)
            .bind(reason)
            .bind(o.endpoint_id.as_str())
            .bind(threshold)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 1 {
                disabled.push(o.endpoint_id.clone());
            }
        }
        for (endpoint, at) in succeeded {
            // One health write per endpoint per batch; a success ends any failure streak.
            sqlx::query(
                "UPDATE webhook_endpoints SET last_success_at = $1, failure_streak = 0 WHERE id = $2",
            )
            .bind(at)
            .bind(endpoint)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(disabled)
    }

    /// The endpoint's delivery log, newest first, strictly older than `before`.
    pub async fn attempts_for_endpoint(
        &self,
        endpoint: &WebhookEndpointId,
        before: Option<&(i64, String)>,
        limit: i64,
    ) -> StoreResult<Vec<AttemptRecord>> {
        let mut sql = String::from(
            "SELECT a.id, a.message_id, m.event_type, m.status, a.attempt, a.attempted_at, \
             a.status_code, a.latency_ms, a.response_excerpt, a.error \
             FROM webhook_attempts a JOIN webhook_messages m ON m.id = a.message_id \
             WHERE a.endpoint_id = $1",
        );
        let mut next = 2;
        if before.is_some() {
            sql += &format!(" AND {}", super::older_than("a.attempted_at", "a.id", next));
            next += 3;
        }
        sql += &format!(" ORDER BY a.attempted_at DESC, a.id DESC LIMIT ${next}");
        let mut query = sqlx::query(&sql).bind(endpoint.as_str());
        if let Some((at, id)) = before {
            query = query.bind(*at).bind(*at).bind(id.clone());
        }
        let rows = query.bind(limit).fetch_all(self.pool()).await?;
        rows.into_iter()
            .map(|r| {
                let status: String = r.get("status");
                Ok(AttemptRecord {
                    id: r.get("id"),
                    message_id: r.get("message_id"),
                    event_type: r.get("event_type"),
                    message_status: MessageStatus::parse(&status).ok_or_else(|| {
                        super::StoreError::Corrupt(format!("message status {status}"))
                    })?,
                    attempt: r.get("attempt"),
                    attempted_at: r.get("attempted_at"),
                    status_code: r.get("status_code"),
                    latency_ms: r.get("latency_ms"),
                    response_excerpt: r.get("response_excerpt"),
                    error: r.get("error"),
                })
            })
            .collect()
    }

    /// Queues one message of this endpoint for immediate redelivery, with a fresh retry budget.
    /// Returns false when the endpoint has no such message.
    pub async fn redeliver_message(
        &self,
        endpoint: &WebhookEndpointId,
        message: &MessageId,
        now: i64,
        audit: &AuditEntry,
    ) -> StoreResult<bool> {
        let mut tx = self.pool().begin().await?;
        let done = sqlx::query(
            "UPDATE webhook_messages SET status = 'pending', attempts = 0, next_attempt_at = $1, \
             claimed_until = NULL WHERE id = $2 AND endpoint_id = $3",
        )
        .bind(now)
        .bind(message.as_str())
        .bind(endpoint.as_str())
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        append_audit(&mut tx, self.backend(), audit).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Queues every failed message of this endpoint created at or after `since`.
    pub async fn redeliver_failed_since(
        &self,
        endpoint: &WebhookEndpointId,
        since: i64,
        now: i64,
        audit: AuditEntry,
    ) -> StoreResult<u64> {
        let mut tx = self.pool().begin().await?;
        let done = sqlx::query(
            "UPDATE webhook_messages SET status = 'pending', attempts = 0, next_attempt_at = $1, \
             claimed_until = NULL WHERE endpoint_id = $2 AND status = 'failed' AND created_at >= $3",
        )
        .bind(now)
        .bind(endpoint.as_str())
        .bind(since)
        .execute(&mut *tx)
        .await?;
        let queued = done.rows_affected();
        let audit = audit.details(serde_json::json!({ "since": since, "queued": queued }));
        append_audit(&mut tx, self.backend(), &audit).await?;
        tx.commit().await?;
        Ok(queued)
    }

    /// Removes up to `limit` finished messages created before `cutoff` whose attempts are all
    /// older than it, with those attempts. Returns how many messages went.
    pub async fn purge_delivered(&self, cutoff: i64, limit: i64) -> StoreResult<u64> {
        let mut tx = self.pool().begin().await?;
        sqlx::query(
            "DELETE FROM webhook_attempts WHERE id IN (SELECT a.id FROM webhook_attempts a \
             JOIN webhook_messages m ON m.id = a.message_id \
             WHERE a.attempted_at < $1 AND m.status <> 'pending' LIMIT $2)",
        )
        .bind(cutoff)
        .bind(limit * 4)
        .execute(&mut *tx)
        .await?;
        let purged = sqlx::query(
            "DELETE FROM webhook_messages WHERE id IN (SELECT m.id FROM webhook_messages m \
             WHERE m.status <> 'pending' AND m.created_at < $1 \
             AND NOT EXISTS (SELECT 1 FROM webhook_attempts a WHERE a.message_id = m.id) LIMIT $2)",
        )
        .bind(cutoff)
        .bind(limit)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(purged.rows_affected())
    }

    fn skip_locked(&self) -> &'static str {
        match self.backend() {
            Backend::Postgres => " FOR UPDATE SKIP LOCKED",
            Backend::Sqlite => "",
        }
    }
}

const ENDPOINT_COLUMNS: &str = super::webhook_endpoints::COLUMNS;
