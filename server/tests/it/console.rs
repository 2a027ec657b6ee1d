//! The operator console over real HTTP: sign-in, the review queue, the case view, decisions and
//! their webhooks, roles, tenant isolation, CSRF, throttling and session ends.

use serde_json::{json, Value};

use crate::common::console::{create_operator, Browser, PASSWORD};
use crate::common::receiver::{self, Receiver};
use crate::common::{create_tenant, get, kyra, outcome, post, Db, TestApp};

/// A verification of `app`'s tenant that the rules sent to review (test-mode trigger).
async fn case_in_review(app: &TestApp, reference: &str) -> String {
    let v = app
        .create_verification(json!({
            "reference_id": reference,
            "checks": ["document", "sanctions"],
            "applicant": {"first_name": "Ana", "last_name": "Silva"},
            "metadata": {"kyra_test_outcome": "needs_review"},
        }))
        .await;
    let id = v["id"].as_str().expect("id").to_owned();
    let r = post(
        &app.server,
        &app.key,
        &format!("/api/v1/verifications/{id}/submit"),
    )
    .await;
    assert_eq!(r.status(), 202, "{:?}", r.text().await);
    let decided = outcome(&app.server, &app.key, &id).await;
    assert_eq!(decided["status"], "needs_review", "{decided}");
    assert_eq!(decided["decided_by"], json!({"type": "rules"}));
    id
}

async fn api_view(app: &TestApp, id: &str) -> Value {
    get(
        &app.server,
        &app.key,
        &format!("/api/v1/verifications/{id}"),
    )
    .await
}

async fn audit_actions(app: &TestApp) -> Vec<Value> {
    let (ok, stdout, stderr) = kyra(&app.db, &["audit", "list", "--json", "--limit", "1000"]).await;
    assert!(ok, "{stderr}");
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

async fn reviewer_approves_and_the_tenant_is_told(db: Db) {
    let env: Vec<(&str, &str)> = crate::common::FAST
        .iter()
        .chain(receiver::FAST)
        .copied()
        .collect();
    let app = TestApp::spawn_with_env(db, &env).await;
    let receiver = Receiver::start().await;
    let endpoint = app
        .post_json(
            "/api/v1/webhook-endpoints",
            &json!({"url": receiver.url("/hooks"), "events": ["verification.approved", "verification.declined"]}),
        )
        .await;
    assert_eq!(endpoint.status(), 201);
    let operator = create_operator(&app.db, "acme", "Rita@Acme.test", "reviewer").await;
    let id = case_in_review(&app, "user_1").await;

    // The email is a login name in any case.
    let rita = Browser::sign_in(&app, "rita@acme.TEST").await;
    let (status, queue) = rita.get("/console").await;
    assert_eq!(status, 200);
    assert!(queue.contains(&id), "the queue lists the case: {queue}");
    let (status, page) = rita.get(&format!("/console/verifications/{id}")).await;
    assert_eq!(status, 200);
    for shown in [
        "Ana",
        "Silva",
        "SANCTIONS_MATCH",
        "Record decision",
        "Timeline",
    ] {
        assert!(page.contains(shown), "the case view shows {shown}");
    }

    // A decision without a note is refused and changes nothing.
    let path = format!("/console/verifications/{id}/decision");
    let r = rita
        .post(&path, &[("outcome", "approved"), ("note", "  ")])
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.expect("body").contains("a note is required"));
    // Nor does one without the session's CSRF token.
    let forged = rita
        .http
        .post(format!("{}{path}", rita.base))
        .form(&[("outcome", "approved"), ("note", "ok"), ("csrf", "forged")])
        .send()
        .await
        .expect("post");
    assert_eq!(forged.status(), 403);
    // Nor one that a browser marks as sent from another site.
    let cross = rita
        .http
        .post(format!("{}{path}", rita.base))
        .header("origin", "https://evil.example")
        .form(&[
            ("outcome", "approved"),
            ("note", "ok"),
            ("csrf", rita.csrf.as_str()),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(cross.status(), 403);
    assert_eq!(api_view(&app, &id).await["status"], "needs_review");

    let r = rita
        .post(
            &path,
            &[
                ("outcome", "approved"),
                ("note", "Name differs from the listed person's birth year."),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "{:?}", r.text().await);
    let v = api_view(&app, &id).await;
    assert_eq!(v["status"], "approved", "{v}");
    assert_eq!(v["decided_by"], json!({"type": "operator", "id": operator}));
    assert_eq!(v["reason_codes"], json!([]));

    let received = receiver
        .wait_for("verification.approved", |r| !r.is_empty())
        .await;
    let body = received[0].json();
    assert_eq!(body["type"], "verification.approved");
    assert_eq!(body["data"]["decided_by"]["type"], "operator");
    assert_eq!(body["data"]["decided_by"]["id"], operator.as_str());

    // Deciding again is refused: the case left review.
    let r = rita
        .post(
            &path,
            &[
                ("outcome", "declined_final"),
                ("reason_codes", "SANCTIONS_MATCH"),
                ("note", "second thoughts"),
            ],
        )
        .await;
    assert_eq!(r.status(), 409);

    let (_, page) = rita.get(&format!("/console/verifications/{id}")).await;
    assert!(
        page.contains("Name differs from the listed person"),
        "the note is shown"
    );
    // The evidence bundle: the object, the rules' decision, the review with its note.
    let bundle: Value = rita
        .http
        .get(format!(
            "{}/console/verifications/{id}/evidence.json",
            rita.base
        ))
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    assert_eq!(bundle["object"], "evidence_bundle");
    assert_eq!(bundle["verification"]["status"], "approved");
    assert_eq!(bundle["decisions"][0]["outcome"], "needs_review");
    assert_eq!(bundle["decisions"][0]["decided_by"]["type"], "rules");
    assert_eq!(bundle["reviews"][0]["outcome"], "approved");
    assert!(bundle["reviews"][0]["note"]
        .as_str()
        .is_some_and(|n| n.starts_with("Name differs")));
    assert_eq!(bundle["exported_by"]["id"], operator.as_str());
    assert!(bundle["events"]
        .as_array()
        .is_some_and(|e| e.iter().any(|e| e["type"] == "verification.approved")));

    let audit = audit_actions(&app).await;
    assert!(audit.iter().any(|e| e["action"] == "verification.exported"));
    let reviewed: Vec<_> = audit
        .iter()
        .filter(|e| e["action"] == "verification.reviewed")
        .collect();
    assert_eq!(reviewed.len(), 1, "{audit:?}");
    assert_eq!(reviewed[0]["actor"], format!("operator:{operator}"));
    assert_eq!(reviewed[0]["target_id"], id.as_str());
    assert!(audit.iter().any(|e| e["action"] == "operator.signed_in"));
    assert!(audit.iter().any(|e| e["action"] == "verification.viewed"));
    let (ok, stdout, _) = kyra(&app.db, &["audit", "verify"]).await;
    assert!(ok, "the chain stays intact: {stdout}");
    app.finish().await;
}

async fn decline_with_retry_sends_the_applicant_back(db: Db) {
    let app = TestApp::spawn_with_env(db, &crate::common::FAST).await;
    create_operator(&app.db, "acme", "rev@acme.test", "reviewer").await;
    let id = case_in_review(&app, "user_2").await;
    let rev = Browser::sign_in(&app, "rev@acme.test").await;
    let path = format!("/console/verifications/{id}/decision");
    let r = rev
        .post(
            &path,
            &[("outcome", "declined_retry"), ("note", "selfie too dark")],
        )
        .await;
    assert_eq!(r.status(), 422, "a decline names its reasons");
    let r = rev
        .post(
            &path,
            &[
                ("outcome", "declined_retry"),
                ("reason_codes", "NOT_A_CODE"),
                ("note", "x"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422, "reason codes come from the registry");
    let r = rev
        .post(
            &path,
            &[
                ("outcome", "declined_retry"),
                ("reason_codes", "BAD_FACE_MATCHING"),
                ("reason_codes", "TOO_DARK"),
                ("note", "The selfie is too dark to compare."),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "{:?}", r.text().await);
    let v = api_view(&app, &id).await;
    assert_eq!(
        (
            v["status"].as_str(),
            v["decline_type"].as_str(),
            v["attempts_left"].as_i64(),
            v["next_action"].as_str()
        ),
        (Some("declined"), Some("retry"), Some(2), Some("RETRY")),
        "{v}"
    );
    assert_eq!(v["reason_codes"], json!(["BAD_FACE_MATCHING", "TOO_DARK"]));
    app.finish().await;
}

async fn roles_and_tenants_are_enforced(db: Db) {
    let app = TestApp::spawn_with_env(db, &crate::common::FAST).await;
    create_operator(&app.db, "acme", "vic@acme.test", "viewer").await;
    create_operator(&app.db, "acme", "rev@acme.test", "reviewer").await;
    create_tenant(&app.db, "globex").await;
    create_operator(&app.db, "globex", "gina@globex.test", "admin").await;
    let id = case_in_review(&app, "user_3").await;

    // Without a session every page leads to the sign-in form.
    let anonymous = Browser::new(&app);
    for path in [
        "/console",
        "/console/verifications",
        &format!("/console/verifications/{id}"),
    ] {
        let response = anonymous
            .http
            .get(format!("{}{path}", anonymous.base))
            .send()
            .await
            .expect("get");
        assert_eq!(response.status(), 303, "{path}");
        assert_eq!(response.headers()["location"], "/console/login");
    }

    // A viewer reads the case, cannot decide or claim it.
    let vic = Browser::sign_in(&app, "vic@acme.test").await;
    let (status, page) = vic.get(&format!("/console/verifications/{id}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("not decide them"), "the page says so");
    let r = vic
        .post(
            &format!("/console/verifications/{id}/decision"),
            &[("outcome", "approved"), ("note", "fine")],
        )
        .await;
    assert_eq!(r.status(), 403);
    let r = vic
        .post(&format!("/console/verifications/{id}/claim"), &[])
        .await;
    assert_eq!(r.status(), 403);
    assert_eq!(api_view(&app, &id).await["status"], "needs_review");

    // Another tenant's admin sees nothing of acme's: not the case, not in lists.
    let gina = Browser::sign_in(&app, "gina@globex.test").await;
    let (status, _) = gina.get(&format!("/console/verifications/{id}")).await;
    assert_eq!(status, 404);
    let (_, queue) = gina.get("/console").await;
    assert!(!queue.contains(&id));
    let (_, list) = gina.get("/console/verifications").await;
    assert!(!list.contains(&id));
    let r = gina
        .post(
            &format!("/console/verifications/{id}/decision"),
            &[("outcome", "approved"), ("note", "mine now")],
        )
        .await;
    assert_eq!(r.status(), 404);

    // A claim keeps other reviewers off the case.
    let rev = Browser::sign_in(&app, "rev@acme.test").await;
    create_operator(&app.db, "acme", "ria@acme.test", "reviewer").await;
    let ria = Browser::sign_in(&app, "ria@acme.test").await;
    let r = rev
        .post(&format!("/console/verifications/{id}/claim"), &[])
        .await;
    assert_eq!(r.status(), 303);
    let (_, queue) = ria.get("/console").await;
    assert!(
        queue.contains("rev@acme.test"),
        "the queue shows who works the case"
    );
    let r = ria
        .post(&format!("/console/verifications/{id}/claim"), &[])
        .await;
    assert_eq!(r.status(), 409);
    let r = ria
        .post(
            &format!("/console/verifications/{id}/decision"),
            &[("outcome", "approved"), ("note", "ok")],
        )
        .await;
    assert_eq!(r.status(), 409);
    assert!(r
        .text()
        .await
        .expect("body")
        .contains("rev@acme.test is working this case"));
    let r = rev
        .post(
            &format!("/console/verifications/{id}/decision"),
            &[("outcome", "approved"), ("note", "ok")],
        )
        .await;
    assert_eq!(r.status(), 303);

    // The list filters by status and reference.
    let (_, list) = rev
        .get("/console/verifications?status=approved&q=user_3")
        .await;
    assert!(list.contains(&id));
    let (_, list) = rev.get("/console/verifications?status=declined").await;
    assert!(!list.contains(&id));
    let (status, _) = rev.get("/console/verifications?from=yesterday").await;
    assert_eq!(status, 400);

    // A verification not yet submitted can be canceled, with a note; a viewer cannot.
    let open = app
        .create_verification(json!({"reference_id": "user_4"}))
        .await;
    let open_id = open["id"].as_str().expect("id");
    let path = format!("/console/verifications/{open_id}/cancel");
    assert_eq!(
        vic.post(&path, &[("note", "fraud ring")]).await.status(),
        403
    );
    assert_eq!(rev.post(&path, &[("note", " ")]).await.status(), 422);
    assert_eq!(
        rev.post(&path, &[("note", "Reported stolen by the customer.")])
            .await
            .status(),
        303
    );
    let v = api_view(&app, open_id).await;
    assert_eq!(v["status"], "canceled", "{v}");
    assert_eq!(rev.post(&path, &[("note", "again")]).await.status(), 409);
    app.finish().await;
}

async fn sign_in_is_throttled_and_sessions_end(db: Db) {
    let app = TestApp::spawn_with_env(
        db,
        &[
            ("KYRA_CONSOLE_LOGIN_FAILURES", "3"),
            ("KYRA_CONSOLE_LOGIN_FAILURES_PER_ADDRESS", "20"),
            ("KYRA_CONSOLE_IDLE_TIMEOUT_SECS", "2"),
        ],
    )
    .await;
    create_operator(&app.db, "acme", "ana@acme.test", "admin").await;
    create_operator(&app.db, "acme", "bo@acme.test", "reviewer").await;

    // Unknown account and wrong password read the same.
    let browser = Browser::new(&app);
    let unknown = browser.try_sign_in("nobody@acme.test", PASSWORD).await;
    assert_eq!(unknown.status(), 401);
    let unknown = unknown.text().await.expect("body");
    let wrong = browser
        .try_sign_in("ana@acme.test", "not the password at all")
        .await;
    assert_eq!(wrong.status(), 401);
    assert!(unknown.contains("The email or the password is wrong."));
    assert!(wrong
        .text()
        .await
        .expect("body")
        .contains("The email or the password is wrong."));
    for _ in 0..2 {
        browser
            .try_sign_in("ana@acme.test", "still not the password")
            .await;
    }
    // Past the limit even the right password is refused, for a while.
    let blocked = browser.try_sign_in("ana@acme.test", PASSWORD).await;
    assert_eq!(blocked.status(), 429);
    assert!(blocked.headers().contains_key("retry-after"));

    // A session's cookie is HttpOnly, SameSite=Strict and scoped to the console.
    let bo = Browser::new(&app);
    let r = bo.try_sign_in("bo@acme.test", PASSWORD).await;
    let cookie = r.headers()["set-cookie"]
        .to_str()
        .expect("ascii")
        .to_owned();
    for part in [
        "kyra_console=",
        "HttpOnly",
        "SameSite=Strict",
        "Path=/console",
    ] {
        assert!(cookie.contains(part), "{cookie}");
    }
    // Idle for longer than the timeout: signed out.
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    let (status, _) = bo.get("/console").await;
    assert_ne!(status, 200, "an idle session ends");

    // Sign out everywhere ends the other device's session too.
    let laptop = Browser::sign_in(&app, "bo@acme.test").await;
    let tablet = Browser::sign_in(&app, "bo@acme.test").await;
    let r = laptop.post("/console/logout-everywhere", &[]).await;
    assert_eq!(r.status(), 303);
    let (status, _) = tablet.get("/console").await;
    assert_eq!(status, 303, "the tablet's session ended");

    // Disabling an operator ends their sessions and refuses sign-in.
    let tablet = Browser::sign_in(&app, "bo@acme.test").await;
    let (ok, _, stderr) = kyra(&app.db, &["users", "disable", "--email", "bo@acme.test"]).await;
    assert!(ok, "{stderr}");
    let (status, _) = tablet.get("/console").await;
    assert_eq!(status, 303);
    assert_eq!(
        Browser::new(&app)
            .try_sign_in("bo@acme.test", PASSWORD)
            .await
            .status(),
        401
    );

    // Pages and files are never cached and never framed.
    let ana_fresh = Browser::new(&app);
    let r = ana_fresh
        .http
        .get(format!("{}/console/login", ana_fresh.base))
        .send()
        .await
        .expect("get");
    assert_eq!(r.headers()["cache-control"], "no-store");
    assert!(r.headers()["content-security-policy"]
        .to_str()
        .expect("csp")
        .contains("frame-ancestors 'none'"));
    app.finish().await;
}

async fn admins_manage_api_keys(db: Db) {
    let app = TestApp::spawn(db).await;
    create_operator(&app.db, "acme", "ada@acme.test", "admin").await;
    create_operator(&app.db, "acme", "rev@acme.test", "reviewer").await;
    create_tenant(&app.db, "globex").await;
    create_operator(&app.db, "globex", "gus@globex.test", "admin").await;

    let ada = Browser::sign_in(&app, "ada@acme.test").await;
    let (status, page) = ada.get("/console/developers").await;
    assert_eq!(status, 200);
    assert!(
        page.contains(&app.key[..14]),
        "the tenant's key is listed by its prefix"
    );
    assert!(!page.contains(&app.key), "never the whole key");

    let r = ada
        .post("/console/developers/keys", &[("mode", "live")])
        .await;
    assert_eq!(r.status(), 201);
    let page = r.text().await.expect("body");
    let marker = "<code id=\"new-key\">";
    let at = page.find(marker).expect("the new key is shown") + marker.len();
    let live_key = page[at..].split('<').next().expect("key").to_owned();
    assert!(live_key.starts_with("kyra_live_"), "{live_key}");
    let list = reqwest::Client::new()
        .get(app.url("/api/v1/verifications"))
        .bearer_auth(&live_key)
        .send()
        .await
        .expect("get");
    assert_eq!(list.status(), 200, "the new key works");
    let (_, page) = ada.get("/console/developers").await;
    assert!(!page.contains(&live_key), "and is never shown again");

    let (ok, stdout, _) = kyra(&app.db, &["keys", "list", "--tenant", "acme", "--json"]).await;
    assert!(ok);
    let keys: Value = serde_json::from_str(stdout.trim()).expect("json");
    let live_id = keys
        .as_array()
        .and_then(|keys| keys.iter().find(|k| k["mode"] == "live"))
        .and_then(|k| k["id"].as_str())
        .expect("the live key")
        .to_owned();

    // Not an admin, or not the tenant's admin: refused, and the key keeps working.
    let rev = Browser::sign_in(&app, "rev@acme.test").await;
    assert_eq!(rev.get("/console/developers").await.0, 403);
    assert_eq!(
        rev.post("/console/developers/keys", &[("mode", "test")])
            .await
            .status(),
        403
    );
    let path = format!("/console/developers/keys/{live_id}/revoke");
    assert_eq!(rev.post(&path, &[]).await.status(), 403);
    let gus = Browser::sign_in(&app, "gus@globex.test").await;
    assert_eq!(gus.post(&path, &[]).await.status(), 404);
    let (_, page) = gus.get("/console/developers").await;
    assert!(
        !page.contains(&live_id),
        "another tenant's keys are not listed"
    );

    assert_eq!(ada.post(&path, &[]).await.status(), 303);
    let list = reqwest::Client::new()
        .get(app.url("/api/v1/verifications"))
        .bearer_auth(&live_key)
        .send()
        .await
        .expect("get");
    assert_eq!(list.status(), 401, "a revoked key is refused");
    let audit = audit_actions(&app).await;
    assert!(audit.iter().any(|e| e["action"] == "api_key.revoked"
        && e["actor"]
            .as_str()
            .is_some_and(|a| a.starts_with("operator:opr_"))));

    // The audit log page: the tenant's entries, and the chain check on request; admins only.
    let (status, page) = ada.get("/console/audit").await;
    assert_eq!(status, 200);
    assert!(page.contains("api_key.revoked") && page.contains(&live_id));
    assert!(!page.contains("chain is intact"));
    let (_, page) = ada.get("/console/audit?verify=true").await;
    assert!(page.contains("The chain is intact"), "{page}");
    let (_, page) = gus.get("/console/audit").await;
    assert!(
        !page.contains(&live_id),
        "another tenant's entries are not shown"
    );
    assert_eq!(rev.get("/console/audit").await.0, 403);
    app.finish().await;
}

/// The code an authenticator app shows now for a base32 key.
fn current_code(key: &str) -> String {
    let secret = totp_rs::Secret::Encoded(key.to_owned())
        .to_bytes()
        .expect("base32 key");
    totp_rs::TOTP::new(totp_rs::Algorithm::SHA1, 6, 1, 30, secret)
        .expect("totp")
        .generate_current()
        .expect("clock")
}

fn between<'a>(page: &'a str, start: &str, end: &str) -> &'a str {
    let at = page
        .find(start)
        .unwrap_or_else(|| panic!("{start} in {page}"))
        + start.len();
    page[at..].split(end).next().expect("end")
}

async fn two_factor_sign_in(db: Db) {
    let app = TestApp::spawn(db).await;
    create_operator(&app.db, "acme", "ana@acme.test", "reviewer").await;
    let ana = Browser::sign_in(&app, "ana@acme.test").await;
    let (_, page) = ana.get("/console/account").await;
    assert!(page.contains("Two-factor sign-in is off"));

    let r = ana.post("/console/account/totp/setup", &[]).await;
    assert_eq!(r.status(), 200);
    let page = r.text().await.expect("body");
    assert!(page.contains("data:image/svg+xml;base64,"), "a QR code");
    let key = between(&page, "<code id=\"totp-key\">", "<").to_owned();
    let r = ana
        .post("/console/account/totp/confirm", &[("code", "12345")])
        .await;
    assert_eq!(r.status(), 422, "a wrong code does not turn it on");
    let code = current_code(&key);
    let r = ana
        .post("/console/account/totp/confirm", &[("code", code.as_str())])
        .await;
    assert_eq!(r.status(), 201);
    let page = r.text().await.expect("body");
    let list = between(&page, "id=\"recovery-codes\"", "</ul>");
    let recovery: Vec<String> = list
        .split("<code>")
        .skip(1)
        .map(|c| c.split('<').next().expect("code").to_owned())
        .collect();
    assert_eq!(recovery.len(), 10, "{list}");

    // The password alone no longer signs in: a second step asks for a code.
    let second = Browser::new(&app);
    let r = second.try_sign_in("ana@acme.test", PASSWORD).await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/console/login/code");
    assert_eq!(second.get("/console").await.0, 303, "not signed in yet");
    let post_code = |browser: &Browser, code: String| {
        let http = browser.http.clone();
        let url = format!("{}/console/login/code", browser.base);
        async move {
            http.post(url)
                .form(&[("code", code)])
                .send()
                .await
                .expect("post")
        }
    };
    assert_eq!(post_code(&second, "000000".into()).await.status(), 401);
    assert_eq!(
        post_code(&second, code.clone()).await.status(),
        401,
        "the code that turned it on was used already"
    );
    let r = post_code(&second, recovery[0].to_uppercase()).await;
    assert_eq!(r.status(), 303, "a recovery code, as typed by a person");
    assert_eq!(second.get("/console").await.0, 200);

    let third = Browser::new(&app);
    third.try_sign_in("ana@acme.test", PASSWORD).await;
    assert_eq!(
        post_code(&third, recovery[0].clone()).await.status(),
        401,
        "a recovery code works once"
    );
    let audit = audit_actions(&app).await;
    assert!(audit
        .iter()
        .any(|e| e["action"] == "operator.second_factor_enabled"));
    assert!(audit
        .iter()
        .any(|e| e["action"] == "operator.sign_in_refused"
            && e["details"]["why"] == "wrong second factor"));

    // An admin turns it off for a lost phone: the password alone works again.
    let (ok, _, stderr) = kyra(&app.db, &["users", "reset-2fa", "--email", "ana@acme.test"]).await;
    assert!(ok, "{stderr}");
    let fourth = Browser::new(&app);
    let r = fourth.try_sign_in("ana@acme.test", PASSWORD).await;
    assert_eq!(r.headers()["location"], "/console");
    app.finish().await;
}

async fn users_cli_refuses_bad_input(db: Db) {
    let db = crate::common::TestDb::new(db).await;
    create_tenant(&db, "acme").await;
    let create = |email: &'static str, password: &'static str| {
        let db = &db;
        async move {
            crate::common::console::kyra_with_stdin(
                db,
                &[
                    "users",
                    "create",
                    "--tenant",
                    "acme",
                    "--email",
                    email,
                    "--role",
                    "viewer",
                    "--password-stdin",
                ],
                password,
            )
            .await
        }
    };
    let (ok, _, stderr) = create("short@acme.test", "too short\n").await;
    assert!(!ok);
    assert!(stderr.contains("at least 12 characters"), "{stderr}");
    let (ok, _, stderr) = create("not-an-email", "long enough password\n").await;
    assert!(!ok);
    assert!(stderr.contains("@"), "{stderr}");
    let (ok, stdout, stderr) = create("val@acme.test", "long enough password\n").await;
    assert!(ok, "{stderr}");
    assert!(stdout.contains("viewer val@acme.test"), "{stdout}");
    let (ok, _, stderr) = create("VAL@acme.test", "another long password\n").await;
    assert!(!ok, "one account per email, whatever its case");
    assert!(stderr.contains("already exists"), "{stderr}");
    let (ok, stdout, _) = kyra(&db, &["users", "list", "--tenant", "acme", "--json"]).await;
    assert!(ok);
    let list: Value = serde_json::from_str(stdout.trim()).expect("json");
    assert_eq!(list.as_array().map(Vec::len), Some(1));
    assert!(!stdout.contains("argon2"), "hashes are never printed");
    let (ok, _, stderr) = kyra(&db, &["users", "disable", "--email", "nobody@acme.test"]).await;
    assert!(!ok);
    assert!(stderr.contains("no operator"), "{stderr}");
    db.drop_database().await;
}

on_both_databases!(
    admins_manage_api_keys,
    two_factor_sign_in,
    users_cli_refuses_bad_input,
    reviewer_approves_and_the_tenant_is_told,
    decline_with_retry_sends_the_applicant_back,
    roles_and_tenants_are_enforced,
    sign_in_is_throttled_and_sessions_end,
);
