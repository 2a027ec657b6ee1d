//! Operators' work on the review queue: claiming a case so that two reviewers do not work the
//! same one, and deciding it. A decision here is the same transition the rules take — same
//! statuses, same events and webhooks — recorded with the operator as actor, a mandatory note
//! (sealed) and an audit entry, all in one transaction.

use kyra_checks::decision::{Decision, Outcome};

use crate::context::Context;
use crate::ids::{ReviewId, VerificationId};
use crate::lifecycle::{self, TransitionError};
use crate::store::{
    now_ms, AlsoWrite, AuditEntry, NewReview, OperatorRecord, StoreError, VerificationRecord,
};
use crate::verification::open_applicant;

/// How long a claim keeps other reviewers off a case without activity.
pub const CLAIM_MS: i64 = 30 * 60 * 1000;

/// Notes longer than this are refused: a note explains a decision, it is not a file store.
pub const MAX_NOTE_CHARS: usize = 4000;

/// What an operator decided, as submitted.
#[derive(Clone, Debug)]
pub struct Verdict {
    pub outcome: Outcome,
    pub reason_codes: Vec<String>,
    pub note: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    #[error("verification not found")]
    NotFound,
    #[error("your role cannot decide cases")]
    Forbidden,
    #[error("{0} is working this case")]
    ClaimedBy(String),
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Refused(#[from] TransitionError),
    #[error("the case changed while you were deciding it; reload it")]
    Changed,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("stored data could not be opened: {0}")]
    Sealed(String),
}

/// A case of `operator`'s tenant, or `NotFound` (another tenant's id looks like an unknown one).
pub async fn case_of(
    ctx: &Context,
    operator: &OperatorRecord,
    id: &VerificationId,
) -> Result<VerificationRecord, ReviewError> {
    match ctx.store.verification(id).await? {
        Some(v) if v.tenant_id == operator.tenant_id => Ok(v),
        _ => Err(ReviewError::NotFound),
    }
}

/// Claims a case in review for `operator`, unless another reviewer claimed it within
/// [`CLAIM_MS`].
pub async fn claim(
    ctx: &Context,
    operator: &OperatorRecord,
    id: &VerificationId,
) -> Result<(), ReviewError> {
    if !operator.role.can_decide() {
        return Err(ReviewError::Forbidden);
    }
    let v = case_of(ctx, operator, id).await?;
    if v.status != crate::verification::Status::NeedsReview {
        return Err(ReviewError::Invalid(
            "only cases in review can be claimed".into(),
        ));
    }
    let now = now_ms();
    let holder = ctx
        .store
        .claim_case(&v.id, &operator.id, now, now - CLAIM_MS)
        .await?;
    if holder != operator.id {
        return Err(claimed_by(ctx, &v.id, now).await);
    }
    Ok(())
}

/// Decides a case in review. Refused when someone else holds a fresh claim on it.
pub async fn decide(
    ctx: &Context,
    operator: &OperatorRecord,
    id: &VerificationId,
    verdict: &Verdict,
    request_id: Option<&str>,
) -> Result<VerificationRecord, ReviewError> {
    if !operator.role.can_decide() {
        return Err(ReviewError::Forbidden);
    }
    let note = checked_note(&verdict.note)?;
    let declines = matches!(
        verdict.outcome,
        Outcome::DeclinedRetry | Outcome::DeclinedFinal
    );
    if declines && verdict.reason_codes.is_empty() {
        return Err(ReviewError::Invalid(
            "a decline needs at least one reason code".into(),
        ));
    }
    if let Some(unknown) = verdict
        .reason_codes
        .iter()
        .find(|c| kyra_checks::reasons::reason(c).is_none())
    {
        return Err(ReviewError::Invalid(format!(
            "unknown reason code {unknown}"
        )));
    }
    let v = case_of(ctx, operator, id).await?;
    let now = now_ms();
    if let Some(claim) = ctx.store.claim_of(&v.id, now - CLAIM_MS).await? {
        if claim.operator_id != operator.id {
            return Err(ReviewError::ClaimedBy(claim.operator_email));
        }
    }
    let mut reason_codes = verdict.reason_codes.clone();
    reason_codes.dedup();
    let decision = Decision {
        outcome: verdict.outcome,
        // An approval clears the reasons that sent the case to review; the risk flags stay.
        reason_codes: match verdict.outcome {
            Outcome::Approved => Vec::new(),
            _ => reason_codes,
        },
        risk_flags: v.risk_flags.clone(),
    };
    let checks = ctx.store.checks_of_attempt(&v.id, v.attempt).await?;
    let change = lifecycle::review(&v, &decision, &operator.id, now)?.with_checks(checks);
    let outcome = verdict.outcome.as_str();
    let record = Record {
        outcome,
        reason_codes: decision.reason_codes,
        note,
    };
    let next = persist(ctx, operator, &v, change, record, request_id).await?;
    tracing::info!(verification = %v.id, operator = %operator.id, outcome, "verification reviewed");
    Ok(next)
}

/// Cancels a verification the applicant has not submitted yet (a case the team knows to be
/// fraudulent or mistaken), with a note. The same transition as the API's cancel.
pub async fn cancel(
    ctx: &Context,
    operator: &OperatorRecord,
    id: &VerificationId,
    note: &str,
    request_id: Option<&str>,
) -> Result<VerificationRecord, ReviewError> {
    if !operator.role.can_decide() {
        return Err(ReviewError::Forbidden);
    }
    let note = checked_note(note)?;
    let v = case_of(ctx, operator, id).await?;
    let change = lifecycle::cancel(&v, now_ms())?;
    let record = Record {
        outcome: "canceled",
        reason_codes: Vec::new(),
        note,
    };
    let next = persist(ctx, operator, &v, change, record, request_id).await?;
    tracing::info!(verification = %v.id, operator = %operator.id, "verification canceled by an operator");
    Ok(next)
}

fn checked_note(note: &str) -> Result<&str, ReviewError> {
    let note = note.trim();
    if note.is_empty() {
        return Err(ReviewError::Invalid(
            "a note is required: say why you decided so".into(),
        ));
    }
    if note.chars().count() > MAX_NOTE_CHARS {
        return Err(ReviewError::Invalid(format!(
            "the note may have at most {MAX_NOTE_CHARS} characters"
        )));
    }
    Ok(note)
}

/// What an operator's change records beside the transition.
struct Record<'a> {
    outcome: &'static str,
    reason_codes: Vec<String>,
    note: &'a str,
}

/// Writes an operator's change: the transition and its events, the review row with the sealed
/// note, and the audit entry (outcome and reason codes, never the note), in one transaction.
async fn persist(
    ctx: &Context,
    operator: &OperatorRecord,
    v: &VerificationRecord,
    change: lifecycle::Change,
    record: Record<'_>,
    request_id: Option<&str>,
) -> Result<VerificationRecord, ReviewError> {
    let Record {
        outcome,
        reason_codes,
        note,
    } = record;
    let details = serde_json::json!({
        "attempt": v.attempt,
        "outcome": outcome,
        "reason_codes": reason_codes,
    });
    let now = now_ms();
    let applicant =
        open_applicant(&ctx.sealer, v).map_err(|e| ReviewError::Sealed(e.to_string()))?;
    let actor = format!("operator:{}", operator.id);
    let (next, events) = change.into_events(&ctx.sealer, v, &applicant, &actor, request_id, now);
    let review = NewReview {
        id: ReviewId::generate(),
        operator_id: operator.id.clone(),
        outcome,
        reason_codes,
        note_sealed: ctx.sealer.seal(note.as_bytes(), v.id.as_str()),
        audit: AuditEntry::new(
            actor,
            "verification.reviewed",
            "verification",
            v.id.as_str(),
        )
        .tenant(&v.tenant_id, Some(v.mode))
        .request(request_id.map(str::to_owned))
        .details(details),
    };
    if !ctx
        .store
        .save_transition(v, &next, &events, AlsoWrite::Review(&review))
        .await?
    {
        return Err(ReviewError::Changed);
    }
    Ok(next)
}

async fn claimed_by(ctx: &Context, id: &VerificationId, now: i64) -> ReviewError {
    match ctx.store.claim_of(id, now - CLAIM_MS).await {
        Ok(Some(claim)) => ReviewError::ClaimedBy(claim.operator_email),
        Ok(None) => ReviewError::Changed,
        Err(err) => err.into(),
    }
}
