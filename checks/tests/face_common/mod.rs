//! Shared by the face tests and `examples/face_bench.rs`: the one place that reads the face model
//! files. `kyra_checks::face` takes bytes only; this loader reads `models/face/` (relative to
//! this crate), verifies every file against `SHA256SUMS` and panics naming the file when one is
//! missing or altered — a test never skips for want of a model.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use image::DynamicImage;
use kyra_checks::face::{verify_model, FaceEngine, FaceModels, MODEL_FILES};

/// `models/face/` at the repository root.
pub fn model_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../models/face")
}

/// Reads the three models from `dir`, checking each against `dir/SHA256SUMS`.
pub fn load_dir(dir: &Path) -> Result<[Vec<u8>; 3], String> {
    let sums_path = dir.join("SHA256SUMS");
    let sums = std::fs::read_to_string(&sums_path)
        .map_err(|e| format!("face models: cannot read {}: {e}", sums_path.display()))?;
    let read = |name: &str| -> Result<Vec<u8>, String> {
        let path = dir.join(name);
        let bytes = std::fs::read(&path)
            .map_err(|e| format!("face model {} is missing: {e}", path.display()))?;
        verify_model(name, &bytes, &sums).map_err(|e| format!("face model {e}"))?;
        Ok(bytes)
    };
    Ok([
        read(MODEL_FILES[0])?,
        read(MODEL_FILES[1])?,
        read(MODEL_FILES[2])?,
    ])
}

/// The models from `models/face/`; panics (naming the file) when one is missing or altered.
pub fn models() -> FaceModels {
    let [b, m, d] = load_dir(&model_dir()).unwrap_or_else(|e| panic!("{e}"));
    FaceModels::from_bytes(&b, &m, &d).unwrap_or_else(|e| panic!("{e}"))
}

pub fn engine() -> FaceEngine {
    FaceEngine::new(models())
}

/// A test photo from `checks/testdata/faces/`.
pub fn photo(name: &str) -> DynamicImage {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/faces")
        .join(name);
    image::open(&path).unwrap_or_else(|e| panic!("cannot open {}: {e}", path.display()))
}

pub const OBAMA: [&str; 3] = ["obama.jpg", "obama2.jpg", "obama3.jpg"];
pub const BIDEN: &str = "biden.jpg";

/// A "move closer" sequence: `n` frames cropped ever tighter around the face of `img` (from the
/// whole image down to `last_fraction` of it), each resized back to the image's size — the face
/// grows by `1 / last_fraction` across the sequence.
pub fn closer_frames(
    img: &DynamicImage,
    face_center: (f32, f32),
    n: usize,
    last_fraction: f32,
) -> Vec<DynamicImage> {
    let (w, h) = (img.width() as f32, img.height() as f32);
    (0..n)
        .map(|i| {
            let t = if n > 1 {
                i as f32 / (n - 1) as f32
            } else {
                0.0
            };
            let f = 1.0 - t * (1.0 - last_fraction);
            let (cw, ch) = (w * f, h * f);
            let x = (face_center.0 - cw / 2.0).clamp(0.0, w - cw);
            let y = (face_center.1 - ch / 2.0).clamp(0.0, h - ch);
            img.crop_imm(x as u32, y as u32, cw as u32, ch as u32)
                .resize_exact(
                    img.width(),
                    img.height(),
                    image::imageops::FilterType::Triangle,
                )
        })
        .collect()
}

/// Two images side by side on a grey canvas (heights may differ; tops aligned).
pub fn side_by_side(a: &DynamicImage, b: &DynamicImage) -> DynamicImage {
    let mut canvas = image::RgbImage::from_pixel(
        a.width() + b.width(),
        a.height().max(b.height()),
        image::Rgb([128, 128, 128]),
    );
    image::imageops::replace(&mut canvas, &a.to_rgb8(), 0, 0);
    image::imageops::replace(&mut canvas, &b.to_rgb8(), i64::from(a.width()), 0);
    DynamicImage::ImageRgb8(canvas)
}
