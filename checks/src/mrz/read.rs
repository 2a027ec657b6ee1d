//! Reading the MRZ from pixels: locate the band, deskew, segment the fixed-pitch characters,
//! match them against OCR-B templates, and let the check digits arbitrate between close readings.
//!
//! Pipeline (all on small images; a 12 MP photo is only touched to sample the MRZ band):
//! 1. A grey working copy (long side 1200) is binarised against its local mean, and dark runs are
//!    joined horizontally so each MRZ line becomes one long thin bar.
//! 2. Bars are grouped into 2 or 3 parallel lines of equal length and regular spacing; their
//!    second moments give the skew.
//! 3. The band is resampled from the full-resolution image, rotated upright and scaled so the
//!    characters are about template size; the residual skew is measured from the text lines and
//!    the band is resampled once more.
//! 4. Each line is cut into `n` cells (30, 36 or 44) whose pitch and offset minimise ink on the
//!    cell boundaries; each cell is scored against the 37 templates by normalised correlation.
//! 5. Knowing the layout, each cell only considers characters its field allows; readings within
//!    a small score margin of the best are passed to the parser as alternatives for check-digit
//!    repair.

use std::sync::OnceLock;

use image::{DynamicImage, GrayImage};

use super::error::MrzError;
use super::format::MrzFormat;
use super::layout::{layout, Kind};
use super::ocrb;
use super::parse::{parse_grid, Mrz, ParseOptions};
use crate::quality::{downscale_gray, histogram, otsu};

/// Long side of the working copy used to locate the zone.
const WORK_SIDE: u32 = 1200;
/// Score margin under the best match within which a reading is offered as an alternative.
const ALT_MARGIN: f32 = 0.12;
/// Lowest acceptable template correlation of any one cell.
const MIN_CELL_SCORE: f32 = 0.35;
/// Lowest acceptable mean template correlation over the zone.
const MIN_MEAN_SCORE: f32 = 0.7;
/// Score margin within which an OCR-B twin is decided by its neighbours.
const TWIN_PRIOR_MARGIN: f32 = 0.08;

/// Read and parse the MRZ of an upright document photo.
pub fn read(image: &DynamicImage) -> Result<Mrz, MrzError> {
    read_with(image, &ParseOptions::default())
}

/// [`read`] with explicit parse options.
pub fn read_with(image: &DynamicImage, options: &ParseOptions) -> Result<Mrz, MrzError> {
    let (work, factor) = downscale_gray(image, WORK_SIDE);
    let sampler = Sampler::new(image);
    let band = locate(&work).ok_or(MrzError::NotFound)?;
    let band = extend_band(&band.scaled(factor as f32), sampler.dims());
    let mut crop = deskewed_crop(&sampler, &band);
    let mut lines =
        text_lines(&crop, band.lines).ok_or_else(|| unreadable("no text lines in band"))?;
    if band.lines == 2 {
        // A TD1 line can escape detection (e.g. glued to the card edge): look one line pitch
        // above and below for a third line with the same extent and spacing.
        if let Some((c3, l3)) = third_line(&sampler, &band) {
            crop = c3;
            lines = l3;
        }
    }
    let lengths: Vec<usize> = if lines.len() == 3 {
        vec![30]
    } else {
        // 44 (TD3, MRV-A) or 36 (TD2, MRV-B) characters: the nearer to the measured count is
        // read first, and the other only if it cannot be read at all. Trying both and keeping
        // whichever satisfies the check digits would let repairs of a wrong segmentation win.
        let count = character_count(&crop, &lines);
        if (count - 44.0).abs() <= (count - 36.0).abs() {
            vec![44, 36]
        } else {
            vec![36, 44]
        }
    };
    let mut best: Option<(bool, f32, Mrz)> = None;
    let mut last_err = unreadable("no candidate layout");
    for n in lengths {
        if best.is_some() {
            break;
        }
        let cells = segment(&crop, &lines, n)?;
        let scores: Vec<Vec<[f32; 37]>> = cells
            .iter()
            .map(|row| {
                row.iter()
                    .map(|cell| score_cell_scaled(&crop, cell))
                    .collect()
            })
            .collect();
        match decode(&scores, lines.len(), n, options) {
            Ok((mrz, mean)) => {
                let key = (mrz.valid_check_digits(), mean);
                if best.as_ref().is_none_or(|b| (key.0, key.1) > (b.0, b.1)) {
                    best = Some((key.0, key.1, mrz));
                }
            }
            Err(e) => last_err = e,
        }
    }
    best.map(|b| b.2).ok_or(last_err)
}

fn unreadable(why: &str) -> MrzError {
    MrzError::Unreadable(why.to_string())
}

/// Bilinear grey sampling straight from the decoded image, so no full-size grey copy is made.
enum Sampler<'a> {
    Gray(&'a GrayImage),
    Rgb(&'a image::RgbImage),
    Owned(image::RgbImage),
}

impl<'a> Sampler<'a> {
    fn new(image: &'a DynamicImage) -> Sampler<'a> {
        match image {
            DynamicImage::ImageLuma8(g) => Sampler::Gray(g),
            DynamicImage::ImageRgb8(rgb) => Sampler::Rgb(rgb),
            other => Sampler::Owned(other.to_rgb8()),
        }
    }

    fn dims(&self) -> (u32, u32) {
        match self {
            Sampler::Gray(g) => g.dimensions(),
            Sampler::Rgb(r) => r.dimensions(),
            Sampler::Owned(r) => r.dimensions(),
        }
    }

    fn px(&self, x: u32, y: u32) -> f32 {
        match self {
            Sampler::Gray(g) => f32::from(g.get_pixel(x, y)[0]),
            Sampler::Rgb(r) => luma(r.get_pixel(x, y)),
            Sampler::Owned(r) => luma(r.get_pixel(x, y)),
        }
    }

    fn sample(&self, x: f32, y: f32) -> f32 {
        let (w, h) = self.dims();
        let x = x.clamp(0.0, (w - 1) as f32);
        let y = y.clamp(0.0, (h - 1) as f32);
        let (x0, y0) = (x as u32, y as u32);
        let (x1, y1) = ((x0 + 1).min(w - 1), (y0 + 1).min(h - 1));
        let (fx, fy) = (x - x0 as f32, y - y0 as f32);
        let top = self.px(x0, y0) * (1.0 - fx) + self.px(x1, y0) * fx;
        let bottom = self.px(x0, y1) * (1.0 - fx) + self.px(x1, y1) * fx;
        top * (1.0 - fy) + bottom * fy
    }
}

fn luma(p: &image::Rgb<u8>) -> f32 {
    0.299 * f32::from(p[0]) + 0.587 * f32::from(p[1]) + 0.114 * f32::from(p[2])
}

/// The MRZ band: a rotated rectangle in image coordinates.
#[derive(Debug, Clone, Copy)]
struct Band {
    /// Angle of the text direction (radians).
    angle: f32,
    /// Origin: the band's top-left corner.
    origin: (f32, f32),
    /// Extent along the text direction and across it.
    length: f32,
    height: f32,
    /// Thickness of one text line (≈ cap height).
    line_height: f32,
    lines: usize,
}

impl Band {
    fn scaled(self, f: f32) -> Band {
        Band {
            origin: ((self.origin.0 + 0.5) * f, (self.origin.1 + 0.5) * f),
            length: self.length * f,
            height: self.height * f,
            line_height: self.line_height * f,
            ..self
        }
    }
}

/// A long thin dark bar: one candidate MRZ line.
#[derive(Debug, Clone, Copy)]
struct Bar {
    /// Extent along the bar direction, relative to the centre projection.
    s0: f32,
    s1: f32,
    cx: f32,
    cy: f32,
    angle: f32,
    length: f32,
    thickness: f32,
}

fn locate(work: &GrayImage) -> Option<Band> {
    let (w, h) = (work.width() as usize, work.height() as usize);
    let mut ink = ink_mask(work);
    // Printed characters are short and narrow; long dark runs are background, shadows or edges
    // and would glue the MRZ lines to them.
    clear_long_runs(&mut ink, w, h, w / 40, true);
    clear_long_runs(&mut ink, w, h, w / 12, false);
    let gap = (w / 60).max(4);
    let mut smeared = ink.clone();
    for y in 0..h {
        let row = &mut smeared[y * w..(y + 1) * w];
        let mut last: Option<usize> = None;
        for x in 0..w {
            if ink[y * w + x] {
                if let Some(l) = last {
                    if x - l > 1 && x - l <= gap {
                        row[l + 1..x].iter_mut().for_each(|p| *p = true);
                    }
                }
                last = Some(x);
            }
        }
    }
    let pieces = bars(&smeared, w, h);
    let bars: Vec<Bar> = merge_collinear(pieces)
        .into_iter()
        .filter(|b| b.length >= 0.2 * w as f32 && b.length / b.thickness >= 8.0)
        .collect();
    best_group(&bars, w as f32)
}

fn clear_long_runs(mask: &mut [bool], w: usize, h: usize, limit: usize, vertical: bool) {
    let (outer, inner) = if vertical { (w, h) } else { (h, w) };
    let idx = |o: usize, i: usize| if vertical { i * w + o } else { o * w + i };
    for o in 0..outer {
        let mut i = 0;
        while i < inner {
            if !mask[idx(o, i)] {
                i += 1;
                continue;
            }
            let start = i;
            while i < inner && mask[idx(o, i)] {
                i += 1;
            }
            if i - start > limit {
                (start..i).for_each(|j| mask[idx(o, j)] = false);
            }
        }
    }
}

/// Dark pixels relative to a local mean (box of ~1/40 of the width), via an integral image.
fn ink_mask(work: &GrayImage) -> Vec<bool> {
    let (w, h) = (work.width() as usize, work.height() as usize);
    let px = work.as_raw();
    let mut integral = vec![0u64; (w + 1) * (h + 1)];
    for y in 0..h {
        let mut row = 0u64;
        for x in 0..w {
            row += u64::from(px[y * w + x]);
            integral[(y + 1) * (w + 1) + x + 1] = integral[y * (w + 1) + x + 1] + row;
        }
    }
    let r = (w / 40).max(4);
    let mut mask = vec![false; w * h];
    for y in 0..h {
        let (y0, y1) = (y.saturating_sub(r), (y + r + 1).min(h));
        for x in 0..w {
            let (x0, x1) = (x.saturating_sub(r), (x + r + 1).min(w));
            let sum = integral[y1 * (w + 1) + x1] + integral[y0 * (w + 1) + x0]
                - integral[y0 * (w + 1) + x1]
                - integral[y1 * (w + 1) + x0];
            let mean = sum as f32 / ((x1 - x0) * (y1 - y0)) as f32;
            let p = f32::from(px[y * w + x]);
            mask[y * w + x] = p < mean * 0.8 && p + 15.0 < mean;
        }
    }
    mask
}

/// Connected components (8-neighbour) that are long and thin, described by their moments.
fn bars(mask: &[bool], w: usize, h: usize) -> Vec<Bar> {
    let mut seen = vec![false; w * h];
    let mut stack = Vec::new();
    let mut pixels = Vec::new();
    let mut out = Vec::new();
    for start in 0..w * h {
        if seen[start] || !mask[start] {
            continue;
        }
        seen[start] = true;
        stack.push(start);
        pixels.clear();
        let (mut n, mut sx, mut sy, mut sxx, mut syy, mut sxy) =
            (0f64, 0f64, 0f64, 0f64, 0f64, 0f64);
        while let Some(i) = stack.pop() {
            pixels.push(i);
            let (x, y) = ((i % w) as f64, (i / w) as f64);
            n += 1.0;
            sx += x;
            sy += y;
            sxx += x * x;
            syy += y * y;
            sxy += x * y;
            let (xi, yi) = (i % w, i / w);
            for dy in -1i64..=1 {
                for dx in -1i64..=1 {
                    let (nx, ny) = (xi as i64 + dx, yi as i64 + dy);
                    if nx < 0 || ny < 0 || nx >= w as i64 || ny >= h as i64 {
                        continue;
                    }
                    let j = ny as usize * w + nx as usize;
                    if !seen[j] && mask[j] {
                        seen[j] = true;
                        stack.push(j);
                    }
                }
            }
        }
        if n < 50.0 {
            continue;
        }
        let (cx, cy) = (sx / n, sy / n);
        let (mxx, myy, mxy) = (sxx / n - cx * cx, syy / n - cy * cy, sxy / n - cx * cy);
        let angle = 0.5 * (2.0 * mxy).atan2(mxx - myy);
        let common = ((mxx - myy).powi(2) / 4.0 + mxy * mxy).sqrt();
        let l1 = (mxx + myy) / 2.0 + common;
        let l2 = ((mxx + myy) / 2.0 - common).max(0.0);
        let _ = l1;
        let (ux, uy) = (angle.cos(), angle.sin());
        let (mut s0, mut s1) = (f64::MAX, f64::MIN);
        for &i in &pixels {
            let s = ((i % w) as f64 - cx) * ux + ((i / w) as f64 - cy) * uy;
            s0 = s0.min(s);
            s1 = s1.max(s);
        }
        let length = s1 - s0 + 1.0;
        let thickness = (12.0 * l2).sqrt().max(1.0);
        if length >= 0.04 * w as f64 && length / thickness >= 3.0 && thickness >= 3.0 {
            out.push(Bar {
                s0: s0 as f32,
                s1: s1 as f32,
                cx: cx as f32,
                cy: cy as f32,
                angle: angle as f32,
                length: length as f32,
                thickness: thickness as f32,
            });
        }
    }
    out
}

/// Join pieces of the same text line (runs of `<` fillers or wide gaps split a line): same angle,
/// same baseline, and a gap along the line of at most three line heights.
fn merge_collinear(mut bars: Vec<Bar>) -> Vec<Bar> {
    let mut merged = true;
    while merged {
        merged = false;
        'outer: for i in 0..bars.len() {
            for j in i + 1..bars.len() {
                let (a, b) = (bars[i], bars[j]);
                let t = a.thickness.max(b.thickness);
                if (a.angle - b.angle).abs() > 3f32.to_radians() {
                    continue;
                }
                let (ux, uy) = (a.angle.cos(), a.angle.sin());
                let (nx, ny) = (-uy, ux);
                let across = ((b.cx - a.cx) * nx + (b.cy - a.cy) * ny).abs();
                let (a0, a1) = (a.cx * ux + a.cy * uy + a.s0, a.cx * ux + a.cy * uy + a.s1);
                let (b0, b1) = (b.cx * ux + b.cy * uy + b.s0, b.cx * ux + b.cy * uy + b.s1);
                let gap = (b0 - a1).max(a0 - b1);
                if across > 0.5 * t || gap > 3.0 * t {
                    continue;
                }
                let (s0, s1) = (a0.min(b0), a1.max(b1));
                let mid = (s0 + s1) / 2.0;
                // Centre: on the length-weighted mean baseline, at the middle of the union.
                let wa = a.length / (a.length + b.length);
                let (mcx, mcy) = (a.cx * wa + b.cx * (1.0 - wa), a.cy * wa + b.cy * (1.0 - wa));
                let off = mid - (mcx * ux + mcy * uy);
                bars[i] = Bar {
                    s0: s0 - mid,
                    s1: s1 - mid,
                    cx: mcx + off * ux,
                    cy: mcy + off * uy,
                    angle: a.angle * wa + b.angle * (1.0 - wa),
                    length: s1 - s0,
                    thickness: a.thickness * wa + b.thickness * (1.0 - wa),
                };
                bars.swap_remove(j);
                merged = true;
                break 'outer;
            }
        }
    }
    bars
}

/// Pick 3 (TD1) or 2 parallel, equally long, evenly spaced bars; the lowest such group wins ties
/// because the MRZ is printed at the bottom of the document.
fn best_group(bars: &[Bar], width: f32) -> Option<Band> {
    if bars.is_empty() {
        return None;
    }
    let mut sorted = bars.to_vec();
    sorted.sort_by(|a, b| a.cy.total_cmp(&b.cy));
    // Lines of one zone: parallel, one to four line heights apart, and either of about the same
    // length and centre, or starting at the same place. MRZ lines are left-aligned, but their
    // filler runs often drop out of the bars (chevrons are small and light, more so at webcam
    // resolutions), so a TD1 card's bars can be as short as its name (`OKAFOR<<MEI`) next to a
    // full line 2; requiring equal lengths refused such cards as having no zone at all.
    let compatible = |a: &Bar, b: &Bar| {
        let angle_ok = (a.angle - b.angle).abs() < 3f32.to_radians();
        let ratio = a.length.min(b.length) / a.length.max(b.length);
        let t = (a.thickness + b.thickness) / 2.0;
        let (ux, uy) = (a.angle.cos(), a.angle.sin());
        let (nx, ny) = (-uy, ux);
        let dist = (b.cx - a.cx) * nx + (b.cy - a.cy) * ny;
        let along = ((b.cx - a.cx) * ux + (b.cy - a.cy) * uy).abs();
        let start = |x: &Bar| x.cx * ux + x.cy * uy + x.s0;
        let centred = ratio > 0.7 && along < 0.15 * a.length;
        let left_aligned = ratio > 0.4 && (start(a) - start(b)).abs() < 1.5 * t;
        angle_ok && dist > 1.0 * t && dist < 4.0 * t && (centred || left_aligned)
    };
    let mut best: Option<(f32, Vec<Bar>)> = None;
    for i in 0..sorted.len() {
        let mut group = vec![sorted[i]];
        for b in &sorted[i + 1..] {
            if group.len() < 3 && compatible(group.last().unwrap_or(b), b) {
                group.push(*b);
            }
        }
        if group.len() < 2 {
            continue;
        }
        // Prefer three lines, then longer lines, then lower on the page.
        let score = group.len() as f32 * 10.0 * width
            + group.iter().map(|b| b.length).sum::<f32>()
            + group[0].cy * 0.01;
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, group));
        }
    }
    let (_, group) = best?;
    let angle = group.iter().map(|b| b.angle).sum::<f32>() / group.len() as f32;
    let thickness = group.iter().map(|b| b.thickness).sum::<f32>() / group.len() as f32;
    let (ux, uy) = (angle.cos(), angle.sin());
    let (nx, ny) = (-uy, ux);
    let first = group[0];
    let last = group[group.len() - 1];
    let s0 = group
        .iter()
        .map(|b| b.cx * ux + b.cy * uy + b.s0)
        .fold(f32::MAX, f32::min)
        - 1.5 * thickness;
    let s1 = group
        .iter()
        .map(|b| b.cx * ux + b.cy * uy + b.s1)
        .fold(f32::MIN, f32::max)
        + 1.5 * thickness;
    let t0 = first.cx * nx + first.cy * ny - 1.3 * thickness;
    let t1 = last.cx * nx + last.cy * ny + 1.3 * thickness;
    Some(Band {
        angle,
        origin: (s0 * ux + t0 * nx, s0 * uy + t0 * ny),
        length: s1 - s0,
        height: t1 - t0,
        line_height: thickness,
        lines: group.len(),
    })
}

/// The located bars often stop where a long run of `<` fillers starts: chevrons are small and
/// light, so at working resolution they do not always join the bar, and TD1 lines are mostly
/// fillers. The zone's full length is known from its cap height (at most 44 characters, or 30 on
/// three lines, of pitch ≈ cap × [`ocrb::PITCH_PER_CAP`]), so the band is extended on both sides
/// to that length, within the image; the real text extent is found later in the upright crop,
/// where background columns are ignored.
fn extend_band(band: &Band, (w, h): (u32, u32)) -> Band {
    let chars = if band.lines == 3 { 30.0 } else { 44.0 };
    let full = chars * band.line_height * ocrb::PITCH_PER_CAP * 1.25 + 2.0 * band.line_height;
    let deficit = full - band.length;
    if deficit <= 0.0 {
        return *band;
    }
    let (ux, uy) = (band.angle.cos(), band.angle.sin());
    let (nx, ny) = (-uy, ux);
    let mid = band.height / 2.0;
    let inside = |s: f32| {
        let x = band.origin.0 + ux * s + nx * mid;
        let y = band.origin.1 + uy * s + ny * mid;
        x >= 0.0 && y >= 0.0 && x <= (w - 1) as f32 && y <= (h - 1) as f32
    };
    let step = band.line_height.max(1.0) * 0.5;
    let mut before = deficit;
    while before > 0.0 && !inside(-before) {
        before -= step;
    }
    let mut after = deficit;
    while after > 0.0 && !inside(band.length + after) {
        after -= step;
    }
    let (before, after) = (before.max(0.0), after.max(0.0));
    Band {
        origin: (band.origin.0 - ux * before, band.origin.1 - uy * before),
        length: band.length + before + after,
        ..*band
    }
}

/// Columns of the crop that can hold text: not dark over most of the band's height. The band
/// may reach past the document onto a dark table, whose columns would otherwise swamp the row
/// profile and glue the lines together.
fn text_columns(crop: &GrayImage, t: u8) -> Vec<bool> {
    let h = crop.height();
    (0..crop.width())
        .map(|x| {
            let dark = (0..h).filter(|&y| crop.get_pixel(x, y)[0] <= t).count() as u32;
            dark * 10 < h * 6
        })
        .collect()
}

/// Target cap height in the resampled band: the template height.
const CROP_CAP: f32 = ocrb::H as f32;

/// Resample the band upright; then measure the residual skew from the text lines and resample
/// once more with the corrected angle.
fn deskewed_crop(sampler: &Sampler<'_>, band: &Band) -> GrayImage {
    let first = resample(sampler, band);
    let Some(lines) = text_lines(&first, band.lines) else {
        return first;
    };
    let t = otsu(&histogram(&first));
    let usable = text_columns(&first, t);
    let mut slopes = Vec::new();
    for &(top, bottom) in &lines {
        let (a, b) = line_extent(&first, t, (top, bottom));
        let (a, b) = (a as u32, b as u32 + 1);
        let third = (b.saturating_sub(a)) / 3;
        let centroid = |x0: u32, x1: u32| {
            let (mut n, mut sy, mut sx) = (0f32, 0f32, 0f32);
            for y in top.saturating_sub(3)..(bottom + 4).min(first.height()) {
                for x in x0..x1 {
                    if usable[x as usize] && first.get_pixel(x, y)[0] <= t {
                        n += 1.0;
                        sy += y as f32;
                        sx += x as f32;
                    }
                }
            }
            (n > 10.0).then(|| (sx / n, sy / n))
        };
        if let (Some(a), Some(b)) = (centroid(a, a + third), centroid(b - third, b)) {
            slopes.push((b.1 - a.1) / (b.0 - a.0).max(1.0));
        }
    }
    if slopes.is_empty() {
        return first;
    }
    let slope = slopes.iter().sum::<f32>() / slopes.len() as f32;
    let d = slope.atan();
    if d.abs() < 0.001 {
        return first;
    }
    // Rotate around the band centre.
    let (ux, uy) = (band.angle.cos(), band.angle.sin());
    let (nx, ny) = (-uy, ux);
    let cx = band.origin.0 + ux * band.length / 2.0 + nx * band.height / 2.0;
    let cy = band.origin.1 + uy * band.length / 2.0 + ny * band.height / 2.0;
    let angle = band.angle + d;
    let (ux, uy) = (angle.cos(), angle.sin());
    let (nx, ny) = (-uy, ux);
    let corrected = Band {
        angle,
        origin: (
            cx - ux * band.length / 2.0 - nx * band.height / 2.0,
            cy - uy * band.length / 2.0 - ny * band.height / 2.0,
        ),
        ..*band
    };
    resample(sampler, &corrected)
}

fn resample(sampler: &Sampler<'_>, band: &Band) -> GrayImage {
    let step = (band.line_height / CROP_CAP).max(0.05);
    let (ux, uy) = (band.angle.cos() * step, band.angle.sin() * step);
    let (nx, ny) = (-uy, ux);
    let w = ((band.length / step) as u32).clamp(8, 4000);
    let h = ((band.height / step) as u32).clamp(8, 1000);
    GrayImage::from_fn(w, h, |x, y| {
        let (xf, yf) = (x as f32 + 0.5, y as f32 + 0.5);
        let sx = band.origin.0 + ux * xf + nx * yf;
        let sy = band.origin.1 + uy * xf + ny * yf;
        image::Luma([sampler.sample(sx, sy).round() as u8])
    })
}

fn third_line(sampler: &Sampler<'_>, band: &Band) -> Option<(GrayImage, Vec<(u32, u32)>)> {
    let spacing = band.height - 2.6 * band.line_height;
    if spacing <= 0.0 {
        return None;
    }
    let (nx, ny) = (-band.angle.sin(), band.angle.cos());
    let wider = Band {
        origin: (band.origin.0 - nx * spacing, band.origin.1 - ny * spacing),
        height: band.height + 2.0 * spacing,
        lines: 3,
        ..*band
    };
    let crop = deskewed_crop(sampler, &wider);
    let lines = text_lines(&crop, 3)?;
    let t = otsu(&histogram(&crop));
    let extents: Vec<(usize, usize)> = lines.iter().map(|&l| line_extent(&crop, t, l)).collect();
    let cap = (lines[0].1 - lines[0].0 + 1) as f32;
    let gap1 = (lines[1].0 - lines[0].0) as f32;
    let gap2 = (lines[2].0 - lines[1].0) as f32;
    let even = (gap1 - gap2).abs() < 0.25 * gap1.max(gap2);
    let aligned = extents.windows(2).all(|e| {
        (e[0].0 as f32 - e[1].0 as f32).abs() < 1.5 * cap
            && (e[0].1 as f32 - e[1].1 as f32).abs() < 1.5 * cap
    });
    (even && aligned).then_some((crop, lines))
}

/// Horizontal extent of a text line: the widest cluster of inked columns (gaps under ~1.2 cap
/// heights), ignoring columns that are dark from top to bottom (document edge, background).
fn line_extent(crop: &GrayImage, t: u8, (top, bottom): (u32, u32)) -> (usize, usize) {
    let col: Vec<u32> = (0..crop.width())
        .map(|x| {
            (top..=bottom)
                .filter(|&y| crop.get_pixel(x, y)[0] <= t)
                .count() as u32
        })
        .collect();
    cluster_extent(&col, bottom - top + 1)
}

fn cluster_extent(col: &[u32], height: u32) -> (usize, usize) {
    let max_gap = (height as f32 * 1.2) as usize;
    let inked = |c: u32| c >= 2 && (c as f32) <= 0.85 * height as f32;
    let mut best = (0usize, 0usize);
    let mut current: Option<(usize, usize)> = None;
    for (x, &c) in col.iter().enumerate() {
        if !inked(c) {
            continue;
        }
        current = match current {
            Some((a, b)) if x - b <= max_gap => Some((a, x)),
            Some((a, b)) => {
                if b - a > best.1 - best.0 {
                    best = (a, b);
                }
                Some((x, x))
            }
            None => Some((x, x)),
        };
    }
    if let Some((a, b)) = current {
        if b - a > best.1 - best.0 {
            best = (a, b);
        }
    }
    best
}

/// How many fixed-pitch characters the lines hold: the text extent divided by the pitch, which
/// is the strongest period of the column ink profile near the pitch OCR-B has at this cap height.
fn character_count(crop: &GrayImage, lines: &[(u32, u32)]) -> f32 {
    let t = otsu(&histogram(crop));
    let mut counts = Vec::new();
    for &(top, bottom) in lines {
        let (first, last) = line_extent(crop, t, (top, bottom));
        if last <= first + 8 {
            continue;
        }
        let col: Vec<f32> = (first..=last)
            .map(|x| {
                (top..=bottom)
                    .filter(|&y| crop.get_pixel(x as u32, y)[0] <= t)
                    .count() as f32
            })
            .collect();
        let mean = col.iter().sum::<f32>() / col.len() as f32;
        let centred: Vec<f32> = col.iter().map(|v| v - mean).collect();
        let guess = (bottom - top + 1) as f32 * ocrb::PITCH_PER_CAP;
        let (lo, hi) = ((guess * 0.7) as usize, (guess * 1.4) as usize);
        let pitch = (lo.max(2)..=hi.min(centred.len() / 2))
            .map(|lag| {
                let r: f32 = centred
                    .iter()
                    .zip(&centred[lag..])
                    .map(|(a, b)| a * b)
                    .sum::<f32>()
                    / (centred.len() - lag) as f32;
                (lag, r)
            })
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map_or(guess, |(lag, _)| lag as f32);
        counts.push((last - first) as f32 / pitch + 0.3);
    }
    if counts.is_empty() {
        return 0.0;
    }
    counts.iter().sum::<f32>() / counts.len() as f32
}

/// Rows `(top, bottom)` of the `count` strongest text lines, top to bottom.
fn text_lines(crop: &GrayImage, count: usize) -> Option<Vec<(u32, u32)>> {
    let t = otsu(&histogram(crop));
    let usable = text_columns(crop, t);
    let profile: Vec<u32> = (0..crop.height())
        .map(|y| {
            (0..crop.width())
                .filter(|&x| usable[x as usize] && crop.get_pixel(x, y)[0] <= t)
                .count() as u32
        })
        .collect();
    let max = *profile.iter().max()?;
    let level = (max as f32 * 0.15) as u32;
    let mut runs: Vec<(u32, u32, u64)> = Vec::new();
    let mut start: Option<u32> = None;
    for (y, &v) in profile.iter().enumerate() {
        let y = y as u32;
        match (v > level, start) {
            (true, None) => start = Some(y),
            (false, Some(s)) => {
                runs.push((
                    s,
                    y - 1,
                    profile[s as usize..y as usize]
                        .iter()
                        .map(|&v| u64::from(v))
                        .sum(),
                ));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        let end = profile.len() as u32 - 1;
        runs.push((
            s,
            end,
            profile[s as usize..].iter().map(|&v| u64::from(v)).sum(),
        ));
    }
    if runs.len() < count {
        return None;
    }
    // Rank by text-like columns (some ink, but not dark from top to bottom): a portrait edge or
    // a dark block has a lot of ink and no characters.
    for run in runs.iter_mut() {
        let height = run.1 - run.0 + 1;
        run.2 = (0..crop.width())
            .filter(|&x| usable[x as usize])
            .filter(|&x| {
                let c = (run.0..=run.1)
                    .filter(|&y| crop.get_pixel(x, y)[0] <= t)
                    .count() as u32;
                c >= 2 && c * 20 <= height * 17
            })
            .count() as u64;
    }
    runs.sort_by_key(|r| std::cmp::Reverse(r.2));
    let mut lines: Vec<(u32, u32)> = runs.into_iter().take(count).map(|r| (r.0, r.1)).collect();
    lines.sort();
    Some(lines)
}

/// A character cell in crop coordinates.
#[derive(Debug, Clone, Copy)]
struct Cell {
    x: f32,
    pitch: f32,
    top: f32,
    height: f32,
}

/// Split each line into `n` fixed-pitch cells.
fn segment(crop: &GrayImage, lines: &[(u32, u32)], n: usize) -> Result<Vec<Vec<Cell>>, MrzError> {
    let t = otsu(&histogram(crop));
    let columns: Vec<Vec<u32>> = lines
        .iter()
        .map(|&(top, bottom)| {
            (0..crop.width())
                .map(|x| {
                    (top..=bottom)
                        .filter(|&y| crop.get_pixel(x, y)[0] <= t)
                        .count() as u32
                })
                .collect()
        })
        .collect();
    let extents: Vec<(usize, usize)> = columns
        .iter()
        .zip(lines)
        .map(|(col, &(top, bottom))| cluster_extent(col, bottom - top + 1))
        .collect();
    let mut cells = Vec::new();
    for ((&(top, bottom), &(first, last)), col) in lines.iter().zip(&extents).zip(&columns) {
        if last <= first {
            return Err(unreadable("empty MRZ line"));
        }
        let span = (last - first) as f32;
        let p0 = span / (n as f32 - 0.3);
        // Boundaries should sit in the middle of inter-character gaps: ink summed over a window
        // around each boundary is minimal there.
        let half = (p0 * 0.12).round().max(1.0) as i64;
        let cost = |o: f32, p: f32| -> u32 {
            (0..=n)
                .map(|i| {
                    let x = (o + i as f32 * p).round() as i64;
                    (x - half..=x + half)
                        .filter(|&x| x >= 0 && (x as usize) < col.len())
                        .map(|x| col[x as usize])
                        .sum::<u32>()
                })
                .sum()
        };
        let mut best = (u32::MAX, first as f32, p0);
        for pi in -15..=15 {
            let p = p0 * (1.0 + pi as f32 * 0.002);
            for oi in 0..=30 {
                let o = first as f32 - p * (0.0 + oi as f32 * 0.015);
                let c = cost(o, p);
                if c < best.0 {
                    best = (c, o, p);
                }
            }
        }
        let (_, o, p) = best;
        let smooth = |x: i64| -> u32 {
            (x - half..=x + half)
                .filter(|&x| x >= 0 && (x as usize) < col.len())
                .map(|x| col[x as usize])
                .sum()
        };
        // Walk the boundaries left to right, snapping each to the centre of the emptiest stretch
        // near its prediction; the running pitch follows perspective and residual scale drift.
        let mut bounds = vec![o];
        let mut pitch = p;
        for i in 1..=n {
            let pred = bounds[i - 1] + pitch;
            let lo = (pred - 0.3 * pitch).round() as i64;
            let hi = (pred + 0.3 * pitch).round() as i64;
            let values: Vec<(i64, u32)> = (lo..=hi).map(|x| (x, smooth(x))).collect();
            let min = values.iter().map(|v| v.1).min().unwrap_or(0);
            let near: Vec<i64> = values
                .iter()
                .filter(|v| v.1 <= min + min / 10 + 1)
                .map(|v| v.0)
                .collect();
            // The plateau nearest the prediction, then its centre.
            let closest = near
                .iter()
                .copied()
                .min_by_key(|x| (x - pred.round() as i64).abs())
                .unwrap_or(pred as i64);
            let (mut a, mut b) = (closest, closest);
            while near.contains(&(a - 1)) {
                a -= 1;
            }
            while near.contains(&(b + 1)) {
                b += 1;
            }
            let snapped = (a + b) as f32 / 2.0;
            bounds.push(snapped);
            let observed = snapped - bounds[i - 1];
            if i < n {
                pitch = 0.7 * pitch + 0.3 * observed.clamp(0.8 * p, 1.2 * p);
            }
        }
        // Printing is fixed-pitch, so true boundaries follow a smooth curve (perspective bends it
        // slowly); a snap can be pulled off by a narrow glyph (`1`, `I`, `<`) whose gap is wide.
        // A quadratic fitted to the snaps, refitted without the outliers, places every cell.
        let bounds = smooth_bounds(&bounds, p);
        let x_of = |i: usize| bounds[i];
        // Cap top and baseline fitted across the line from full-height characters, so the cells
        // follow perspective and residual tilt.
        let (mut fit_x, mut fit_top, mut fit_bottom) = (Vec::new(), Vec::new(), Vec::new());
        let height = (bottom - top + 1) as f32;
        for i in 0..n {
            let (x0, x1) = (
                x_of(i).max(0.0) as u32,
                (x_of(i + 1).max(0.0) as u32).min(crop.width()),
            );
            let y0 = top.saturating_sub((height * 0.25) as u32);
            let y1 = (bottom + (height * 0.25) as u32).min(crop.height() - 1);
            let rows: Vec<u32> = (y0..=y1)
                .filter(|&y| (x0..x1).filter(|&x| crop.get_pixel(x, y)[0] <= t).count() >= 2)
                .collect();
            if let (Some(&a), Some(&b)) = (rows.first(), rows.last()) {
                if (b - a + 1) as f32 >= 0.85 * height && (b - a + 1) as f32 <= 1.3 * height {
                    fit_x.push((x_of(i) + x_of(i + 1)) / 2.0);
                    fit_top.push(a as f32);
                    fit_bottom.push(b as f32 + 1.0);
                }
            }
        }
        let top_at = line_fit(&fit_x, &fit_top, top as f32);
        let bottom_at = line_fit(&fit_x, &fit_bottom, bottom as f32 + 1.0);
        cells.push(
            (0..n)
                .map(|i| {
                    let cx = (x_of(i) + x_of(i + 1)) / 2.0;
                    let (t0, t1) = (top_at(cx), bottom_at(cx));
                    Cell {
                        x: x_of(i),
                        pitch: x_of(i + 1) - x_of(i),
                        top: t0,
                        height: (t1 - t0).max(4.0),
                    }
                })
                .collect(),
        );
    }
    Ok(cells)
}

/// Boundaries from a least-squares quadratic through the snapped ones, refitted once without
/// those more than 15 % of a pitch off.
fn smooth_bounds(bounds: &[f32], pitch: f32) -> Vec<f32> {
    let fit = |keep: &[bool]| -> Option<[f64; 3]> {
        // Normal equations of y = a + b·i + c·i² (i scaled to 0..1 for conditioning).
        let n = bounds.len().max(2) as f64 - 1.0;
        let mut m = [[0f64; 4]; 3];
        for (i, (&y, &k)) in bounds.iter().zip(keep).enumerate() {
            if !k {
                continue;
            }
            let x = i as f64 / n;
            let basis = [1.0, x, x * x, f64::from(y)];
            for (row, &br) in m.iter_mut().zip(&basis) {
                for (cell, &bc) in row.iter_mut().zip(&basis) {
                    *cell += br * bc;
                }
            }
        }
        for col in 0..3 {
            let pivot = (col..3).max_by(|&a, &b| m[a][col].abs().total_cmp(&m[b][col].abs()))?;
            m.swap(col, pivot);
            let pivot_row = m[col];
            if pivot_row[col].abs() < 1e-9 {
                return None;
            }
            for (r, row) in m.iter_mut().enumerate() {
                if r != col {
                    let f = row[col] / pivot_row[col];
                    for (cell, &p) in row.iter_mut().zip(&pivot_row).skip(col) {
                        *cell -= f * p;
                    }
                }
            }
        }
        Some([m[0][3] / m[0][0], m[1][3] / m[1][1], m[2][3] / m[2][2]])
    };
    let n = bounds.len().max(2) as f64 - 1.0;
    let at = |k: [f64; 3], i: usize| {
        let x = i as f64 / n;
        (k[0] + k[1] * x + k[2] * x * x) as f32
    };
    let all = vec![true; bounds.len()];
    let Some(first) = fit(&all) else {
        return bounds.to_vec();
    };
    let keep: Vec<bool> = bounds
        .iter()
        .enumerate()
        .map(|(i, &b)| (b - at(first, i)).abs() <= 0.15 * pitch)
        .collect();
    let k = if keep.iter().filter(|&&k| k).count() >= bounds.len() / 2 {
        fit(&keep).unwrap_or(first)
    } else {
        first
    };
    (0..bounds.len()).map(|i| at(k, i)).collect()
}

/// Least-squares line through `(xs, ys)`; a constant `fallback` with fewer than 3 points.
fn line_fit(xs: &[f32], ys: &[f32], fallback: f32) -> impl Fn(f32) -> f32 {
    let n = xs.len() as f32;
    let (a, b) = if xs.len() < 3 {
        (0.0, fallback)
    } else {
        let mx = xs.iter().sum::<f32>() / n;
        let my = ys.iter().sum::<f32>() / n;
        let sxx: f32 = xs.iter().map(|x| (x - mx) * (x - mx)).sum();
        let sxy: f32 = xs.iter().zip(ys).map(|(x, y)| (x - mx) * (y - my)).sum();
        let a = if sxx > 0.0 { sxy / sxx } else { 0.0 };
        (a, my - a * mx)
    };
    move |x| a * x + b
}

/// Templates decoded once, as zero-mean unit-norm vectors.
fn templates() -> &'static Vec<Vec<f32>> {
    static T: OnceLock<Vec<Vec<f32>>> = OnceLock::new();
    T.get_or_init(|| {
        ocrb::INK_HEX
            .iter()
            .map(|hex| {
                let v: Vec<f32> = hex
                    .as_bytes()
                    .chunks_exact(2)
                    .map(|p| {
                        let d = |c: u8| match c {
                            b'0'..=b'9' => c - b'0',
                            b'a'..=b'f' => c - b'a' + 10,
                            _ => 0,
                        };
                        f32::from(d(p[0]) * 16 + d(p[1]))
                    })
                    .collect();
                normalise(v)
            })
            .collect()
    })
}

fn normalise(mut v: Vec<f32>) -> Vec<f32> {
    let mean = v.iter().sum::<f32>() / v.len().max(1) as f32;
    v.iter_mut().for_each(|x| *x -= mean);
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-3);
    v.iter_mut().for_each(|x| *x /= norm);
    v
}

/// [`score_cell`] over small changes of the cell height and width: the measured cap height and
/// pitch are only accurate to a pixel or two, and OCR-B twins (0/O) differ mostly in aspect.
fn score_cell_scaled(crop: &GrayImage, cell: &Cell) -> [f32; 37] {
    let mut best = score_cell(crop, cell, None);
    // Only the four best candidates are re-scored at the other scales.
    let mut order: Vec<usize> = (0..37).collect();
    order.sort_by(|&a, &b| best[b].total_cmp(&best[a]));
    let mut top = order[..4].to_vec();
    // OCR-B twins differ mostly in aspect: the twin of the best reading is always re-scored.
    if let Some(t) =
        twin(ocrb::GLYPHS[order[0]]).and_then(|t| ocrb::GLYPHS.iter().position(|&g| g == t))
    {
        if !top.contains(&t) {
            top.push(t);
        }
    }
    let top = top.as_slice();
    for (sh, sw) in [(0.94, 1.0), (1.06, 1.0), (1.0, 0.94), (1.0, 1.06)] {
        let scaled = Cell {
            x: cell.x + cell.pitch * (1.0 - sw) / 2.0,
            pitch: cell.pitch * sw,
            top: cell.top + cell.height * (1.0 - sh) / 2.0,
            height: cell.height * sh,
        };
        for (b, s) in best.iter_mut().zip(score_cell(crop, &scaled, Some(top))) {
            *b = b.max(s);
        }
    }
    best
}

/// Normalised correlation of the cell with every template, best over ±2 px shifts.
fn score_cell(crop: &GrayImage, cell: &Cell, only: Option<&[usize]>) -> [f32; 37] {
    const M: usize = 2;
    let (tw, th) = (ocrb::W, ocrb::H);
    let (gw, gh) = (tw + 2 * M, th + 2 * M);
    let sx = cell.pitch / tw as f32;
    let sy = cell.height / th as f32;
    let (cw, ch) = (crop.width(), crop.height());
    let mut grid = vec![0f32; gw * gh];
    for v in 0..gh {
        for u in 0..gw {
            let x = cell.x + (u as f32 - M as f32 + 0.5) * sx;
            let y = cell.top + (v as f32 - M as f32 + 0.5) * sy;
            let xi = (x.max(0.0) as u32).min(cw - 1);
            let yi = (y.max(0.0) as u32).min(ch - 1);
            grid[v * gw + u] = 255.0 - f32::from(crop.get_pixel(xi, yi)[0]);
        }
    }
    let templates = templates();
    let mut best = [f32::MIN; 37];
    let mut window = vec![0f32; tw * th];
    for dy in 0..=2 * M {
        for dx in 0..=2 * M {
            for y in 0..th {
                window[y * tw..(y + 1) * tw]
                    .copy_from_slice(&grid[(y + dy) * gw + dx..(y + dy) * gw + dx + tw]);
            }
            let w = normalise(window.clone());
            for (k, t) in templates.iter().enumerate() {
                if only.is_some_and(|o| !o.contains(&k)) {
                    continue;
                }
                let s: f32 = w.iter().zip(t).map(|(a, b)| a * b).sum();
                if s > best[k] {
                    best[k] = s;
                }
            }
        }
    }
    best
}

fn allowed(kind: Kind, c: u8) -> bool {
    match kind {
        Kind::Alpha => c.is_ascii_uppercase() || c == b'<',
        Kind::Numeric | Kind::Check => c.is_ascii_digit() || c == b'<',
        Kind::AlphaNum => true,
        Kind::Sex => matches!(c, b'M' | b'F' | b'X' | b'<'),
    }
}

/// Choose characters under the layout's constraints and parse with alternatives.
fn decode(
    scores: &[Vec<[f32; 37]>],
    line_count: usize,
    line_len: usize,
    options: &ParseOptions,
) -> Result<(Mrz, f32), MrzError> {
    let pick = |s: &[f32; 37], kind: Kind| -> Vec<(u8, f32)> {
        let mut ranked: Vec<(u8, f32)> = ocrb::GLYPHS
            .iter()
            .zip(s.iter())
            .filter(|(&c, _)| allowed(kind, c))
            .map(|(&c, &v)| (c, v))
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
        ranked
    };
    let raw: Vec<Vec<u8>> = scores
        .iter()
        .map(|row| row.iter().map(|s| pick(s, Kind::AlphaNum)[0].0).collect())
        .collect();
    let first = raw.first().and_then(|r| r.first()).copied().unwrap_or(b'P');
    let format = MrzFormat::detect(line_count, line_len, first)
        .ok_or_else(|| unreadable("unknown layout"))?;
    let lay = layout(format, &raw);
    let mut grid = raw.clone();
    let mut alternatives = vec![vec![Vec::new(); line_len]; line_count];
    let mut weakest = f32::MAX;
    let mut total = 0f32;
    for (l, row) in scores.iter().enumerate() {
        for (c, s) in row.iter().enumerate() {
            let ranked = pick(s, lay.kinds[l][c]);
            let (best, score) = ranked[0];
            weakest = weakest.min(score);
            total += score;
            grid[l][c] = best;
            let mut alts: Vec<(u8, f32)> = ranked[1..]
                .iter()
                .take_while(|(_, v)| *v >= score - ALT_MARGIN)
                .take(3)
                .map(|&(c, v)| (c, score - v))
                .collect();
            // OCR-B twins (0/O, 1/I, 5/S, 8/B, 2/Z) are always worth a check-digit test.
            if lay.kinds[l][c] == Kind::AlphaNum {
                if let Some(&(tc, tv)) = twin(best).and_then(|t| ranked.iter().find(|r| r.0 == t)) {
                    if !alts.iter().any(|a| a.0 == tc) {
                        alts.push((tc, score - tv));
                    }
                }
            }
            alternatives[l][c] = alts;
        }
    }
    // A sharp OCR-B zone correlates at 0.9–0.96 on average (weakest cell ≥ 0.75) on phone
    // captures; a blurred one drifts to 0.5–0.65, where the check digits, repaired with loose
    // alternatives, could be satisfied by chance. Refuse rather than guess.
    if weakest < MIN_CELL_SCORE || total / ((line_count * line_len) as f32) < MIN_MEAN_SCORE {
        return Err(unreadable("characters do not match OCR-B"));
    }
    // Context prior for OCR-B twins in alphanumeric fields: a character that is nearly as likely
    // its twin takes the class of its neighbours (digits among digits, letters among letters).
    // The check digit cannot see every such swap (e.g. two O/0 swaps weighted 7 and 3 cancel).
    // Cells whose twin is that close are undecided and do not vote for their neighbours.
    let undecided: Vec<Vec<bool>> = (0..line_count)
        .map(|l| {
            (0..line_len)
                .map(|c| {
                    lay.kinds[l][c] == Kind::AlphaNum
                        && alternatives[l][c]
                            .iter()
                            .any(|a| Some(a.0) == twin(grid[l][c]) && a.1 <= TWIN_PRIOR_MARGIN)
                })
                .collect()
        })
        .collect();
    for l in 0..line_count {
        for c in 0..line_len {
            if lay.kinds[l][c] != Kind::AlphaNum {
                continue;
            }
            let current = grid[l][c];
            let Some(&(t, cost)) = alternatives[l][c]
                .iter()
                .find(|a| Some(a.0) == twin(current))
            else {
                continue;
            };
            if cost > TWIN_PRIOR_MARGIN {
                continue;
            }
            // The nearest decided character on each side (within the field) votes. Two adjacent
            // undecided twins (`00` read `OO`) would otherwise only see each other and tie, and
            // the check digit cannot see that pair either (weights 7 and 3 cancel modulo 10).
            let neighbour = |step: i64| {
                let mut x = c as i64;
                for _ in 0..3 {
                    x += step;
                    if x < 0 || x as usize >= line_len || lay.kinds[l][x as usize] != Kind::AlphaNum
                    {
                        return None;
                    }
                    let n = grid[l][x as usize];
                    if n == b'<' {
                        return None;
                    }
                    if !undecided[l][x as usize] {
                        return Some(n);
                    }
                }
                None
            };
            let (left, right) = (neighbour(-1), neighbour(1));
            let digits = [left, right]
                .iter()
                .flatten()
                .filter(|n| n.is_ascii_digit())
                .count();
            let letters = [left, right]
                .iter()
                .flatten()
                .filter(|n| n.is_ascii_uppercase())
                .count();
            let want_digit = digits > letters;
            let want_letter = letters > digits;
            if (want_digit && t.is_ascii_digit()) || (want_letter && t.is_ascii_uppercase()) {
                grid[l][c] = t;
                alternatives[l][c].retain(|a| a.0 != t);
                alternatives[l][c].push((current, 0.0));
            }
        }
    }
    let mean = total / (line_count * line_len) as f32;
    parse_grid(grid, &alternatives, options).map(|m| (m, mean))
}

fn twin(c: u8) -> Option<u8> {
    Some(match c {
        b'0' => b'O',
        b'O' => b'0',
        b'1' => b'I',
        b'I' => b'1',
        b'5' => b'S',
        b'S' => b'5',
        b'8' => b'B',
        b'B' => b'8',
        b'2' => b'Z',
        b'Z' => b'2',
        _ => return None,
    })
}
