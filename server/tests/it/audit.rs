//! The audit log on both databases: changes outside a verification's own trail (webhook
//! endpoints through the API, keys, tenants and flows through the CLI) are recorded with actor,
//! action, target and request id, and `kyra audit verify` notices an altered or removed entry.

use crate::common::{client, create_tenant, kyra, Db, Server, TestDb};
use serde_json::{json, Value};

on_both_databases!(changes_are_recorded_and_the_chain_detects_tampering);

async fn audit_list(db: &TestDb, tenant: &str) -> Vec<Value> {
    let (ok, out, err) = kyra(db, &["audit", "list", "--tenant", tenant, "--json"]).await;
    assert!(ok, "{err}");
    out.lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

async fn changes_are_recorded_and_the_chain_detects_tampering(db: Db) {
    let db = TestDb::new(db).await;
    let acme = create_tenant(&db, "acme").await;
    let other = create_tenant(&db, "other").await;
    let key = acme["api_key"].as_str().expect("key");
    let server = Server::start_with_env(&db, &[("KYRA_WEBHOOKS_ALLOW_HOSTS", "127.0.0.1")]).await;

    // API changes to a webhook endpoint, each with its request id.
    let created: Value = client()
        .post(server.url("/api/v1/webhook-endpoints"))
        .bearer_auth(key)
        .header("x-request-id", "req-create-1")
        .json(&json!({"url": "http://127.0.0.1:9/hook?token=s3cr3t", "events": ["verification.approved"]}))
        .send()
        .await
        .expect("send")
        .json()
        .await
        .expect("json");
    let endpoint = created["id"].as_str().expect("endpoint id").to_owned();
    let r = client()
        .patch(server.url(&format!("/api/v1/webhook-endpoints/{endpoint}")))
        .bearer_auth(key)
        .header("x-request-id", "req-update-1")
        .json(&json!({"description": "billing"}))
        .send()
        .await
        .expect("send");
    assert_eq!(r.status(), 200);
    let r = client()
        .post(server.url(&format!(
            "/api/v1/webhook-endpoints/{endpoint}/rotate-secret"
        )))
        .bearer_auth(key)
        .send()
        .await
        .expect("send");
    assert_eq!(r.status(), 200);
    let r = client()
        .delete(server.url(&format!("/api/v1/webhook-endpoints/{endpoint}")))
        .bearer_auth(key)
        .header("x-request-id", "req-delete-1")
        .send()
        .await
        .expect("send");
    assert_eq!(r.status(), 204);

    // CLI changes: a key created and revoked, a flow updated.
    let (ok, out, err) = kyra(
        &db,
        &[
            "keys", "create", "--tenant", "acme", "--mode", "live", "--json",
        ],
    )
    .await;
    assert!(ok, "{err}");
    let live: Value = serde_json::from_str(out.trim()).expect("json");
    let live_id = live["key_id"].as_str().expect("key id");
    let (ok, _, err) = kyra(&db, &["keys", "revoke", live_id]).await;
    assert!(ok, "{err}");
    let flow_id = acme["flow_id"].as_str().expect("flow");
    let (ok, shown, err) = kyra(&db, &["flows", "show", flow_id]).await;
    assert!(ok, "{err}");
    let file = db.data_dir.path().join("flow.json");
    std::fs::write(&file, shown).expect("write flow");
    let (ok, _, err) = kyra(
        &db,
        &[
            "flows",
            "update",
            flow_id,
            "--file",
            file.to_str().expect("path"),
        ],
    )
    .await;
    assert!(ok, "{err}");

    let entries = audit_list(&db, "acme").await;
    let actions: Vec<&str> = entries
        .iter()
        .rev()
        .map(|e| e["action"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        actions,
        [
            "tenant.created",
            "api_key.created",
            "webhook_endpoint.created",
            "webhook_endpoint.updated",
            "webhook_endpoint.secret_rotated",
            "webhook_endpoint.deleted",
            "api_key.created",
            "api_key.revoked",
            "flow.updated",
        ]
    );
    let by_action = |action: &str| -> &Value {
        entries
            .iter()
            .find(|e| e["action"] == action)
            .expect("entry present")
    };
    let created_entry = by_action("webhook_endpoint.created");
    assert_eq!(created_entry["target_id"], endpoint.as_str());
    assert_eq!(created_entry["request_id"], "req-create-1");
    assert_eq!(created_entry["mode"], "test");
    assert!(created_entry["actor"]
        .as_str()
        .is_some_and(|a| a.starts_with("api_key:key_")));
    assert!(
        created_entry["created_at"]
            .as_str()
            .is_some_and(|t| t.ends_with('Z') && t.contains('T')),
        "times are RFC 3339: {created_entry}"
    );
    assert!(created_entry["details"].is_object(), "{created_entry}");
    let details = created_entry["details"].to_string();
    assert!(
        !details.contains("s3cr3t") && details.contains("127.0.0.1"),
        "the URL's host is recorded, never its query: {details}"
    );
    assert_eq!(
        by_action("webhook_endpoint.deleted")["request_id"],
        "req-delete-1"
    );
    let revoked = by_action("api_key.revoked");
    assert_eq!(revoked["target_id"], live_id);
    assert_eq!(revoked["mode"], "live");
    assert!(revoked["actor"]
        .as_str()
        .is_some_and(|a| a.starts_with("cli:")));
    // No secret ever reaches the log.
    let all = serde_json::to_string(&entries).expect("json");
    assert!(!all.contains(key) && !all.contains("whsec_"));

    // Another tenant sees only its own entries.
    let theirs = audit_list(&db, "other").await;
    assert_eq!(theirs.len(), 2, "{theirs:?}");
    assert!(theirs.iter().all(|e| e["tenant_id"] == other["tenant_id"]));

    let (ok, out, err) = kyra(&db, &["audit", "verify"]).await;
    assert!(ok, "{err}");
    assert!(out.contains("intact: 11 entries"), "{out}");

    // Rewriting an entry breaks the chain at that entry…
    db.execute("UPDATE audit_log SET actor = 'cli:someone-else' WHERE seq = 5")
        .await;
    let (ok, _, err) = kyra(&db, &["audit", "verify"]).await;
    assert!(!ok);
    assert!(err.contains("entry 5") && err.contains("altered"), "{err}");
    db.execute(&format!(
        "UPDATE audit_log SET actor = '{}' WHERE seq = 5",
        entries
            .iter()
            .find(|e| e["seq"] == 5)
            .map(|e| e["actor"].as_str().unwrap_or_default().to_owned())
            .unwrap_or_default()
    ))
    .await;
    let (ok, _, err) = kyra(&db, &["audit", "verify"]).await;
    assert!(ok, "restored entry verifies again: {err}");
    // …and removing one is noticed too.
    db.execute("DELETE FROM audit_log WHERE seq = 3").await;
    let (ok, _, err) = kyra(&db, &["audit", "verify"]).await;
    assert!(!ok);
    assert!(err.contains("entry 3 is missing"), "{err}");

    server.terminate().await;
    db.drop_database().await;
}
