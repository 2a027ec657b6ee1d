//! Sanctions and PEP screening in the server: list versions in the database, the in-memory
//! index built from the active versions, the API, the CLI and ongoing monitoring.
//!
//! The matching itself is the pure engine in `kyra_checks::screening`; this module owns every
//! kind of I/O around it. The index is immutable: after a list import a new one is built from
//! the database and swapped in, so queries never wait for an import and never see half a list.

pub mod api;
pub mod import;
pub mod monitor;

use std::sync::{Arc, RwLock};
use std::time::Duration;

use kyra_checks::screening::{ListEntry, ScreeningIndex};

use crate::store::{ListVersionRecord, Store, StoreError};

/// A list's publication time as RFC 3339, whatever the publisher wrote: a date-time
/// (`2026-02-27T00:00:09.554Z`, UN and EU), a date (`2026-02-27`), or a slashed date — month first
/// for the US lists (`ofac_*`, `bis_*`, `trade_gov_*`), day first for the others (UK, EU). `None`
/// when it says nothing parseable: a wrong date would be worse than none.
pub fn published_rfc3339(source: &str, raw: &str) -> Option<String> {
    use time::format_description::well_known::Rfc3339;
    use time::{Date, Month, OffsetDateTime};
    let raw = raw.trim();
    if let Ok(t) = OffsetDateTime::parse(raw, &Rfc3339) {
        return t.format(&Rfc3339).ok();
    }
    let date = |y: i32, m: u8, d: u8| -> Option<String> {
        let date = Date::from_calendar_date(y, Month::try_from(m).ok()?, d).ok()?;
        Some(format!(
            "{:04}-{:02}-{:02}",
            date.year(),
            u8::from(date.month()),
            date.day()
        ))
    };
    let head = raw.split([' ', 'T']).next().unwrap_or_default();
    let parts: Vec<&str> = head.split(['-', '/', '.']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let (a, b, c) = (
        a.parse::<i32>().ok()?,
        b.parse::<u8>().ok()?,
        c.parse::<i32>().ok()?,
    );
    if head.contains('-') && a > 999 {
        return date(a, b, u8::try_from(c).ok()?);
    }
    if c < 1000 {
        return None;
    }
    let first = u8::try_from(a).ok()?;
    let us = ["ofac", "bis", "trade_gov"]
        .iter()
        .any(|p| source.starts_with(p));
    if us {
        date(c, first, b)
    } else {
        date(c, b, first)
    }
}

#[cfg(test)]
mod published_tests {
    use super::published_rfc3339;

    #[test]
    fn publication_dates_become_rfc_3339() {
        assert_eq!(
            published_rfc3339("un_sc", "2026-02-27T00:00:09.554Z").as_deref(),
            Some("2026-02-27T00:00:09.554Z")
        );
        assert_eq!(
            published_rfc3339("ofac_sdn", "11/25/2026").as_deref(),
            Some("2026-11-25")
        );
        assert_eq!(
            published_rfc3339("uk_hmt", "25/11/2026").as_deref(),
            Some("2026-11-25")
        );
        assert_eq!(
            published_rfc3339("eu_fsf", "2026-11-25").as_deref(),
            Some("2026-11-25")
        );
        assert_eq!(
            published_rfc3339("ofac_sdn", "25/11/2026"),
            None,
            "no 25th month"
        );
        for junk in ["", "yesterday", "1/2", "99/99/9999", "2026-13-01", "1/2/3"] {
            assert_eq!(published_rfc3339("uk_hmt", junk), None, "{junk}");
        }
    }
}

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
