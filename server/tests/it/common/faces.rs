//! Face pictures for the face-check tests: the licensed test photos of `checks/testdata/faces`,
//! a synthetic identity card with a portrait pasted on it, and "move closer" frame bursts. The
//! engine is used here only to place crops on the face, never to judge the outcome.

use std::path::Path;
use std::sync::OnceLock;

use image::{DynamicImage, Rgb, RgbImage};
use kyra_checks::face::{verify_model, FaceEngine, FaceModels, MODEL_FILES};

pub const OBAMA: [&str; 3] = ["obama.jpg", "obama2.jpg", "obama3.jpg"];
pub const BIDEN: &str = "biden.jpg";

pub fn photo(name: &str) -> DynamicImage {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../checks/testdata/faces")
        .join(name);
    image::open(&path).unwrap_or_else(|e| panic!("cannot open {}: {e}", path.display()))
}

pub fn jpeg(image: &DynamicImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&image.to_rgb8())
        .expect("encode");
    out
}

/// A plain grey picture: no face.
pub fn blank() -> DynamicImage {
    DynamicImage::ImageRgb8(RgbImage::from_pixel(480, 600, Rgb([128, 128, 128])))
}

/// An ID-1-shaped card (1000×630) in a pale `tint`, with `portrait` on its left third and
/// dark bars where the printed fields would be.
pub fn id_card(portrait: &DynamicImage, tint: [u8; 3]) -> DynamicImage {
    let mut card = RgbImage::from_pixel(1000, 630, Rgb(tint));
    let face = portrait.resize(280, 380, image::imageops::FilterType::Triangle);
    image::imageops::replace(&mut card, &face.to_rgb8(), 50, 150);
    for (i, width) in [420u32, 360, 300, 390, 250].into_iter().enumerate() {
        let top = 170 + 70 * i as u32;
        for y in top..top + 22 {
            for x in 400..400 + width {
                card.put_pixel(x, y, Rgb([40, 40, 60]));
            }
        }
    }
    DynamicImage::ImageRgb8(card)
}

fn engine() -> &'static FaceEngine {
    static ENGINE: OnceLock<FaceEngine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../models/face");
        let sums = std::fs::read_to_string(dir.join("SHA256SUMS")).expect("models/face/SHA256SUMS");
        let bytes: Vec<Vec<u8>> = MODEL_FILES
            .iter()
            .map(|file| {
                let bytes = std::fs::read(dir.join(file)).expect("face model");
                verify_model(file, &bytes, &sums).unwrap_or_else(|e| panic!("{e}"));
                bytes
            })
            .collect();
        FaceEngine::new(FaceModels::from_bytes(&bytes[0], &bytes[1], &bytes[2]).expect("models"))
    })
}

/// A "move closer" burst of `n` webcam-sized frames of `name`: crops ever tighter around the
/// face (the last is 70 % of the picture), each resized back — the face grows by about 1.4×.
pub fn closer_frames(name: &str, n: usize) -> Vec<DynamicImage> {
    let img = photo(name).resize(480, 600, image::imageops::FilterType::Triangle);
    let face = engine().detect(&img).expect("detect");
    let c = face.first().expect("a face in the test photo").center();
    let (w, h) = (img.width() as f32, img.height() as f32);
    (0..n)
        .map(|i| {
            let f = 1.0 - 0.3 * i as f32 / (n - 1) as f32;
            let (cw, ch) = (w * f, h * f);
            let x = (c.x - cw / 2.0).clamp(0.0, w - cw);
            let y = (c.y - ch / 2.0).clamp(0.0, h - ch);
            img.crop_imm(x as u32, y as u32, cw as u32, ch as u32)
                .resize_exact(
                    img.width(),
                    img.height(),
                    image::imageops::FilterType::Triangle,
                )
        })
        .collect()
}
