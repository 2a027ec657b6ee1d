//! Expires verifications whose link passed `expires_at` while the applicant could still act.
//! Each expiry is a guarded transition with its events, so replicas sweeping the same database
//! concurrently expire each verification exactly once.

use std::time::Duration;

use crate::lifecycle;
use crate::state::AppState;
use crate::store::{now_ms, AlsoWrite};
use crate::verification::open_applicant;

const BATCH: i64 = 200;

pub fn spawn(state: AppState, every: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(err) = state.store.purge_idempotency_keys().await {
                tracing::warn!(error = %err, "idempotency key purge failed");
            }
            match sweep(&state).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(expired = n, "expired verifications"),
                Err(err) => tracing::warn!(error = %err, "expiry sweep failed"),
            }
        }
    })
}

/// One pass; returns how many verifications it expired.
pub async fn sweep(state: &AppState) -> anyhow::Result<usize> {
    let mut expired = 0;
    loop {
        let now = now_ms();
        let due = state.store.due_for_expiry(now, BATCH).await?;
        let batch = due.len();
        for record in due {
            let Ok(change) = lifecycle::expire(&record, now) else {
                continue;
            };
            let applicant = open_applicant(&state.sealer, &record)?;
            let (next, events) =
                change.into_events(&state.sealer, &record, &applicant, "system", None, now);
            if state
                .store
                .save_transition(&record, &next, &events, AlsoWrite::Nothing)
                .await?
            {
                expired += 1;
            }
        }
        if (batch as i64) < BATCH {
            return Ok(expired);
        }
    }
}
