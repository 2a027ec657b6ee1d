//! The face checks end to end, on SQLite and PostgreSQL: the real `kyra serve` scores the selfie
//! against the document portrait, verifies a live capture's frames and finds the same face under
//! another applicant — with the committed models and the licensed test photos.

use serde_json::{json, Value};

use crate::common::faces::{blank, closer_frames, id_card, jpeg, photo, BIDEN, OBAMA};
use crate::common::{post, update_flow, upload_document, Db, TestApp, FAST};
use crate::liveness::{call, capture_with, challenge, fixture, to_selfie_step_with, Fixture};

on_both_databases!(
    face_match_approves_the_same_person_and_declines_another,
    a_live_capture_is_scored_and_replays_are_refused,
);

const FACE_CHECKS: [&str; 3] = ["selfie", "face_match", "duplicates"];

fn check<'a>(v: &'a Value, kind: &str) -> &'a Value {
    v["checks"]
        .as_array()
        .and_then(|c| c.iter().find(|c| c["type"] == kind))
        .unwrap_or_else(|| panic!("no {kind} check in {v}"))
}

/// A verification for `reference` with an identity card showing `portrait` (tinted so that no
/// two cards are the same file) and `selfie`, submitted and decided.
async fn verify(app: &TestApp, reference: &str, card: &Value, selfie: Vec<u8>) -> Value {
    let created = app
        .create_verification(json!({"reference_id": reference, "checks": FACE_CHECKS}))
        .await;
    let id = created["id"].as_str().expect("id");
    let (portrait, tint) = (card["portrait"].as_str().expect("portrait"), &card["tint"]);
    let tint: Vec<u8> = serde_json::from_value(tint.clone()).expect("tint");
    let card = id_card(&photo(portrait), [tint[0], tint[1], tint[2]]);
    upload_document(
        &app.server,
        &app.key,
        id,
        "national_id",
        Some("front"),
        jpeg(&card),
    )
    .await;
    upload_document(&app.server, &app.key, id, "selfie", None, selfie).await;
    let submitted = post(
        &app.server,
        &app.key,
        &format!("/api/v1/verifications/{id}/submit"),
    )
    .await;
    assert_eq!(submitted.status(), 202);
    crate::common::outcome(&app.server, &app.key, id).await
}

async fn face_match_approves_the_same_person_and_declines_another(db: Db) {
    let app = TestApp::spawn_with_env(db, &FAST).await;
    let flow = app.tenant["flow_id"].as_str().expect("flow");
    update_flow(&app.db, flow, |config| {
        config["checks"] = json!(["document", "selfie", "face_match", "duplicates"]);
    })
    .await;
    let obama_card = |tint: u8| json!({"portrait": OBAMA[0], "tint": [tint, 226, 240]});

    // The same person on the card and in the selfie (another photo of him): approved, with the
    // similarity as `face_match_confidence` and the evidence on the check.
    let ana = verify(&app, "ana", &obama_card(200), jpeg(&photo(OBAMA[1]))).await;
    assert_eq!(ana["status"], "approved", "{ana}");
    let confidence = ana["face_match_confidence"].as_f64().expect("confidence");
    assert!((0.5..=1.0).contains(&confidence), "{ana}");
    let face_match = check(&ana, "face_match");
    assert_eq!(face_match["score"].as_f64(), Some(confidence));
    let evidence = &face_match["evidence"];
    assert_eq!(evidence["threshold"], 0.5, "{evidence}");
    assert!(
        evidence["distance"].as_f64().expect("distance") < 0.6,
        "{evidence}"
    );
    let portrait_box = evidence["portrait"]["face"]["box"].as_array().expect("box");
    // The portrait sits on the card's left third (x 50..330).
    let x = portrait_box[0].as_f64().expect("x");
    assert!((30.0..330.0).contains(&x), "{evidence}");
    assert_eq!(check(&ana, "selfie")["status"], "passed");
    let text = ana.to_string();
    assert!(
        !text.contains("embedding"),
        "no descriptor in the API: {text}"
    );

    // Another person's selfie: declined for a retake, not sent to review.
    let ben = verify(&app, "ben", &obama_card(202), jpeg(&photo(BIDEN))).await;
    assert_eq!(ben["status"], "declined", "{ben}");
    assert_eq!(ben["decline_type"], "retry", "{ben}");
    assert_eq!(ben["reason_codes"], json!(["BAD_FACE_MATCHING"]), "{ben}");
    let low = ben["face_match_confidence"].as_f64().expect("confidence");
    assert!(low < 0.35, "{ben}");

    // No face at all in the selfie.
    let cy = verify(&app, "cy", &obama_card(204), jpeg(&blank())).await;
    assert_eq!(cy["status"], "declined", "{cy}");
    assert!(
        cy["reason_codes"]
            .as_array()
            .is_some_and(|c| c.contains(&json!("NO_FACE_FOUND"))),
        "{cy}"
    );
    assert_eq!(
        check(&cy, "selfie")["reason_codes"],
        json!(["NO_FACE_FOUND"])
    );

    // The same face as ana's under another reference, on another card file: a duplicate face,
    // flagged for review with ana's verification in the details.
    let dave_selfie = photo(OBAMA[1]).crop_imm(20, 40, 380, 700);
    let dave = verify(&app, "dave", &obama_card(206), jpeg(&dave_selfie)).await;
    assert_eq!(dave["status"], "needs_review", "{dave}");
    assert_eq!(dave["reason_codes"], json!(["DUPLICATE_FACE"]), "{dave}");
    assert_eq!(check(&dave, "face_match")["status"], "passed", "{dave}");
    let stored = app
        .db
        .scalar_i64("SELECT COUNT(*) FROM face_embeddings WHERE embedding_sealed NOT LIKE '%[%'")
        .await;
    assert_eq!(
        stored, 3,
        "ana's, ben's and dave's descriptors, sealed; cy had no face"
    );
    app.finish().await;
}

/// Consent, the card with `portrait`, a challenge set to `kind`: `(id, token, challenge id)`.
async fn at_capture(f: &Fixture, reference: &str, kind: &str) -> (String, String, String) {
    let created = crate::common::create_verification(
        &f.server,
        &f.key,
        json!({"reference_id": reference, "checks": ["selfie", "liveness"]}),
    )
    .await;
    let id = created["id"].as_str().expect("id").to_owned();
    let token = created["client_token"].as_str().expect("token").to_owned();
    let card = id_card(&photo(OBAMA[0]), [200, 226, 240]);
    to_selfie_step_with(f, &id, &token, jpeg(&card)).await;
    let (status, issued) = challenge(f, &id, &token).await;
    assert_eq!(status, 201, "{issued}");
    let challenge_id = issued["id"].as_str().expect("challenge").to_owned();
    f.db.execute(&format!(
        "UPDATE liveness_challenges SET kind = '{kind}' WHERE id = '{challenge_id}'"
    ))
    .await;
    (id, token, challenge_id)
}

/// Captures `frames` with `selfie`, submits from the journey and waits for the outcome.
async fn capture_and_decide(
    f: &Fixture,
    reference: &str,
    kind: &str,
    selfie: &str,
    frames: &[Vec<u8>],
) -> Value {
    let (id, token, challenge_id) = at_capture(f, reference, kind).await;
    let selfie = jpeg(&photo(selfie));
    let (status, body) = capture_with(
        f,
        &id,
        &token,
        Some(&challenge_id),
        selfie,
        frames.to_vec(),
        "en",
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let submitted = call(&f.server, "submit", &[("id", &id), ("token", &token)]).await;
    assert_eq!(submitted["Ready"]["step"], "Processing", "{submitted}");
    crate::common::outcome(&f.server, &f.key, &id).await
}

async fn a_live_capture_is_scored_and_replays_are_refused(db: Db) {
    let f = fixture(db, false).await;
    let frames: Vec<Vec<u8>> = closer_frames(OBAMA[0], 8).iter().map(jpeg).collect();

    // He moves closer, as asked, and is the person of the selfie: approved.
    let live = capture_and_decide(&f, "u1", "move_closer", OBAMA[1], &frames).await;
    assert_eq!(live["status"], "approved", "{live}");
    let liveness = check(&live, "liveness");
    assert_eq!(liveness["status"], "passed", "{live}");
    let verdict = &liveness["evidence"]["verdict"];
    assert_eq!(verdict["challenge"], "move_closer", "{verdict}");
    assert!(
        verdict["motion"]["size_ratio"].as_f64().expect("ratio") >= 1.2,
        "{verdict}"
    );
    assert_eq!(verdict["frames"], 8);

    // The very same frames again, for another verification: a replay.
    let replay = capture_and_decide(&f, "u2", "move_closer", OBAMA[1], &frames).await;
    assert_eq!(replay["status"], "declined", "{replay}");
    assert_eq!(
        replay["reason_codes"],
        json!(["LIVENESS_FAILED"]),
        "{replay}"
    );
    let evidence = &check(&replay, "liveness")["evidence"];
    assert_eq!(evidence["refused"], "replayed_frames", "{evidence}");

    // Fresh frames of the right motion played backwards (moving away), or turning instead of
    // moving closer: not the movement asked for.
    let fresh = |shift: u8| -> Vec<Vec<u8>> {
        closer_frames(OBAMA[0], 8)
            .iter()
            .map(|f| jpeg(&f.brighten(i32::from(shift))))
            .collect()
    };
    let mut reversed = fresh(3);
    reversed.reverse();
    let away = capture_and_decide(&f, "u3", "move_closer", OBAMA[1], &reversed).await;
    assert_eq!(away["reason_codes"], json!(["LIVENESS_FAILED"]), "{away}");
    let motion = &check(&away, "liveness")["evidence"]["verdict"]["motion"];
    assert_eq!(motion["passed"], false, "{motion}");
    let turned = capture_and_decide(&f, "u4", "turn_left", OBAMA[1], &fresh(6)).await;
    assert_eq!(
        turned["reason_codes"],
        json!(["LIVENESS_FAILED"]),
        "{turned}"
    );

    // The right motion by someone else than the person of the selfie.
    let other = capture_and_decide(&f, "u5", "move_closer", BIDEN, &fresh(9)).await;
    assert_eq!(other["status"], "declined", "{other}");
    let failures = &check(&other, "liveness")["evidence"]["verdict"]["failures"];
    assert!(
        failures
            .as_array()
            .is_some_and(|f| f.iter().any(|f| f["reason"] == "not_reference")),
        "{failures}"
    );
    f.db.drop_database().await;
}
