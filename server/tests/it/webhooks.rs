//! Webhooks over real HTTP on both databases: a real receiver on loopback gets signed deliveries;
//! signatures are checked with an independent HMAC implementation (`common::receiver`), not
//! Kyra's.

use std::time::{Duration, Instant};

use crate::common::receiver::{matching_signatures, Receiver, FAST};
use crate::common::{
    client, create_tenant, create_verification, expect_problem, kyra, Db, Server, TestDb,
};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde_json::{json, Value};

/// Polls `check` until it yields a value (at most 15 s).
async fn eventually<T, F, Fut>(what: &str, check: F) -> T
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if let Some(value) = check().await {
            return value;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn api(
    server: &Server,
    key: &str,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> reqwest::Response {
    let mut request = client()
        .request(method, server.url(&format!("/api/v1{path}")))
        .bearer_auth(key);
    if let Some(body) = body {
        request = request.json(&body);
    }
    request.send().await.expect("request")
}

async fn create_endpoint(server: &Server, key: &str, body: Value) -> Value {
    let response = api(
        server,
        key,
        reqwest::Method::POST,
        "/webhook-endpoints",
        Some(body),
    )
    .await;
    assert_eq!(
        response.status(),
        201,
        "endpoint create failed: {:?}",
        response.text().await
    );
    response.json().await.expect("json")
}

async fn signed_delivery_of_verification_created(db: Db) {
    let db = TestDb::new(db).await;
    let tenant = create_tenant(&db, "acme").await;
    let key = tenant["api_key"].as_str().expect("key");
    let server = Server::start_with_env(&db, FAST).await;
    let receiver = Receiver::start().await;

    let endpoint = create_endpoint(
        &server,
        key,
        json!({"url": receiver.url("/hooks"), "events": ["verification.created"], "description": "main"}),
    )
    .await;
    let secret = endpoint["secret"].as_str().expect("secret shown once");
    assert!(secret.starts_with("whsec_"));
    assert_eq!(endpoint["enabled"], true);
    let id = endpoint["id"].as_str().expect("id");
    assert!(id.starts_with("whe_"));

    // The secret is never shown again.
    let got: Value = api(
        &server,
        key,
        reqwest::Method::GET,
        &format!("/webhook-endpoints/{id}"),
        None,
    )
    .await
    .json()
    .await
    .expect("json");
    assert!(got.get("secret").is_none());
    assert_eq!(got["events"], json!(["verification.created"]));

    let created = create_verification(&server, key, json!({"reference_id": "user_1"})).await;
    let received = receiver
        .wait_for("verification.created", |r| !r.is_empty())
        .await;
    let delivery = &received[0];
    assert_eq!(delivery.path, "/hooks");
    assert!(delivery.header("webhook-id").starts_with("msg_"));
    assert!(delivery
        .header("content-type")
        .starts_with("application/json"));
    let timestamp: i64 = delivery
        .header("webhook-timestamp")
        .parse()
        .expect("seconds");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs() as i64;
    assert!((now - timestamp).abs() < 60);
    assert_eq!(
        matching_signatures(secret, delivery),
        1,
        "signature must verify"
    );
    let body = delivery.json();
    assert_eq!(body["type"], "verification.created");
    assert_eq!(body["data"]["id"], created["id"]);
    assert_eq!(body["data"]["object"], "verification");
    assert_eq!(body["data"]["sequence"], 1);
    assert_eq!(body["data"]["reference_id"], "user_1");
    assert!(body["timestamp"].as_str().is_some_and(|t| t.ends_with('Z')));

    // A tampered body fails the same independent check.
    let mut tampered = delivery.clone();
    tampered.body.push(b' ');
    assert_eq!(matching_signatures(secret, &tampered), 0);

    // Kyra's own CLI verifier agrees, and refuses a wrong secret with exit status 1.
    let dir = tempfile::tempdir().expect("dir");
    let body_file = dir.path().join("body.json");
    std::fs::write(&body_file, &delivery.body).expect("write body");
    let headers = json!({
        "webhook-id": delivery.header("webhook-id"),
        "webhook-timestamp": delivery.header("webhook-timestamp"),
        "webhook-signature": delivery.header("webhook-signature"),
    })
    .to_string();
    let body_path = body_file.to_str().expect("path");
    let (ok, stdout, _) = kyra(
        &db,
        &[
            "webhooks",
            "verify",
            "--secret",
            secret,
            "--headers",
            &headers,
            "--body",
            body_path,
        ],
    )
    .await;
    assert!(ok && stdout.contains("signature valid"), "{stdout}");
    let wrong = format!("whsec_{}", STANDARD.encode([1u8; 32]));
    let (ok, _, stderr) = kyra(
        &db,
        &[
            "webhooks",
            "verify",
            "--secret",
            &wrong,
            "--headers",
            &headers,
            "--body",
            body_path,
        ],
    )
    .await;
    assert!(!ok && stderr.contains("NOT valid"), "{stderr}");

    // The filter holds: the endpoint only wants verification.created, so webhook.test is the
    // only other thing it gets, and only because it is addressed to it.
    let queued: Value = api(
        &server,
        key,
        reqwest::Method::POST,
        &format!("/webhook-endpoints/{id}/test"),
        None,
    )
    .await
    .json()
    .await
    .expect("json");
    let test_id = queued["message_id"]
        .as_str()
        .expect("message id")
        .to_owned();
    let received = receiver.wait_for("webhook.test", |r| r.len() >= 2).await;
    let test = &received[1];
    assert_eq!(test.header("webhook-id"), test_id);
    assert_eq!(test.json()["type"], "webhook.test");
    assert_eq!(matching_signatures(secret, test), 1);

    // The delivery log lists both attempts with status and latency; health shows the success.
    // The receiver may see a delivery a moment before Kyra has recorded it.
    let log = eventually("two logged attempts", || async {
        let log: Value = api(
            &server,
            key,
            reqwest::Method::GET,
            &format!("/webhook-endpoints/{id}/deliveries"),
            None,
        )
        .await
        .json()
        .await
        .expect("json");
        (log["data"].as_array().map_or(0, Vec::len) >= 2).then_some(log)
    })
    .await;
    let attempts = log["data"].as_array().expect("list");
    assert_eq!(attempts.len(), 2, "{log}");
    assert!(attempts
        .iter()
        .all(|a| a["status_code"] == 200 && a["message_status"] == "succeeded"));
    let list: Value = api(
        &server,
        key,
        reqwest::Method::GET,
        "/webhook-endpoints",
        None,
    )
    .await
    .json()
    .await
    .expect("json");
    assert!(
        list["data"][0]["health"]["last_success_at"].is_string(),
        "{list}"
    );
    assert_eq!(list["data"][0]["health"]["failure_streak"], 0);

    server.terminate().await;
    db.drop_database().await;
}

async fn retries_keep_the_id_and_410_disables(db: Db) {
    let db = TestDb::new(db).await;
    let tenant = create_tenant(&db, "acme").await;
    let key = tenant["api_key"].as_str().expect("key");
    let mut env = FAST.to_vec();
    env.push(("KYRA_WEBHOOKS_DISABLE_AFTER_FAILURES", "3"));
    let server = Server::start_with_env(&db, &env).await;
    let receiver = Receiver::start().await;
    receiver.plan(&[500, 503]);
    let flaky = create_endpoint(&server, key, json!({"url": receiver.url("/flaky")})).await;
    let flaky_id = flaky["id"].as_str().expect("id");

    create_verification(&server, key, json!({})).await;
    let received = receiver.wait_for("three attempts", |r| r.len() >= 3).await;
    let ids: Vec<&str> = received.iter().map(|r| r.header("webhook-id")).collect();
    assert!(
        ids.iter().all(|id| *id == ids[0]),
        "same webhook-id on retries: {ids:?}"
    );
    let log = eventually("three logged attempts", || async {
        let log: Value = api(
            &server,
            key,
            reqwest::Method::GET,
            &format!("/webhook-endpoints/{flaky_id}/deliveries"),
            None,
        )
        .await
        .json()
        .await
        .expect("json");
        (log["data"].as_array().map_or(0, Vec::len) >= 3).then_some(log)
    })
    .await;
    let codes: Vec<i64> = log["data"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|a| a["status_code"].as_i64())
        .collect();
    assert_eq!(codes, [200, 503, 500], "newest first: {log}");

    // Manual redelivery sends the same message again under the same id.
    let redelivered = api(
        &server,
        key,
        reqwest::Method::POST,
        &format!(
            "/webhook-endpoints/{flaky_id}/messages/{}/redeliver",
            ids[0]
        ),
        None,
    )
    .await;
    assert_eq!(redelivered.status(), 202);
    let received = receiver.wait_for("redelivery", |r| r.len() >= 4).await;
    assert_eq!(received[3].header("webhook-id"), ids[0]);

    // 410 Gone disables the endpoint at once, and the API says why.
    let gone = create_endpoint(&server, key, json!({"url": receiver.url("/gone")})).await;
    let gone_id = gone["id"].as_str().expect("id");
    create_verification(&server, key, json!({})).await;
    receiver
        .wait_for("the 410", |r| r.iter().any(|d| d.path == "/gone"))
        .await;
    let deadline = Instant::now() + Duration::from_secs(10);
    let endpoint = loop {
        let endpoint: Value = api(
            &server,
            key,
            reqwest::Method::GET,
            &format!("/webhook-endpoints/{gone_id}"),
            None,
        )
        .await
        .json()
        .await
        .expect("json");
        if endpoint["enabled"] == false || Instant::now() > deadline {
            break endpoint;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert_eq!(endpoint["enabled"], false, "{endpoint}");
    assert!(endpoint["health"]["disabled_reason"]
        .as_str()
        .is_some_and(|r| r.contains("410")));
    // No further attempt goes to a disabled endpoint.
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        receiver
            .received()
            .iter()
            .filter(|d| d.path == "/gone")
            .count(),
        1
    );

    // Fixing the URL, re-enabling, and redelivering what failed since a time sends it again.
    let patched = api(
        &server,
        key,
        reqwest::Method::PATCH,
        &format!("/webhook-endpoints/{gone_id}"),
        Some(json!({"url": receiver.url("/back"), "enabled": true})),
    )
    .await;
    assert_eq!(patched.status(), 200);
    let patched: Value = patched.json().await.expect("json");
    assert_eq!(patched["enabled"], true);
    let queued: Value = api(
        &server,
        key,
        reqwest::Method::POST,
        &format!("/webhook-endpoints/{gone_id}/redeliver-failed"),
        Some(json!({"since": "2020-01-01T00:00:00Z"})),
    )
    .await
    .json()
    .await
    .expect("json");
    assert_eq!(queued["count"], 1, "{queued}");
    receiver
        .wait_for("the redelivery to the fixed URL", |r| {
            r.iter().any(|d| d.path == "/back")
        })
        .await;

    // A streak of failures disables an endpoint too (3 in this server's configuration).
    let down = create_endpoint(&server, key, json!({"url": receiver.url("/down")})).await;
    let down_id = down["id"].as_str().expect("id").to_owned();
    create_verification(&server, key, json!({})).await;
    let endpoint = eventually("the failing endpoint disabled", || async {
        let endpoint: Value = api(
            &server,
            key,
            reqwest::Method::GET,
            &format!("/webhook-endpoints/{down_id}"),
            None,
        )
        .await
        .json()
        .await
        .expect("json");
        (endpoint["enabled"] == false).then_some(endpoint)
    })
    .await;
    assert!(
        endpoint["health"]["disabled_reason"]
            .as_str()
            .is_some_and(|r| r.contains("3 consecutive")),
        "{endpoint}"
    );
    assert_eq!(endpoint["health"]["failure_streak"], 3);

    server.terminate().await;
    db.drop_database().await;
}

async fn tenants_and_modes_are_isolated_and_private_urls_refused(db: Db) {
    let db = TestDb::new(db).await;
    let acme = create_tenant(&db, "acme").await;
    let other = create_tenant(&db, "other").await;
    let acme_key = acme["api_key"].as_str().expect("key");
    let other_key = other["api_key"].as_str().expect("key");
    let (ok, stdout, stderr) = kyra(
        &db,
        &[
            "keys", "create", "--tenant", "acme", "--mode", "live", "--json",
        ],
    )
    .await;
    assert!(ok, "{stderr}");
    let live: Value = serde_json::from_str(stdout.trim()).expect("json");
    let live_key = live["api_key"].as_str().expect("live key");

    let server = Server::start_with_env(&db, FAST).await;
    let acme_receiver = Receiver::start().await;
    let other_receiver = Receiver::start().await;
    let endpoint =
        create_endpoint(&server, acme_key, json!({"url": acme_receiver.url("/a")})).await;
    let id = endpoint["id"].as_str().expect("id");
    create_endpoint(&server, other_key, json!({"url": other_receiver.url("/b")})).await;

    for (key, who) in [(other_key, "another tenant"), (live_key, "the live key")] {
        let response = api(
            &server,
            key,
            reqwest::Method::GET,
            &format!("/webhook-endpoints/{id}"),
            None,
        )
        .await;
        expect_problem(response, 404, "not_found").await;
        let response = api(
            &server,
            key,
            reqwest::Method::POST,
            &format!("/webhook-endpoints/{id}/test"),
            None,
        )
        .await;
        expect_problem(response, 404, "not_found").await;
        let list: Value = api(
            &server,
            key,
            reqwest::Method::GET,
            "/webhook-endpoints",
            None,
        )
        .await
        .json()
        .await
        .expect("json");
        assert!(
            list["data"]
                .as_array()
                .expect("list")
                .iter()
                .all(|e| e["id"] != id),
            "{who} must not list it"
        );
    }

    // Events go only to the endpoints of their own tenant and mode.
    let mine = create_verification(&server, acme_key, json!({})).await;
    let theirs = create_verification(&server, other_key, json!({})).await;
    create_verification(&server, live_key, json!({})).await;
    acme_receiver
        .wait_for("acme's event", |r| !r.is_empty())
        .await;
    other_receiver
        .wait_for("other's event", |r| !r.is_empty())
        .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let acme_ids: Vec<Value> = acme_receiver
        .received()
        .iter()
        .map(|d| d.json()["data"]["id"].clone())
        .collect();
    let other_ids: Vec<Value> = other_receiver
        .received()
        .iter()
        .map(|d| d.json()["data"]["id"].clone())
        .collect();
    assert_eq!(acme_ids, [mine["id"].clone()]);
    assert_eq!(other_ids, [theirs["id"].clone()]);

    // Unknown event types are refused instead of never matching.
    let response = api(
        &server,
        acme_key,
        reqwest::Method::POST,
        "/webhook-endpoints",
        Some(json!({"url": acme_receiver.url("/x"), "events": ["verification.approve"]})),
    )
    .await;
    expect_problem(response, 422, "invalid_field").await;
    // Live endpoints need https unless the host is allow-listed (127.0.0.1 is, here).
    let response = api(
        &server,
        live_key,
        reqwest::Method::POST,
        "/webhook-endpoints",
        Some(json!({"url": "http://example.com/hook"})),
    )
    .await;
    let problem = expect_problem(response, 422, "invalid_field").await;
    assert!(
        problem["detail"]
            .as_str()
            .is_some_and(|d| d.contains("https")),
        "{problem}"
    );
    server.terminate().await;

    // Without the allow-list, loopback, private and metadata addresses are refused.
    let strict = Server::start(&db).await;
    for url in [
        acme_receiver.url("/a"),
        "http://localhost:9/".to_owned(),
        "http://169.254.169.254/latest/meta-data".to_owned(),
        "http://10.0.0.1/".to_owned(),
        "http://[::1]:9/".to_owned(),
    ] {
        let response = api(
            &strict,
            acme_key,
            reqwest::Method::POST,
            "/webhook-endpoints",
            Some(json!({"url": url})),
        )
        .await;
        let problem = expect_problem(response, 422, "invalid_field").await;
        assert_eq!(problem["field"], "url", "{url}: {problem}");
    }
    strict.terminate().await;
    db.drop_database().await;
}

async fn rotation_signs_with_both_secrets(db: Db) {
    let db = TestDb::new(db).await;
    let tenant = create_tenant(&db, "acme").await;
    let key = tenant["api_key"].as_str().expect("key");
    let server = Server::start_with_env(&db, FAST).await;
    let receiver = Receiver::start().await;
    let endpoint = create_endpoint(&server, key, json!({"url": receiver.url("/r")})).await;
    let id = endpoint["id"].as_str().expect("id");
    let old = endpoint["secret"].as_str().expect("secret");

    let rotated: Value = api(
        &server,
        key,
        reqwest::Method::POST,
        &format!("/webhook-endpoints/{id}/rotate-secret"),
        None,
    )
    .await
    .json()
    .await
    .expect("json");
    let new = rotated["secret"].as_str().expect("new secret");
    assert_ne!(new, old);
    assert!(
        rotated["previous_secret_expires_at"].is_string(),
        "{rotated}"
    );

    api(
        &server,
        key,
        reqwest::Method::POST,
        &format!("/webhook-endpoints/{id}/test"),
        None,
    )
    .await;
    let received = receiver.wait_for("the test event", |r| !r.is_empty()).await;
    let delivery = &received[0];
    assert_eq!(delivery.header("webhook-signature").split(' ').count(), 2);
    assert_eq!(matching_signatures(new, delivery), 1);
    assert_eq!(matching_signatures(old, delivery), 1);

    server.terminate().await;
    db.drop_database().await;
}

/// `v1a`: Ed25519 signatures that the tenant verifies with a public key alone.
async fn ed25519_endpoints_sign_v1a(db: Db) {
    let db = TestDb::new(db).await;
    let tenant = create_tenant(&db, "acme").await;
    let key = tenant["api_key"].as_str().expect("key");
    let server = Server::start_with_env(&db, FAST).await;
    let receiver = Receiver::start().await;
    let endpoint = create_endpoint(
        &server,
        key,
        json!({"url": receiver.url("/ed"), "signature_scheme": "v1a"}),
    )
    .await;
    assert!(endpoint.get("secret").is_none(), "{endpoint}");
    assert_eq!(endpoint["signature_scheme"], "v1a");
    let public = endpoint["public_key"].as_str().expect("public key");
    let id = endpoint["id"].as_str().expect("id");

    create_verification(&server, key, json!({})).await;
    let received = receiver.wait_for("a v1a delivery", |r| !r.is_empty()).await;
    let delivery = &received[0];
    let signature = delivery.header("webhook-signature");
    let raw = signature.strip_prefix("v1a,").expect("v1a signature");
    let key_bytes: [u8; 32] = STANDARD
        .decode(public.strip_prefix("whpk_").expect("whpk_"))
        .expect("base64")
        .try_into()
        .expect("32 bytes");
    let verifying = ed25519_dalek::VerifyingKey::from_bytes(&key_bytes).expect("key");
    let sig = ed25519_dalek::Signature::from_slice(&STANDARD.decode(raw).expect("base64"))
        .expect("signature");
    let mut content = format!(
        "{}.{}.",
        delivery.header("webhook-id"),
        delivery.header("webhook-timestamp")
    )
    .into_bytes();
    content.extend_from_slice(&delivery.body);
    verifying
        .verify_strict(&content, &sig)
        .expect("v1a signature verifies with the public key");

    let dir = tempfile::tempdir().expect("dir");
    let body_file = dir.path().join("body.json");
    std::fs::write(&body_file, &delivery.body).expect("write");
    let headers_file = dir.path().join("headers.txt");
    std::fs::write(
        &headers_file,
        format!(
            "webhook-id: {}\nwebhook-timestamp: {}\nwebhook-signature: {}\n",
            delivery.header("webhook-id"),
            delivery.header("webhook-timestamp"),
            signature
        ),
    )
    .expect("write");
    let (ok, stdout, stderr) = kyra(
        &db,
        &[
            "webhooks",
            "verify",
            "--public-key",
            public,
            "--headers",
            headers_file.to_str().expect("path"),
            "--body",
            body_file.to_str().expect("path"),
        ],
    )
    .await;
    assert!(ok && stdout.contains("signature valid"), "{stdout}{stderr}");

    // Rotation keeps the scheme and hands out a new public key.
    let rotated: Value = api(
        &server,
        key,
        reqwest::Method::POST,
        &format!("/webhook-endpoints/{id}/rotate-secret"),
        None,
    )
    .await
    .json()
    .await
    .expect("json");
    assert_eq!(rotated["signature_scheme"], "v1a");
    assert_ne!(rotated["public_key"], endpoint["public_key"]);

    server.terminate().await;
    db.drop_database().await;
}

/// Two `kyra serve` replicas on one database: claims are exclusive, so each message is sent once.
async fn two_dispatchers_never_double_send(db: Db) {
    const BURST: usize = 60;
    let db = TestDb::new(db).await;
    let tenant = create_tenant(&db, "acme").await;
    let key = tenant["api_key"].as_str().expect("key");
    // Both replicas share the data dir, hence the master key, as replicas must.
    let a = Server::start_with_env(&db, FAST).await;
    let b = Server::start_with_env(&db, FAST).await;
    let receiver = Receiver::start().await;
    create_endpoint(&a, key, json!({"url": receiver.url("/r")})).await;
    for i in 0..BURST {
        let server = if i % 2 == 0 { &a } else { &b };
        create_verification(server, key, json!({})).await;
    }
    receiver.wait_for("every event", |r| r.len() >= BURST).await;
    // Time for any duplicate to show up.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let received = receiver.received();
    let ids: std::collections::HashSet<&str> =
        received.iter().map(|d| d.header("webhook-id")).collect();
    assert_eq!(ids.len(), BURST);
    assert_eq!(received.len(), BURST, "no message may be sent twice");
    a.terminate().await;
    b.terminate().await;
    db.drop_database().await;
}

/// SIGKILL in the middle of a burst, restart: every event still arrives at least once.
async fn crash_mid_burst_loses_nothing(db: Db) {
    const BURST: usize = 40;
    let db = TestDb::new(db).await;
    let tenant = create_tenant(&db, "acme").await;
    let key = tenant["api_key"].as_str().expect("key").to_owned();
    let mut server = Server::start_with_env(&db, FAST).await;
    let receiver = Receiver::start().await;
    // A slow receiver keeps deliveries in flight when the process dies.
    *receiver.state.delay.lock().expect("lock") = Duration::from_millis(150);
    create_endpoint(&server, &key, json!({"url": receiver.url("/c")})).await;

    let mut expected = Vec::new();
    for _ in 0..BURST {
        let created = create_verification(&server, &key, json!({})).await;
        expected.push(created["id"].as_str().expect("id").to_owned());
    }
    receiver
        .wait_for("the first deliveries", |r| r.len() >= 3)
        .await;
    server.child.start_kill().expect("SIGKILL");
    server.child.wait().await.expect("wait");
    let before = receiver.received().len();
    assert!(
        before < BURST,
        "the kill must land mid-burst ({before} delivered)"
    );

    *receiver.state.delay.lock().expect("lock") = Duration::ZERO;
    let server = Server::start_with_env(&db, FAST).await;
    let received = receiver
        .wait_for("every event after the restart", |r| {
            let seen: std::collections::HashSet<String> = r
                .iter()
                .filter_map(|d| d.json()["data"]["id"].as_str().map(str::to_owned))
                .collect();
            expected.iter().all(|id| seen.contains(id))
        })
        .await;
    assert!(received.len() >= BURST);
    // Deliveries that reached the receiver but were not recorded before the kill are sent again
    // once their claim's lease runs out; then every message is marked delivered.
    eventually("every message marked delivered", || async {
        let pending = db
            .scalar_i64("SELECT COUNT(*) FROM webhook_messages WHERE status <> 'succeeded'")
            .await;
        (pending == 0).then_some(())
    })
    .await;
    let messages = db.scalar_i64("SELECT COUNT(*) FROM webhook_messages").await;
    assert_eq!(
        messages, BURST as i64,
        "one message per event, never duplicated"
    );
    server.terminate().await;
    db.drop_database().await;
}

on_both_databases!(
    signed_delivery_of_verification_created,
    retries_keep_the_id_and_410_disables,
    tenants_and_modes_are_isolated_and_private_urls_refused,
    rotation_signs_with_both_secrets,
    ed25519_endpoints_sign_v1a,
    two_dispatchers_never_double_send,
    crash_mid_burst_loses_nothing,
    finished_messages_leave_the_log_after_retention,
    kyra_faults_never_count_against_the_endpoint,
    endpoint_lists_page_with_cursors,
);

/// Endpoints and deliveries are lists like every other: newest first, `has_more`,
/// `next_cursor`, pages that neither repeat nor skip.
async fn endpoint_lists_page_with_cursors(db: Db) {
    let db = TestDb::new(db).await;
    let tenant = create_tenant(&db, "acme").await;
    let key = tenant["api_key"].as_str().expect("key");
    let server = Server::start_with_env(&db, FAST).await;
    let receiver = Receiver::start().await;
    let mut created = Vec::new();
    for i in 0..3 {
        let e = create_endpoint(
            &server,
            key,
            json!({"url": receiver.url(&format!("/e{i}"))}),
        )
        .await;
        created.push(e["id"].as_str().expect("id").to_owned());
    }
    let page = |query: String| {
        let server = &server;
        async move {
            let r = api(
                server,
                key,
                reqwest::Method::GET,
                &format!("/webhook-endpoints{query}"),
                None,
            )
            .await;
            assert_eq!(r.status(), 200);
            r.json::<Value>().await.expect("json")
        }
    };
    let first = page("?limit=2".into()).await;
    assert_eq!(first["object"], "list");
    assert_eq!(first["has_more"], true, "{first}");
    let cursor = first["next_cursor"].as_str().expect("cursor").to_owned();
    let second = page(format!("?limit=2&cursor={cursor}")).await;
    assert_eq!(second["has_more"], false, "{second}");
    assert_eq!(second["next_cursor"], Value::Null);
    let seen: Vec<&str> = first["data"]
        .as_array()
        .into_iter()
        .chain(second["data"].as_array())
        .flatten()
        .filter_map(|e| e["id"].as_str())
        .collect();
    let newest_first: Vec<&str> = created.iter().rev().map(String::as_str).collect();
    assert_eq!(seen, newest_first);
    let r = api(
        &server,
        key,
        reqwest::Method::GET,
        "/webhook-endpoints?cursor=bm90LWEtY3Vyc29y",
        None,
    )
    .await;
    let p = expect_problem(r, 422, "invalid_field").await;
    assert_eq!(p["field"], "cursor");

    // The delivery log pages the same way.
    for _ in 0..2 {
        let r = api(
            &server,
            key,
            reqwest::Method::POST,
            &format!("/webhook-endpoints/{}/test", created[0]),
            None,
        )
        .await;
        assert_eq!(r.status(), 202);
    }
    receiver
        .wait_for("two test deliveries", |r| {
            r.iter().filter(|d| d.path == "/e0").count() == 2
        })
        .await;
    let deliveries = |query: String| {
        let server = &server;
        let id = created[0].clone();
        async move {
            api(
                server,
                key,
                reqwest::Method::GET,
                &format!("/webhook-endpoints/{id}/deliveries{query}"),
                None,
            )
            .await
            .json::<Value>()
            .await
            .expect("json")
        }
    };
    let one = deliveries("?limit=1".into()).await;
    assert_eq!(one["has_more"], true, "{one}");
    let cursor = one["next_cursor"].as_str().expect("cursor").to_owned();
    let two = deliveries(format!("?limit=1&cursor={cursor}")).await;
    assert_eq!(two["data"].as_array().map(Vec::len), Some(1));
    assert_ne!(one["data"][0]["id"], two["data"][0]["id"]);
    server.terminate().await;
    db.drop_database().await;
}

/// An event whose body Kyra cannot open is Kyra's fault, not the receiver's: it is retried and
/// logged, but the endpoint's failure streak stays at zero, the endpoint stays enabled, and the
/// tenant's other webhooks keep flowing.
async fn kyra_faults_never_count_against_the_endpoint(db: Db) {
    let db = TestDb::new(db).await;
    let tenant = create_tenant(&db, "acme").await;
    let key = tenant["api_key"].as_str().expect("key");
    let tenant_id = tenant["tenant_id"].as_str().expect("tenant id");
    let mut env = FAST.to_vec();
    env.push(("KYRA_WEBHOOKS_DISABLE_AFTER_FAILURES", "2"));
    let server = Server::start_with_env(&db, &env).await;
    let receiver = Receiver::start().await;
    let endpoint = create_endpoint(&server, key, json!({"url": receiver.url("/hooks")})).await;
    let endpoint_id = endpoint["id"].as_str().expect("id");

    // A row whose sealed body cannot be opened, as a lost key or a sealing bug would leave it.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_millis();
    db.execute(&format!(
        "INSERT INTO events (id, tenant_id, mode, verification_id, sequence, type, actor, payload, \
         request_id, created_at) VALUES ('evt_01JZZZZZZZZZZZZZZZZZZZZZZZ', '{tenant_id}', 'test', \
         NULL, 0, 'screening.match', 'system', 'v1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', \
         NULL, {now})"
    ))
    .await;
    let attempts = "SELECT COALESCE(MAX(attempts), 0) FROM webhook_messages \
                    WHERE event_id = 'evt_01JZZZZZZZZZZZZZZZZZZZZZZZ'";
    eventually("three attempts at the unreadable event", || async {
        (db.scalar_i64(attempts).await >= 3).then_some(())
    })
    .await;

    let got: Value = api(
        &server,
        key,
        reqwest::Method::GET,
        &format!("/webhook-endpoints/{endpoint_id}"),
        None,
    )
    .await
    .json()
    .await
    .expect("json");
    assert_eq!(got["enabled"], true, "{got}");
    assert_eq!(got["health"]["failure_streak"], 0, "{got}");
    let log: Value = api(
        &server,
        key,
        reqwest::Method::GET,
        &format!("/webhook-endpoints/{endpoint_id}/deliveries"),
        None,
    )
    .await
    .json()
    .await
    .expect("json");
    assert!(
        log["data"][0]["error"]
            .as_str()
            .is_some_and(|e| e.contains("Kyra internal error") && e.contains("payload")),
        "{log}"
    );
    assert!(receiver.received().is_empty(), "nothing was sent");

    // The endpoint still gets the tenant's real events.
    let created = create_verification(&server, key, json!({"reference_id": "still-flowing"})).await;
    let received = receiver
        .wait_for("verification.created after Kyra's faults", |r| {
            !r.is_empty()
        })
        .await;
    assert_eq!(received[0].json()["data"]["id"], created["id"]);
    server.terminate().await;
    db.drop_database().await;
}

/// The delivery log keeps a finished message for `retention_days`, then removes it with its
/// attempts; a message still being retried stays whatever its age.
async fn finished_messages_leave_the_log_after_retention(db: Db) {
    let db = TestDb::new(db).await;
    let tenant = create_tenant(&db, "acme").await;
    let key = tenant["api_key"].as_str().expect("key");
    let mut env = FAST.to_vec();
    // About three seconds.
    env.extend([
        ("KYRA_WEBHOOKS_RETENTION_DAYS", "0.000035"),
        ("KYRA_EXPIRY_SWEEP_MS", "200"),
    ]);
    let server = Server::start_with_env(&db, &env).await;
    let receiver = Receiver::start().await;
    let ok = create_endpoint(
        &server,
        key,
        json!({"url": receiver.url("/ok"), "events": ["verification.created"]}),
    )
    .await;
    // Nothing listens on port 9: every attempt fails and the message keeps being retried.
    let failing = create_endpoint(
        &server,
        key,
        json!({"url": "http://127.0.0.1:9/down", "events": ["verification.created"]}),
    )
    .await;
    create_verification(&server, key, json!({"reference_id": "user_1"})).await;
    receiver.wait_for("the delivery", |r| r.len() == 1).await;
    let count = |endpoint: &Value, table: &'static str| {
        format!(
            "SELECT COUNT(*) FROM {table} WHERE endpoint_id = '{}'",
            endpoint["id"].as_str().unwrap_or_default()
        )
    };
    assert_eq!(db.scalar_i64(&count(&ok, "webhook_messages")).await, 1);
    let deadline = Instant::now() + Duration::from_secs(30);
    while db.scalar_i64(&count(&ok, "webhook_messages")).await > 0 {
        assert!(
            Instant::now() < deadline,
            "the delivered message was never purged"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(db.scalar_i64(&count(&ok, "webhook_attempts")).await, 0);
    // The failing endpoint's message is older than the retention too, but still pending.
    assert_eq!(db.scalar_i64(&count(&failing, "webhook_messages")).await, 1);
    assert!(db.scalar_i64(&count(&failing, "webhook_attempts")).await >= 1);
    // The event — the verification's audit trail — stays.
    assert_eq!(
        db.scalar_i64("SELECT COUNT(*) FROM events WHERE type = 'verification.created'")
            .await,
        1
    );
    server.terminate().await;
    db.drop_database().await;
}
