//! Server-rendered pages (Leptos), their security headers, and static assets.

mod brand;
mod documents;
mod drain;
mod embedding;
mod handoff;
mod headers;
mod journey;
mod liveness;
mod progress;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::extract::{ConnectInfo, Request};
use axum::http::{header, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use kyra_app::journey::{ClientInfo, HandoffBackend, JourneyBackend};
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::state::AppState;

/// Leptos options for a built site at `site_root` (produced by `cargo xtask build`).
pub fn leptos_options(site_root: &Path, addr: SocketAddr) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("kyra")
        .site_root(site_root.display().to_string())
        .site_pkg_dir("pkg")
        .site_addr(addr)
        .hash_files(true)
        .hash_file(site_root.join("hash.txt").display().to_string().into())
        .build()
}

/// Where the built site is: configured, else `site/` beside the binary or one level up (the
/// layout `cargo xtask build` produces in the target directory).
pub fn find_site_root(configured: Option<&Path>) -> Option<PathBuf> {
    if let Some(path) = configured {
        return Some(path.to_path_buf());
    }
    let exe = std::env::current_exe().ok()?;
    let dir = exe.parent()?;
    [dir.join("site"), dir.parent()?.join("site")]
        .into_iter()
        .find(|p| p.join("hash.txt").exists())
}

pub fn router(state: &AppState) -> Router<AppState> {
    let backend: Arc<dyn JourneyBackend> = Arc::new(journey::StoreJourney {
        state: state.clone(),
    });
    let handoffs: Arc<dyn HandoffBackend> = Arc::new(handoff::StoreHandoff {
        state: state.clone(),
    });
    let routes = generate_route_list(kyra_app::App);
    let leptos = state.leptos.clone();
    let pages = Router::new()
        .leptos_routes_with_context(
            state,
            routes,
            move || {
                provide_context(backend.clone());
                provide_context(handoffs.clone());
                headers::provide_nonce_from_request();
            },
            move || kyra_app::shell(leptos.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(
            kyra_app::shell,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            headers::page_headers,
        ))
        .layer(middleware::from_fn(client_info));

    let site_root = PathBuf::from(state.leptos.site_root.as_ref());
    let assets = Router::new()
        .nest_service(
            "/pkg",
            ServeDir::new(site_root.join("pkg"))
                .precompressed_br()
                .precompressed_gzip(),
        )
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ));
    // Live progress for the applicant's page: authenticated by the client token, like the page.
    let progress = Router::new()
        .route("/v/{id}/progress", axum::routing::get(progress::progress))
        .route("/v/{id}/status", axum::routing::get(progress::status))
        .route(
            "/brand/{flow}/{version}/brand.css",
            axum::routing::get(brand::stylesheet),
        )
        .route(
            "/v/{id}/documents",
            axum::routing::post(documents::upload).layer(axum::extract::DefaultBodyLimit::max(
                documents::body_limit(&state.config),
            )),
        )
        .route(
            "/v/{id}/liveness/challenge",
            axum::routing::post(liveness::challenge),
        )
        .route(
            "/v/{id}/liveness",
            axum::routing::post(liveness::capture).layer(axum::extract::DefaultBodyLimit::max(
                liveness::body_limit(&state.config),
            )),
        );
    assets.merge(progress).merge(pages)
}

/// Makes the caller's address available to the journey (recorded with a consent).
async fn client_info(
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    mut req: Request,
    next: Next,
) -> Response {
    req.extensions_mut().insert(ClientInfo {
        ip: Some(addr.ip().to_string()),
        user_agent: None,
    });
    next.run(req).await
}
