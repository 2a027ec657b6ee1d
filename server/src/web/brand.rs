//! `GET /brand/{flow}/{version}/brand.css`: a flow version's brand colours as CSS custom
//! properties. A stylesheet rather than inline styles, which the pages' CSP (`style-src 'self'`)
//! forbids; addressed by flow version, so it never changes and caches for good.

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::ids::FlowId;
use crate::state::AppState;

pub fn stylesheet_path(flow: &FlowId, version: i64) -> String {
    format!("/brand/{flow}/{version}/brand.css")
}

pub async fn stylesheet(
    State(state): State<AppState>,
    Path((flow, version)): Path<(String, i64)>,
) -> Response {
    let Some(flow) = FlowId::parse(&flow) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match state.store.flow_at(&flow, version).await {
        Ok(Some(record)) => (
            [
                (header::CONTENT_TYPE, "text/css; charset=utf-8"),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            ],
            record.config.branding.stylesheet(),
        )
            .into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}
