//! Group commit of new verifications.
//!
//! Creating a verification writes two rows (the verification and its `verification.created`
//! event) atomically. Done one request at a time, that is four round trips on SQLite (BEGIN, two
//! INSERTs, COMMIT) during which its single writer serves nobody else, and a commit — a WAL flush
//! — per request on PostgreSQL. Under load, requests queue for the database anyway; this queue
//! lets one write take every creation waiting at that moment, with one multi-row INSERT per
//! table, so the round trips and the flush are paid per batch instead of per request. A lone
//! request goes through at once: nothing waits for a batch to fill.

use sqlx::AnyPool;
use tokio::sync::{mpsc, oneshot};

use super::events::{bind_event, NewEvent, EVENT_COLUMNS};
use super::verifications::{bind_new, VerificationRecord, COLUMNS};
use super::{placeholders, AnyQuery, Backend, StoreError, StoreResult};

/// Creations per write: 64 × 36 bound values stays far below SQLite's limit of 32,766 (and
/// PostgreSQL's 65,535).
const MAX_BATCH: usize = 64;

struct Job {
    record: VerificationRecord,
    event: NewEvent,
    done: oneshot::Sender<StoreResult<()>>,
}

#[derive(Clone, Debug)]
pub(super) struct CreateQueue {
    jobs: mpsc::Sender<Job>,
}

impl CreateQueue {
    /// Starts the writer task; it ends when the last [`CreateQueue`] clone is dropped.
    pub(super) fn spawn(pool: AnyPool, backend: Backend) -> CreateQueue {
        let (jobs, mut queue) = mpsc::channel::<Job>(4 * MAX_BATCH);
        tokio::spawn(async move {
            let mut batch = Vec::with_capacity(MAX_BATCH);
            while queue.recv_many(&mut batch, MAX_BATCH).await > 0 {
                match insert_all(&pool, backend, &batch).await {
                    Ok(()) => {
                        for job in batch.drain(..) {
                            let _ = job.done.send(Ok(()));
                        }
                    }
                    // One bad row must not fail its neighbours: retry each alone, so every
                    // caller gets its own answer.
                    Err(_) => {
                        for job in batch.drain(..) {
                            let result =
                                insert_all(&pool, backend, std::slice::from_ref(&job)).await;
                            let _ = job.done.send(result);
                        }
                    }
                }
            }
        });
        CreateQueue { jobs }
    }

    /// Inserts a verification and its `verification.created` event atomically, possibly in the
    /// same transaction as other creations.
    pub(super) async fn insert(
        &self,
        record: VerificationRecord,
        event: NewEvent,
    ) -> StoreResult<()> {
        let (done, answer) = oneshot::channel();
        self.jobs
            .send(Job {
                record,
                event,
                done,
            })
            .await
            .map_err(|_| StoreError::Closed)?;
        answer.await.map_err(|_| StoreError::Closed)?
    }
}

async fn insert_all(pool: &AnyPool, backend: Backend, jobs: &[Job]) -> StoreResult<()> {
    // One placeholder per column of the verification row.
    let width = COLUMNS.split(',').count();
    let verifications = format!(
        "INSERT INTO verifications ({COLUMNS}) VALUES {}",
        rows(jobs.len(), width, 1)
    );
    // Placeholders continue across the two statements only when they are one (PostgreSQL).
    let events = |first: usize| {
        format!(
            "INSERT INTO events ({EVENT_COLUMNS}) VALUES {}",
            rows(jobs.len(), 10, first)
        )
    };
    match backend {
        // One statement: atomic on its own, one round trip. The events' foreign keys are checked
        // at the end of the statement, after the CTE inserted the verifications.
        Backend::Postgres => {
            let sql = format!(
                "WITH v AS ({verifications} RETURNING id) {}",
                events(jobs.len() * width + 1)
            );
            bind_events(bind_verifications(sqlx::query(&sql), jobs), jobs)
                .execute(pool)
                .await?;
        }
        // SQLite has no writable CTEs: one transaction on the single writer.
        Backend::Sqlite => {
            let mut tx = pool.begin().await?;
            bind_verifications(sqlx::query(&verifications), jobs)
                .execute(&mut *tx)
                .await?;
            bind_events(sqlx::query(&events(1)), jobs)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
        }
    }
    Ok(())
}

fn bind_verifications<'q>(mut query: AnyQuery<'q>, jobs: &'q [Job]) -> AnyQuery<'q> {
    for job in jobs {
        query = bind_new(query, &job.record);
    }
    query
}

fn bind_events<'q>(mut query: AnyQuery<'q>, jobs: &'q [Job]) -> AnyQuery<'q> {
    for job in jobs {
        query = bind_event(query, &job.event);
    }
    query
}

/// `($first, …), (…), …`: `count` rows of `width` placeholders numbered from `first`.
fn rows(count: usize, width: usize, first: usize) -> String {
    (0..count)
        .map(|row| format!("({})", placeholders(first + row * width, width)))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use crate::ids::VerificationId;
    use crate::secrets::{Mode, SecretHash};
    use crate::store::{now_ms, NewEvent, NewVerification, Store, StoreError};

    fn new_verification(id: &VerificationId, flow: &crate::store::FlowRecord) -> NewVerification {
        NewVerification {
            id: id.clone(),
            tenant_id: flow.tenant_id.clone(),
            flow_id: flow.id.clone(),
            flow_version: flow.version,
            mode: Mode::Test,
            reference_id: Some(format!("ref-{id}")),
            applicant_sealed: None,
            locale: None,
            return_url: None,
            metadata: "{}".into(),
            requested_checks: vec!["document".into()],
            client_token_hash: SecretHash::of(id.as_str()),
            max_attempts: 3,
            created_at: now_ms(),
            expires_at: now_ms() + 60_000,
        }
    }

    /// A batch holding a row that cannot be written (a duplicate id) still commits the others,
    /// and the failing caller alone gets the error.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn one_bad_row_fails_alone() {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("k.db").display());
        let store = Store::connect(&url).await.expect("connect");
        store.migrate().await.expect("migrate");
        let (_, flow) = store.create_tenant("acme", "system").await.expect("tenant");
        let duplicate = VerificationId::generate();
        let ids: Vec<VerificationId> = (0..40)
            .map(|i| {
                if i % 10 == 3 {
                    duplicate.clone()
                } else {
                    VerificationId::generate()
                }
            })
            .collect();
        let mut tasks = Vec::new();
        for id in &ids {
            let (store, new) = (store.clone(), new_verification(id, &flow));
            tasks.push(tokio::spawn(async move {
                store
                    .insert_verification(&new, |r| NewEvent {
                        tenant_id: r.tenant_id.clone(),
                        mode: r.mode,
                        verification_id: Some(r.id.clone()),
                        sequence: 1,
                        kind: "verification.created",
                        actor: "system".into(),
                        payload: "{}".into(),
                        request_id: None,
                        created_at: r.created_at,
                    })
                    .await
            }));
        }
        let mut ok = 0;
        let mut refused = 0;
        for task in tasks {
            match task.await.expect("task") {
                Ok(_) => ok += 1,
                Err(StoreError::Database(_)) => refused += 1,
                Err(other) => panic!("unexpected error {other}"),
            }
        }
        // 36 distinct ids plus one of the four copies of the duplicate.
        assert_eq!((ok, refused), (37, 3));
        for id in ids {
            assert!(store.verification(&id).await.expect("read").is_some());
        }
        let events: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM events")
            .fetch_one(store.reader())
            .await
            .expect("count");
        assert_eq!(events, 37);
    }
}
