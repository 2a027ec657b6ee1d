//! `Idempotency-Key` on every POST: the same key with the same request replays the first
//! successful response (status and body) for 24 hours; the same key with a different request is
//! refused. Concurrent duplicates wait for the first one and then replay it, so exactly one
//! takes effect.
//!
//! Only successes are remembered. A request that failed (validation, a precondition, a conflict,
//! a server error) changed nothing — handlers commit all or nothing — so remembering it would
//! only stop the tenant from sending the corrected request under the same key.

use std::time::Duration;

use axum::body::{to_bytes, Body};
use axum::extract::{FromRequestParts, Request, State};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use super::auth::Caller;
use super::problem::ApiError;
use crate::state::AppState;
use crate::store::Claim;

const HEADER: &str = "idempotency-key";
const WAIT_FOR_IN_FLIGHT: Duration = Duration::from_secs(10);
/// Largest response remembered; API responses are far smaller.
const MAX_RESPONSE: usize = 1024 * 1024;

pub async fn layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if req.method() != Method::POST || !req.headers().contains_key(HEADER) {
        return next.run(req).await;
    }
    match handle(state, req, next).await {
        Ok(response) | Err(response) => response,
    }
}

async fn handle(state: AppState, req: Request, next: Next) -> Result<Response, Response> {
    let key = req
        .headers()
        .get(HEADER)
        .and_then(|v| v.to_str().ok())
        .filter(|k| (1..=255).contains(&k.len()) && k.bytes().all(|b| b.is_ascii_graphic()))
        .map(str::to_owned)
        .ok_or_else(|| {
            ApiError::invalid(
                "Idempotency-Key",
                "must be 1 to 255 visible ASCII characters",
            )
            .into_response()
        })?;
    let (mut parts, body) = req.into_parts();
    let caller = Caller::from_request_parts(&mut parts, &state)
        .await
        .map_err(IntoResponse::into_response)?;
    let limit = buffer_limit(&state);
    let bytes = to_bytes(body, limit)
        .await
        .map_err(|_| ApiError::PayloadTooLarge { limit }.into_response())?;

    let mut hasher = Sha256::new();
    hasher.update(parts.uri.path().as_bytes());
    hasher.update([0]);
    hasher.update(&bytes);
    let request_hash: String = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let bound_to = format!("idem:{}:{}:{key}", caller.tenant_id, caller.mode.as_str());

    let deadline = tokio::time::Instant::now() + WAIT_FOR_IN_FLIGHT;
    loop {
        let claim = state
            .store
            .claim_idempotency_key(&caller.tenant_id, caller.mode, &key, &request_hash)
            .await
            .map_err(|e| ApiError::from(e).into_response())?;
        match claim {
            Claim::Owned => break,
            Claim::Mismatch => return Err(ApiError::IdempotencyKeyReused.into_response()),
            Claim::Done { status, response } => {
                return Ok(replay(&state, status, &response, &bound_to))
            }
            Claim::InFlight if tokio::time::Instant::now() < deadline => {
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            Claim::InFlight => return Err(ApiError::IdempotencyInFlight.into_response()),
        }
    }

    let response = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    let (parts, body) = response.into_parts();
    let body = match to_bytes(body, MAX_RESPONSE).await {
        Ok(body) => body,
        Err(err) => {
            let _ = state
                .store
                .release_idempotency_key(&caller.tenant_id, caller.mode, &key)
                .await;
            return Err(ApiError::Internal(Box::new(err)).into_response());
        }
    };
    let outcome = if !parts.status.is_success() {
        state
            .store
            .release_idempotency_key(&caller.tenant_id, caller.mode, &key)
            .await
    } else {
        let sealed = state.sealer.seal(&body, &bound_to);
        state
            .store
            .complete_idempotency_key(
                &caller.tenant_id,
                caller.mode,
                &key,
                parts.status.as_u16(),
                &sealed,
            )
            .await
    };
    if let Err(err) = outcome {
        tracing::error!(error = %err, "could not record idempotent response");
    }
    Ok(Response::from_parts(parts, Body::from(body)))
}

/// How much of a body this layer may buffer: as much as the most generous POST route takes
/// (uploads, screening batches). The route's own limit still applies to the buffered copy when
/// its handler reads it, so a JSON route keeps refusing bodies over `api_body_limit`.
fn buffer_limit(state: &AppState) -> usize {
    state
        .config
        .api_body_limit
        .max(super::documents::body_limit(&state.config))
        .max(crate::screening::api::BODY_LIMIT)
}

fn replay(state: &AppState, status: u16, sealed: &str, bound_to: &str) -> Response {
    let body = match state.sealer.open(sealed, bound_to) {
        Ok(body) => body,
        Err(err) => return ApiError::from(err).into_response(),
    };
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    let content_type = if status.is_success() {
        "application/json"
    } else {
        "application/problem+json"
    };
    let mut response = (status, body).into_response();
    response
        .headers_mut()
        .insert("content-type", HeaderValue::from_static(content_type));
    response
        .headers_mut()
        .insert("idempotent-replayed", HeaderValue::from_static("true"));
    response
}
