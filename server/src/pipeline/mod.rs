//! The checks pipeline: runs the check jobs queued by a submission and decides each attempt.
//!
//! Jobs are rows of `checks` (see `store::checks`): durable, claimed with a lease, so a crash
//! loses nothing — an interrupted check runs again (checks are idempotent), and an attempt whose
//! checks all finished but which was not decided yet is found by a periodic sweep. The decision
//! and its events are written in one transaction with the status change.

mod document;
mod duplicates;
mod face;
mod screening;

use std::sync::Arc;
use std::time::{Duration, Instant};

use kyra_checks::decision::{decide, CheckStatus};
use kyra_checks::reasons::CheckKind;
use tokio::sync::{watch, Notify, Semaphore};
use tokio::task::JoinSet;

use crate::context::Context;
use crate::ids::{DecisionId, VerificationId};
use crate::lifecycle;
use crate::store::{
    now_ms, AlsoWrite, CheckRecord, FinishedCheck, NewDecision, VerificationRecord,
};
use crate::verification::{open_applicant, Status};

/// Wakes the runner of this process when a submission queued checks.
#[derive(Debug, Default)]
pub struct Wake(Notify);

impl Wake {
    pub fn notify(&self) {
        self.0.notify_one();
    }
}

/// What one check run found.
#[derive(Debug)]
pub struct Found {
    pub status: CheckStatus,
    pub reason_codes: Vec<String>,
    pub score: Option<f64>,
    /// Sealed before storage: may hold personal data.
    pub details: serde_json::Value,
}

impl Found {
    /// The check could not run; a person decides (never a silent pass).
    fn error(why: impl std::fmt::Display) -> Found {
        Found {
            status: CheckStatus::Error,
            reason_codes: vec![kyra_checks::decision::CHECK_ERROR.to_owned()],
            score: None,
            details: serde_json::json!({ "error": why.to_string() }),
        }
    }

    /// Failed or review depending on the codes' registry severity; passed without codes.
    fn from_codes(codes: Vec<String>, score: Option<f64>, details: serde_json::Value) -> Found {
        use kyra_checks::reasons::{reason, Severity};
        let status = if codes.is_empty() {
            CheckStatus::Passed
        } else if codes
            .iter()
            .all(|c| reason(c).is_some_and(|r| r.severity == Severity::Review))
        {
            CheckStatus::Review
        } else {
            CheckStatus::Failed
        };
        Found {
            status,
            reason_codes: codes,
            score,
            details,
        }
    }
}

/// Starts the runner; it stops claiming when `stop` turns true and waits for running checks.
pub fn spawn(state: Context, stop: watch::Receiver<bool>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(run(state, stop))
}

async fn run(state: Context, mut stop: watch::Receiver<bool>) {
    let config = state.config.checks.clone();
    let slots = Arc::new(Semaphore::new(config.workers.max(1)));
    let mut running = JoinSet::new();
    let mut sweep = tokio::time::interval(Duration::from_millis(config.poll_ms.max(50) * 4));
    sweep.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        let free = slots.available_permits();
        if free > 0 {
            match state
                .store
                .claim_checks(free as i64, now_ms(), config.lease_ms as i64)
                .await
            {
                Ok(claimed) => {
                    for check in claimed {
                        let Ok(permit) = slots.clone().try_acquire_owned() else {
                            break;
                        };
                        let state = state.clone();
                        running.spawn(async move {
                            run_check(&state, check).await;
                            drop(permit);
                        });
                    }
                }
                Err(err) => tracing::warn!(error = %err, "claiming checks failed"),
            }
        }
        tokio::select! {
            () = state.wake.0.notified() => {}
            Some(_) = running.join_next() => {}
            () = tokio::time::sleep(Duration::from_millis(config.poll_ms)) => {}
            _ = sweep.tick() => decide_stragglers(&state).await,
            _ = stop.changed() => break,
        }
    }
    // Checks in flight finish; the ones still queued wait for the next start.
    while running.join_next().await.is_some() {}
}

/// Runs one claimed check, stores its result, and decides the attempt if it was the last.
async fn run_check(state: &Context, check: CheckRecord) {
    let started = Instant::now();
    let found = match state.store.verification(&check.verification_id).await {
        Ok(Some(v)) if v.attempt == check.attempt && v.status == Status::Processing => {
            execute(state, &v, &check).await
        }
        // The attempt was replaced or canceled meanwhile: nothing to look at any more.
        Ok(Some(_)) | Ok(None) => Found {
            status: CheckStatus::Skipped,
            reason_codes: Vec::new(),
            score: None,
            details: serde_json::json!({ "skipped": "the attempt is no longer processing" }),
        },
        Err(err) => Found::error(err),
    };
    let duration_ms = started.elapsed().as_millis() as i64;
    tracing::info!(check = %check.id, kind = check.kind.as_str(), status = found.status.as_str(), duration_ms, "check finished");
    let details = serde_json::to_vec(&found.details).unwrap_or_default();
    let finished = FinishedCheck {
        status: found.status,
        reason_codes: found.reason_codes,
        score: found.score,
        details_sealed: Some(state.sealer.seal(&details, check.id.as_str())),
        duration_ms,
    };
    match state.store.finish_check(&check, &finished, now_ms()).await {
        Ok(true) => {
            if let Err(err) = finalize(state, &check.verification_id).await {
                tracing::warn!(verification = %check.verification_id, error = %err, "deciding failed; the sweep retries");
            }
        }
        Ok(false) => {
            tracing::info!(check = %check.id, "claim lost to another worker; its result counts")
        }
        Err(err) => {
            tracing::warn!(check = %check.id, error = %err, "storing a check result failed; it runs again after its lease")
        }
    }
}

async fn execute(state: &Context, v: &VerificationRecord, check: &CheckRecord) -> Found {
    let metadata: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&v.metadata).unwrap_or_default();
    match crate::test_mode::parse(v.mode, &metadata) {
        Ok(Some(trigger)) => {
            let running = running_kinds(v);
            let (status, codes) = crate::test_mode::result_for(&trigger, check.kind, &running);
            return Found {
                status,
                reason_codes: codes,
                score: None,
                details: serde_json::json!({ "test_trigger": metadata.get(crate::test_mode::OUTCOME_KEY) }),
            };
        }
        Ok(None) => {}
        Err(err) => return Found::error(err),
    }
    let flow = match state.store.flow_at(&v.flow_id, v.flow_version).await {
        Ok(Some(flow)) => flow,
        Ok(None) => return Found::error("the flow version of this verification is missing"),
        Err(err) => return Found::error(err),
    };
    let applicant = match open_applicant(&state.sealer, v) {
        Ok(a) => a,
        Err(err) => return Found::error(err),
    };
    match check.kind {
        CheckKind::Document => document::run(state, v, &flow.config, &applicant).await,
        CheckKind::Sanctions | CheckKind::Pep => {
            screening::run(state, v, check.kind, &flow.config, &applicant).await
        }
        CheckKind::Duplicates => duplicates::run(state, v).await,
        CheckKind::Selfie => face::selfie(state, v).await,
        CheckKind::FaceMatch => face::face_match(state, v, &flow.config).await,
        CheckKind::Liveness => face::liveness(state, v).await,
    }
}

/// The checks an attempt runs, from what the verification requested.
pub fn running_kinds(v: &VerificationRecord) -> Vec<CheckKind> {
    let mut kinds: Vec<CheckKind> = v
        .requested_checks
        .iter()
        .filter_map(|c| CheckKind::parse(c))
        .collect();
    kinds.sort();
    kinds.dedup();
    kinds
}

/// Decides the attempt if all its checks finished. Safe to call any number of times, from any
/// replica: the guarded transition lets exactly one decision through.
pub async fn finalize(state: &Context, id: &VerificationId) -> anyhow::Result<()> {
    let Some(v) = state.store.verification(id).await? else {
        return Ok(());
    };
    if v.status != Status::Processing {
        return Ok(());
    }
    let checks = state.store.checks_of_attempt(&v.id, v.attempt).await?;
    let evidence: Option<Vec<_>> = checks.iter().map(CheckRecord::result).collect();
    let Some(evidence) = evidence else {
        return Ok(()); // still running
    };
    let flow = state
        .store
        .flow_at(&v.flow_id, v.flow_version)
        .await?
        .ok_or_else(|| {
            anyhow::anyhow!("flow {} version {} is missing", v.flow_id, v.flow_version)
        })?;
    let attempts_left = v.attempts_left();
    let decision = decide(&flow.config.rules, &evidence, attempts_left);
    let now = now_ms();
    let change = lifecycle::decide(&v, &decision, now)?.with_checks(checks);
    let applicant = open_applicant(&state.sealer, &v)?;
    let (next, events) =
        change.into_events(&state.sealer, &v, &applicant, "system:decision", None, now);
    let record = NewDecision {
        id: DecisionId::generate(),
        flow_id: flow.id.clone(),
        flow_version: flow.version,
        attempts_left,
        decision,
        evidence,
        decided_by: "rules".into(),
    };
    let saved = state
        .store
        .save_transition(&v, &next, &events, AlsoWrite::Decision(&record))
        .await?;
    if saved {
        tracing::info!(verification = %v.id, outcome = record.decision.outcome.as_str(), "verification decided");
    }
    Ok(())
}

async fn decide_stragglers(state: &Context) {
    match state.store.awaiting_decision(50).await {
        Ok(ids) => {
            for id in ids {
                if let Err(err) = finalize(state, &id).await {
                    tracing::warn!(verification = %id, error = %err, "deciding failed");
                }
            }
        }
        Err(err) => tracing::warn!(error = %err, "looking for undecided verifications failed"),
    }
}

/// The MRZ fields the attempt's document check read, if it ran and read any.
async fn document_fields(
    state: &Context,
    v: &VerificationRecord,
) -> Option<kyra_checks::mrz::MrzFields> {
    let checks = state.store.checks_of_attempt(&v.id, v.attempt).await.ok()?;
    let document = checks.iter().find(|c| c.kind == CheckKind::Document)?;
    let details = crate::verification::check_details(&state.sealer, document)?;
    serde_json::from_value(details.get("mrz")?.get("fields")?.clone()).ok()
}
