//! A real webhook receiver on loopback for the tests, and Standard Webhooks signature checking
//! written from the specification, independently of Kyra's code.

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hmac::{Hmac, Mac};
use serde_json::Value;
use sha2::Sha256;

/// Settings that shrink three days of retries to about a second and let loopback through.
pub const FAST: &[(&str, &str)] = &[
    ("KYRA_WEBHOOKS_ALLOW_HOSTS", "127.0.0.1,localhost"),
    ("KYRA_WEBHOOKS_RETRY_SCALE", "0.002"),
    ("KYRA_WEBHOOKS_POLL_INTERVAL_MS", "20"),
    ("KYRA_WEBHOOKS_TIMEOUT_MS", "2000"),
    ("KYRA_WEBHOOKS_LEASE_MS", "1000"),
];

#[derive(Clone, Debug)]
pub struct Received {
    pub path: String,
    pub headers: HashMap<String, String>,
    pub body: Vec<u8>,
}

impl Received {
    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).map(String::as_str).unwrap_or("")
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).expect("delivery body is JSON")
    }
}

#[derive(Clone, Default)]
pub struct ReceiverState {
    pub received: Arc<Mutex<Vec<Received>>>,
    /// Statuses to answer with, in order; 200 once empty. `/gone` always answers 410.
    pub plan: Arc<Mutex<VecDeque<u16>>>,
    pub delay: Arc<Mutex<Duration>>,
}

/// A real HTTP receiver on 127.0.0.1.
pub struct Receiver {
    pub addr: SocketAddr,
    pub state: ReceiverState,
}

impl Receiver {
    pub async fn start() -> Receiver {
        let state = ReceiverState::default();
        let app = axum::Router::new()
            .fallback(receive)
            .with_state(state.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind receiver");
        let addr = listener.local_addr().expect("addr");
        tokio::spawn(async move { axum::serve(listener, app).await });
        Receiver { addr, state }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub fn plan(&self, statuses: &[u16]) {
        self.state
            .plan
            .lock()
            .expect("lock")
            .extend(statuses.iter().copied());
    }

    pub fn received(&self) -> Vec<Received> {
        self.state.received.lock().expect("lock").clone()
    }

    /// Waits until `check` holds for the deliveries received so far.
    pub async fn wait_for(&self, what: &str, check: impl Fn(&[Received]) -> bool) -> Vec<Received> {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let received = self.received();
            if check(&received) {
                return received;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; received {} deliveries",
                received.len()
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }
}

async fn receive(
    State(state): State<ReceiverState>,
    uri: axum::http::Uri,
    headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
    let delay = *state.delay.lock().expect("lock");
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    let headers = headers
        .iter()
        .map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap_or("").to_owned()))
        .collect();
    state.received.lock().expect("lock").push(Received {
        path: uri.path().to_owned(),
        headers,
        body: body.to_vec(),
    });
    match uri.path() {
        "/gone" => return StatusCode::GONE,
        "/down" => return StatusCode::SERVICE_UNAVAILABLE,
        _ => {}
    }
    let status = state.plan.lock().expect("lock").pop_front().unwrap_or(200);
    StatusCode::from_u16(status).unwrap_or(StatusCode::OK)
}

/// Standard Webhooks verification, written from the specification independently of Kyra's code:
/// base64-decode the secret after `whsec_`, HMAC-SHA256 over `id.timestamp.body`, compare with
/// any `v1,` entry of the header. Returns how many entries match.
pub fn matching_signatures(secret: &str, delivery: &Received) -> usize {
    let key = STANDARD
        .decode(secret.strip_prefix("whsec_").expect("whsec_ prefix"))
        .expect("base64 secret");
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).expect("hmac key");
    mac.update(
        format!(
            "{}.{}.",
            delivery.header("webhook-id"),
            delivery.header("webhook-timestamp")
        )
        .as_bytes(),
    );
    mac.update(&delivery.body);
    let expected = STANDARD.encode(mac.finalize().into_bytes());
    delivery
        .header("webhook-signature")
        .split(' ')
        .filter(|s| s.strip_prefix("v1,") == Some(expected.as_str()))
        .count()
}
