//! Passive anti-spoofing on genuine photos and simulated presentation attacks: how often each is
//! flagged, the signals' spread, and the time per picture.
//!
//! `cargo run --release -p kyra-checks --example spoof_bench`
//!
//! Genuine: the four test photos as they are and in seven variants each (JPEG quality 50 and 90,
//! darker, brighter, half size, webcam size, a crop). Attacks: each photo shown on a simulated
//! RGB-stripe screen filmed at five scales through a blurring lens and through a sharp, aliasing
//! one, and printed with a halftone raster of four periods —
//! every picture JPEG-compressed at quality 85 as a phone would upload it. Simulations, not real
//! attacks: the numbers say how well the signals catch these artefacts.

#[path = "../tests/face_common/mod.rs"]
mod face_common;

use std::time::Instant;

use face_common::*;
use image::DynamicImage;
use kyra_checks::face::spoof::simulate;
use kyra_checks::face::{prominent, PassiveVerdict};

fn jpeg(img: &DynamicImage, quality: u8) -> DynamicImage {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(&img.to_rgb8())
        .expect("encode");
    image::load_from_memory(&out).expect("decode")
}

fn genuine(img: &DynamicImage) -> Vec<(String, DynamicImage)> {
    let (w, h) = (img.width(), img.height());
    vec![
        ("original".into(), img.clone()),
        ("jpeg q50".into(), jpeg(img, 50)),
        ("jpeg q90".into(), jpeg(img, 90)),
        ("darker".into(), jpeg(&img.brighten(-40), 85)),
        ("brighter".into(), jpeg(&img.brighten(40), 85)),
        (
            "half size".into(),
            jpeg(
                &img.resize(w / 2, h / 2, image::imageops::FilterType::Triangle),
                85,
            ),
        ),
        (
            "webcam".into(),
            jpeg(
                &img.resize(480, 600, image::imageops::FilterType::Triangle),
                85,
            ),
        ),
        (
            "crop".into(),
            jpeg(&img.crop_imm(w / 10, h / 10, w * 8 / 10, h * 8 / 10), 85),
        ),
    ]
}

fn attacks(img: &DynamicImage) -> Vec<(String, DynamicImage)> {
    let mut out = Vec::new();
    for aliased in [false, true] {
        for scale in [2.0f32, 2.4, 2.7, 3.0, 3.3] {
            let kind = if aliased { "aliased" } else { "blurred" };
            let replay = simulate::screen_replay(img, scale, aliased);
            out.push((format!("screen {kind} ×1/{scale}"), jpeg(&replay, 85)));
        }
    }
    for period in [3.0f32, 4.0, 5.0, 6.0] {
        out.push((
            format!("print {period}px"),
            jpeg(&simulate::print(img, period), 85),
        ));
    }
    out
}

fn main() {
    let engine = engine();
    let names = ["obama.jpg", "obama2.jpg", "obama3.jpg", "biden.jpg"];
    let mut rows: Vec<(bool, String, Option<PassiveVerdict>)> = Vec::new();
    let mut times = Vec::new();
    for name in names {
        let img = photo(name);
        for (attack, set) in [(false, genuine(&img)), (true, attacks(&img))] {
            for (variant, picture) in set {
                let t = Instant::now();
                let faces = prominent(engine.faces(&picture).expect("faces"));
                let verdict = faces
                    .first()
                    .map(|f| engine.passive(&picture, &f.detection));
                times.push(t.elapsed().as_secs_f64() * 1000.0);
                rows.push((attack, format!("{name} {variant}"), verdict));
            }
        }
    }
    println!("| picture | attack | periodicity (lag) | blue/red | glare | score | flagged |");
    println!("|---|---|---|---|---|---|---|");
    for (attack, label, v) in &rows {
        match v {
            Some(v) => println!(
                "| {label} | {attack} | {:.2} ({}) | {:.2} | {:.3} | {:.2} | {} |",
                v.measured.periodicity,
                v.measured.period,
                v.measured.blue_red,
                v.measured.glare,
                v.score,
                v.spoof
            ),
            None => println!("| {label} | {attack} | no face | | | | |"),
        }
    }
    let count = |attack: bool| rows.iter().filter(|r| r.0 == attack).count();
    let flagged = |attack: bool| {
        rows.iter()
            .filter(|r| r.0 == attack && r.2.as_ref().is_some_and(|v| v.spoof))
            .count()
    };
    println!(
        "\ngenuine flagged (false positives): {}/{}; attacks flagged (caught): {}/{}",
        flagged(false),
        count(false),
        flagged(true),
        count(true)
    );
    times.sort_by(f64::total_cmp);
    let at = |p: f64| times[((times.len() as f64 - 1.0) * p).round() as usize];
    println!(
        "detection + descriptor + passive signals per picture: p50 {:.1} ms, p95 {:.1} ms",
        at(0.5),
        at(0.95)
    );
}
