//! The verification state machine: which change is allowed from which status, and which events
//! each change emits. Pure functions over records; handlers persist the result with
//! `Store::save_transition`, which applies it only if nobody changed the row meanwhile.

use crate::crypto::Sealer;
use crate::ids::OperatorId;
use crate::secrets::SecretHash;
use crate::store::{NewEvent, VerificationRecord};
use kyra_checks::decision::{Decision, Outcome};

use crate::verification::{
    verification_event, Applicant, DecidedBy, DeclineType, DocumentChoice, JourneyStep, Status,
    VerificationObject,
};

/// A change refused in the current status (HTTP 409).
#[derive(Debug, thiserror::Error)]
#[error("cannot {action} a verification that is {}: {why}", from.as_str())]
pub struct TransitionError {
    pub action: &'static str,
    pub from: Status,
    pub why: &'static str,
}

/// A change ready to persist: the next record state and the kinds of events it emits, in order.
pub struct Change {
    pub next: VerificationRecord,
    pub events: Vec<&'static str>,
    /// The attempt's checks, shown in the events' verification objects (decisions only).
    pub checks: Vec<crate::store::CheckRecord>,
}

impl Change {
    /// Numbers the events after `before.sequence` and seals their bodies; each event's `data` is
    /// the object as of that event's sequence.
    /// Shows `checks` in the events' verification objects.
    pub fn with_checks(mut self, checks: Vec<crate::store::CheckRecord>) -> Change {
        self.checks = checks;
        self
    }

    pub fn into_events(
        mut self,
        sealer: &Sealer,
        before: &VerificationRecord,
        applicant: &Applicant,
        actor: &str,
        request_id: Option<&str>,
        now: i64,
    ) -> (VerificationRecord, Vec<NewEvent>) {
        let mut events = Vec::with_capacity(self.events.len());
        for (i, kind) in self.events.iter().enumerate() {
            let snapshot = VerificationRecord {
                sequence: before.sequence + 1 + i as i64,
                ..self.next.clone()
            };
            events.push(verification_event(
                sealer,
                &snapshot,
                VerificationObject::from_record(&snapshot, applicant.clone())
                    .with_checks(&self.checks, sealer),
                kind,
                actor.to_owned(),
                request_id.map(str::to_owned),
                now,
            ));
        }
        self.next.sequence = before.sequence + self.events.len() as i64;
        (self.next, events)
    }
}

pub fn cancel(v: &VerificationRecord, now: i64) -> Result<Change, TransitionError> {
    if !matches!(v.status, Status::Pending | Status::InProgress) {
        return Err(TransitionError {
            action: "cancel",
            from: v.status,
            why: "only pending or in-progress verifications can be canceled",
        });
    }
    let next = VerificationRecord {
        status: Status::Canceled,
        completed_at: Some(now),
        ..v.clone()
    };
    Ok(Change {
        next,
        events: vec!["verification.canceled", "verification.completed"],
        checks: Vec::new(),
    })
}

pub fn expire(v: &VerificationRecord, now: i64) -> Result<Change, TransitionError> {
    if !matches!(v.status, Status::Pending | Status::InProgress) || now < v.expires_at {
        return Err(TransitionError {
            action: "expire",
            from: v.status,
            why: "the link is not past its expiry",
        });
    }
    let next = VerificationRecord {
        status: Status::Expired,
        completed_at: Some(now),
        ..v.clone()
    };
    Ok(Change {
        next,
        events: vec!["verification.expired", "verification.completed"],
        checks: Vec::new(),
    })
}

/// A new attempt on the same verification with a fresh link. The previous attempt is kept.
pub fn rerun(
    v: &VerificationRecord,
    now: i64,
    token: SecretHash,
    ttl_ms: i64,
) -> Result<Change, TransitionError> {
    let refuse = |why| {
        Err(TransitionError {
            action: "rerun",
            from: v.status,
            why,
        })
    };
    match v.status {
        Status::Pending | Status::InProgress | Status::Processing | Status::NeedsReview => {
            return refuse("it is still in progress; cancel it first or wait for its outcome")
        }
        Status::Approved => return refuse("it is approved"),
        Status::Canceled => return refuse("it was canceled; create a new verification"),
        Status::Declined if v.decline_type == Some(DeclineType::Final) => {
            return refuse("the decline is final")
        }
        Status::Declined | Status::Expired => {}
    }
    if v.attempts_left() == 0 {
        return refuse("no attempts are left");
    }
    let next = VerificationRecord {
        status: Status::Pending,
        decline_type: None,
        reason_codes: Vec::new(),
        risk_flags: Vec::new(),
        step: JourneyStep::Welcome,
        client_token_hash: token,
        attempt: v.attempt + 1,
        updated_at: now,
        expires_at: now + ttl_ms,
        submitted_at: None,
        completed_at: None,
        decided_by: None,
        ..v.clone()
    };
    Ok(Change {
        next,
        events: vec!["verification.rerun"],
        checks: Vec::new(),
    })
}

/// The applicant starts a new attempt from the outcome of a retryable decline, on the same link:
/// unlike [`rerun`] the client token stays, so the page they are on keeps working, and the link
/// keeps its expiry (retrying never makes a link live longer). Consent was given for this
/// verification already, so the new attempt starts at the document choice.
pub fn applicant_retry(v: &VerificationRecord, now: i64) -> Result<Change, TransitionError> {
    let refuse = |why| {
        Err(TransitionError {
            action: "retry",
            from: v.status,
            why,
        })
    };
    if v.status != Status::Declined || v.decline_type != Some(DeclineType::Retry) {
        return refuse("only a retryable decline can be retried by the applicant");
    }
    if v.attempts_left() == 0 {
        return refuse("no attempts are left");
    }
    if now >= v.expires_at {
        return refuse("the link has expired");
    }
    let next = VerificationRecord {
        status: Status::InProgress,
        decline_type: None,
        reason_codes: Vec::new(),
        risk_flags: Vec::new(),
        step: JourneyStep::Document,
        attempt: v.attempt + 1,
        updated_at: now,
        submitted_at: None,
        completed_at: None,
        decided_by: None,
        ..v.clone()
    };
    Ok(Change {
        next,
        events: vec!["verification.rerun"],
        checks: Vec::new(),
    })
}

/// The applicant chose (or changed) the document to upload: on to the upload of its sides.
pub fn choose_document(
    v: &VerificationRecord,
    choice: DocumentChoice,
    now: i64,
) -> Result<Change, TransitionError> {
    if v.step == JourneyStep::Welcome || !v.status.accepts_applicant() || now >= v.expires_at {
        return Err(TransitionError {
            action: "choose a document for",
            from: v.status,
            why: "a document is chosen after consent, while the link is open",
        });
    }
    Ok(Change {
        next: VerificationRecord {
            step: JourneyStep::Upload(choice),
            updated_at: now,
            ..v.clone()
        },
        events: Vec::new(),
        checks: Vec::new(),
    })
}

/// A fresh link for the same attempt: the old token stops working at once and the link lives
/// for the flow's full lifetime again. For an applicant who lost the link or let it lapse
/// before the sweeper marked it expired.
pub fn new_link(
    v: &VerificationRecord,
    now: i64,
    token: SecretHash,
    ttl_ms: i64,
) -> Result<Change, TransitionError> {
    if !v.status.accepts_applicant() {
        return Err(TransitionError {
            action: "issue a new link for",
            from: v.status,
            why: "links are issued only while the applicant can still act; rerun a finished verification instead",
        });
    }
    Ok(Change {
        next: VerificationRecord {
            client_token_hash: token,
            expires_at: now + ttl_ms,
            ..v.clone()
        },
        events: vec!["verification.link_issued"],
        checks: Vec::new(),
    })
}

/// A document was uploaded for the current attempt (API path): recorded, state unchanged.
pub fn document_uploaded(v: &VerificationRecord, now: i64) -> Result<Change, TransitionError> {
    if !v.status.accepts_applicant() || now >= v.expires_at {
        return Err(TransitionError {
            action: "upload a document to",
            from: if v.status.accepts_applicant() {
                Status::Expired
            } else {
                v.status
            },
            why: "documents are accepted only while the verification is pending or in progress",
        });
    }
    Ok(Change {
        next: v.clone(),
        events: vec!["verification.document_uploaded"],
        checks: Vec::new(),
    })
}

/// The applicant accepted the consent text: on to the document step.
pub fn consent(v: &VerificationRecord, now: i64) -> Result<Change, TransitionError> {
    if v.step != JourneyStep::Welcome || !v.status.accepts_applicant() || now >= v.expires_at {
        return Err(TransitionError {
            action: "consent to",
            from: v.status,
            why: "consent was already given or the link is closed",
        });
    }
    let started = v.status == Status::Pending;
    let next = VerificationRecord {
        status: Status::InProgress,
        step: JourneyStep::Document,
        ..v.clone()
    };
    Ok(Change {
        next,
        events: if started {
            vec!["verification.started"]
        } else {
            Vec::new()
        },
        checks: Vec::new(),
    })
}

/// The applicant (journey) or the tenant (API) submitted the attempt: its checks are queued
/// and it is processing.
pub fn submit(v: &VerificationRecord, now: i64) -> Result<Change, TransitionError> {
    if !v.status.accepts_applicant() || now >= v.expires_at {
        return Err(TransitionError {
            action: "submit",
            from: if v.status.accepts_applicant() {
                Status::Expired
            } else {
                v.status
            },
            why: "only pending or in-progress verifications can be submitted, once",
        });
    }
    let mut events = Vec::with_capacity(3);
    if v.status == Status::Pending {
        events.push("verification.started");
    }
    events.extend(["verification.submitted", "verification.processing"]);
    Ok(Change {
        next: VerificationRecord {
            status: Status::Processing,
            submitted_at: Some(now),
            ..v.clone()
        },
        events,
        checks: Vec::new(),
    })
}

/// Reason codes that signal fraud rather than a mistake: they also emit `fraud.flagged`.
const FRAUD_CODES: [&str; 2] = ["DUPLICATE_APPLICANT", "MRZ_CHECKSUM"];

/// The decision engine reached an outcome for a processing attempt.
pub fn decide(
    v: &VerificationRecord,
    decision: &Decision,
    now: i64,
) -> Result<Change, TransitionError> {
    if v.status != Status::Processing {
        return Err(TransitionError {
            action: "decide",
            from: v.status,
            why: "only a processing verification can be decided",
        });
    }
    Ok(outcome(v, decision, DecidedBy::Rules, now))
}

/// An operator decided an attempt the rules sent to review: approved, or declined (retry or
/// final) with the reason codes the operator chose. The same events follow as from the rules,
/// so a tenant's integration cannot tell the paths apart except by `decided_by`.
pub fn review(
    v: &VerificationRecord,
    decision: &Decision,
    operator: &OperatorId,
    now: i64,
) -> Result<Change, TransitionError> {
    let refuse = |why| {
        Err(TransitionError {
            action: "review",
            from: v.status,
            why,
        })
    };
    if v.status != Status::NeedsReview {
        return refuse("only a verification in review can be decided by an operator");
    }
    match decision.outcome {
        Outcome::NeedsReview => return refuse("a review must approve or decline"),
        Outcome::DeclinedRetry if v.attempts_left() == 0 => {
            return refuse("no attempts are left; decline it finally")
        }
        Outcome::DeclinedRetry | Outcome::DeclinedFinal if decision.reason_codes.is_empty() => {
            return refuse("a decline needs at least one reason code")
        }
        _ => {}
    }
    Ok(outcome(
        v,
        decision,
        DecidedBy::Operator {
            id: operator.clone(),
        },
        now,
    ))
}

fn outcome(v: &VerificationRecord, decision: &Decision, by: DecidedBy, now: i64) -> Change {
    let (status, decline_type, mut events) = match decision.outcome {
        Outcome::Approved => (
            Status::Approved,
            None,
            vec!["verification.approved", "verification.completed"],
        ),
        Outcome::DeclinedRetry => (
            Status::Declined,
            Some(DeclineType::Retry),
            vec!["verification.declined", "verification.completed"],
        ),
        Outcome::DeclinedFinal => (
            Status::Declined,
            Some(DeclineType::Final),
            vec!["verification.declined", "verification.completed"],
        ),
        Outcome::NeedsReview => (Status::NeedsReview, None, vec!["verification.needs_review"]),
    };
    let fraud = decision
        .reason_codes
        .iter()
        .chain(&decision.risk_flags)
        .any(|c| FRAUD_CODES.contains(&c.as_str()));
    // Flagged once: an operator's verdict on a flagged case does not flag it again.
    if fraud && v.status == Status::Processing {
        events.insert(0, "fraud.flagged");
    }
    Change {
        next: VerificationRecord {
            status,
            decline_type,
            reason_codes: decision.reason_codes.clone(),
            risk_flags: decision.risk_flags.clone(),
            completed_at: status.is_terminal().then_some(now),
            decided_by: Some(by),
            ..v.clone()
        },
        events,
        checks: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{FlowId, TenantId, VerificationId};
    use crate::secrets::Mode;

    fn record(status: Status) -> VerificationRecord {
        VerificationRecord {
            id: VerificationId::generate(),
            tenant_id: TenantId::generate(),
            flow_id: FlowId::generate(),
            flow_version: 1,
            mode: Mode::Test,
            status,
            decline_type: None,
            reason_codes: vec![],
            risk_flags: vec![],
            step: JourneyStep::Welcome,
            reference_id: None,
            applicant_sealed: None,
            locale: None,
            return_url: None,
            metadata: "{}".into(),
            requested_checks: vec![],
            client_token_hash: SecretHash::of("t"),
            attempt: 1,
            max_attempts: 3,
            sequence: 4,
            created_at: 0,
            updated_at: 0,
            expires_at: 1_000,
            submitted_at: None,
            completed_at: None,
            decided_by: None,
        }
    }

    const ALL: [Status; 8] = [
        Status::Pending,
        Status::InProgress,
        Status::Processing,
        Status::Approved,
        Status::Declined,
        Status::NeedsReview,
        Status::Expired,
        Status::Canceled,
    ];

    #[test]
    fn cancel_only_before_submission() {
        for s in ALL {
            let ok = cancel(&record(s), 10).is_ok();
            assert_eq!(
                ok,
                matches!(s, Status::Pending | Status::InProgress),
                "{s:?}"
            );
        }
        let change = cancel(&record(Status::Pending), 10).expect("allowed");
        assert_eq!(change.next.status, Status::Canceled);
        assert_eq!(change.next.completed_at, Some(10));
        assert_eq!(
            change.events,
            ["verification.canceled", "verification.completed"]
        );
    }

    #[test]
    fn expire_needs_an_open_link_past_its_time() {
        assert!(expire(&record(Status::Pending), 999).is_err());
        assert!(expire(&record(Status::InProgress), 1_000).is_ok());
        assert!(expire(&record(Status::Approved), 5_000).is_err());
    }

    #[test]
    fn rerun_rules() {
        let token = || SecretHash::of("new");
        for s in [
            Status::Pending,
            Status::InProgress,
            Status::Processing,
            Status::NeedsReview,
            Status::Approved,
            Status::Canceled,
        ] {
            assert!(rerun(&record(s), 10, token(), 100).is_err(), "{s:?}");
        }
        let mut declined = record(Status::Declined);
        declined.decline_type = Some(DeclineType::Retry);
        declined.reason_codes = vec!["GLARE".into()];
        let change = rerun(&declined, 10, token(), 100).expect("retry allowed");
        assert_eq!(change.next.attempt, 2);
        assert_eq!(change.next.status, Status::Pending);
        assert!(change.next.reason_codes.is_empty());
        assert_eq!(change.next.expires_at, 110);
        assert!(change
            .next
            .client_token_hash
            .matches(&SecretHash::of("new")));

        declined.attempt = 3;
        assert!(
            rerun(&declined, 10, token(), 100).is_err(),
            "attempts exhausted"
        );
        declined.attempt = 1;
        declined.decline_type = Some(DeclineType::Final);
        assert!(rerun(&declined, 10, token(), 100).is_err(), "final decline");
        assert!(rerun(&record(Status::Expired), 10, token(), 100).is_ok());
    }

    #[test]
    fn submit_only_while_the_applicant_can_act() {
        for s in ALL {
            assert_eq!(
                submit(&record(s), 10).is_ok(),
                s.accepts_applicant(),
                "{s:?}"
            );
        }
        assert!(
            submit(&record(Status::InProgress), 1_000).is_err(),
            "expired link"
        );
        let change = submit(&record(Status::Pending), 10).expect("allowed");
        assert_eq!(change.next.status, Status::Processing);
        assert_eq!(change.next.submitted_at, Some(10));
        assert_eq!(
            change.events,
            [
                "verification.started",
                "verification.submitted",
                "verification.processing"
            ]
        );
    }

    #[test]
    fn decisions_map_to_statuses_and_events() {
        let processing = record(Status::Processing);
        let decision = |outcome, codes: &[&str], flags: &[&str]| Decision {
            outcome,
            reason_codes: codes.iter().map(|c| c.to_string()).collect(),
            risk_flags: flags.iter().map(|c| c.to_string()).collect(),
        };
        let approved = decide(&processing, &decision(Outcome::Approved, &[], &[]), 20)
            .expect("processing can be decided");
        assert_eq!(approved.next.status, Status::Approved);
        assert_eq!(approved.next.completed_at, Some(20));
        assert_eq!(
            approved.events,
            ["verification.approved", "verification.completed"]
        );

        let retry = decide(
            &processing,
            &decision(Outcome::DeclinedRetry, &["GLARE"], &[]),
            20,
        )
        .expect("decided");
        assert_eq!(retry.next.decline_type, Some(DeclineType::Retry));
        assert_eq!(retry.next.reason_codes, ["GLARE"]);

        let review = decide(
            &processing,
            &decision(
                Outcome::NeedsReview,
                &["SANCTIONS_MATCH"],
                &["DUPLICATE_APPLICANT"],
            ),
            20,
        )
        .expect("decided");
        assert_eq!(review.next.status, Status::NeedsReview);
        assert_eq!(
            review.next.completed_at, None,
            "review is not an outcome yet"
        );
        assert_eq!(
            review.events,
            ["fraud.flagged", "verification.needs_review"]
        );

        assert!(decide(
            &record(Status::Approved),
            &decision(Outcome::Approved, &[], &[]),
            20
        )
        .is_err());
    }

    #[test]
    fn operators_decide_only_cases_in_review() {
        let operator = OperatorId::generate();
        let verdict = |outcome, codes: &[&str]| Decision {
            outcome,
            reason_codes: codes.iter().map(|c| c.to_string()).collect(),
            risk_flags: vec!["DUPLICATE_APPLICANT".into()],
        };
        for s in ALL.into_iter().filter(|s| *s != Status::NeedsReview) {
            assert!(
                review(&record(s), &verdict(Outcome::Approved, &[]), &operator, 30).is_err(),
                "{s:?}"
            );
        }
        let mut in_review = record(Status::NeedsReview);
        in_review.risk_flags = vec!["DUPLICATE_APPLICANT".into()];
        let approved = review(&in_review, &verdict(Outcome::Approved, &[]), &operator, 30)
            .expect("a case in review can be approved");
        assert_eq!(approved.next.status, Status::Approved);
        assert_eq!(approved.next.completed_at, Some(30));
        assert_eq!(
            approved.next.decided_by,
            Some(DecidedBy::Operator {
                id: operator.clone()
            })
        );
        assert_eq!(
            approved.events,
            ["verification.approved", "verification.completed"],
            "a flagged case is not flagged a second time"
        );

        assert!(
            review(
                &in_review,
                &verdict(Outcome::DeclinedFinal, &[]),
                &operator,
                30
            )
            .is_err(),
            "a decline names its reasons"
        );
        assert!(review(
            &in_review,
            &verdict(Outcome::NeedsReview, &[]),
            &operator,
            30
        )
        .is_err());
        let retry = review(
            &in_review,
            &verdict(Outcome::DeclinedRetry, &["BAD_FACE_MATCHING"]),
            &operator,
            30,
        )
        .expect("attempts are left");
        assert_eq!(retry.next.decline_type, Some(DeclineType::Retry));
        in_review.attempt = in_review.max_attempts;
        assert!(
            review(
                &in_review,
                &verdict(Outcome::DeclinedRetry, &["BAD_FACE_MATCHING"]),
                &operator,
                30
            )
            .is_err(),
            "no attempt left to retry"
        );

        let by_rules = decide(
            &record(Status::Processing),
            &verdict(Outcome::Approved, &[]),
            20,
        )
        .expect("decided");
        assert_eq!(by_rules.next.decided_by, Some(DecidedBy::Rules));
        assert_eq!(by_rules.events[0], "fraud.flagged");
    }

    #[test]
    fn new_links_replace_the_token_while_the_applicant_can_act() {
        for s in ALL {
            let ok = new_link(&record(s), 10, SecretHash::of("n"), 100).is_ok();
            assert_eq!(ok, s.accepts_applicant(), "{s:?}");
        }
        let change = new_link(&record(Status::InProgress), 2_000, SecretHash::of("n"), 100)
            .expect("a lapsed link can be renewed before the sweeper expires it");
        assert!(change.next.client_token_hash.matches(&SecretHash::of("n")));
        assert_eq!(change.next.expires_at, 2_100);
        assert_eq!(change.events, ["verification.link_issued"]);
    }

    #[test]
    fn next_action_follows_the_decline() {
        let mut v = record(Status::Declined);
        v.decline_type = Some(DeclineType::Retry);
        assert_eq!(
            v.status.next_action(v.decline_type, v.attempts_left()),
            crate::verification::NextAction::Retry
        );
        v.attempt = 3;
        assert_eq!(
            v.status.next_action(v.decline_type, v.attempts_left()),
            crate::verification::NextAction::ContactSupport
        );
    }
}
