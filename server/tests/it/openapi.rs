//! The OpenAPI document against the real server: it is OpenAPI 3.1 whose schemas compile, it
//! lists exactly the routes the router has (so a route added without documentation fails here),
//! and real answers — successes and problems — validate against the schemas it gives for them.

use std::collections::BTreeSet;

use crate::common::{client, create_tenant, create_verification, Db, Server, TestDb};
use serde_json::{json, Value};

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

async fn fetch_document(server: &Server) -> Value {
    let response = client()
        .get(server.url("/api/v1/openapi.json"))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 200, "the document needs no API key");
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert_eq!(content_type, "application/json");
    response.json().await.expect("the document is JSON")
}

/// Every `(METHOD, path)` the document describes.
fn documented(doc: &Value) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for method in METHODS {
            if item.get(method).is_some() {
                out.insert((method.to_uppercase(), path.clone()));
            }
        }
    }
    out
}

/// Every `(METHOD, path)` that `api::router` registers, read from its source: `.route("/x",
/// get(…).post(…))`. Reading the source (rather than probing) is what catches a route that is
/// neither documented nor known to this test.
fn routed() -> BTreeSet<(String, String)> {
    let source = include_str!("../../src/api/mod.rs");
    let mut out = BTreeSet::new();
    let mut rest = source;
    while let Some(at) = rest.find(".route(") {
        rest = &rest[at + ".route(".len()..];
        let open = rest.find('"').expect("route path literal");
        let close = open + 1 + rest[open + 1..].find('"').expect("end of route path");
        let path = &rest[open + 1..close];
        // The route's arguments: up to the parenthesis that closes `.route(`.
        let mut depth = 1;
        let mut end = rest.len();
        for (i, c) in rest.char_indices() {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                end = i;
                break;
            }
        }
        let args = &rest[close..end];
        for method in METHODS {
            let call = format!("{method}(");
            let called = args.match_indices(&call).any(|(i, _)| {
                args[..i]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == ':'))
            });
            if called {
                out.insert((method.to_uppercase(), format!("/api/v1{path}")));
            }
        }
        rest = &rest[end..];
    }
    assert!(out.len() > 10, "could not read the routes of api/mod.rs");
    out
}

/// A validator for `schema`, with the document's components in reach of its `$ref`s.
fn validator(doc: &Value, schema: &Value) -> jsonschema::Validator {
    let root = json!({ "components": doc["components"], "allOf": [schema] });
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(&root)
        .unwrap_or_else(|e| panic!("schema does not compile: {e}\n{schema}"))
}

/// Asserts that a real answer matches what the document promises for it.
async fn conforms(doc: &Value, method: &str, path: &str, response: reqwest::Response) -> Value {
    let status = response.status().as_u16().to_string();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let body: Value = response.json().await.expect("JSON body");
    let documented = &doc["paths"][path][method]["responses"][&status];
    assert!(
        documented.is_object(),
        "{method} {path}: status {status} is not documented; body {body}"
    );
    let schema = &documented["content"][&content_type]["schema"];
    assert!(
        schema.is_object(),
        "{method} {path} {status}: content type {content_type} is not documented"
    );
    let validator = validator(doc, schema);
    let errors: Vec<String> = validator
        .iter_errors(&body)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{method} {path} {status} does not match its schema: {errors:?}\n{body}"
    );
    body
}

async fn the_document_is_openapi_3_1_and_lists_every_route(db: Db) {
    let db = TestDb::new(db).await;
    let server = Server::start(&db).await;
    let tenant = create_tenant(&db, "acme").await;
    let key = tenant["api_key"].as_str().expect("key");
    let doc = fetch_document(&server).await;
    assert_eq!(doc["openapi"], "3.1.0");

    let documented = documented(&doc);
    let routed = routed();
    let undocumented: Vec<_> = routed.difference(&documented).collect();
    assert!(
        undocumented.is_empty(),
        "routes without documentation: {undocumented:?}"
    );
    let unrouted: Vec<_> = documented.difference(&routed).collect();
    assert!(
        unrouted.is_empty(),
        "documented but not routed: {unrouted:?}"
    );

    // Every schema compiles, every operation is complete.
    for (name, schema) in doc["components"]["schemas"].as_object().expect("schemas") {
        let _ = validator(
            &doc,
            &json!({ "$ref": format!("#/components/schemas/{name}") }),
        );
        assert!(schema.is_object(), "{name}");
    }
    let mut operation_ids = BTreeSet::new();
    for (method, path) in &documented {
        let op = &doc["paths"][path][method.to_lowercase()];
        let id = op["operationId"].as_str().expect("operationId");
        assert!(
            operation_ids.insert(id.to_owned()),
            "duplicate operationId {id}"
        );
        assert!(op["summary"].is_string(), "{id} has no summary");
        let responses = op["responses"].as_object().expect("responses");
        assert!(
            responses.keys().any(|s| s.starts_with('2')),
            "{id}: no success"
        );
        let public = op["security"] == json!([]);
        assert_eq!(public, id == "getOpenApiDocument", "{id}: security");
        if !public {
            assert!(responses.contains_key("401"), "{id}: no 401");
        }
        let has_idempotency_key = op["parameters"]
            .as_array()
            .is_some_and(|ps| ps.iter().any(|p| p["name"] == "Idempotency-Key"));
        assert_eq!(
            has_idempotency_key,
            method == "POST",
            "{id}: Idempotency-Key"
        );
        for (status, response) in responses {
            if status.starts_with('4') || status.starts_with('5') {
                let problem = &response["content"]["application/problem+json"]["schema"];
                assert!(problem.is_object(), "{id} {status}: not problem+json");
            }
        }
    }

    // The router agrees with the document when asked: every documented operation exists (it
    // answers 401 without a key, not `route_not_found`), and every other method is a 405.
    let http = client();
    for (method, path) in &documented {
        let url = server.url(
            &path
                .replace("{id}", "x")
                .replace("{message_id}", "x")
                .replace("{reference_id}", "x"),
        );
        let response = http
            .request(method.parse().expect("method"), &url)
            .send()
            .await
            .expect("request");
        let expected = if path.ends_with("/openapi.json") {
            200
        } else {
            401
        };
        assert_eq!(response.status(), expected, "{method} {path}");
        let paths_methods: Vec<&str> = METHODS
            .iter()
            .copied()
            .filter(|m| !documented.contains(&(m.to_uppercase(), path.clone())))
            .collect();
        for other in paths_methods {
            let response = http
                .request(other.to_uppercase().parse().expect("method"), &url)
                .bearer_auth(key)
                .send()
                .await
                .expect("request");
            assert_eq!(response.status(), 405, "{other} {path} is not documented");
        }
    }
    drop(server);
    db.drop_database().await;
}

async fn real_answers_match_their_schemas(db: Db) {
    let db = TestDb::new(db).await;
    let server = Server::start_with_env(
        &db,
        &[
            ("KYRA_WEBHOOKS_DISPATCHER", "false"),
            ("KYRA_WEBHOOKS_ALLOW_HOSTS", "127.0.0.1"),
        ],
    )
    .await;
    let tenant = create_tenant(&db, "acme").await;
    let key = tenant["api_key"].as_str().expect("key");
    let doc = fetch_document(&server).await;
    let http = client();
    let get = |path: &str| http.get(server.url(path)).bearer_auth(key).send();

    // The create answer, through the same checks as any other answer.
    let created = http
        .post(server.url("/api/v1/verifications"))
        .bearer_auth(key)
        .json(&json!({
            "reference_id": "user_1",
            "applicant": {"email": "ana@example.com", "first_name": "Ana", "country": "PT",
                          "date_of_birth": "1990-04-12"},
            "locale": "pt-BR",
            "metadata": {"order": "A-1"}
        }))
        .send()
        .await
        .expect("request");
    let created = conforms(&doc, "post", "/api/v1/verifications", created).await;
    let id = created["id"].as_str().expect("id");
    let other = create_verification(&server, key, json!({})).await;
    let other_id = other["id"].as_str().expect("id");

    let cases = [
        (
            "/api/v1/verifications/{id}",
            format!("/api/v1/verifications/{id}"),
        ),
        (
            "/api/v1/verifications",
            "/api/v1/verifications?limit=1".to_owned(),
        ),
        (
            "/api/v1/verifications/{id}/events",
            format!("/api/v1/verifications/{id}/events"),
        ),
        (
            "/api/v1/applicants/{reference_id}/compliance",
            "/api/v1/applicants/user_1/compliance".to_owned(),
        ),
        (
            "/api/v1/applicants/{reference_id}/compliance",
            "/api/v1/applicants/nobody/compliance".to_owned(),
        ),
        (
            "/api/v1/screenings/monitored",
            "/api/v1/screenings/monitored".to_owned(),
        ),
        // Problems: an unknown id, an id that cannot be decoded, a bad filter.
        (
            "/api/v1/verifications/{id}",
            "/api/v1/verifications/vrf_01jh7x9k2q8m4c5t6v7w8y9z0a".to_owned(),
        ),
        (
            "/api/v1/verifications/{id}",
            "/api/v1/verifications/%FF".to_owned(),
        ),
        (
            "/api/v1/verifications",
            "/api/v1/verifications?status=nope".to_owned(),
        ),
    ];
    for (template, path) in cases {
        let response = get(&path).await.expect("request");
        conforms(&doc, "get", template, response).await;
    }

    // NUL in a lookup key is refused up front: PostgreSQL would fail the query (a 500).
    for (template, path) in [
        (
            "/api/v1/applicants/{reference_id}/compliance",
            "/api/v1/applicants/a%00b/compliance",
        ),
        (
            "/api/v1/verifications",
            "/api/v1/verifications?reference_id=a%00b",
        ),
    ] {
        let response = get(path).await.expect("request");
        let problem = conforms(&doc, "get", template, response).await;
        assert_eq!(problem["code"], "invalid_field", "{path}: {problem}");
    }

    let canceled = http
        .post(server.url(&format!("/api/v1/verifications/{other_id}/cancel")))
        .bearer_auth(key)
        .send()
        .await
        .expect("request");
    conforms(&doc, "post", "/api/v1/verifications/{id}/cancel", canceled).await;
    let again = http
        .post(server.url(&format!("/api/v1/verifications/{other_id}/cancel")))
        .bearer_auth(key)
        .send()
        .await
        .expect("request");
    let problem = conforms(&doc, "post", "/api/v1/verifications/{id}/cancel", again).await;
    assert_eq!(problem["code"], "invalid_transition");
    let invalid = http
        .post(server.url("/api/v1/verifications"))
        .bearer_auth(key)
        .json(&json!({"applicant": {"country": "Portugal"}}))
        .send()
        .await
        .expect("request");
    conforms(&doc, "post", "/api/v1/verifications", invalid).await;
    let anonymous = http
        .get(server.url("/api/v1/verifications"))
        .send()
        .await
        .expect("request");
    conforms(&doc, "get", "/api/v1/verifications", anonymous).await;

    // Webhook endpoints: the secret-bearing create answer, the object, the delivery log.
    let endpoint = http
        .post(server.url("/api/v1/webhook-endpoints"))
        .bearer_auth(key)
        .json(&json!({"url": "http://127.0.0.1:9/hook", "events": ["verification.completed"]}))
        .send()
        .await
        .expect("request");
    let endpoint = conforms(&doc, "post", "/api/v1/webhook-endpoints", endpoint).await;
    let endpoint_id = endpoint["id"].as_str().expect("id");
    let queued = http
        .post(server.url(&format!("/api/v1/webhook-endpoints/{endpoint_id}/test")))
        .bearer_auth(key)
        .send()
        .await
        .expect("request");
    conforms(&doc, "post", "/api/v1/webhook-endpoints/{id}/test", queued).await;
    for (template, path) in [
        (
            "/api/v1/webhook-endpoints",
            "/api/v1/webhook-endpoints".to_owned(),
        ),
        (
            "/api/v1/webhook-endpoints/{id}",
            format!("/api/v1/webhook-endpoints/{endpoint_id}"),
        ),
        (
            "/api/v1/webhook-endpoints/{id}/deliveries",
            format!("/api/v1/webhook-endpoints/{endpoint_id}/deliveries"),
        ),
        (
            "/api/v1/webhook-endpoints/{id}/deliveries",
            format!("/api/v1/webhook-endpoints/{endpoint_id}/deliveries?limit=abc"),
        ),
    ] {
        let response = get(&path).await.expect("request");
        conforms(&doc, "get", template, response).await;
    }
    drop(server);
    db.drop_database().await;
}

/// The document promises `Idempotency-Key` on every POST, uploads included: a key must not shrink
/// the route's body limit to the JSON one.
async fn large_posts_take_an_idempotency_key(db: Db) {
    let db = TestDb::new(db).await;
    let server = Server::start(&db).await;
    let tenant = create_tenant(&db, "acme").await;
    let key = tenant["api_key"].as_str().expect("key");
    let v = create_verification(&server, key, json!({})).await;
    let id = v["id"].as_str().expect("id");
    // A whole PDF of 200 KB: kept as sent, so it needs no real page content.
    let mut pdf = b"%PDF-1.4\n".to_vec();
    while pdf.len() < 200_000 {
        pdf.extend_from_slice(b"% padding padding padding padding padding padding\n");
    }
    pdf.extend_from_slice(b"%%EOF\n");
    // One fixed body (a multipart client would pick a new boundary for every request, and a
    // replay needs the same bytes).
    let mut body = b"--b0undary\r\nContent-Disposition: form-data; name=\"document_type\"\r\n\r\n\
biometric_report\r\n--b0undary\r\nContent-Disposition: form-data; name=\"file\"; \
filename=\"report.pdf\"\r\n\r\n"
        .to_vec();
    body.extend_from_slice(&pdf);
    body.extend_from_slice(b"\r\n--b0undary--\r\n");
    let upload = || {
        client()
            .post(server.url(&format!("/api/v1/verifications/{id}/documents")))
            .bearer_auth(key)
            .header("Idempotency-Key", "upload-1")
            .header("Content-Type", "multipart/form-data; boundary=b0undary")
            .body(body.clone())
            .send()
    };
    let first = upload().await.expect("request");
    assert_eq!(first.status(), 202, "{:?}", first.text().await);
    let replayed = upload().await.expect("request");
    assert_eq!(replayed.status(), 202);
    assert_eq!(
        replayed
            .headers()
            .get("idempotent-replayed")
            .and_then(|v| v.to_str().ok()),
        Some("true")
    );
    // The JSON routes keep their own, smaller limit.
    let big = json!({"metadata": {"k": "x".repeat(100_000)}});
    let response = client()
        .post(server.url("/api/v1/verifications"))
        .bearer_auth(key)
        .header("Idempotency-Key", "big-json")
        .json(&big)
        .send()
        .await
        .expect("request");
    crate::common::expect_problem(response, 413, "payload_too_large").await;
    drop(server);
    db.drop_database().await;
}

on_both_databases!(
    the_document_is_openapi_3_1_and_lists_every_route,
    real_answers_match_their_schemas,
    large_posts_take_an_idempotency_key,
);
