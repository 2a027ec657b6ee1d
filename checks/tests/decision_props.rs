//! Properties of the decision engine that must hold for any evidence.

use kyra_checks::decision::{decide, Action, CheckResult, CheckStatus, Outcome, Rules};
use kyra_checks::reasons::{CheckKind, REASONS};
use proptest::prelude::*;

fn status() -> impl Strategy<Value = CheckStatus> {
    prop_oneof![
        Just(CheckStatus::Passed),
        Just(CheckStatus::Failed),
        Just(CheckStatus::Review),
        Just(CheckStatus::Error),
        Just(CheckStatus::Skipped),
    ]
}

fn result() -> impl Strategy<Value = CheckResult> {
    (
        0..CheckKind::ALL.len(),
        status(),
        proptest::collection::vec(0..REASONS.len(), 0..3),
    )
        .prop_map(|(k, status, codes)| CheckResult {
            kind: CheckKind::ALL[k],
            status,
            reason_codes: codes
                .into_iter()
                .map(|i| REASONS[i].code.to_owned())
                .collect(),
        })
}

/// Orders outcomes from best to worst for the applicant.
fn rank(o: Outcome) -> u8 {
    match o {
        Outcome::Approved => 0,
        Outcome::NeedsReview => 1,
        Outcome::DeclinedRetry => 2,
        Outcome::DeclinedFinal => 3,
    }
}

proptest! {
    /// More evidence can never make the outcome better: a new failed check never turns a decline
    /// into an approval.
    #[test]
    fn more_evidence_never_improves_the_outcome(
        results in proptest::collection::vec(result(), 0..6),
        extra in result(),
        attempts_left in 0i64..3,
    ) {
        let rules = Rules::default();
        let before = decide(&rules, &results, attempts_left);
        let mut more = results.clone();
        more.push(extra);
        let after = decide(&rules, &more, attempts_left);
        prop_assert!(rank(after.outcome) >= rank(before.outcome), "{before:?} -> {after:?}");
    }

    /// Approval means no blocking code; any other outcome names at least one; nothing is both a
    /// reason and a flag.
    #[test]
    fn reasons_explain_the_outcome(
        results in proptest::collection::vec(result(), 0..6),
        attempts_left in 0i64..3,
    ) {
        let rules = Rules::default();
        let d = decide(&rules, &results, attempts_left);
        prop_assert_eq!(d.outcome == Outcome::Approved, d.reason_codes.is_empty());
        for code in &d.reason_codes {
            prop_assert!(rules.action(code) > Action::Flag);
            prop_assert!(!d.risk_flags.contains(code));
        }
        if attempts_left == 0 {
            prop_assert_ne!(d.outcome, Outcome::DeclinedRetry);
        }
    }

    /// The decision depends on the evidence, not on the order checks finished in.
    #[test]
    fn order_of_results_does_not_change_the_outcome(
        results in proptest::collection::vec(result(), 0..6),
        attempts_left in 0i64..3,
    ) {
        let mut results = results;
        let rules = Rules::default();
        let a = decide(&rules, &results, attempts_left);
        results.reverse();
        let b = decide(&rules, &results, attempts_left);
        prop_assert_eq!(a.outcome, b.outcome);
    }
}
