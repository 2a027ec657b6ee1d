//! `GET /applicants/{reference_id}/compliance`: is this user of the tenant verified, and if not,
//! what exactly should the tenant do next.

use axum::extract::State;
use axum::Json;
use kyra_checks::decision::CheckStatus as CheckResultStatus;
use kyra_checks::reasons::{reason, CheckKind};
use serde::Serialize;

use super::auth::Caller;
use super::path::ApiPath;
use super::problem::ApiError;
use super::verifications::check_text;
use crate::state::AppState;
use crate::store::{CheckRecord, VerificationRecord};
use crate::verification::{DeclineType, NextAction, Status};

/// Whether an applicant is verified under the flow's required checks, and what to do if not.
#[derive(Debug, Serialize, PartialEq, utoipa::ToSchema)]
pub struct Compliance {
    #[schema(schema_with = crate::api::openapi::tag::compliance)]
    pub object: &'static str,
    pub reference_id: String,
    pub is_compliant: bool,
    /// The latest verification's status, or `not_started` when there is none.
    #[schema(schema_with = crate::api::openapi::compliance_status)]
    pub status: String,
    pub next_action: NextAction,
    /// The latest verification, when there is one.
    #[schema(value_type = Option<crate::ids::VerificationId>)]
    pub verification_id: Option<String>,
    pub checks: Vec<CheckStatus>,
    pub summary: Summary,
}

/// One required check of the flow and where the applicant stands on it.
#[derive(Debug, Serialize, PartialEq, utoipa::ToSchema)]
pub struct CheckStatus {
    #[serde(rename = "type")]
    #[schema(schema_with = crate::api::openapi::check_type)]
    pub kind: &'static str,
    /// The check's own result in the latest attempt: `passed`, `failed`, `review`, `error`
    /// (it could not run), `skipped`, or `pending` while it has not run.
    #[schema(schema_with = crate::api::openapi::compliance_check_status)]
    pub status: &'static str,
    /// True only when the check ran and passed: a check that errored, was skipped or has not
    /// run yet never counts as passed.
    pub passed: bool,
    pub required: bool,
    /// The codes this check reported, from the reason-code registry.
    #[schema(value_type = Vec<crate::api::openapi::ReasonCode>)]
    pub reason_codes: Vec<String>,
    /// What would make this check pass; `null` once it has.
    pub suggested_action: Option<NextAction>,
}

impl CheckStatus {
    /// A required check that has not run: nothing passed yet, `suggested_action` says what moves
    /// it on.
    fn pending(kind: CheckKind, suggested_action: NextAction) -> CheckStatus {
        CheckStatus {
            kind: kind.as_str(),
            status: PENDING,
            passed: false,
            required: true,
            reason_codes: Vec::new(),
            suggested_action: Some(suggested_action),
        }
    }
}

/// Counts over `checks`.
#[derive(Debug, Serialize, PartialEq, utoipa::ToSchema)]
pub struct Summary {
    pub passed: usize,
    /// Checks that ran and did not pass (`failed`, `review`, `error`, `skipped`).
    pub failed: usize,
    /// Checks that have not run yet.
    pub pending: usize,
    /// Required checks that ran and did not pass.
    pub required_failed: usize,
}

/// Get an applicant's compliance status
///
/// Computed from the applicant's latest verification and the flow's required checks; an
/// applicant the tenant never verified is `not_started`, not an error.
#[utoipa::path(
    get, path = "/api/v1/applicants/{reference_id}/compliance", operation_id = "getApplicantCompliance", tag = "applicants",
    params(("reference_id" = String, Path, max_length = 255, pattern = r"^[^\u0000-\u001F\u007F-\u009F]*[^\s\u0000-\u001F\u007F-\u009F][^\u0000-\u001F\u007F-\u009F]*$",
        description = "The tenant's own id of the applicant, as sent in `reference_id`.")),
    responses((status = 200, description = "The compliance view.", body = Compliance)),
)]
pub async fn compliance(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(reference_id): ApiPath<String>,
) -> Result<Json<Compliance>, ApiError> {
    // No verification can carry another `reference_id` (and PostgreSQL refuses NUL in text).
    check_text("reference_id", &reference_id, 255)?;
    let latest = state
        .store
        .latest_for_reference(&caller.tenant_id, caller.mode, &reference_id)
        .await?;
    let checks = match &latest {
        Some(v) => state.store.checks_of_attempt(&v.id, v.attempt).await?,
        None => Vec::new(),
    };
    let flow = state
        .store
        .flow_at(&caller.flow_id, caller.flow_version)
        .await?
        .ok_or(ApiError::NotFound("flow"))?;
    Ok(Json(evaluate(
        reference_id,
        latest.as_ref().map(|v| (v, checks.as_slice())),
        &flow.config.checks,
    )))
}

/// Pure: the compliance view of an applicant's latest verification and the checks of its
/// current attempt (or of none).
///
/// Each check's `passed` is that check's own result, never inferred from the verification's
/// status or reason codes; the verification's status drives only `next_action`, what a check
/// that has not passed suggests while a person or the pipeline still has it, and
/// `is_compliant`, which follows the decision.
pub fn evaluate(
    reference_id: String,
    latest: Option<(&VerificationRecord, &[CheckRecord])>,
    flow_checks: &[String],
) -> Compliance {
    let Some((v, ran)) = latest else {
        let checks: Vec<CheckStatus> = flow_checks
            .iter()
            .filter_map(|c| CheckKind::parse(c))
            .map(|k| CheckStatus::pending(k, NextAction::StartFlow))
            .collect();
        let summary = summarize(&checks);
        return Compliance {
            object: "compliance",
            reference_id,
            is_compliant: false,
            status: "not_started".into(),
            next_action: NextAction::StartFlow,
            verification_id: None,
            checks,
            summary,
        };
    };
    let next_action = v.status.next_action(v.decline_type, v.attempts_left());
    // While the pipeline or a reviewer still has the case, the tenant can only wait.
    let in_hand = matches!(v.status, Status::Processing | Status::NeedsReview);
    let checks: Vec<CheckStatus> = v
        .requested_checks
        .iter()
        .filter_map(|c| CheckKind::parse(c))
        .map(|kind| {
            let result = ran.iter().find(|c| c.kind == kind).and_then(|c| c.result());
            let Some(result) = result else {
                return CheckStatus::pending(
                    kind,
                    if in_hand {
                        NextAction::Wait
                    } else {
                        next_action
                    },
                );
            };
            let passed = result.status == CheckResultStatus::Passed;
            let suggested_action = if passed {
                None
            } else if in_hand {
                Some(NextAction::Wait)
            } else {
                Some(
                    result
                        .reason_codes
                        .iter()
                        .find_map(|code| reason(code))
                        .map(|r| suggested(r.suggested_action, v))
                        .unwrap_or(next_action),
                )
            };
            CheckStatus {
                kind: kind.as_str(),
                status: result.status.as_str(),
                passed,
                required: true,
                reason_codes: result.reason_codes,
                suggested_action,
            }
        })
        .collect();
    let summary = summarize(&checks);
    Compliance {
        object: "compliance",
        reference_id,
        is_compliant: v.status == Status::Approved,
        status: v.status.as_str().into(),
        next_action,
        verification_id: Some(v.id.to_string()),
        checks,
        summary,
    }
}

/// The `status` of a check that has not run (queued, running, or never started).
const PENDING: &str = "pending";

fn suggested(action: kyra_checks::reasons::SuggestedAction, v: &VerificationRecord) -> NextAction {
    use kyra_checks::reasons::SuggestedAction as S;
    let retry_possible = v.decline_type != Some(DeclineType::Final) && v.attempts_left() > 0;
    match action {
        S::Retry if retry_possible => NextAction::Retry,
        S::UploadDocument if retry_possible => NextAction::UploadDocument,
        S::UpdateProfile => NextAction::UpdateProfile,
        S::Wait => NextAction::Wait,
        _ => NextAction::ContactSupport,
    }
}

fn summarize(checks: &[CheckStatus]) -> Summary {
    let failed = |c: &&CheckStatus| !c.passed && c.status != PENDING;
    Summary {
        passed: checks.iter().filter(|c| c.passed).count(),
        failed: checks.iter().filter(failed).count(),
        pending: checks.iter().filter(|c| c.status == PENDING).count(),
        required_failed: checks.iter().filter(|c| c.required).filter(failed).count(),
    }
}
