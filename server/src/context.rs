//! What use cases and background jobs need from the running process — storage, sealing, files,
//! configuration, the screening lists in memory, the check runner's wake-up — and nothing of
//! HTTP: no Leptos options, no rate limiter, no key cache.
//!
//! Jobs that took the whole HTTP state could reach into the request layer; with this they
//! cannot, and a job can be started from a test or the CLI without an HTTP server.

use std::sync::Arc;

use crate::config::Config;
use crate::crypto::Sealer;
use crate::faces::Faces;
use crate::files::FileStore;
use crate::pipeline::Wake;
use crate::screening::Screening;
use crate::store::Store;

#[derive(Clone)]
pub struct Context {
    pub store: Store,
    pub sealer: Arc<Sealer>,
    pub files: FileStore,
    pub config: Arc<Config>,
    /// The sanctions/PEP lists in memory, swapped after each import.
    pub screening: Arc<Screening>,
    /// Wakes this process's check runner after a submission.
    pub wake: Arc<Wake>,
    /// The face models, loaded on first use.
    pub faces: Faces,
}
