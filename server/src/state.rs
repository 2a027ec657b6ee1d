//! Shared state of the running server.

use std::sync::Arc;

use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;

use crate::api::{KeyCache, KeyLimiter};
use crate::config::Config;
use crate::crypto::Sealer;
use crate::files::FileStore;
use crate::screening::Screening;
use crate::store::Store;

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub sealer: Arc<Sealer>,
    pub files: FileStore,
    pub config: Arc<Config>,
    /// Base of the links handed to applicants, without a trailing slash.
    pub public_base: Arc<str>,
    pub leptos: LeptosOptions,
    /// Per-API-key request limiter; `None` when disabled.
    pub limiter: Option<Arc<KeyLimiter>>,
    /// Recently authenticated API keys; `None` when `api_key_cache_ms` is 0.
    pub keys: Option<Arc<KeyCache>>,
    /// The sanctions/PEP lists in memory, swapped after each import.
    pub screening: Arc<Screening>,
    /// Wakes this process's check runner after a submission.
    pub wake: Arc<crate::pipeline::Wake>,
    /// The face models, loaded on first use.
    pub faces: crate::faces::Faces,
    /// The operator console's sign-in throttle.
    pub console: crate::console::Console,
}

impl AppState {
    /// The part of the state that use cases and background jobs may use.
    pub fn context(&self) -> crate::context::Context {
        crate::context::Context {
            store: self.store.clone(),
            sealer: self.sealer.clone(),
            files: self.files.clone(),
            config: self.config.clone(),
            screening: self.screening.clone(),
            wake: self.wake.clone(),
            faces: self.faces.clone(),
        }
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos.clone()
    }
}
