//! Face engine benchmark: model load, detection + alignment + embedding per image, one face match
//! (portrait vs selfie) and liveness on 8 frames, p50/p95 over repeated runs.
//!
//! `cargo run --release -p kyra-checks --example face_bench` (add `-- --tune` to print the
//! detections and the distance margins for several descriptor chip scales).

#[path = "../tests/face_common/mod.rs"]
mod face_common;

use std::time::Instant;

use face_common::*;
use image::DynamicImage;
use kyra_checks::face::{embed::embed_with_scale, Challenge, FaceEngine, FaceModels};

fn pct(mut v: Vec<f64>) -> (f64, f64) {
    v.sort_by(f64::total_cmp);
    let at = |p: f64| v[((v.len() as f64 - 1.0) * p).round() as usize];
    (at(0.5), at(0.95))
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

fn main() {
    let tune = std::env::args().any(|a| a == "--tune");
    let [b, m, d] = load_dir(&model_dir()).unwrap_or_else(|e| panic!("{e}"));
    let mut loads = Vec::new();
    let mut models = None;
    for _ in 0..5 {
        let t = Instant::now();
        models = Some(FaceModels::from_bytes(&b, &m, &d).unwrap_or_else(|e| panic!("{e}")));
        loads.push(ms(t));
    }
    let Some(models) = models else { return };
    let engine = FaceEngine::new(models.clone());
    let names = ["obama.jpg", "obama2.jpg", "obama3.jpg", "biden.jpg"];
    let photos: Vec<DynamicImage> = names.iter().map(|n| photo(n)).collect();

    if tune {
        tune_report(&engine, &models, &names, &photos);
        return;
    }

    let runs = 10;
    let mut per_image = Vec::new();
    for _ in 0..runs {
        for p in &photos {
            let t = Instant::now();
            let faces = engine.faces(p).unwrap_or_else(|e| panic!("{e}"));
            per_image.push(ms(t));
            assert_eq!(faces.len(), 1);
        }
    }
    let mut pair = Vec::new();
    for i in 0..runs * 2 {
        let (a, b) = (&photos[i % 4], &photos[(i + 1) % 4]);
        let t = Instant::now();
        engine.compare(a, b).unwrap_or_else(|e| panic!("{e}"));
        pair.push(ms(t));
    }
    let det = engine.detect(&photos[0]).unwrap_or_else(|e| panic!("{e}"));
    let c = det[0].center();
    // Webcam-sized frames (480×600) moving closer.
    let small = photos[0].resize(480, 600, image::imageops::FilterType::Triangle);
    let s = small.width() as f32 / photos[0].width() as f32;
    let frames = closer_frames(&small, (c.x * s, c.y * s), 8, 0.7);
    let mut live = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let v = engine
            .liveness(&frames, Challenge::MoveCloser, None)
            .unwrap_or_else(|e| panic!("{e}"));
        live.push(ms(t));
        assert!(v.passed, "{v:?}");
    }
    // A 12 MP phone photo (the pipeline's document photos are 4000×3000): one photo upscaled and
    // placed on a grey canvas, so the face is ~15 % of the width.
    let mut big = image::RgbImage::from_pixel(4000, 3000, image::Rgb([120, 120, 120]));
    let up = photos[0]
        .resize(1600, 2000, image::imageops::FilterType::Triangle)
        .to_rgb8();
    image::imageops::replace(&mut big, &up, 1200, 500);
    let big = DynamicImage::ImageRgb8(big);
    let mut big_runs = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let faces = engine.faces(&big).unwrap_or_else(|e| panic!("{e}"));
        big_runs.push(ms(t));
        assert_eq!(faces.len(), 1);
    }
    let (b50, b95) = pct(big_runs);
    let (l50, l95) = pct(loads);
    let (i50, i95) = pct(per_image.clone());
    let (p50, p95) = pct(pair);
    let (v50, v95) = pct(live);
    println!("model load (3 models, from bytes)      p50 {l50:7.1} ms  p95 {l95:7.1} ms  (5 runs)");
    println!("detect+align+embed, 12 MP photo       p50 {b50:7.1} ms  p95 {b95:7.1} ms  ({runs} runs, 4000×3000)");
    println!(
        "detect+align+embed per image          p50 {i50:7.1} ms  p95 {i95:7.1} ms  ({} runs, photos 352–640 × 800)",
        per_image.len()
    );
    println!(
        "face match, one pair (2 images)       p50 {p50:7.1} ms  p95 {p95:7.1} ms  ({} runs)",
        runs * 2
    );
    println!(
        "liveness, 8 frames 480×600            p50 {v50:7.1} ms  p95 {v95:7.1} ms  ({runs} runs)"
    );
    // Peak resident memory of this process (5 model copies were loaded and dropped above).
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    if let Some(hwm) = status.lines().find(|l| l.starts_with("VmHWM")) {
        println!("peak RSS: {}", hwm.trim_start_matches("VmHWM:").trim());
    }
}

fn tune_report(engine: &FaceEngine, models: &FaceModels, names: &[&str], photos: &[DynamicImage]) {
    let mut dets = Vec::new();
    for (n, p) in names.iter().zip(photos) {
        let d = engine.detect(p).unwrap_or_else(|e| panic!("{e}"));
        println!("{n} {}x{}: {} face(s)", p.width(), p.height(), d.len());
        for f in &d {
            println!(
                "  box {:?} score {:.3} kp {:?}",
                f.bbox,
                f.score,
                f.keypoints
                    .iter()
                    .map(|k| (k.x as i32, k.y as i32))
                    .collect::<Vec<_>>()
            );
        }
        let m = engine.measure_frame(p).unwrap_or_else(|e| panic!("{e}"));
        let mf = engine
            .measure_frame(&p.fliph())
            .unwrap_or_else(|e| panic!("{e}"));
        println!("  pose {:?}  mirrored {:?}", m.pose, mf.pose);
        dets.push(d.into_iter().next());
    }
    let person = |n: &str| n.starts_with("obama");
    for (scale, anchor) in [1.0f32, 1.1, 1.2, 1.25, 1.3, 1.4, 1.5]
        .into_iter()
        .flat_map(|s| [(s, false), (s, true)])
    {
        let embs: Vec<_> = photos
            .iter()
            .zip(&dets)
            .map(|(p, d)| {
                d.as_ref()
                    .map(|d| embed_with_scale(models, &p.to_rgb8(), d, scale, anchor))
            })
            .collect();
        let (mut same, mut diff) = (Vec::new(), Vec::new());
        for i in 0..names.len() {
            for j in i + 1..names.len() {
                if let (Some(Ok(a)), Some(Ok(b))) = (&embs[i], &embs[j]) {
                    let dist = a.distance(b);
                    if person(names[i]) == person(names[j]) {
                        same.push(dist)
                    } else {
                        diff.push(dist)
                    }
                }
            }
        }
        let smax = same.iter().copied().fold(0.0, f32::max);
        let dmin = diff.iter().copied().fold(f32::INFINITY, f32::min);
        println!("scale {scale:.2} eyes {anchor}: same {same:.3?} diff {diff:.3?}  max same {smax:.3} min diff {dmin:.3} margin {:.3}", dmin - smax);
    }
}
