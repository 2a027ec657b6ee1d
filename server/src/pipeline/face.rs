//! The face checks — `selfie`, `face_match`, `liveness` — and the face half of `duplicates`,
//! on the engine of `kyra_checks::face` (models from [`crate::faces`]).
//!
//! What only the server knows is checked here: which upload is the selfie and which the document
//! portrait, that a capture's frames answer one challenge of this attempt within its time window
//! and in the order they were filmed, that no frame was uploaded before (a replay), and the
//! flow's face-match cut-offs. Inference runs on Tokio's blocking pool.
//!
//! Check details are evidence for the console and the API: face boxes, detection and match
//! scores, the challenge and the measured motion — never a descriptor (biometric data stays in
//! the sealed `face_embeddings` row).

use image::DynamicImage;
use kyra_checks::face::{prominent, Challenge, Embedding, Face, FaceEngine, LivenessFailure};
use serde_json::{json, Value};

use super::Found;
use crate::context::Context;
use crate::flow::{FaceMatchVerdict, FlowConfig, IDENTITY_DOCUMENTS};
use crate::liveness::{ChallengeKind, FRAME_DOCUMENT_TYPE, MIN_FRAMES};
use crate::store::{face_binding, now_ms, DocumentRecord, DuplicateUse, VerificationRecord};

/// Descriptor distance under which two applicants' selfies are taken for the same face. Stricter
/// than the face match's 0.6: a selfie is compared with every other applicant of the tenant, so
/// the false-match rate per comparison must be far lower than for one portrait/selfie pair.
pub const DUPLICATE_DISTANCE: f32 = 0.5;

/// Why a face check could not run (becomes `CHECK_ERROR`).
type Failed = Found;

/// The latest selfie of the attempt.
fn latest_selfie(documents: &[DocumentRecord]) -> Option<&DocumentRecord> {
    documents.iter().rev().find(|d| d.document_type == "selfie")
}

/// The latest upload of the identity document's front (or of an unsided document).
fn portrait_side(documents: &[DocumentRecord]) -> Option<&DocumentRecord> {
    documents.iter().rev().find(|d| {
        IDENTITY_DOCUMENTS.contains(&d.document_type.as_str())
            && matches!(d.side.as_deref(), None | Some("front"))
    })
}

async fn documents(state: &Context, v: &VerificationRecord) -> Result<Vec<DocumentRecord>, Failed> {
    state
        .store
        .documents_of_attempt(&v.id, v.attempt)
        .await
        .map_err(Found::error)
}

async fn engine(state: &Context) -> Result<&FaceEngine, Failed> {
    state.faces.engine().await.map_err(Found::error)
}

/// Reads and decodes stored uploads (sanitised JPEGs written by the upload path).
async fn images(
    state: &Context,
    v: &VerificationRecord,
    docs: &[&DocumentRecord],
) -> Result<Vec<DynamicImage>, Failed> {
    let mut bytes = Vec::with_capacity(docs.len());
    for doc in docs {
        bytes.push(
            state
                .files
                .get(&state.sealer, &v.id, &doc.id)
                .await
                .map_err(Found::error)?,
        );
    }
    blocking(move || {
        bytes
            .iter()
            .map(|b| image::load_from_memory(b).map_err(|e| format!("a stored image: {e}")))
            .collect::<Result<Vec<_>, _>>()
    })
    .await?
    .map_err(Found::error)
}

/// Runs CPU-bound work off the async workers.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Failed> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(Found::error)
}

/// The prominent faces of an image, with descriptors.
async fn faces_of(engine: &FaceEngine, image: DynamicImage) -> Result<Vec<Face>, Failed> {
    let engine = engine.clone();
    blocking(move || engine.faces(&image))
        .await?
        .map(prominent)
        .map_err(Found::error)
}

fn face_json(face: &Face) -> Value {
    json!({ "box": face.detection.bbox, "score": face.detection.score })
}

/// The selfie's single face with its evidence and the decoded picture, or the check result that
/// says why there is none.
async fn selfie_face(
    state: &Context,
    v: &VerificationRecord,
    documents: &[DocumentRecord],
    engine: &FaceEngine,
) -> Result<(Face, Value, DynamicImage), Found> {
    let Some(selfie) = latest_selfie(documents) else {
        return Err(Found::from_codes(
            vec!["SELFIE_MISSING".into()],
            None,
            json!({ "selfie": null }),
        ));
    };
    let image = images(state, v, &[selfie]).await?.remove(0);
    let mut faces = faces_of(engine, image.clone()).await?;
    let evidence = json!({
        "document_id": selfie.id,
        "faces": faces.iter().map(face_json).collect::<Vec<_>>(),
    });
    match faces.len() {
        1 => Ok((faces.remove(0), evidence, image)),
        0 => Err(Found::from_codes(
            vec!["NO_FACE_FOUND".into()],
            None,
            json!({ "selfie": evidence }),
        )),
        _ => Err(Found::from_codes(
            vec!["MULTIPLE_FACES".into()],
            None,
            json!({ "selfie": evidence }),
        )),
    }
}

/// `selfie`: the selfie shows exactly one face, and no sign of a screen or a print
/// (`POSSIBLE_SPOOF`, a flag for a person: the passive signals are not sure enough to decline).
pub(super) async fn selfie(state: &Context, v: &VerificationRecord) -> Found {
    let run = async {
        let documents = documents(state, v).await?;
        let engine = engine(state).await?;
        let (face, evidence, image) = selfie_face(state, v, &documents, engine).await?;
        let worker = engine.clone();
        let detection = face.detection.clone();
        let passive = blocking(move || worker.passive(&image, &detection)).await?;
        let codes = if passive.spoof {
            vec!["POSSIBLE_SPOOF".to_owned()]
        } else {
            Vec::new()
        };
        Ok::<_, Found>(Found::from_codes(
            codes,
            Some(f64::from(face.detection.score)),
            json!({ "selfie": evidence, "passive": passive }),
        ))
    };
    run.await.unwrap_or_else(|found| found)
}

/// `face_match`: the selfie's face against the largest face on the identity document's front.
pub(super) async fn face_match(
    state: &Context,
    v: &VerificationRecord,
    flow: &FlowConfig,
) -> Found {
    let run = async {
        let documents = documents(state, v).await?;
        let Some(front) = portrait_side(&documents) else {
            return Ok(Found::from_codes(
                vec!["DOCUMENT_MISSING".into()],
                None,
                json!({ "portrait": null }),
            ));
        };
        let engine = engine(state).await?;
        let image = images(state, v, &[front]).await?.remove(0);
        // The largest face is the portrait; a smaller ghost image may sit beside it.
        let portrait = faces_of(engine, image).await?.into_iter().next();
        let Some(portrait) = portrait else {
            return Ok(Found::from_codes(
                vec!["NO_FACE_FOUND".into()],
                None,
                json!({ "portrait": { "document_id": front.id, "faces": [] } }),
            ));
        };
        let (selfie, selfie_evidence, _) = selfie_face(state, v, &documents, engine).await?;
        let m = engine.compare_embeddings(&portrait.embedding, &selfie.embedding);
        let similarity = f64::from(m.similarity);
        let verdict = flow.face_match.judge(similarity);
        let codes = match verdict {
            FaceMatchVerdict::Match => Vec::new(),
            FaceMatchVerdict::Uncertain => vec!["FACE_MATCH_UNCERTAIN".to_owned()],
            FaceMatchVerdict::NoMatch => vec!["BAD_FACE_MATCHING".to_owned()],
        };
        Ok(Found::from_codes(
            codes,
            Some(similarity),
            json!({
                "portrait": { "document_id": front.id, "face": face_json(&portrait) },
                "selfie": selfie_evidence,
                "distance": m.distance,
                "similarity": m.similarity,
                "threshold": flow.face_match.threshold,
                "review_band": flow.face_match.review_band,
            }),
        ))
    };
    run.await.unwrap_or_else(|found| found)
}

/// Why a capture's frames are not evidence of a live capture of this attempt.
fn refused(why: &str, details: Value) -> Found {
    let mut details = details;
    details["refused"] = json!(why);
    Found::from_codes(vec!["LIVENESS_FAILED".into()], None, details)
}

/// `liveness`: the frames of the attempt's last capture show one live person — the selfie's —
/// making the movement the challenge asked for.
pub(super) async fn liveness(state: &Context, v: &VerificationRecord) -> Found {
    let run = async {
        let documents = documents(state, v).await?;
        // The last capture: the frames of the challenge answered last.
        let Some(challenge_id) = documents
            .iter()
            .rev()
            .find(|d| d.document_type == FRAME_DOCUMENT_TYPE)
            .and_then(|d| d.frame.as_ref())
            .map(|f| f.challenge_id.clone())
        else {
            // An uploaded selfie where the flow allows it: nothing shows a live person.
            return Ok(Found::error(
                "no live capture: the selfie was uploaded as a photo, so a person decides",
            ));
        };
        let mut frames: Vec<&DocumentRecord> = documents
            .iter()
            .filter(|d| {
                d.document_type == FRAME_DOCUMENT_TYPE
                    && d.frame
                        .as_ref()
                        .is_some_and(|f| f.challenge_id == challenge_id)
            })
            .collect();
        frames.sort_by_key(|d| d.frame.as_ref().map_or(0, |f| f.index));
        let challenge = state
            .store
            .challenge(&challenge_id)
            .await
            .map_err(Found::error)?;
        let mut details = json!({ "challenge_id": challenge_id, "frames": frames.len() });
        let Some(challenge) = challenge else {
            return Ok(refused("unknown_challenge", details));
        };
        details["challenge"] = json!(challenge.kind.as_str());
        if challenge.verification_id != v.id || challenge.attempt != v.attempt {
            return Ok(refused("not_this_attempt", details));
        }
        let captured_at = frames.first().map_or(0, |d| d.created_at);
        let in_window = challenge.used_at.is_some()
            && frames.iter().all(|d| {
                d.created_at >= challenge.created_at && d.created_at < challenge.expires_at
            });
        if !in_window {
            return Ok(refused("outside_time_window", details));
        }
        let in_order = frames
            .iter()
            .enumerate()
            .all(|(i, d)| d.frame.as_ref().is_some_and(|f| f.index == i as i64));
        if !in_order || frames.len() < MIN_FRAMES {
            return Ok(refused("incomplete_capture", details));
        }
        let hashes: Vec<String> = frames.iter().map(|d| d.sha256.clone()).collect();
        let mut distinct = hashes.clone();
        distinct.sort();
        distinct.dedup();
        if distinct.len() != hashes.len() {
            return Ok(refused("repeated_frames", details));
        }
        let replayed = state
            .store
            .earlier_copies(v, &hashes, captured_at)
            .await
            .map_err(Found::error)?;
        if replayed > 0 {
            details["replayed_frames"] = json!(replayed);
            return Ok(refused("replayed_frames", details));
        }

        let engine = engine(state).await?;
        let reference = match selfie_face(state, v, &documents, engine).await {
            Ok((face, ..)) => Some(face.embedding),
            // The selfie check reports a selfie without a usable face.
            Err(_) => None,
        };
        let images = images(state, v, &frames).await?;
        let kind = to_engine(challenge.kind);
        let worker = engine.clone();
        let verdict = blocking(move || worker.liveness(&images, kind, reference.as_ref()))
            .await?
            .map_err(Found::error)?;
        let mut codes = Vec::new();
        if verdict
            .failures
            .iter()
            .any(|f| matches!(f, LivenessFailure::MultipleFaces { .. }))
        {
            codes.push("MULTIPLE_FACES".to_owned());
        }
        if !verdict.passed {
            codes.push("LIVENESS_FAILED".to_owned());
        }
        details["verdict"] = serde_json::to_value(&verdict).unwrap_or(Value::Null);
        let score = verdict
            .motion
            .as_ref()
            .filter(|m| m.required > 0.0 && m.measured.is_finite())
            .map(|m| f64::from((m.measured / m.required).clamp(0.0, 1.0)));
        Ok(Found::from_codes(codes, score, details))
    };
    run.await.unwrap_or_else(|found| found)
}

fn to_engine(kind: ChallengeKind) -> Challenge {
    match kind {
        ChallengeKind::TurnLeft => Challenge::TurnLeft,
        ChallengeKind::TurnRight => Challenge::TurnRight,
        ChallengeKind::MoveCloser => Challenge::MoveCloser,
        ChallengeKind::LookUp => Challenge::LookUp,
    }
}

/// The face half of `duplicates`: stores this attempt's selfie descriptor (sealed) and finds the
/// tenant's other applicants with the same face. `Ok(None)` when there is no usable selfie (the
/// selfie check says why).
pub(super) async fn duplicate_faces(
    state: &Context,
    v: &VerificationRecord,
    documents: &[DocumentRecord],
) -> Result<Option<Vec<DuplicateUse>>, Found> {
    let engine = engine(state).await?;
    let Ok((face, ..)) = selfie_face(state, v, documents, engine).await else {
        return Ok(None);
    };
    let plain = serde_json::to_vec(&face.embedding).map_err(Found::error)?;
    let sealed = state.sealer.seal(&plain, &face_binding(&v.id));
    state
        .store
        .save_face_embedding(v, &sealed, now_ms())
        .await
        .map_err(Found::error)?;
    let others = state
        .store
        .faces_of_other_applicants(v)
        .await
        .map_err(Found::error)?;
    let mut found = Vec::new();
    for (other, sealed) in others {
        let Ok(plain) = state.sealer.open(&sealed, &face_binding(&other)) else {
            tracing::warn!(verification = %other, "a stored face descriptor does not open; skipped");
            continue;
        };
        let Ok(embedding) = serde_json::from_slice::<Embedding>(&plain) else {
            continue;
        };
        if embedding.distance(&face.embedding) < DUPLICATE_DISTANCE
            && !found
                .iter()
                .any(|d: &DuplicateUse| d.verification_id == other)
        {
            found.push(DuplicateUse {
                verification_id: other,
                matched_on: "face",
            });
        }
    }
    Ok(Some(found))
}
