//! `kyra serve`: bind, build the router, run until SIGTERM/SIGINT, then drain.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use axum::http::{HeaderName, Request};
use axum::routing::{any, get};
use axum::Router;
use tower_http::request_id::{
    MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::trace::TraceLayer;

use crate::config::Config;
use crate::crypto::Sealer;
use crate::secrets::Mode;
use crate::state::AppState;
use crate::store::Store;
use crate::webhooks::dispatcher::Dispatcher;
use crate::{api, probes, web};

pub async fn run(config: Config) -> anyhow::Result<()> {
    let store = Store::connect(&config.database_url())
        .await
        .context("connecting to the database")?;
    store.migrate().await.context("running migrations")?;
    let sealer = Arc::new(Sealer::for_config(&config)?);

    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("binding {}", config.listen))?;
    let addr = listener.local_addr()?;
    let public_base: Arc<str> = match &config.public_url {
        Some(url) => url.trim_end_matches('/').into(),
        None => format!("http://{addr}").into(),
    };
    let site_root = web::find_site_root(config.site_root.as_deref()).unwrap_or_else(|| {
        tracing::warn!("no built site found (run `cargo xtask build`); pages will render without styles or hydration");
        PathBuf::from("site")
    });
    let limiter =
        api::KeyLimiter::new(config.rate_limit_per_second, config.rate_limit_burst).map(Arc::new);
    let screening = Arc::new(crate::screening::Screening::default());
    screening
        .reload_if_changed(&store)
        .await
        .context("loading the screening lists")?;
    let faces = crate::faces::Faces::new(config.checks.face_models.as_deref());
    if config.checks.runner {
        // Loaded ahead of the first face check, and a missing model is logged at start-up.
        let faces = faces.clone();
        tokio::spawn(async move { faces.engine().await.map(|_| ()) });
    }
    let console = crate::console::Console::new(&config.console);
    let state = AppState {
        store: store.clone(),
        sealer,
        files: crate::files::FileStore::new(&config.data_dir),
        limiter,
        keys: api::KeyCache::new(config.api_key_cache_ms).map(Arc::new),
        config: Arc::new(config),
        public_base: public_base.clone(),
        leptos: web::leptos_options(&site_root, addr),
        screening: screening.clone(),
        wake: Arc::default(),
        faces,
        console,
    };

    if store.tenant_count().await? == 0 {
        bootstrap_demo(&state).await?;
    }

    let sweeper = crate::expiry::spawn(
        state.context(),
        Duration::from_millis(state.config.expiry_sweep_ms),
    );
    let (stop_dispatcher, dispatcher_stopped) = tokio::sync::watch::channel(false);
    let dispatcher = if state.config.webhooks.dispatcher {
        let dispatcher =
            Dispatcher::new(store.clone(), state.sealer.clone(), &state.config.webhooks)
                .context("building the webhook HTTP client")?;
        Some(tokio::spawn(dispatcher.run(dispatcher_stopped)))
    } else {
        None
    };

    let (stop_checks, checks_stopped) = tokio::sync::watch::channel(false);
    let checks = state
        .config
        .checks
        .runner
        .then(|| crate::pipeline::spawn(state.context(), checks_stopped));

    let reloader = crate::screening::spawn_reloader(
        screening,
        store.clone(),
        Duration::from_millis(state.config.screening_reload_ms),
    );
    let app = router(state);
    tracing::info!(%addr, site_root = %site_root.display(), backend = ?store.backend(), "kyra listening");
    println!("kyra listening on http://{addr}");
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    // Deliveries in flight finish (bounded by their timeout); unfinished claims expire and are
    // retried by the next dispatcher to start.
    let _ = stop_dispatcher.send(true);
    if let Some(handle) = dispatcher {
        if let Err(err) = handle.await {
            tracing::error!(error = %err, "webhook dispatcher panicked");
        }
    }
    let _ = stop_checks.send(true);
    if let Some(handle) = checks {
        if let Err(err) = handle.await {
            tracing::error!(error = %err, "check runner panicked");
        }
    }
    sweeper.abort();
    reloader.abort();
    tracing::info!("draining done, closing database");
    store.close().await;
    Ok(())
}

pub fn router(state: AppState) -> Router {
    let request_id = HeaderName::from_static("x-request-id");
    Router::new()
        .route("/healthz", get(probes::healthz))
        .route("/readyz", get(probes::readyz))
        .nest("/api/v1", api::router(&state))
        // Anything else under /api/ is an API client's mistake (`/api/v2/…`, a missing version):
        // it answers problem+json like the API, never the applicant's HTML 404 page.
        .route("/api", any(api::route_not_found))
        .route("/api/", any(api::route_not_found))
        .route("/api/{*rest}", any(api::route_not_found))
        .merge(crate::console::router(&state))
        .merge(web::router(&state))
        .with_state(state)
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(TraceLayer::new_for_http().make_span_with(|req: &Request<_>| {
            // The path only: query strings carry client tokens, which are never logged.
            let id = req.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-");
            tracing::info_span!("http", method = %req.method(), path = %req.uri().path(), request_id = %id)
        }))
        .layer(SetRequestIdLayer::new(request_id, RequestIdMaker))
}

#[derive(Clone, Copy)]
struct RequestIdMaker;

impl MakeRequestId for RequestIdMaker {
    fn make_request_id<B>(&mut self, _: &Request<B>) -> Option<RequestId> {
        let id = format!("req_{}", ulid::Ulid::new().to_string().to_lowercase());
        id.parse().ok().map(RequestId::new)
    }
}

/// First start on an empty database: a `demo` tenant and a test key, so a newcomer can make a
/// first call right away.
async fn bootstrap_demo(state: &AppState) -> anyhow::Result<()> {
    let (tenant, flow) = state.store.create_tenant("demo", "system").await?;
    let key = state
        .store
        .create_api_key(&tenant.id, &flow.id, Mode::Test, "system")
        .await?;
    println!(
        "\nCreated tenant `demo` ({}) with a test API key (shown only once):\n\n    {}\n\nTry it:\n\n    curl -s {}/api/v1/verifications \\\n      -H 'Authorization: Bearer {}' \\\n      -H 'Content-Type: application/json' \\\n      -d '{{\"reference_id\":\"user_123\",\"applicant\":{{\"email\":\"ana@example.com\"}}}}'\n\nthen open the verify_url it returns.\n",
        tenant.id, key.plaintext, state.public_base, key.plaintext
    );
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(err) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %err, "cannot listen for SIGINT");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(err) => {
                tracing::error!(error = %err, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutdown signal received, finishing in-flight requests");
}
