//! Sanctions and PEP screening in the server: list versions in the database, the in-memory
//! index built from the active versions, the API, the CLI and ongoing monitoring.
//!
//! The matching itself is the pure engine in `kyra_checks::screening`; this module owns every
//! kind of I/O around it. The index is immutable: after a list import a new one is built from
//! the database and swapped in, so queries never wait for an import and never see half a list.

pub mod api;
pub mod cli;
pub mod import;
pub mod monitor;

use std::sync::{Arc, RwLock};
use std::time::Duration;

use kyra_checks::screening::{ListEntry, ScreeningIndex};

use crate::store::{ListVersionRecord, Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("stored list entry {entry} of version {version} is corrupt: {reason}")]
    CorruptEntry {
        version: String,
        entry: usize,
        reason: String,
    },
    #[error("building the screening index failed: {0}")]
    Build(String),
}

/// The lists the server screens against right now.
#[derive(Debug)]
pub struct Loaded {
    pub index: ScreeningIndex,
    /// The active versions the index was built from, ordered by source.
    pub versions: Vec<ListVersionRecord>,
}

impl Loaded {
    fn empty() -> Loaded {
        Loaded {
            index: ScreeningIndex::build(Vec::new()),
            versions: Vec::new(),
        }
    }

    /// Identifies the set of active versions: a change means the index must be rebuilt.
    fn fingerprint(versions: &[ListVersionRecord]) -> Vec<String> {
        versions.iter().map(|v| v.id.to_string()).collect()
    }
}

/// Holder of the current [`Loaded`] lists, swapped whole after an import.
#[derive(Debug)]
pub struct Screening {
    current: RwLock<Arc<Loaded>>,
}

impl Default for Screening {
    fn default() -> Self {
        Screening {
            current: RwLock::new(Arc::new(Loaded::empty())),
        }
    }
}

impl Screening {
    /// The lists in use; cheap (an `Arc` clone), and stays valid across later swaps.
    pub fn current(&self) -> Arc<Loaded> {
        match self.current.read() {
            Ok(guard) => guard.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    fn swap(&self, loaded: Loaded) {
        let loaded = Arc::new(loaded);
        match self.current.write() {
            Ok(mut guard) => *guard = loaded,
            Err(poisoned) => *poisoned.into_inner() = loaded,
        }
    }

    /// Rebuilds the index when the active versions in the database differ from the loaded
    /// ones; returns whether it did.
    pub async fn reload_if_changed(&self, store: &Store) -> Result<bool, LoadError> {
        let versions = store.active_list_versions().await?;
        if Loaded::fingerprint(&versions) == Loaded::fingerprint(&self.current().versions) {
            return Ok(false);
        }
        let loaded = load_versions(store, versions).await?;
        self.swap(loaded);
        Ok(true)
    }
}

/// Loads the active lists from the database and builds their index.
pub async fn load_active(store: &Store) -> Result<Loaded, LoadError> {
    let versions = store.active_list_versions().await?;
    load_versions(store, versions).await
}

async fn load_versions(
    store: &Store,
    versions: Vec<ListVersionRecord>,
) -> Result<Loaded, LoadError> {
    let mut entries = Vec::new();
    for v in &versions {
        for (i, body) in store.list_entry_bodies(&v.id).await?.iter().enumerate() {
            let entry: ListEntry =
                serde_json::from_str(body).map_err(|e| LoadError::CorruptEntry {
                    version: v.id.to_string(),
                    entry: i,
                    reason: e.to_string(),
                })?;
            entries.push(entry);
        }
    }
    // Building is CPU work (hundreds of ms for large lists): keep it off the async workers.
    let index = tokio::task::spawn_blocking(move || ScreeningIndex::build(entries))
        .await
        .map_err(|e| LoadError::Build(e.to_string()))?;
    Ok(Loaded { index, versions })
}

/// Polls the database for a new set of active list versions (a `kyra lists import` run by an
/// operator, or by another replica) and swaps the index when it changed.
pub fn spawn_reloader(
    screening: Arc<Screening>,
    store: Store,
    every: Duration,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            match screening.reload_if_changed(&store).await {
                Ok(true) => {
                    let loaded = screening.current();
                    tracing::info!(
                        versions = loaded.versions.len(),
                        entries = loaded.index.entries().len(),
                        "screening lists reloaded"
                    );
                }
                Ok(false) => {}
                Err(err) => tracing::warn!(error = %err, "screening list reload failed"),
            }
        }
    })
}
