//! Security headers of server-rendered pages.
//!
//! Each page gets a fresh CSP nonce: the only scripts that run are our hydration script (which
//! carries the nonce) and same-origin modules; WASM compilation is allowed explicitly.

use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use leptos::nonce::Nonce;
use leptos::prelude::{provide_context, use_context};

use crate::secrets::csp_nonce;
use crate::state::AppState;

#[derive(Clone, Debug)]
pub struct CspNonce(pub String);

pub async fn page_headers(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let frame_ancestors = match super::embedding::link_of(req.uri()) {
        Some((id, token)) => super::embedding::of_link(&state, &id, &token)
            .await
            .frame_ancestors(),
        None => "'none'".to_owned(),
    };
    let nonce = csp_nonce();
    req.extensions_mut().insert(CspNonce(nonce.clone()));
    let mut response = next.run(req).await;
    let csp = format!(
        "default-src 'none'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; font-src 'self'; \
         manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors {frame_ancestors}"
    );
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&csp) {
        headers.insert(header::CONTENT_SECURITY_POLICY, value);
    }
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("camera=(self), microphone=(), geolocation=()"),
    );
    // Pages carry a client token in their URL and personal context: never cache them.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Hands the request's CSP nonce to Leptos so the hydration script is rendered with it.
pub fn provide_nonce_from_request() {
    if let Some(nonce) = use_context::<axum::http::request::Parts>()
        .and_then(|p| p.extensions.get::<CspNonce>().cloned())
    {
        provide_context(Nonce::from_value(nonce.0));
    }
}
