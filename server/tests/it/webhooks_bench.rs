//! Webhook delivery benchmark (ignored by default; docs/benchmarks.md has results):
//!
//! ```text
//! KYRA_TEST_POSTGRES_URL=postgres://… cargo test -p kyra-server --test it webhooks_bench -- --ignored --nocapture
//! ```
//!
//! Set `KYRA_BENCH_BIN` to a release `kyra` binary to measure that instead of the debug build.
//! For 1, 10 and 100 endpoints on each database it measures:
//! - **throughput**: a backlog of events is written with the dispatcher off, then a fresh
//!   `kyra serve` drains it; deliveries/s = deliveries / (last arrival − first arrival);
//! - **latency**: with the dispatcher idle, verifications are created at a steady rate (about 200
//!   deliveries/s) and the
//!   time from the event's timestamp (taken just before its transaction commits) to the first
//!   arrival of its message at the receiver is recorded; p50/p99 are reported.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::common::{client, create_tenant, Db, Server, TestDb};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use serde_json::{json, Value};

#[derive(Default)]
struct Tally {
    count: AtomicU64,
    /// webhook-id → (first arrival ms, event timestamp ms).
    first: Mutex<HashMap<String, (i64, i64)>>,
    first_at: Mutex<Option<Instant>>,
    last_at: Mutex<Option<Instant>>,
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

async fn receive(State(tally): State<Arc<Tally>>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let arrived = now_ms();
    let instant = Instant::now();
    let id = headers
        .get("webhook-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let event_ms = serde_json::from_slice::<Value>(&body)
        .ok()
        .and_then(|v| v["timestamp"].as_str().map(str::to_owned))
        .and_then(|t| {
            time::OffsetDateTime::parse(&t, &time::format_description::well_known::Rfc3339).ok()
        })
        .map(|t| (t.unix_timestamp_nanos() / 1_000_000) as i64)
        .unwrap_or(arrived);
    tally
        .first
        .lock()
        .expect("lock")
        .entry(id)
        .or_insert((arrived, event_ms));
    tally.first_at.lock().expect("lock").get_or_insert(instant);
    *tally.last_at.lock().expect("lock") = Some(instant);
    tally.count.fetch_add(1, Ordering::SeqCst);
    StatusCode::NO_CONTENT
}

async fn start_receiver() -> (String, Arc<Tally>) {
    let tally = Arc::new(Tally::default());
    let app = axum::Router::new()
        .fallback(receive)
        .with_state(tally.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(listener, app).await });
    (format!("http://{addr}"), tally)
}

fn env(dispatcher: bool) -> Vec<(&'static str, &'static str)> {
    vec![
        ("KYRA_WEBHOOKS_ALLOW_HOSTS", "127.0.0.1"),
        // The backlog is written as fast as the API takes it, past the default per-key limit.
        ("KYRA_RATE_LIMIT_PER_SECOND", "0"),
        (
            "KYRA_WEBHOOKS_DISPATCHER",
            if dispatcher { "true" } else { "false" },
        ),
    ]
}

async fn post(server: &Server, key: &str, path: &str, body: Value) -> Value {
    let response = client()
        .post(server.url(&format!("/api/v1{path}")))
        .bearer_auth(key)
        .json(&body)
        .send()
        .await
        .expect("request");
    assert!(
        response.status().is_success(),
        "{path}: {}",
        response.status()
    );
    response.json().await.expect("json")
}

/// Creates `n` verifications with 16 concurrent clients.
async fn create_many(server: &Server, key: &str, n: usize) {
    let next = Arc::new(AtomicU64::new(0));
    let mut tasks = Vec::new();
    for _ in 0..16 {
        let next = next.clone();
        let base = server.base.clone();
        let key = key.to_owned();
        tasks.push(tokio::spawn(async move {
            let http = client();
            while next.fetch_add(1, Ordering::SeqCst) < n as u64 {
                let response = http
                    .post(format!("{base}/api/v1/verifications"))
                    .bearer_auth(&key)
                    .json(&json!({}))
                    .send()
                    .await
                    .expect("request");
                assert_eq!(response.status(), 201);
            }
        }));
    }
    for task in tasks {
        task.await.expect("task");
    }
}

async fn wait_count(tally: &Tally, target: u64, limit: Duration) {
    let deadline = Instant::now() + limit;
    while tally.count.load(Ordering::SeqCst) < target {
        assert!(
            Instant::now() < deadline,
            "only {} of {target} deliveries",
            tally.count.load(Ordering::SeqCst)
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

fn percentile(sorted: &[i64], p: f64) -> i64 {
    if sorted.is_empty() {
        return 0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

async fn run(db_kind: Db, endpoints: usize) -> String {
    let db = TestDb::new(db_kind).await;
    let tenant = create_tenant(&db, "bench").await;
    let key = tenant["api_key"].as_str().expect("key").to_owned();
    let (base, tally) = start_receiver().await;

    // Backlog with the dispatcher off.
    let writer = Server::start_with_env(&db, &env(false)).await;
    for i in 0..endpoints {
        post(
            &writer,
            &key,
            "/webhook-endpoints",
            json!({"url": format!("{base}/e{i}")}),
        )
        .await;
    }
    let events = (3000 / endpoints).max(30);
    create_many(&writer, &key, events).await;
    writer.terminate().await;

    let total = (events * endpoints) as u64;
    let server = Server::start_with_env(&db, &env(true)).await;
    wait_count(&tally, total, Duration::from_secs(600)).await;
    let first = tally.first_at.lock().expect("lock").expect("first");
    let last = tally.last_at.lock().expect("lock").expect("last");
    let throughput = total as f64 / (last - first).as_secs_f64().max(0.001);

    // Latency at a steady load of about 200 deliveries/s (a fifth of the target throughput),
    // dispatcher idle beforehand: one verification every `endpoints` × 5 ms, at least 20 ms.
    tally.first.lock().expect("lock").clear();
    let before = tally.count.load(Ordering::SeqCst);
    let probes = 100;
    let interval = Duration::from_millis((endpoints as u64 * 5).max(20));
    for _ in 0..probes {
        post(&server, &key, "/verifications", json!({})).await;
        tokio::time::sleep(interval).await;
    }
    wait_count(
        &tally,
        before + (probes * endpoints) as u64,
        Duration::from_secs(300),
    )
    .await;
    let mut latencies: Vec<i64> = tally
        .first
        .lock()
        .expect("lock")
        .values()
        .map(|(arrived, event)| arrived - event)
        .collect();
    latencies.sort_unstable();
    server.terminate().await;
    db.drop_database().await;
    format!(
        "| {db_kind:?} | {endpoints} | {total} | {throughput:.0} | {} | {} | {} |",
        percentile(&latencies, 50.0),
        percentile(&latencies, 99.0),
        latencies.last().copied().unwrap_or(0)
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "benchmark: run with --ignored --nocapture"]
async fn webhook_delivery_benchmark() {
    let mut databases = vec![Db::Sqlite];
    if std::env::var("KYRA_TEST_POSTGRES_URL").is_ok() {
        databases.push(Db::Postgres);
    }
    let mut rows = Vec::new();
    for db in databases {
        for endpoints in [1, 10, 100] {
            let row = run(db, endpoints).await;
            println!("{row}");
            rows.push(row);
        }
    }
    println!("\n| database | endpoints | deliveries | deliveries/s | p50 commit→first attempt (ms) | p99 (ms) | max (ms) |");
    println!("|---|---|---|---|---|---|---|");
    for row in rows {
        println!("{row}");
    }
}
