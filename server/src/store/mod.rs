//! Storage: one schema on SQLite (embedded default) and PostgreSQL (scale), through sqlx's `Any`
//! driver so every query is written once. Queries use `$n` placeholders, which both accept.

mod api_keys;
mod audit;
mod checks;
mod consents;
mod create_batch;
mod documents;
mod events;
mod faces;
mod handoffs;
mod idempotency;
mod liveness;
mod operators;
mod screening;
mod tenants;
mod verifications;
mod webhook_endpoints;
mod webhook_messages;

pub use api_keys::{ApiKeyRecord, KeySummary};
pub use audit::{AuditEntry, ChainCheck};
pub use checks::{CheckRecord, CheckState, FinishedCheck, NewDecision};
pub use consents::{ConsentRecord, NewConsent};
pub use documents::{DocumentRecord, DuplicateUse, FrameOf, NewDocument};
pub use events::{payload_binding, EventRecord, NewEvent};
pub use faces::face_binding;
pub use handoffs::{Consumed, NewHandoff};
pub use idempotency::Claim;
pub use operators::{AccessChange, ClaimRecord, NewReview, OperatorRecord, ReviewRecord};
pub use screening::{
    diff_base, ListVersionRecord, MonitoredRecord, NewListEntry, NewListVersion, NewMonitorHit,
    Unenrollment,
};
pub use tenants::FlowRecord;
pub use verifications::{AlsoWrite, ListFilter, NewVerification, VerificationRecord};
pub use webhook_endpoints::{EndpointRecord, TestEvent};
pub use webhook_messages::{AttemptOutcome, AttemptRecord, DueDelivery, MessageStatus, NextStep};

use std::sync::Arc;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};

use crate::ids::FlowId;

/// Which database is behind the pool, for the few statements that must differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("unsupported database URL (expected sqlite:// or postgres://): {0}")]
    UnsupportedUrl(String),
    #[error("cannot create data directory {path}: {source}")]
    DataDir {
        path: String,
        source: std::io::Error,
    },
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("stored value is corrupt: {0}")]
    Corrupt(String),
    #[error("{0} already exists")]
    Conflict(&'static str),
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("the store is shutting down")]
    Closed,
}

pub type StoreResult<T> = Result<T, StoreError>;

/// The keyset condition of a newest-first list: rows strictly older than `(time, id)`, with the
/// three placeholders `$first..$first+2` bound to time, time, id (each used once, so every
/// driver infers their types).
pub(crate) fn older_than(time_col: &str, id_col: &str, first: usize) -> String {
    format!(
        "({time_col} < ${first} OR ({time_col} = ${} AND {id_col} < ${}))",
        first + 1,
        first + 2
    )
}

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// SQLite admits one writer at a time; connections that collide wait in its busy handler, which
/// sleeps in steps of up to 100 ms. So on SQLite every write goes through one connection and
/// writers queue in-process (the pool's fair acquire queue) instead, while reads that can run
/// beside them use a separate pool of read-only connections. On PostgreSQL both are one pool.
#[derive(Clone, Debug)]
pub struct Store {
    /// Every statement that may write, and every transaction.
    pool: AnyPool,
    /// Hot reads that need no transaction: see [`Store::reader`].
    reads: AnyPool,
    backend: Backend,
    /// Flow versions are immutable once saved, so every process may keep them without ever
    /// invalidating: a request pays for a flow's configuration once per version.
    flow_versions: Arc<FlowVersionCache>,
    /// Signalled after a transaction that wrote to the outbox commits, so this process's webhook
    /// dispatcher starts at once instead of at its next poll (other replicas still poll).
    outbox: Arc<tokio::sync::Notify>,
    /// Group commit of verification creations.
    creates: create_batch::CreateQueue,
}

type FlowVersionCache = quick_cache::sync::Cache<(FlowId, i64), Arc<FlowRecord>>;

/// Versions kept in memory: far more than the flows a deployment uses at once.
const FLOW_VERSIONS_CACHED: usize = 1024;

/// Read-only connections beside SQLite's single writer: two cores serve more readers poorly.
const SQLITE_READERS: u32 = 4;
const POSTGRES_CONNECTIONS: u32 = 16;

impl Store {
    /// Connects to `url`. For SQLite the file is created when missing and put in WAL mode.
    pub async fn connect(url: &str) -> StoreResult<Store> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            return Err(StoreError::UnsupportedUrl(redact(url)));
        };
        if backend == Backend::Sqlite {
            if let Some(parent) = sqlite_path(url).and_then(|p| p.parent().map(|p| p.to_path_buf()))
            {
                if !parent.as_os_str().is_empty() {
                    std::fs::create_dir_all(&parent).map_err(|source| StoreError::DataDir {
                        path: parent.display().to_string(),
                        source,
                    })?;
                }
            }
        }
        let options: AnyConnectOptions = url.parse()?;
        let pool = pool_options(backend, false)
            .max_connections(match backend {
                Backend::Sqlite => 1,
                Backend::Postgres => POSTGRES_CONNECTIONS,
            })
            .connect_with(options.clone())
            .await?;
        let reads = match backend {
            Backend::Sqlite => {
                pool_options(backend, true)
                    .max_connections(SQLITE_READERS)
                    .connect_with(options)
                    .await?
            }
            Backend::Postgres => pool.clone(),
        };
        let creates = create_batch::CreateQueue::spawn(pool.clone(), backend);
        Ok(Store {
            pool,
            reads,
            backend,
            flow_versions: Arc::new(FlowVersionCache::new(FLOW_VERSIONS_CACHED)),
            outbox: Arc::new(tokio::sync::Notify::new()),
            creates,
        })
    }

    pub async fn migrate(&self) -> StoreResult<()> {
        MIGRATOR.run(&self.pool).await?;
        Ok(())
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The connection(s) for writes and transactions (one connection on SQLite).
    pub(crate) fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Connections for single-statement reads on request paths. On SQLite they are read-only and
    /// see every committed write; never use them inside a write's logic (read-modify-write
    /// belongs in a transaction on [`Store::pool`]).
    pub(crate) fn reader(&self) -> &AnyPool {
        &self.reads
    }

    /// Wakes whoever waits on [`Store::outbox_written`] (a permit is kept if nobody waits yet).
    fn signal_outbox(&self) {
        self.outbox.notify_one();
    }

    /// Completes when events were committed since the last wake-up.
    pub async fn outbox_written(&self) {
        self.outbox.notified().await;
    }

    /// A cheap round trip, for readiness probes.
    pub async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    pub async fn close(&self) {
        self.reads.close().await;
        self.pool.close().await;
    }
}

fn pool_options(backend: Backend, read_only: bool) -> AnyPoolOptions {
    // Writers queue for the single SQLite connection; a long queue under load is normal, so the
    // wait allowed is generous.
    AnyPoolOptions::new()
        .acquire_timeout(Duration::from_secs(30))
        .after_connect(move |conn, _| {
            Box::pin(async move {
                if backend == Backend::Sqlite {
                    conn.execute(
                        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                         PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000;",
                    )
                    .await?;
                    if read_only {
                        conn.execute("PRAGMA query_only = ON;").await?;
                    }
                }
                Ok(())
            })
        })
}

fn sqlite_path(url: &str) -> Option<std::path::PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next()?;
    (!path.is_empty() && path != ":memory:").then(|| std::path::PathBuf::from(path))
}

/// A database URL with any password removed, safe to log.
pub fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        _ => url.to_owned(),
    }
}

/// A query on the `Any` driver, as the statement builders pass it along.
pub(crate) type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

/// `$first, $first+1, …`, `n` of them: the placeholders of a row or an IN list.
fn placeholders(first: usize, n: usize) -> String {
    (first..first + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Maps a unique-constraint violation to a domain conflict, leaving other errors alone.
fn conflict_on_unique(err: sqlx::Error, what: &'static str) -> StoreError {
    match &err {
        sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Conflict(what),
        _ => StoreError::Database(err),
    }
}

/// Current time in Unix milliseconds, the unit every `*_at` column uses.
pub fn now_ms() -> i64 {
    (time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000) as i64
}
