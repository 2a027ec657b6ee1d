//! Face detection with MediaPipe BlazeFace (the 256×256 "full range" variant).
//!
//! The image is letterboxed: a square window of side `max(width, height)` centred on the image,
//! padded with black, resampled to 256×256 — so any aspect ratio works and coordinates map back
//! with one scale and offset. The network predicts, for each of 896 fixed anchors (a 16×16 grid
//! with 2 anchors per cell, then an 8×8 grid with 6), a score logit and a box + 6 keypoints as
//! offsets from the anchor centre in input pixels. Scores go through a sigmoid; overlapping boxes
//! are merged by weighted non-maximum suppression (MediaPipe's choice: a face seen by several
//! anchors gets the score-weighted average box, which is steadier than the single best one).

use image::RgbImage;
use serde::{Deserialize, Serialize};

use super::crop::{sample, Window};
use super::{run, FaceError, FaceModels};

/// The detector's input side.
pub(crate) const INPUT: usize = 256;
const ANCHORS: usize = 896;

/// A point in the source image's pixel coordinates.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

/// One face: box `[x, y, width, height]` (top-left corner, source pixels), score in [0,1], and
/// BlazeFace's six keypoints in MediaPipe's order: the applicant's right eye (image left on an
/// unmirrored photo), left eye, nose tip, mouth centre, right ear tragion, left ear tragion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Detection {
    #[serde(rename = "box")]
    pub bbox: [f32; 4],
    pub score: f32,
    pub keypoints: Vec<Point>,
}

impl Detection {
    /// The two eye keypoints, ordered by image x (left-most first), whatever the mirroring.
    pub fn eyes(&self) -> Option<(Point, Point)> {
        let (a, b) = (*self.keypoints.first()?, *self.keypoints.get(1)?);
        Some(if a.x <= b.x { (a, b) } else { (b, a) })
    }

    pub fn center(&self) -> Point {
        let [x, y, w, h] = self.bbox;
        Point {
            x: x + w / 2.0,
            y: y + h / 2.0,
        }
    }

    fn iou(&self, other: &Detection) -> f32 {
        let [ax, ay, aw, ah] = self.bbox;
        let [bx, by, bw, bh] = other.bbox;
        let iw = ((ax + aw).min(bx + bw) - ax.max(bx)).max(0.0);
        let ih = ((ay + ah).min(by + bh) - ay.max(by)).max(0.0);
        let inter = iw * ih;
        let union = aw * ah + bw * bh - inter;
        if union <= 0.0 {
            0.0
        } else {
            inter / union
        }
    }
}

/// Detection thresholds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct DetectionConfig {
    /// Minimum sigmoid score for a face. 0.6: the four committed test portraits score 0.93–0.96
    /// and the face_recognition package's partial faces 0.72 and up (../shared/models/README.md);
    /// blank and textured test images produce no candidate at all.
    pub min_score: f32,
    /// Boxes overlapping more than this (IoU) are one face.
    pub nms_iou: f32,
}

impl Default for DetectionConfig {
    fn default() -> Self {
        DetectionConfig {
            min_score: 0.6,
            nms_iou: 0.3,
        }
    }
}

/// The anchor centres in input pixels, in the network's output order.
fn anchors() -> Vec<(f32, f32)> {
    let mut out = Vec::with_capacity(ANCHORS);
    for (stride, per_cell) in [(16usize, 2usize), (32, 6)] {
        let grid = INPUT / stride;
        for gy in 0..grid {
            for gx in 0..grid {
                for _ in 0..per_cell {
                    out.push((
                        ((gx as f32) + 0.5) * stride as f32,
                        ((gy as f32) + 0.5) * stride as f32,
                    ));
                }
            }
        }
    }
    out
}

pub(crate) fn detect(
    models: &FaceModels,
    img: &RgbImage,
    config: &DetectionConfig,
) -> Result<Vec<Detection>, FaceError> {
    let (w, h) = img.dimensions();
    let window = Window {
        cx: w as f32 / 2.0,
        cy: h as f32 / 2.0,
        side: w.max(h) as f32,
        angle: 0.0,
    };
    let pixels = sample(img, window, INPUT as u32);
    let data = pixels.iter().map(|&p| f32::from(p) / 127.5 - 1.0).collect();
    let outputs = run(&models.blazeface, "blazeface.onnx", INPUT, data)?;
    let raw = decode_outputs(outputs)?;
    let scale = window.side / INPUT as f32;
    let to_src = |u: f32, v: f32| Point {
        x: window.cx + (u - INPUT as f32 / 2.0) * scale,
        y: window.cy + (v - INPUT as f32 / 2.0) * scale,
    };
    let mut candidates = Vec::new();
    for (i, (ax, ay)) in anchors().into_iter().enumerate() {
        let score = sigmoid(raw.scores[i].clamp(-100.0, 100.0));
        if score < config.min_score {
            continue;
        }
        let r = &raw.boxes[i * 16..i * 16 + 16];
        let (cx, cy, bw, bh) = (ax + r[0], ay + r[1], r[2], r[3]);
        let tl = to_src(cx - bw / 2.0, cy - bh / 2.0);
        let keypoints = (0..6)
            .map(|k| to_src(ax + r[4 + 2 * k], ay + r[5 + 2 * k]))
            .collect();
        candidates.push(Detection {
            bbox: [tl.x, tl.y, bw * scale, bh * scale],
            score,
            keypoints,
        });
    }
    Ok(weighted_nms(candidates, config.nms_iou))
}

struct RawHeads {
    scores: Vec<f32>,
    boxes: Vec<f32>,
}

/// The ONNX export has four heads: scores for the 512 and 384 anchors, and their 16 box values.
/// They are told apart by size so that an export with another output order still decodes.
fn decode_outputs(outputs: Vec<Vec<f32>>) -> Result<RawHeads, FaceError> {
    let find = |n: usize| outputs.iter().find(|o| o.len() == n);
    let bad = || FaceError::Inference {
        model: "blazeface.onnx",
        reason: format!(
            "unexpected outputs (sizes {:?})",
            outputs.iter().map(Vec::len).collect::<Vec<_>>()
        ),
    };
    let (s1, s2, b1, b2) = (find(512), find(384), find(512 * 16), find(384 * 16));
    let (Some(s1), Some(s2), Some(b1), Some(b2)) = (s1, s2, b1, b2) else {
        return Err(bad());
    };
    Ok(RawHeads {
        scores: s1.iter().chain(s2).copied().collect(),
        boxes: b1.iter().chain(b2).copied().collect(),
    })
}

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// Weighted NMS: the best remaining box absorbs every box overlapping it by more than `iou`, and
/// takes their score-weighted average geometry (its own score is kept).
fn weighted_nms(mut candidates: Vec<Detection>, iou: f32) -> Vec<Detection> {
    candidates.sort_by(|a, b| b.score.total_cmp(&a.score));
    let mut kept = Vec::new();
    while !candidates.is_empty() {
        let best = candidates.remove(0);
        let (group, rest): (Vec<_>, Vec<_>) =
            candidates.into_iter().partition(|c| best.iou(c) > iou);
        candidates = rest;
        let total: f32 = best.score + group.iter().map(|g| g.score).sum::<f32>();
        let mut merged = best.clone();
        merged.bbox = [0.0; 4];
        for p in merged.keypoints.iter_mut() {
            *p = Point { x: 0.0, y: 0.0 };
        }
        for d in std::iter::once(&best).chain(group.iter()) {
            let wgt = d.score / total;
            for (m, v) in merged.bbox.iter_mut().zip(d.bbox) {
                *m += v * wgt;
            }
            for (m, p) in merged.keypoints.iter_mut().zip(&d.keypoints) {
                m.x += p.x * wgt;
                m.y += p.y * wgt;
            }
        }
        kept.push(merged);
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn det(x: f32, score: f32) -> Detection {
        Detection {
            bbox: [x, 0.0, 10.0, 10.0],
            score,
            keypoints: vec![Point { x, y: 0.0 }; 6],
        }
    }

    #[test]
    fn anchors_follow_the_mediapipe_layout() {
        let a = anchors();
        assert_eq!(a.len(), ANCHORS);
        assert_eq!(a[0], (8.0, 8.0));
        assert_eq!(a[1], (8.0, 8.0));
        assert_eq!(a[2], (24.0, 8.0));
        assert_eq!(a[512], (16.0, 16.0));
        assert_eq!(a[895], (240.0, 240.0));
    }

    #[test]
    fn nms_merges_overlaps_and_keeps_separate_faces() {
        let out = weighted_nms(vec![det(0.0, 0.9), det(2.0, 0.9), det(100.0, 0.7)], 0.3);
        assert_eq!(out.len(), 2);
        assert!((out[0].bbox[0] - 1.0).abs() < 1e-4);
        assert_eq!(out[1].score, 0.7);
    }
}
