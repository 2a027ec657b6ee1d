//! Document uploads through the API, with the hostile-file corpus, on both databases.

use crate::common::{
    client, create_tenant, create_verification, expect_problem, Db, Server, TestDb,
};
use reqwest::multipart::{Form, Part};
use serde_json::{json, Value};

on_both_databases!(uploads_are_sniffed_checked_and_sealed);

fn corpus(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/../checks/testdata/hostile/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("missing test file {path}: {e}"))
}

fn form(bytes: Vec<u8>, declared_name: &str, document_type: &str) -> Form {
    Form::new()
        .text("document_type", document_type.to_owned())
        .text("side", "front")
        .text("issuing_country", "PT")
        .part(
            "file",
            Part::bytes(bytes)
                .file_name(declared_name.to_owned())
                .mime_str("image/jpeg")
                .expect("mime"),
        )
}

async fn upload(server: &Server, key: &str, id: &str, form: Form) -> reqwest::Response {
    client()
        .post(server.url(&format!("/api/v1/verifications/{id}/documents")))
        .bearer_auth(key)
        .multipart(form)
        .send()
        .await
        .expect("send")
}

async fn uploads_are_sniffed_checked_and_sealed(db: Db) {
    let db = TestDb::new(db).await;
    let tenant = create_tenant(&db, "acme").await;
    let key = tenant["api_key"].as_str().expect("key");
    let server = Server::start(&db).await;
    let v = create_verification(&server, key, json!({"reference_id": "docs"})).await;
    let id = v["id"].as_str().expect("id");

    let photo = corpus("exif_rotated.jpg");
    let r = upload(
        &server,
        key,
        id,
        form(photo.clone(), "passport.jpg", "passport"),
    )
    .await;
    assert_eq!(r.status(), 202);
    let doc: Value = r.json().await.expect("json");
    assert!(doc["id"].as_str().is_some_and(|d| d.starts_with("doc_")));
    assert_eq!(doc["format"], "jpeg");
    assert_eq!(doc["document_type"], "passport");
    assert_eq!(doc["issuing_country"], "PT");
    assert_eq!(doc["size_bytes"], photo.len());
    assert_eq!(doc["sha256"].as_str().map(str::len), Some(64));
    assert!(doc["width"].as_i64().is_some_and(|w| w > 0));
    let stored = db
        .data_dir
        .path()
        .join("files")
        .join(id)
        .join(doc["id"].as_str().expect("doc id"));
    let sealed = std::fs::read(&stored).expect("stored document");
    assert!(
        !sealed.starts_with(&[0xFF, 0xD8]),
        "stored sealed, not as a plain JPEG"
    );
    assert!(!sealed.windows(4).any(|w| w == b"Exif"));

    // The declared type is ignored: a PDF named .jpg is stored as a PDF.
    let r = upload(
        &server,
        key,
        id,
        form(corpus("document.pdf"), "scan.jpg", "biometric_report"),
    )
    .await;
    assert_eq!(r.status(), 202);
    assert_eq!(r.json::<Value>().await.expect("json")["format"], "pdf");

    let refused = [
        ("empty.jpg", 422, "file_empty"),
        ("html_renamed.jpg", 422, "file_unsupported"),
        ("program.jpg", 422, "file_unsupported"),
        ("image.svg", 422, "file_unsupported"),
        ("jpeg_truncated.jpg", 422, "file_truncated"),
        ("png_bomb_100k.png", 422, "file_too_many_pixels"),
    ];
    for (name, status, code) in refused {
        let r = upload(&server, key, id, form(corpus(name), name, "passport")).await;
        expect_problem(r, status, code).await;
    }
    let oversized = vec![0xFFu8; 10 * 1024 * 1024 + 1];
    expect_problem(
        upload(&server, key, id, form(oversized, "big.jpg", "passport")).await,
        413,
        "payload_too_large",
    )
    .await;
    let r = upload(&server, key, id, form(photo.clone(), "x.jpg", "tax_return")).await;
    assert_eq!(
        expect_problem(r, 422, "invalid_field").await["field"],
        "document_type"
    );
    let r = upload(
        &server,
        key,
        id,
        Form::new().text("document_type", "passport"),
    )
    .await;
    assert_eq!(
        expect_problem(r, 422, "invalid_field").await["field"],
        "file"
    );
    let r = client()
        .post(server.url(&format!("/api/v1/verifications/{id}/documents")))
        .bearer_auth(key)
        .json(&json!({"file": "base64?"}))
        .send()
        .await
        .expect("send");
    expect_problem(r, 415, "unsupported_media_type").await;

    // Only the two accepted uploads were stored, indexed and audited.
    assert_eq!(
        db.scalar_i64(&format!(
            "SELECT COUNT(*) FROM documents WHERE verification_id = '{id}'"
        ))
        .await,
        2
    );
    assert_eq!(
        std::fs::read_dir(stored.parent().expect("dir"))
            .expect("dir")
            .count(),
        2
    );
    let uploads = db
        .scalar_i64(&format!("SELECT COUNT(*) FROM events WHERE verification_id = '{id}' AND type = 'verification.document_uploaded'"))
        .await;
    assert_eq!(uploads, 2);

    // Finished verifications take no more documents; another tenant cannot see this one.
    client()
        .post(server.url(&format!("/api/v1/verifications/{id}/cancel")))
        .bearer_auth(key)
        .send()
        .await
        .expect("send");
    expect_problem(
        upload(&server, key, id, form(photo.clone(), "p.jpg", "passport")).await,
        409,
        "invalid_transition",
    )
    .await;
    let other = create_tenant(&db, "other").await;
    let r = upload(
        &server,
        other["api_key"].as_str().expect("key"),
        id,
        form(photo, "p.jpg", "passport"),
    )
    .await;
    expect_problem(r, 404, "not_found").await;
    drop(server);
    db.drop_database().await;
}
