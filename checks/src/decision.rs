//! The decision engine: a flow's rules applied to check results.
//!
//! Pure and deterministic, so the same evidence under the same rules always gives the same
//! decision — which is what makes `kyra decisions replay` (re-evaluating stored check results under
//! a new rule set) trustworthy, and lets test mode's triggers go through the very same code.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::reasons::{reason, CheckKind, Severity};

/// How one check run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckStatus {
    Passed,
    Failed,
    /// The evidence is ambiguous: a person should look.
    Review,
    /// The check could not run (corrupt file, engine unavailable): never counts as a pass.
    Error,
    /// Not applicable to this verification (e.g. a test-mode trigger decided it).
    Skipped,
}

impl CheckStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CheckStatus::Passed => "passed",
            CheckStatus::Failed => "failed",
            CheckStatus::Review => "review",
            CheckStatus::Error => "error",
            CheckStatus::Skipped => "skipped",
        }
    }

    pub fn parse(s: &str) -> Option<CheckStatus> {
        Some(match s {
            "passed" => CheckStatus::Passed,
            "failed" => CheckStatus::Failed,
            "review" => CheckStatus::Review,
            "error" => CheckStatus::Error,
            "skipped" => CheckStatus::Skipped,
            _ => return None,
        })
    }
}

/// The part of a check run the decision depends on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckResult {
    pub kind: CheckKind,
    pub status: CheckStatus,
    pub reason_codes: Vec<String>,
}

/// What a reason code does to the outcome.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Recorded in `risk_flags` only; does not block approval.
    Flag,
    /// Needs a person.
    Review,
    /// The applicant can fix it: declined with `retry` while attempts remain.
    DeclineRetry,
    /// Declined for good.
    DeclineFinal,
}

impl Action {
    /// The registry's default for a reason's severity.
    pub fn for_severity(severity: Severity) -> Action {
        match severity {
            Severity::Retryable => Action::DeclineRetry,
            Severity::Review => Action::Review,
            Severity::Final => Action::DeclineFinal,
        }
    }
}

/// A flow's decision rules. Stored with the flow, so they are versioned with it; a decision
/// records the flow version whose rules produced it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Rules {
    /// Checks that must pass for approval. `None` means every check the verification runs. A
    /// failure of a check that is run but not required only raises risk flags.
    pub required: Option<Vec<CheckKind>>,
    /// Per reason code, an action other than the registry's default.
    pub actions: BTreeMap<String, Action>,
}

/// Why a [`Rules`] value is refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum RulesError {
    #[error("unknown reason code `{0}` in the rules")]
    UnknownReason(String),
}

impl Rules {
    /// Refuses rules naming codes the registry does not know (a typo would otherwise silently
    /// fall back to the default action).
    pub fn validate(&self) -> Result<(), RulesError> {
        match self.actions.keys().find(|code| reason(code).is_none()) {
            Some(code) => Err(RulesError::UnknownReason(code.clone())),
            None => Ok(()),
        }
    }

    /// The action of `code` under these rules.
    pub fn action(&self, code: &str) -> Action {
        if let Some(action) = self.actions.get(code) {
            return *action;
        }
        reason(code)
            .map(|r| Action::for_severity(r.severity))
            // A code outside the registry is a bug somewhere; a person looks rather than the
            // applicant being approved or declined on it.
            .unwrap_or(Action::Review)
    }

    fn is_required(&self, kind: CheckKind) -> bool {
        self.required.as_ref().is_none_or(|r| r.contains(&kind))
    }
}

/// The outcome of a verification attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Approved,
    DeclinedRetry,
    DeclinedFinal,
    NeedsReview,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Approved => "approved",
            Outcome::DeclinedRetry => "declined_retry",
            Outcome::DeclinedFinal => "declined_final",
            Outcome::NeedsReview => "needs_review",
        }
    }

    pub fn parse(s: &str) -> Option<Outcome> {
        Some(match s {
            "approved" => Outcome::Approved,
            "declined_retry" => Outcome::DeclinedRetry,
            "declined_final" => Outcome::DeclinedFinal,
            "needs_review" => Outcome::NeedsReview,
            _ => return None,
        })
    }
}

/// A decision: the outcome, the codes that blocked approval, and the non-blocking flags.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    pub outcome: Outcome,
    /// Codes whose action is review or decline, in check order, without repeats.
    pub reason_codes: Vec<String>,
    pub risk_flags: Vec<String>,
}

/// Reason code recorded when a required check errored or ended without saying why.
pub const CHECK_ERROR: &str = "CHECK_ERROR";

/// Applies `rules` to `results`. `attempts_left` is what the applicant has after this attempt:
/// a retryable decline with none left is final.
///
/// The strongest action wins: final decline, then retryable decline (the applicant can fix a
/// bad photo before anyone reviews the rest), then review, then approval.
pub fn decide(rules: &Rules, results: &[CheckResult], attempts_left: i64) -> Decision {
    let mut strongest: Option<Action> = None;
    let mut reason_codes = Vec::new();
    let mut risk_flags = Vec::new();
    let push = |list: &mut Vec<String>, code: &str| {
        if !list.iter().any(|c| c == code) {
            list.push(code.to_owned());
        }
    };
    for result in results {
        let required = rules.is_required(result.kind);
        let codes: Vec<&str> = match result.status {
            CheckStatus::Skipped => continue,
            CheckStatus::Passed => result.reason_codes.iter().map(String::as_str).collect(),
            CheckStatus::Failed | CheckStatus::Review | CheckStatus::Error
                if result.reason_codes.is_empty() =>
            {
                vec![CHECK_ERROR]
            }
            _ => result.reason_codes.iter().map(String::as_str).collect(),
        };
        for code in codes {
            let mut action = rules.action(code);
            if !required || (result.status == CheckStatus::Passed && action > Action::Flag) {
                // A check that passed with a remark, or one the flow does not require, cannot
                // block the outcome: its codes are risk flags.
                action = Action::Flag;
            }
            if action == Action::Flag {
                push(&mut risk_flags, code);
            } else {
                push(&mut reason_codes, code);
                strongest = strongest.max(Some(action));
            }
        }
    }
    let outcome = match strongest {
        None | Some(Action::Flag) => Outcome::Approved,
        Some(Action::Review) => Outcome::NeedsReview,
        Some(Action::DeclineRetry) if attempts_left > 0 => Outcome::DeclinedRetry,
        Some(Action::DeclineRetry | Action::DeclineFinal) => Outcome::DeclinedFinal,
    };
    if outcome == Outcome::DeclinedRetry {
        // The applicant sees what to fix first; review-only codes would be noise to them and are
        // looked at again on the next attempt anyway.
        reason_codes.retain(|c| rules.action(c) == Action::DeclineRetry);
    }
    // A code both blocking (from a required check) and flagged (from another) is reported once,
    // in its stronger role.
    risk_flags.retain(|f| !reason_codes.contains(f));
    Decision {
        outcome,
        reason_codes,
        risk_flags,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(kind: CheckKind, status: CheckStatus, codes: &[&str]) -> CheckResult {
        CheckResult {
            kind,
            status,
            reason_codes: codes.iter().map(|c| c.to_string()).collect(),
        }
    }

    #[test]
    fn all_passed_is_approved() {
        let d = decide(
            &Rules::default(),
            &[
                result(CheckKind::Document, CheckStatus::Passed, &[]),
                result(CheckKind::Sanctions, CheckStatus::Passed, &[]),
            ],
            2,
        );
        assert_eq!(d.outcome, Outcome::Approved);
        assert!(d.reason_codes.is_empty() && d.risk_flags.is_empty());
    }

    #[test]
    fn registry_severities_decide_by_default() {
        let rules = Rules::default();
        let one = |codes: &[&str]| {
            decide(
                &rules,
                &[result(CheckKind::Document, CheckStatus::Failed, codes)],
                2,
            )
        };
        assert_eq!(one(&["GLARE"]).outcome, Outcome::DeclinedRetry);
        assert_eq!(one(&["MRZ_CHECKSUM"]).outcome, Outcome::NeedsReview);
        assert_eq!(one(&["UNDERAGE"]).outcome, Outcome::DeclinedFinal);
        // Final beats retry beats review.
        let d = one(&["MRZ_CHECKSUM", "GLARE", "UNDERAGE"]);
        assert_eq!(d.outcome, Outcome::DeclinedFinal);
        assert_eq!(d.reason_codes, ["MRZ_CHECKSUM", "GLARE", "UNDERAGE"]);
        let d = one(&["MRZ_CHECKSUM", "GLARE"]);
        assert_eq!(d.outcome, Outcome::DeclinedRetry);
        assert_eq!(d.reason_codes, ["GLARE"], "the applicant sees what to fix");
    }

    #[test]
    fn no_attempts_left_makes_a_retry_final() {
        let d = decide(
            &Rules::default(),
            &[result(CheckKind::Document, CheckStatus::Failed, &["GLARE"])],
            0,
        );
        assert_eq!(d.outcome, Outcome::DeclinedFinal);
        assert_eq!(d.reason_codes, ["GLARE"]);
    }

    #[test]
    fn rules_override_the_registry() {
        let rules = Rules {
            actions: [
                ("SANCTIONS_MATCH".to_owned(), Action::DeclineFinal),
                ("DUPLICATE_APPLICANT".to_owned(), Action::Flag),
            ]
            .into(),
            ..Rules::default()
        };
        let d = decide(
            &rules,
            &[
                result(
                    CheckKind::Duplicates,
                    CheckStatus::Failed,
                    &["DUPLICATE_APPLICANT"],
                ),
                result(
                    CheckKind::Sanctions,
                    CheckStatus::Failed,
                    &["SANCTIONS_MATCH"],
                ),
            ],
            2,
        );
        assert_eq!(d.outcome, Outcome::DeclinedFinal);
        assert_eq!(d.reason_codes, ["SANCTIONS_MATCH"]);
        assert_eq!(d.risk_flags, ["DUPLICATE_APPLICANT"]);
    }

    #[test]
    fn failures_of_checks_that_are_not_required_are_flags() {
        let rules = Rules {
            required: Some(vec![CheckKind::Document]),
            ..Rules::default()
        };
        let d = decide(
            &rules,
            &[
                result(CheckKind::Document, CheckStatus::Passed, &[]),
                result(CheckKind::Pep, CheckStatus::Failed, &["PEP_MATCH"]),
            ],
            2,
        );
        assert_eq!(d.outcome, Outcome::Approved);
        assert_eq!(d.risk_flags, ["PEP_MATCH"]);
    }

    #[test]
    fn an_error_without_codes_needs_review_and_skips_do_not_count() {
        let d = decide(
            &Rules::default(),
            &[
                result(CheckKind::Document, CheckStatus::Error, &[]),
                result(CheckKind::Pep, CheckStatus::Skipped, &["PEP_MATCH"]),
            ],
            2,
        );
        assert_eq!(d.outcome, Outcome::NeedsReview);
        assert_eq!(d.reason_codes, [CHECK_ERROR]);
    }

    #[test]
    fn a_passed_check_cannot_block() {
        let d = decide(
            &Rules::default(),
            &[result(
                CheckKind::Duplicates,
                CheckStatus::Passed,
                &["DUPLICATE_APPLICANT"],
            )],
            2,
        );
        assert_eq!(d.outcome, Outcome::Approved);
        assert_eq!(d.risk_flags, ["DUPLICATE_APPLICANT"]);
    }

    #[test]
    fn unknown_codes_in_rules_are_refused() {
        let rules = Rules {
            actions: [("GLAER".to_owned(), Action::Flag)].into(),
            ..Rules::default()
        };
        assert_eq!(
            rules.validate(),
            Err(RulesError::UnknownReason("GLAER".into()))
        );
        assert_eq!(Rules::default().validate(), Ok(()));
    }

    #[test]
    fn outcome_and_status_round_trip() {
        for o in [
            Outcome::Approved,
            Outcome::DeclinedRetry,
            Outcome::DeclinedFinal,
            Outcome::NeedsReview,
        ] {
            assert_eq!(Outcome::parse(o.as_str()), Some(o));
        }
        for s in [
            CheckStatus::Passed,
            CheckStatus::Failed,
            CheckStatus::Review,
            CheckStatus::Error,
            CheckStatus::Skipped,
        ] {
            assert_eq!(CheckStatus::parse(s.as_str()), Some(s));
        }
    }
}
