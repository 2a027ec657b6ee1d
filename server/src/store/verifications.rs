//! Verifications. Every state change writes its event row in the same transaction.

use sqlx::Row;

use super::consents::{insert_consent, NewConsent};
use super::events::{insert_event, NewEvent};
use super::{Store, StoreError, StoreResult};
use crate::ids::{FlowId, TenantId, VerificationId};
use crate::secrets::{Mode, SecretHash};
use crate::verification::{JourneyStep, Status};

/// Everything needed to insert a verification.
#[derive(Debug)]
pub struct NewVerification {
    pub id: VerificationId,
    pub tenant_id: TenantId,
    pub flow_id: FlowId,
    pub flow_version: i64,
    pub mode: Mode,
    pub reference_id: Option<String>,
    pub applicant_sealed: Option<String>,
    pub locale: Option<String>,
    pub return_url: Option<String>,
    pub metadata: String,
    pub client_token_hash: SecretHash,
    pub max_attempts: i64,
    pub created_at: i64,
    pub expires_at: i64,
}

#[derive(Clone, Debug)]
pub struct VerificationRecord {
    pub id: VerificationId,
    pub tenant_id: TenantId,
    pub flow_id: FlowId,
    pub flow_version: i64,
    pub mode: Mode,
    pub status: Status,
    pub step: JourneyStep,
    pub reference_id: Option<String>,
    pub applicant_sealed: Option<String>,
    pub locale: Option<String>,
    pub return_url: Option<String>,
    pub metadata: String,
    pub client_token_hash: SecretHash,
    pub attempt: i64,
    pub max_attempts: i64,
    pub sequence: i64,
    pub created_at: i64,
    pub expires_at: i64,
    pub submitted_at: Option<i64>,
    pub completed_at: Option<i64>,
}

const COLUMNS: &str = "id, tenant_id, flow_id, flow_version, mode, status, step, reference_id, \
    applicant_sealed, locale, return_url, metadata, client_token_hash, attempt, max_attempts, sequence, created_at, \
    expires_at, submitted_at, completed_at";

impl Store {
    /// Inserts a verification and its `verification.created` event atomically.
    pub async fn insert_verification(
        &self,
        v: &NewVerification,
        created_event: impl FnOnce(&VerificationRecord) -> NewEvent,
    ) -> StoreResult<VerificationRecord> {
        let record = VerificationRecord {
            id: v.id.clone(),
            tenant_id: v.tenant_id.clone(),
            flow_id: v.flow_id.clone(),
            flow_version: v.flow_version,
            mode: v.mode,
            status: Status::Pending,
            step: JourneyStep::Welcome,
            reference_id: v.reference_id.clone(),
            applicant_sealed: v.applicant_sealed.clone(),
            locale: v.locale.clone(),
            return_url: v.return_url.clone(),
            metadata: v.metadata.clone(),
            client_token_hash: v.client_token_hash.clone(),
            attempt: 1,
            max_attempts: v.max_attempts,
            sequence: 1,
            created_at: v.created_at,
            expires_at: v.expires_at,
            submitted_at: None,
            completed_at: None,
        };
        let mut tx = self.pool().begin().await?;
        sqlx::query(&format!(
            "INSERT INTO verifications ({COLUMNS}, updated_at) VALUES \
             ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)"
        ))
        .bind(record.id.as_str())
        .bind(record.tenant_id.as_str())
        .bind(record.flow_id.as_str())
        .bind(record.flow_version)
        .bind(record.mode.as_str())
        .bind(record.status.as_str())
        .bind(record.step.as_str())
        .bind(record.reference_id.clone())
        .bind(record.applicant_sealed.clone())
        .bind(record.locale.clone())
        .bind(record.return_url.clone())
        .bind(&record.metadata)
        .bind(record.client_token_hash.as_str())
        .bind(record.attempt)
        .bind(record.max_attempts)
        .bind(record.sequence)
        .bind(record.created_at)
        .bind(record.expires_at)
        .bind(None::<i64>)
        .bind(None::<i64>)
        .bind(record.created_at)
        .execute(&mut *tx)
        .await?;
        insert_event(&mut tx, &created_event(&record)).await?;
        tx.commit().await?;
        Ok(record)
    }

    /// A verification as seen by one tenant in one mode: another tenant's id, or a test id asked
    /// for with a live key, is simply not found.
    pub async fn verification_for_tenant(
        &self,
        tenant: &TenantId,
        mode: Mode,
        id: &VerificationId,
    ) -> StoreResult<Option<VerificationRecord>> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM verifications WHERE id = $1 AND tenant_id = $2 AND mode = $3"
        ))
        .bind(id.as_str())
        .bind(tenant.as_str())
        .bind(mode.as_str())
        .fetch_optional(self.pool())
        .await?;
        row.map(record_from_row).transpose()
    }

    /// A verification by id alone, for the applicant journey (which then checks the token).
    pub async fn verification(
        &self,
        id: &VerificationId,
    ) -> StoreResult<Option<VerificationRecord>> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM verifications WHERE id = $1"
        ))
        .bind(id.as_str())
        .fetch_optional(self.pool())
        .await?;
        row.map(record_from_row).transpose()
    }

    /// Records a consent and moves the journey from welcome to the document step, but only if the
    /// verification is still at the sequence the caller saw: of two concurrent submissions exactly
    /// one applies. Returns the updated record, or `None` when another request changed it first.
    pub async fn record_consent(
        &self,
        current: &VerificationRecord,
        consent: &NewConsent,
        events: &[NewEvent],
    ) -> StoreResult<Option<VerificationRecord>> {
        let next_sequence = current.sequence + events.len() as i64;
        let status = if current.status == Status::Pending {
            Status::InProgress
        } else {
            current.status
        };
        let step = JourneyStep::Document;
        let mut tx = self.pool().begin().await?;
        let updated = sqlx::query(
            "UPDATE verifications SET step = $1, status = $2, sequence = $3, updated_at = $4 \
             WHERE id = $5 AND sequence = $6",
        )
        .bind(step.as_str())
        .bind(status.as_str())
        .bind(next_sequence)
        .bind(consent.accepted_at)
        .bind(current.id.as_str())
        .bind(current.sequence)
        .execute(&mut *tx)
        .await?;
        if updated.rows_affected() != 1 {
            return Ok(None);
        }
        insert_consent(&mut tx, &current.id, consent).await?;
        for event in events {
            insert_event(&mut tx, event).await?;
        }
        tx.commit().await?;
        Ok(Some(VerificationRecord {
            step,
            status,
            sequence: next_sequence,
            ..current.clone()
        }))
    }
}

fn record_from_row(row: sqlx::any::AnyRow) -> StoreResult<VerificationRecord> {
    let mode: String = row.get("mode");
    let status: String = row.get("status");
    let step: String = row.get("step");
    Ok(VerificationRecord {
        id: VerificationId::from_db(row.get("id")),
        tenant_id: TenantId::from_db(row.get("tenant_id")),
        flow_id: FlowId::from_db(row.get("flow_id")),
        flow_version: row.get("flow_version"),
        mode: Mode::parse(&mode).ok_or_else(|| StoreError::Corrupt(format!("mode {mode}")))?,
        status: Status::parse(&status)
            .ok_or_else(|| StoreError::Corrupt(format!("status {status}")))?,
        step: JourneyStep::parse(&step)
            .ok_or_else(|| StoreError::Corrupt(format!("step {step}")))?,
        reference_id: row.get("reference_id"),
        applicant_sealed: row.get("applicant_sealed"),
        locale: row.get("locale"),
        return_url: row.get("return_url"),
        metadata: row.get("metadata"),
        client_token_hash: SecretHash::from_db(row.get("client_token_hash")),
        attempt: row.get("attempt"),
        max_attempts: row.get("max_attempts"),
        sequence: row.get("sequence"),
        created_at: row.get("created_at"),
        expires_at: row.get("expires_at"),
        submitted_at: row.get("submitted_at"),
        completed_at: row.get("completed_at"),
    })
}
