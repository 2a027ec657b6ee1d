//! `kyra checks face <a> <b>` and `kyra checks liveness <frame>…`: the face engine on local
//! images, without a server or database — for evaluating the models on one's own pictures and
//! for investigating a case. The models come from the same place `kyra serve` loads them
//! (`checks.face_models`, else `models/face` of the checkout or release).
//!
//! Exit status 0 whenever the engine ran, whatever the verdict; 2 for an unreadable image.

use std::path::{Path, PathBuf};

use clap::Args;
use image::DynamicImage;
use kyra_checks::face::{prominent, Challenge, Face, FaceEngine, FaceMatch};
use kyra_checks::file::{inspect, FileLimits};
use serde_json::{json, Value};

use super::BadInput;
use crate::config::Config;

#[derive(Debug, Args)]
pub struct FaceArgs {
    /// The reference picture (a document portrait or a first selfie).
    #[arg(value_name = "IMAGE_A")]
    pub a: PathBuf,
    /// The picture compared with it.
    #[arg(value_name = "IMAGE_B")]
    pub b: PathBuf,
    /// Similarity at or above which the faces match [default: 0.5, the flows' default].
    #[arg(long, value_name = "SCORE")]
    pub threshold: Option<f64>,
    /// One JSON object: `{a, b, score, match, threshold}`.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct LivenessArgs {
    /// Frames in capture order (one image: the passive verdict only).
    #[arg(required = true, value_name = "IMAGE")]
    pub frames: Vec<PathBuf>,
    /// The movement the frames should show: turn_left, turn_right, move_closer, look_up.
    #[arg(long, value_parser = parse_challenge)]
    pub challenge: Option<Challenge>,
    /// One JSON object: `{frames, passive, challenge}`.
    #[arg(long)]
    pub json: bool,
}

fn parse_challenge(s: &str) -> Result<Challenge, String> {
    Challenge::parse(s)
        .ok_or_else(|| "expected turn_left, turn_right, move_closer or look_up".to_owned())
}

fn engine(config: &Config) -> anyhow::Result<FaceEngine> {
    let dir = crate::faces::model_dir(config.checks.face_models.as_deref())
        .ok_or(crate::faces::ModelsError::NotFound)?;
    Ok(crate::faces::load(&dir)?)
}

/// Reads and safely decodes an image (upright, as uploads are); unreadable input is `BadInput`.
fn read_image(path: &Path) -> anyhow::Result<DynamicImage> {
    let bytes = std::fs::read(path)
        .map_err(|e| BadInput(format!("cannot read {}: {e}", path.display())))?;
    let limits = FileLimits::default();
    let safe = inspect(&bytes, &limits)
        .map_err(|e| BadInput(format!("{}: not a usable image: {e}", path.display())))?;
    Ok(safe.image)
}

fn describe(faces: &[Face]) -> Value {
    json!({
        "faces": faces.len(),
        "box": faces.first().map(|f| f.detection.bbox),
    })
}

pub fn face(args: FaceArgs, config: &Config) -> anyhow::Result<()> {
    let (a, b) = (read_image(&args.a)?, read_image(&args.b)?);
    let engine = engine(config)?;
    let fa = prominent(engine.faces(&a)?);
    let fb = prominent(engine.faces(&b)?);
    let threshold = args
        .threshold
        .unwrap_or(crate::flow::FaceMatchRules::default().threshold);
    let compared: Option<FaceMatch> = match (fa.first(), fb.first()) {
        (Some(x), Some(y)) => Some(engine.compare_embeddings(&x.embedding, &y.embedding)),
        _ => None,
    };
    let score = compared.map(|m| f64::from(m.similarity));
    let matched = score.is_some_and(|s| s >= threshold);
    if args.json {
        let out = json!({
            "a": describe(&fa),
            "b": describe(&fb),
            "score": score,
            "distance": compared.map(|m| m.distance),
            "match": matched,
            "threshold": threshold,
        });
        println!("{out}");
    } else {
        for (path, faces) in [(&args.a, &fa), (&args.b, &fb)] {
            println!("{}: {} face(s)", path.display(), faces.len());
        }
        match (score, compared) {
            (Some(s), Some(m)) => println!(
                "similarity {s:.3} (distance {:.3}), threshold {threshold}: {}",
                m.distance,
                if matched { "match" } else { "no match" }
            ),
            _ => println!("no face to compare: no match"),
        }
    }
    Ok(())
}

pub fn liveness(args: LivenessArgs, config: &Config) -> anyhow::Result<()> {
    let frames = args
        .frames
        .iter()
        .map(|p| read_image(p))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let engine = engine(config)?;
    let first = prominent(engine.faces(&frames[0])?);
    let passive = passive(&engine, &frames[0], first.first());
    let challenge = match args.challenge {
        Some(c) if frames.len() > 1 => {
            let verdict = engine.liveness(&frames, c, None)?;
            Some(json!({
                "name": c.as_str(),
                "passed": verdict.passed,
                "measured": verdict.motion,
                "failures": verdict.failures,
            }))
        }
        _ => None,
    };
    let out = json!({
        "frames": frames.len(),
        "faces": describe(&first),
        "passive": passive,
        "challenge": challenge,
    });
    if args.json {
        println!("{out}");
    } else {
        println!("{}", serde_json::to_string_pretty(&out)?);
    }
    Ok(())
}

/// The passive (single-picture) verdict of the first frame's face; `null` without a face.
fn passive(engine: &FaceEngine, image: &DynamicImage, face: Option<&Face>) -> Value {
    face.map_or(Value::Null, |f| {
        serde_json::to_value(engine.passive(image, &f.detection)).unwrap_or(Value::Null)
    })
}
