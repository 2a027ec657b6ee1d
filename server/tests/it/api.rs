//! The tenant API over real HTTP, on SQLite and PostgreSQL.

use crate::common::{
    client, create_tenant, create_verification, expect_problem, kyra, Db, Server, TestDb,
};
use serde_json::{json, Value};

on_both_databases!(
    create_then_get_returns_the_verification_object,
    authentication_failures_are_specific_problems,
    tenants_and_modes_are_isolated,
    bad_input_gets_a_specific_problem,
    personal_data_is_encrypted_at_rest,
    probes_and_graceful_shutdown,
    concurrent_creates_each_get_their_row_and_event,
);

/// Creations arriving together are committed together on SQLite (group commit) and in one
/// statement each on PostgreSQL: every request must still get its own verification, with its own
/// data and exactly one `verification.created` event, and a bad one must not fail its neighbours.
async fn concurrent_creates_each_get_their_row_and_event(db: Db) {
    let db = TestDb::new(db).await;
    let tenant = create_tenant(&db, "acme").await;
    let key = tenant["api_key"].as_str().expect("key").to_owned();
    let server = Server::start_with_env(&db, &[("KYRA_RATE_LIMIT_PER_SECOND", "0")]).await;
    let url = server.url("/api/v1/verifications");
    let mut tasks = Vec::new();
    for i in 0..96 {
        let (url, key) = (url.clone(), key.clone());
        tasks.push(tokio::spawn(async move {
            let body = if i % 16 == 5 {
                // Refused before it reaches the store: must not disturb the batch around it.
                json!({"reference_id": "x".repeat(10_000)})
            } else {
                json!({"reference_id": format!("user_{i}"), "applicant": {"first_name": format!("Ana {i}")}})
            };
            let r = client()
                .post(&url)
                .bearer_auth(&key)
                .json(&body)
                .send()
                .await
                .expect("send");
            (i, r.status().as_u16(), r.json::<Value>().await.expect("json"))
        }));
    }
    let mut ids = std::collections::HashSet::new();
    for task in tasks {
        let (i, status, body) = task.await.expect("task");
        if i % 16 == 5 {
            assert_eq!(status, 422, "{body}");
            continue;
        }
        assert_eq!(status, 201, "{body}");
        assert_eq!(body["reference_id"], format!("user_{i}"));
        let id = body["id"].as_str().expect("id").to_owned();
        let fetched: Value = client()
            .get(server.url(&format!("/api/v1/verifications/{id}")))
            .bearer_auth(&key)
            .send()
            .await
            .expect("send")
            .json()
            .await
            .expect("json");
        assert_eq!(fetched["applicant"]["first_name"], format!("Ana {i}"));
        assert!(ids.insert(id));
    }
    assert_eq!(ids.len(), 90);
    assert_eq!(
        db.scalar_i64("SELECT COUNT(*) FROM verifications").await,
        90
    );
    assert_eq!(
        db.scalar_i64(
            "SELECT COUNT(*) FROM events WHERE type = 'verification.created' \
             AND verification_id IN (SELECT id FROM verifications)"
        )
        .await,
        90
    );
    server.terminate().await;
    db.drop_database().await;
}

async fn create_then_get_returns_the_verification_object(db: Db) {
    let db = TestDb::new(db).await;
    let tenant = create_tenant(&db, "acme").await;
    let key = tenant["api_key"].as_str().expect("key");
    let server = Server::start(&db).await;

    let created = create_verification(
        &server,
        key,
        json!({
            "reference_id": "user_12345",
            "applicant": {"email": "ana@example.com", "first_name": "Ana", "last_name": "Silva",
                          "date_of_birth": "1990-04-12", "country": "PT"},
            "locale": "pt-BR",
            "return_url": "https://app.example.com/kyc/done",
            "metadata": {"order_id": "A-1234"}
        }),
    )
    .await;
    let id = created["id"].as_str().expect("id");
    assert!(id.starts_with("vrf_") && id.len() == 30, "{id}");
    assert_eq!(created["status"], "pending");
    assert_eq!(created["mode"], "test");
    assert_eq!(created["next_action"], "START_FLOW");
    assert_eq!(created["reference_id"], "user_12345");
    assert_eq!(created["metadata"], json!({"order_id": "A-1234"}));
    assert_eq!(created["flow"]["id"], tenant["flow_id"]);
    let token = created["client_token"].as_str().expect("client_token");
    assert!(token.len() >= 43);
    assert_eq!(
        created["verify_url"],
        format!("{}/v/{id}?token={token}", server.base)
    );
    for field in ["created_at", "expires_at"] {
        let at = created[field].as_str().expect(field);
        assert!(at.ends_with('Z') && at.len() >= 20, "{field}: {at}");
    }

    let response = client()
        .get(server.url(&format!("/api/v1/verifications/{id}")))
        .bearer_auth(key)
        .send()
        .await
        .expect("get");
    assert_eq!(response.status(), 200);
    let fetched: Value = response.json().await.expect("json");
    assert_eq!(fetched["id"], id);
    assert_eq!(fetched["applicant"]["last_name"], "Silva");
    assert_eq!(fetched["locale"], "pt-BR");
    assert_eq!(fetched["sequence"], 1);
    assert!(
        fetched.get("client_token").is_none(),
        "the token is shown only at creation"
    );
    assert!(fetched.get("verify_url").is_none());

    // The created event was written with the verification.
    let events = db.scalar_i64(&format!("SELECT COUNT(*) FROM events WHERE verification_id = '{id}' AND type = 'verification.created'")).await;
    assert_eq!(events, 1);
    // The token is stored only as a hash.
    let stored = db
        .scalar_text(&format!(
            "SELECT client_token_hash FROM verifications WHERE id = '{id}'"
        ))
        .await
        .expect("row");
    assert_ne!(stored, token);
    assert_eq!(stored.len(), 64);

    drop(server);
    db.drop_database().await;
}

async fn authentication_failures_are_specific_problems(db: Db) {
    let db = TestDb::new(db).await;
    let tenant = create_tenant(&db, "acme").await;
    let key = tenant["api_key"].as_str().expect("key").to_owned();
    // With the per-server key cache on, so that its bound on revocation is what is tested.
    let server = Server::start_with_env(&db, &[("KYRA_API_KEY_CACHE_MS", "1000")]).await;
    let url = server.url("/api/v1/verifications");
    let body = json!({"reference_id": "u1"});

    let r = client().post(&url).json(&body).send().await.expect("send");
    assert_eq!(
        r.headers()
            .get("www-authenticate")
            .and_then(|v| v.to_str().ok()),
        Some("Bearer realm=\"kyra\"")
    );
    expect_problem(r, 401, "missing_api_key").await;

    // A key sent with the wrong scheme, or none, is told what to change.
    let r = client()
        .post(&url)
        .basic_auth(&key, None::<&str>)
        .json(&body)
        .send()
        .await
        .expect("send");
    let p = expect_problem(r, 401, "unsupported_auth_scheme").await;
    assert!(
        p["detail"]
            .as_str()
            .is_some_and(|d| d.contains("`Basic`") && d.contains("Bearer")),
        "{p}"
    );
    assert!(!p.to_string().contains(&key), "the key is never echoed");
    let r = client()
        .post(&url)
        .header("Authorization", &key)
        .json(&body)
        .send()
        .await
        .expect("send");
    expect_problem(r, 401, "unsupported_auth_scheme").await;

    let r = client()
        .post(&url)
        .bearer_auth("kyra_test_nope")
        .json(&body)
        .send()
        .await
        .expect("send");
    expect_problem(r, 401, "invalid_api_key").await;

    let forged = format!("kyra_test_{}", "A".repeat(43));
    let r = client()
        .post(&url)
        .bearer_auth(&forged)
        .json(&body)
        .send()
        .await
        .expect("send");
    expect_problem(r, 401, "invalid_api_key").await;

    // A test key presented as a live one is not the same key.
    let relabeled = key.replacen("kyra_test_", "kyra_live_", 1);
    let r = client()
        .post(&url)
        .bearer_auth(&relabeled)
        .json(&body)
        .send()
        .await
        .expect("send");
    expect_problem(r, 401, "invalid_api_key").await;

    let r = client()
        .post(&url)
        .header("X-Api-Key", &key)
        .json(&body)
        .send()
        .await
        .expect("send");
    assert_eq!(r.status(), 201, "X-Api-Key is accepted");

    let r = client()
        .post(&url)
        .bearer_auth(&key)
        .header("Origin", "https://evil.example")
        .json(&body)
        .send()
        .await
        .expect("send");
    expect_problem(r, 403, "browser_request_refused").await;

    // Revocation takes effect for the running server.
    let (ok, out, err) = kyra(
        &db,
        &[
            "keys", "create", "--tenant", "acme", "--mode", "test", "--json",
        ],
    )
    .await;
    assert!(ok, "{err}");
    let second: Value = serde_json::from_str(out.trim()).expect("json");
    let second_key = second["api_key"].as_str().expect("key");
    // `kyra keys list` shows both keys by id and prefix, never a secret.
    let (ok, out, err) = kyra(&db, &["keys", "list", "--tenant", "acme", "--json"]).await;
    assert!(ok, "{err}");
    assert!(
        !out.contains(second_key) && !out.contains(&key),
        "no secret listed"
    );
    let listed: Value = serde_json::from_str(out.trim()).expect("json");
    assert_eq!(listed.as_array().map(Vec::len), Some(2), "{listed}");
    assert_eq!(listed[1]["id"], second["key_id"]);
    assert!(second_key.starts_with(listed[1]["prefix"].as_str().expect("prefix")));
    assert_eq!(listed[1]["revoked_at"], Value::Null);
    let r = client()
        .post(&url)
        .bearer_auth(second_key)
        .json(&body)
        .send()
        .await
        .expect("send");
    assert_eq!(r.status(), 201);
    let (ok, _, err) = kyra(
        &db,
        &["keys", "revoke", second["key_id"].as_str().expect("id")],
    )
    .await;
    assert!(ok, "{err}");
    // A server may trust a key it authenticated for `api_key_cache_ms` (off by default), so a
    // revocation by another process is refused everywhere within that bound, never later.
    let revoked_at = std::time::Instant::now();
    let refused = loop {
        let r = client()
            .get(format!("{url}?limit=1"))
            .bearer_auth(second_key)
            .send()
            .await
            .expect("send");
        if r.status() == 401 {
            break r;
        }
        assert_eq!(r.status(), 200);
        assert!(
            revoked_at.elapsed() < std::time::Duration::from_millis(1_500),
            "a revoked key was still accepted {:?} after revocation",
            revoked_at.elapsed()
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    };
    expect_problem(refused, 401, "api_key_revoked").await;
    let (ok, out, err) = kyra(&db, &["keys", "list", "--tenant", "acme"]).await;
    assert!(ok, "{err}");
    let second_id = second["key_id"].as_str().expect("id");
    assert!(
        out.lines()
            .any(|l| l.starts_with(second_id) && l.contains("revoked")),
        "{out}"
    );
    // The first key is untouched.
    let r = client()
        .post(&url)
        .bearer_auth(&key)
        .json(&body)
        .send()
        .await
        .expect("send");
    assert_eq!(r.status(), 201);

    drop(server);
    db.drop_database().await;
}

async fn tenants_and_modes_are_isolated(db: Db) {
    let db = TestDb::new(db).await;
    let a = create_tenant(&db, "alpha").await;
    let b = create_tenant(&db, "beta").await;
    let (ok, out, err) = kyra(
        &db,
        &[
            "keys", "create", "--tenant", "alpha", "--mode", "live", "--json",
        ],
    )
    .await;
    assert!(ok, "{err}");
    let a_live: Value = serde_json::from_str(out.trim()).expect("json");
    assert!(a_live["api_key"]
        .as_str()
        .is_some_and(|k| k.starts_with("kyra_live_")));
    let server = Server::start(&db).await;

    let a_key = a["api_key"].as_str().expect("key");
    let created = create_verification(&server, a_key, json!({"reference_id": "secret-user"})).await;
    let id = created["id"].as_str().expect("id");
    let path = format!("/api/v1/verifications/{id}");

    let unknown = client()
        .get(server.url("/api/v1/verifications/vrf_01jh7x9k2q8m4c5t6v7w8y9z0a"))
        .bearer_auth(a_key)
        .send()
        .await
        .expect("send");
    let unknown = expect_problem(unknown, 404, "not_found").await;

    for other in [
        b["api_key"].as_str().expect("key"),
        a_live["api_key"].as_str().expect("key"),
    ] {
        let r = client()
            .get(server.url(&path))
            .bearer_auth(other)
            .send()
            .await
            .expect("send");
        let body = expect_problem(r, 404, "not_found").await;
        assert_eq!(
            body, unknown,
            "another tenant's id looks exactly like an unknown one"
        );
    }
    let r = client()
        .get(server.url("/api/v1/verifications/not-an-id"))
        .bearer_auth(a_key)
        .send()
        .await
        .expect("send");
    expect_problem(r, 404, "not_found").await;

    drop(server);
    db.drop_database().await;
}

async fn bad_input_gets_a_specific_problem(db: Db) {
    let db = TestDb::new(db).await;
    let tenant = create_tenant(&db, "acme").await;
    let key = tenant["api_key"].as_str().expect("key");
    let server = Server::start(&db).await;
    let url = server.url("/api/v1/verifications");
    let post = |body: String, content_type: &'static str| {
        client()
            .post(&url)
            .bearer_auth(key)
            .header("content-type", content_type)
            .body(body)
            .send()
    };

    expect_problem(
        post("{\"reference_id\":".into(), "application/json")
            .await
            .expect("send"),
        400,
        "malformed_json",
    )
    .await;
    expect_problem(
        post("{} trailing".into(), "application/json")
            .await
            .expect("send"),
        400,
        "malformed_json",
    )
    .await;
    let p = expect_problem(
        post(r#"{"reference_id": 42}"#.into(), "application/json")
            .await
            .expect("send"),
        422,
        "invalid_field",
    )
    .await;
    assert_eq!(p["field"], "reference_id");
    let p = expect_problem(
        post(r#"{"applicant": {"email": 7}}"#.into(), "application/json")
            .await
            .expect("send"),
        422,
        "invalid_field",
    )
    .await;
    assert_eq!(p["field"], "applicant.email");
    let p = expect_problem(
        post(r#"{"colour": "red"}"#.into(), "application/json")
            .await
            .expect("send"),
        422,
        "unknown_field",
    )
    .await;
    assert_eq!(p["field"], "colour");
    let p = expect_problem(
        post(
            r#"{"applicant": {"emial": "a@b.c"}}"#.into(),
            "application/json",
        )
        .await
        .expect("send"),
        422,
        "unknown_field",
    )
    .await;
    assert!(
        p["field"].as_str().is_some_and(|f| f.contains("emial")),
        "{p}"
    );
    let p = expect_problem(
        post(
            r#"{"applicant": {"email": "not-an-email"}}"#.into(),
            "application/json",
        )
        .await
        .expect("send"),
        422,
        "invalid_field",
    )
    .await;
    assert_eq!(p["field"], "applicant.email");
    let p = expect_problem(
        post(
            r#"{"applicant": {"date_of_birth": "1990-02-30"}}"#.into(),
            "application/json",
        )
        .await
        .expect("send"),
        422,
        "invalid_field",
    )
    .await;
    assert_eq!(p["field"], "applicant.date_of_birth");
    let p = expect_problem(
        post(
            r#"{"return_url": "javascript:alert(1)"}"#.into(),
            "application/json",
        )
        .await
        .expect("send"),
        422,
        "invalid_field",
    )
    .await;
    assert_eq!(p["field"], "return_url");
    let p = expect_problem(
        post(r#"{"locale": "en_US"}"#.into(), "application/json")
            .await
            .expect("send"),
        422,
        "invalid_field",
    )
    .await;
    assert_eq!(p["field"], "locale");
    let many: serde_json::Map<String, Value> =
        (0..51).map(|i| (format!("k{i}"), Value::from(i))).collect();
    let p = expect_problem(
        post(json!({"metadata": many}).to_string(), "application/json")
            .await
            .expect("send"),
        422,
        "invalid_field",
    )
    .await;
    assert_eq!(p["field"], "metadata");
    // A body of the wrong shape is explained in words, without the parser's.
    let p = expect_problem(
        post("[]".into(), "application/json").await.expect("send"),
        422,
        "invalid_field",
    )
    .await;
    assert_eq!(
        p["detail"],
        "the request body must be a JSON object, not an array"
    );
    assert!(p.get("field").is_none(), "{p}");
    // A compressed body is refused as such, not as malformed JSON.
    let r = client()
        .post(&url)
        .bearer_auth(key)
        .header("content-type", "application/json")
        .header("content-encoding", "gzip")
        .body(vec![0x1f, 0x8b, 0x08, 0x00])
        .send()
        .await
        .expect("send");
    let p = expect_problem(r, 415, "unsupported_content_encoding").await;
    assert!(
        p["detail"].as_str().is_some_and(|d| d.contains("gzip")),
        "{p}"
    );
    // A bad query parameter is named, in plain words.
    let r = client()
        .get(format!("{url}?limit=ten"))
        .bearer_auth(key)
        .send()
        .await
        .expect("send");
    let p = expect_problem(r, 422, "invalid_field").await;
    assert_eq!(
        (p["field"].as_str(), p["detail"].as_str()),
        (Some("limit"), Some("must be a whole number"))
    );
    // Anything under /api/ answers problem+json, whatever the version or method.
    for path in [
        "/api/v2/verifications",
        "/api",
        "/api/",
        "/api/verifications",
    ] {
        let r = client()
            .post(server.url(path))
            .bearer_auth(key)
            .send()
            .await
            .expect("send");
        expect_problem(r, 404, "route_not_found").await;
    }
    expect_problem(
        post("reference_id=x".into(), "application/x-www-form-urlencoded")
            .await
            .expect("send"),
        415,
        "unsupported_media_type",
    )
    .await;
    let huge = json!({"reference_id": "x".repeat(200_000)}).to_string();
    expect_problem(
        post(huge, "application/json").await.expect("send"),
        413,
        "payload_too_large",
    )
    .await;

    let r = client()
        .get(server.url("/api/v1/nothing-here"))
        .bearer_auth(key)
        .send()
        .await
        .expect("send");
    expect_problem(r, 404, "route_not_found").await;
    let r = client()
        .delete(server.url("/api/v1/verifications"))
        .bearer_auth(key)
        .send()
        .await
        .expect("send");
    expect_problem(r, 405, "method_not_allowed").await;

    // None of the rejected requests stored anything.
    assert_eq!(db.scalar_i64("SELECT COUNT(*) FROM verifications").await, 0);
    drop(server);
    db.drop_database().await;
}

async fn personal_data_is_encrypted_at_rest(db: Db) {
    let db = TestDb::new(db).await;
    let tenant = create_tenant(&db, "acme").await;
    let server = Server::start(&db).await;
    let created = create_verification(
        &server,
        tenant["api_key"].as_str().expect("key"),
        json!({"applicant": {"email": "carla.pii@example.com", "last_name": "Pereira"}}),
    )
    .await;
    let id = created["id"].as_str().expect("id");
    let sealed = db
        .scalar_text(&format!(
            "SELECT applicant_sealed FROM verifications WHERE id = '{id}'"
        ))
        .await
        .expect("row");
    assert!(sealed.starts_with("v1."), "{sealed}");
    assert!(!sealed.contains("carla") && !sealed.contains("Pereira"));
    let payload = db
        .scalar_text(&format!(
            "SELECT payload FROM events WHERE verification_id = '{id}'"
        ))
        .await
        .expect("event");
    assert!(
        payload.starts_with("v1.") && !payload.contains("carla"),
        "event payloads are sealed too"
    );
    if db.sqlite_file().exists() {
        let needle = b"carla.pii@example.com";
        for file in ["kyra.db", "kyra.db-wal"] {
            let raw = std::fs::read(db.data_dir.path().join(file)).unwrap_or_default();
            assert!(
                !raw.windows(needle.len()).any(|w| w == needle),
                "plaintext email found in {file}"
            );
        }
    }
    drop(server);
    db.drop_database().await;
}

async fn probes_and_graceful_shutdown(db: Db) {
    let db = TestDb::new(db).await;
    let server = Server::start(&db).await;
    let r = client()
        .get(server.url("/healthz"))
        .send()
        .await
        .expect("send");
    assert_eq!(r.status(), 200);
    let r = client()
        .get(server.url("/readyz"))
        .send()
        .await
        .expect("send");
    assert_eq!(r.status(), 200);
    let body: Value = r.json().await.expect("json");
    assert_eq!(body["database"], "ok");
    assert!(r_has_request_id(&server).await);
    let status = server.terminate().await;
    assert!(status.success(), "kyra exits cleanly on SIGTERM: {status}");
    db.drop_database().await;
}

async fn r_has_request_id(server: &Server) -> bool {
    let r = client()
        .get(server.url("/healthz"))
        .send()
        .await
        .expect("send");
    r.headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("req_"))
}
