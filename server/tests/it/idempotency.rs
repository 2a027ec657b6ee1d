//! Idempotency keys and rate limits over real HTTP on both databases.

use crate::common::{client, create_tenant, expect_problem, Db, Server, TestDb};
use serde_json::{json, Value};

on_both_databases!(
    replays_refuses_mismatches_and_dedupes_concurrency,
    rate_limits_per_key
);

async fn post_with_key(
    server: &Server,
    api_key: &str,
    idem: &str,
    body: &Value,
) -> reqwest::Response {
    client()
        .post(server.url("/api/v1/verifications"))
        .bearer_auth(api_key)
        .header("Idempotency-Key", idem)
        .json(body)
        .send()
        .await
        .expect("send")
}

async fn replays_refuses_mismatches_and_dedupes_concurrency(db: Db) {
    let db = TestDb::new(db).await;
    let tenant = create_tenant(&db, "acme").await;
    let other = create_tenant(&db, "other").await;
    let key = tenant["api_key"].as_str().expect("key").to_owned();
    let server = Server::start(&db).await;
    let body = json!({"reference_id": "idem-user", "metadata": {"n": 1}});

    let first = post_with_key(&server, &key, "order-1", &body).await;
    assert_eq!(first.status(), 201);
    assert!(first.headers().get("idempotent-replayed").is_none());
    let first: Value = first.json().await.expect("json");

    let again = post_with_key(&server, &key, "order-1", &body).await;
    assert_eq!(again.status(), 201);
    assert_eq!(
        again
            .headers()
            .get("idempotent-replayed")
            .and_then(|v| v.to_str().ok()),
        Some("true")
    );
    let again: Value = again.json().await.expect("json");
    assert_eq!(
        again, first,
        "the replay is the same body, client token included"
    );

    let changed = post_with_key(
        &server,
        &key,
        "order-1",
        &json!({"reference_id": "someone-else"}),
    )
    .await;
    expect_problem(changed, 422, "idempotency_key_reused").await;

    // Keys are per tenant: another tenant's identical key is a different request.
    let theirs = post_with_key(
        &server,
        other["api_key"].as_str().expect("key"),
        "order-1",
        &body,
    )
    .await;
    assert_eq!(theirs.status(), 201);

    // A request that failed changed nothing and is not remembered: the corrected request may
    // use the same key (a 4xx would otherwise burn it for 24 hours).
    let bad = post_with_key(&server, &key, "bad-1", &json!({"locale": "??"})).await;
    let bad_body = expect_problem(bad, 422, "invalid_field").await;
    assert_eq!(bad_body["field"], "locale", "{bad_body}");
    let fixed = post_with_key(&server, &key, "bad-1", &json!({"locale": "de"})).await;
    assert_eq!(fixed.status(), 201, "the key was not burned by the failure");
    assert!(fixed.headers().get("idempotent-replayed").is_none());
    let again = post_with_key(&server, &key, "bad-1", &json!({"locale": "de"})).await;
    assert_eq!(again.status(), 201);
    assert_eq!(
        again
            .headers()
            .get("idempotent-replayed")
            .and_then(|v| v.to_str().ok()),
        Some("true"),
        "the success is remembered"
    );

    for malformed in ["has space".to_owned(), "k".repeat(256)] {
        let r = post_with_key(&server, &key, &malformed, &body).await;
        expect_problem(r, 422, "invalid_field").await;
    }

    // Twenty concurrent requests with one key create exactly one verification.
    let concurrent = json!({"reference_id": "race"});
    let mut tasks = Vec::new();
    for _ in 0..20 {
        let (server_url, key, concurrent) = (
            server.url("/api/v1/verifications"),
            key.clone(),
            concurrent.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let r = client()
                .post(server_url)
                .bearer_auth(key)
                .header("Idempotency-Key", "race-key")
                .json(&concurrent)
                .send()
                .await
                .expect("send");
            let status = r.status().as_u16();
            (status, r.json::<Value>().await.expect("json"))
        }));
    }
    let mut ids = std::collections::HashSet::new();
    for task in tasks {
        let (status, body) = task.await.expect("task");
        assert_eq!(status, 201, "{body}");
        ids.insert(body["id"].as_str().expect("id").to_owned());
    }
    assert_eq!(ids.len(), 1, "all twenty saw the same verification");
    assert_eq!(
        db.scalar_i64("SELECT COUNT(*) FROM verifications WHERE reference_id = 'race'")
            .await,
        1
    );
    // The remembered response is sealed: it contains a client token.
    let stored = db
        .scalar_text("SELECT response FROM idempotency_keys WHERE idem_key = 'race-key'")
        .await
        .expect("row");
    assert!(stored.starts_with("v1.") && !stored.contains("client_token"));
    drop(server);
    db.drop_database().await;
}

async fn rate_limits_per_key(db: Db) {
    let db = TestDb::new(db).await;
    let a = create_tenant(&db, "alpha").await;
    let b = create_tenant(&db, "beta").await;
    let server = Server::start_with_env(
        &db,
        &[
            ("KYRA_RATE_LIMIT_PER_SECOND", "1"),
            ("KYRA_RATE_LIMIT_BURST", "3"),
        ],
    )
    .await;
    let get = |key: String| {
        let url = server.url("/api/v1/verifications");
        async move {
            client()
                .get(url)
                .bearer_auth(key)
                .send()
                .await
                .expect("send")
        }
    };
    let a_key = a["api_key"].as_str().expect("key").to_owned();
    for _ in 0..3 {
        assert_eq!(get(a_key.clone()).await.status(), 200);
    }
    let limited = get(a_key.clone()).await;
    let retry_after: u64 = limited
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("Retry-After header");
    assert!((1..=2).contains(&retry_after));
    expect_problem(limited, 429, "rate_limited").await;
    // Another key is unaffected.
    assert_eq!(
        get(b["api_key"].as_str().expect("key").to_owned())
            .await
            .status(),
        200
    );
    drop(server);
    db.drop_database().await;
}
