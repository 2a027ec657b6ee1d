//! Passive anti-spoofing: the artefacts a screen replay or a printed photo leaves in one picture
//! of a face.
//!
//! No shipped model does this usefully (`../shared/MODELS.md`: the TF.js anti-spoofing models
//! score simulated replays as real as genuine photos), so these are hand-built signals, measured
//! on simulated replays and prints (`examples/spoof_bench.rs`, numbers in `docs/checks.md`):
//!
//! * **periodic texture** — a screen's sub-pixel grid and a print's halftone raster, re-sampled
//!   by the camera, leave stripes and moiré at a few pixels' period. Natural skin, hair and
//!   sensor noise do not repeat: after removing the smooth picture (3×3 box high-pass), the
//!   residual's autocorrelation at lags 2–12 px stays near zero for a genuine photo and peaks
//!   at the raster's period for a reproduction;
//! * **colour cast** — a phone or laptop screen shows skin bluer than daylight or indoor light
//!   does (mean blue over mean red of the face);
//! * **glare** — clipped highlights across the face. Measured and reported, but it does not
//!   raise the flag: an over-exposed genuine selfie clips as much of the face as a glossy
//!   screen does (measured: a brightened test photo clips 18–29 % of the face).
//!
//! The signals are cheap (one pass over the face box) and honest about their reach: they catch
//! a replay or print that is sharp enough to show its raster, not a high-resolution print or a
//! screen filmed out of focus. So the verdict only **raises a flag for a person**
//! (`POSSIBLE_SPOOF`, review), never declines.

use image::RgbImage;
use serde::{Deserialize, Serialize};

/// Where each signal starts and saturates; the score is the strongest signal, in [0, 1].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SpoofThresholds {
    /// Residual autocorrelation that is still natural (0) and that is clearly a raster (1).
    pub periodicity: (f32, f32),
    /// Blue ÷ red of the face that is still natural light, and that is clearly a screen.
    pub blue_red: (f32, f32),
    /// Score at or above which the picture is flagged.
    pub flag_at: f32,
}

impl Default for SpoofThresholds {
    fn default() -> Self {
        SpoofThresholds {
            periodicity: (0.25, 0.55),
            blue_red: (1.0, 1.3),
            flag_at: 0.5,
        }
    }
}

/// What was measured on the face region.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PassiveSignals {
    /// Strongest normalised autocorrelation of the high-pass residual at lags 2–12 px (lag 8,
    /// JPEG's block grid, excluded), along rows or columns.
    pub periodicity: f32,
    /// The lag (px) of that peak.
    pub period: u32,
    /// Mean blue ÷ mean red over the face.
    pub blue_red: f32,
    /// Share of face pixels with a channel at 250 or more (reported, not judged).
    pub glare: f32,
}

/// The passive verdict of one picture.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PassiveVerdict {
    /// The strongest signal mapped to [0, 1]: 0 nothing unusual, 1 a clear artefact.
    pub score: f32,
    /// `score >= flag_at`: a person should look.
    pub spoof: bool,
    /// Which signals reached the flag (`periodic_texture`, `screen_colour`).
    pub signals: Vec<String>,
    pub measured: PassiveSignals,
}

/// Smallest face box side (px) the texture signal is measured on: below it the raster cannot
/// be told from the picture.
const MIN_SIDE: u32 = 48;
const LAGS: std::ops::RangeInclusive<usize> = 2..=12;
/// Root-mean-square residual (grey levels) below which a region counts as flat.
const MIN_RESIDUAL: f64 = 0.5;

/// Judges the face inside `bbox` (`[x, y, w, h]` in `image`'s pixels).
pub fn passive(image: &RgbImage, bbox: [f32; 4], t: &SpoofThresholds) -> PassiveVerdict {
    let region = face_region(image, bbox);
    let measured = measure(image, region);
    let ramp = |v: f32, (lo, hi): (f32, f32)| ((v - lo) / (hi - lo)).clamp(0.0, 1.0);
    let parts = [
        (
            "periodic_texture",
            ramp(measured.periodicity, t.periodicity),
        ),
        ("screen_colour", ramp(measured.blue_red, t.blue_red)),
    ];
    let score = parts.iter().map(|(_, s)| *s).fold(0.0, f32::max);
    PassiveVerdict {
        score,
        spoof: score >= t.flag_at,
        signals: parts
            .iter()
            .filter(|(_, s)| *s >= t.flag_at)
            .map(|(n, _)| (*n).to_owned())
            .collect(),
        measured,
    }
}

/// The face box clipped to the image, as `(x0, y0, x1, y1)`.
fn face_region(image: &RgbImage, [x, y, w, h]: [f32; 4]) -> (u32, u32, u32, u32) {
    let clip = |v: f32, max: u32| (v.max(0.0) as u32).min(max);
    let (x0, y0) = (clip(x, image.width()), clip(y, image.height()));
    let (x1, y1) = (clip(x + w, image.width()), clip(y + h, image.height()));
    (x0, y0, x1.max(x0), y1.max(y0))
}

fn measure(image: &RgbImage, (x0, y0, x1, y1): (u32, u32, u32, u32)) -> PassiveSignals {
    let (w, h) = ((x1 - x0) as usize, (y1 - y0) as usize);
    let mut sums = [0f64; 3];
    let mut clipped = 0usize;
    let mut luma = vec![0f32; w * h];
    for (j, y) in (y0..y1).enumerate() {
        for (i, x) in (x0..x1).enumerate() {
            let p = image.get_pixel(x, y).0;
            for c in 0..3 {
                sums[c] += f64::from(p[c]);
            }
            if p.iter().any(|&v| v >= 250) {
                clipped += 1;
            }
            luma[j * w + i] =
                0.299 * f32::from(p[0]) + 0.587 * f32::from(p[1]) + 0.114 * f32::from(p[2]);
        }
    }
    let n = (w * h).max(1);
    let blue_red = if sums[0] > 0.0 {
        (sums[2] / sums[0]) as f32
    } else {
        0.0
    };
    let (periodicity, period) = if w.min(h) >= MIN_SIDE as usize {
        periodicity(&high_pass(&luma, w, h), w, h)
    } else {
        (0.0, 0)
    };
    PassiveSignals {
        periodicity,
        period,
        blue_red,
        glare: clipped as f32 / n as f32,
    }
}

/// The picture minus its 3×3 box blur (borders left at zero).
fn high_pass(luma: &[f32], w: usize, h: usize) -> Vec<f32> {
    let mut out = vec![0f32; w * h];
    for y in 1..h - 1 {
        for x in 1..w - 1 {
            let mut sum = 0.0;
            for dy in 0..3 {
                for dx in 0..3 {
                    sum += luma[(y + dy - 1) * w + x + dx - 1];
                }
            }
            out[y * w + x] = luma[y * w + x] - sum / 9.0;
        }
    }
    out
}

/// The strongest normalised autocorrelation of `r` along rows or columns at the lags in
/// [`LAGS`] (8 excluded), and its lag.
fn periodicity(r: &[f32], w: usize, h: usize) -> (f32, u32) {
    let energy: f64 = r.iter().map(|v| f64::from(*v) * f64::from(*v)).sum();
    // A flat region (residual under half a grey level) has no texture to judge.
    if energy / r.len().max(1) as f64 <= MIN_RESIDUAL * MIN_RESIDUAL {
        return (0.0, 0);
    }
    let mut best = (0.0f32, 0u32);
    for lag in LAGS.filter(|&l| l != 8) {
        let (mut along_rows, mut along_cols) = (0f64, 0f64);
        for y in 0..h {
            for x in 0..w {
                let v = f64::from(r[y * w + x]);
                if x + lag < w {
                    along_rows += v * f64::from(r[y * w + x + lag]);
                }
                if y + lag < h {
                    along_cols += v * f64::from(r[(y + lag) * w + x]);
                }
            }
        }
        let ac = (along_rows.max(along_cols) / energy) as f32;
        if ac > best.0 {
            best = (ac, lag as u32);
        }
    }
    best
}

/// Simulations of presentation attacks, for tests and the benchmark: what a camera sees when it
/// films a face shown on a screen, or printed. Not real attacks — their accuracy numbers say how
/// well the signals catch these artefacts, not how well they catch every attacker.
pub mod simulate {
    use image::{imageops::FilterType, DynamicImage, Rgb, RgbImage};

    /// A face shown on an RGB-stripe screen and filmed: each source pixel becomes three
    /// sub-pixel columns (the other channels dimmed), the screen's bluish white point, then the
    /// camera samples the grid at 1/`scale`: `aliased` samples it point-wise (a sharp lens
    /// without an optical low-pass filter: non-integer scales fold the grid into moiré), else
    /// through a triangle filter (lens blur averages the grid away).
    pub fn screen_replay(image: &DynamicImage, scale: f32, aliased: bool) -> DynamicImage {
        let src = image.to_rgb8();
        let (w, h) = (src.width() * 3, src.height() * 3);
        let mut screen = RgbImage::new(w, h);
        for (x, y, px) in screen.enumerate_pixels_mut() {
            let p = src.get_pixel(x / 3, y / 3).0;
            let lit = (x % 3) as usize;
            let cast = [0.88, 0.97, 1.12];
            let mut out = [0u8; 3];
            for c in 0..3 {
                let gain = if c == lit { 1.0 } else { 0.35 };
                out[c] = (f32::from(p[c]) * gain * cast[c] * 1.4).min(255.0) as u8;
            }
            *px = Rgb(out);
        }
        let (tw, th) = ((w as f32 / scale) as u32, (h as f32 / scale) as u32);
        let filter = if aliased {
            FilterType::Nearest
        } else {
            FilterType::Triangle
        };
        DynamicImage::ImageRgb8(screen).resize_exact(tw, th, filter)
    }

    /// A face printed with a halftone raster of `period` px (a cosine dot screen on luminance,
    /// paler colours) and photographed.
    pub fn print(image: &DynamicImage, period: f32) -> DynamicImage {
        let src = image.to_rgb8();
        let mut out = RgbImage::new(src.width(), src.height());
        let k = std::f32::consts::TAU / period;
        for (x, y, px) in out.enumerate_pixels_mut() {
            let p = src.get_pixel(x, y).0;
            let dots = 0.5 + 0.5 * ((x as f32 * k).cos() * (y as f32 * k).cos());
            let luma = 0.299 * f32::from(p[0]) + 0.587 * f32::from(p[1]) + 0.114 * f32::from(p[2]);
            let mut o = [0u8; 3];
            for c in 0..3 {
                // Paler (ink on paper) and modulated by the dot raster.
                let pale = 0.7 * f32::from(p[c]) + 0.3 * luma + 20.0;
                o[c] = (pale * (0.55 + 0.45 * dots) * 1.15).clamp(0.0, 255.0) as u8;
            }
            *px = Rgb(o);
        }
        DynamicImage::ImageRgb8(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Rgb;

    fn noise(w: u32, h: u32, seed: u32) -> RgbImage {
        // A deterministic, non-repeating texture with skin-like colour.
        let mut state = seed.wrapping_mul(2_654_435_761).max(1);
        RgbImage::from_fn(w, h, |_, _| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            let v = (state % 40) as u8;
            Rgb([170 + v, 130 + v, 110 + v])
        })
    }

    #[test]
    fn random_texture_is_not_periodic_and_stripes_are() {
        let t = SpoofThresholds::default();
        let natural = noise(120, 120, 7);
        let v = passive(&natural, [0.0, 0.0, 120.0, 120.0], &t);
        assert!(v.measured.periodicity < 0.15, "{v:?}");
        assert!(!v.spoof, "{v:?}");

        let mut striped = natural.clone();
        for (x, _, p) in striped.enumerate_pixels_mut() {
            if x % 3 == 0 {
                p.0 = p.0.map(|c| c.saturating_sub(60));
            }
        }
        let v = passive(&striped, [0.0, 0.0, 120.0, 120.0], &t);
        assert!(v.measured.periodicity > 0.55, "{v:?}");
        assert!(
            v.spoof && v.signals.iter().any(|s| s == "periodic_texture"),
            "{v:?}"
        );
    }

    #[test]
    fn a_blue_cast_is_flagged_and_glare_only_reported() {
        let t = SpoofThresholds::default();
        let blue = RgbImage::from_pixel(80, 80, Rgb([120, 130, 190]));
        let v = passive(&blue, [0.0, 0.0, 80.0, 80.0], &t);
        assert!(v.spoof && v.signals == ["screen_colour"], "{v:?}");
        let mut glare = noise(80, 80, 3);
        for (x, _, p) in glare.enumerate_pixels_mut() {
            if x < 30 {
                *p = Rgb([255, 255, 255]);
            }
        }
        let v = passive(&glare, [0.0, 0.0, 80.0, 80.0], &t);
        assert!(v.measured.glare > 0.3 && !v.spoof, "{v:?}");
    }

    #[test]
    fn boxes_outside_or_tiny_are_safe() {
        let t = SpoofThresholds::default();
        let img = noise(60, 60, 1);
        let v = passive(&img, [-50.0, -50.0, 10.0, 10.0], &t);
        assert_eq!(v.measured.periodicity, 0.0);
        let v = passive(&img, [100.0, 100.0, 50.0, 50.0], &t);
        assert!(!v.spoof, "{v:?}");
        let v = passive(&img, [f32::NAN, 0.0, f32::INFINITY, 5.0], &t);
        assert!(v.score.is_finite(), "{v:?}");
    }
}
