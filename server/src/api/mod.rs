//! The tenant REST API under `/api/v1`.

mod auth;
mod json;
mod problem;
mod verifications;

pub use problem::ApiError;

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;

use crate::state::AppState;

pub fn router(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/verifications", post(verifications::create))
        .route("/verifications/{id}", get(verifications::get))
        .fallback(|| async { ApiError::RouteNotFound })
        .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed })
        .layer(DefaultBodyLimit::max(state.config.api_body_limit))
}
