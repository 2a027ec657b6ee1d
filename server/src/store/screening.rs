//! Screening lists and monitored subjects.
//!
//! A list version and all of its entries are written in one transaction, which is also the one
//! that makes it the active version of its source: readers (the server's index reload, `kyra
//! screen`) see the old version or the new one, never a mix, and a failed import leaves nothing.

use std::collections::HashMap;

use sqlx::Row;

use super::events::insert_event;
use super::{now_ms, NewEvent, Store, StoreError, StoreResult};
use crate::ids::{ListVersionId, MonitoredId, TenantId, VerificationId};
use crate::secrets::Mode;

/// Rows per multi-row INSERT: few round trips, well under both databases' parameter limits.
const INSERT_BATCH: usize = 200;

/// One entry of a list version about to be stored.
#[derive(Clone, Debug)]
pub struct NewListEntry {
    pub entry_id: String,
    /// SHA-256 (hex) of `body`: equal hashes mean the entry did not change between versions.
    pub content_hash: String,
    /// The entry as JSON.
    pub body: String,
}

/// A parsed list version about to be stored and activated.
#[derive(Clone, Debug)]
pub struct NewListVersion {
    pub source: String,
    pub published: Option<String>,
    pub checksum: String,
    /// File names it was imported from (JSON array).
    pub files: String,
    /// `ListCounts` as JSON.
    pub counts: String,
    pub entries: Vec<NewListEntry>,
}

/// A stored list version.
#[derive(Clone, Debug)]
pub struct ListVersionRecord {
    pub id: ListVersionId,
    pub source: String,
    pub published: Option<String>,
    pub checksum: String,
    pub files: String,
    pub counts: String,
    pub entry_count: i64,
    pub imported_at: i64,
    pub active: bool,
    pub previous_id: Option<ListVersionId>,
    pub monitored_at: Option<i64>,
}

/// A version whose stored entries `prune_list_versions` deleted.
#[derive(Clone, Debug)]
pub struct PrunedVersion {
    pub id: ListVersionId,
    pub source: String,
    pub imported_at: i64,
    /// Entry rows deleted.
    pub entries: u64,
}

/// A monitored subject as stored (the subject itself still sealed).
#[derive(Clone, Debug)]
pub struct MonitoredRecord {
    pub id: MonitoredId,
    pub tenant_id: TenantId,
    pub mode: Mode,
    pub verification_id: Option<VerificationId>,
    pub reference_id: Option<String>,
    pub sealed_subject: String,
    pub created_at: i64,
    /// When monitoring of this subject stopped; `None` while it is monitored.
    pub unenrolled_at: Option<i64>,
}

/// Who unenrolled a monitored subject, for the audit trail.
#[derive(Clone, Debug)]
pub struct Unenrollment<'a> {
    /// `api_key:key_…`, `operator:…`.
    pub actor: &'a str,
    pub request_id: Option<&'a str>,
    pub at: i64,
}

/// A hit of monitoring, reported at most once per (subject, entry, entry content).
#[derive(Clone, Debug)]
pub struct NewMonitorHit {
    pub monitored_id: MonitoredId,
    pub source: String,
    pub entry_id: String,
    pub version_id: ListVersionId,
    pub content_hash: String,
    pub score: f64,
    /// The `screening.match` event written with it.
    pub event: NewEvent,
}

/// What a new version's changes are diffed against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffBase {
    /// The version whose entry hashes count as "before"; `None`: every entry is new.
    pub base: Option<ListVersionId>,
    /// Versions whose entries are not needed any more once this monitoring finished: the base
    /// and the unfinished versions between it and the new version.
    pub superseded: Vec<ListVersionId>,
}

/// Finds the diff base of a version from its predecessor: the predecessor itself when its own
/// changes were screened (`monitored_at` set); otherwise the walk goes on through every version
/// whose monitoring never finished (an import that died, followed by a newer import instead of
/// a resume) to the nearest version whose changes were screened. Diffing against the
/// unfinished predecessor instead would silently never screen the changes it brought.
pub fn diff_base(history: &[ListVersionRecord], predecessor: Option<&ListVersionId>) -> DiffBase {
    let mut superseded = Vec::new();
    let mut next = predecessor.cloned();
    while let Some(id) = next.take() {
        // `previous_id` links are acyclic; the bound only guards against a corrupt database.
        if superseded.len() > history.len() {
            break;
        }
        let Some(v) = history.iter().find(|v| v.id == id) else {
            break;
        };
        superseded.push(id.clone());
        if v.monitored_at.is_some() {
            return DiffBase {
                base: Some(id),
                superseded,
            };
        }
        next = v.previous_id.clone();
    }
    DiffBase {
        base: None,
        superseded,
    }
}

const MONITORED_COLUMNS: &str =
    "id, tenant_id, mode, verification_id, reference_id, subject, created_at, unenrolled_at";

const VERSION_COLUMNS: &str = "id, source, published, checksum, files, counts, entry_count, \
     imported_at, active, previous_id, monitored_at";

impl Store {
    /// Stores the versions with their entries and makes each the active version of its source,
    /// all in one transaction.
    pub async fn import_list_versions(
        &self,
        versions: &[NewListVersion],
    ) -> StoreResult<Vec<ListVersionId>> {
        let mut tx = self.pool().begin().await?;
        let now = now_ms();
        let mut ids = Vec::with_capacity(versions.len());
        for v in versions {
            let id = ListVersionId::generate();
            let previous: Option<String> = sqlx::query_scalar(
                "SELECT id FROM screening_list_versions WHERE source = $1 AND active = 1",
            )
            .bind(&v.source)
            .fetch_optional(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO screening_list_versions \
                 (id, source, published, checksum, files, counts, entry_count, imported_at, active, previous_id) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9)",
            )
            .bind(id.as_str())
            .bind(&v.source)
            .bind(v.published.clone())
            .bind(&v.checksum)
            .bind(&v.files)
            .bind(&v.counts)
            .bind(v.entries.len() as i64)
            .bind(now)
            .bind(previous)
            .execute(&mut *tx)
            .await?;
            for chunk in v.entries.chunks(INSERT_BATCH) {
                let mut sql = String::from(
                    "INSERT INTO screening_entries (version_id, entry_id, content_hash, body) VALUES ",
                );
                for i in 0..chunk.len() {
                    let b = i * 4;
                    if i > 0 {
                        sql.push(',');
                    }
                    sql.push_str(&format!("(${}, ${}, ${}, ${})", b + 1, b + 2, b + 3, b + 4));
                }
                let mut q = sqlx::query(&sql);
                for e in chunk {
                    q = q
                        .bind(id.as_str())
                        .bind(&e.entry_id)
                        .bind(&e.content_hash)
                        .bind(&e.body);
                }
                q.execute(&mut *tx).await?;
            }
            sqlx::query(
                "UPDATE screening_list_versions SET active = 0 WHERE source = $1 AND active = 1",
            )
            .bind(&v.source)
            .execute(&mut *tx)
            .await?;
            sqlx::query("UPDATE screening_list_versions SET active = 1 WHERE id = $1")
                .bind(id.as_str())
                .execute(&mut *tx)
                .await?;
            ids.push(id);
        }
        tx.commit().await?;
        Ok(ids)
    }

    /// Marks the monitoring of a version's changes as complete, and drops the entries of the
    /// versions it superseded (its diff base and any unfinished version in between): they were
    /// kept only to diff against (the version rows stay, as history). An active version's
    /// entries are never dropped.
    pub async fn mark_list_version_monitored(
        &self,
        version: &ListVersionId,
        superseded: &[ListVersionId],
    ) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        sqlx::query("UPDATE screening_list_versions SET monitored_at = $1 WHERE id = $2")
            .bind(now_ms())
            .bind(version.as_str())
            .execute(&mut *tx)
            .await?;
        for old in superseded {
            sqlx::query(
                "DELETE FROM screening_entries WHERE version_id = $1 AND version_id IN \
                 (SELECT id FROM screening_list_versions WHERE active = 0)",
            )
            .bind(old.as_str())
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Deletes the stored entries of old inactive versions, keeping per source the newest
    /// `keep` versions, the active one whatever `keep` says, and the diff base of an active
    /// version whose monitoring has not finished (the resumed run diffs against it). Version
    /// rows stay as history. Returns the versions whose entries were deleted.
    ///
    /// Each delete re-checks `active = 0`, so an import committing meanwhile can never lose the
    /// entries of the version it just made active.
    pub async fn prune_list_versions(&self, keep: usize) -> StoreResult<Vec<PrunedVersion>> {
        let versions = self.list_versions().await?;
        let protected: std::collections::HashSet<ListVersionId> = versions
            .iter()
            .filter(|v| v.active && v.monitored_at.is_none())
            .filter_map(|v| diff_base(&versions, v.previous_id.as_ref()).base)
            .collect();
        let mut seen: HashMap<&str, usize> = HashMap::new();
        let mut pruned = Vec::new();
        // `list_versions` is newest first, so the count per source is the version's rank.
        for v in &versions {
            let rank = seen.entry(v.source.as_str()).or_insert(0);
            *rank += 1;
            if *rank <= keep || v.active || protected.contains(&v.id) {
                continue;
            }
            let deleted = sqlx::query(
                "DELETE FROM screening_entries WHERE version_id = $1 AND version_id IN \
                 (SELECT id FROM screening_list_versions WHERE id = $1 AND active = 0)",
            )
            .bind(v.id.as_str())
            .execute(self.pool())
            .await?
            .rows_affected();
            if deleted > 0 {
                pruned.push(PrunedVersion {
                    id: v.id.clone(),
                    source: v.source.clone(),
                    imported_at: v.imported_at,
                    entries: deleted,
                });
            }
        }
        Ok(pruned)
    }

    /// Every version, newest first.
    pub async fn list_versions(&self) -> StoreResult<Vec<ListVersionRecord>> {
        let rows = sqlx::query(&format!(
            "SELECT {VERSION_COLUMNS} FROM screening_list_versions ORDER BY imported_at DESC, id DESC"
        ))
        .fetch_all(self.pool())
        .await?;
        Ok(rows.into_iter().map(version_from_row).collect())
    }

    /// The active version of each source, ordered by source.
    pub async fn active_list_versions(&self) -> StoreResult<Vec<ListVersionRecord>> {
        let rows = sqlx::query(&format!(
            "SELECT {VERSION_COLUMNS} FROM screening_list_versions WHERE active = 1 ORDER BY source, id"
        ))
        .fetch_all(self.pool())
        .await?;
        Ok(rows.into_iter().map(version_from_row).collect())
    }

    /// The JSON bodies of every entry of the given version.
    pub async fn list_entry_bodies(&self, version: &ListVersionId) -> StoreResult<Vec<String>> {
        let rows = sqlx::query(
            "SELECT body FROM screening_entries WHERE version_id = $1 ORDER BY entry_id",
        )
        .bind(version.as_str())
        .fetch_all(self.pool())
        .await?;
        Ok(rows.into_iter().map(|r| r.get("body")).collect())
    }

    /// Entry id → content hash of a version.
    pub async fn list_entry_hashes(
        &self,
        version: &ListVersionId,
    ) -> StoreResult<HashMap<String, String>> {
        let rows = sqlx::query(
            "SELECT entry_id, content_hash FROM screening_entries WHERE version_id = $1",
        )
        .bind(version.as_str())
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| (r.get("entry_id"), r.get("content_hash")))
            .collect())
    }

    pub async fn insert_monitored(&self, record: &MonitoredRecord) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO screening_monitored \
             (id, tenant_id, mode, verification_id, reference_id, subject, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(record.id.as_str())
        .bind(record.tenant_id.as_str())
        .bind(record.mode.as_str())
        .bind(
            record
                .verification_id
                .as_ref()
                .map(|v| v.as_str().to_owned()),
        )
        .bind(record.reference_id.clone())
        .bind(&record.sealed_subject)
        .bind(record.created_at)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// A page of the subjects still monitored (every tenant), in id order after `after`.
    pub async fn monitored_page(
        &self,
        after: Option<&MonitoredId>,
        limit: i64,
    ) -> StoreResult<Vec<MonitoredRecord>> {
        let rows = sqlx::query(&format!(
            "SELECT {MONITORED_COLUMNS} FROM screening_monitored \
             WHERE id > $1 AND unenrolled_at IS NULL ORDER BY id LIMIT $2"
        ))
        .bind(after.map_or("", MonitoredId::as_str).to_owned())
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        rows.into_iter().map(monitored_from_row).collect()
    }

    /// One tenant's subjects still monitored in one mode, newest first.
    pub async fn monitored_for_tenant(
        &self,
        tenant: &TenantId,
        mode: Mode,
        before: Option<&(i64, String)>,
        limit: i64,
    ) -> StoreResult<Vec<MonitoredRecord>> {
        let mut sql = format!(
            "SELECT {MONITORED_COLUMNS} FROM screening_monitored \
             WHERE tenant_id = $1 AND mode = $2 AND unenrolled_at IS NULL"
        );
        let mut next = 3;
        if before.is_some() {
            sql += &format!(" AND {}", super::older_than("created_at", "id", next));
            next += 3;
        }
        sql += &format!(" ORDER BY created_at DESC, id DESC LIMIT ${next}");
        let mut query = sqlx::query(&sql).bind(tenant.as_str()).bind(mode.as_str());
        if let Some((at, id)) = before {
            query = query.bind(*at).bind(*at).bind(id.clone());
        }
        let rows = query.bind(limit).fetch_all(self.pool()).await?;
        rows.into_iter().map(monitored_from_row).collect()
    }

    /// Stops the monitoring of one of a tenant's subjects (in the caller's mode). Returns the
    /// row, or `None` when no such subject belongs to this tenant and mode. Unenrolling twice is
    /// harmless: the first time, actor and request stay recorded.
    pub async fn unenroll_monitored(
        &self,
        tenant: &TenantId,
        mode: Mode,
        id: &MonitoredId,
        by: &Unenrollment<'_>,
    ) -> StoreResult<Option<MonitoredRecord>> {
        sqlx::query(
            "UPDATE screening_monitored \
             SET unenrolled_at = $1, unenrolled_by = $2, unenrolled_request_id = $3 \
             WHERE id = $4 AND tenant_id = $5 AND mode = $6 AND unenrolled_at IS NULL",
        )
        .bind(by.at)
        .bind(by.actor)
        .bind(by.request_id.map(str::to_owned))
        .bind(id.as_str())
        .bind(tenant.as_str())
        .bind(mode.as_str())
        .execute(self.pool())
        .await?;
        let row = sqlx::query(&format!(
            "SELECT {MONITORED_COLUMNS} FROM screening_monitored \
             WHERE id = $1 AND tenant_id = $2 AND mode = $3"
        ))
        .bind(id.as_str())
        .bind(tenant.as_str())
        .bind(mode.as_str())
        .fetch_optional(self.pool())
        .await?;
        row.map(monitored_from_row).transpose()
    }

    /// Records a monitoring hit with its event; returns false (and writes nothing) when this
    /// hit was already reported, or when the subject was unenrolled after the monitoring run
    /// read it (so no event ever follows an unenroll).
    pub async fn record_monitor_hit(&self, hit: &NewMonitorHit) -> StoreResult<bool> {
        let mut tx = self.pool().begin().await?;
        let inserted = sqlx::query(
            "INSERT INTO screening_monitor_hits \
             (monitored_id, source, entry_id, version_id, content_hash, score, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING",
        )
        .bind(hit.monitored_id.as_str())
        .bind(&hit.source)
        .bind(&hit.entry_id)
        .bind(hit.version_id.as_str())
        .bind(&hit.content_hash)
        .bind(hit.score)
        .bind(hit.event.created_at)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        // Checked after the insert, which already holds the write lock: on SQLite a read that
        // later upgrades to a write fails with SQLITE_BUSY instead of waiting.
        let enrolled: Option<Option<i64>> =
            sqlx::query_scalar("SELECT unenrolled_at FROM screening_monitored WHERE id = $1")
                .bind(hit.monitored_id.as_str())
                .fetch_optional(&mut *tx)
                .await?;
        if inserted == 0 || !matches!(enrolled, Some(None)) {
            tx.rollback().await?;
            return Ok(false);
        }
        insert_event(&mut tx, &hit.event).await?;
        tx.commit().await?;
        self.signal_outbox();
        Ok(true)
    }
}

fn version_from_row(row: sqlx::any::AnyRow) -> ListVersionRecord {
    ListVersionRecord {
        id: ListVersionId::from_db(row.get("id")),
        source: row.get("source"),
        published: row.get("published"),
        checksum: row.get("checksum"),
        files: row.get("files"),
        counts: row.get("counts"),
        entry_count: row.get("entry_count"),
        imported_at: row.get("imported_at"),
        active: row.get::<i64, _>("active") == 1,
        previous_id: row
            .get::<Option<String>, _>("previous_id")
            .map(ListVersionId::from_db),
        monitored_at: row.get("monitored_at"),
    }
}

fn monitored_from_row(row: sqlx::any::AnyRow) -> StoreResult<MonitoredRecord> {
    let mode: String = row.get("mode");
    Ok(MonitoredRecord {
        id: MonitoredId::from_db(row.get("id")),
        tenant_id: TenantId::from_db(row.get("tenant_id")),
        mode: Mode::parse(&mode)
            .ok_or_else(|| StoreError::Corrupt(format!("monitored subject mode {mode:?}")))?,
        verification_id: row
            .get::<Option<String>, _>("verification_id")
            .map(VerificationId::from_db),
        reference_id: row.get("reference_id"),
        sealed_subject: row.get("subject"),
        created_at: row.get("created_at"),
        unenrolled_at: row.get("unenrolled_at"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(id: &str, previous: Option<&str>, monitored: bool) -> ListVersionRecord {
        ListVersionRecord {
            id: ListVersionId::from_db(id.to_owned()),
            source: "ofac_sdn".into(),
            published: None,
            checksum: String::new(),
            files: "[]".into(),
            counts: "{}".into(),
            entry_count: 0,
            imported_at: 0,
            active: false,
            previous_id: previous.map(|p| ListVersionId::from_db(p.to_owned())),
            monitored_at: monitored.then_some(1),
        }
    }

    fn ids(v: &[&str]) -> Vec<ListVersionId> {
        v.iter()
            .map(|i| ListVersionId::from_db((*i).to_owned()))
            .collect()
    }

    #[test]
    fn diff_base_skips_versions_whose_monitoring_never_finished() {
        let history = vec![
            version("v3", Some("v2"), false),
            version("v2", Some("v1"), false),
            version("v1", None, true),
        ];
        let v3 = ListVersionId::from_db("v3".into());
        let v2 = ListVersionId::from_db("v2".into());
        let v1 = ListVersionId::from_db("v1".into());
        // A new v4 after v3: v3 and v2 were never screened, so the diff is against v1.
        assert_eq!(
            diff_base(&history, Some(&v3)),
            DiffBase {
                base: Some(v1.clone()),
                superseded: ids(&["v3", "v2", "v1"])
            }
        );
        assert_eq!(
            diff_base(&history, Some(&v1)),
            DiffBase {
                base: Some(v1),
                superseded: ids(&["v1"])
            }
        );
        assert_eq!(
            diff_base(&history, None),
            DiffBase {
                base: None,
                superseded: vec![]
            }
        );
        // No screened ancestor at all: everything counts as added.
        let unscreened = vec![version("v2", None, false)];
        assert_eq!(
            diff_base(&unscreened, Some(&v2)),
            DiffBase {
                base: None,
                superseded: ids(&["v2"])
            }
        );
    }
}
