//! Pixel sampling shared by the three networks: a square, optionally rotated window of the source
//! image resampled to the network's input size, as NHWC `f32`.
//!
//! One sampler serves the letterboxed detector input (a square around the whole image, padded),
//! the descriptor's roll-aligned chip and the landmark crop, so the three agree on what a pixel
//! coordinate means (pixel centres at `x + 0.5`).

use image::{imageops, RgbImage};

/// A square window on the source image: centre, side length (source pixels) and roll (radians,
/// positive = the window's x axis rotated clockwise in image coordinates, i.e. towards +y).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Window {
    pub cx: f32,
    pub cy: f32,
    pub side: f32,
    pub angle: f32,
}

impl Window {
    /// Maps a point of the `out`×`out` output back to source coordinates.
    pub(crate) fn to_source(self, u: f32, v: f32, out: u32) -> (f32, f32) {
        let s = self.side / out as f32;
        let dx = (u - out as f32 / 2.0) * s;
        let dy = (v - out as f32 / 2.0) * s;
        let (sin, cos) = self.angle.sin_cos();
        (self.cx + dx * cos - dy * sin, self.cy + dx * sin + dy * cos)
    }
}

/// Resamples `window` of `img` to `out`×`out` RGB bytes (row-major, 3 per pixel). Outside the
/// image is black. When the window is much larger than the output, the relevant part of the
/// image is first area-downscaled so that bilinear sampling does not alias (a 12 MP photo's face
/// would otherwise be sampled from a few scattered pixels).
pub(crate) fn sample(img: &RgbImage, window: Window, out: u32) -> Vec<u8> {
    let (iw, ih) = img.dimensions();
    let scale = out as f32 / window.side.max(1.0);
    if scale < 0.5 && iw > 0 && ih > 0 {
        // Axis-aligned bounds of the rotated window (half-diagonal), clamped to the image.
        let half = window.side * std::f32::consts::FRAC_1_SQRT_2 + 2.0;
        let x0 = (window.cx - half).floor().clamp(0.0, iw as f32) as u32;
        let y0 = (window.cy - half).floor().clamp(0.0, ih as f32) as u32;
        let x1 = (window.cx + half).ceil().clamp(0.0, iw as f32) as u32;
        let y1 = (window.cy + half).ceil().clamp(0.0, ih as f32) as u32;
        if x1 > x0 && y1 > y0 {
            let sub = imageops::crop_imm(img, x0, y0, x1 - x0, y1 - y0);
            // Downscale to about twice the output resolution, then sample bilinearly.
            let f = (2.0 * scale).min(1.0);
            let nw = (((x1 - x0) as f32 * f).round() as u32).max(1);
            let nh = (((y1 - y0) as f32 * f).round() as u32).max(1);
            let small = imageops::thumbnail(&*sub, nw, nh);
            let fx = nw as f32 / (x1 - x0) as f32;
            let fy = nh as f32 / (y1 - y0) as f32;
            let w2 = Window {
                cx: (window.cx - x0 as f32) * fx,
                cy: (window.cy - y0 as f32) * fy,
                side: window.side * (fx + fy) / 2.0,
                angle: window.angle,
            };
            return sample_bilinear(&small, w2, out);
        }
    }
    sample_bilinear(img, window, out)
}

fn sample_bilinear(img: &RgbImage, window: Window, out: u32) -> Vec<u8> {
    let (iw, ih) = img.dimensions();
    let raw = img.as_raw();
    let mut buf = Vec::with_capacity((out * out * 3) as usize);
    let px = |x: i64, y: i64, c: usize| -> f32 {
        if x < 0 || y < 0 || x >= iw as i64 || y >= ih as i64 {
            0.0
        } else {
            f32::from(raw[(y as usize * iw as usize + x as usize) * 3 + c])
        }
    };
    for v in 0..out {
        for u in 0..out {
            let (sx, sy) = window.to_source(u as f32 + 0.5, v as f32 + 0.5, out);
            let (fx, fy) = (sx - 0.5, sy - 0.5);
            let (x0, y0) = (fx.floor(), fy.floor());
            let (ax, ay) = (fx - x0, fy - y0);
            let (x0, y0) = (x0 as i64, y0 as i64);
            for c in 0..3 {
                let top = px(x0, y0, c) * (1.0 - ax) + px(x0 + 1, y0, c) * ax;
                let bottom = px(x0, y0 + 1, c) * (1.0 - ax) + px(x0 + 1, y0 + 1, c) * ax;
                buf.push((top * (1.0 - ay) + bottom * ay).round().clamp(0.0, 255.0) as u8);
            }
        }
    }
    buf
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_window_reproduces_the_image() {
        let img = RgbImage::from_fn(8, 8, |x, y| image::Rgb([(x * 30) as u8, (y * 30) as u8, 7]));
        let w = Window {
            cx: 4.0,
            cy: 4.0,
            side: 8.0,
            angle: 0.0,
        };
        let out = sample(&img, w, 8);
        assert_eq!(out, img.as_raw().clone());
    }

    #[test]
    fn outside_is_black_and_rotation_maps_back() {
        let img = RgbImage::from_pixel(4, 4, image::Rgb([255, 255, 255]));
        let w = Window {
            cx: 2.0,
            cy: 2.0,
            side: 16.0,
            angle: 0.0,
        };
        let out = sample(&img, w, 16);
        assert_eq!(&out[0..3], &[0, 0, 0]);
        let r = Window {
            cx: 10.0,
            cy: 10.0,
            side: 4.0,
            angle: std::f32::consts::FRAC_PI_2,
        };
        let (x, y) = r.to_source(4.0, 2.0, 4); // +2 along the window's x axis
        assert!(
            (x - 10.0).abs() < 1e-4 && (y - 12.0).abs() < 1e-4,
            "{x},{y}"
        );
    }
}
