//! Faces: detection, aligned 128-d descriptors, face match and active-liveness motion.
//!
//! Three ONNX networks run in pure Rust (`tract-onnx`), on the CPU, from bytes the caller hands
//! in (`models/face/` in the repository, checked against `SHA256SUMS` by whoever reads the files):
//!
//! * **BlazeFace** (MediaPipe, 256×256 "full range" variant) finds faces and six keypoints
//!   ([`detect`]);
//! * dlib's **ResNet face descriptor** (face-api's exact port) turns a roll-aligned 150×150 chip
//!   into 128 numbers whose Euclidean distance is below 0.6 for the same person ([`embed`]);
//! * **Face Mesh** (MediaPipe) places 468 landmarks, from which head yaw, pitch and size are
//!   measured for the active-liveness challenges ([`landmarks`], [`liveness`]);
//!
//! and hand-built passive anti-spoofing signals look for a screen's or a print's artefacts in
//! the face ([`spoof`]).
//!
//! ```ignore
//! let engine = FaceEngine::new(FaceModels::from_bytes(&blazeface, &facemesh, &descriptor)?);
//! let faces = engine.faces(&image)?;                 // every face, best first
//! let m = engine.compare(&portrait, &selfie)?;        // FaceComparison { a, b, face_match }
//! let v = engine.liveness(&frames, Challenge::TurnLeft, Some(&selfie_embedding))?;
//! ```
//!
//! Like the rest of the crate this module performs no I/O: the server (`server/src/faces.rs`) and
//! the test/example helper `checks/tests/face_common` read the model files and check each against
//! `SHA256SUMS` with [`verify_model`] before calling [`FaceModels::from_bytes`].

mod crop;
pub mod detect;
pub mod embed;
pub mod integrity;
pub mod landmarks;
pub mod liveness;
pub mod spoof;

use std::sync::Arc;

use image::{DynamicImage, RgbImage};
use serde::{Deserialize, Serialize};
use tract_onnx::prelude::*;

pub use detect::{Detection, DetectionConfig, Point};
pub use embed::{Embedding, FaceMatch, DEFAULT_MATCH_THRESHOLD};
pub use integrity::{verify_model, IntegrityError};
pub use landmarks::{FacePose, Landmarks};
pub use liveness::{
    evaluate_motion, Challenge, FrameMeasure, LivenessFailure, LivenessVerdict, MotionThresholds,
    MotionVerdict,
};
pub use spoof::{PassiveSignals, PassiveVerdict, SpoofThresholds};

/// Why a face operation could not produce a result. A missing face is not an error (the caller
/// gets an empty list or a [`FaceCount`]); these are refusals and model problems.
#[derive(Debug, thiserror::Error)]
pub enum FaceError {
    /// A model's bytes could not be loaded or optimised (truncated, altered, wrong file).
    #[error("face model {model} could not be loaded: {reason}")]
    Model { model: &'static str, reason: String },
    /// Inference failed at run time (should not happen with the committed models).
    #[error("face model {model} failed: {reason}")]
    Inference { model: &'static str, reason: String },
    /// The image has no pixels.
    #[error("image is empty")]
    EmptyImage,
    /// Not exactly one face where one was required (document portrait, selfie, a liveness frame).
    #[error("expected exactly one face, found {found}")]
    FaceCount { found: usize },
    /// A liveness call with no frames.
    #[error("no frames to check")]
    NoFrames,
}

pub(crate) type Plan = Arc<TypedRunnableModel>;

/// The three networks, loaded and optimised once (≈0.3 s) and shared by every call; cheap to
/// clone (reference-counted) and `Send + Sync`, so one copy serves all job workers.
#[derive(Clone)]
pub struct FaceModels {
    pub(crate) blazeface: Plan,
    pub(crate) facemesh: Plan,
    pub(crate) descriptor: Plan,
}

impl std::fmt::Debug for FaceModels {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FaceModels { blazeface, facemesh, descriptor }")
    }
}

/// Model file names in `models/face/`, in the order [`FaceModels::from_bytes`] takes them.
pub const MODEL_FILES: [&str; 3] = [
    "blazeface.onnx",
    "facemesh.onnx",
    "faceapi_recognition.onnx",
];

impl FaceModels {
    /// Loads the three ONNX models from their bytes, fixing each input shape (batch 1) so tract
    /// can optimise the graph once.
    pub fn from_bytes(
        blazeface: &[u8],
        facemesh: &[u8],
        descriptor: &[u8],
    ) -> Result<FaceModels, FaceError> {
        Ok(FaceModels {
            blazeface: load("blazeface.onnx", blazeface, detect::INPUT)?,
            facemesh: load("facemesh.onnx", facemesh, landmarks::INPUT)?,
            descriptor: load("faceapi_recognition.onnx", descriptor, embed::INPUT)?,
        })
    }
}

fn load(model: &'static str, bytes: &[u8], side: usize) -> Result<Plan, FaceError> {
    let err = |e: TractError| FaceError::Model {
        model,
        reason: format!("{e:#}"),
    };
    tract_onnx::onnx()
        .model_for_read(&mut std::io::Cursor::new(bytes))
        .map_err(err)?
        .with_input_fact(0, f32::fact([1, side, side, 3]).into())
        .map_err(err)?
        .into_optimized()
        .map_err(err)?
        .into_runnable()
        .map_err(err)
}

/// Runs `plan` on one NHWC image tensor and returns every output as a flat `f32` vector.
pub(crate) fn run(
    plan: &Plan,
    model: &'static str,
    side: usize,
    data: Vec<f32>,
) -> Result<Vec<Vec<f32>>, FaceError> {
    let err = |e: TractError| FaceError::Inference {
        model,
        reason: format!("{e:#}"),
    };
    let input = Tensor::from_shape(&[1, side, side, 3], &data).map_err(err)?;
    let outputs = plan.run(tvec!(input.into())).map_err(err)?;
    outputs
        .iter()
        .map(|t| {
            Ok(t.to_plain_array_view::<f32>()
                .map_err(err)?
                .iter()
                .copied()
                .collect())
        })
        .collect()
}

/// A detected face with what the descriptor and the landmark model made of it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Face {
    pub detection: Detection,
    pub embedding: Embedding,
}

/// The outcome of comparing two images' faces (each must hold exactly one).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FaceComparison {
    pub a: Detection,
    pub b: Detection,
    #[serde(rename = "match")]
    pub face_match: FaceMatch,
}

/// The face engine: the loaded models plus thresholds. Every method is pure (image in, values out).
#[derive(Debug, Clone)]
pub struct FaceEngine {
    models: FaceModels,
    pub detection: DetectionConfig,
    /// L2 distance under which two descriptors are the same person (dlib's 0.6 by default).
    pub match_threshold: f32,
    pub motion: MotionThresholds,
    /// Passive anti-spoofing cut-offs ([`spoof`]).
    pub spoof: SpoofThresholds,
}

impl FaceEngine {
    pub fn new(models: FaceModels) -> FaceEngine {
        FaceEngine {
            models,
            detection: DetectionConfig::default(),
            match_threshold: DEFAULT_MATCH_THRESHOLD,
            motion: MotionThresholds::default(),
            spoof: SpoofThresholds::default(),
        }
    }

    /// Every face found in `image`, best score first, in the image's pixel coordinates.
    pub fn detect(&self, image: &DynamicImage) -> Result<Vec<Detection>, FaceError> {
        detect::detect(&self.models, &rgb(image)?, &self.detection)
    }

    /// Every face with its descriptor.
    pub fn faces(&self, image: &DynamicImage) -> Result<Vec<Face>, FaceError> {
        let img = rgb(image)?;
        detect::detect(&self.models, &img, &self.detection)?
            .into_iter()
            .map(|detection| {
                let embedding = embed::embed(&self.models, &img, &detection)?;
                Ok(Face {
                    detection,
                    embedding,
                })
            })
            .collect()
    }

    /// The single face of `image` with its descriptor; `FaceCount` when there are none or several
    /// (the caller maps 0 to `NO_FACE_FOUND` and more to its multiple-faces outcome).
    pub fn single_face(&self, image: &DynamicImage) -> Result<Face, FaceError> {
        let mut faces = self.faces(image)?;
        match faces.len() {
            1 => Ok(faces.remove(0)),
            found => Err(FaceError::FaceCount { found }),
        }
    }

    /// The passive anti-spoofing verdict of the face `face` found in `image` ([`spoof`]).
    pub fn passive(&self, image: &DynamicImage, face: &Detection) -> PassiveVerdict {
        spoof::passive(&image.to_rgb8(), face.bbox, &self.spoof)
    }

    /// Compares two descriptors with this engine's threshold.
    pub fn compare_embeddings(&self, a: &Embedding, b: &Embedding) -> FaceMatch {
        FaceMatch::new(a.distance(b), self.match_threshold)
    }

    /// Compares the single faces of two images (document portrait and selfie).
    pub fn compare(&self, a: &DynamicImage, b: &DynamicImage) -> Result<FaceComparison, FaceError> {
        let fa = self.single_face(a)?;
        let fb = self.single_face(b)?;
        let face_match = self.compare_embeddings(&fa.embedding, &fb.embedding);
        Ok(FaceComparison {
            a: fa.detection,
            b: fb.detection,
            face_match,
        })
    }

    /// Measures one liveness frame: its faces, and for a single face its pose and descriptor.
    pub fn measure_frame(&self, image: &DynamicImage) -> Result<FrameMeasure, FaceError> {
        let img = rgb(image)?;
        let dets = detect::detect(&self.models, &img, &self.detection)?;
        let faces = dets.len();
        let Some(det) = dets.into_iter().next().filter(|_| faces == 1) else {
            return Ok(FrameMeasure {
                faces,
                pose: None,
                embedding: None,
            });
        };
        let lm = landmarks::landmarks(&self.models, &img, &det)?;
        let pose = lm.pose(img.width());
        let embedding = embed::embed(&self.models, &img, &det)?;
        Ok(FrameMeasure {
            faces,
            pose: Some(pose),
            embedding: Some(embedding),
        })
    }

    /// Verifies an active-liveness capture: every frame one face, the same person as the first
    /// frame (and as `reference`, the selfie, when given), and the motion `challenge` asked for.
    pub fn liveness(
        &self,
        frames: &[DynamicImage],
        challenge: Challenge,
        reference: Option<&Embedding>,
    ) -> Result<LivenessVerdict, FaceError> {
        if frames.is_empty() {
            return Err(FaceError::NoFrames);
        }
        let measures = frames
            .iter()
            .map(|f| self.measure_frame(f))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(liveness::verdict(
            &measures,
            challenge,
            reference,
            self.match_threshold,
            &self.motion,
        ))
    }
}

/// Faces at least this fraction of the largest face's width count as people in the picture;
/// smaller ones are background (a passer-by, a poster, a document's small ghost portrait).
pub const PROMINENT_FRACTION: f32 = 0.4;

/// The faces of one picture that belong to people being photographed, largest first.
pub fn prominent(mut faces: Vec<Face>) -> Vec<Face> {
    faces.sort_by(|a, b| b.detection.bbox[2].total_cmp(&a.detection.bbox[2]));
    let largest = faces.first().map_or(0.0, |f| f.detection.bbox[2]);
    faces.retain(|f| f.detection.bbox[2] >= PROMINENT_FRACTION * largest);
    faces
}

fn rgb(image: &DynamicImage) -> Result<RgbImage, FaceError> {
    if image.width() == 0 || image.height() == 0 {
        return Err(FaceError::EmptyImage);
    }
    Ok(image.to_rgb8())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The server shares one engine between its job workers.
    #[test]
    fn the_engine_is_send_and_sync() {
        fn shared<T: Send + Sync + Clone>() {}
        shared::<FaceModels>();
        shared::<FaceEngine>();
    }

    fn face(width: f32) -> Face {
        Face {
            detection: Detection {
                bbox: [0.0, 0.0, width, width],
                score: 0.9,
                keypoints: Vec::new(),
            },
            embedding: Embedding(vec![0.0; 128]),
        }
    }

    #[test]
    fn background_faces_are_not_people_in_the_picture() {
        let kept = prominent(vec![face(30.0), face(200.0), face(120.0)]);
        let widths: Vec<f32> = kept.iter().map(|f| f.detection.bbox[2]).collect();
        assert_eq!(widths, vec![200.0, 120.0]);
        assert!(prominent(Vec::new()).is_empty());
    }

    #[test]
    fn junk_bytes_are_a_typed_model_error() {
        let err = FaceModels::from_bytes(b"", b"", b"").err();
        assert!(
            matches!(
                err,
                Some(FaceError::Model {
                    model: "blazeface.onnx",
                    ..
                })
            ),
            "{err:?}"
        );
    }
}
