//! The API's one error type and its single mapping to RFC 9457 `application/problem+json`.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::crypto::CryptoError;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("no API key was sent; use `Authorization: Bearer kyra_…` or `X-Api-Key`")]
    MissingApiKey,
    #[error("the Authorization header has {sent}; send the key as `Authorization: Bearer kyra_…` (or in `X-Api-Key`)")]
    AuthScheme { sent: String },
    #[error("the API key is not valid")]
    InvalidApiKey,
    #[error("the API key has been revoked")]
    RevokedApiKey,
    #[error("API keys are for server-to-server calls; requests from a browser (with an Origin header) are refused")]
    BrowserOrigin,
    #[error("no such {0}")]
    NotFound(&'static str),
    #[error("no such route")]
    RouteNotFound,
    #[error("method not allowed on this route")]
    MethodNotAllowed,
    #[error("the request body is not valid JSON: {0}")]
    MalformedJson(String),
    #[error("{detail}")]
    InvalidField { field: String, detail: String },
    #[error("unknown field `{field}`")]
    UnknownField { field: String },
    #[error("expected `Content-Type: application/json`")]
    UnsupportedMediaType,
    #[error("the body is sent with `Content-Encoding: {0}`; send it uncompressed")]
    UnsupportedContentEncoding(String),
    #[error("the request body is larger than {limit} bytes")]
    PayloadTooLarge { limit: usize },
    #[error("{0}")]
    InvalidTransition(#[from] crate::lifecycle::TransitionError),
    #[error("the verification changed while this request was handled; read it again and retry")]
    ConcurrentChange,
    #[error("this Idempotency-Key was already used with a different request")]
    IdempotencyKeyReused,
    #[error("a request with this Idempotency-Key is still being processed; retry shortly")]
    IdempotencyInFlight,
    #[error("too many requests for this API key; retry after {retry_after} s")]
    RateLimited { retry_after: u64 },
    #[error("{0}")]
    File(kyra_checks::file::FileError),
    #[error("the multipart body is malformed")]
    MalformedMultipart,
    #[error("expected `Content-Type: multipart/form-data`")]
    UnsupportedMultipart,
    #[error(
        "no sanctions or PEP list has been imported yet; an operator must run `kyra lists import`"
    )]
    ScreeningUnavailable,
    #[error("upload the identity document (POST /api/v1/verifications/{{id}}/documents) before submitting")]
    DocumentRequired,
    #[error("upload a selfie (document_type `selfie`) before submitting: the verification's checks include a face check")]
    SelfieRequired,
    #[error("the applicant must complete the liveness capture in the journey before submitting")]
    LivenessRequired,
    #[error("this webhook endpoint is disabled ({reason}); re-enable it with PATCH {{\"enabled\": true}} first")]
    EndpointDisabled { reason: String },
    #[error("the server is shutting down or cannot reach its database; retry shortly")]
    Unavailable,
    #[error("internal error")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl ApiError {
    pub fn invalid(field: impl Into<String>, detail: impl Into<String>) -> ApiError {
        ApiError::InvalidField {
            field: field.into(),
            detail: detail.into(),
        }
    }

    pub(super) fn status(&self) -> StatusCode {
        match self {
            ApiError::MissingApiKey
            | ApiError::AuthScheme { .. }
            | ApiError::InvalidApiKey
            | ApiError::RevokedApiKey => StatusCode::UNAUTHORIZED,
            ApiError::BrowserOrigin => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) | ApiError::RouteNotFound => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::MalformedJson(_) => StatusCode::BAD_REQUEST,
            ApiError::InvalidField { .. } | ApiError::UnknownField { .. } => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            ApiError::UnsupportedMediaType | ApiError::UnsupportedContentEncoding(_) => {
                StatusCode::UNSUPPORTED_MEDIA_TYPE
            }
            ApiError::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::InvalidTransition(_)
            | ApiError::ConcurrentChange
            | ApiError::IdempotencyInFlight
            | ApiError::DocumentRequired
            | ApiError::SelfieRequired
            | ApiError::LivenessRequired
            | ApiError::EndpointDisabled { .. } => StatusCode::CONFLICT,
            ApiError::IdempotencyKeyReused => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::File(kyra_checks::file::FileError::TooLarge { .. }) => {
                StatusCode::PAYLOAD_TOO_LARGE
            }
            ApiError::File(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::MalformedMultipart => StatusCode::BAD_REQUEST,
            ApiError::UnsupportedMultipart => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::ScreeningUnavailable | ApiError::Unavailable => {
                StatusCode::SERVICE_UNAVAILABLE
            }
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Stable, documented machine code. Never changes meaning once published.
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::MissingApiKey => "missing_api_key",
            ApiError::AuthScheme { .. } => "unsupported_auth_scheme",
            ApiError::InvalidApiKey => "invalid_api_key",
            ApiError::RevokedApiKey => "api_key_revoked",
            ApiError::BrowserOrigin => "browser_request_refused",
            ApiError::NotFound(_) => "not_found",
            ApiError::RouteNotFound => "route_not_found",
            ApiError::MethodNotAllowed => "method_not_allowed",
            ApiError::MalformedJson(_) => "malformed_json",
            ApiError::InvalidField { .. } => "invalid_field",
            ApiError::UnknownField { .. } => "unknown_field",
            ApiError::UnsupportedMediaType => "unsupported_media_type",
            ApiError::UnsupportedContentEncoding(_) => "unsupported_content_encoding",
            ApiError::PayloadTooLarge { .. } => "payload_too_large",
            ApiError::InvalidTransition(_) => "invalid_transition",
            ApiError::ConcurrentChange => "concurrent_change",
            ApiError::IdempotencyKeyReused => "idempotency_key_reused",
            ApiError::IdempotencyInFlight => "idempotency_in_flight",
            ApiError::RateLimited { .. } => "rate_limited",
            ApiError::File(err) => file_code(err),
            ApiError::MalformedMultipart => "malformed_multipart",
            ApiError::UnsupportedMultipart => "unsupported_media_type",
            ApiError::ScreeningUnavailable => "screening_lists_unavailable",
            ApiError::Unavailable => "service_unavailable",
            ApiError::DocumentRequired => "document_required",
            ApiError::SelfieRequired => "selfie_required",
            ApiError::LivenessRequired => "liveness_required",
            ApiError::EndpointDisabled { .. } => "endpoint_disabled",
            ApiError::Internal(_) => "internal_error",
        }
    }

    pub(super) fn title(&self) -> &'static str {
        match self {
            ApiError::MissingApiKey
            | ApiError::AuthScheme { .. }
            | ApiError::InvalidApiKey
            | ApiError::RevokedApiKey => "Unauthorized",
            ApiError::BrowserOrigin => "Forbidden",
            ApiError::NotFound(_) | ApiError::RouteNotFound => "Not Found",
            ApiError::MethodNotAllowed => "Method Not Allowed",
            ApiError::MalformedJson(_) => "Bad Request",
            ApiError::InvalidField { .. } | ApiError::UnknownField { .. } => {
                "Unprocessable Content"
            }
            ApiError::UnsupportedMediaType | ApiError::UnsupportedContentEncoding(_) => {
                "Unsupported Media Type"
            }
            ApiError::PayloadTooLarge { .. } => "Content Too Large",
            ApiError::InvalidTransition(_)
            | ApiError::ConcurrentChange
            | ApiError::IdempotencyInFlight
            | ApiError::DocumentRequired
            | ApiError::SelfieRequired
            | ApiError::LivenessRequired
            | ApiError::EndpointDisabled { .. } => "Conflict",
            ApiError::IdempotencyKeyReused => "Unprocessable Content",
            ApiError::RateLimited { .. } => "Too Many Requests",
            ApiError::File(kyra_checks::file::FileError::TooLarge { .. }) => "Content Too Large",
            ApiError::File(_) => "Unprocessable Content",
            ApiError::MalformedMultipart => "Bad Request",
            ApiError::UnsupportedMultipart => "Unsupported Media Type",
            ApiError::ScreeningUnavailable | ApiError::Unavailable => "Service Unavailable",
            ApiError::Internal(_) => "Internal Server Error",
        }
    }

    fn field(&self) -> Option<&str> {
        match self {
            ApiError::InvalidField { field, .. } | ApiError::UnknownField { field } => {
                // The body as a whole has no field name.
                Some(field.as_str()).filter(|f| !f.is_empty())
            }
            _ => None,
        }
    }
}

/// Problem codes of refused files: lower-case forms of the engine's stable codes.
fn file_code(err: &kyra_checks::file::FileError) -> &'static str {
    match err.code() {
        "FILE_EMPTY" => "file_empty",
        "FILE_TOO_LARGE" => "payload_too_large",
        "FILE_UNSUPPORTED" => "file_unsupported",
        "FILE_TRUNCATED" => "file_truncated",
        "FILE_TOO_MANY_PIXELS" => "file_too_many_pixels",
        "FILE_HEIC_UNSUPPORTED" => "file_heic_unsupported",
        "FILE_PDF_UNSUPPORTED" => "file_pdf_unsupported",
        _ => "file_corrupt",
    }
}

/// An RFC 9457 problem: every error answer of the API, as `application/problem+json`.
#[derive(Serialize, utoipa::ToSchema)]
pub(super) struct Problem<'a> {
    /// `urn:kyra:problem:<code>`.
    #[serde(rename = "type")]
    #[schema(
        pattern = "^urn:kyra:problem:[a-z_]+$",
        example = "urn:kyra:problem:invalid_field"
    )]
    kind: String,
    #[schema(example = "Unprocessable Content")]
    title: &'a str,
    /// The HTTP status, repeated.
    #[schema(minimum = 400, maximum = 599, example = 422)]
    status: u16,
    /// Stable machine-readable code: never changes meaning once published. Each operation lists
    /// the codes it can answer.
    #[schema(pattern = "^[a-z_]+$", example = "invalid_field")]
    code: &'a str,
    /// What went wrong, for a human.
    #[schema(example = "must be an ISO 3166-1 alpha-2 code such as `PT`")]
    detail: String,
    /// The offending field (a JSON path such as `applicant.country`, a query parameter, a form
    /// field or a header), when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "applicant.country")]
    field: Option<&'a str>,
}

/// `Retry-After` of every 503: long enough not to hammer a server that is starting, stopping or
/// waiting for an operator.
const SERVICE_UNAVAILABLE_RETRY_S: u64 = 30;

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ApiError::Internal(source) = &self {
            tracing::error!(error = %source, "request failed");
        }
        let status = self.status();
        let problem = Problem {
            kind: format!("urn:kyra:problem:{}", self.code()),
            title: self.title(),
            status: status.as_u16(),
            code: self.code(),
            detail: self.to_string(),
            field: self.field(),
        };
        let mut response = (status, axum::Json(problem)).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        let retry_after = match &self {
            ApiError::RateLimited { retry_after } => Some(*retry_after),
            // Someone must import a list or the server must come back: worth a later retry,
            // not a tight loop.
            _ if status == StatusCode::SERVICE_UNAVAILABLE => Some(SERVICE_UNAVAILABLE_RETRY_S),
            _ => None,
        };
        if let Some(seconds) = retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        if status == StatusCode::UNAUTHORIZED {
            headers.insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"kyra\""),
            );
        }
        response
    }
}

impl From<StoreError> for ApiError {
    /// A store that is closing or cannot hand out a connection is a passing condition (503 with
    /// `Retry-After`); anything else is a fault of ours (500).
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::Closed
            | StoreError::Database(sqlx::Error::PoolClosed | sqlx::Error::PoolTimedOut) => {
                tracing::warn!(error = %err, "request refused: the store is unavailable");
                ApiError::Unavailable
            }
            err => ApiError::Internal(Box::new(err)),
        }
    }
}

impl From<CryptoError> for ApiError {
    fn from(err: CryptoError) -> Self {
        ApiError::Internal(Box::new(err))
    }
}
