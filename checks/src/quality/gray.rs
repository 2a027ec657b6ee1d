//! Greyscale conversion and box downscaling: every image check runs on a small grey copy, so a
//! 12 MP photo costs one pass over its pixels and nothing more.

use image::{DynamicImage, GrayImage, Luma};

/// Integer box-downscale to at most `max_side` on the long side, converting to luma on the fly
/// (Rec. 601 weights in fixed point). Returns the grey image and the scale factor used (original
/// pixels per output pixel).
pub(crate) fn downscale_gray(image: &DynamicImage, max_side: u32) -> (GrayImage, u32) {
    let (w, h) = (image.width(), image.height());
    let factor = w.max(h).div_ceil(max_side.max(1)).max(1);
    match image {
        DynamicImage::ImageRgb8(rgb) => (box_reduce(w, h, factor, 3, rgb.as_raw()), factor),
        DynamicImage::ImageLuma8(g) => (box_reduce(w, h, factor, 1, g.as_raw()), factor),
        DynamicImage::ImageRgba8(rgba) => (box_reduce(w, h, factor, 4, rgba.as_raw()), factor),
        other => {
            let rgb = other.to_rgb8();
            (box_reduce(w, h, factor, 3, rgb.as_raw()), factor)
        }
    }
}

/// Downscale an already grey image by an integer factor.
pub(crate) fn reduce_gray(gray: &GrayImage, max_side: u32) -> (GrayImage, u32) {
    let (w, h) = gray.dimensions();
    let factor = w.max(h).div_ceil(max_side.max(1)).max(1);
    (box_reduce(w, h, factor, 1, gray.as_raw()), factor)
}

fn box_reduce(w: u32, h: u32, factor: u32, channels: usize, raw: &[u8]) -> GrayImage {
    let (ow, oh) = ((w / factor).max(1), (h / factor).max(1));
    let f = factor as usize;
    let stride = w as usize * channels;
    let mut sums = vec![0u32; ow as usize];
    let mut out = GrayImage::new(ow, oh);
    let count = (f * f) as u32;
    for oy in 0..oh as usize {
        sums.iter_mut().for_each(|s| *s = 0);
        for dy in 0..f {
            let y = (oy * f + dy).min(h as usize - 1);
            let row = &raw[y * stride..(y + 1) * stride];
            for (ox, sum) in sums.iter_mut().enumerate() {
                let start = ox * f * channels;
                let px = &row[start..start + f * channels];
                *sum += px
                    .chunks_exact(channels)
                    .map(|p| luma(p, channels))
                    .sum::<u32>();
            }
        }
        for (ox, sum) in sums.iter().enumerate() {
            out.put_pixel(ox as u32, oy as u32, Luma([(sum / count) as u8]));
        }
    }
    out
}

#[inline]
fn luma(p: &[u8], channels: usize) -> u32 {
    if channels == 1 {
        u32::from(p[0])
    } else {
        (u32::from(p[0]) * 77 + u32::from(p[1]) * 150 + u32::from(p[2]) * 29) >> 8
    }
}

/// Otsu's threshold: the grey level that best separates the histogram into two classes.
pub(crate) fn otsu(hist: &[u32; 256]) -> u8 {
    let total: u64 = hist.iter().map(|&c| u64::from(c)).sum();
    let sum_all: f64 = hist
        .iter()
        .enumerate()
        .map(|(i, &c)| i as f64 * f64::from(c))
        .sum();
    let (mut w_b, mut sum_b, mut best, mut best_t) = (0u64, 0f64, -1f64, 0u8);
    for (t, &c) in hist.iter().enumerate() {
        w_b += u64::from(c);
        if w_b == 0 {
            continue;
        }
        let w_f = total - w_b;
        if w_f == 0 {
            break;
        }
        sum_b += t as f64 * f64::from(c);
        let m_b = sum_b / w_b as f64;
        let m_f = (sum_all - sum_b) / w_f as f64;
        let between = w_b as f64 * w_f as f64 * (m_b - m_f) * (m_b - m_f);
        if between > best {
            best = between;
            best_t = t as u8;
        }
    }
    best_t
}

pub(crate) fn histogram(gray: &GrayImage) -> [u32; 256] {
    let mut hist = [0u32; 256];
    for &p in gray.as_raw() {
        hist[usize::from(p)] += 1;
    }
    hist
}
