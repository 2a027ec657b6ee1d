//! Listing, cancel, rerun, expiry, audit events and compliance over real HTTP on both databases.

use std::time::Duration;

use crate::common::{
    client, create_tenant, create_verification, expect_problem, get, outcome, post, Db, Server,
    TestApp,
};
use serde_json::{json, Value};

on_both_databases!(
    list_filters_and_paginates,
    cancel_and_rerun_follow_the_state_machine,
    expired_links_are_swept_with_events,
    compliance_covers_every_case,
    a_new_link_replaces_the_old_one,
);

async fn a_new_link_replaces_the_old_one(db: Db) {
    let app = TestApp::spawn(db).await;
    let (server, key) = (&app.server, app.key.as_str());
    let v = create_verification(server, key, json!({"reference_id": "lost-link"})).await;
    let id = v["id"].as_str().expect("id");
    let old_url = v["verify_url"].as_str().expect("url").to_owned();

    let r = post(server, key, &format!("/api/v1/verifications/{id}/link")).await;
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

    let (_, events) = get_json(server, key, &format!("/api/v1/verifications/{id}/events")).await;
    let kinds: Vec<&str> = events["data"]
        .as_array()
        .expect("data")
        .iter()
        .filter_map(|e| e["type"].as_str())
        .collect();
    assert_eq!(kinds, ["verification.created", "verification.link_issued"]);

    // Not once the verification is finished: a rerun issues the next link then.
    post(server, key, &format!("/api/v1/verifications/{id}/cancel")).await;
    expect_problem(
        post(server, key, &format!("/api/v1/verifications/{id}/link")).await,
        409,
        "invalid_transition",
    )
    .await;
    app.finish().await;
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

async fn list_filters_and_paginates(db: Db) {
    let app = TestApp::spawn(db).await;
    let (server, key, db) = (&app.server, app.key.as_str(), &app.db);
    let other = create_tenant(db, "other").await;
    let mut ids = Vec::new();
    for i in 0..7 {
        let v = create_verification(
            server,
            key,
            json!({"reference_id": format!("user_{}", i % 3)}),
        )
        .await;
        ids.push(v["id"].as_str().expect("id").to_owned());
    }
    create_verification(
        server,
        other["api_key"].as_str().expect("key"),
        json!({"reference_id": "user_0"}),
    )
    .await;
    post(
        server,
        key,
        &format!("/api/v1/verifications/{}/cancel", ids[0]),
    )
    .await;

    // Pages of 3, newest first, no duplicates, nothing of the other tenant.
    let mut seen = Vec::new();
    let mut path = "/api/v1/verifications?limit=3".to_owned();
    loop {
        let (status, page) = get_json(server, key, &path).await;
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

    let (_, page) = get_json(server, key, "/api/v1/verifications?reference_id=user_0").await;
    assert_eq!(page["data"].as_array().map(Vec::len), Some(3));
    let (_, page) = get_json(server, key, "/api/v1/verifications?status=canceled").await;
    assert_eq!(page["data"].as_array().map(Vec::len), Some(1));
    assert_eq!(page["data"][0]["id"], ids[0].as_str());
    let (_, page) = get_json(
        server,
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
        "limit=ten",
    ] {
        let r = client()
            .get(server.url(&format!("/api/v1/verifications?{bad}")))
            .bearer_auth(key)
            .send()
            .await
            .expect("send");
        let problem = expect_problem(r, 422, "invalid_field").await;
        let name = bad.split('=').next().unwrap_or_default();
        assert_eq!(problem["field"], name, "{problem}");
    }
    // A parameter the list does not know is named, like an unknown body field.
    let r = client()
        .get(server.url("/api/v1/verifications?colour=red"))
        .bearer_auth(key)
        .send()
        .await
        .expect("send");
    let problem = expect_problem(r, 422, "unknown_field").await;
    assert_eq!(problem["field"], "colour");
    app.finish().await;
}

async fn cancel_and_rerun_follow_the_state_machine(db: Db) {
    let app = TestApp::spawn(db).await;
    let (server, key, db) = (&app.server, app.key.as_str(), &app.db);

    let v = create_verification(server, key, json!({"reference_id": "u"})).await;
    let id = v["id"].as_str().expect("id");
    let p = expect_problem(
        post(server, key, &format!("/api/v1/verifications/{id}/rerun")).await,
        409,
        "invalid_transition",
    )
    .await;
    assert!(
        p["detail"].as_str().is_some_and(|d| d.contains("pending")),
        "{p}"
    );

    let r = post(server, key, &format!("/api/v1/verifications/{id}/cancel")).await;
    assert_eq!(r.status(), 200);
    let canceled: Value = r.json().await.expect("json");
    assert_eq!(canceled["status"], "canceled");
    assert_eq!(canceled["sequence"], 3);
    assert!(canceled["completed_at"].is_string());
    expect_problem(
        post(server, key, &format!("/api/v1/verifications/{id}/cancel")).await,
        409,
        "invalid_transition",
    )
    .await;

    let (_, events) = get_json(server, key, &format!("/api/v1/verifications/{id}/events")).await;
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
    let v = create_verification(server, key, json!({"reference_id": "d"})).await;
    let id = v["id"].as_str().expect("id");
    let old_token = v["client_token"].as_str().expect("token");
    db.execute(&format!(
        "UPDATE verifications SET status = 'declined', decline_type = 'retry', reason_codes = '[\"GLARE\"]', \
         submitted_at = 5, completed_at = 6 WHERE id = '{id}'"
    ))
    .await;
    let (_, declined) = get_json(server, key, &format!("/api/v1/verifications/{id}")).await;
    assert_eq!(declined["next_action"], "RETRY");
    assert_eq!(declined["attempts_left"], 2);
    let r = post(server, key, &format!("/api/v1/verifications/{id}/rerun")).await;
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
        post(server, key, &format!("/api/v1/verifications/{id}/rerun")).await,
        409,
        "invalid_transition",
    )
    .await;
    db.execute(&format!(
        "UPDATE verifications SET status = 'approved', decline_type = NULL WHERE id = '{id}'"
    ))
    .await;
    expect_problem(
        post(server, key, &format!("/api/v1/verifications/{id}/rerun")).await,
        409,
        "invalid_transition",
    )
    .await;
    expect_problem(
        post(server, key, &format!("/api/v1/verifications/{id}/cancel")).await,
        409,
        "invalid_transition",
    )
    .await;
    app.finish().await;
}

async fn expired_links_are_swept_with_events(db: Db) {
    let app = TestApp::spawn_with_env(db, &[("KYRA_EXPIRY_SWEEP_MS", "100")]).await;
    let (server, key, db) = (&app.server, app.key.as_str(), &app.db);
    let v = create_verification(server, key, json!({})).await;
    let id = v["id"].as_str().expect("id");
    let fresh = create_verification(server, key, json!({})).await;
    db.execute(&format!(
        "UPDATE verifications SET expires_at = 1000 WHERE id = '{id}'"
    ))
    .await;

    let mut status = Value::Null;
    for _ in 0..100 {
        let (_, v) = get_json(server, key, &format!("/api/v1/verifications/{id}")).await;
        status = v["status"].clone();
        if status == "expired" {
            assert_eq!(v["next_action"], "START_FLOW");
            assert_eq!(v["sequence"], 3);
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(status, "expired");
    let (_, events) = get_json(server, key, &format!("/api/v1/verifications/{id}/events")).await;
    assert_eq!(events["data"][1]["type"], "verification.expired");
    assert_eq!(events["data"][1]["actor"], "system");
    assert_eq!(events["data"][2]["type"], "verification.completed");
    let (_, untouched) = get_json(
        server,
        key,
        &format!(
            "/api/v1/verifications/{}",
            fresh["id"].as_str().expect("id")
        ),
    )
    .await;
    assert_eq!(untouched["status"], "pending");
    app.finish().await;
}

/// The compliance view of every state, from checks that really ran (test triggers and a real
/// sanctions check without lists): each check's `passed` is its own result.
async fn compliance_covers_every_case(db: Db) {
    let app = TestApp::spawn_with_env(db, &[("KYRA_CHECKS_POLL_MS", "50")]).await;
    let (server, key, db) = (&app.server, app.key.as_str(), &app.db);
    let compliance = |reference: &'static str| async move {
        get(
            server,
            key,
            &format!("/api/v1/applicants/{reference}/compliance"),
        )
        .await
    };
    let check = |c: &Value, kind: &str| -> Value {
        c["checks"]
            .as_array()
            .and_then(|a| a.iter().find(|x| x["type"] == kind))
            .cloned()
            .unwrap_or_else(|| panic!("no {kind} check in {c}"))
    };
    let summary = |passed: u64, failed: u64, pending: u64, required_failed: u64| json!({"passed": passed, "failed": failed, "pending": pending, "required_failed": required_failed});
    // Creates and submits a verification of `reference`, and waits for its decision.
    let decided = |reference: &'static str, body: Value| async move {
        let mut body = body;
        body["reference_id"] = json!(reference);
        let v = create_verification(server, key, body).await;
        let id = v["id"].as_str().expect("id").to_owned();
        let r = post(server, key, &format!("/api/v1/verifications/{id}/submit")).await;
        assert_eq!(r.status(), 202, "{:?}", r.text().await);
        outcome(server, key, &id).await
    };

    let c = compliance("nobody").await;
    assert_eq!(c["is_compliant"], false);
    assert_eq!(c["status"], "not_started");
    assert_eq!(c["next_action"], "START_FLOW");
    assert_eq!(
        c["summary"],
        summary(0, 0, 4, 0),
        "the default flow runs document, sanctions, pep, duplicates; none has run"
    );
    assert_eq!(check(&c, "sanctions")["status"], "pending");

    // Created, not submitted: nothing has run, nothing passed.
    let v = create_verification(
        server,
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
    assert_eq!(c["summary"], summary(0, 0, 2, 0));
    assert_eq!(check(&c, "document")["suggested_action"], "START_FLOW");

    // Declined, retry: the failing check says how to fix it; the other one passed.
    let v = decided(
        "ben",
        json!({"checks": ["document", "sanctions"], "metadata": {"kyra_test_outcome": "declined_retry"}}),
    )
    .await;
    assert_eq!(v["status"], "declined");
    let c = compliance("ben").await;
    assert_eq!(c["next_action"], "RETRY");
    let document = check(&c, "document");
    assert_eq!(
        (
            document["status"].as_str(),
            document["passed"].as_bool(),
            document["suggested_action"].as_str()
        ),
        (Some("failed"), Some(false), Some("RETRY"))
    );
    assert_eq!(document["reason_codes"], json!(["GLARE"]));
    let sanctions = check(&c, "sanctions");
    assert_eq!(
        (
            sanctions["passed"].as_bool(),
            &sanctions["suggested_action"]
        ),
        (Some(true), &Value::Null)
    );
    assert_eq!(c["summary"], summary(1, 1, 0, 1));

    // Declined, final: nothing left to retry.
    let v = decided(
        "cat",
        json!({"checks": ["document"], "metadata": {"kyra_test_outcome": "declined_final"}}),
    )
    .await;
    assert_eq!(
        (v["decline_type"].as_str(), v["attempts_left"].as_i64()),
        (Some("final"), Some(0)),
        "a final decline leaves no attempts: {v}"
    );
    let c = compliance("cat").await;
    assert_eq!(c["next_action"], "CONTACT_SUPPORT");
    assert_eq!(check(&c, "document")["suggested_action"], "CONTACT_SUPPORT");

    // In review: the check that passed is passed; the one under review waits for a person.
    let v = decided(
        "dan",
        json!({"checks": ["document", "sanctions"], "metadata": {"kyra_test_outcome": "needs_review"}}),
    )
    .await;
    assert_eq!(v["status"], "needs_review");
    let c = compliance("dan").await;
    assert_eq!(
        (
            c["status"].as_str(),
            c["next_action"].as_str(),
            c["is_compliant"].as_bool()
        ),
        (Some("needs_review"), Some("WAIT"), Some(false))
    );
    let document = check(&c, "document");
    assert_eq!(
        (document["status"].as_str(), document["passed"].as_bool()),
        (Some("passed"), Some(true))
    );
    let sanctions = check(&c, "sanctions");
    assert_eq!(
        (
            sanctions["status"].as_str(),
            sanctions["passed"].as_bool(),
            sanctions["suggested_action"].as_str()
        ),
        (Some("review"), Some(false), Some("WAIT"))
    );
    assert_eq!(c["summary"], summary(1, 1, 0, 1));

    // A real sanctions check with no list imported errors: it never counts as passed.
    let v = decided("eve", json!({"checks": ["sanctions"]})).await;
    assert_eq!(v["status"], "needs_review", "{v}");
    assert!(
        v["checks"][0]["detail"]
            .as_str()
            .is_some_and(|d| d.contains("no sanctions list is loaded")),
        "an errored check says why: {v}"
    );
    let c = compliance("eve").await;
    let sanctions = check(&c, "sanctions");
    assert_eq!(
        (sanctions["status"].as_str(), sanctions["passed"].as_bool()),
        (Some("error"), Some(false)),
        "{c}"
    );
    assert_eq!(sanctions["reason_codes"], json!(["CHECK_ERROR"]));
    assert_eq!(c["summary"], summary(0, 1, 0, 1));

    // Approved: compliant, every check passed.
    let v = decided(
        "fay",
        json!({"checks": ["document", "sanctions"], "metadata": {"kyra_test_outcome": "approved"}}),
    )
    .await;
    assert_eq!(v["status"], "approved");
    let c = compliance("fay").await;
    assert_eq!(
        (c["is_compliant"].as_bool(), c["next_action"].as_str()),
        (Some(true), Some("NONE"))
    );
    assert_eq!(c["summary"], summary(2, 0, 0, 0));
    assert_eq!(c["verification_id"], v["id"]);

    // An expired link: start again; a canceled verification is not compliant.
    db.execute(&format!(
        "UPDATE verifications SET status = 'expired' WHERE id = '{id}'"
    ))
    .await;
    let c = compliance("ana").await;
    assert_eq!(
        (c["status"].as_str(), c["next_action"].as_str()),
        (Some("expired"), Some("START_FLOW"))
    );
    assert_eq!(c["summary"], summary(0, 0, 2, 0));
    db.execute(&format!(
        "UPDATE verifications SET status = 'canceled' WHERE id = '{id}'"
    ))
    .await;
    let c = compliance("ana").await;
    assert_eq!(
        (c["status"].as_str(), c["is_compliant"].as_bool()),
        (Some("canceled"), Some(false))
    );
    app.finish().await;
}
