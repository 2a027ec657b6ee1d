//! The applicant's selfie and active liveness capture, from the journey page:
//!
//! - `POST /v/{id}/liveness/challenge?token=…` issues a single-use challenge (the movement to
//!   make), chosen at random by the server;
//! - `POST /v/{id}/liveness?token=…[&lang=…]` takes the selfie and the burst of frames filmed
//!   while the applicant made it (multipart: `challenge`, one `selfie`, 6–10 `frame`s).
//!
//! Authenticated by the client token like the page. Every image goes through the same safe path
//! as a document (`api::documents::check_file`: sniffed, decoded within limits, re-encoded
//! without metadata) and is stored sealed. Nothing is stored unless every frame passes and the
//! challenge is claimed, exactly once, while it is still fresh. Errors answer with a stable
//! `code` and a `message` in the applicant's language.

use axum::extract::{Multipart, Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use kyra_app::i18n::{self, LanguageRequest, Locale, PageArgs};
use kyra_checks::file::{sha256_hex, FileError, FileLimits};
use serde::Deserialize;
use serde_json::json;

use super::journey::{resolve, Resolved};
use crate::api::documents::check_file;
use crate::api::problem::ApiError;
use crate::api::verifications::persist_as;
use crate::ids::{ChallengeId, DocumentId};
use crate::lifecycle;
use crate::liveness::{self, ChallengeProblem, FRAME_DOCUMENT_TYPE, MAX_FRAMES, MIN_FRAMES};
use crate::state::AppState;
use crate::store::{now_ms, AlsoWrite, FrameOf, NewDocument, VerificationRecord};
use crate::verification::JourneyStep;

#[derive(Deserialize)]
pub struct ApplicantQuery {
    #[serde(default)]
    token: String,
    lang: Option<String>,
}

/// The body limit of the capture route: a selfie and up to [`MAX_FRAMES`] frames of a phone
/// camera fit easily in twice the single-file limit; each file is also held to that limit.
pub fn body_limit(config: &crate::config::Config) -> usize {
    config.upload_limit_bytes * 2 + 64 * 1024
}

/// The verification behind a link that may take a face capture now, and the applicant's locale;
/// or the answer that refuses it.
struct Applicant {
    record: VerificationRecord,
    locale: &'static Locale,
    allow_upload: bool,
    limit: usize,
}

impl Applicant {
    fn refuse(&self, status: StatusCode, code: &str, message_id: &str) -> Response {
        let args = PageArgs {
            megabytes: Some(u32::try_from((self.limit / (1024 * 1024)).max(1)).unwrap_or(u32::MAX)),
            ..PageArgs::default()
        };
        let message = i18n::message(self.locale, message_id, &args).unwrap_or_default();
        (status, Json(json!({"code": code, "message": message}))).into_response()
    }
}

async fn applicant(
    state: &AppState,
    id: &str,
    query: &ApplicantQuery,
    headers: &HeaderMap,
) -> Result<Applicant, Response> {
    let not_found = || (StatusCode::NOT_FOUND, Json(json!({"code": "not_found"}))).into_response();
    let record = match resolve(state, id, &query.token).await {
        Ok(Resolved::Usable(record)) if record.status.accepts_applicant() => *record,
        Ok(_) => return Err(not_found()),
        Err(err) => {
            tracing::error!("liveness: {err}");
            return Err(StatusCode::SERVICE_UNAVAILABLE.into_response());
        }
    };
    let language = LanguageRequest {
        query: query.lang.clone().filter(|l| !l.is_empty()),
        accept_language: headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map(|s| s.chars().take(256).collect()),
    };
    let flow = match state
        .store
        .flow_at(&record.flow_id, record.flow_version)
        .await
    {
        Ok(flow) => flow,
        Err(err) => {
            tracing::error!("liveness: {err}");
            return Err(StatusCode::SERVICE_UNAVAILABLE.into_response());
        }
    };
    let locale = language.negotiate(
        record.locale.as_deref(),
        flow.as_ref().map(|f| f.config.default_locale.as_str()),
    );
    let applicant = Applicant {
        allow_upload: flow.is_some_and(|f| f.config.liveness.allow_upload),
        limit: state.config.upload_limit_bytes,
        locale,
        record,
    };
    // A face is taken once a document was chosen, and only when the checks need one.
    let expected = matches!(applicant.record.step, JourneyStep::Upload(_))
        && liveness::needs_face(&applicant.record.requested_checks);
    if !expected {
        return Err(applicant.refuse(StatusCode::CONFLICT, "not_expected", "camera-retry"));
    }
    Ok(applicant)
}

/// `POST /v/{id}/liveness/challenge`: a fresh challenge for the current attempt.
pub async fn challenge(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<ApplicantQuery>,
    headers: HeaderMap,
) -> Response {
    let applicant = match applicant(&state, &id, &query, &headers).await {
        Ok(a) => a,
        Err(response) => return response,
    };
    match liveness::issue(&state.store, &applicant.record).await {
        Ok(None) => applicant.refuse(
            StatusCode::TOO_MANY_REQUESTS,
            "too_many_challenges",
            "camera-retry",
        ),
        Ok(Some(challenge)) => (
            StatusCode::CREATED,
            Json(json!({
                "id": challenge.id,
                "kind": challenge.kind.as_str(),
                "expires_in_ms": challenge.expires_at - challenge.created_at,
            })),
        )
            .into_response(),
        Err(err) => {
            tracing::error!("liveness challenge: {err}");
            applicant.refuse(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "camera-retry",
            )
        }
    }
}

/// The capture's form as read, before any check.
#[derive(Default)]
struct CaptureForm {
    challenge: Option<String>,
    selfie: Option<Vec<u8>>,
    frames: Vec<Vec<u8>>,
}

/// Why a capture's form cannot be read.
#[derive(Debug, thiserror::Error)]
enum FormError {
    #[error("the multipart body is malformed")]
    Malformed,
    #[error("a file is larger than {0} bytes")]
    TooLarge(usize),
    #[error("more than {MAX_FRAMES} frames")]
    TooManyFrames,
}

async fn read_capture(mut multipart: Multipart, limit: usize) -> Result<CaptureForm, FormError> {
    let mut form = CaptureForm::default();
    while let Some(mut field) = multipart.next_field().await.map_err(|e| match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => FormError::TooLarge(limit),
        _ => FormError::Malformed,
    })? {
        let name = field.name().unwrap_or_default().to_owned();
        match name.as_str() {
            "challenge" => {
                let text = field.text().await.map_err(|_| FormError::Malformed)?;
                if text.len() > 64 {
                    return Err(FormError::Malformed);
                }
                form.challenge = Some(text.trim().to_owned());
            }
            "selfie" | "frame" => {
                if name == "frame" && form.frames.len() == MAX_FRAMES {
                    // Refused before reading it: a client sending more is not the journey page.
                    return Err(FormError::TooManyFrames);
                }
                if name == "selfie" && form.selfie.is_some() {
                    return Err(FormError::Malformed);
                }
                let mut bytes = Vec::new();
                while let Some(chunk) = field.chunk().await.map_err(|e| match e.status() {
                    StatusCode::PAYLOAD_TOO_LARGE => FormError::TooLarge(limit),
                    _ => FormError::Malformed,
                })? {
                    if bytes.len() + chunk.len() > limit {
                        return Err(FormError::TooLarge(limit));
                    }
                    bytes.extend_from_slice(&chunk);
                }
                if name == "selfie" {
                    form.selfie = Some(bytes);
                } else {
                    form.frames.push(bytes);
                }
            }
            _ => return Err(FormError::Malformed),
        }
    }
    Ok(form)
}

/// `POST /v/{id}/liveness`: the selfie and the frames of one answered challenge.
pub async fn capture(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<ApplicantQuery>,
    headers: HeaderMap,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let applicant = match applicant(&state, &id, &query, &headers).await {
        Ok(a) => a,
        Err(response) => {
            super::drain::drain(multipart).await;
            return response;
        }
    };
    let refuse = |status, code, message| applicant.refuse(status, code, message);
    let Ok(multipart) = multipart else {
        return refuse(StatusCode::BAD_REQUEST, "malformed", "camera-retry");
    };
    let form = match read_capture(multipart, applicant.limit).await {
        Ok(form) => form,
        Err(FormError::TooManyFrames) => {
            return refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                "too_many_frames",
                "camera-retry",
            )
        }
        Err(FormError::TooLarge(_)) => {
            return refuse(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                "upload-too-large",
            )
        }
        Err(FormError::Malformed) => {
            return refuse(StatusCode::BAD_REQUEST, "malformed", "camera-retry")
        }
    };
    let Some(selfie) = form.selfie else {
        return refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            "selfie_missing",
            "camera-retry",
        );
    };
    let record = &applicant.record;
    // The live capture answers a challenge; a plain selfie photo only where the flow allows it.
    let challenge = match form.challenge.as_deref() {
        None | Some("") if applicant.allow_upload && form.frames.is_empty() => None,
        given => {
            let known = match given.and_then(ChallengeId::parse) {
                Some(id) => match state.store.challenge(&id).await {
                    Ok(found) => found,
                    Err(err) => {
                        tracing::error!("liveness: {err}");
                        return StatusCode::SERVICE_UNAVAILABLE.into_response();
                    }
                },
                None => None,
            };
            if let Err(problem) = liveness::usable(known.as_ref(), record, now_ms()) {
                return refuse_challenge(problem, &refuse);
            }
            known
        }
    };
    if challenge.is_some() && form.frames.len() < MIN_FRAMES {
        return refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            "too_few_frames",
            "camera-retry",
        );
    }

    let limits = FileLimits {
        max_bytes: applicant.limit as u64,
        ..FileLimits::default()
    };
    let now = now_ms();
    let mut documents = Vec::with_capacity(1 + form.frames.len());
    let mut stored = Vec::with_capacity(1 + form.frames.len());
    let files = std::iter::once(("selfie", selfie)).chain(
        form.frames
            .into_iter()
            .map(|frame| (FRAME_DOCUMENT_TYPE, frame)),
    );
    for (position, (document_type, bytes)) in files.enumerate() {
        let checked = match check_file(&bytes, &limits) {
            // A face is a photo: a PDF or an unreadable HEIC is no frame of a camera.
            Ok(checked) if checked.width.is_some() => checked,
            Ok(_) => {
                return refuse(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    "unsupported_type",
                    "upload-wrong-type",
                )
            }
            Err(err) => return refuse_file(&err, &refuse),
        };
        let doc = NewDocument {
            id: DocumentId::generate(),
            document_type: document_type.to_owned(),
            side: None,
            issuing_country: None,
            format: checked.format,
            sha256: sha256_hex(&bytes),
            size_bytes: bytes.len() as i64,
            width: checked.width,
            height: checked.height,
            created_at: now,
            // Position 0 is the selfie; frames count from 0 in the order they were sent.
            frame: challenge
                .as_ref()
                .filter(|_| document_type == FRAME_DOCUMENT_TYPE)
                .map(|c| FrameOf {
                    challenge_id: c.id.clone(),
                    index: position as i64 - 1,
                }),
        };
        stored.push((doc.id.clone(), checked.stored));
        documents.push(doc);
    }
    let change = match lifecycle::document_uploaded(record, now) {
        Ok(change) => change,
        Err(_) => return refuse(StatusCode::CONFLICT, "not_expected", "camera-retry"),
    };
    if let Some(challenge) = &challenge {
        match state.store.claim_challenge(&challenge.id, now).await {
            Ok(true) => {}
            // Claimed by a concurrent request, or expired while the frames were checked.
            Ok(false) => {
                let problem = match state.store.challenge(&challenge.id).await {
                    Ok(again) => liveness::usable(again.as_ref(), record, now)
                        .err()
                        .unwrap_or(ChallengeProblem::Used),
                    Err(_) => ChallengeProblem::Used,
                };
                return refuse_challenge(problem, &refuse);
            }
            Err(err) => {
                tracing::error!("liveness: {err}");
                return StatusCode::SERVICE_UNAVAILABLE.into_response();
            }
        }
    }
    let mut written = Vec::with_capacity(stored.len());
    for (doc_id, bytes) in &stored {
        if let Err(err) = state
            .files
            .put(&state.sealer, &record.id, doc_id, bytes)
            .await
        {
            tracing::error!("liveness: storing a frame: {err}");
            for done in &written {
                state.files.remove(&record.id, done).await;
            }
            return refuse(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "camera-retry",
            );
        }
        written.push(doc_id.clone());
    }
    let saved = persist_as(
        &state,
        "applicant",
        None,
        record,
        change,
        now,
        AlsoWrite::Documents(&documents),
    )
    .await;
    if let Err(err) = saved {
        // The index rows were not written: the stored files must not outlive the request.
        for done in &written {
            state.files.remove(&record.id, done).await;
        }
        return match err {
            ApiError::ConcurrentChange | ApiError::InvalidTransition(_) => {
                refuse(StatusCode::CONFLICT, "not_expected", "camera-retry")
            }
            other => {
                tracing::error!("liveness: {other}");
                refuse(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "camera-retry",
                )
            }
        };
    }
    (
        StatusCode::CREATED,
        Json(json!({
            "selfie": documents[0].format,
            "frames": documents.len() - 1,
            "challenge": challenge.map(|c| c.kind.as_str()),
        })),
    )
        .into_response()
}

fn refuse_challenge(
    problem: ChallengeProblem,
    refuse: &impl Fn(StatusCode, &'static str, &'static str) -> Response,
) -> Response {
    let (status, message) = match problem {
        ChallengeProblem::Unknown => (StatusCode::UNPROCESSABLE_ENTITY, "camera-retry"),
        ChallengeProblem::Expired => (StatusCode::GONE, "camera-retry"),
        ChallengeProblem::Used => (StatusCode::CONFLICT, "camera-retry"),
    };
    refuse(status, problem.code(), message)
}

fn refuse_file(
    err: &ApiError,
    refuse: &impl Fn(StatusCode, &'static str, &'static str) -> Response,
) -> Response {
    match err {
        ApiError::File(FileError::TooLarge { .. }) => refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            "upload-too-large",
        ),
        ApiError::File(FileError::Unsupported { .. }) => refuse(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_type",
            "upload-wrong-type",
        ),
        _ => refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            "damaged",
            "upload-damaged",
        ),
    }
}
