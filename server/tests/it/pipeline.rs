//! The checks pipeline end to end: submission, durable check jobs, the decision engine, outcome
//! events — with test-mode triggers and with real synthetic documents, on both databases.

use crate::synth;
use std::time::Duration;

use crate::common::{
    client, create_tenant, create_verification, expect_problem, get, outcome, post, Db, Server,
    TestDb, FAST,
};
use reqwest::multipart::{Form, Part};
use serde_json::{json, Value};

on_both_databases!(
    test_triggers_reach_every_outcome,
    submission_rules,
    real_documents_are_checked_and_decided,
    a_crash_mid_check_loses_nothing,
    the_applicant_page_follows_progress,
);

/// The journey's live progress: an event stream (and a JSON snapshot for polling) authenticated
/// by the client token, ending with the outcome.
async fn the_applicant_page_follows_progress(db: Db) {
    let db = TestDb::new(db).await;
    let tenant = create_tenant(&db, "acme").await;
    let key = tenant["api_key"].as_str().expect("key");
    let server = Server::start_with_env(&db, &FAST).await;
    let v = create_verification(
        &server,
        key,
        json!({"metadata": {"kyra_test_outcome": "declined_retry"}}),
    )
    .await;
    let id = v["id"].as_str().expect("id");
    let token = v["client_token"].as_str().expect("token");

    // Wrong token and unknown id look the same.
    for path in [
        format!("/v/{id}/status?token=nope"),
        format!("/v/{id}/progress"),
        format!("/v/vrf_01jh7x9k2q8m4c5t6v7w8y9z0a/status?token={token}"),
    ] {
        let r = client().get(server.url(&path)).send().await.expect("send");
        assert_eq!(r.status(), 404, "{path}");
    }

    let stream = client()
        .get(server.url(&format!("/v/{id}/progress?token={token}")))
        .send()
        .await
        .expect("stream");
    assert_eq!(stream.status(), 200);
    assert_eq!(
        stream.headers()["content-type"].to_str().ok(),
        Some("text/event-stream")
    );
    assert_eq!(
        post(&server, key, &format!("/api/v1/verifications/{id}/submit"))
            .await
            .status(),
        202
    );
    let body = tokio::time::timeout(Duration::from_secs(30), stream.text())
        .await
        .expect("the stream ends with the outcome")
        .expect("body");
    let events: Vec<(&str, Value)> = body
        .split("\n\n")
        .filter_map(|block| {
            let name = block.lines().find_map(|l| l.strip_prefix("event: "))?;
            let data = block.lines().find_map(|l| l.strip_prefix("data: "))?;
            Some((name, serde_json::from_str(data).expect("json data")))
        })
        .collect();
    assert_eq!(events.first().map(|e| e.0), Some("progress"), "{body}");
    assert_eq!(events[0].1["status"], "pending");
    let (last_name, last) = events.last().expect("events");
    assert_eq!(*last_name, "outcome", "{body}");
    assert_eq!(last["status"], "declined");
    assert_eq!(last["reason_codes"], json!(["GLARE"]));
    assert_eq!(last["attempts_left"], 2);
    assert!(
        last["checks"]
            .as_array()
            .is_some_and(|c| c.len() == 4 && c.iter().all(|c| c.get("score").is_none())),
        "{last}"
    );

    let snapshot: Value = client()
        .get(server.url(&format!("/v/{id}/status?token={token}")))
        .send()
        .await
        .expect("send")
        .json()
        .await
        .expect("json");
    assert_eq!(&snapshot, last);
    db.drop_database().await;
}

async fn event_types(server: &Server, key: &str, id: &str) -> Vec<String> {
    let events = get(server, key, &format!("/api/v1/verifications/{id}/events")).await;
    let data = events["data"].as_array().expect("events");
    let sequences: Vec<i64> = data.iter().filter_map(|e| e["sequence"].as_i64()).collect();
    assert!(
        sequences.windows(2).all(|w| w[0] < w[1]),
        "sequences grow: {sequences:?}"
    );
    data.iter()
        .filter_map(|e| e["type"].as_str().map(str::to_owned))
        .collect()
}

async fn test_triggers_reach_every_outcome(db: Db) {
    let db = TestDb::new(db).await;
    let tenant = create_tenant(&db, "acme").await;
    let key = tenant["api_key"].as_str().expect("key");
    let server = Server::start_with_env(&db, &FAST).await;

    let cases = [
        (
            json!({"kyra_test_outcome": "approved"}),
            "approved",
            None,
            vec![],
        ),
        (
            json!({"kyra_test_outcome": "declined_retry", "kyra_test_reason": "IMAGE_BLURRY"}),
            "declined",
            Some("retry"),
            vec!["IMAGE_BLURRY"],
        ),
        (
            json!({"kyra_test_outcome": "declined_final"}),
            "declined",
            Some("final"),
            vec!["UNDERAGE"],
        ),
        (
            json!({"kyra_test_outcome": "needs_review"}),
            "needs_review",
            None,
            vec!["SANCTIONS_MATCH"],
        ),
    ];
    for (metadata, status, decline_type, codes) in cases {
        let v = create_verification(
            &server,
            key,
            json!({"reference_id": "trigger", "metadata": metadata}),
        )
        .await;
        let id = v["id"].as_str().expect("id");
        let r = post(&server, key, &format!("/api/v1/verifications/{id}/submit")).await;
        assert_eq!(r.status(), 202);
        let submitted: Value = r.json().await.expect("json");
        assert_eq!(submitted["status"], "processing");
        assert_eq!(submitted["next_action"], "WAIT");
        assert!(submitted["submitted_at"].is_string());
        assert_eq!(
            submitted["checks"].as_array().map(Vec::len),
            Some(4),
            "every check of the default flow is queued: {submitted}"
        );

        let done = outcome(&server, key, id).await;
        assert_eq!(done["status"], status, "{metadata}: {done}");
        assert_eq!(done["decline_type"].as_str(), decline_type, "{done}");
        assert_eq!(done["reason_codes"], json!(codes), "{done}");
        let checks = done["checks"].as_array().expect("checks");
        assert!(checks
            .iter()
            .all(|c| c["status"] != "queued" && c["status"] != "running"));
        let failing: Vec<&Value> = checks.iter().filter(|c| c["status"] != "passed").collect();
        assert_eq!(failing.len(), usize::from(!codes.is_empty()), "{done}");

        let types = event_types(&server, key, id).await;
        let expected_tail: Vec<&str> = match status {
            "approved" => vec!["verification.approved", "verification.completed"],
            "declined" => vec!["verification.declined", "verification.completed"],
            _ => vec!["verification.needs_review"],
        };
        assert_eq!(
            &types[..4],
            [
                "verification.created",
                "verification.started",
                "verification.submitted",
                "verification.processing"
            ]
        );
        assert_eq!(&types[4..], expected_tail, "{types:?}");
        if status == "declined" && decline_type == Some("retry") {
            assert_eq!(done["attempts_left"], 2);
            assert_eq!(done["next_action"], "RETRY");
        }
    }

    // `expired`: the link is dead on arrival and the sweeper expires it.
    let v = create_verification(
        &server,
        key,
        json!({"metadata": {"kyra_test_outcome": "expired"}}),
    )
    .await;
    let id = v["id"].as_str().expect("id");
    let done = outcome(&server, key, id).await;
    assert_eq!(done["status"], "expired");
    assert_eq!(
        event_types(&server, key, id).await,
        [
            "verification.created",
            "verification.expired",
            "verification.completed"
        ]
    );

    // Triggers are refused with live keys and when malformed.
    let (ok, stdout, stderr) = crate::common::kyra(
        &db,
        &[
            "keys", "create", "--tenant", "acme", "--mode", "live", "--json",
        ],
    )
    .await;
    assert!(ok, "{stderr}");
    let live: Value = serde_json::from_str(stdout.trim()).expect("json");
    let live_key = live["api_key"].as_str().expect("live key");
    for (k, metadata, field) in [
        (
            live_key,
            json!({"kyra_test_outcome": "approved"}),
            "metadata.kyra_test_outcome",
        ),
        (
            key,
            json!({"kyra_test_outcome": "perhaps"}),
            "metadata.kyra_test_outcome",
        ),
        (
            key,
            json!({"kyra_test_outcome": "declined_final", "kyra_test_reason": "GLARE"}),
            "metadata.kyra_test_reason",
        ),
        // A reason alone would be ignored silently: refused instead.
        (
            key,
            json!({"kyra_test_reason": "GLARE"}),
            "metadata.kyra_test_reason",
        ),
    ] {
        let r = client()
            .post(server.url("/api/v1/verifications"))
            .bearer_auth(k)
            .json(&json!({"metadata": metadata}))
            .send()
            .await
            .expect("send");
        let problem = expect_problem(r, 422, "invalid_field").await;
        assert_eq!(problem["field"], field, "{problem}");
    }
    replay_and_versioned_rules(&db, &tenant).await;
    db.drop_database().await;
}

/// `kyra decisions replay` shows what other rules would decide, without changing anything;
/// `kyra flows update` versions the rules.
async fn replay_and_versioned_rules(db: &TestDb, tenant: &Value) {
    let flow = tenant["flow_id"].as_str().expect("flow id");
    let dir = tempfile::tempdir().expect("tempdir");
    let strict = dir.path().join("strict.json");
    std::fs::write(
        &strict,
        r#"{"actions": {"SANCTIONS_MATCH": "decline_final"}}"#,
    )
    .expect("write");
    let strict = strict.to_str().expect("utf-8 path");
    let (ok, stdout, stderr) = crate::common::kyra(
        db,
        &[
            "decisions",
            "replay",
            "--flow",
            flow,
            "--since",
            "2000-01-01",
            "--rules",
            strict,
            "--json",
        ],
    )
    .await;
    assert!(ok, "{stderr}");
    let lines: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    let summary = &lines.last().expect("summary")["summary"];
    assert_eq!(summary["decisions"], 4, "{stdout}");
    assert_eq!(summary["changed"], 1, "{stdout}");
    let changed = lines
        .iter()
        .find(|l| l["changed"] == true)
        .expect("one change");
    assert_eq!(changed["before"]["outcome"], "needs_review");
    assert_eq!(changed["after"]["outcome"], "declined_final");
    assert_eq!(
        db.scalar_i64("SELECT COUNT(*) FROM verifications WHERE status = 'needs_review'")
            .await,
        1,
        "a replay changes nothing"
    );

    // A new flow version with those rules; version 1 replays unchanged.
    let (ok, config, stderr) = crate::common::kyra(db, &["flows", "show", flow]).await;
    assert!(ok, "{stderr}");
    let mut config: Value = serde_json::from_str(&config).expect("flow config JSON");
    config["rules"]["actions"] = json!({"SANCTIONS_MATCH": "decline_final", "GLAER": "flag"});
    let file = dir.path().join("flow.json");
    std::fs::write(&file, config.to_string()).expect("write");
    let file = file.to_str().expect("utf-8 path");
    let (ok, _, stderr) = crate::common::kyra(db, &["flows", "update", flow, "--file", file]).await;
    assert!(!ok, "a typo in a reason code is refused");
    assert!(stderr.contains("GLAER"), "{stderr}");
    config["rules"]["actions"] = json!({"SANCTIONS_MATCH": "decline_final"});
    std::fs::write(file, config.to_string()).expect("write");
    let (ok, stdout, stderr) =
        crate::common::kyra(db, &["flows", "update", flow, "--file", file]).await;
    assert!(ok, "{stderr}");
    assert!(stdout.contains("version 2"), "{stdout}");
    for (version, changes) in [("1", "0 would change"), ("2", "1 would change")] {
        let (ok, stdout, stderr) = crate::common::kyra(
            db,
            &[
                "decisions",
                "replay",
                "--flow",
                flow,
                "--since",
                "2000-01-01",
                "--flow-version",
                version,
            ],
        )
        .await;
        assert!(ok, "{stderr}");
        assert!(stdout.contains(changes), "version {version}: {stdout}");
    }
}

async fn submission_rules(db: Db) {
    let db = TestDb::new(db).await;
    let tenant = create_tenant(&db, "acme").await;
    let key = tenant["api_key"].as_str().expect("key");
    let server = Server::start_with_env(&db, &FAST).await;

    // Without a document the document check has nothing to look at: refused, nothing changes.
    let v = create_verification(&server, key, json!({"reference_id": "nodoc"})).await;
    let id = v["id"].as_str().expect("id");
    let r = post(&server, key, &format!("/api/v1/verifications/{id}/submit")).await;
    expect_problem(r, 409, "document_required").await;
    let still = get(&server, key, &format!("/api/v1/verifications/{id}")).await;
    assert_eq!(still["status"], "pending");
    assert_eq!(still["checks"], json!([]));

    // A verification that runs no document check can be submitted as is; twice is a conflict.
    let v = create_verification(
        &server,
        key,
        json!({"reference_id": "screen-only", "checks": ["duplicates"]}),
    )
    .await;
    let id = v["id"].as_str().expect("id");
    let r = post(&server, key, &format!("/api/v1/verifications/{id}/submit")).await;
    assert_eq!(r.status(), 202);
    let r = post(&server, key, &format!("/api/v1/verifications/{id}/submit")).await;
    expect_problem(r, 409, "invalid_transition").await;
    let done = outcome(&server, key, id).await;
    assert_eq!(done["status"], "approved", "{done}");
    assert_eq!(done["checks"][0]["type"], "duplicates");
    assert_eq!(done["checks"][0]["status"], "passed");

    // A canceled one cannot be submitted; another tenant's id is not found.
    let v = create_verification(&server, key, json!({"checks": ["duplicates"]})).await;
    let id = v["id"].as_str().expect("id");
    assert_eq!(
        post(&server, key, &format!("/api/v1/verifications/{id}/cancel"))
            .await
            .status(),
        200
    );
    let r = post(&server, key, &format!("/api/v1/verifications/{id}/submit")).await;
    expect_problem(r, 409, "invalid_transition").await;
    let other = create_tenant(&db, "other").await;
    let other_key = other["api_key"].as_str().expect("key");
    let r = post(
        &server,
        other_key,
        &format!("/api/v1/verifications/{id}/submit"),
    )
    .await;
    expect_problem(r, 404, "not_found").await;
    db.drop_database().await;
}

/// A synthetic passport photo whose holder is an adult with a valid document.
fn passport(variant: synth::Variant, first_seed: u64) -> synth::Sample {
    let font = synth::load_font().expect(
        "the OCR-B font is required (apt-get install fonts-ocr-b; `cargo xtask test` installs it)",
    );
    (first_seed..)
        .map(|seed| synth::sample(&font, synth::DocKind::Passport, variant, (2000, 1500), seed))
        .find(|s| {
            s.fields.expiry_date.as_deref() > Some("2027-01-01")
                && s.fields.birth_date.as_deref() < Some("2000-01-01")
        })
        .expect("some seed fits")
}

fn jpeg(image: &image::RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 92)
        .encode_image(image)
        .expect("encode");
    out
}

async fn upload_passport(server: &Server, key: &str, id: &str, bytes: Vec<u8>) {
    let form = Form::new()
        .text("document_type", "passport")
        .text("side", "front")
        .part(
            "file",
            Part::bytes(bytes)
                .file_name("passport.jpg")
                .mime_str("image/jpeg")
                .expect("mime"),
        );
    let r = client()
        .post(server.url(&format!("/api/v1/verifications/{id}/documents")))
        .bearer_auth(key)
        .multipart(form)
        .send()
        .await
        .expect("send");
    assert_eq!(r.status(), 202, "{:?}", r.text().await);
}

/// Title case of an MRZ name (`ANNA MARIA` → `Anna Maria`), as an applicant would type it.
fn typed(name: &str) -> String {
    name.split(' ')
        .map(|w| {
            let lower = w.to_lowercase();
            let mut chars = lower.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

async fn real_documents_are_checked_and_decided(db: Db) {
    let db = TestDb::new(db).await;
    let tenant = create_tenant(&db, "acme").await;
    let key = tenant["api_key"].as_str().expect("key");
    let server = Server::start_with_env(&db, &FAST).await;
    let clean = passport(synth::Variant::Clean, 100);
    let photo = jpeg(&clean.image);
    let applicant = json!({
        "first_name": typed(&clean.fields.given_names),
        "last_name": typed(&clean.fields.surname),
        "date_of_birth": clean.fields.birth_date,
    });

    // A clean passport matching the typed data; no sanctions list is loaded, so the screening
    // checks cannot run and say so: a person must look (never a silent pass).
    let v = create_verification(
        &server,
        key,
        json!({"reference_id": "ana", "applicant": applicant}),
    )
    .await;
    let id = v["id"].as_str().expect("id");
    upload_passport(&server, key, id, photo.clone()).await;
    assert_eq!(
        post(&server, key, &format!("/api/v1/verifications/{id}/submit"))
            .await
            .status(),
        202
    );
    let done = outcome(&server, key, id).await;
    let status_of = |v: &Value, kind: &str| {
        v["checks"]
            .as_array()
            .and_then(|c| c.iter().find(|c| c["type"] == kind))
            .map(|c| c["status"].as_str().unwrap_or_default().to_owned())
    };
    assert_eq!(
        status_of(&done, "document").as_deref(),
        Some("passed"),
        "{done}"
    );
    assert_eq!(
        status_of(&done, "sanctions").as_deref(),
        Some("error"),
        "{done}"
    );
    assert_eq!(
        status_of(&done, "duplicates").as_deref(),
        Some("passed"),
        "{done}"
    );
    assert_eq!(done["status"], "needs_review");
    assert_eq!(done["reason_codes"], json!(["CHECK_ERROR"]));

    // Without screening in the verification, the same document is approved.
    let v = create_verification(
        &server,
        key,
        json!({"reference_id": "ana", "applicant": applicant, "checks": ["document", "duplicates"]}),
    )
    .await;
    let id = v["id"].as_str().expect("id");
    upload_passport(&server, key, id, photo.clone()).await;
    post(&server, key, &format!("/api/v1/verifications/{id}/submit")).await;
    let done = outcome(&server, key, id).await;
    assert_eq!(done["status"], "approved", "{done}");

    // Another applicant with the very same passport: a duplicate, flagged as fraud.
    let v = create_verification(
        &server,
        key,
        json!({"reference_id": "mallory", "applicant": applicant, "checks": ["document", "duplicates"]}),
    )
    .await;
    let id = v["id"].as_str().expect("id");
    upload_passport(&server, key, id, photo.clone()).await;
    post(&server, key, &format!("/api/v1/verifications/{id}/submit")).await;
    let done = outcome(&server, key, id).await;
    assert_eq!(done["status"], "needs_review", "{done}");
    assert_eq!(done["reason_codes"], json!(["DUPLICATE_APPLICANT"]));
    let types = event_types(&server, key, id).await;
    assert!(types.contains(&"fraud.flagged".to_owned()), "{types:?}");

    // Typed data that contradicts the document.
    let v = create_verification(
        &server,
        key,
        json!({"reference_id": "liar", "applicant": {"last_name": "Zzyzx", "date_of_birth": "1971-01-01"},
               "checks": ["document"]}),
    )
    .await;
    let id = v["id"].as_str().expect("id");
    upload_passport(&server, key, id, photo.clone()).await;
    post(&server, key, &format!("/api/v1/verifications/{id}/submit")).await;
    let done = outcome(&server, key, id).await;
    assert_eq!(done["status"], "needs_review", "{done}");
    assert_eq!(done["reason_codes"], json!(["DATA_MISMATCH"]));

    // A blurry photo: declined with retry and a reason the applicant can act on; the rerun is a
    // fresh attempt that a sharp photo then passes.
    let blurry = passport(synth::Variant::Blurry, 100);
    let v = create_verification(
        &server,
        key,
        json!({"reference_id": "blur", "checks": ["document"]}),
    )
    .await;
    let id = v["id"].as_str().expect("id");
    upload_passport(&server, key, id, jpeg(&blurry.image)).await;
    post(&server, key, &format!("/api/v1/verifications/{id}/submit")).await;
    let done = outcome(&server, key, id).await;
    assert_eq!(done["status"], "declined", "{done}");
    assert_eq!(done["decline_type"], "retry");
    assert!(
        done["reason_codes"]
            .as_array()
            .is_some_and(|c| c.contains(&json!("IMAGE_BLURRY"))),
        "{done}"
    );
    let r = post(&server, key, &format!("/api/v1/verifications/{id}/rerun")).await;
    assert_eq!(r.status(), 201);
    upload_passport(&server, key, id, photo.clone()).await;
    post(&server, key, &format!("/api/v1/verifications/{id}/submit")).await;
    let done = outcome(&server, key, id).await;
    assert_eq!(done["status"], "approved", "{done}");
    assert_eq!(done["attempt"], 2);
    db.drop_database().await;
}

/// SIGKILL while documents are being checked, restart: every submitted verification is decided
/// exactly once.
async fn a_crash_mid_check_loses_nothing(db: Db) {
    let db = TestDb::new(db).await;
    let tenant = create_tenant(&db, "acme").await;
    let key = tenant["api_key"].as_str().expect("key");
    let mut server = Server::start_with_env(&db, &FAST).await;
    let photo = jpeg(&passport(synth::Variant::Clean, 300).image);
    let mut ids = Vec::new();
    for i in 0..6 {
        let v = create_verification(
            &server,
            key,
            json!({"reference_id": format!("crash-{i}"), "checks": ["document"]}),
        )
        .await;
        let id = v["id"].as_str().expect("id").to_owned();
        upload_passport(&server, key, &id, photo.clone()).await;
        ids.push(id);
    }
    for id in &ids {
        assert_eq!(
            post(&server, key, &format!("/api/v1/verifications/{id}/submit"))
                .await
                .status(),
            202
        );
    }
    server.child.start_kill().expect("SIGKILL");
    server.child.wait().await.expect("wait");
    let undecided = db
        .scalar_i64("SELECT COUNT(*) FROM verifications WHERE status = 'processing'")
        .await;
    assert!(undecided > 0, "the kill must land before every decision");

    let server = Server::start_with_env(&db, &FAST).await;
    for id in &ids {
        let done = outcome(&server, key, id).await;
        assert_eq!(done["status"], "approved", "{done}");
    }
    let decisions = db.scalar_i64("SELECT COUNT(*) FROM decisions").await;
    assert_eq!(decisions, ids.len() as i64, "one decision per attempt");
    let outcome_events = db
        .scalar_i64("SELECT COUNT(*) FROM events WHERE type = 'verification.approved'")
        .await;
    assert_eq!(outcome_events, ids.len() as i64);
    db.drop_database().await;
}
