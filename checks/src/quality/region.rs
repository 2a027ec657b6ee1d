//! Finding the document: the largest roughly rectangular region that contrasts with the
//! background and carries printed detail.

use image::GrayImage;

use super::gray::{histogram, otsu};

/// Axis-aligned bounds of the document in working-image pixels, with shape measures.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Region {
    pub x0: u32,
    pub y0: u32,
    pub x1: u32,
    pub y1: u32,
    /// Hole-filled component area / frame area.
    pub area_fraction: f64,
    /// Hole-filled component area / bounding-box area (1.0 = upright rectangle).
    pub rectangularity: f64,
}

impl Region {
    pub fn width(&self) -> u32 {
        self.x1 - self.x0 + 1
    }
}

/// Segment with Otsu, take the largest component of the brighter class (documents are printed on
/// light stock) and, failing a plausible shape, of the darker class.
pub(crate) fn find_document(gray: &GrayImage) -> Option<Region> {
    let t = otsu(&histogram(gray));
    let bright = largest_component(gray, |p| p > t);
    match bright {
        Some(r) if r.rectangularity >= 0.6 && r.area_fraction >= 0.05 => Some(r),
        _ => largest_component(gray, |p| p <= t).or(bright),
    }
}

/// (pixel count, per-row `(min x, max x)` spans, bounding box `(x0, y0, x1, y1)`).
type Component = (usize, Vec<(u32, u32)>, (usize, usize, usize, usize));

fn largest_component(gray: &GrayImage, inside: impl Fn(u8) -> bool) -> Option<Region> {
    let (w, h) = (gray.width() as usize, gray.height() as usize);
    let px = gray.as_raw();
    let mut label = vec![0u32; w * h];
    let mut stack = Vec::new();
    let mut best: Option<Component> = None;
    let mut next = 0u32;
    for start in 0..w * h {
        if label[start] != 0 || !inside(px[start]) {
            continue;
        }
        next += 1;
        label[start] = next;
        stack.push(start);
        let mut count = 0usize;
        let mut spans = vec![(u32::MAX, 0u32); h];
        let (mut x0, mut y0, mut x1, mut y1) = (w, h, 0, 0);
        while let Some(i) = stack.pop() {
            count += 1;
            let (x, y) = (i % w, i / w);
            let span = &mut spans[y];
            span.0 = span.0.min(x as u32);
            span.1 = span.1.max(x as u32);
            x0 = x0.min(x);
            x1 = x1.max(x);
            y0 = y0.min(y);
            y1 = y1.max(y);
            let mut visit = |j: usize| {
                if label[j] == 0 && inside(px[j]) {
                    label[j] = next;
                    stack.push(j);
                }
            };
            if x > 0 {
                visit(i - 1);
            }
            if x + 1 < w {
                visit(i + 1);
            }
            if y > 0 {
                visit(i - w);
            }
            if y + 1 < h {
                visit(i + w);
            }
        }
        if best.as_ref().is_none_or(|b| count > b.0) {
            best = Some((count, spans, (x0, y0, x1, y1)));
        }
    }
    let (_, spans, (x0, y0, x1, y1)) = best?;
    let filled: u64 = spans
        .iter()
        .filter(|s| s.0 != u32::MAX)
        .map(|s| u64::from(s.1 - s.0 + 1))
        .sum();
    let bbox = ((x1 - x0 + 1) * (y1 - y0 + 1)) as f64;
    Some(Region {
        x0: x0 as u32,
        y0: y0 as u32,
        x1: x1 as u32,
        y1: y1 as u32,
        area_fraction: filled as f64 / (w * h) as f64,
        rectangularity: filled as f64 / bbox,
    })
}
