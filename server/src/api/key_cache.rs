//! A short-lived, per-process memory of authenticated API keys.
//!
//! Without it every API request starts with a key lookup, which on the hot paths (create, get)
//! is a third of the database work. Keys change rarely, but when one is revoked — by
//! `kyra keys revoke`, a different process — this server must notice soon, so an entry is
//! trusted for [`KeyCache::ttl`] only (`api_key_cache_ms`; off by default) and then read
//! again. That bound is the documented delay between a revocation and its refusal everywhere.
//!
//! Only keys that authenticated are remembered: an unknown secret is looked up every time, so
//! the cache cannot be filled by guessing. Entries are keyed by the SHA-256 of the presented
//! secret — the same value the database is searched by — so a lookup reveals nothing the
//! database lookup would not.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::store::ApiKeyRecord;

/// Keys remembered at once; least recently used ones leave first. A deployment uses few keys at
/// a time, so this bounds memory without ever evicting a busy key.
const KEYS_CACHED: usize = 4096;

pub struct KeyCache {
    entries: quick_cache::sync::Cache<String, Arc<Entry>>,
    ttl: Duration,
}

struct Entry {
    record: ApiKeyRecord,
    fetched: Instant,
}

impl KeyCache {
    /// `None` when `ttl_ms` is 0: every request reads its key from the database.
    pub fn new(ttl_ms: u64) -> Option<KeyCache> {
        (ttl_ms > 0).then(|| KeyCache {
            entries: quick_cache::sync::Cache::new(KEYS_CACHED),
            ttl: Duration::from_millis(ttl_ms),
        })
    }

    /// The record read for `secret_hash` within the last [`KeyCache::ttl`], if any.
    pub fn get(&self, secret_hash: &str) -> Option<ApiKeyRecord> {
        let entry = self.entries.get(secret_hash)?;
        if entry.fetched.elapsed() < self.ttl {
            Some(entry.record.clone())
        } else {
            self.entries.remove(secret_hash);
            None
        }
    }

    /// Remembers a record just read from the database.
    pub fn put(&self, secret_hash: &str, record: ApiKeyRecord) {
        self.entries.insert(
            secret_hash.to_owned(),
            Arc::new(Entry {
                record,
                fetched: Instant::now(),
            }),
        );
    }

    /// Records that this key's `last_used_at` is being written now, so requests served from
    /// the cache do not each write it again. The entry keeps its age.
    pub fn touched(&self, secret_hash: &str, at_ms: i64) {
        if let Some(entry) = self.entries.get(secret_hash) {
            let mut record = entry.record.clone();
            record.last_used_at = Some(at_ms);
            self.entries.insert(
                secret_hash.to_owned(),
                Arc::new(Entry {
                    record,
                    fetched: entry.fetched,
                }),
            );
        }
    }
}
