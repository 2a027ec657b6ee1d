//! Expires verifications whose link passed `expires_at` while the applicant could still act.
//! Each expiry is a guarded transition with its events, so replicas sweeping the same database
//! concurrently expire each verification exactly once.

use std::time::Duration;

use crate::context::Context;
use crate::lifecycle;
use crate::store::{now_ms, AlsoWrite};
use crate::verification::open_applicant;

const BATCH: i64 = 200;

pub fn spawn(state: Context, every: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(err) = state.store.purge_idempotency_keys().await {
                tracing::warn!(error = %err, "idempotency key purge failed");
            }
            purge_delivery_log(&state).await;
            if let Err(err) = state
                .store
                .delete_expired_sessions(crate::store::now_ms())
                .await
            {
                tracing::warn!(error = %err, "console session purge failed");
            }
            match sweep(&state).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(expired = n, "expired verifications"),
                Err(err) => tracing::warn!(error = %err, "expiry sweep failed"),
            }
        }
    })
}

/// Finished webhook messages past `[webhooks] retention_days`, a bounded batch per tick so a
/// large backlog never holds the writer for long.
async fn purge_delivery_log(state: &Context) {
    const PER_TICK: i64 = 1_000;
    let keep_ms = (state.config.webhooks.retention_days * 86_400_000.0) as i64;
    match state
        .store
        .purge_delivered(now_ms() - keep_ms, PER_TICK)
        .await
    {
        Ok(0) => {}
        Ok(n) => tracing::info!(messages = n, "purged webhook delivery log past retention"),
        Err(err) => tracing::warn!(error = %err, "webhook delivery log purge failed"),
    }
}

/// One pass; returns how many verifications it expired.
pub async fn sweep(state: &Context) -> anyhow::Result<usize> {
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
