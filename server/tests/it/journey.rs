//! The hosted journey's pages and server functions over real HTTP, on SQLite and PostgreSQL.

use crate::common::{client, create_tenant, create_verification, Db, Server, TestDb};
use serde_json::{json, Value};

on_both_databases!(
    a_valid_link_renders_the_consent_step_with_security_headers,
    bad_links_reveal_nothing,
    expired_and_finished_links_say_so,
    consent_is_recorded_once_and_moves_the_journey_on,
    static_assets_are_hashed_compressed_and_cached,
    the_language_comes_from_query_verification_header_then_flow,
    link_problems_and_unknown_pages_speak_the_requested_language,
    the_pseudo_locale_leaves_no_text_untranslated,
    applicant_uploads_are_checked_again_and_refused_in_their_language,
    a_retryable_decline_can_be_retried_on_the_same_link,
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
    page_in(server, path, None).await
}

/// A page requested with an `Accept-Language` header.
async fn page_in(
    server: &Server,
    path: &str,
    accept_language: Option<&str>,
) -> (u16, reqwest::header::HeaderMap, String) {
    let mut request = client().get(server.url(path));
    if let Some(header) = accept_language {
        request = request.header("accept-language", header);
    }
    let response = request.send().await.expect("send");
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
    assert_eq!(
        status, 200,
        "a decided verification's link shows its outcome"
    );
    assert!(html.contains("data-step=\"outcome\""), "{html}");

    f.db.execute(&format!(
        "UPDATE verifications SET status = 'canceled' WHERE id = '{}'",
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

/// The `<html …>` start tag of a page.
fn html_tag(html: &str) -> &str {
    let start = html.find("<html").expect("<html");
    let end = start + html[start..].find('>').expect(">");
    &html[start..=end]
}

async fn the_language_comes_from_query_verification_header_then_flow(db: Db) {
    let db = TestDb::new(db).await;
    let tenant = create_tenant(&db, "Acme Bank").await;
    let key = tenant["api_key"].as_str().expect("key").to_owned();
    // The flow's default, the last resort before English.
    db.execute(
        "UPDATE flows SET config = REPLACE(config, '\"default_locale\":\"en\"', '\"default_locale\":\"it\"')",
    )
    .await;
    // A verification reads the version of the flow it pins.
    db.execute(
        "UPDATE flow_versions SET config = REPLACE(config, '\"default_locale\":\"en\"', '\"default_locale\":\"it\"')",
    )
    .await;
    let server = Server::start(&db).await;
    let link = |created: &Value| {
        format!(
            "/v/{}?token={}",
            created["id"].as_str().expect("id"),
            created["client_token"].as_str().expect("token")
        )
    };
    let plain = link(&create_verification(&server, &key, json!({"reference_id": "u1"})).await);
    let japanese = link(
        &create_verification(&server, &key, json!({"reference_id": "u2", "locale": "ja"})).await,
    );
    let german = Some("de-CH, de;q=0.9, en;q=0.5");

    // Flow default: no `?lang=`, no verification locale, no header.
    let (status, _, html) = page(&server, &plain).await;
    assert_eq!(status, 200);
    assert!(
        html_tag(&html).contains("lang=\"it\""),
        "{}",
        html_tag(&html)
    );
    assert!(html.contains("Verifica la tua identità"));
    assert!(
        html.contains("Per verificare la tua identità"),
        "built-in consent in Italian"
    );

    // Accept-Language beats the flow.
    let (_, _, html) = page_in(&server, &plain, german).await;
    assert!(
        html_tag(&html).contains("lang=\"de\" dir=\"ltr\""),
        "{}",
        html_tag(&html)
    );
    assert!(html.contains("Bestätigen Sie Ihre Identität"));
    assert!(html.contains(">Weiter<"));
    assert!(html.contains("Um Ihre Identität zu prüfen"));
    assert!(html.contains("data-consent-version=\"2026-11-01\""));

    // The verification's locale beats the header.
    let (_, _, html) = page_in(&server, &japanese, german).await;
    assert!(
        html_tag(&html).contains("lang=\"ja\""),
        "{}",
        html_tag(&html)
    );
    assert!(html.contains("本人確認を行ってください"));

    // `?lang=` beats everything, and right-to-left languages mirror the page.
    let (_, _, html) = page_in(&server, &format!("{japanese}&lang=ar"), german).await;
    assert!(
        html_tag(&html).contains("lang=\"ar\" dir=\"rtl\""),
        "{}",
        html_tag(&html)
    );
    assert!(html.contains("أكِّد هويتك"));
    // The switcher keeps the token and marks the current language.
    assert!(html.contains("<option value=\"ar\" lang=\"ar\" dir=\"rtl\" selected>"));
    assert!(html.contains("name=\"token\""));

    // A language Kyra does not have falls through to the next source; a variant finds its language.
    let (_, _, html) = page_in(&server, &format!("{plain}&lang=tlh"), Some("pt-PT")).await;
    assert!(
        html_tag(&html).contains("lang=\"pt-BR\""),
        "{}",
        html_tag(&html)
    );

    // Consent given on a page in Hebrew answers in Hebrew.
    let id = plain
        .split('/')
        .nth(2)
        .and_then(|s| s.split('?').next())
        .expect("id");
    let token = plain.split("token=").nth(1).expect("token");
    let answer: Value = client()
        .post(server.url("/_kyra/journey/consent"))
        .form(&[
            ("id", id),
            ("token", token),
            ("consent_version", "1999-01-01"),
            ("lang", "he"),
        ])
        .send()
        .await
        .expect("send")
        .json()
        .await
        .expect("json");
    assert_eq!(answer["Ready"]["locale"], "he", "{answer}");
    assert_eq!(answer["Ready"]["consent"]["lang"], "he");
    drop(server);
    db.drop_database().await;
}

async fn link_problems_and_unknown_pages_speak_the_requested_language(db: Db) {
    let f = fixture(db).await;
    let (status, _, html) = page_in(
        &f.server,
        &format!("/v/{}?token=wrong", f.id),
        Some("he-IL,he;q=0.9"),
    )
    .await;
    assert_eq!(status, 404);
    assert!(
        html_tag(&html).contains("lang=\"he\" dir=\"rtl\""),
        "{}",
        html_tag(&html)
    );
    assert!(html.contains("הקישור הזה אינו תקף"));

    let (status, _, html) = page(&f.server, "/no/such/page?lang=es").await;
    assert_eq!(status, 404);
    assert!(
        html_tag(&html).contains("lang=\"es\""),
        "{}",
        html_tag(&html)
    );
    assert!(html.contains("Página no encontrada"));

    let (_, _, html) = page(&f.server, "/no/such/page").await;
    assert!(html_tag(&html).contains("lang=\"en\" dir=\"ltr\""));
    drop(f.server);
    f.db.drop_database().await;
}

/// With `?lang=en-XA` every string that went through the translations is accented and bracketed;
/// any plain English text left on the page bypassed them.
async fn the_pseudo_locale_leaves_no_text_untranslated(db: Db) {
    let f = fixture(db).await;
    for (path, status) in [
        (format!("/v/{}?token={}&lang=en-XA", f.id, f.token), 200),
        (format!("/v/{}?token=wrong&lang=en-XA", f.id), 404),
        ("/nothing/here?lang=en-XA".to_owned(), 404),
    ] {
        let (got, _, html) = page(&f.server, &path).await;
        assert_eq!(got, status, "{path}");
        assert!(html_tag(&html).contains("lang=\"en-XA\""), "{path}");
        let body = html
            .split("<body>")
            .nth(1)
            .and_then(|b| b.split("<script").next())
            .expect("body");
        // The language switcher names each language in itself, untranslated on purpose.
        let autonyms = [
            "English",
            "Deutsch",
            "Français",
            "Español",
            "Português (Brasil)",
            "Italiano",
            "Nederlands",
            "Polski",
            "Türkçe",
        ];
        let untranslated: Vec<&str> = body
            .split('<')
            .filter_map(|chunk| chunk.split_once('>').map(|(_, text)| text.trim()))
            .filter(|text| !autonyms.contains(text) && plain_english(text))
            .collect();
        assert!(
            untranslated.is_empty(),
            "{path}: untranslated {untranslated:?}"
        );
    }
    let (_, _, html) = page(
        &f.server,
        &format!("/v/{}?token={}&lang=en-XA", f.id, f.token),
    )
    .await;
    assert!(html.contains("[Ṽéŕîƒý ýöûŕ îðéñţîţý"), "{html}");
    drop(f.server);
    f.db.drop_database().await;
}

/// Whether a text has two ASCII letters in a row outside the pseudo-locale's `[…]`, not counting
/// the tenant's name (which is data, not text to translate).
fn plain_english(text: &str) -> bool {
    let text = text.replace("Acme Bank", "");
    let mut depth = 0u32;
    let mut previous_letter = false;
    for c in text.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        let letter = depth == 0 && c.is_ascii_alphabetic();
        if letter && previous_letter {
            return true;
        }
        previous_letter = letter;
    }
    false
}

/// A server function of the journey, form-encoded like the page sends it.
async fn call(server: &Server, endpoint: &str, fields: &[(&str, &str)]) -> Value {
    let response = client()
        .post(server.url(&format!("/_kyra/journey/{endpoint}")))
        .form(fields)
        .send()
        .await
        .expect("send");
    assert_eq!(response.status(), 200, "{endpoint}");
    response.json().await.expect("json")
}

/// A plain photo the server's image checks accept.
fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .encode_image(&image)
        .expect("encode");
    out
}

async fn applicant_upload(
    server: &Server,
    id: &str,
    token: &str,
    lang: &str,
    side: &str,
    bytes: Vec<u8>,
    name: &str,
) -> (u16, Value) {
    let form = reqwest::multipart::Form::new()
        .text("side", side.to_owned())
        .part(
            "file",
            reqwest::multipart::Part::bytes(bytes)
                .file_name(name.to_owned())
                .mime_str("image/jpeg")
                .expect("mime"),
        );
    let response = client()
        .post(server.url(&format!("/v/{id}/documents?token={token}&lang={lang}")))
        .multipart(form)
        .send()
        .await
        .expect("send");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn choose_passport(server: &Server, id: &str, token: &str) -> Value {
    let consented = call(
        server,
        "consent",
        &[
            ("id", id),
            ("token", token),
            ("consent_version", "2026-11-01"),
        ],
    )
    .await;
    assert_eq!(consented["Ready"]["step"], "Document", "{consented}");
    call(
        server,
        "document",
        &[
            ("id", id),
            ("token", token),
            ("document_type", "passport"),
            ("country", "PT"),
        ],
    )
    .await
}

async fn applicant_uploads_are_checked_again_and_refused_in_their_language(db: Db) {
    let db = TestDb::new(db).await;
    let tenant = create_tenant(&db, "Acme Bank").await;
    let key = tenant["api_key"].as_str().expect("key").to_owned();
    // A small limit, so that an oversize file is quick to make.
    let server = Server::start_with_env(&db, &[("KYRA_UPLOAD_LIMIT_BYTES", "200000")]).await;
    let created = create_verification(&server, &key, json!({"reference_id": "u1"})).await;
    let id = created["id"].as_str().expect("id").to_owned();
    let token = created["client_token"].as_str().expect("token").to_owned();
    let photo = jpeg(640, 480);
    assert!(photo.len() < 200_000);

    // A choice the flow does not offer is not recorded.
    let chosen = choose_passport(&server, &id, &token).await;
    assert_eq!(chosen["Ready"]["step"], "Upload", "{chosen}");
    assert_eq!(chosen["Ready"]["choice"]["document_type"], "passport");
    let countries = chosen["Ready"]["documents"]["countries"]
        .as_array()
        .expect("countries")
        .len();
    assert!(countries > 200, "an empty policy offers every country");

    let (status, body) =
        applicant_upload(&server, &id, "wrong", "de", "front", photo.clone(), "p.jpg").await;
    assert_eq!((status, body), (404, json!({"code": "not_found"})));

    let gif = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;".to_vec();
    let (status, body) = applicant_upload(&server, &id, &token, "de", "front", gif, "p.jpg").await;
    assert_eq!(status, 415, "{body}");
    assert_eq!(body["code"], "unsupported_type");
    assert!(
        body["message"]
            .as_str()
            .unwrap_or_default()
            .contains("weder ein Foto"),
        "{body}"
    );

    let mut big = jpeg(640, 480);
    big.resize(250_000, 0);
    let (status, body) = applicant_upload(&server, &id, &token, "fr", "front", big, "p.jpg").await;
    assert_eq!(status, 413, "{body}");
    assert_eq!(body["code"], "too_large");
    assert!(
        body["message"]
            .as_str()
            .unwrap_or_default()
            .contains("trop volumineux"),
        "{body}"
    );
    // A passport has no back.
    let (status, _) =
        applicant_upload(&server, &id, &token, "en", "back", photo.clone(), "p.jpg").await;
    assert_eq!(status, 400);
    let count = format!("SELECT COUNT(*) FROM documents WHERE verification_id = '{id}'");
    assert_eq!(db.scalar_i64(&count).await, 0, "nothing refused is stored");

    let (status, body) =
        applicant_upload(&server, &id, &token, "en", "front", photo, "p.jpg").await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body, json!({"side": "front", "format": "jpeg"}));
    assert_eq!(db.scalar_i64(&count).await, 1);
    let stored = db
        .scalar_text(&format!(
            "SELECT issuing_country FROM documents WHERE verification_id = '{id}'"
        ))
        .await;
    assert_eq!(
        stored.as_deref(),
        Some("PT"),
        "the country is the one chosen"
    );

    // Reloading resumes at review.
    let (status, _, html) = page(&server, &format!("/v/{id}?token={token}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("data-step=\"review\""), "{html}");
    drop(server);
    db.drop_database().await;
}

async fn a_retryable_decline_can_be_retried_on_the_same_link(db: Db) {
    let db = TestDb::new(db).await;
    let tenant = create_tenant(&db, "Acme Bank").await;
    let key = tenant["api_key"].as_str().expect("key").to_owned();
    let server = Server::start(&db).await;
    let created = create_verification(
        &server,
        &key,
        json!({"reference_id": "u1", "metadata": {"kyra_test_outcome": "declined_retry"}}),
    )
    .await;
    let id = created["id"].as_str().expect("id").to_owned();
    let token = created["client_token"].as_str().expect("token").to_owned();
    let fields = [("id", id.as_str()), ("token", token.as_str())];

    // Nothing to retry yet.
    choose_passport(&server, &id, &token).await;
    let early = call(&server, "retry", &fields).await;
    assert_eq!(early["Ready"]["step"], "Upload", "{early}");
    let not_yet = call(&server, "submit", &fields).await;
    assert_eq!(
        not_yet["Ready"]["step"], "Upload",
        "no submit before the upload"
    );

    let (status, _) =
        applicant_upload(&server, &id, &token, "en", "front", jpeg(640, 480), "p.jpg").await;
    assert_eq!(status, 201);
    let submitted = call(&server, "submit", &fields).await;
    assert_eq!(submitted["Ready"]["step"], "Processing", "{submitted}");

    let mut snapshot = Value::Null;
    for _ in 0..100 {
        snapshot = client()
            .get(server.url(&format!("/v/{id}/status?token={token}")))
            .send()
            .await
            .expect("send")
            .json()
            .await
            .expect("json");
        if snapshot["status"] != "processing" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(snapshot["status"], "declined", "{snapshot}");
    assert_eq!(snapshot["decline_type"], "retry");

    let (status, _, html) = page(&server, &format!("/v/{id}?token={token}&lang=de")).await;
    assert_eq!(status, 200);
    assert!(html.contains("data-step=\"outcome\""), "{html}");
    assert!(html.contains("Erneut versuchen"), "{html}");

    let retried = call(&server, "retry", &fields).await;
    assert_eq!(retried["Ready"]["step"], "Document", "{retried}");
    let attempt = db
        .scalar_i64(&format!(
            "SELECT attempt FROM verifications WHERE id = '{id}'"
        ))
        .await;
    assert_eq!(attempt, 2);
    let again = call(&server, "retry", &fields).await;
    assert_eq!(
        again["Ready"]["step"], "Document",
        "a second click starts nothing more"
    );
    assert_eq!(
        db.scalar_i64(&format!(
            "SELECT attempt FROM verifications WHERE id = '{id}'"
        ))
        .await,
        2
    );
    let (status, _, html) = page(&server, &format!("/v/{id}?token={token}")).await;
    assert_eq!(status, 200, "the same link keeps working");
    assert!(html.contains("data-step=\"document\""), "{html}");
    drop(server);
    db.drop_database().await;
}
