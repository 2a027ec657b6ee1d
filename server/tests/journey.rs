//! The hosted journey's pages and server functions over real HTTP, on SQLite and PostgreSQL.

mod common;

use common::{client, create_tenant, create_verification, Db, Server, TestDb};
use serde_json::{json, Value};

on_both_databases!(
    a_valid_link_renders_the_consent_step_with_security_headers,
    bad_links_reveal_nothing,
    expired_and_finished_links_say_so,
    consent_is_recorded_once_and_moves_the_journey_on,
    static_assets_are_hashed_compressed_and_cached,
);

struct Fixture {
    db: TestDb,
    server: Server,
    key: String,
    id: String,
    token: String,
}

async fn fixture(db: Db) -> Fixture {
    let db = TestDb::new(db).await;
    let tenant = create_tenant(&db, "Acme Bank").await;
    let key = tenant["api_key"].as_str().expect("key").to_owned();
    let server = Server::start(&db).await;
    let created = create_verification(&server, &key, json!({"reference_id": "u1"})).await;
    Fixture {
        id: created["id"].as_str().expect("id").to_owned(),
        token: created["client_token"].as_str().expect("token").to_owned(),
        db,
        server,
        key,
    }
}

async fn page(server: &Server, path: &str) -> (u16, reqwest::header::HeaderMap, String) {
    let response = client().get(server.url(path)).send().await.expect("send");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    (status, headers, response.text().await.expect("body"))
}

async fn a_valid_link_renders_the_consent_step_with_security_headers(db: Db) {
    let f = fixture(db).await;
    let (status, headers, html) = page(&f.server, &format!("/v/{}?token={}", f.id, f.token)).await;
    assert_eq!(status, 200);
    assert!(html.contains("Verify your identity"), "{html}");
    assert!(html.contains("Acme Bank"));
    assert!(html.contains("data-consent-version=\"2026-11-01\""));
    // The continue button is inert until the WASM bundle hydrates the page.
    assert!(html.contains("<button type=\"button\" disabled"), "{html}");

    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let csp = header("content-security-policy");
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|s| s.split('\'').next())
        .expect("CSP carries a nonce");
    assert!(nonce.len() >= 16);
    assert!(
        html.contains(&format!("<script type=\"module\" nonce=\"{nonce}\">")),
        "hydration script uses the nonce"
    );
    assert!(
        !html.contains("<script>"),
        "no inline script without the nonce"
    );
    assert!(
        csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    assert_eq!(header("referrer-policy"), "no-referrer");
    assert_eq!(header("x-content-type-options"), "nosniff");
    assert_eq!(header("cache-control"), "no-store");

    // Every page gets its own nonce.
    let (_, again, _) = page(&f.server, &format!("/v/{}?token={}", f.id, f.token)).await;
    assert_ne!(
        again
            .get("content-security-policy")
            .and_then(|v| v.to_str().ok()),
        Some(csp.as_str())
    );
    drop(f.server);
    f.db.drop_database().await;
}

async fn bad_links_reveal_nothing(db: Db) {
    let f = fixture(db).await;
    let wrong = format!("{}x", &f.token[..f.token.len() - 1]);
    let cases = [
        format!("/v/{}?token={wrong}", f.id),
        format!("/v/{}", f.id),
        format!("/v/{}?token=", f.id),
        format!("/v/vrf_01jh7x9k2q8m4c5t6v7w8y9z0a?token={}", f.token),
        "/v/not-an-id?token=abc".to_owned(),
    ];
    let mut bodies = Vec::new();
    for path in &cases {
        let (status, headers, html) = page(&f.server, path).await;
        assert_eq!(status, 404, "{path}");
        assert!(html.contains("This link is not valid"), "{path}: {html}");
        assert!(!html.contains("Acme Bank"), "{path} leaks the tenant");
        assert!(
            !html.contains("data-consent-version"),
            "{path} leaks the flow"
        );
        assert!(headers.contains_key("content-security-policy"));
        bodies.push(
            html.split("</head>")
                .nth(1)
                .unwrap_or_default()
                .split("<script")
                .next()
                .unwrap_or_default()
                .to_owned(),
        );
    }
    assert!(
        bodies.windows(2).all(|w| w[0] == w[1]),
        "every bad link renders the same page"
    );

    let (status, _, html) = page(&f.server, "/no/such/page").await;
    assert_eq!(status, 404);
    assert!(html.contains("Page not found"));
    drop(f.server);
    f.db.drop_database().await;
}

async fn expired_and_finished_links_say_so(db: Db) {
    let f = fixture(db).await;
    let link = format!("/v/{}?token={}", f.id, f.token);
    f.db.execute(&format!(
        "UPDATE verifications SET expires_at = 1000 WHERE id = '{}'",
        f.id
    ))
    .await;
    let (status, _, html) = page(&f.server, &link).await;
    assert_eq!(status, 410);
    assert!(html.contains("This link has expired"), "{html}");
    assert!(!html.contains("Acme Bank"));

    f.db.execute(&format!(
        "UPDATE verifications SET expires_at = 99999999999999, status = 'approved' WHERE id = '{}'",
        f.id
    ))
    .await;
    let (status, _, html) = page(&f.server, &link).await;
    assert_eq!(status, 410);
    assert!(html.contains("This verification is finished"), "{html}");
    drop(f.server);
    f.db.drop_database().await;
}

async fn consent(f: &Fixture, token: &str, version: &str) -> Value {
    let response = client()
        .post(f.server.url("/_kyra/journey/consent"))
        .header("user-agent", "KyraTest/1.0 (journey)")
        .form(&[
            ("id", f.id.as_str()),
            ("token", token),
            ("consent_version", version),
        ])
        .send()
        .await
        .expect("send");
    assert_eq!(response.status(), 200);
    response.json().await.expect("json")
}

async fn consent_is_recorded_once_and_moves_the_journey_on(db: Db) {
    let f = fixture(db).await;

    let refused = consent(&f, "wrong-token", "2026-11-01").await;
    assert_eq!(refused, json!({"Unavailable": "Invalid"}));
    let stale = consent(&f, &f.token, "1999-01-01").await;
    assert_eq!(
        stale["Ready"]["step"], "Welcome",
        "consent to a text version not shown is not recorded"
    );
    assert_eq!(f.db.scalar_i64("SELECT COUNT(*) FROM consents").await, 0);

    let accepted = consent(&f, &f.token, "2026-11-01").await;
    assert_eq!(accepted["Ready"]["step"], "Document", "{accepted}");
    let again = consent(&f, &f.token, "2026-11-01").await;
    assert_eq!(again["Ready"]["step"], "Document");
    assert_eq!(
        f.db.scalar_i64("SELECT COUNT(*) FROM consents").await,
        1,
        "a double submit records one consent"
    );
    let ua =
        f.db.scalar_text(&format!(
            "SELECT user_agent FROM consents WHERE verification_id = '{}'",
            f.id
        ))
        .await;
    assert_eq!(ua.as_deref(), Some("KyraTest/1.0 (journey)"));
    let ip =
        f.db.scalar_text(&format!(
            "SELECT ip FROM consents WHERE verification_id = '{}'",
            f.id
        ))
        .await;
    assert_eq!(ip.as_deref(), Some("127.0.0.1"));

    let fetched: Value = client()
        .get(f.server.url(&format!("/api/v1/verifications/{}", f.id)))
        .bearer_auth(&f.key)
        .send()
        .await
        .expect("send")
        .json()
        .await
        .expect("json");
    assert_eq!(fetched["status"], "in_progress");
    assert_eq!(fetched["next_action"], "COMPLETE_FLOW");
    assert_eq!(fetched["sequence"], 2);
    let started = f.db.scalar_i64(&format!("SELECT COUNT(*) FROM events WHERE verification_id = '{}' AND type = 'verification.started' AND sequence = 2", f.id)).await;
    assert_eq!(started, 1);

    // Reloading the link resumes at the document step.
    let (status, _, html) = page(&f.server, &format!("/v/{}?token={}", f.id, f.token)).await;
    assert_eq!(status, 200);
    assert!(html.contains("data-step=\"document\""), "{html}");
    drop(f.server);
    f.db.drop_database().await;
}

async fn static_assets_are_hashed_compressed_and_cached(db: Db) {
    let f = fixture(db).await;
    let (_, _, html) = page(&f.server, &format!("/v/{}?token={}", f.id, f.token)).await;
    let href = |ext: &str| -> String {
        let end = html
            .find(&format!(".{ext}\""))
            .unwrap_or_else(|| panic!("no .{ext} asset in page"));
        let start = html[..end].rfind("/pkg/kyra.").expect("asset path");
        html[start..end + ext.len() + 1].to_owned()
    };
    for asset in [href("css"), href("js"), href("wasm")] {
        let hash = asset
            .trim_start_matches("/pkg/kyra.")
            .split('.')
            .next()
            .unwrap_or_default();
        assert_eq!(hash.len(), 16, "{asset} is content-hashed");
        let response = client()
            .get(f.server.url(&asset))
            .header("accept-encoding", "br")
            .send()
            .await
            .expect("send");
        assert_eq!(response.status(), 200, "{asset}");
        let header = |n: &str| {
            response
                .headers()
                .get(n)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        };
        assert_eq!(header("content-encoding"), "br", "{asset}");
        assert_eq!(
            header("cache-control"),
            "public, max-age=31536000, immutable"
        );
        let plain = client()
            .get(f.server.url(&asset))
            .send()
            .await
            .expect("send");
        assert!(plain.headers().get("content-encoding").is_none());
    }
    let (status, _, _) = page(&f.server, "/pkg/kyra.0000000000000000.js").await;
    assert_eq!(status, 404);
    drop(f.server);
    f.db.drop_database().await;
}
