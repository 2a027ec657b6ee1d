//! The operator console under `/console`: sign-in, the review queue, the verification list,
//! the case view with its evidence, and operators' decisions.
//!
//! Server-rendered pages with plain forms (no script): every state-changing request is a POST
//! that carries the session's CSRF token and comes from this origin; cookies are HttpOnly,
//! SameSite=Strict, Secure behind https, and scoped to `/console`. Roles are checked here for
//! every route and again by the use cases in `review`. Uses core, storage and domain; never
//! `api` or `web`.

mod account;
mod audit;
mod cases;
mod developers;
mod login;
mod session;
mod throttle;
mod views;

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

use crate::state::AppState;

pub use session::DbSessions;
pub use throttle::LoginThrottle;

/// Where the console's stylesheet is served (one file, embedded in the binary).
const STYLESHEET: &str = "/console/assets/console.css";
const CSS: &str = include_str!("console.css");

pub fn router(state: &AppState) -> Router<AppState> {
    let secure = state
        .config
        .public_url
        .as_deref()
        .is_some_and(|u| u.starts_with("https://"));
    let idle = state.config.console.idle_timeout_secs.min(i64::MAX as u64) as i64;
    let sessions = SessionManagerLayer::new(DbSessions(state.store.clone()))
        .with_name("kyra_console")
        .with_path("/console")
        .with_http_only(true)
        .with_same_site(SameSite::Strict)
        .with_secure(secure)
        .with_expiry(Expiry::OnInactivity(time::Duration::seconds(idle)));
    Router::new()
        .route("/console", get(cases::queue))
        .route("/console/", get(cases::queue))
        .route("/console/verifications", get(cases::list))
        .route("/console/verifications/{id}", get(cases::case))
        .route("/console/verifications/{id}/claim", post(cases::claim))
        .route(
            "/console/verifications/{id}/evidence.json",
            get(cases::evidence),
        )
        .route("/console/verifications/{id}/decision", post(cases::decide))
        .route("/console/verifications/{id}/cancel", post(cases::cancel))
        .route("/console/files/{id}", get(cases::file))
        .route("/console/developers", get(developers::overview))
        .route("/console/audit", get(audit::log))
        .route("/console/developers/keys", post(developers::create_key))
        .route(
            "/console/developers/keys/{id}/revoke",
            post(developers::revoke_key),
        )
        .route("/console/login", get(login::form).post(login::sign_in))
        .route(
            "/console/login/code",
            get(login::code_form).post(login::code),
        )
        .route("/console/account", get(account::overview))
        .route("/console/account/totp/setup", post(account::setup))
        .route("/console/account/totp/confirm", post(account::confirm))
        .route("/console/account/totp/disable", post(account::disable))
        .route("/console/logout", post(login::sign_out))
        .route(
            "/console/logout-everywhere",
            post(login::sign_out_everywhere),
        )
        .layer(sessions)
        .route(STYLESHEET, get(stylesheet))
        .layer(middleware::from_fn(same_origin_posts))
        .layer(middleware::from_fn_with_state(state.clone(), headers))
}

/// The console's share of the running server: failed sign-ins per account and per address.
#[derive(Clone, Debug)]
pub struct Console {
    pub accounts: Arc<LoginThrottle>,
    pub addresses: Arc<LoginThrottle>,
}

impl Console {
    pub fn new(config: &crate::config::ConsoleConfig) -> Console {
        Console {
            accounts: Arc::new(LoginThrottle::new(config.login_failures)),
            addresses: Arc::new(LoginThrottle::new(config.login_failures_per_address)),
        }
    }
}

async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        CSS,
    )
        .into_response()
}

/// Security headers of every console response: no caching (pages and files carry personal
/// data), no framing, no scripts, no referrer to other sites.
async fn headers(State(_): State<AppState>, req: Request, next: Next) -> Response {
    let is_stylesheet = req.uri().path() == STYLESHEET;
    let mut response = next.run(req).await;
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; \
             frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    if !is_stylesheet {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// Refuses a POST that a browser says comes from another site (`Sec-Fetch-Site`) or another
/// origin (`Origin`): with SameSite=Strict cookies and the forms' CSRF tokens, the third wall
/// against cross-site requests, and the one that also covers the sign-in form.
async fn same_origin_posts(req: Request, next: Next) -> Response {
    if req.method() == Method::POST {
        let h = req.headers();
        let site = h.get("sec-fetch-site").and_then(|v| v.to_str().ok());
        let cross_site = matches!(site, Some("cross-site" | "same-site"));
        let origin = h.get(header::ORIGIN).and_then(|v| v.to_str().ok());
        let host = h.get(header::HOST).and_then(|v| v.to_str().ok());
        // `Origin: null` says nothing (privacy settings and some referrer policies send it for
        // same-origin forms); `Sec-Fetch-Site`, the CSRF token and SameSite=Strict still hold.
        let foreign_origin = match (origin, host) {
            (Some("null"), _) => false,
            (Some(origin), Some(host)) => {
                let bare = origin
                    .strip_prefix("https://")
                    .or_else(|| origin.strip_prefix("http://"))
                    .unwrap_or(origin);
                bare != host
            }
            _ => false,
        };
        if cross_site || foreign_origin {
            return refused(
                StatusCode::FORBIDDEN,
                "This request came from another site.",
            );
        }
    }
    next.run(req).await
}

/// A page answer.
fn page(status: StatusCode, html: String) -> Response {
    (status, Html(html)).into_response()
}

/// A bare refusal for requests that have no page to show (bad CSRF token, foreign origin).
fn refused(status: StatusCode, text: &'static str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        text,
    )
        .into_response()
}

/// The refusal of a form that does not carry the session's CSRF token (compared in constant
/// time): a forged request, or a page from a session that has since ended.
fn stale_form(signed_in: &session::SignedIn, presented: &str) -> Option<Response> {
    let valid = !presented.is_empty() && crate::secrets::same_secret(&signed_in.csrf, presented);
    (!valid).then(|| refused(StatusCode::FORBIDDEN, "The form expired; reload the page."))
}
