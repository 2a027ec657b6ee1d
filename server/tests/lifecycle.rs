//! Listing, cancel, rerun, expiry, audit events and compliance over real HTTP on both databases.

mod common;

use std::time::Duration;

use common::{client, create_tenant, create_verification, expect_problem, Db, Server, TestDb};
use serde_json::{json, Value};

on_both_databases!(
    list_filters_and_paginates,
    cancel_and_rerun_follow_the_state_machine,
    expired_links_are_swept_with_events,
    compliance_covers_every_case,
    a_new_link_replaces_the_old_one,
);

async fn a_new_link_replaces_the_old_one(db: Db) {
    let db = TestDb::new(db).await;
    let tenant = create_tenant(&db, "acme").await;
    let key = tenant["api_key"].as_str().expect("key");
    let server = Server::start(&db).await;
    let v = create_verification(&server, key, json!({"reference_id": "lost-link"})).await;
    let id = v["id"].as_str().expect("id");
    let old_url = v["verify_url"].as_str().expect("url").to_owned();

    let r = post(&server, key, &format!("/api/v1/verifications/{id}/link")).await;
    assert_eq!(r.status(), 201);
    let fresh: Value = r.json().await.expect("json");
    let new_url = fresh["verify_url"].as_str().expect("url");
    assert_ne!(new_url, old_url);
    assert_eq!(fresh["id"], id);
    assert_eq!(fresh["attempt"], 1, "same attempt");
    assert_eq!(fresh["status"], "pending");

    // The old link is dead, the new one opens the journey.
    let page = |url: String| async move { client().get(url).send().await.expect("page").status() };
    assert_eq!(page(old_url).await, 404);
    assert_eq!(page(new_url.to_owned()).await, 200);

    let (_, events) = get_json(&server, key, &format!("/api/v1/verifications/{id}/events")).await;
    let kinds: Vec<&str> = events["data"]
        .as_array()
        .expect("data")
        .iter()
        .filter_map(|e| e["type"].as_str())
        .collect();
    assert_eq!(kinds, ["verification.created", "verification.link_issued"]);

    // Not once the verification is finished: a rerun issues the next link then.
    post(&server, key, &format!("/api/v1/verifications/{id}/cancel")).await;
    expect_problem(
        post(&server, key, &format!("/api/v1/verifications/{id}/link")).await,
        409,
        "invalid_transition",
    )
    .await;
    db.drop_database().await;
}

async fn get_json(server: &Server, key: &str, path: &str) -> (u16, Value) {
    let r = client()
        .get(server.url(path))
        .bearer_auth(key)
        .send()
        .await
        .expect("send");
    let status = r.status().as_u16();
    (status, r.json().await.expect("json"))
}

async fn post(server: &Server, key: &str, path: &str) -> reqwest::Response {
    client()
        .post(server.url(path))
        .bearer_auth(key)
        .send()
        .await
        .expect("send")
}

async fn list_filters_and_paginates(db: Db) {
    let db = TestDb::new(db).await;
    let tenant = create_tenant(&db, "acme").await;
    let other = create_tenant(&db, "other").await;
    let key = tenant["api_key"].as_str().expect("key");
    let server = Server::start(&db).await;
    let mut ids = Vec::new();
    for i in 0..7 {
        let v = create_verification(
            &server,
            key,
            json!({"reference_id": format!("user_{}", i % 3)}),
        )
        .await;
        ids.push(v["id"].as_str().expect("id").to_owned());
    }
    create_verification(
        &server,
        other["api_key"].as_str().expect("key"),
        json!({"reference_id": "user_0"}),
    )
    .await;
    post(
        &server,
        key,
        &format!("/api/v1/verifications/{}/cancel", ids[0]),
    )
    .await;

    // Pages of 3, newest first, no duplicates, nothing of the other tenant.
    let mut seen = Vec::new();
    let mut path = "/api/v1/verifications?limit=3".to_owned();
    loop {
        let (status, page) = get_json(&server, key, &path).await;
        assert_eq!(status, 200, "{page}");
        assert_eq!(page["object"], "list");
        for v in page["data"].as_array().expect("data") {
            seen.push(v["id"].as_str().expect("id").to_owned());
        }
        match page["next_cursor"].as_str() {
            Some(cursor) => {
                assert_eq!(page["has_more"], true);
                path = format!("/api/v1/verifications?limit=3&cursor={cursor}");
            }
            None => break,
        }
    }
    let mut expected = ids.clone();
    expected.reverse();
    assert_eq!(seen, expected);

    let (_, page) = get_json(&server, key, "/api/v1/verifications?reference_id=user_0").await;
    assert_eq!(page["data"].as_array().map(Vec::len), Some(3));
    let (_, page) = get_json(&server, key, "/api/v1/verifications?status=canceled").await;
    assert_eq!(page["data"].as_array().map(Vec::len), Some(1));
    assert_eq!(page["data"][0]["id"], ids[0].as_str());
    let (_, page) = get_json(
        &server,
        key,
        "/api/v1/verifications?created_gte=2999-01-01T00:00:00Z",
    )
    .await;
    assert_eq!(page["data"].as_array().map(Vec::len), Some(0));

    for bad in [
        "status=done",
        "limit=0",
        "limit=101",
        "cursor=garbage",
        "created_lt=yesterday",
        "colour=red",
    ] {
        let r = client()
            .get(server.url(&format!("/api/v1/verifications?{bad}")))
            .bearer_auth(key)
            .send()
            .await
            .expect("send");
        expect_problem(r, 422, "invalid_field").await;
    }
    drop(server);
    db.drop_database().await;
}

async fn cancel_and_rerun_follow_the_state_machine(db: Db) {
    let db = TestDb::new(db).await;
    let tenant = create_tenant(&db, "acme").await;
    let key = tenant["api_key"].as_str().expect("key");
    let server = Server::start(&db).await;

    let v = create_verification(&server, key, json!({"reference_id": "u"})).await;
    let id = v["id"].as_str().expect("id");
    let p = expect_problem(
        post(&server, key, &format!("/api/v1/verifications/{id}/rerun")).await,
        409,
        "invalid_transition",
    )
    .await;
    assert!(
        p["detail"].as_str().is_some_and(|d| d.contains("pending")),
        "{p}"
    );

    let r = post(&server, key, &format!("/api/v1/verifications/{id}/cancel")).await;
    assert_eq!(r.status(), 200);
    let canceled: Value = r.json().await.expect("json");
    assert_eq!(canceled["status"], "canceled");
    assert_eq!(canceled["sequence"], 3);
    assert!(canceled["completed_at"].is_string());
    expect_problem(
        post(&server, key, &format!("/api/v1/verifications/{id}/cancel")).await,
        409,
        "invalid_transition",
    )
    .await;

    let (_, events) = get_json(&server, key, &format!("/api/v1/verifications/{id}/events")).await;
    let kinds: Vec<&str> = events["data"]
        .as_array()
        .expect("data")
        .iter()
        .filter_map(|e| e["type"].as_str())
        .collect();
    assert_eq!(
        kinds,
        [
            "verification.created",
            "verification.canceled",
            "verification.completed"
        ]
    );
    let sequences: Vec<i64> = events["data"]
        .as_array()
        .expect("data")
        .iter()
        .filter_map(|e| e["sequence"].as_i64())
        .collect();
    assert_eq!(sequences, [1, 2, 3]);
    assert!(events["data"][1]["actor"]
        .as_str()
        .is_some_and(|a| a.starts_with("api_key:key_")));
    assert!(events["data"][1]["request_id"]
        .as_str()
        .is_some_and(|r| r.starts_with("req_")));

    // A declined-with-retry verification can be rerun: new attempt, new link, old one dead.
    let v = create_verification(&server, key, json!({"reference_id": "d"})).await;
    let id = v["id"].as_str().expect("id");
    let old_token = v["client_token"].as_str().expect("token");
    db.execute(&format!(
        "UPDATE verifications SET status = 'declined', decline_type = 'retry', reason_codes = '[\"GLARE\"]', \
         submitted_at = 5, completed_at = 6 WHERE id = '{id}'"
    ))
    .await;
    let (_, declined) = get_json(&server, key, &format!("/api/v1/verifications/{id}")).await;
    assert_eq!(declined["next_action"], "RETRY");
    assert_eq!(declined["attempts_left"], 2);
    let r = post(&server, key, &format!("/api/v1/verifications/{id}/rerun")).await;
    assert_eq!(r.status(), 201);
    let rerun: Value = r.json().await.expect("json");
    assert_eq!(rerun["attempt"], 2);
    assert_eq!(rerun["status"], "pending");
    assert_eq!(rerun["reason_codes"], json!([]));
    let new_token = rerun["client_token"].as_str().expect("token");
    assert_ne!(new_token, old_token);
    let old = client()
        .get(server.url(&format!("/v/{id}?token={old_token}")))
        .send()
        .await
        .expect("send");
    assert_eq!(old.status(), 404, "the previous link is invalidated");
    let new = client()
        .get(server.url(&format!("/v/{id}?token={new_token}")))
        .send()
        .await
        .expect("send");
    assert_eq!(new.status(), 200);
    let kept = db.scalar_text(&format!("SELECT reason_codes FROM verification_attempts WHERE verification_id = '{id}' AND attempt = 1")).await;
    assert_eq!(
        kept.as_deref(),
        Some("[\"GLARE\"]"),
        "the previous attempt is kept"
    );

    // Final declines and approved verifications cannot be rerun.
    db.execute(&format!(
        "UPDATE verifications SET status = 'declined', decline_type = 'final' WHERE id = '{id}'"
    ))
    .await;
    expect_problem(
        post(&server, key, &format!("/api/v1/verifications/{id}/rerun")).await,
        409,
        "invalid_transition",
    )
    .await;
    db.execute(&format!(
        "UPDATE verifications SET status = 'approved', decline_type = NULL WHERE id = '{id}'"
    ))
    .await;
    expect_problem(
        post(&server, key, &format!("/api/v1/verifications/{id}/rerun")).await,
        409,
        "invalid_transition",
    )
    .await;
    expect_problem(
        post(&server, key, &format!("/api/v1/verifications/{id}/cancel")).await,
        409,
        "invalid_transition",
    )
    .await;
    drop(server);
    db.drop_database().await;
}

async fn expired_links_are_swept_with_events(db: Db) {
    let db = TestDb::new(db).await;
    let tenant = create_tenant(&db, "acme").await;
    let key = tenant["api_key"].as_str().expect("key");
    let server = Server::start_with_env(&db, &[("KYRA_EXPIRY_SWEEP_MS", "100")]).await;
    let v = create_verification(&server, key, json!({})).await;
    let id = v["id"].as_str().expect("id");
    let fresh = create_verification(&server, key, json!({})).await;
    db.execute(&format!(
        "UPDATE verifications SET expires_at = 1000 WHERE id = '{id}'"
    ))
    .await;

    let mut status = Value::Null;
    for _ in 0..100 {
        let (_, v) = get_json(&server, key, &format!("/api/v1/verifications/{id}")).await;
        status = v["status"].clone();
        if status == "expired" {
            assert_eq!(v["next_action"], "START_FLOW");
            assert_eq!(v["sequence"], 3);
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(status, "expired");
    let (_, events) = get_json(&server, key, &format!("/api/v1/verifications/{id}/events")).await;
    assert_eq!(events["data"][1]["type"], "verification.expired");
    assert_eq!(events["data"][1]["actor"], "system");
    assert_eq!(events["data"][2]["type"], "verification.completed");
    let (_, untouched) = get_json(
        &server,
        key,
        &format!(
            "/api/v1/verifications/{}",
            fresh["id"].as_str().expect("id")
        ),
    )
    .await;
    assert_eq!(untouched["status"], "pending");
    drop(server);
    db.drop_database().await;
}

async fn compliance_covers_every_case(db: Db) {
    let db = TestDb::new(db).await;
    let tenant = create_tenant(&db, "acme").await;
    let key = tenant["api_key"].as_str().expect("key");
    let server = Server::start(&db).await;
    let compliance = |reference: &'static str| {
        let server = &server;
        async move {
            get_json(
                server,
                key,
                &format!("/api/v1/applicants/{reference}/compliance"),
            )
            .await
            .1
        }
    };

    let c = compliance("nobody").await;
    assert_eq!(c["is_compliant"], false);
    assert_eq!(c["status"], "not_started");
    assert_eq!(c["next_action"], "START_FLOW");
    assert_eq!(
        c["summary"]["required_failed"], 4,
        "the default flow runs document, sanctions, pep, duplicates"
    );

    let v = create_verification(
        &server,
        key,
        json!({"reference_id": "ana", "checks": ["document", "sanctions"]}),
    )
    .await;
    let id = v["id"].as_str().expect("id");
    let c = compliance("ana").await;
    assert_eq!(
        (c["status"].as_str(), c["next_action"].as_str()),
        (Some("pending"), Some("START_FLOW"))
    );
    assert_eq!(
        c["checks"].as_array().map(Vec::len),
        Some(2),
        "only the requested checks count"
    );

    let set = |sql: String| {
        let db = &db;
        async move { db.execute(&sql).await }
    };
    set(format!("UPDATE verifications SET status = 'declined', decline_type = 'retry', reason_codes = '[\"GLARE\"]', submitted_at = 1, completed_at = 2 WHERE id = '{id}'")).await;
    let c = compliance("ana").await;
    assert_eq!(c["next_action"], "RETRY");
    let document = c["checks"]
        .as_array()
        .and_then(|a| a.iter().find(|x| x["type"] == "document"))
        .cloned()
        .expect("document");
    assert_eq!(
        (
            document["passed"].as_bool(),
            document["suggested_action"].as_str()
        ),
        (Some(false), Some("RETRY"))
    );
    let sanctions = c["checks"]
        .as_array()
        .and_then(|a| a.iter().find(|x| x["type"] == "sanctions"))
        .cloned()
        .expect("sanctions");
    assert_eq!(sanctions["passed"], true);
    assert_eq!(
        c["summary"],
        json!({"passed": 1, "failed": 1, "required_failed": 1})
    );

    set(format!("UPDATE verifications SET decline_type = 'final', reason_codes = '[\"UNDERAGE\"]' WHERE id = '{id}'")).await;
    let c = compliance("ana").await;
    assert_eq!(c["next_action"], "CONTACT_SUPPORT");

    set(format!("UPDATE verifications SET status = 'needs_review', decline_type = NULL, reason_codes = '[\"PEP_MATCH\"]', completed_at = NULL WHERE id = '{id}'")).await;
    let c = compliance("ana").await;
    assert_eq!(
        (
            c["status"].as_str(),
            c["next_action"].as_str(),
            c["is_compliant"].as_bool()
        ),
        (Some("needs_review"), Some("WAIT"), Some(false))
    );

    set(format!("UPDATE verifications SET status = 'expired', reason_codes = '[]', submitted_at = NULL WHERE id = '{id}'")).await;
    let c = compliance("ana").await;
    assert_eq!(
        (c["status"].as_str(), c["next_action"].as_str()),
        (Some("expired"), Some("START_FLOW"))
    );

    set(format!(
        "UPDATE verifications SET status = 'canceled' WHERE id = '{id}'"
    ))
    .await;
    let c = compliance("ana").await;
    assert_eq!(
        (c["status"].as_str(), c["is_compliant"].as_bool()),
        (Some("canceled"), Some(false))
    );

    set(format!("UPDATE verifications SET status = 'approved', submitted_at = 1, completed_at = 2 WHERE id = '{id}'")).await;
    let c = compliance("ana").await;
    assert_eq!(
        (c["is_compliant"].as_bool(), c["next_action"].as_str()),
        (Some(true), Some("NONE"))
    );
    assert_eq!(
        c["summary"],
        json!({"passed": 2, "failed": 0, "required_failed": 0})
    );
    assert_eq!(c["verification_id"], id);
    drop(server);
    db.drop_database().await;
}
