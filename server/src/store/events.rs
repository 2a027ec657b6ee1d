//! The event log: one row per state change, written in the transaction that makes the change.
//! It is the audit trail and, later, the webhook outbox.

use crate::ids::{EventId, TenantId, VerificationId};
use crate::secrets::Mode;

use super::{placeholders, AnyQuery, StoreResult};

/// What an event's body is sealed to, the one rule for every event kind: the verification the
/// event is about, else its tenant (monitoring hits, endpoint tests). Both come from the event's
/// own row, so whoever seals a body (at the state change) and the dispatcher that opens it (at
/// delivery, possibly in another replica) cannot disagree.
pub fn payload_binding<'a>(tenant_id: &'a TenantId, verification_id: Option<&'a str>) -> &'a str {
    verification_id.unwrap_or(tenant_id.as_str())
}

#[derive(Clone, Debug)]
pub struct NewEvent {
    pub tenant_id: TenantId,
    pub mode: Mode,
    pub verification_id: Option<VerificationId>,
    pub sequence: i64,
    pub kind: &'static str,
    /// Who caused it: `api_key:key_…`, `applicant`, `system`, `operator:usr_…`.
    pub actor: String,
    /// Sealed `{type, timestamp, data}`, bound by [`payload_binding`].
    pub payload: String,
    /// The API request that caused it, for the audit trail.
    pub request_id: Option<String>,
    pub created_at: i64,
}

/// The columns a new event row is written with, in the order [`bind_event`] binds them.
pub(super) const EVENT_COLUMNS: &str =
    "id, tenant_id, mode, verification_id, sequence, type, actor, payload, request_id, created_at";

/// Binds a new event's [`EVENT_COLUMNS`], with a fresh id.
pub(super) fn bind_event<'q>(query: AnyQuery<'q>, event: &'q NewEvent) -> AnyQuery<'q> {
    query
        .bind(EventId::generate().to_string())
        .bind(event.tenant_id.as_str())
        .bind(event.mode.as_str())
        .bind(
            event
                .verification_id
                .as_ref()
                .map(|v| v.as_str().to_owned()),
        )
        .bind(event.sequence)
        .bind(event.kind)
        .bind(&event.actor)
        .bind(&event.payload)
        .bind(event.request_id.clone())
        .bind(event.created_at)
}

pub(super) async fn insert_event(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    event: &NewEvent,
) -> StoreResult<()> {
    let sql = format!(
        "INSERT INTO events ({EVENT_COLUMNS}) VALUES ({})",
        placeholders(1, 10)
    );
    bind_event(sqlx::query(&sql), event)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// An event as listed in a verification's audit trail (its sealed body is not included).
#[derive(Clone, Debug)]
pub struct EventRecord {
    pub id: String,
    pub kind: String,
    pub sequence: i64,
    pub actor: String,
    pub request_id: Option<String>,
    pub created_at: i64,
}

impl super::Store {
    pub async fn verification_events(
        &self,
        verification: &VerificationId,
    ) -> StoreResult<Vec<EventRecord>> {
        use sqlx::Row;
        let rows = sqlx::query(
            "SELECT id, type, sequence, actor, request_id, created_at FROM events \
             WHERE verification_id = $1 ORDER BY sequence, created_at",
        )
        .bind(verification.as_str())
        .fetch_all(self.reader())
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| EventRecord {
                id: r.get("id"),
                kind: r.get("type"),
                sequence: r.get("sequence"),
                actor: r.get("actor"),
                request_id: r.get("request_id"),
                created_at: r.get("created_at"),
            })
            .collect())
    }
}
