//! The tenant REST API under `/api/v1`.

mod applicants;
mod auth;
pub(crate) mod documents;
mod idempotency;
mod json;
mod key_cache;
pub mod openapi;
pub mod page;
mod path;
pub(crate) mod problem;
mod query;
mod rate_limit;
#[cfg(test)]
mod reference;
pub(crate) mod verifications;
mod webhook_endpoints;

pub use auth::Caller;
pub use json::ApiJson;
pub use key_cache::KeyCache;
pub use path::ApiPath;
pub use problem::ApiError;
pub use query::ApiQuery;
pub use rate_limit::KeyLimiter;

use axum::extract::DefaultBodyLimit;
use axum::routing::{delete, get, post};
use axum::Router;

use crate::state::AppState;

pub fn router(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi::openapi_document))
        .route(
            "/verifications",
            post(verifications::create).get(verifications::list),
        )
        .route("/verifications/{id}", get(verifications::get))
        .route("/verifications/{id}/cancel", post(verifications::cancel))
        .route("/verifications/{id}/rerun", post(verifications::rerun))
        .route("/verifications/{id}/submit", post(verifications::submit))
        .route("/verifications/{id}/link", post(verifications::new_link))
        .route("/verifications/{id}/events", get(verifications::events))
        .route(
            "/applicants/{reference_id}/compliance",
            get(applicants::compliance),
        )
        .route(
            "/verifications/{id}/documents",
            post(documents::upload)
                .layer(DefaultBodyLimit::max(documents::body_limit(&state.config))),
        )
        .route(
            "/webhook-endpoints",
            post(webhook_endpoints::create).get(webhook_endpoints::list),
        )
        .route(
            "/webhook-endpoints/{id}",
            get(webhook_endpoints::get)
                .patch(webhook_endpoints::update)
                .delete(webhook_endpoints::delete),
        )
        .route(
            "/webhook-endpoints/{id}/rotate-secret",
            post(webhook_endpoints::rotate_secret),
        )
        .route(
            "/webhook-endpoints/{id}/test",
            post(webhook_endpoints::send_test),
        )
        .route(
            "/webhook-endpoints/{id}/deliveries",
            get(webhook_endpoints::deliveries),
        )
        .route(
            "/webhook-endpoints/{id}/messages/{message_id}/redeliver",
            post(webhook_endpoints::redeliver),
        )
        .route(
            "/webhook-endpoints/{id}/redeliver-failed",
            post(webhook_endpoints::redeliver_failed),
        )
        .route(
            "/screenings",
            post(crate::screening::api::create)
                .layer(DefaultBodyLimit::max(crate::screening::api::BODY_LIMIT)),
        )
        .route(
            "/screenings/monitored",
            get(crate::screening::api::list_monitored),
        )
        .route(
            "/screenings/monitored/{id}",
            delete(crate::screening::api::unenroll),
        )
        .fallback(route_not_found)
        .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed })
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            idempotency::layer,
        ))
        .layer(DefaultBodyLimit::max(state.config.api_body_limit))
}

/// Every unknown route under `/api/`.
pub async fn route_not_found() -> ApiError {
    ApiError::RouteNotFound
}
