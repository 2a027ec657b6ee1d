//! The tenant REST API under `/api/v1`.

mod applicants;
mod auth;
mod json;
mod problem;
mod verifications;

pub use auth::Caller;
pub use json::ApiJson;
pub use problem::ApiError;

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;

use crate::state::AppState;

pub fn router(state: &AppState) -> Router<AppState> {
    Router::new()
        .route(
            "/verifications",
            post(verifications::create).get(verifications::list),
        )
        .route("/verifications/{id}", get(verifications::get))
        .route("/verifications/{id}/cancel", post(verifications::cancel))
        .route("/verifications/{id}/rerun", post(verifications::rerun))
        .route("/verifications/{id}/events", get(verifications::events))
        .route(
            "/applicants/{reference_id}/compliance",
            get(applicants::compliance),
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
        .fallback(|| async { ApiError::RouteNotFound })
        .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed })
        .layer(DefaultBodyLimit::max(state.config.api_body_limit))
}
