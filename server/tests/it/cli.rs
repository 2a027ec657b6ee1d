//! The admin CLI against a real database.

use crate::common::{kyra, Db, TestDb};
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

/// Flag over `KYRA_*` environment over config file over defaults.
#[tokio::test]
async fn configuration_precedence() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db_at = |name: &str| format!("sqlite://{}?mode=rwc", dir.path().join(name).display());
    let config = dir.path().join("kyra.toml");
    std::fs::write(
        &config,
        format!(
            "database_url = \"{}\"\ndata_dir = \"{}\"\n",
            db_at("from-file.db"),
            dir.path().display()
        ),
    )
    .expect("write config");
    let run = |args: Vec<String>, env: Vec<(&'static str, String)>| {
        let mut cmd = tokio::process::Command::new(crate::common::kyra_bin());
        cmd.args(args)
            .env_remove("DATABASE_URL")
            .env_remove("KYRA_DATABASE_URL")
            .envs(env);
        async move { cmd.output().await.expect("run kyra") }
    };
    let config_arg = config.display().to_string();

    let out = run(
        vec!["--config".into(), config_arg.clone(), "migrate".into()],
        vec![],
    )
    .await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        dir.path().join("from-file.db").exists(),
        "the config file is read"
    );

    let out = run(
        vec!["--config".into(), config_arg.clone(), "migrate".into()],
        vec![("KYRA_DATABASE_URL", db_at("from-env.db"))],
    )
    .await;
    assert!(out.status.success());
    assert!(
        dir.path().join("from-env.db").exists(),
        "environment beats the file"
    );

    let out = run(
        vec![
            "--config".into(),
            config_arg,
            "--database-url".into(),
            db_at("from-flag.db"),
            "migrate".into(),
        ],
        vec![("KYRA_DATABASE_URL", db_at("from-env-2.db"))],
    )
    .await;
    assert!(out.status.success());
    assert!(
        dir.path().join("from-flag.db").exists(),
        "the flag beats everything"
    );
    assert!(!dir.path().join("from-env-2.db").exists());

    let out = run(
        vec![
            "--config".into(),
            "/nonexistent/kyra.toml".into(),
            "migrate".into(),
        ],
        vec![],
    )
    .await;
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not exist"));
    let out = run(
        vec![
            "--database-url".into(),
            "mysql://nope".into(),
            "migrate".into(),
        ],
        vec![],
    )
    .await;
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unsupported database URL"));
}

/// Runs `kyra checks <args>` with a database URL that points nowhere (the checks commands must
/// not need one): (exit code, stdout, stderr).
fn kyra_checks(args: &[&str]) -> (Option<i32>, String, String) {
    let out = std::process::Command::new(crate::common::kyra_bin())
        .arg("--database-url")
        .arg("postgres://nobody@127.0.0.1:1/none")
        .arg("checks")
        .args(args)
        .env_remove("KYRA_CONFIG")
        .output()
        .expect("run kyra");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `kyra checks document` on real files with the real binary: the database URL points nowhere,
/// so the command must not need one.
mod checks_document {
    use crate::synth::{load_font, sample, DocKind, Variant};
    use serde_json::Value;

    fn run(args: &[&str]) -> (bool, String, String) {
        let (code, out, err) = super::kyra_checks(&[&["document"], args].concat());
        (code == Some(0), out, err)
    }

    fn write_jpeg(path: &std::path::Path, img: &image::RgbImage) {
        let mut bytes = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 90)
            .encode_image(img)
            .expect("encode");
        std::fs::write(path, bytes).expect("write image");
    }

    #[test]
    fn reads_a_passport_flags_a_blurry_card_and_refuses_a_text_file() {
        let font = load_font().expect(
            "the OCR-B font is required (apt-get install fonts-ocr-b; `cargo xtask test` installs it)",
        );
        let dir = tempfile::tempdir().expect("temp dir");
        let passport = sample(
            &font,
            DocKind::Passport,
            Variant::Clean,
            (2000, 1500),
            7_000,
        );
        let blurry = sample(&font, DocKind::IdCard, Variant::Blurry, (2000, 1500), 11);
        let (p_path, b_path, t_path) = (
            dir.path().join("passport.jpg"),
            dir.path().join("blurry.jpg"),
            dir.path().join("notes.jpg"),
        );
        write_jpeg(&p_path, &passport.image);
        write_jpeg(&b_path, &blurry.image);
        std::fs::write(&t_path, "this is not a photo\n").expect("write text");
        let (p, b, t) = (
            p_path.display().to_string(),
            b_path.display().to_string(),
            t_path.display().to_string(),
        );

        let (ok, out, err) = run(&[&p, &b, "--json", "--today", "2025-06-01"]);
        assert!(ok, "{err}");
        let reports: Vec<Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
            .collect();
        assert_eq!(reports.len(), 2, "{out}");
        let r = &reports[0];
        assert_eq!(r["file"], p.as_str());
        assert_eq!(r["reason_codes"], serde_json::json!([]));
        assert!(r["quality"]["metrics"]["sharpness"].is_number());
        assert_eq!(r["mrz"]["format"], "TD3");
        assert_eq!(r["mrz"]["valid_check_digits"], true);
        assert_eq!(r["mrz"]["lines"], serde_json::json!(passport.lines));
        let f = &passport.fields;
        let fields = &r["mrz"]["fields"];
        assert_eq!(fields["surname"], f.surname.as_str());
        assert_eq!(fields["given_names"], f.given_names.as_str());
        assert_eq!(fields["document_number"], f.document_number.as_str());
        assert_eq!(fields["birth_date"], f.birth_date.as_deref().unwrap_or(""));
        assert_eq!(
            fields["expiry_date"],
            f.expiry_date.as_deref().unwrap_or("")
        );
        let mut keys: Vec<&str> = r
            .as_object()
            .map(|o| o.keys().map(String::as_str).collect())
            .unwrap_or_default();
        keys.sort_unstable();
        assert_eq!(keys, ["file", "mrz", "quality", "reason_codes"]);
        let codes = reports[1]["reason_codes"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert!(codes.contains(&Value::from("IMAGE_BLURRY")), "{codes:?}");

        // Human-readable by default; expiry is judged on --today (the passport expires in 2026).
        assert!(f.expiry_date.as_deref().is_some_and(|d| d < "2027-01-01"));
        let (ok, out, err) = run(&[&p, "--today", "2027-01-01"]);
        assert!(ok, "{err}");
        assert!(out.contains("DOCUMENT_EXPIRED"), "{out}");
        assert!(out.contains(&passport.lines[1]), "{out}");

        // A text file: a clear message and a non-zero exit, after the other files were checked.
        let (ok, out, err) = run(&[&p, &t, "--json"]);
        assert!(!ok, "a refused file fails the command");
        assert!(
            err.contains("notes.jpg") && err.contains("unsupported file type"),
            "{err}"
        );
        assert_eq!(out.lines().count(), 2, "{out}");
        let (ok, _, err) = run(&[&dir.path().join("missing.jpg").display().to_string()]);
        assert!(!ok);
        assert!(err.contains("missing.jpg"), "{err}");
    }
}

/// `kyra checks face` and `kyra checks liveness` with the committed models on the licensed test
/// photos; no database.
mod checks_face {
    use crate::common::faces::{closer_frames, jpeg, photo, BIDEN, OBAMA};
    use serde_json::Value;

    use super::kyra_checks as run;

    fn json(out: &str) -> Value {
        serde_json::from_str(out.trim()).unwrap_or_else(|e| panic!("{e}: {out}"))
    }

    #[test]
    fn compares_faces_and_scores_a_capture() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = |name: &str| dir.path().join(name).display().to_string();
        for name in [OBAMA[0], OBAMA[1], BIDEN] {
            std::fs::write(path(name), jpeg(&photo(name))).expect("write");
        }
        let (code, out, err) = run(&["face", &path(OBAMA[0]), &path(OBAMA[1]), "--json"]);
        assert_eq!(code, Some(0), "{err}");
        let same = json(&out);
        assert_eq!(same["match"], true, "{same}");
        assert_eq!(same["a"]["faces"], 1, "{same}");
        assert_eq!(same["b"]["box"].as_array().map(Vec::len), Some(4), "{same}");
        assert!(same["score"].as_f64().expect("score") >= 0.5, "{same}");
        assert_eq!(same["threshold"], 0.5);

        let (code, out, err) = run(&["face", &path(OBAMA[0]), &path(BIDEN), "--json"]);
        assert_eq!(
            code,
            Some(0),
            "another person is a verdict, not an error: {err}"
        );
        let other = json(&out);
        assert_eq!(other["match"], false, "{other}");
        assert!(other["score"].as_f64().expect("score") < 0.5, "{other}");

        let frames: Vec<String> = closer_frames(OBAMA[0], 8)
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let p = path(&format!("frame-{i}.jpg"));
                std::fs::write(&p, jpeg(f)).expect("write");
                p
            })
            .collect();
        let mut args = vec!["liveness", "--challenge", "move_closer", "--json"];
        args.extend(frames.iter().map(String::as_str));
        let (code, out, err) = run(&args);
        assert_eq!(code, Some(0), "{err}");
        let live = json(&out);
        assert_eq!(live["frames"], 8, "{live}");
        assert_eq!(live["challenge"]["passed"], true, "{live}");
        assert_eq!(live["passive"]["spoof"], false, "{live}");
        args[2] = "look_up";
        let (_, out, _) = run(&args);
        assert_eq!(json(&out)["challenge"]["passed"], false);

        // Unreadable input: exit 2 and a message naming the file.
        std::fs::write(path("notes.jpg"), "not a photo").expect("write");
        let (code, _, err) = run(&["liveness", &path("notes.jpg")]);
        assert_eq!(code, Some(2), "{err}");
        assert!(err.contains("notes.jpg"), "{err}");
        let (code, _, err) = run(&["face", &path("missing.jpg"), &path(BIDEN)]);
        assert_eq!(code, Some(2), "{err}");
    }
}
