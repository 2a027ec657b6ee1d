//! Document image quality: resolution, blur, glare, darkness, document presence.
//!
//! [`assess`] measures a photo of a document and returns every problem it finds as a specific,
//! retryable reason code (`LOW_RESOLUTION`, `IMAGE_BLURRY`, `GLARE`, `TOO_DARK`,
//! `DOCUMENT_NOT_FOUND`) together with the measured metrics, so an applicant can be told exactly
//! what to fix and an operator can see how close a capture was to each threshold.
//!
//! All measures run on a box-downscaled grey copy (long side [`QualityConfig::working_side`]),
//! which keeps a 12 MP photo in the tens of milliseconds and makes blur measures independent of
//! the camera resolution.

mod gray;
mod region;

pub(crate) use gray::{downscale_gray, histogram, otsu, reduce_gray};

use image::{DynamicImage, GrayImage};
use serde::{Deserialize, Serialize};

/// A quality problem. Serialised as its reason code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum QualityIssue {
    #[serde(rename = "LOW_RESOLUTION")]
    LowResolution,
    #[serde(rename = "IMAGE_BLURRY")]
    ImageBlurry,
    #[serde(rename = "GLARE")]
    Glare,
    #[serde(rename = "TOO_DARK")]
    TooDark,
    #[serde(rename = "DOCUMENT_NOT_FOUND")]
    DocumentNotFound,
}

impl QualityIssue {
    pub fn code(self) -> &'static str {
        match self {
            QualityIssue::LowResolution => "LOW_RESOLUTION",
            QualityIssue::ImageBlurry => "IMAGE_BLURRY",
            QualityIssue::Glare => "GLARE",
            QualityIssue::TooDark => "TOO_DARK",
            QualityIssue::DocumentNotFound => "DOCUMENT_NOT_FOUND",
        }
    }
}

/// Thresholds. Defaults were calibrated on the synthetic document set (see `docs/checks.md`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QualityConfig {
    /// Long side of the grey working copy.
    pub working_side: u32,
    /// Minimum short side of the photo in pixels.
    pub min_short_side: u32,
    /// Minimum width of the detected document in original pixels.
    pub min_document_width: u32,
    /// Minimum sharpness: Laplacian variance divided by grey variance, ×1000.
    pub min_sharpness: f64,
    /// Grey level counted as saturated (glare).
    pub glare_level: u8,
    /// Maximum fraction of saturated pixels on the document.
    pub max_glare_fraction: f64,
    /// Minimum mean grey level of the document.
    pub min_brightness: f64,
    /// Minimum share of the frame the document must cover.
    pub min_document_fraction: f64,
    /// Minimum hole-filled area / bounding box (rejects shapeless blobs).
    pub min_rectangularity: f64,
    /// Minimum share of strong-gradient pixels on the document (printed detail).
    pub min_detail: f64,
}

impl Default for QualityConfig {
    fn default() -> Self {
        QualityConfig {
            working_side: 1024,
            min_short_side: 600,
            min_document_width: 500,
            min_sharpness: 60.0,
            glare_level: 250,
            max_glare_fraction: 0.01,
            min_brightness: 70.0,
            min_document_fraction: 0.2,
            min_rectangularity: 0.6,
            min_detail: 0.01,
        }
    }
}

/// What was measured. Fractions are in `0..=1`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QualityMetrics {
    pub width: u32,
    pub height: u32,
    /// Document bounding box in original pixels `[x0, y0, x1, y1]`, if one was found.
    pub document_box: Option<[u32; 4]>,
    pub document_fraction: f64,
    pub rectangularity: f64,
    pub detail: f64,
    pub laplacian_variance: f64,
    pub sharpness: f64,
    pub glare_fraction: f64,
    pub brightness: f64,
}

/// The outcome: no issues means the capture is good enough for the document checks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QualityReport {
    pub issues: Vec<QualityIssue>,
    pub metrics: QualityMetrics,
}

impl QualityReport {
    pub fn passed(&self) -> bool {
        self.issues.is_empty()
    }
    pub fn reason_codes(&self) -> Vec<&'static str> {
        self.issues.iter().map(|i| i.code()).collect()
    }
}

/// Measure a document photo (already upright, e.g. [`crate::file::SafeImage::image`]).
pub fn assess(image: &DynamicImage, config: &QualityConfig) -> QualityReport {
    let (gray, factor) = downscale_gray(image, config.working_side);
    assess_working(&gray, factor, image.width(), image.height(), config)
}

/// [`assess`] for a grey image.
pub fn assess_gray(image: &GrayImage, config: &QualityConfig) -> QualityReport {
    let (gray, factor) = reduce_gray(image, config.working_side);
    assess_working(&gray, factor, image.width(), image.height(), config)
}

fn assess_working(
    gray: &GrayImage,
    factor: u32,
    width: u32,
    height: u32,
    config: &QualityConfig,
) -> QualityReport {
    let region = region::find_document(gray);
    let (x0, y0, x1, y1) = region.map_or((0, 0, gray.width() - 1, gray.height() - 1), |r| {
        (r.x0, r.y0, r.x1, r.y1)
    });
    // Measure inside the document, away from its border with the background.
    let mx = (x1 - x0) / 20;
    let my = (y1 - y0) / 20;
    let inner = (x0 + mx, y0 + my, x1 - mx, y1 - my);
    let stats = measure(gray, inner, config.glare_level);

    let document_fraction = region.map_or(0.0, |r| r.area_fraction);
    let rectangularity = region.map_or(0.0, |r| r.rectangularity);
    let document_width = region.map_or(0, |r| r.width() * factor);

    let mut issues = Vec::new();
    let present = document_fraction >= config.min_document_fraction
        && rectangularity >= config.min_rectangularity
        && stats.detail >= config.min_detail;
    if width.min(height) < config.min_short_side
        || (present && document_width < config.min_document_width)
    {
        issues.push(QualityIssue::LowResolution);
    }
    if !present {
        issues.push(QualityIssue::DocumentNotFound);
    }
    if stats.brightness < config.min_brightness {
        issues.push(QualityIssue::TooDark);
    }
    if stats.glare_fraction > config.max_glare_fraction {
        issues.push(QualityIssue::Glare);
    }
    if stats.sharpness < config.min_sharpness {
        issues.push(QualityIssue::ImageBlurry);
    }
    QualityReport {
        issues,
        metrics: QualityMetrics {
            width,
            height,
            document_box: region.map(|r| {
                [
                    r.x0 * factor,
                    r.y0 * factor,
                    (r.x1 + 1) * factor - 1,
                    (r.y1 + 1) * factor - 1,
                ]
            }),
            document_fraction,
            rectangularity,
            detail: stats.detail,
            laplacian_variance: stats.laplacian_variance,
            sharpness: stats.sharpness,
            glare_fraction: stats.glare_fraction,
            brightness: stats.brightness,
        },
    }
}

struct Stats {
    brightness: f64,
    glare_fraction: f64,
    laplacian_variance: f64,
    sharpness: f64,
    detail: f64,
}

/// One pass over the region: mean, variance, saturated share, 4-neighbour Laplacian variance
/// and share of pixels with a strong gradient.
fn measure(gray: &GrayImage, (x0, y0, x1, y1): (u32, u32, u32, u32), glare_level: u8) -> Stats {
    let (w, px) = (gray.width() as usize, gray.as_raw());
    let at = |x: u32, y: u32| f64::from(px[y as usize * w + x as usize]);
    let (mut n, mut sum, mut sum2, mut sat) = (0f64, 0f64, 0f64, 0f64);
    let (mut ln, mut lsum, mut lsum2, mut strong) = (0f64, 0f64, 0f64, 0f64);
    for y in y0..=y1 {
        for x in x0..=x1 {
            let v = at(x, y);
            n += 1.0;
            sum += v;
            sum2 += v * v;
            if v >= f64::from(glare_level) {
                sat += 1.0;
            }
            if x > x0 && x < x1 && y > y0 && y < y1 {
                let lap = at(x - 1, y) + at(x + 1, y) + at(x, y - 1) + at(x, y + 1) - 4.0 * v;
                ln += 1.0;
                lsum += lap;
                lsum2 += lap * lap;
                let gx = at(x + 1, y) - at(x - 1, y);
                let gy = at(x, y + 1) - at(x, y - 1);
                if gx.abs() + gy.abs() > 40.0 {
                    strong += 1.0;
                }
            }
        }
    }
    let n = n.max(1.0);
    let ln = ln.max(1.0);
    let mean = sum / n;
    let variance = (sum2 / n - mean * mean).max(1e-6);
    let lmean = lsum / ln;
    let laplacian_variance = (lsum2 / ln - lmean * lmean).max(0.0);
    Stats {
        brightness: mean,
        glare_fraction: sat / n,
        laplacian_variance,
        sharpness: laplacian_variance / variance * 1000.0,
        detail: strong / ln,
    }
}
