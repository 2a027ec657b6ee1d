//! Test mode's deterministic triggers: with a `kyra_test_` key, `metadata.kyra_test_outcome`
//! (and optionally `metadata.kyra_test_reason`) make the checks report a chosen result, so a
//! tenant can exercise every outcome offline.
//!
//! A trigger stands in for the check engines: none of them runs (no document, face model or
//! sanctions list is needed, and none is consulted), each requested check reports what
//! [`result_for`] says, and those results go through the flow's decision rules exactly as real
//! check results do. `docs/api.md` says the same to tenants.

use kyra_checks::decision::CheckStatus;
use kyra_checks::reasons::{reason, CheckKind, Severity};
use serde_json::{Map, Value};

use crate::secrets::Mode;

pub const OUTCOME_KEY: &str = "kyra_test_outcome";
pub const REASON_KEY: &str = "kyra_test_reason";

/// The outcome a test verification should reach.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TestOutcome {
    Approved,
    DeclinedRetry,
    DeclinedFinal,
    NeedsReview,
    /// The link expires right away; the expiry sweeper marks it `expired`.
    Expired,
}

impl TestOutcome {
    const ALL: [(&'static str, TestOutcome); 5] = [
        ("approved", TestOutcome::Approved),
        ("declined_retry", TestOutcome::DeclinedRetry),
        ("declined_final", TestOutcome::DeclinedFinal),
        ("needs_review", TestOutcome::NeedsReview),
        ("expired", TestOutcome::Expired),
    ];

    /// The reason code used when the tenant names none.
    fn default_reason(self) -> Option<&'static str> {
        match self {
            TestOutcome::Approved | TestOutcome::Expired => None,
            TestOutcome::DeclinedRetry => Some("GLARE"),
            TestOutcome::DeclinedFinal => Some("UNDERAGE"),
            TestOutcome::NeedsReview => Some("SANCTIONS_MATCH"),
        }
    }
}

/// A parsed trigger.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TestTrigger {
    pub outcome: TestOutcome,
    /// The reason code the failing check reports.
    pub reason: Option<String>,
}

/// Why a trigger in the metadata is refused (422 on create).
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TriggerError {
    #[error("`metadata.{OUTCOME_KEY}` works only with test keys (kyra_test_…)")]
    LiveMode,
    #[error("`metadata.{OUTCOME_KEY}` must be one of approved, declined_retry, declined_final, needs_review, expired")]
    UnknownOutcome,
    #[error("`metadata.{REASON_KEY}` must be a reason code of the registry whose severity fits the outcome (e.g. GLARE for declined_retry, UNDERAGE for declined_final, SANCTIONS_MATCH for needs_review)")]
    BadReason,
    #[error(
        "`metadata.{REASON_KEY}` needs `metadata.{OUTCOME_KEY}`: a reason alone triggers nothing"
    )]
    ReasonWithoutOutcome,
}

impl TriggerError {
    /// The metadata field the error is about, as the problem's `field`.
    pub fn field(&self) -> String {
        let key = match self {
            TriggerError::LiveMode | TriggerError::UnknownOutcome => OUTCOME_KEY,
            TriggerError::BadReason | TriggerError::ReasonWithoutOutcome => REASON_KEY,
        };
        format!("metadata.{key}")
    }
}

/// Reads the trigger from a verification's metadata. `Ok(None)` when there is none.
pub fn parse(
    mode: Mode,
    metadata: &Map<String, Value>,
) -> Result<Option<TestTrigger>, TriggerError> {
    let Some(outcome) = metadata.get(OUTCOME_KEY) else {
        // A reason alone would be silently ignored, and the tenant would test the wrong thing.
        if metadata.contains_key(REASON_KEY) {
            return Err(TriggerError::ReasonWithoutOutcome);
        }
        return Ok(None);
    };
    if mode != Mode::Test {
        return Err(TriggerError::LiveMode);
    }
    let outcome = TestOutcome::ALL
        .iter()
        .find(|(name, _)| Some(*name) == outcome.as_str())
        .map(|(_, o)| *o)
        .ok_or(TriggerError::UnknownOutcome)?;
    let reason = match metadata.get(REASON_KEY) {
        None => outcome.default_reason().map(str::to_owned),
        Some(value) => {
            let code = value.as_str().ok_or(TriggerError::BadReason)?;
            let entry = reason(code).ok_or(TriggerError::BadReason)?;
            let fits = match outcome {
                TestOutcome::DeclinedRetry => entry.severity == Severity::Retryable,
                TestOutcome::DeclinedFinal => entry.severity == Severity::Final,
                TestOutcome::NeedsReview => entry.severity == Severity::Review,
                TestOutcome::Approved | TestOutcome::Expired => false,
            };
            if !fits {
                return Err(TriggerError::BadReason);
            }
            Some(code.to_owned())
        }
    };
    Ok(Some(TestTrigger { outcome, reason }))
}

/// What check `kind` reports under the trigger, given the checks the attempt runs: the check
/// that owns the reason code fails with it (the first check when the owner does not run);
/// every other check passes.
pub fn result_for(
    trigger: &TestTrigger,
    kind: CheckKind,
    running: &[CheckKind],
) -> (CheckStatus, Vec<String>) {
    let Some(code) = &trigger.reason else {
        return (CheckStatus::Passed, Vec::new());
    };
    let owner = reason(code)
        .map(|r| r.check)
        .filter(|owner| running.contains(owner))
        .or_else(|| running.first().copied());
    if owner != Some(kind) {
        return (CheckStatus::Passed, Vec::new());
    }
    let status = match trigger.outcome {
        TestOutcome::NeedsReview => CheckStatus::Review,
        _ => CheckStatus::Failed,
    };
    (status, vec![code.clone()])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(pairs: &[(&str, &str)]) -> Map<String, Value> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), Value::from(*v)))
            .collect()
    }

    #[test]
    fn triggers_parse_with_default_reasons() {
        assert_eq!(parse(Mode::Test, &Map::new()), Ok(None));
        let t = parse(Mode::Test, &meta(&[(OUTCOME_KEY, "declined_retry")]))
            .expect("valid")
            .expect("present");
        assert_eq!(t.outcome, TestOutcome::DeclinedRetry);
        assert_eq!(t.reason.as_deref(), Some("GLARE"));
        let t = parse(
            Mode::Test,
            &meta(&[
                (OUTCOME_KEY, "declined_retry"),
                (REASON_KEY, "IMAGE_BLURRY"),
            ]),
        )
        .expect("valid")
        .expect("present");
        assert_eq!(t.reason.as_deref(), Some("IMAGE_BLURRY"));
    }

    #[test]
    fn bad_triggers_are_refused() {
        assert_eq!(
            parse(Mode::Live, &meta(&[(OUTCOME_KEY, "approved")])),
            Err(TriggerError::LiveMode)
        );
        assert_eq!(
            parse(Mode::Test, &meta(&[(OUTCOME_KEY, "maybe")])),
            Err(TriggerError::UnknownOutcome)
        );
        assert_eq!(
            parse(
                Mode::Test,
                &meta(&[(OUTCOME_KEY, "declined_final"), (REASON_KEY, "GLARE")])
            ),
            Err(TriggerError::BadReason)
        );
        assert_eq!(
            parse(
                Mode::Test,
                &meta(&[(OUTCOME_KEY, "needs_review"), (REASON_KEY, "NOPE")])
            ),
            Err(TriggerError::BadReason)
        );
    }

    #[test]
    fn errors_name_the_field_they_are_about() {
        let bad_reason = parse(
            Mode::Test,
            &meta(&[(OUTCOME_KEY, "declined_final"), (REASON_KEY, "GLARE")]),
        );
        assert_eq!(
            bad_reason.map_err(|e| e.field()),
            Err("metadata.kyra_test_reason".to_owned())
        );
        let unknown = parse(Mode::Test, &meta(&[(OUTCOME_KEY, "maybe")]));
        assert_eq!(
            unknown.map_err(|e| e.field()),
            Err("metadata.kyra_test_outcome".to_owned())
        );
    }

    #[test]
    fn a_reason_without_an_outcome_is_refused() {
        assert_eq!(
            parse(Mode::Test, &meta(&[(REASON_KEY, "GLARE")])),
            Err(TriggerError::ReasonWithoutOutcome)
        );
        // Also with a live key: the tenant meant a test and must hear it did not happen.
        assert_eq!(
            parse(Mode::Live, &meta(&[(REASON_KEY, "GLARE")])),
            Err(TriggerError::ReasonWithoutOutcome)
        );
    }

    #[test]
    fn the_owning_check_fails_and_the_others_pass() {
        let trigger = TestTrigger {
            outcome: TestOutcome::NeedsReview,
            reason: Some("SANCTIONS_MATCH".into()),
        };
        let running = [CheckKind::Document, CheckKind::Sanctions];
        assert_eq!(
            result_for(&trigger, CheckKind::Sanctions, &running),
            (CheckStatus::Review, vec!["SANCTIONS_MATCH".to_owned()])
        );
        assert_eq!(
            result_for(&trigger, CheckKind::Document, &running).0,
            CheckStatus::Passed
        );
        // The owner does not run: the first check carries the code.
        let only_document = [CheckKind::Document];
        assert_eq!(
            result_for(&trigger, CheckKind::Document, &only_document).0,
            CheckStatus::Review
        );
    }
}
