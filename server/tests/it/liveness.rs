//! The applicant's selfie and active liveness capture over real HTTP, on SQLite and PostgreSQL:
//! the server-chosen single-use challenge, every frame through the safe image path, and the
//! submit rules of face checks.

use crate::common::{
    client, create_tenant, create_verification, expect_problem, Db, Server, TestDb,
};
use serde_json::{json, Value};

on_both_databases!(
    a_live_capture_is_recorded_and_leads_to_review,
    challenges_are_single_use_fresh_and_of_this_verification,
    frames_are_checked_like_documents_and_counted,
    the_capture_needs_the_right_link_and_step,
    submit_requires_the_selfie_and_the_liveness_frames,
);

const CHALLENGE_KINDS: [&str; 4] = ["turn_left", "turn_right", "move_closer", "look_up"];

pub(crate) struct Fixture {
    pub db: TestDb,
    pub server: Server,
    pub key: String,
}

/// A tenant whose flow also runs the face checks, and a server.
pub(crate) async fn fixture(db: Db, allow_upload: bool) -> Fixture {
    let db = TestDb::new(db).await;
    let tenant = create_tenant(&db, "Acme Bank").await;
    let key = tenant["api_key"].as_str().expect("key").to_owned();
    let flow = tenant["flow_id"].as_str().expect("flow");
    crate::common::update_flow(&db, flow, |config| {
        config["checks"] = json!(["document", "selfie", "liveness", "face_match", "sanctions"]);
        config["liveness"] = json!({"allow_upload": allow_upload});
    })
    .await;
    let server = Server::start_with_env(&db, &crate::common::FAST).await;
    Fixture { db, server, key }
}

/// A verification of the fixture's flow: `(id, token)`.
pub(crate) async fn verification(f: &Fixture, checks: Option<Value>) -> (String, String) {
    let mut body = json!({"reference_id": "u1"});
    if let Some(checks) = checks {
        body["checks"] = checks;
    }
    let created = create_verification(&f.server, &f.key, body).await;
    (
        created["id"].as_str().expect("id").to_owned(),
        created["client_token"].as_str().expect("token").to_owned(),
    )
}

pub(crate) async fn call(server: &Server, endpoint: &str, fields: &[(&str, &str)]) -> Value {
    let response = client()
        .post(server.url(&format!("/_kyra/journey/{endpoint}")))
        .form(fields)
        .send()
        .await
        .expect("send");
    assert_eq!(response.status(), 200, "{endpoint}");
    response.json().await.expect("json")
}

pub(crate) fn jpeg(width: u32, height: u32, shade: u8) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, shade])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .encode_image(&image)
        .expect("encode");
    out
}

/// Consent, a passport from PT, its photo page: the journey is at the selfie step.
async fn to_selfie_step(f: &Fixture, id: &str, token: &str) {
    to_selfie_step_with(f, id, token, jpeg(1000, 700, 90)).await;
}

/// [`to_selfie_step`] with this photo of the passport's photo page.
pub(crate) async fn to_selfie_step_with(f: &Fixture, id: &str, token: &str, passport: Vec<u8>) {
    let consented = call(
        &f.server,
        "consent",
        &[
            ("id", id),
            ("token", token),
            ("consent_version", "2026-11-01"),
        ],
    )
    .await;
    assert_eq!(consented["Ready"]["step"], "Document", "{consented}");
    let chosen = call(
        &f.server,
        "document",
        &[
            ("id", id),
            ("token", token),
            ("document_type", "passport"),
            ("country", "PT"),
        ],
    )
    .await;
    assert_eq!(chosen["Ready"]["step"], "Upload", "{chosen}");
    let form = reqwest::multipart::Form::new().text("side", "front").part(
        "file",
        reqwest::multipart::Part::bytes(passport).file_name("p.jpg"),
    );
    let response = client()
        .post(f.server.url(&format!("/v/{id}/documents?token={token}")))
        .multipart(form)
        .send()
        .await
        .expect("send");
    assert_eq!(response.status(), 201);
}

/// The journey's current state (`{"Ready": view}`), as the page loads it.
async fn load(f: &Fixture, id: &str, token: &str) -> Value {
    let loaded = call(&f.server, "load", &[("id", id), ("token", token)]).await;
    loaded["content"]["Ok"].clone()
}

pub(crate) async fn challenge(f: &Fixture, id: &str, token: &str) -> (u16, Value) {
    let response = client()
        .post(
            f.server
                .url(&format!("/v/{id}/liveness/challenge?token={token}")),
        )
        .send()
        .await
        .expect("send");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// Posts a capture: `challenge` (if any), a selfie and `frames`.
async fn capture(
    f: &Fixture,
    id: &str,
    token: &str,
    challenge: Option<&str>,
    frames: Vec<Vec<u8>>,
    lang: &str,
) -> (u16, Value) {
    capture_with(f, id, token, challenge, jpeg(640, 480, 10), frames, lang).await
}

/// [`capture`] with this selfie.
pub(crate) async fn capture_with(
    f: &Fixture,
    id: &str,
    token: &str,
    challenge: Option<&str>,
    selfie: Vec<u8>,
    frames: Vec<Vec<u8>>,
    lang: &str,
) -> (u16, Value) {
    let mut form = reqwest::multipart::Form::new();
    if let Some(c) = challenge {
        form = form.text("challenge", c.to_owned());
    }
    form = form.part(
        "selfie",
        reqwest::multipart::Part::bytes(selfie).file_name("selfie.jpg"),
    );
    for (i, frame) in frames.into_iter().enumerate() {
        form = form.part(
            "frame",
            reqwest::multipart::Part::bytes(frame).file_name(format!("frame-{i}.jpg")),
        );
    }
    let response = client()
        .post(
            f.server
                .url(&format!("/v/{id}/liveness?token={token}&lang={lang}")),
        )
        .multipart(form)
        .send()
        .await
        .expect("send");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

fn frames(n: usize) -> Vec<Vec<u8>> {
    (0..n).map(|i| jpeg(640, 480, (i * 20) as u8)).collect()
}

async fn count(db: &TestDb, id: &str, document_type: &str) -> i64 {
    db.scalar_i64(&format!(
        "SELECT COUNT(*) FROM documents WHERE verification_id = '{id}' AND document_type = '{document_type}'"
    ))
    .await
}

async fn a_live_capture_is_recorded_and_leads_to_review(db: Db) {
    let f = fixture(db, false).await;
    let (id, token) = verification(&f, None).await;
    to_selfie_step(&f, &id, &token).await;
    let view = load(&f, &id, &token).await;
    assert_eq!(view["Ready"]["step"], "Selfie", "{view}");
    assert_eq!(
        view["Ready"]["face"],
        json!({"done": false, "allow_upload": false})
    );

    let (status, issued) = challenge(&f, &id, &token).await;
    assert_eq!(status, 201, "{issued}");
    let kind = issued["kind"].as_str().expect("kind");
    assert!(CHALLENGE_KINDS.contains(&kind), "{issued}");
    assert_eq!(issued["expires_in_ms"], 120_000);
    let challenge_id = issued["id"].as_str().expect("id").to_owned();
    assert!(challenge_id.starts_with("lvc_"));

    let (status, body) = capture(&f, &id, &token, Some(&challenge_id), frames(8), "en").await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(
        body,
        json!({"selfie": "jpeg", "frames": 8, "challenge": kind})
    );
    assert_eq!(count(&f.db, &id, "selfie").await, 1);
    assert_eq!(count(&f.db, &id, "liveness_frame").await, 8);
    let used = f
        .db
        .scalar_i64(&format!(
            "SELECT COUNT(*) FROM liveness_challenges WHERE id = '{challenge_id}' AND used_at IS NOT NULL"
        ))
        .await;
    assert_eq!(used, 1, "the challenge is spent");
    let view = load(&f, &id, &token).await;
    assert_eq!(view["Ready"]["step"], "Review", "{view}");
    assert_eq!(view["Ready"]["face"]["done"], true);

    let submitted = call(&f.server, "submit", &[("id", &id), ("token", &token)]).await;
    assert_eq!(submitted["Ready"]["step"], "Processing", "{submitted}");
    drop(f.server);
    f.db.drop_database().await;
}

async fn challenges_are_single_use_fresh_and_of_this_verification(db: Db) {
    let f = fixture(db, false).await;
    let (id, token) = verification(&f, None).await;
    to_selfie_step(&f, &id, &token).await;

    // Unknown: a well-formed id nobody issued, garbage, none at all.
    for given in [Some("lvc_01jh0000000000000000000000"), Some("nope"), None] {
        let (status, body) = capture(&f, &id, &token, given, frames(8), "de").await;
        assert_eq!(status, 422, "{given:?}: {body}");
        assert_eq!(body["code"], "challenge_unknown");
        assert!(
            body["message"]
                .as_str()
                .unwrap_or_default()
                .contains("erneut"),
            "in the applicant's language: {body}"
        );
    }

    // Another verification's challenge does not count here.
    let (other, other_token) = verification(&f, None).await;
    to_selfie_step(&f, &other, &other_token).await;
    let (_, foreign) = challenge(&f, &other, &other_token).await;
    let foreign = foreign["id"].as_str().expect("id").to_owned();
    let (status, body) = capture(&f, &id, &token, Some(&foreign), frames(8), "en").await;
    assert_eq!(
        (status, body["code"].clone()),
        (422, json!("challenge_unknown"))
    );

    // Expired.
    let (_, issued) = challenge(&f, &id, &token).await;
    let stale = issued["id"].as_str().expect("id").to_owned();
    f.db.execute(&format!(
        "UPDATE liveness_challenges SET expires_at = 1 WHERE id = '{stale}'"
    ))
    .await;
    let (status, body) = capture(&f, &id, &token, Some(&stale), frames(8), "en").await;
    assert_eq!(
        (status, body["code"].clone()),
        (410, json!("challenge_expired"))
    );

    // Used once, refused the second time; the second capture stores nothing.
    let (_, issued) = challenge(&f, &id, &token).await;
    let fresh = issued["id"].as_str().expect("id").to_owned();
    let (status, body) = capture(&f, &id, &token, Some(&fresh), frames(6), "en").await;
    assert_eq!(status, 201, "{body}");
    let (status, body) = capture(&f, &id, &token, Some(&fresh), frames(6), "en").await;
    assert_eq!(
        (status, body["code"].clone()),
        (409, json!("challenge_used"))
    );
    assert_eq!(count(&f.db, &id, "liveness_frame").await, 6);
    assert_eq!(count(&f.db, &id, "selfie").await, 1);

    // Each challenge is drawn anew: over a few draws more than one movement comes up.
    let mut kinds = std::collections::BTreeSet::new();
    for _ in 0..12 {
        let (_, issued) = challenge(&f, &other, &other_token).await;
        kinds.insert(issued["kind"].as_str().expect("kind").to_owned());
    }
    assert!(kinds.len() > 1, "{kinds:?}");
    // An attempt gets a bounded number of challenges (30): `other` had 13.
    for _ in 13..30 {
        assert_eq!(challenge(&f, &other, &other_token).await.0, 201);
    }
    let (status, body) = challenge(&f, &other, &other_token).await;
    assert_eq!(
        (status, body["code"].clone()),
        (429, json!("too_many_challenges"))
    );
    drop(f.server);
    f.db.drop_database().await;
}

async fn frames_are_checked_like_documents_and_counted(db: Db) {
    let f = fixture(db, false).await;
    let (id, token) = verification(&f, None).await;
    to_selfie_step(&f, &id, &token).await;
    let (_, issued) = challenge(&f, &id, &token).await;
    let challenge_id = issued["id"].as_str().expect("id").to_owned();

    let mut with_gif = frames(7);
    with_gif.push(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;".to_vec());
    let (status, body) = capture(&f, &id, &token, Some(&challenge_id), with_gif, "fr").await;
    assert_eq!(
        (status, body["code"].clone()),
        (415, json!("unsupported_type"))
    );
    assert!(
        body["message"].as_str().unwrap_or_default().contains("PDF"),
        "{body}"
    );

    let mut with_pdf = frames(7);
    with_pdf.push(b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF".to_vec());
    let (status, body) = capture(&f, &id, &token, Some(&challenge_id), with_pdf, "en").await;
    assert_eq!(
        (status, body["code"].clone()),
        (415, json!("unsupported_type"))
    );

    let mut truncated = frames(7);
    let mut broken = jpeg(640, 480, 3);
    broken.truncate(broken.len() / 3);
    truncated.push(broken);
    let (status, body) = capture(&f, &id, &token, Some(&challenge_id), truncated, "en").await;
    assert_eq!((status, body["code"].clone()), (422, json!("damaged")));

    let (status, body) = capture(&f, &id, &token, Some(&challenge_id), frames(11), "en").await;
    assert_eq!(
        (status, body["code"].clone()),
        (422, json!("too_many_frames"))
    );
    let (status, body) = capture(&f, &id, &token, Some(&challenge_id), frames(3), "en").await;
    assert_eq!(
        (status, body["code"].clone()),
        (422, json!("too_few_frames"))
    );

    // Nothing refused was stored, and the challenge is still good.
    let stored =
        f.db.scalar_i64(&format!(
            "SELECT COUNT(*) FROM documents WHERE verification_id = '{id}'"
        ))
        .await;
    assert_eq!(stored, 1, "only the passport");
    let (status, body) = capture(&f, &id, &token, Some(&challenge_id), frames(10), "en").await;
    assert_eq!(status, 201, "{body}");
    drop(f.server);
    f.db.drop_database().await;
}

async fn the_capture_needs_the_right_link_and_step(db: Db) {
    let f = fixture(db, false).await;
    let (id, token) = verification(&f, None).await;

    // Wrong token: nothing is revealed.
    let (status, body) = challenge(&f, &id, "wrong").await;
    assert_eq!((status, body), (404, json!({"code": "not_found"})));
    let (status, body) = capture(&f, &id, "wrong", None, frames(8), "en").await;
    assert_eq!((status, body), (404, json!({"code": "not_found"})));

    // Before a document is chosen there is no face to take.
    let (status, body) = challenge(&f, &id, &token).await;
    assert_eq!((status, body["code"].clone()), (409, json!("not_expected")));

    // A verification whose checks need no face never takes one.
    let (plain, plain_token) = verification(&f, Some(json!(["document", "sanctions"]))).await;
    to_selfie_step(&f, &plain, &plain_token).await;
    let view = load(&f, &plain, &plain_token).await;
    assert_eq!(view["Ready"]["step"], "Review", "{view}");
    assert_eq!(view["Ready"]["face"], Value::Null);
    let (status, body) = challenge(&f, &plain, &plain_token).await;
    assert_eq!((status, body["code"].clone()), (409, json!("not_expected")));

    // Once submitted the link no longer takes captures.
    to_selfie_step(&f, &id, &token).await;
    let (_, issued) = challenge(&f, &id, &token).await;
    let early = issued["id"].as_str().expect("id").to_owned();
    let (_, issued) = challenge(&f, &id, &token).await;
    let late = issued["id"].as_str().expect("id").to_owned();
    let (status, _) = capture(&f, &id, &token, Some(&early), frames(8), "en").await;
    assert_eq!(status, 201);
    let submitted = call(&f.server, "submit", &[("id", &id), ("token", &token)]).await;
    assert_eq!(submitted["Ready"]["step"], "Processing", "{submitted}");
    let (status, _) = capture(&f, &id, &token, Some(&late), frames(8), "en").await;
    assert_eq!(status, 404);
    let (status, _) = challenge(&f, &id, &token).await;
    assert_eq!(status, 404);
    drop(f.server);
    f.db.drop_database().await;
}

async fn submit_requires_the_selfie_and_the_liveness_frames(db: Db) {
    let f = fixture(db, false).await;
    let (id, token) = verification(&f, None).await;
    to_selfie_step(&f, &id, &token).await;
    let submit = |id: String| {
        let (server, key) = (&f.server, f.key.clone());
        async move {
            client()
                .post(server.url(&format!("/api/v1/verifications/{id}/submit")))
                .bearer_auth(key)
                .send()
                .await
                .expect("send")
        }
    };
    expect_problem(submit(id.clone()).await, 409, "selfie_required").await;

    // A selfie from the API is not a liveness capture.
    let form = reqwest::multipart::Form::new()
        .text("document_type", "selfie")
        .part(
            "file",
            reqwest::multipart::Part::bytes(jpeg(640, 480, 1)).file_name("s.jpg"),
        );
    let response = client()
        .post(
            f.server
                .url(&format!("/api/v1/verifications/{id}/documents")),
        )
        .bearer_auth(&f.key)
        .multipart(form)
        .send()
        .await
        .expect("send");
    assert_eq!(response.status(), 202);
    expect_problem(submit(id.clone()).await, 409, "liveness_required").await;
    let view = load(&f, &id, &token).await;
    assert_eq!(
        view["Ready"]["step"], "Selfie",
        "the journey still asks for the live capture"
    );

    // Without a challenge only where the flow allows an uploaded selfie.
    let (status, body) = capture(&f, &id, &token, None, Vec::new(), "en").await;
    assert_eq!(
        (status, body["code"].clone()),
        (422, json!("challenge_unknown"))
    );
    drop(f.server);
    f.db.drop_database().await;

    let f = fixture(db, true).await;
    let (id, token) = verification(&f, None).await;
    to_selfie_step(&f, &id, &token).await;
    let view = load(&f, &id, &token).await;
    assert_eq!(view["Ready"]["face"]["allow_upload"], true);
    let (status, body) = capture(&f, &id, &token, None, Vec::new(), "en").await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["frames"], 0);
    let submitted = call(&f.server, "submit", &[("id", &id), ("token", &token)]).await;
    assert_eq!(submitted["Ready"]["step"], "Processing", "{submitted}");
    drop(f.server);
    f.db.drop_database().await;
}
