//! Embedding and device handoff over real HTTP, on SQLite and PostgreSQL: each tenant's
//! `frame-ancestors`, and single-use "continue on your phone" links.

use crate::common::{client, create_tenant, create_verification, kyra, Db, Server, TestDb};
use serde_json::{json, Value};

on_both_databases!(
    frame_ancestors_follow_the_pinned_flow_of_each_tenant,
    origins_are_validated_when_the_flow_is_saved,
    brand_colours_are_checked_for_contrast_and_served_as_a_stylesheet,
    a_handoff_link_works_once_and_continues_the_same_verification,
    a_handoff_link_expires_and_a_newer_code_replaces_it,
    a_handoff_link_is_bound_to_its_verification_and_tenant,
);

/// Sets the embedding origins of `flow` through the CLI (a new flow version).
async fn allow_origins(db: &TestDb, flow: &str, origins: &[&str]) -> (bool, String) {
    set_flow(db, flow, "embedding", json!({ "allowed_origins": origins })).await
}

/// Replaces one section of `flow`'s configuration through the CLI (a new flow version).
async fn set_flow(db: &TestDb, flow: &str, section: &str, value: Value) -> (bool, String) {
    let (ok, config, stderr) = kyra(db, &["flows", "show", flow]).await;
    assert!(ok, "{stderr}");
    let mut config: Value = serde_json::from_str(&config).expect("flow config JSON");
    config[section] = value;
    let file = db.data_dir.path().join("flow.json");
    std::fs::write(&file, config.to_string()).expect("write");
    let file = file.to_str().expect("utf-8 path");
    let (ok, _, stderr) = kyra(db, &["flows", "update", flow, "--file", file]).await;
    (ok, stderr)
}

struct Link {
    id: String,
    token: String,
}

async fn link(server: &Server, key: &str) -> Link {
    let created = create_verification(server, key, json!({"reference_id": "e1"})).await;
    Link {
        id: created["id"].as_str().expect("id").to_owned(),
        token: created["client_token"].as_str().expect("token").to_owned(),
    }
}

/// The `frame-ancestors` directive of a page.
async fn frame_ancestors(server: &Server, path: &str) -> String {
    let response = client().get(server.url(path)).send().await.expect("send");
    let csp = response
        .headers()
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .expect("every page has a CSP")
        .to_owned();
    csp.split(';')
        .map(str::trim)
        .find_map(|d| d.strip_prefix("frame-ancestors "))
        .expect("frame-ancestors")
        .to_owned()
}

async fn frame_ancestors_follow_the_pinned_flow_of_each_tenant(db: Db) {
    let db = TestDb::new(db).await;
    let acme = create_tenant(&db, "Acme Bank").await;
    let globex = create_tenant(&db, "Globex").await;
    let server = Server::start(&db).await;
    let (acme_key, globex_key) = (
        acme["api_key"].as_str().expect("key"),
        globex["api_key"].as_str().expect("key"),
    );
    let before = link(&server, acme_key).await;
    let (ok, stderr) = allow_origins(
        &db,
        acme["flow_id"].as_str().expect("flow"),
        &["https://shop.acme.example", "http://localhost:5173"],
    )
    .await;
    assert!(ok, "{stderr}");
    let acme_link = link(&server, acme_key).await;
    let globex_link = link(&server, globex_key).await;

    let page = |l: &Link| format!("/v/{}?token={}", l.id, l.token);
    assert_eq!(
        frame_ancestors(&server, &page(&acme_link)).await,
        "https://shop.acme.example http://localhost:5173"
    );
    // The same on every applicant page of the link, the language switch included.
    assert_eq!(
        frame_ancestors(&server, &format!("{}&lang=de", page(&acme_link))).await,
        "https://shop.acme.example http://localhost:5173"
    );
    // A verification keeps the flow version it started on.
    assert_eq!(frame_ancestors(&server, &page(&before)).await, "'none'");
    // Another tenant's setting never leaks: not to its own links, not through a wrong token.
    assert_eq!(
        frame_ancestors(&server, &page(&globex_link)).await,
        "'none'"
    );
    let crossed = Link {
        id: acme_link.id.clone(),
        token: globex_link.token.clone(),
    };
    assert_eq!(frame_ancestors(&server, &page(&crossed)).await, "'none'");
    assert_eq!(
        frame_ancestors(&server, &format!("/v/{}", acme_link.id)).await,
        "'none'"
    );
    assert_eq!(
        frame_ancestors(&server, "/v/ver_01J00000000000000000000000?token=x").await,
        "'none'"
    );

    // The page also hands the origins to the browser for its messages, and only them.
    let html = client()
        .get(server.url(&page(&acme_link)))
        .send()
        .await
        .expect("send")
        .text()
        .await
        .expect("body");
    assert!(html.contains("https://shop.acme.example"), "{html}");
    let html = client()
        .get(server.url(&page(&globex_link)))
        .send()
        .await
        .expect("send")
        .text()
        .await
        .expect("body");
    assert!(!html.contains("acme.example"), "{html}");
    drop(server);
    db.drop_database().await;
}

async fn origins_are_validated_when_the_flow_is_saved(db: Db) {
    let db = TestDb::new(db).await;
    let tenant = create_tenant(&db, "Acme Bank").await;
    let flow = tenant["flow_id"].as_str().expect("flow");
    for (bad, says) in [
        ("https://shop.example/checkout", "https://shop.example"),
        ("https://*.shop.example", "not a URL origin"),
        ("http://shop.example", "https"),
        ("*", "not a URL origin"),
        ("https://shop.example; script-src *", "not a URL origin"),
    ] {
        let (ok, stderr) = allow_origins(&db, flow, &[bad]).await;
        assert!(!ok, "{bad} was accepted");
        assert!(stderr.contains(says), "{bad}: {stderr}");
    }
    let (ok, stderr) = allow_origins(&db, flow, &["https://shop.example:8443"]).await;
    assert!(ok, "{stderr}");
    db.drop_database().await;
}

/// Asks for a handoff code as the desktop page does; `None` when the link cannot have one.
async fn start_handoff(server: &Server, l: &Link) -> Option<String> {
    let response = client()
        .post(server.url("/_kyra/journey/handoff"))
        .form(&[("id", l.id.as_str()), ("token", l.token.as_str())])
        .send()
        .await
        .expect("send");
    assert_eq!(response.status(), 200);
    let offer: Value = response.json().await.expect("json");
    if offer.is_null() {
        return None;
    }
    let qr = offer["qr"].as_str().expect("qr");
    assert!(qr.starts_with("data:image/svg+xml;base64,"), "{qr}");
    Some(offer["url"].as_str().expect("url").to_owned())
}

async fn opened(server: &Server, l: &Link) -> Value {
    let response = client()
        .post(server.url("/_kyra/journey/handoff-progress"))
        .form(&[("id", l.id.as_str()), ("token", l.token.as_str())])
        .send()
        .await
        .expect("send");
    assert_eq!(response.status(), 200);
    response.json().await.expect("json")
}

/// Opens a handoff URL as a phone would (without following the redirect).
async fn open(url: &str) -> (u16, Option<String>, String) {
    let response = client()
        .get(url)
        .header("accept-language", "en")
        .send()
        .await
        .expect("send");
    let status = response.status().as_u16();
    let location = response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    (status, location, response.text().await.expect("body"))
}

async fn a_handoff_link_works_once_and_continues_the_same_verification(db: Db) {
    let db = TestDb::new(db).await;
    let tenant = create_tenant(&db, "Acme Bank").await;
    let server = Server::start(&db).await;
    let l = link(&server, tenant["api_key"].as_str().expect("key")).await;
    let url = start_handoff(&server, &l).await.expect("a code");
    assert!(
        url.starts_with(&format!("{}/v/{}/handoff?h=", server.base, l.id)),
        "{url}"
    );
    assert!(
        !url.contains(&l.token),
        "the code never carries the client token"
    );
    let handoff = url.split("h=").nth(1).expect("token");
    assert_eq!(
        db.scalar_i64(&format!(
            "SELECT COUNT(*) FROM handoffs WHERE token_digest = '{handoff}' \
             OR client_token_sealed LIKE '%{}%'",
            l.token
        ))
        .await,
        0,
        "neither token is stored in clear"
    );
    assert_eq!(opened(&server, &l).await["opened"], false);

    let (status, location, _) = open(&url).await;
    assert!(matches!(status, 302 | 303 | 307), "{status}");
    let location = location.expect("a redirect");
    assert_eq!(location, format!("/v/{}?token={}", l.id, l.token));
    assert_eq!(opened(&server, &l).await["opened"], true);
    // The phone continues the same verification: the journey page renders at its step.
    let page = client()
        .get(server.url(&location))
        .send()
        .await
        .expect("send");
    assert_eq!(page.status(), 200);
    assert!(page
        .text()
        .await
        .expect("body")
        .contains("data-step=\"welcome\""));

    let (status, location, html) = open(&url).await;
    assert_eq!(status, 410);
    assert_eq!(location, None);
    assert!(html.contains("This link was already used"), "{html}");
    // The language the desktop asked for goes along.
    let url = start_handoff(&server, &l).await.expect("a code");
    let (_, location, _) = open(&format!("{url}&lang=de")).await;
    assert!(location.expect("redirect").ends_with("&lang=de"));
    drop(server);
    db.drop_database().await;
}

async fn a_handoff_link_expires_and_a_newer_code_replaces_it(db: Db) {
    let db = TestDb::new(db).await;
    let tenant = create_tenant(&db, "Acme Bank").await;
    let server = Server::start(&db).await;
    let l = link(&server, tenant["api_key"].as_str().expect("key")).await;

    let first = start_handoff(&server, &l).await.expect("a code");
    let second = start_handoff(&server, &l).await.expect("a code");
    assert_ne!(first, second);
    let (status, _, html) = open(&first).await;
    assert_eq!(status, 410);
    assert!(html.contains("This link has expired"), "{html}");

    // Ten minutes later (arranged in the database).
    db.execute(&format!(
        "UPDATE handoffs SET expires_at = created_at - 1 WHERE verification_id = '{}'",
        l.id
    ))
    .await;
    let (status, _, html) = open(&second).await;
    assert_eq!(status, 410);
    assert!(html.contains("This link has expired"), "{html}");
    assert_eq!(opened(&server, &l).await["opened"], false);

    // An expired journey link gets no code at all.
    let third = link(&server, tenant["api_key"].as_str().expect("key")).await;
    db.execute(&format!(
        "UPDATE verifications SET expires_at = 0 WHERE id = '{}'",
        third.id
    ))
    .await;
    assert_eq!(start_handoff(&server, &third).await, None);
    drop(server);
    db.drop_database().await;
}

async fn a_handoff_link_is_bound_to_its_verification_and_tenant(db: Db) {
    let db = TestDb::new(db).await;
    let acme = create_tenant(&db, "Acme Bank").await;
    let globex = create_tenant(&db, "Globex").await;
    let server = Server::start(&db).await;
    let mine = link(&server, acme["api_key"].as_str().expect("key")).await;
    let sibling = link(&server, acme["api_key"].as_str().expect("key")).await;
    let theirs = link(&server, globex["api_key"].as_str().expect("key")).await;

    // Another verification's token cannot ask for a code of mine.
    let crossed = Link {
        id: mine.id.clone(),
        token: theirs.token.clone(),
    };
    assert_eq!(start_handoff(&server, &crossed).await, None);
    assert_eq!(opened(&server, &crossed).await["opened"], false);

    let url = start_handoff(&server, &mine).await.expect("a code");
    let handoff = url.split("h=").nth(1).expect("token");
    // The code used with another verification of the same tenant, or another tenant's: unknown,
    // and not used up.
    for other in [&sibling.id, &theirs.id] {
        let (status, location, html) =
            open(&server.url(&format!("/v/{other}/handoff?h={handoff}"))).await;
        assert_eq!(status, 404, "{html}");
        assert_eq!(location, None);
    }
    let (status, _, _) = open(&server.url(&format!("/v/{}/handoff?h=nonsense", mine.id))).await;
    assert_eq!(status, 404);
    let (status, location, _) = open(&url).await;
    assert!(matches!(status, 302 | 303 | 307), "{status}");
    assert_eq!(
        location.as_deref(),
        Some(format!("/v/{}?token={}", mine.id, mine.token).as_str())
    );
    drop(server);
    db.drop_database().await;
}

async fn brand_colours_are_checked_for_contrast_and_served_as_a_stylesheet(db: Db) {
    let db = TestDb::new(db).await;
    let tenant = create_tenant(&db, "Acme Bank").await;
    let flow = tenant["flow_id"].as_str().expect("flow");
    let (ok, stderr) = set_flow(&db, flow, "branding", json!({"brand_color": "#ffd700"})).await;
    assert!(!ok, "yellow on white is unreadable");
    assert!(stderr.contains("4.5:1"), "{stderr}");
    let (ok, stderr) = set_flow(
        &db,
        flow,
        "branding",
        json!({"brand_color": "#0b6e4f", "brand_color_dark": "#7ee0b5"}),
    )
    .await;
    assert!(ok, "{stderr}");
    let server = Server::start(&db).await;
    let l = link(&server, tenant["api_key"].as_str().expect("key")).await;
    let html = client()
        .get(server.url(&format!("/v/{}?token={}", l.id, l.token)))
        .send()
        .await
        .expect("send")
        .text()
        .await
        .expect("body");
    let href = format!("/brand/{flow}/2/brand.css");
    assert!(
        html.contains(&format!("<link rel=\"stylesheet\" href=\"{href}\"")),
        "{html}"
    );
    let css = client().get(server.url(&href)).send().await.expect("send");
    assert_eq!(css.status(), 200);
    assert_eq!(
        css.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("text/css; charset=utf-8")
    );
    let css = css.text().await.expect("body");
    assert!(css.contains("--kyra-brand: #0b6e4f"), "{css}");
    assert!(css.contains("--kyra-brand: #7ee0b5"), "{css}");
    // Version 1 has Kyra's colours: nothing to override.
    let v1 = client()
        .get(server.url(&format!("/brand/{flow}/1/brand.css")))
        .send()
        .await
        .expect("send");
    assert_eq!(v1.text().await.expect("body"), "");
    drop(server);
    db.drop_database().await;
}
