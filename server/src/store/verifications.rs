//! Verifications. Every state change is a guarded update (optimistic on `sequence`) that writes
//! its event rows in the same transaction, so the event log never disagrees with the state.

use sqlx::Row;

use super::checks::{insert_checks, insert_decision, NewDecision};
use super::consents::{insert_consent, NewConsent};
use super::documents::{insert_document, NewDocument};
use super::events::{insert_event, NewEvent};
use super::operators::{insert_review, NewReview};
use super::{now_ms, AnyQuery, Store, StoreError, StoreResult};
use crate::ids::{FlowId, TenantId, VerificationId};
use crate::secrets::{Mode, SecretHash};
use crate::verification::{DecidedBy, DeclineType, JourneyStep, Status};

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
    pub requested_checks: Vec<String>,
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
    pub decline_type: Option<DeclineType>,
    pub reason_codes: Vec<String>,
    pub risk_flags: Vec<String>,
    pub step: JourneyStep,
    pub reference_id: Option<String>,
    pub applicant_sealed: Option<String>,
    pub locale: Option<String>,
    pub return_url: Option<String>,
    pub metadata: String,
    pub requested_checks: Vec<String>,
    pub client_token_hash: SecretHash,
    pub attempt: i64,
    pub max_attempts: i64,
    pub sequence: i64,
    pub created_at: i64,
    /// When the current attempt started (creation or the last rerun).
    pub updated_at: i64,
    pub expires_at: i64,
    pub submitted_at: Option<i64>,
    pub completed_at: Option<i64>,
    /// Who took the current outcome; `None` until the attempt is decided.
    pub decided_by: Option<DecidedBy>,
}

/// Filters of `GET /verifications`.
#[derive(Debug, Default)]
pub struct ListFilter {
    pub status: Option<Status>,
    pub reference_id: Option<String>,
    pub created_gte: Option<i64>,
    pub created_lt: Option<i64>,
    /// Keyset cursor: rows strictly older than this `(created_at, id)`.
    pub before: Option<(i64, String)>,
}

pub(super) const COLUMNS: &str = "id, tenant_id, flow_id, flow_version, mode, status, decline_type, reason_codes, \
    risk_flags, step, reference_id, applicant_sealed, locale, return_url, metadata, requested_checks, \
    client_token_hash, attempt, max_attempts, sequence, created_at, updated_at, expires_at, submitted_at, \
    completed_at, decided_by";

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
            decline_type: None,
            reason_codes: Vec::new(),
            risk_flags: Vec::new(),
            step: JourneyStep::Welcome,
            reference_id: v.reference_id.clone(),
            applicant_sealed: v.applicant_sealed.clone(),
            locale: v.locale.clone(),
            return_url: v.return_url.clone(),
            metadata: v.metadata.clone(),
            requested_checks: v.requested_checks.clone(),
            client_token_hash: v.client_token_hash.clone(),
            attempt: 1,
            max_attempts: v.max_attempts,
            sequence: 1,
            created_at: v.created_at,
            updated_at: v.created_at,
            expires_at: v.expires_at,
            submitted_at: None,
            completed_at: None,
            decided_by: None,
        };
        let event = created_event(&record);
        // Committed together with the other creations waiting at that moment (`create_batch`).
        self.creates.insert(record.clone(), event).await?;
        self.signal_outbox();
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
        .fetch_optional(self.reader())
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
        .fetch_optional(self.reader())
        .await?;
        row.map(record_from_row).transpose()
    }

    /// Newest first, keyset-paginated. Fetches `limit` rows of one mode (the API: a key's mode),
    /// or of both (the console).
    pub async fn list_verifications(
        &self,
        tenant: &TenantId,
        mode: Option<Mode>,
        filter: &ListFilter,
        limit: i64,
    ) -> StoreResult<Vec<VerificationRecord>> {
        let mut sql = format!("SELECT {COLUMNS} FROM verifications WHERE tenant_id = $1");
        let mut n = 1;
        let mut next = || {
            n += 1;
            format!("${n}")
        };
        if mode.is_some() {
            sql += &format!(" AND mode = {}", next());
        }
        if filter.status.is_some() {
            sql += &format!(" AND status = {}", next());
        }
        if filter.reference_id.is_some() {
            sql += &format!(" AND reference_id = {}", next());
        }
        if filter.created_gte.is_some() {
            sql += &format!(" AND created_at >= {}", next());
        }
        if filter.created_lt.is_some() {
            sql += &format!(" AND created_at < {}", next());
        }
        if filter.before.is_some() {
            let (a, b, c) = (next(), next(), next());
            sql += &format!(" AND (created_at < {a} OR (created_at = {b} AND id < {c}))");
        }
        sql += &format!(" ORDER BY created_at DESC, id DESC LIMIT {}", next());
        let mut query = sqlx::query(&sql).bind(tenant.as_str());
        if let Some(mode) = mode {
            query = query.bind(mode.as_str());
        }
        if let Some(status) = filter.status {
            query = query.bind(status.as_str());
        }
        if let Some(reference) = &filter.reference_id {
            query = query.bind(reference.clone());
        }
        if let Some(t) = filter.created_gte {
            query = query.bind(t);
        }
        if let Some(t) = filter.created_lt {
            query = query.bind(t);
        }
        if let Some((at, id)) = &filter.before {
            query = query.bind(*at).bind(*at).bind(id.clone());
        }
        let rows = query.bind(limit).fetch_all(self.reader()).await?;
        rows.into_iter().map(record_from_row).collect()
    }

    /// The tenant's cases in review, both modes, oldest submission first: the console's queue.
    pub async fn review_queue(
        &self,
        tenant: &TenantId,
        limit: i64,
    ) -> StoreResult<Vec<VerificationRecord>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM verifications WHERE tenant_id = $1 AND status = 'needs_review' \
             ORDER BY submitted_at, id LIMIT $2"
        ))
        .bind(tenant.as_str())
        .bind(limit)
        .fetch_all(self.reader())
        .await?;
        rows.into_iter().map(record_from_row).collect()
    }

    /// The applicant's most recent verification, for the compliance view.
    pub async fn latest_for_reference(
        &self,
        tenant: &TenantId,
        mode: Mode,
        reference_id: &str,
    ) -> StoreResult<Option<VerificationRecord>> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM verifications WHERE tenant_id = $1 AND mode = $2 AND reference_id = $3 \
             ORDER BY created_at DESC, id DESC LIMIT 1"
        ))
        .bind(tenant.as_str())
        .bind(mode.as_str())
        .bind(reference_id)
        .fetch_optional(self.pool())
        .await?;
        row.map(record_from_row).transpose()
    }

    /// Verifications whose link expired while the applicant could still act, oldest first.
    pub async fn due_for_expiry(
        &self,
        now: i64,
        limit: i64,
    ) -> StoreResult<Vec<VerificationRecord>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM verifications WHERE status IN ('pending', 'in_progress') AND expires_at <= $1 \
             ORDER BY expires_at LIMIT $2"
        ))
        .bind(now)
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        rows.into_iter().map(record_from_row).collect()
    }

    /// Persists `next` if the row is still at `current.sequence`, with its events and the record
    /// the change carries, atomically. Returns `false` when another change won the race; the
    /// caller re-reads and decides again.
    pub async fn save_transition(
        &self,
        current: &VerificationRecord,
        next: &VerificationRecord,
        events: &[NewEvent],
        also: AlsoWrite<'_>,
    ) -> StoreResult<bool> {
        let mut tx = self.pool().begin().await?;
        if !update_guarded(&mut tx, current, next).await? {
            return Ok(false);
        }
        match also {
            AlsoWrite::Nothing => {}
            AlsoWrite::Consent(consent) => insert_consent(&mut tx, &current.id, consent).await?,
            AlsoWrite::PreviousAttempt => insert_attempt(&mut tx, current, next.updated_at).await?,
            AlsoWrite::Document(doc) => insert_document(&mut tx, current, doc).await?,
            AlsoWrite::Documents(docs) => {
                for doc in docs {
                    insert_document(&mut tx, current, doc).await?;
                }
            }
            AlsoWrite::Checks(kinds) => {
                insert_checks(&mut tx, next, kinds, next.updated_at.max(now_ms())).await?
            }
            AlsoWrite::Decision(decision) => {
                insert_decision(&mut tx, current, decision, now_ms()).await?
            }
            AlsoWrite::Review(review) => {
                insert_review(&mut tx, self.backend(), current, review, now_ms()).await?
            }
        }
        for event in events {
            insert_event(&mut tx, event).await?;
        }
        tx.commit().await?;
        self.signal_outbox();
        Ok(true)
    }
}

/// A row written in the same transaction as a verification's change.
pub enum AlsoWrite<'a> {
    Nothing,
    /// The consent that moved the journey on.
    Consent(&'a NewConsent),
    /// A snapshot of the attempt a rerun replaces.
    PreviousAttempt,
    /// The index row of an uploaded document.
    Document(&'a NewDocument),
    /// The index rows of several documents recorded together (a selfie and its liveness frames).
    Documents(&'a [NewDocument]),
    /// The queued check jobs of a submitted attempt.
    Checks(&'a [kyra_checks::reasons::CheckKind]),
    /// The decision that ends the processing of an attempt, with its evidence.
    Decision(&'a NewDecision),
    /// An operator's decision on an attempt in review, with its audit entry.
    Review(&'a NewReview),
}

async fn insert_attempt(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    current: &VerificationRecord,
    ended_at: i64,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO verification_attempts (verification_id, attempt, status, decline_type, reason_codes, \
         risk_flags, started_at, submitted_at, completed_at, ended_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(current.id.as_str())
    .bind(current.attempt)
    .bind(current.status.as_str())
    .bind(current.decline_type.map(|d| d.as_str().to_owned()))
    .bind(json_list(&current.reason_codes))
    .bind(json_list(&current.risk_flags))
    .bind(current.updated_at)
    .bind(current.submitted_at)
    .bind(current.completed_at)
    .bind(ended_at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

async fn update_guarded(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    current: &VerificationRecord,
    next: &VerificationRecord,
) -> StoreResult<bool> {
    let updated = sqlx::query(
        "UPDATE verifications SET status = $1, decline_type = $2, reason_codes = $3, risk_flags = $4, step = $5, \
         client_token_hash = $6, attempt = $7, sequence = $8, updated_at = $9, expires_at = $10, \
         submitted_at = $11, completed_at = $12, decided_by = $13 WHERE id = $14 AND sequence = $15",
    )
    .bind(next.status.as_str())
    .bind(next.decline_type.map(|d| d.as_str().to_owned()))
    .bind(json_list(&next.reason_codes))
    .bind(json_list(&next.risk_flags))
    .bind(next.step.as_text())
    .bind(next.client_token_hash.as_str())
    .bind(next.attempt)
    .bind(next.sequence)
    .bind(next.updated_at)
    .bind(next.expires_at)
    .bind(next.submitted_at)
    .bind(next.completed_at)
    .bind(next.decided_by.as_ref().map(DecidedBy::to_text))
    .bind(current.id.as_str())
    .bind(current.sequence)
    .execute(&mut **tx)
    .await?;
    Ok(updated.rows_affected() == 1)
}

fn json_list(items: &[String]) -> String {
    serde_json::Value::from(items.to_vec()).to_string()
}

fn parse_list(column: &str, text: &str) -> StoreResult<Vec<String>> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("{column}: {e}")))
}

fn record_from_row(row: sqlx::any::AnyRow) -> StoreResult<VerificationRecord> {
    let mode: String = row.get("mode");
    let status: String = row.get("status");
    let step: String = row.get("step");
    let decline_type: Option<String> = row.get("decline_type");
    let decided_by: Option<String> = row.get("decided_by");
    Ok(VerificationRecord {
        id: VerificationId::from_db(row.get("id")),
        tenant_id: TenantId::from_db(row.get("tenant_id")),
        flow_id: FlowId::from_db(row.get("flow_id")),
        flow_version: row.get("flow_version"),
        mode: Mode::parse(&mode).ok_or_else(|| StoreError::Corrupt(format!("mode {mode}")))?,
        status: Status::parse(&status)
            .ok_or_else(|| StoreError::Corrupt(format!("status {status}")))?,
        decline_type: match decline_type {
            Some(d) => Some(
                DeclineType::parse(&d)
                    .ok_or_else(|| StoreError::Corrupt(format!("decline_type {d}")))?,
            ),
            None => None,
        },
        reason_codes: parse_list("reason_codes", &row.get::<String, _>("reason_codes"))?,
        risk_flags: parse_list("risk_flags", &row.get::<String, _>("risk_flags"))?,
        step: JourneyStep::parse(&step)
            .ok_or_else(|| StoreError::Corrupt(format!("step {step}")))?,
        reference_id: row.get("reference_id"),
        applicant_sealed: row.get("applicant_sealed"),
        locale: row.get("locale"),
        return_url: row.get("return_url"),
        metadata: row.get("metadata"),
        requested_checks: parse_list(
            "requested_checks",
            &row.get::<String, _>("requested_checks"),
        )?,
        client_token_hash: SecretHash::from_db(row.get("client_token_hash")),
        attempt: row.get("attempt"),
        max_attempts: row.get("max_attempts"),
        sequence: row.get("sequence"),
        created_at: row.get("created_at"),
        updated_at: row.get("updated_at"),
        expires_at: row.get("expires_at"),
        submitted_at: row.get("submitted_at"),
        completed_at: row.get("completed_at"),
        decided_by: match decided_by {
            Some(text) => Some(
                DecidedBy::parse(&text)
                    .ok_or_else(|| StoreError::Corrupt(format!("decided_by {text}")))?,
            ),
            None => None,
        },
    })
}

/// Binds every column of a new verification, in [`COLUMNS`] order.
pub(super) fn bind_new<'q>(query: AnyQuery<'q>, record: &'q VerificationRecord) -> AnyQuery<'q> {
    query
        .bind(record.id.as_str())
        .bind(record.tenant_id.as_str())
        .bind(record.flow_id.as_str())
        .bind(record.flow_version)
        .bind(record.mode.as_str())
        .bind(record.status.as_str())
        .bind(None::<String>)
        .bind(json_list(&record.reason_codes))
        .bind(json_list(&record.risk_flags))
        .bind(record.step.as_text())
        .bind(record.reference_id.clone())
        .bind(record.applicant_sealed.clone())
        .bind(record.locale.clone())
        .bind(record.return_url.clone())
        .bind(&record.metadata)
        .bind(json_list(&record.requested_checks))
        .bind(record.client_token_hash.as_str())
        .bind(record.attempt)
        .bind(record.max_attempts)
        .bind(record.sequence)
        .bind(record.created_at)
        .bind(record.updated_at)
        .bind(record.expires_at)
        .bind(None::<i64>)
        .bind(None::<i64>)
        .bind(None::<String>)
}
