//! The admin CLI against a real database.

mod common;

use common::{kyra, Db, TestDb};
use serde_json::Value;

on_both_databases!(tenant_and_key_commands);

async fn tenant_and_key_commands(db: Db) {
    let db = TestDb::new(db).await;
    let (ok, out, err) = kyra(&db, &["migrate"]).await;
    assert!(ok, "{err}");
    assert!(out.contains("migrations applied"));

    let (ok, out, err) = kyra(&db, &["tenant", "create", "acme", "--json"]).await;
    assert!(ok, "{err}");
    let created: Value = serde_json::from_str(out.trim()).expect("one JSON object");
    assert!(created["tenant_id"]
        .as_str()
        .is_some_and(|s| s.starts_with("ten_")));
    assert!(created["flow_id"]
        .as_str()
        .is_some_and(|s| s.starts_with("flw_")));
    assert!(created["api_key"]
        .as_str()
        .is_some_and(|s| s.starts_with("kyra_test_") && s.len() == 53));
    // The key is stored only as its hash.
    let stored = db
        .scalar_i64(&format!(
            "SELECT COUNT(*) FROM api_keys WHERE secret_hash = '{}'",
            created["api_key"].as_str().unwrap_or_default()
        ))
        .await;
    assert_eq!(stored, 0);

    let (ok, _, err) = kyra(&db, &["tenant", "create", "acme"]).await;
    assert!(!ok, "duplicate names are refused");
    assert!(err.contains("already exists"), "{err}");

    let tenant_id = created["tenant_id"].as_str().unwrap_or_default();
    let (ok, out, err) = kyra(
        &db,
        &[
            "keys", "create", "--tenant", tenant_id, "--mode", "live", "--json",
        ],
    )
    .await;
    assert!(ok, "{err}");
    let key: Value = serde_json::from_str(out.trim()).expect("json");
    assert_eq!(key["mode"], "live");
    assert_eq!(
        key["flow_id"], created["flow_id"],
        "keys are bound to the tenant's flow"
    );

    let (ok, _, err) = kyra(
        &db,
        &["keys", "create", "--tenant", "nobody", "--mode", "test"],
    )
    .await;
    assert!(!ok);
    assert!(err.contains("no tenant"), "{err}");

    let key_id = key["key_id"].as_str().unwrap_or_default();
    let (ok, _, err) = kyra(&db, &["keys", "revoke", key_id]).await;
    assert!(ok, "{err}");
    let (ok, _, err) = kyra(&db, &["keys", "revoke", key_id]).await;
    assert!(!ok, "revoking twice reports it");
    assert!(err.contains("no active key"), "{err}");
    let (ok, _, err) = kyra(&db, &["keys", "revoke", "../etc"]).await;
    assert!(!ok);
    assert!(err.contains("not a key id"), "{err}");
    db.drop_database().await;
}
