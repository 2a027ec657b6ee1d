//! Ongoing monitoring: subjects enrolled by tenants are re-screened whenever a list version
//! changes, against the *added or changed* entries only (diffed by entry id and content hash),
//! and each new hit becomes a `screening.match` event.
//!
//! Screening the changes only keeps a daily import cheap however many subjects are monitored:
//! the index over a few dozen changed entries answers in microseconds.

use std::collections::HashMap;

use kyra_checks::screening::{
    Classification, Hit, ListEntry, ScreeningIndex, SearchOptions, Subject, Thresholds,
};
use serde::{Deserialize, Serialize};

use crate::crypto::{CryptoError, Sealer};
use crate::ids::{ListVersionId, MonitoredId};
use crate::store::{
    now_ms, payload_binding, MonitoredRecord, NewEvent, NewMonitorHit, Store, StoreError,
};
use crate::verification::rfc3339;

/// Subjects read per page while re-screening.
const PAGE: i64 = 500;

#[derive(Debug, thiserror::Error)]
pub enum MonitorError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("monitored subject {id}: {source}")]
    Unseal { id: String, source: CryptoError },
    #[error("monitored subject {id} is corrupt: {reason}")]
    Corrupt { id: String, reason: String },
}

/// What is sealed in a monitored row: the subject and the thresholds of the flow that enrolled
/// it (so a monitoring hit is classified as the tenant's screening call would have been).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MonitoredSubject {
    pub subject: Subject,
    pub thresholds: Thresholds,
}

impl MonitoredSubject {
    pub fn seal(&self, sealer: &Sealer, id: &MonitoredId) -> String {
        let json = serde_json::to_vec(self).unwrap_or_default();
        sealer.seal(&json, id.as_str())
    }

    pub fn open(sealer: &Sealer, record: &MonitoredRecord) -> Result<Self, MonitorError> {
        let bytes = sealer
            .open(&record.sealed_subject, record.id.as_str())
            .map_err(|source| MonitorError::Unseal {
                id: record.id.to_string(),
                source,
            })?;
        serde_json::from_slice(&bytes).map_err(|e| MonitorError::Corrupt {
            id: record.id.to_string(),
            reason: e.to_string(),
        })
    }
}

/// An added or changed entry of a new list version.
#[derive(Debug, Clone)]
pub struct ChangedEntry {
    pub entry: ListEntry,
    pub version_id: ListVersionId,
    pub content_hash: String,
}

/// Outcome of one monitoring run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct MonitorReport {
    pub changed_entries: usize,
    pub subjects: usize,
    pub new_hits: usize,
}

/// Re-screens every monitored subject against `changed`. `progress` is called after each page
/// with the report so far.
pub async fn rescreen(
    store: &Store,
    sealer: &Sealer,
    changed: Vec<ChangedEntry>,
    mut progress: impl FnMut(&MonitorReport),
) -> Result<MonitorReport, MonitorError> {
    let mut report = MonitorReport {
        changed_entries: changed.len(),
        ..MonitorReport::default()
    };
    if changed.is_empty() {
        return Ok(report);
    }
    let meta: HashMap<(String, String), (ListVersionId, String)> = changed
        .iter()
        .map(|c| {
            (
                (c.entry.source.as_str().to_owned(), c.entry.id.clone()),
                (c.version_id.clone(), c.content_hash.clone()),
            )
        })
        .collect();
    let index = ScreeningIndex::build(changed.into_iter().map(|c| c.entry).collect());
    let mut after: Option<MonitoredId> = None;
    loop {
        let page = store.monitored_page(after.as_ref(), PAGE).await?;
        let last = page.last().map(|r| r.id.clone());
        for record in &page {
            let monitored = MonitoredSubject::open(sealer, record)?;
            let opts = SearchOptions {
                min_score: monitored.thresholds.review(),
                ..SearchOptions::default()
            };
            for hit in index.screen(&monitored.subject, &opts) {
                let key = (hit.source.as_str().to_owned(), hit.entry_id.clone());
                let Some((version_id, content_hash)) = meta.get(&key) else {
                    continue;
                };
                let classification = monitored.thresholds.classify(hit.score);
                let event = match_event(sealer, record, &index, &hit, classification, version_id);
                let new = store
                    .record_monitor_hit(&NewMonitorHit {
                        monitored_id: record.id.clone(),
                        source: key.0,
                        entry_id: key.1,
                        version_id: version_id.clone(),
                        content_hash: content_hash.clone(),
                        score: hit.score,
                        event,
                    })
                    .await?;
                if new {
                    report.new_hits += 1;
                }
            }
        }
        report.subjects += page.len();
        progress(&report);
        match last {
            Some(id) if page.len() as i64 == PAGE => after = Some(id),
            _ => return Ok(report),
        }
    }
}

/// The `screening.match` event of a monitoring hit. Its body holds personal data (the
/// subject's reference and the matched entry), so it is sealed like every event body
/// ([`payload_binding`]: no verification, so to the tenant).
fn match_event(
    sealer: &Sealer,
    record: &MonitoredRecord,
    index: &ScreeningIndex,
    hit: &Hit,
    classification: Classification,
    version_id: &ListVersionId,
) -> NewEvent {
    let now = now_ms();
    let entry = index.entries().get(hit.entry);
    let body = serde_json::json!({
        "type": "screening.match",
        "timestamp": rfc3339(now),
        "data": {
            "monitoring_id": record.id,
            "reference_id": record.reference_id,
            "verification_id": record.verification_id,
            "classification": classification,
            "score": hit.score,
            "list": { "source": hit.source, "version_id": version_id },
            "entry": entry,
            "matched_name": hit.matched_name,
            "matched_kind": hit.matched_kind,
            "explanation": hit.explanation,
        }
    })
    .to_string();
    NewEvent {
        tenant_id: record.tenant_id.clone(),
        mode: record.mode,
        verification_id: None,
        sequence: 0,
        kind: "screening.match",
        actor: "system".to_owned(),
        payload: sealer.seal(body.as_bytes(), payload_binding(&record.tenant_id, None)),
        request_id: None,
        created_at: now,
    }
}
