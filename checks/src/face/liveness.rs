//! Active liveness: did the frames show one live person making the motion the challenge asked?
//!
//! The server issues one of four challenges (`turn_left`, `turn_right`, `move_closer`,
//! `look_up`, as in `server/src/liveness.rs`) and the journey posts the captured frames in
//! capture order. Each frame is measured ([`FrameMeasure`]: face count, head pose, descriptor);
//! the verdict requires
//!
//! 1. exactly one face in every frame;
//! 2. the same person throughout: every frame's descriptor within the match threshold of the
//!    first frame's, and of the reference (the selfie) when one is given;
//! 3. the motion, measured **from the first frame** (the applicant starts facing the camera):
//!    the largest excursion in the asked direction must reach the threshold. Measuring from the
//!    first frame, not as a range, means a set turned the wrong way and back, or the right frames
//!    played in reverse, does not pass.
//!
//! Yaw and pitch conventions are in [`super::landmarks`]: positive yaw = the applicant turned to
//! *their* left on an unmirrored frame; positive pitch change = looked up.
//!
//! Not covered here (pure engine): the challenge nonce, its time window and frame freshness are
//! the server's to check; passive anti-spoofing (print / screen replay) is not done.

use serde::{Deserialize, Serialize};

use super::embed::Embedding;
use super::landmarks::FacePose;

/// The server's challenge kinds (same names on the wire).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Challenge {
    TurnLeft,
    TurnRight,
    MoveCloser,
    LookUp,
}

impl Challenge {
    pub const ALL: [Challenge; 4] = [
        Challenge::TurnLeft,
        Challenge::TurnRight,
        Challenge::MoveCloser,
        Challenge::LookUp,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Challenge::TurnLeft => "turn_left",
            Challenge::TurnRight => "turn_right",
            Challenge::MoveCloser => "move_closer",
            Challenge::LookUp => "look_up",
        }
    }

    pub fn parse(s: &str) -> Option<Challenge> {
        Challenge::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// How much motion a challenge needs, measured from the first frame.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MotionThresholds {
    /// Yaw change for a turn (nose shift as a fraction of face width). 0.10 ≈ a 15–20° turn:
    /// the nose tip stands about a third of the face width in front of the cheeks.
    pub min_yaw_change: f32,
    /// Pitch change for looking up (fraction of the eyes→chin distance); 0.06 ≈ 12–15°.
    pub min_pitch_change: f32,
    /// Largest face size over the first frame's for moving closer (1.2 = 20 % wider).
    pub min_size_ratio: f32,
}

impl Default for MotionThresholds {
    fn default() -> Self {
        MotionThresholds {
            min_yaw_change: 0.10,
            min_pitch_change: 0.06,
            min_size_ratio: 1.2,
        }
    }
}

/// What one frame showed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrameMeasure {
    /// Faces detected in the frame.
    pub faces: usize,
    /// Head pose when there was exactly one face.
    pub pose: Option<FacePose>,
    /// Descriptor when there was exactly one face (not serialised: biometric data stays out of
    /// check details).
    #[serde(skip)]
    pub embedding: Option<Embedding>,
}

/// The measured motion and whether it met the challenge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MotionVerdict {
    pub challenge: Challenge,
    /// Yaw of each frame (applicant's point of view, + = their left).
    pub yaw: Vec<f32>,
    pub pitch: Vec<f32>,
    pub size: Vec<f32>,
    /// Largest yaw change from the first frame towards the applicant's left (negative when the
    /// head only ever turned right).
    pub yaw_left: f32,
    /// Largest yaw change from the first frame towards the applicant's right.
    pub yaw_right: f32,
    /// Largest pitch increase (looking up) from the first frame.
    pub pitch_up: f32,
    /// Largest face size over the first frame's.
    pub size_ratio: f32,
    /// The measured quantity the challenge is judged on, and its threshold.
    pub measured: f32,
    pub required: f32,
    pub passed: bool,
}

/// Judges the motion of an ordered pose sequence against a challenge. Pure: the server and tests
/// can call it on stored measurements.
pub fn evaluate_motion(
    poses: &[FacePose],
    challenge: Challenge,
    t: &MotionThresholds,
) -> MotionVerdict {
    let yaw: Vec<f32> = poses.iter().map(|p| p.yaw).collect();
    let pitch: Vec<f32> = poses.iter().map(|p| p.pitch).collect();
    let size: Vec<f32> = poses.iter().map(|p| p.size).collect();
    let from_first = |v: &[f32], sign: f32| -> f32 {
        match v.first() {
            Some(&first) if v.len() >= 2 => v[1..]
                .iter()
                .map(|x| sign * (x - first))
                .fold(f32::NEG_INFINITY, f32::max),
            _ => 0.0,
        }
    };
    let yaw_left = from_first(&yaw, 1.0);
    let yaw_right = from_first(&yaw, -1.0);
    let pitch_up = from_first(&pitch, 1.0);
    let size_ratio = match size.first() {
        Some(&first) if first > 0.0 && size.len() >= 2 => {
            size[1..].iter().fold(f32::NEG_INFINITY, |m, &s| m.max(s)) / first
        }
        _ => 1.0,
    };
    let (measured, required) = match challenge {
        Challenge::TurnLeft => (yaw_left, t.min_yaw_change),
        Challenge::TurnRight => (yaw_right, t.min_yaw_change),
        Challenge::LookUp => (pitch_up, t.min_pitch_change),
        Challenge::MoveCloser => (size_ratio, t.min_size_ratio),
    };
    MotionVerdict {
        challenge,
        yaw,
        pitch,
        size,
        yaw_left,
        yaw_right,
        pitch_up,
        size_ratio,
        measured,
        required,
        passed: measured.is_finite() && measured >= required,
    }
}

/// Why a liveness capture failed (several may apply).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum LivenessFailure {
    /// A frame had no face (frames are numbered from 0).
    NoFace { frame: usize },
    /// A frame had more than one face.
    MultipleFaces { frame: usize, faces: usize },
    /// A frame's face is not the first frame's person.
    DifferentPerson { frame: usize, distance: f32 },
    /// A frame's face is not the reference (selfie) person.
    NotReference { frame: usize, distance: f32 },
    /// The motion the challenge asked for was not seen.
    InsufficientMotion,
}

/// The liveness verdict, serialisable as check details.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LivenessVerdict {
    pub challenge: Challenge,
    pub frames: usize,
    pub faces_per_frame: Vec<usize>,
    /// Largest descriptor distance from the first frame's face.
    pub max_distance_to_first: Option<f32>,
    /// Largest descriptor distance from the reference, when one was given.
    pub max_distance_to_reference: Option<f32>,
    /// The motion, measured when every frame had exactly one face.
    pub motion: Option<MotionVerdict>,
    pub failures: Vec<LivenessFailure>,
    pub passed: bool,
}

/// Combines per-frame measures into a verdict.
pub fn verdict(
    measures: &[FrameMeasure],
    challenge: Challenge,
    reference: Option<&Embedding>,
    threshold: f32,
    thresholds: &MotionThresholds,
) -> LivenessVerdict {
    let mut failures = Vec::new();
    for (frame, m) in measures.iter().enumerate() {
        match m.faces {
            0 => failures.push(LivenessFailure::NoFace { frame }),
            1 => {}
            faces => failures.push(LivenessFailure::MultipleFaces { frame, faces }),
        }
    }
    let first = measures.first().and_then(|m| m.embedding.as_ref());
    let mut max_first: Option<f32> = None;
    let mut max_ref: Option<f32> = None;
    for (frame, m) in measures.iter().enumerate() {
        let Some(e) = m.embedding.as_ref() else {
            continue;
        };
        if let Some(f) = first {
            let distance = e.distance(f);
            max_first = Some(max_first.map_or(distance, |d| d.max(distance)));
            if distance >= threshold {
                failures.push(LivenessFailure::DifferentPerson { frame, distance });
            }
        }
        if let Some(r) = reference {
            let distance = e.distance(r);
            max_ref = Some(max_ref.map_or(distance, |d| d.max(distance)));
            if distance >= threshold {
                failures.push(LivenessFailure::NotReference { frame, distance });
            }
        }
    }
    let poses: Option<Vec<FacePose>> = measures.iter().map(|m| m.pose).collect();
    let motion = poses.map(|p| evaluate_motion(&p, challenge, thresholds));
    if !motion.as_ref().is_some_and(|m| m.passed) {
        failures.push(LivenessFailure::InsufficientMotion);
    }
    LivenessVerdict {
        challenge,
        frames: measures.len(),
        faces_per_frame: measures.iter().map(|m| m.faces).collect(),
        max_distance_to_first: max_first,
        max_distance_to_reference: max_ref,
        motion,
        passed: failures.is_empty() && !measures.is_empty(),
        failures,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn poses(yaw: &[f32]) -> Vec<FacePose> {
        yaw.iter()
            .map(|&y| FacePose {
                yaw: y,
                pitch: 0.0,
                size: 0.3,
            })
            .collect()
    }

    #[test]
    fn challenge_names_match_the_server() {
        for c in Challenge::ALL {
            assert_eq!(Challenge::parse(c.as_str()), Some(c));
            assert_eq!(
                serde_json::to_value(c).ok(),
                Some(serde_json::json!(c.as_str()))
            );
        }
        assert_eq!(Challenge::parse("blink"), None);
    }

    #[test]
    fn turning_left_passes_turn_left_only() {
        let t = MotionThresholds::default();
        let p = poses(&[0.0, 0.05, 0.12, 0.2]);
        assert!(evaluate_motion(&p, Challenge::TurnLeft, &t).passed);
        assert!(!evaluate_motion(&p, Challenge::TurnRight, &t).passed);
        assert!(!evaluate_motion(&p, Challenge::MoveCloser, &t).passed);
        assert!(!evaluate_motion(&p, Challenge::LookUp, &t).passed);
    }

    #[test]
    fn wrong_way_and_back_or_reversed_frames_fail() {
        let t = MotionThresholds::default();
        let right_and_back = poses(&[0.0, -0.2, -0.1, 0.0]);
        assert!(!evaluate_motion(&right_and_back, Challenge::TurnLeft, &t).passed);
        let reversed = poses(&[0.2, 0.12, 0.05, 0.0]);
        assert!(!evaluate_motion(&reversed, Challenge::TurnLeft, &t).passed);
        assert!(!evaluate_motion(&poses(&[0.3]), Challenge::TurnLeft, &t).passed);
        assert!(!evaluate_motion(&[], Challenge::MoveCloser, &t).passed);
    }

    #[test]
    fn a_missing_face_fails_with_its_frame() {
        let m = |faces| FrameMeasure {
            faces,
            pose: (faces == 1).then_some(FacePose {
                yaw: 0.0,
                pitch: 0.0,
                size: 0.3,
            }),
            embedding: (faces == 1).then(|| Embedding(vec![0.0; 128])),
        };
        let v = verdict(
            &[m(1), m(0), m(2)],
            Challenge::TurnLeft,
            None,
            0.6,
            &Default::default(),
        );
        assert!(!v.passed);
        assert!(v.motion.is_none());
        assert!(v.failures.contains(&LivenessFailure::NoFace { frame: 1 }));
        assert!(v
            .failures
            .contains(&LivenessFailure::MultipleFaces { frame: 2, faces: 2 }));
    }

    proptest! {
        /// Mirroring a sequence (negating yaw) swaps the left and right verdicts.
        #[test]
        fn mirroring_swaps_directions(yaw in proptest::collection::vec(-0.5f32..0.5, 2..10)) {
            let t = MotionThresholds::default();
            let mirrored: Vec<f32> = yaw.iter().map(|y| -y).collect();
            let a = evaluate_motion(&poses(&yaw), Challenge::TurnLeft, &t);
            let b = evaluate_motion(&poses(&mirrored), Challenge::TurnRight, &t);
            prop_assert_eq!(a.passed, b.passed);
            prop_assert!((a.measured - b.measured).abs() < 1e-6);
        }
    }
}
