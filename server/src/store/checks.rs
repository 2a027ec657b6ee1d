//! Check runs and decisions.
//!
//! A check row is also its job: inserted `queued` with the submission, claimed by a worker for a
//! lease, finished with its result. Claiming is safe with several workers on one PostgreSQL
//! database (`FOR UPDATE SKIP LOCKED`); on SQLite the single writer makes the guarded `UPDATE`
//! enough. The lease value doubles as the claim token, so a worker whose lease ran out cannot
//! overwrite the result of the worker that took over.

use kyra_checks::decision::{CheckResult, CheckStatus, Decision};
use kyra_checks::reasons::CheckKind;
use sqlx::Row;

use super::{Backend, Store, StoreError, StoreResult};
use crate::ids::{CheckId, DecisionId, FlowId, TenantId, VerificationId};

/// Where a check run is: waiting, being run, or finished with a status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckState {
    Queued,
    Running,
    Done(CheckStatus),
}

impl CheckState {
    pub fn as_str(self) -> &'static str {
        match self {
            CheckState::Queued => "queued",
            CheckState::Running => "running",
            CheckState::Done(status) => status.as_str(),
        }
    }

    fn parse(s: &str) -> Option<CheckState> {
        match s {
            "queued" => Some(CheckState::Queued),
            "running" => Some(CheckState::Running),
            other => CheckStatus::parse(other).map(CheckState::Done),
        }
    }
}

#[derive(Clone, Debug)]
pub struct CheckRecord {
    pub id: CheckId,
    pub verification_id: VerificationId,
    pub tenant_id: TenantId,
    pub attempt: i64,
    pub kind: CheckKind,
    pub state: CheckState,
    pub reason_codes: Vec<String>,
    pub score: Option<f64>,
    pub details_sealed: Option<String>,
    pub runs: i64,
    /// The lease of the current claim; also the token that must match to finish the run.
    pub claimed_until: Option<i64>,
    pub created_at: i64,
    pub started_at: Option<i64>,
    pub finished_at: Option<i64>,
    pub duration_ms: Option<i64>,
}

impl CheckRecord {
    /// The check as decision evidence; `None` while it has not finished.
    pub fn result(&self) -> Option<CheckResult> {
        match self.state {
            CheckState::Done(status) => Some(CheckResult {
                kind: self.kind,
                status,
                reason_codes: self.reason_codes.clone(),
            }),
            CheckState::Queued | CheckState::Running => None,
        }
    }
}

/// The result of one run, as stored.
#[derive(Debug)]
pub struct FinishedCheck {
    pub status: CheckStatus,
    pub reason_codes: Vec<String>,
    pub score: Option<f64>,
    pub details_sealed: Option<String>,
    pub duration_ms: i64,
}

/// A decision to store with the transition it causes.
#[derive(Debug)]
pub struct NewDecision {
    pub id: DecisionId,
    pub flow_id: FlowId,
    pub flow_version: i64,
    pub attempts_left: i64,
    pub decision: Decision,
    pub evidence: Vec<CheckResult>,
    pub decided_by: String,
}

/// A stored decision, for replays.
#[derive(Debug)]
pub struct DecisionRecord {
    pub id: DecisionId,
    pub verification_id: VerificationId,
    pub flow_version: i64,
    pub attempt: i64,
    pub attempts_left: i64,
    pub decision: Decision,
    pub evidence: Vec<CheckResult>,
    pub created_at: i64,
}

const COLUMNS: &str =
    "id, verification_id, tenant_id, attempt, type, status, reason_codes, score, \
    details_sealed, runs, claimed_until, created_at, started_at, finished_at, duration_ms";

/// Checks that read what the document check found (MRZ names, document number) wait for it.
const AFTER_DOCUMENT: &str = "('sanctions', 'pep', 'duplicates')";

impl Store {
    /// Claims up to `limit` runnable checks for `lease_ms`: queued ones, and running ones whose
    /// worker let the lease run out.
    pub async fn claim_checks(
        &self,
        limit: i64,
        now: i64,
        lease_ms: i64,
    ) -> StoreResult<Vec<CheckRecord>> {
        let lock = match self.backend() {
            Backend::Postgres => " FOR UPDATE SKIP LOCKED",
            Backend::Sqlite => "",
        };
        let rows = sqlx::query(&format!(
            "UPDATE checks SET status = 'running', claimed_until = $1, runs = runs + 1, \
               started_at = COALESCE(started_at, $2) \
             WHERE (status = 'queued' OR (status = 'running' AND claimed_until < $2)) AND id IN ( \
               SELECT c.id FROM checks c \
               WHERE (c.status = 'queued' OR (c.status = 'running' AND c.claimed_until < $2)) \
                 AND NOT (c.type IN {AFTER_DOCUMENT} AND EXISTS ( \
                   SELECT 1 FROM checks d WHERE d.verification_id = c.verification_id \
                     AND d.attempt = c.attempt AND d.type = 'document' \
                     AND d.status IN ('queued', 'running'))) \
               ORDER BY c.created_at LIMIT $3{lock}) \
             RETURNING {COLUMNS}"
        ))
        .bind(now + lease_ms)
        .bind(now)
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        rows.into_iter().map(check_from_row).collect()
    }

    /// Stores the result of a claimed run. `false` when the claim was lost (the lease ran out
    /// and another worker took the check over): that worker's result counts instead.
    pub async fn finish_check(
        &self,
        check: &CheckRecord,
        result: &FinishedCheck,
        now: i64,
    ) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE checks SET status = $1, reason_codes = $2, score = $3, details_sealed = $4, \
             duration_ms = $5, finished_at = $6, claimed_until = NULL \
             WHERE id = $7 AND status = 'running' AND claimed_until = $8",
        )
        .bind(result.status.as_str())
        .bind(serde_json::Value::from(result.reason_codes.clone()).to_string())
        .bind(result.score)
        .bind(result.details_sealed.clone())
        .bind(result.duration_ms)
        .bind(now)
        .bind(check.id.as_str())
        .bind(check.claimed_until)
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The checks of one attempt, in the order they were queued.
    pub async fn checks_of_attempt(
        &self,
        verification: &VerificationId,
        attempt: i64,
    ) -> StoreResult<Vec<CheckRecord>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM checks WHERE verification_id = $1 AND attempt = $2 ORDER BY id"
        ))
        .bind(verification.as_str())
        .bind(attempt)
        .fetch_all(self.reader())
        .await?;
        rows.into_iter().map(check_from_row).collect()
    }

    /// The checks of several verifications (all attempts), for list pages.
    pub async fn checks_of_verifications(
        &self,
        ids: &[&VerificationId],
    ) -> StoreResult<Vec<CheckRecord>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let placeholders: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "SELECT {COLUMNS} FROM checks WHERE verification_id IN ({}) ORDER BY id",
            placeholders.join(", ")
        );
        let mut query = sqlx::query(&sql);
        for id in ids {
            query = query.bind(id.as_str());
        }
        let rows = query.fetch_all(self.reader()).await?;
        rows.into_iter().map(check_from_row).collect()
    }

    /// Verifications in `processing` whose checks have all finished but which have no decision
    /// yet — normally decided right after their last check; this finds the ones a crash left.
    pub async fn awaiting_decision(&self, limit: i64) -> StoreResult<Vec<VerificationId>> {
        let rows = sqlx::query(
            "SELECT v.id FROM verifications v WHERE v.status = 'processing' AND NOT EXISTS ( \
               SELECT 1 FROM checks c WHERE c.verification_id = v.id AND c.attempt = v.attempt \
                 AND c.status IN ('queued', 'running')) \
             ORDER BY v.submitted_at LIMIT $1",
        )
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| VerificationId::from_db(r.get("id")))
            .collect())
    }

    /// Decisions of a flow since `since` (Unix ms), oldest first, for `kyra decisions replay`.
    pub async fn decisions_since(
        &self,
        flow: &FlowId,
        since: i64,
    ) -> StoreResult<Vec<DecisionRecord>> {
        let rows = sqlx::query(
            "SELECT id, verification_id, flow_version, attempt, attempts_left, outcome, reason_codes, \
             risk_flags, evidence, created_at FROM decisions WHERE flow_id = $1 AND created_at >= $2 \
             ORDER BY created_at, id",
        )
        .bind(flow.as_str())
        .bind(since)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(decision_from_row).collect()
    }

    /// Every decision the rules took on one verification, by attempt (the evidence export).
    pub async fn decisions_of(
        &self,
        verification: &VerificationId,
    ) -> StoreResult<Vec<DecisionRecord>> {
        let rows = sqlx::query(
            "SELECT id, verification_id, flow_version, attempt, attempts_left, outcome, reason_codes, \
             risk_flags, evidence, created_at FROM decisions WHERE verification_id = $1 \
             ORDER BY attempt",
        )
        .bind(verification.as_str())
        .fetch_all(self.reader())
        .await?;
        rows.iter().map(decision_from_row).collect()
    }
}

fn decision_from_row(row: &sqlx::any::AnyRow) -> StoreResult<DecisionRecord> {
    let outcome: String = row.get("outcome");
    Ok(DecisionRecord {
        id: DecisionId::from_db(row.get("id")),
        verification_id: VerificationId::from_db(row.get("verification_id")),
        flow_version: row.get("flow_version"),
        attempt: row.get("attempt"),
        attempts_left: row.get("attempts_left"),
        decision: Decision {
            outcome: kyra_checks::decision::Outcome::parse(&outcome)
                .ok_or_else(|| StoreError::Corrupt(format!("outcome {outcome}")))?,
            reason_codes: json_column(row, "reason_codes")?,
            risk_flags: json_column(row, "risk_flags")?,
        },
        evidence: json_column(row, "evidence")?,
        created_at: row.get("created_at"),
    })
}

/// Queues the checks of a submitted attempt (inside the submission's transaction).
pub(super) async fn insert_checks(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    verification: &super::VerificationRecord,
    kinds: &[CheckKind],
    now: i64,
) -> StoreResult<()> {
    for kind in kinds {
        sqlx::query(
            "INSERT INTO checks (id, verification_id, tenant_id, attempt, type, status, created_at) \
             VALUES ($1, $2, $3, $4, $5, 'queued', $6)",
        )
        .bind(CheckId::generate().as_str())
        .bind(verification.id.as_str())
        .bind(verification.tenant_id.as_str())
        .bind(verification.attempt)
        .bind(kind.as_str())
        .bind(now)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Records a decision (inside the transaction that applies it). The unique (verification,
/// attempt) key makes a second decision on the same attempt fail instead of piling up.
pub(super) async fn insert_decision(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    verification: &super::VerificationRecord,
    d: &NewDecision,
    now: i64,
) -> StoreResult<()> {
    let list = |items: &[String]| serde_json::Value::from(items.to_vec()).to_string();
    let evidence = serde_json::to_string(&d.evidence)
        .map_err(|e| StoreError::Corrupt(format!("evidence: {e}")))?;
    sqlx::query(
        "INSERT INTO decisions (id, verification_id, tenant_id, flow_id, flow_version, attempt, \
         attempts_left, outcome, reason_codes, risk_flags, evidence, decided_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
    )
    .bind(d.id.as_str())
    .bind(verification.id.as_str())
    .bind(verification.tenant_id.as_str())
    .bind(d.flow_id.as_str())
    .bind(d.flow_version)
    .bind(verification.attempt)
    .bind(d.attempts_left)
    .bind(d.decision.outcome.as_str())
    .bind(list(&d.decision.reason_codes))
    .bind(list(&d.decision.risk_flags))
    .bind(evidence)
    .bind(&d.decided_by)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

fn json_column<T: serde::de::DeserializeOwned>(
    row: &sqlx::any::AnyRow,
    column: &str,
) -> StoreResult<T> {
    serde_json::from_str(&row.get::<String, _>(column))
        .map_err(|e| StoreError::Corrupt(format!("{column}: {e}")))
}

fn check_from_row(row: sqlx::any::AnyRow) -> StoreResult<CheckRecord> {
    let kind: String = row.get("type");
    let state: String = row.get("status");
    Ok(CheckRecord {
        id: CheckId::from_db(row.get("id")),
        verification_id: VerificationId::from_db(row.get("verification_id")),
        tenant_id: TenantId::from_db(row.get("tenant_id")),
        attempt: row.get("attempt"),
        kind: CheckKind::parse(&kind)
            .ok_or_else(|| StoreError::Corrupt(format!("check type {kind}")))?,
        state: CheckState::parse(&state)
            .ok_or_else(|| StoreError::Corrupt(format!("check status {state}")))?,
        reason_codes: json_column(&row, "reason_codes")?,
        score: row.get("score"),
        details_sealed: row.get("details_sealed"),
        runs: row.get("runs"),
        claimed_until: row.get("claimed_until"),
        created_at: row.get("created_at"),
        started_at: row.get("started_at"),
        finished_at: row.get("finished_at"),
        duration_ms: row.get("duration_ms"),
    })
}
