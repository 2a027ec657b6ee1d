//! Active liveness: the server picks a movement at random, the applicant's page films it as a
//! short burst of frames, and the frames come back with the challenge's id.
//!
//! The challenge is the point: a pre-recorded clip cannot know which movement will be asked, and
//! a captured upload cannot be replayed because each challenge is good for one capture and a
//! short time. Scoring the frames (did the head really turn?) is the face model's job, which is
//! not wired in yet; this module only makes sure the evidence it will need is real and recorded.

use rand::Rng;

use crate::ids::{ChallengeId, VerificationId};
use crate::store::{now_ms, Store, StoreResult, VerificationRecord};

/// How long a challenge may be answered: enough to read the instruction and film it, too short
/// to prepare a fake for it.
pub const CHALLENGE_TTL_MS: i64 = 120_000;
/// Frames a capture must have: fewer cannot show a movement.
pub const MIN_FRAMES: usize = 6;
/// Frames a capture may have: the page sends 8; more is not a capture of ours.
pub const MAX_FRAMES: usize = 10;

/// The document type of a liveness frame: kept apart from `selfie` so that nothing mistakes a
/// frame of a turning head for the portrait.
pub const FRAME_DOCUMENT_TYPE: &str = "liveness_frame";

/// Challenges one attempt may be issued: far more than an applicant retrying ever needs, and a
/// bound on the rows a client with a valid link can make the server write.
pub const MAX_CHALLENGES_PER_ATTEMPT: i64 = 30;

/// The movement the applicant is asked to make.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChallengeKind {
    TurnLeft,
    TurnRight,
    MoveCloser,
    LookUp,
}

impl ChallengeKind {
    pub const ALL: [ChallengeKind; 4] = [
        ChallengeKind::TurnLeft,
        ChallengeKind::TurnRight,
        ChallengeKind::MoveCloser,
        ChallengeKind::LookUp,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ChallengeKind::TurnLeft => "turn_left",
            ChallengeKind::TurnRight => "turn_right",
            ChallengeKind::MoveCloser => "move_closer",
            ChallengeKind::LookUp => "look_up",
        }
    }

    pub fn parse(s: &str) -> Option<ChallengeKind> {
        ChallengeKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// One of the movements, uniformly at random.
    pub fn random() -> ChallengeKind {
        ChallengeKind::ALL[rand::rng().random_range(0..ChallengeKind::ALL.len())]
    }
}

/// A challenge as stored.
#[derive(Clone, Debug)]
pub struct Challenge {
    pub id: ChallengeId,
    pub verification_id: VerificationId,
    pub attempt: i64,
    pub kind: ChallengeKind,
    pub created_at: i64,
    pub expires_at: i64,
    pub used_at: Option<i64>,
}

/// Why a capture's challenge is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ChallengeProblem {
    /// Not a challenge of this verification's current attempt (or no challenge at all).
    #[error("unknown liveness challenge")]
    Unknown,
    /// Issued too long ago.
    #[error("the liveness challenge has expired")]
    Expired,
    /// Already answered by another capture.
    #[error("the liveness challenge was already used")]
    Used,
}

impl ChallengeProblem {
    /// The stable code of the refusal.
    pub fn code(self) -> &'static str {
        match self {
            ChallengeProblem::Unknown => "challenge_unknown",
            ChallengeProblem::Expired => "challenge_expired",
            ChallengeProblem::Used => "challenge_used",
        }
    }
}

/// Whether a verification's checks need a face: a selfie and, for `liveness`, a challenge.
pub fn needs_face(checks: &[String]) -> bool {
    checks
        .iter()
        .any(|c| matches!(c.as_str(), "selfie" | "liveness" | "face_match"))
}

/// Whether a verification's checks include the active liveness challenge.
pub fn needs_liveness(checks: &[String]) -> bool {
    checks.iter().any(|c| c == "liveness")
}

/// Issues a new challenge for the verification's current attempt; `None` once the attempt had
/// [`MAX_CHALLENGES_PER_ATTEMPT`].
pub async fn issue(store: &Store, record: &VerificationRecord) -> StoreResult<Option<Challenge>> {
    if store
        .challenges_of_attempt(&record.id, record.attempt)
        .await?
        >= MAX_CHALLENGES_PER_ATTEMPT
    {
        return Ok(None);
    }
    let now = now_ms();
    let challenge = Challenge {
        id: ChallengeId::generate(),
        verification_id: record.id.clone(),
        attempt: record.attempt,
        kind: ChallengeKind::random(),
        created_at: now,
        expires_at: now + CHALLENGE_TTL_MS,
        used_at: None,
    };
    store.insert_challenge(&challenge).await?;
    Ok(Some(challenge))
}

/// The challenge `id` may be answered for this verification's current attempt at `now`.
pub fn usable(
    challenge: Option<&Challenge>,
    record: &VerificationRecord,
    now: i64,
) -> Result<(), ChallengeProblem> {
    let challenge = challenge
        .filter(|c| c.verification_id == record.id && c.attempt == record.attempt)
        .ok_or(ChallengeProblem::Unknown)?;
    if challenge.used_at.is_some() {
        return Err(ChallengeProblem::Used);
    }
    if now >= challenge.expires_at {
        return Err(ChallengeProblem::Expired);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_and_random_picks_each() {
        for kind in ChallengeKind::ALL {
            assert_eq!(ChallengeKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(ChallengeKind::parse("smile"), None);
        let mut seen = std::collections::HashSet::new();
        for _ in 0..400 {
            seen.insert(ChallengeKind::random());
        }
        assert_eq!(seen.len(), ChallengeKind::ALL.len());
    }

    #[test]
    fn face_checks_are_recognised() {
        let list = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(!needs_face(&list(&["document", "sanctions"])));
        assert!(needs_face(&list(&["document", "face_match"])));
        assert!(needs_face(&list(&["selfie"])));
        assert!(!needs_liveness(&list(&["selfie", "face_match"])));
        assert!(needs_liveness(&list(&["liveness"])));
    }
}
