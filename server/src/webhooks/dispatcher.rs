//! The dispatcher: a task inside `kyra serve` that turns outbox events into signed HTTP
//! deliveries. Several replicas may run it against one PostgreSQL database (claims use
//! `FOR UPDATE SKIP LOCKED`); on SQLite the one process is the one claimer.
//!
//! Guarantees: at-least-once (a message is marked done only after a 2xx, and a claim that dies
//! with its process expires), the same `webhook-id` on every retry, and no event lost to a crash
//! at any point (fan-out and claim are transactions over rows written with the state change).

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::dns::{Name, Resolve, Resolving};
use tokio::sync::{mpsc, watch};
use tokio::task::JoinSet;

use super::retry;
use super::signing::{signature_header, Signer};
use super::ssrf::AllowList;
use crate::config::WebhooksConfig;
use crate::crypto::Sealer;
use crate::store::{payload_binding, AttemptOutcome, DueDelivery, NextStep, Store};

/// Bytes of a receiver's response kept in the delivery log.
const RESPONSE_EXCERPT_BYTES: usize = 1024;
/// Events turned into messages per fan-out transaction.
const FAN_OUT_BATCH: i64 = 500;
/// Attempt outcomes written per transaction by the recorder.
const RECORD_BATCH: usize = 256;

#[derive(Clone)]
pub struct Dispatcher {
    store: Store,
    sealer: Arc<Sealer>,
    config: Arc<WebhooksConfig>,
    allow: AllowList,
    client: reqwest::Client,
}

/// The HTTP client's resolver: resolves, then keeps only addresses the SSRF guard accepts. The
/// client connects to exactly these, so the check cannot be raced by a second DNS answer.
struct GuardedResolver {
    allow: AllowList,
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let allow = self.allow.clone();
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let addrs = allow.resolve(&host, 0).await?;
            Ok(Box::new(addrs.into_iter()) as Box<dyn Iterator<Item = SocketAddr> + Send>)
        })
    }
}

/// The client every delivery goes through: no redirects (a 3xx is a failed attempt, never a
/// detour to an unchecked address), a hard timeout, and the guarded resolver.
pub fn http_client(allow: &AllowList, timeout: Duration) -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(timeout)
        .connect_timeout(timeout)
        .pool_max_idle_per_host(64)
        .user_agent(concat!("Kyra-Webhooks/", env!("CARGO_PKG_VERSION")))
        .dns_resolver(Arc::new(GuardedResolver {
            allow: allow.clone(),
        }))
        .build()
}

impl Dispatcher {
    pub fn new(
        store: Store,
        sealer: Arc<Sealer>,
        config: &WebhooksConfig,
    ) -> reqwest::Result<Dispatcher> {
        let allow = AllowList::new(&config.allow_hosts);
        let client = http_client(&allow, Duration::from_millis(config.timeout_ms))?;
        Ok(Dispatcher {
            store,
            sealer,
            config: Arc::new(config.clone()),
            allow,
            client,
        })
    }

    /// Runs until `shutdown` turns true, then waits (bounded by the delivery timeout) for the
    /// deliveries in flight. Anything unfinished is claimed again after its lease.
    pub async fn run(self, mut shutdown: watch::Receiver<bool>) {
        let poll = Duration::from_millis(self.config.poll_interval_ms.max(1));
        let capacity = self.config.max_in_flight.max(1);
        let (outcomes, outcomes_rx) = mpsc::channel(capacity * 4);
        let recorder = tokio::spawn(self.clone().record(outcomes_rx));
        let mut in_flight: JoinSet<()> = JoinSet::new();
        tracing::info!(
            allow_hosts = self.config.allow_hosts.len(),
            "webhook dispatcher started"
        );
        loop {
            if *shutdown.borrow() {
                break;
            }
            while in_flight.try_join_next().is_some() {}
            let busy = match self.tick(&mut in_flight, capacity, &outcomes).await {
                Ok(busy) => busy,
                Err(err) => {
                    tracing::warn!(error = %err, "webhook dispatcher pass failed; retrying");
                    false
                }
            };
            if busy && in_flight.len() < capacity {
                continue;
            }
            tokio::select! {
                _ = shutdown.changed() => {}
                _ = tokio::time::sleep(poll) => {}
                _ = self.store.outbox_written() => {}
                Some(_) = in_flight.join_next(), if !in_flight.is_empty() => {}
            }
        }
        let grace = Duration::from_millis(self.config.timeout_ms + 2_000);
        let drained = tokio::time::timeout(grace, async {
            while in_flight.join_next().await.is_some() {}
        })
        .await;
        if drained.is_err() {
            in_flight.abort_all();
        }
        drop(outcomes);
        if let Err(err) = recorder.await {
            tracing::error!(error = %err, "webhook recorder panicked");
        }
        tracing::info!("webhook dispatcher stopped");
    }

    /// Writes attempt outcomes in batches until every sender is gone. A batch that cannot be
    /// written is not lost either: its messages' claims expire and they are delivered again.
    async fn record(self, mut outcomes: mpsc::Receiver<AttemptOutcome>) {
        let mut batch = Vec::with_capacity(RECORD_BATCH);
        while outcomes.recv_many(&mut batch, RECORD_BATCH).await > 0 {
            match self
                .store
                .record_attempts(&batch, self.config.disable_after_failures)
                .await
            {
                Ok(disabled) => {
                    for endpoint in disabled {
                        tracing::warn!(
                            endpoint = %endpoint,
                            "webhook endpoint disabled; re-enable it with PATCH {{\"enabled\": true}}"
                        );
                    }
                }
                Err(err) => tracing::error!(
                    error = %err,
                    attempts = batch.len(),
                    "could not record webhook attempts; they will be retried after their lease"
                ),
            }
            batch.clear();
        }
    }

    /// One pass: fan out new events, claim what is due and start delivering it. Returns whether
    /// there was work, so the loop goes again without sleeping.
    async fn tick(
        &self,
        in_flight: &mut JoinSet<()>,
        capacity: usize,
        outcomes: &mpsc::Sender<AttemptOutcome>,
    ) -> Result<bool, crate::store::StoreError> {
        let now = crate::store::now_ms();
        let fanned = self.store.fan_out_events(FAN_OUT_BATCH, now).await?;
        let free = capacity.saturating_sub(in_flight.len());
        if free == 0 {
            return Ok(true);
        }
        let claimed = self
            .store
            .claim_due_messages(free as i64, now, self.lease_ms())
            .await?;
        if claimed.is_empty() {
            return Ok(fanned > 0);
        }
        let deliveries = self.store.load_deliveries(&claimed).await?;
        for delivery in deliveries {
            let this = self.clone();
            let outcomes = outcomes.clone();
            in_flight.spawn(async move {
                let outcome = this.deliver(delivery).await;
                // Only fails when the recorder is gone (shutdown); the lease covers that.
                let _ = outcomes.send(outcome).await;
            });
        }
        Ok(true)
    }

    /// The claim lease, never shorter than a delivery can take.
    fn lease_ms(&self) -> i64 {
        self.config.lease_ms.max(self.config.timeout_ms + 2_000) as i64
    }

    /// Signs and sends one message, and decides what happens next.
    pub async fn deliver(&self, d: DueDelivery) -> AttemptOutcome {
        let attempt = d.attempts + 1;
        let attempted_at = crate::store::now_ms();
        let started = Instant::now();
        let result = self.send(&d, attempted_at).await;
        let latency_ms = started.elapsed().as_millis() as i64;
        let (status_code, response_excerpt, error, kyra_fault) = match result {
            Ok((status, excerpt)) => (Some(status), Some(excerpt), None, false),
            Err(Failure::Receiver(error)) => (None, None, Some(error), false),
            Err(Failure::Kyra(error)) => {
                // An alert, not a warning: no receiver can fix this, an operator must (a lost
                // or rotated master key, a corrupt row, a bug in how the body was sealed).
                tracing::error!(
                    alert = "webhook_internal_failure",
                    message_id = %d.message_id,
                    event_id = %d.event_id,
                    endpoint = %d.endpoint.id,
                    error = %error,
                    "a webhook could not be built; it is retried and does not count against the endpoint"
                );
                let error =
                    format!("Kyra internal error (not counted against this endpoint): {error}");
                (None, None, Some(error), true)
            }
        };
        let next = match status_code {
            Some(code) if (200..300).contains(&code) => NextStep::Succeeded,
            Some(410) => NextStep::DisableEndpoint("the endpoint answered 410 Gone".to_owned()),
            _ => match retry::next_attempt_at(attempt, attempted_at, self.config.retry_scale) {
                Some(at) => NextStep::RetryAt(at),
                None => NextStep::GiveUp,
            },
        };
        AttemptOutcome {
            message_id: d.message_id,
            endpoint_id: d.endpoint.id,
            attempt,
            attempted_at,
            status_code,
            latency_ms,
            response_excerpt,
            error,
            kyra_fault,
            next,
        }
    }

    /// Returns the status and the start of the body, or what went wrong and whose fault it is.
    async fn send(&self, d: &DueDelivery, now_ms: i64) -> Result<(u16, String), Failure> {
        let bound = payload_binding(&d.tenant_id, d.verification_id.as_deref());
        let body = self
            .sealer
            .open(&d.payload, bound)
            .map_err(|e| Failure::Kyra(format!("cannot open the event payload: {e}")))?;
        let keys = self
            .signing_keys(d, now_ms)
            .map_err(|e| Failure::Kyra(format!("cannot open the signing secret: {e}")))?;
        let url = url::Url::parse(&d.endpoint.url)
            .map_err(|e| Failure::Receiver(format!("invalid URL: {e}")))?;
        // IP literals never reach the resolver, so they are checked here.
        if let Some(url::Host::Ipv4(_) | url::Host::Ipv6(_)) = url.host() {
            let host = url.host_str().unwrap_or_default();
            self.allow
                .resolve(host, url.port_or_known_default().unwrap_or(443))
                .await
                .map_err(|e| Failure::Receiver(e.to_string()))?;
        }
        let id = d.message_id.as_str();
        let timestamp = now_ms / 1000;
        let key_refs: Vec<&Signer> = keys.iter().collect();
        let signature = signature_header(&key_refs, id, timestamp, &body);
        let mut response = self
            .client
            .post(url)
            .header("content-type", "application/json")
            .header("webhook-id", id)
            .header("webhook-timestamp", timestamp.to_string())
            .header("webhook-signature", signature)
            .body(body)
            .send()
            .await
            .map_err(|e| Failure::Receiver(error_chain(&e)))?;
        let status = response.status().as_u16();
        let mut excerpt = Vec::new();
        while excerpt.len() < RESPONSE_EXCERPT_BYTES {
            match response.chunk().await {
                Ok(Some(chunk)) => excerpt.extend_from_slice(&chunk),
                Ok(None) | Err(_) => break,
            }
        }
        excerpt.truncate(RESPONSE_EXCERPT_BYTES);
        Ok((status, String::from_utf8_lossy(&excerpt).into_owned()))
    }

    /// The current secret, plus the previous one while its rotation grace period lasts.
    fn signing_keys(
        &self,
        d: &DueDelivery,
        now_ms: i64,
    ) -> Result<Vec<Signer>, Box<dyn std::error::Error>> {
        let e = &d.endpoint;
        let open = |sealed: &str| -> Result<Signer, Box<dyn std::error::Error>> {
            let plain = self.sealer.open(sealed, e.id.as_str())?;
            Ok(Signer::parse(&String::from_utf8(plain)?)?)
        };
        let mut keys = vec![open(&e.secret_sealed)?];
        if let (Some(previous), Some(until)) =
            (&e.previous_secret_sealed, e.previous_secret_expires_at)
        {
            if until > now_ms {
                keys.push(open(previous)?);
            }
        }
        Ok(keys)
    }
}

/// Why an attempt failed, and whose fault it was.
enum Failure {
    /// The receiver could not be reached, or refused (its URL, its network, its answer).
    Receiver(String),
    /// Kyra could not build the request: never held against the endpoint.
    Kyra(String),
}

/// An error with its causes, e.g. `error sending request: … : the host resolves to 127.0.0.1 …`.
fn error_chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
