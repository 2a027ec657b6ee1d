//! Face engine on real photos (checks/testdata/faces, from the MIT `face_recognition` package) and
//! images generated from them. Models come from models/face/ and are checksum-verified; a missing
//! or altered model fails these tests, it never skips them.

mod face_common;

use std::sync::OnceLock;

use face_common::*;
use image::{DynamicImage, Rgb, RgbImage};
use kyra_checks::face::{Challenge, FaceEngine, FaceError, LivenessFailure};

fn shared() -> &'static FaceEngine {
    static ENGINE: OnceLock<FaceEngine> = OnceLock::new();
    ENGINE.get_or_init(engine)
}

#[test]
fn an_altered_or_missing_model_is_refused_by_name() {
    let dir = std::env::temp_dir().join(format!("kyra-face-models-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    for f in ["SHA256SUMS", "blazeface.onnx", "facemesh.onnx"] {
        std::fs::copy(model_dir().join(f), dir.join(f)).expect("copy model");
    }
    let err = load_dir(&dir).err().unwrap_or_default();
    assert!(
        err.contains("faceapi_recognition.onnx") && err.contains("missing"),
        "{err}"
    );
    std::fs::write(dir.join("faceapi_recognition.onnx"), b"not a model").expect("write");
    let err = load_dir(&dir).err().unwrap_or_default();
    assert!(
        err.contains("faceapi_recognition.onnx") && err.contains("altered"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
    // Bytes that are not ONNX are a typed error naming the model, not a panic.
    let good = std::fs::read(model_dir().join("facemesh.onnx")).expect("read");
    let err = kyra_checks::face::FaceModels::from_bytes(b"junk", &good, &good).err();
    assert!(
        matches!(
            err,
            Some(FaceError::Model {
                model: "blazeface.onnx",
                ..
            })
        ),
        "{err:?}"
    );
}

#[test]
fn one_face_with_a_plausible_box_in_each_portrait() {
    for name in OBAMA.iter().chain([&BIDEN]) {
        let img = photo(name);
        let faces = shared().detect(&img).expect("detect");
        assert_eq!(faces.len(), 1, "{name}: {faces:?}");
        let f = &faces[0];
        let [x, y, w, h] = f.bbox;
        let (iw, ih) = (img.width() as f32, img.height() as f32);
        assert!(f.score > 0.6, "{name}: {f:?}");
        assert!(x >= -0.05 * iw && y >= -0.05 * ih && x + w <= 1.05 * iw && y + h <= 1.05 * ih);
        // A portrait's face is between 10 % and 90 % of the image width, roughly square, and its
        // eyes sit inside the box, above the mouth.
        assert!(
            w > 0.1 * iw && w < 0.9 * iw && (0.6..1.6).contains(&(h / w)),
            "{name}: {f:?}"
        );
        let (l, r) = f.eyes().expect("eyes");
        let mouth = f.keypoints[3];
        for p in [l, r, mouth] {
            assert!(
                p.x > x && p.x < x + w && p.y > y && p.y < y + h,
                "{name}: {f:?}"
            );
        }
        assert!(l.y < mouth.y && r.y < mouth.y, "{name}: {f:?}");
    }
}

#[test]
fn same_person_matches_and_different_people_do_not() {
    let e = shared();
    let faces: Vec<_> = OBAMA
        .iter()
        .map(|n| e.single_face(&photo(n)).expect("one face"))
        .collect();
    let biden = e.single_face(&photo(BIDEN)).expect("one face");
    for i in 0..faces.len() {
        for j in i + 1..faces.len() {
            let m = e.compare_embeddings(&faces[i].embedding, &faces[j].embedding);
            assert!(
                m.is_match && m.distance < 0.6 && m.similarity > 0.5,
                "{i}-{j}: {m:?}"
            );
        }
        let m = e.compare_embeddings(&faces[i].embedding, &biden.embedding);
        assert!(
            !m.is_match && m.distance > 0.6 && m.similarity < 0.5,
            "{i}-biden: {m:?}"
        );
    }
    // The whole-image API agrees, and its result serialises for check details.
    let c = e.compare(&photo(OBAMA[0]), &photo(BIDEN)).expect("compare");
    assert!(!c.face_match.is_match);
    let json = serde_json::to_value(&c).expect("json");
    assert!(
        json["a"]["box"].is_array() && json["match"]["similarity"].is_number(),
        "{json}"
    );
}

#[test]
fn a_mirrored_portrait_is_still_the_same_person() {
    let e = shared();
    let a = e.single_face(&photo(OBAMA[0])).expect("face");
    let b = e.single_face(&photo(OBAMA[0]).fliph()).expect("face");
    assert!(e.compare_embeddings(&a.embedding, &b.embedding).is_match);
}

#[test]
fn blank_and_textured_images_have_no_face() {
    let blank = DynamicImage::ImageRgb8(RgbImage::from_pixel(640, 480, Rgb([200, 200, 200])));
    let texture = DynamicImage::ImageRgb8(RgbImage::from_fn(640, 480, |x, y| {
        let v = ((x * 7 + y * 13) ^ (x * y)) % 256;
        Rgb([v as u8, (v * 3 % 256) as u8, ((x + y) % 256) as u8])
    }));
    for img in [blank, texture] {
        assert_eq!(shared().detect(&img).expect("detect").len(), 0);
        assert!(matches!(
            shared().single_face(&img),
            Err(FaceError::FaceCount { found: 0 })
        ));
    }
    let empty = DynamicImage::ImageRgb8(RgbImage::new(0, 0));
    assert!(matches!(
        shared().detect(&empty),
        Err(FaceError::EmptyImage)
    ));
}

#[test]
fn two_portraits_side_by_side_are_two_faces() {
    let img = side_by_side(&photo(OBAMA[0]), &photo(BIDEN));
    let faces = shared().detect(&img).expect("detect");
    assert_eq!(faces.len(), 2, "{faces:?}");
    let split = photo(OBAMA[0]).width() as f32;
    let mut centres: Vec<f32> = faces.iter().map(|f| f.center().x).collect();
    centres.sort_by(f32::total_cmp);
    assert!(centres[0] < split && centres[1] > split, "{centres:?}");
    assert!(matches!(
        shared().single_face(&img),
        Err(FaceError::FaceCount { found: 2 })
    ));
}

#[test]
fn any_aspect_ratio_maps_boxes_back_to_the_image() {
    // The same face on a much wider canvas: the box moves with the face.
    let img = photo(OBAMA[0]);
    let mut wide = RgbImage::from_pixel(img.width() * 2, img.height(), Rgb([90, 90, 90]));
    image::imageops::replace(&mut wide, &img.to_rgb8(), i64::from(img.width() / 2), 0);
    let a = shared().detect(&img).expect("detect");
    let b = shared()
        .detect(&DynamicImage::ImageRgb8(wide))
        .expect("detect");
    assert_eq!((a.len(), b.len()), (1, 1));
    let dx = b[0].center().x - a[0].center().x - img.width() as f32 / 2.0;
    let dy = b[0].center().y - a[0].center().y;
    assert!(
        dx.abs() < 0.1 * a[0].bbox[2] && dy.abs() < 0.1 * a[0].bbox[3],
        "{a:?} {b:?}"
    );
}

/// Frames for the liveness tests: `obama.jpg` at webcam size, and its face centre.
fn webcam(name: &str) -> (DynamicImage, (f32, f32)) {
    let img = photo(name).resize(480, 600, image::imageops::FilterType::Triangle);
    let d = shared().detect(&img).expect("detect");
    let c = d[0].center();
    (img, (c.x, c.y))
}

#[test]
fn moving_closer_passes_move_closer_only() {
    let (img, c) = webcam(OBAMA[0]);
    let frames = closer_frames(&img, c, 8, 0.7);
    let v = shared()
        .liveness(&frames, Challenge::MoveCloser, None)
        .expect("liveness");
    assert!(v.passed, "{v:?}");
    let motion = v.motion.as_ref().expect("motion");
    assert!(motion.size_ratio > 1.3, "{motion:?}");
    // Played backwards (moving away), or judged as another challenge, it fails.
    let mut reversed = frames.clone();
    reversed.reverse();
    let v = shared()
        .liveness(&reversed, Challenge::MoveCloser, None)
        .expect("liveness");
    assert!(
        !v.passed && v.failures == [LivenessFailure::InsufficientMotion],
        "{v:?}"
    );
    let v = shared()
        .liveness(&frames, Challenge::TurnLeft, None)
        .expect("liveness");
    assert!(!v.passed, "{v:?}");
    // The verdict serialises without descriptors (no biometric data in check details).
    let json = serde_json::to_string(&v).expect("json");
    assert!(
        json.contains("\"challenge\":\"turn_left\"") && !json.contains("embedding"),
        "{json}"
    );
}

#[test]
fn head_turn_direction_flips_with_a_mirrored_sequence() {
    // The photos' head poses differ; the frontal-most to the most turned is a turn one way.
    let e = shared();
    let poses: Vec<(String, f32)> = OBAMA
        .iter()
        .map(|n| {
            let m = e.measure_frame(&photo(n)).expect("measure");
            (n.to_string(), m.pose.expect("pose").yaw)
        })
        .collect();
    let start = poses
        .iter()
        .min_by(|a, b| a.1.abs().total_cmp(&b.1.abs()))
        .expect("photos");
    let end = poses
        .iter()
        .max_by(|a, b| a.1.abs().total_cmp(&b.1.abs()))
        .expect("photos");
    assert!(
        (end.1 - start.1).abs() >= 0.1,
        "photos too similar in yaw: {poses:?}"
    );
    let frames = vec![photo(&start.0), photo(&end.0)];
    let mirrored: Vec<DynamicImage> = frames.iter().map(DynamicImage::fliph).collect();
    let (dir, opposite) = if end.1 > start.1 {
        (Challenge::TurnLeft, Challenge::TurnRight)
    } else {
        (Challenge::TurnRight, Challenge::TurnLeft)
    };
    let ok = |f: &[DynamicImage], c| e.liveness(f, c, None).expect("liveness").passed;
    assert!(ok(&frames, dir), "{poses:?}");
    assert!(!ok(&frames, opposite), "{poses:?}");
    assert!(ok(&mirrored, opposite), "{poses:?}");
    assert!(!ok(&mirrored, dir), "{poses:?}");
    // Every single photo's yaw flips sign when mirrored.
    for n in OBAMA {
        let a = e
            .measure_frame(&photo(n))
            .expect("m")
            .pose
            .expect("pose")
            .yaw;
        let b = e
            .measure_frame(&photo(n).fliph())
            .expect("m")
            .pose
            .expect("pose")
            .yaw;
        assert!((a + b).abs() < 0.05, "{n}: {a} vs mirrored {b}");
    }
}

#[test]
fn another_person_in_the_frames_fails() {
    let (img, c) = webcam(OBAMA[0]);
    let mut frames = closer_frames(&img, c, 8, 0.7);
    let (biden, bc) = webcam(BIDEN);
    frames[5] = closer_frames(&biden, bc, 8, 0.7).swap_remove(5);
    let v = shared()
        .liveness(&frames, Challenge::MoveCloser, None)
        .expect("liveness");
    assert!(!v.passed);
    assert!(
        v.failures
            .iter()
            .any(|f| matches!(f, LivenessFailure::DifferentPerson { frame: 5, .. })),
        "{v:?}"
    );
    // And frames of the right motion by someone else than the selfie fail against the selfie.
    let selfie = shared().single_face(&photo(BIDEN)).expect("face");
    let frames = closer_frames(&img, c, 8, 0.7);
    let v = shared()
        .liveness(&frames, Challenge::MoveCloser, Some(&selfie.embedding))
        .expect("l");
    assert!(
        !v.passed && matches!(v.failures[0], LivenessFailure::NotReference { .. }),
        "{v:?}"
    );
    let own = shared().single_face(&photo(OBAMA[1])).expect("face");
    let v = shared()
        .liveness(&frames, Challenge::MoveCloser, Some(&own.embedding))
        .expect("l");
    assert!(v.passed, "{v:?}");
    assert!(shared().liveness(&[], Challenge::LookUp, None).is_err());
}

#[test]
fn heavy_jpeg_and_darker_light_still_match_the_same_person() {
    let e = shared();
    let degrade = |img: &DynamicImage| -> DynamicImage {
        let dark = image::imageops::colorops::brighten(&img.to_rgb8(), -50);
        let mut bytes = Vec::new();
        let mut enc = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 30);
        enc.encode_image(&DynamicImage::ImageRgb8(dark))
            .expect("encode");
        image::load_from_memory(&bytes).expect("decode")
    };
    let portrait = e.single_face(&photo(OBAMA[0])).expect("face");
    let same = e.single_face(&degrade(&photo(OBAMA[1]))).expect("face");
    let other = e.single_face(&degrade(&photo(BIDEN))).expect("face");
    let m = e.compare_embeddings(&portrait.embedding, &same.embedding);
    assert!(m.is_match, "{m:?}");
    let m = e.compare_embeddings(&portrait.embedding, &other.embedding);
    assert!(!m.is_match, "{m:?}");
}
