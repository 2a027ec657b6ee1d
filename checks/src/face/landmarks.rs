//! 468 face landmarks (MediaPipe Face Mesh) and the head pose measured from them.
//!
//! The crop is an unrotated square around the BlazeFace box, [`MESH_SCALE`] times its larger side
//! (MediaPipe's landmark model expects the face to fill about two thirds of its input), resampled
//! to 192×192 RGB in 0..1. Landmarks come back in crop pixels and are mapped to source pixels.
//!
//! Pose is measured from a few landmarks with ratios rather than a 3-D fit, because only changes
//! across a challenge's frames matter and ratios are independent of image size:
//!
//! * **yaw** — where the nose tip sits between the two cheek edges, −0.5…0.5 (0 = frontal).
//!   Sign convention, from the **applicant's** point of view on an **unmirrored** camera frame
//!   (what `getUserMedia` captures; only the on-screen preview is mirrored): **positive = the
//!   applicant turned their head to their left**. Facing the camera, the applicant's left is the
//!   image's right, so turning left moves the nose tip towards larger x. A horizontally flipped
//!   frame therefore flips the sign.
//! * **pitch** — `0.5 −` the nose tip's position along the eyes→chin axis (as a fraction of that
//!   distance). Looking up lifts the nose tip towards the eye line, so pitch **increases when the
//!   applicant looks up**. Roll-invariant.
//! * **size** — the cheek-to-cheek width divided by the image width: grows as the face comes
//!   closer to the camera.

use image::RgbImage;
use serde::{Deserialize, Serialize};

use super::crop::{sample, Window};
use super::detect::{Detection, Point};
use super::{run, FaceError, FaceModels};

pub(crate) const INPUT: usize = 192;

/// The mesh crop's side as a multiple of the detection box's larger side.
pub const MESH_SCALE: f32 = 1.5;

const NOSE_TIP: usize = 1;
const CHEEK_A: usize = 234;
const CHEEK_B: usize = 454;
const EYE_A: usize = 33;
const EYE_B: usize = 263;
const CHIN: usize = 152;

/// 468 landmarks in source pixels (x, y; z is the model's relative depth, in crop units).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Landmarks {
    pub points: Vec<[f32; 3]>,
}

/// Head pose of one frame (see the module documentation for the conventions).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct FacePose {
    pub yaw: f32,
    pub pitch: f32,
    pub size: f32,
}

impl Landmarks {
    fn p(&self, i: usize) -> Point {
        let [x, y, _] = self.points.get(i).copied().unwrap_or([0.0; 3]);
        Point { x, y }
    }

    /// Yaw, pitch and size; `image_width` normalises the size.
    pub fn pose(&self, image_width: u32) -> FacePose {
        let (nose, a, b) = (self.p(NOSE_TIP), self.p(CHEEK_A), self.p(CHEEK_B));
        let width = (b.x - a.x).abs().max(1e-3);
        let yaw = (nose.x - (a.x + b.x) / 2.0) / width;
        let (ea, eb, chin) = (self.p(EYE_A), self.p(EYE_B), self.p(CHIN));
        let eye = Point {
            x: (ea.x + eb.x) / 2.0,
            y: (ea.y + eb.y) / 2.0,
        };
        let (dx, dy) = (chin.x - eye.x, chin.y - eye.y);
        let len2 = (dx * dx + dy * dy).max(1e-3);
        let along = ((nose.x - eye.x) * dx + (nose.y - eye.y) * dy) / len2;
        let face_width = ((b.x - a.x).powi(2) + (b.y - a.y).powi(2)).sqrt();
        FacePose {
            yaw,
            pitch: 0.5 - along,
            size: face_width / image_width.max(1) as f32,
        }
    }
}

pub(crate) fn landmarks(
    models: &FaceModels,
    img: &RgbImage,
    det: &Detection,
) -> Result<Landmarks, FaceError> {
    let c = det.center();
    let window = Window {
        cx: c.x,
        cy: c.y,
        side: det.bbox[2].max(det.bbox[3]) * MESH_SCALE,
        angle: 0.0,
    };
    let pixels = sample(img, window, INPUT as u32);
    let data = pixels.into_iter().map(|p| f32::from(p) / 255.0).collect();
    let outputs = run(&models.facemesh, "facemesh.onnx", INPUT, data)?;
    let Some(raw) = outputs.iter().find(|o| o.len() == 468 * 3) else {
        return Err(FaceError::Inference {
            model: "facemesh.onnx",
            reason: "no 468×3 landmark output".into(),
        });
    };
    let scale = window.side / INPUT as f32;
    let points = raw
        .chunks_exact(3)
        .map(|p| {
            let (x, y) = window.to_source(p[0], p[1], INPUT as u32);
            [x, y, p[2] * scale]
        })
        .collect();
    Ok(Landmarks { points })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mesh(nose: (f32, f32)) -> Landmarks {
        let mut points = vec![[0.0; 3]; 468];
        points[CHEEK_A] = [0.0, 50.0, 0.0];
        points[CHEEK_B] = [100.0, 50.0, 0.0];
        points[EYE_A] = [30.0, 40.0, 0.0];
        points[EYE_B] = [70.0, 40.0, 0.0];
        points[CHIN] = [50.0, 100.0, 0.0];
        points[NOSE_TIP] = [nose.0, nose.1, 0.0];
        Landmarks { points }
    }

    #[test]
    fn yaw_is_positive_when_the_nose_moves_to_image_right() {
        assert!(mesh((50.0, 70.0)).pose(200).yaw.abs() < 1e-6);
        assert!(mesh((70.0, 70.0)).pose(200).yaw > 0.15);
        assert!(mesh((30.0, 70.0)).pose(200).yaw < -0.15);
    }

    #[test]
    fn pitch_grows_when_the_nose_rises_and_size_is_relative() {
        let level = mesh((50.0, 70.0)).pose(200);
        let up = mesh((50.0, 55.0)).pose(200);
        assert!(up.pitch > level.pitch + 0.2);
        assert!((level.size - 0.5).abs() < 1e-6);
    }
}
