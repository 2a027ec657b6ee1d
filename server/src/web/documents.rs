//! `POST /v/{id}/documents?token=…[&lang=…]`: the applicant's upload of one side of the chosen
//! document, from the journey page.
//!
//! Authenticated by the client token like the page (no cookies: they are blocked in many iframes
//! and webviews). The document type and country are the ones the applicant chose on the server,
//! never taken from the form; the file goes through the same checks and storage as the tenant's
//! API upload (`api::documents::store_upload`), because the browser's own checks are a courtesy
//! that a client can skip. Errors answer with a stable `code` and a `message` in the applicant's
//! language, which the page shows as is.

use axum::extract::{Multipart, Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use kyra_app::i18n::{self, LanguageRequest, PageArgs};
use kyra_app::journey::sides_of;
use kyra_checks::file::FileError;
use serde::Deserialize;
use serde_json::json;

use super::journey::{resolve, Resolved};
use crate::api::documents::{read_form, store_upload, Form};
use crate::api::problem::ApiError;
use crate::state::AppState;
use crate::verification::JourneyStep;

#[derive(Deserialize)]
pub struct UploadQuery {
    #[serde(default)]
    token: String,
    lang: Option<String>,
}

/// The body limit of the route: the file plus room for the form's other parts.
pub fn body_limit(config: &crate::config::Config) -> usize {
    config.upload_limit_bytes + 64 * 1024
}

pub async fn upload(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<UploadQuery>,
    headers: HeaderMap,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let not_found = || (StatusCode::NOT_FOUND, Json(json!({"code": "not_found"}))).into_response();
    let record = match resolve(&state, &id, &query.token).await {
        Ok(Resolved::Usable(record)) if record.status.accepts_applicant() => *record,
        Ok(_) => {
            super::drain::drain(multipart).await;
            return not_found();
        }
        Err(err) => {
            tracing::error!("applicant upload: {err}");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let language = LanguageRequest {
        query: query.lang.filter(|l| !l.is_empty()),
        accept_language: headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map(|s| s.chars().take(256).collect()),
    };
    let flow_default = match state
        .store
        .flow_at(&record.flow_id, record.flow_version)
        .await
    {
        Ok(flow) => flow.map(|f| f.config.default_locale),
        Err(_) => None,
    };
    let locale = language.negotiate(record.locale.as_deref(), flow_default.as_deref());
    let limit = state.config.upload_limit_bytes;
    let refuse = |status: StatusCode, code: &str, message_id: &str| {
        let args = PageArgs {
            megabytes: Some(u32::try_from((limit / (1024 * 1024)).max(1)).unwrap_or(u32::MAX)),
            ..PageArgs::default()
        };
        let message = i18n::message(locale, message_id, &args).unwrap_or_default();
        (status, Json(json!({"code": code, "message": message}))).into_response()
    };

    let JourneyStep::Upload(choice) = &record.step else {
        return refuse(StatusCode::CONFLICT, "not_expected", "upload-failed");
    };
    let Ok(multipart) = multipart else {
        return refuse(StatusCode::BAD_REQUEST, "malformed", "upload-failed");
    };
    let form = match read_form(multipart, limit).await {
        Ok(form) => form,
        Err(err) => return refuse_error(&err, &refuse),
    };
    let side = form.side.clone().unwrap_or_default();
    if !sides_of(&choice.document_type).contains(&side.as_str()) {
        return refuse(StatusCode::BAD_REQUEST, "side", "upload-failed");
    }
    let form = Form {
        file: form.file,
        document_type: Some(choice.document_type.clone()),
        side: Some(side),
        issuing_country: Some(choice.country.clone()),
    };
    match store_upload(&state, &record, form, "applicant", None).await {
        Ok(doc) => (
            StatusCode::CREATED,
            Json(json!({"side": doc.side, "format": doc.format})),
        )
            .into_response(),
        Err(err) => refuse_error(&err, &refuse),
    }
}

/// The applicant's answer for a refused upload: which of the page's messages explains it.
fn refuse_error(err: &ApiError, refuse: &impl Fn(StatusCode, &str, &str) -> Response) -> Response {
    match err {
        ApiError::PayloadTooLarge { .. } | ApiError::File(FileError::TooLarge { .. }) => refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            "upload-too-large",
        ),
        ApiError::File(FileError::Unsupported { .. }) => refuse(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_type",
            "upload-wrong-type",
        ),
        ApiError::File(
            FileError::TooManyPixels { .. }
            | FileError::DimensionTooLarge { .. }
            | FileError::MemoryLimit { .. },
        ) => refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            "image_too_large",
            "upload-too-large",
        ),
        ApiError::File(_) => refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            "damaged",
            "upload-damaged",
        ),
        ApiError::Internal(e) => {
            tracing::error!("applicant upload: {e}");
            refuse(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "upload-failed",
            )
        }
        _ => refuse(StatusCode::BAD_REQUEST, "refused", "upload-failed"),
    }
}
