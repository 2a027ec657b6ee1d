//! The event log: one row per state change, written in the transaction that makes the change.
//! It is the audit trail and, later, the webhook outbox.

use crate::ids::{EventId, TenantId, VerificationId};
use crate::secrets::Mode;

use super::StoreResult;

#[derive(Clone, Debug)]
pub struct NewEvent {
    pub tenant_id: TenantId,
    pub mode: Mode,
    pub verification_id: Option<VerificationId>,
    pub sequence: i64,
    pub kind: &'static str,
    /// Who caused it: `api_key:key_…`, `applicant`, `system`, `operator:usr_…`.
    pub actor: String,
    pub payload: String,
    pub created_at: i64,
}

pub(super) async fn insert_event(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    event: &NewEvent,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO events (id, tenant_id, mode, verification_id, sequence, type, actor, payload, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(EventId::generate().as_str())
    .bind(event.tenant_id.as_str())
    .bind(event.mode.as_str())
    .bind(event.verification_id.as_ref().map(|v| v.as_str().to_owned()))
    .bind(event.sequence)
    .bind(event.kind)
    .bind(&event.actor)
    .bind(&event.payload)
    .bind(event.created_at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
