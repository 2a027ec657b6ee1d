//! Sanctions/PEP screening end to end: real list files imported with the CLI, screening over
//! real HTTP, atomic imports and ongoing monitoring, on SQLite and PostgreSQL.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::common::receiver::{matching_signatures, Receiver, FAST};
use crate::common::{client, create_tenant, expect_problem, kyra, Db, Server, TestDb};
use serde_json::{json, Value};

on_both_databases!(
    import_then_screen_over_http,
    bad_screening_requests_get_problems,
    malformed_import_leaves_the_active_version,
    monitoring_reports_new_entries_per_tenant,
    ofac_xml_imports_and_bad_xml_changes_nothing,
    unenrolled_subjects_are_no_longer_screened,
    prune_keeps_active_recent_and_pending_versions,
);

fn lists_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data/sanctions")
}

fn ofac_bench() -> Vec<String> {
    ["sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"]
        .iter()
        .map(|f| {
            lists_dir()
                .join("ofac_sdn/watchman_bench")
                .join(f)
                .display()
                .to_string()
        })
        .collect()
}

/// The hand-made OFAC classic XML fixture of the engine's tests (7 entries).
fn ofac_xml_fixture() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../checks/testdata/screening/ofac_sdn_sample.xml"),
    )
    .expect("read OFAC XML fixture")
}

/// Writes `xml` without the `sdnEntry` elements whose uid is in `drop` to `dir/name`.
fn write_ofac_xml(dir: &Path, name: &str, xml: &str, drop: &[&str]) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(start) = rest.find("<sdnEntry>") {
        let end = rest[start..].find("</sdnEntry>").expect("closed entry") + start + 11;
        out.push_str(&rest[..start]);
        let entry = &rest[start..end];
        if !drop
            .iter()
            .any(|uid| entry.contains(&format!("<uid>{uid}</uid>")))
        {
            out.push_str(entry);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    std::fs::create_dir_all(dir).expect("mkdir");
    let path = dir.join(name);
    std::fs::write(&path, out).expect("write");
    path.display().to_string()
}

fn un_xml() -> String {
    lists_dir()
        .join("un_sc/UN_consolidated.xml")
        .display()
        .to_string()
}

async fn import(db: &TestDb, files: &[String]) -> String {
    let mut args = vec!["lists", "import"];
    args.extend(files.iter().map(String::as_str));
    let (ok, out, err) = kyra(db, &args).await;
    assert!(ok, "import failed: {err}\n{out}");
    out
}

async fn status(db: &TestDb) -> Value {
    let (ok, out, err) = kyra(db, &["lists", "status", "--json"]).await;
    assert!(ok, "{err}");
    serde_json::from_str(out.trim()).expect("status --json prints JSON")
}

async fn screen(server: &Server, key: &str, body: Value) -> reqwest::Response {
    client()
        .post(server.url("/api/v1/screenings"))
        .bearer_auth(key)
        .json(&body)
        .send()
        .await
        .expect("request")
}

async fn screen_ok(server: &Server, key: &str, body: Value) -> Value {
    let response = screen(server, key, body).await;
    assert_eq!(response.status(), 200, "{:?}", response.text().await);
    response.json().await.expect("json")
}

async fn import_then_screen_over_http(db: Db) {
    let db = TestDb::new(db).await;
    let tenant = create_tenant(&db, "acme").await;
    let key = tenant["api_key"].as_str().expect("key");
    let server = Server::start_with_env(&db, &[("KYRA_SCREENING_RELOAD_MS", "200")]).await;

    // Before any import the API refuses rather than answering "clear".
    let response = screen(&server, key, json!({"name": "Nicolas Maduro"})).await;
    expect_problem(response, 503, "screening_lists_unavailable").await;

    let mut files = ofac_bench();
    files.push(un_xml());
    let out = import(&db, &files).await;
    assert!(out.contains("ofac_sdn: imported version lsv_"), "{out}");
    assert!(out.contains("8976 entries"), "{out}");
    assert!(out.contains("un_sc: imported version"), "{out}");
    assert!(out.contains("published 2026-02-27"), "{out}");

    let st = status(&db).await;
    let versions = st["versions"].as_array().expect("versions");
    assert_eq!(versions.len(), 2);
    assert!(versions.iter().all(|v| v["active"] == true));
    let un = versions
        .iter()
        .find(|v| v["source"] == "un_sc")
        .expect("un version");
    assert_eq!(un["entries"], 1003);
    assert_eq!(un["checksum"].as_str().map(str::len), Some(64));

    // The running server picks the new versions up by itself.
    let mut body = Value::Null;
    for _ in 0..100 {
        let response = screen(
            &server,
            key,
            json!({"name": "Nicolas Maduro", "birth_date": "1962-11-23", "reference_id": "u1"}),
        )
        .await;
        if response.status() == 200 {
            body = response.json().await.expect("json");
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(body["object"], "screening", "{body}");
    assert_eq!(body["thresholds"], json!({"review": 0.8, "match": 0.9}));
    assert_eq!(body["lists"].as_array().map(Vec::len), Some(2));
    let result = &body["results"][0];
    assert_eq!(result["reference_id"], "u1");
    assert_eq!(result["classification"], "match");
    let hit = &result["hits"][0];
    assert_eq!(hit["entry"]["id"], "22790");
    assert_eq!(hit["entry"]["source"], "ofac_sdn");
    assert_eq!(hit["matched_name"], "MADURO MOROS, Nicolas");
    assert_eq!(hit["classification"], "match");
    assert!(hit["score"].as_f64().is_some_and(|s| s >= 0.9), "{hit}");
    let features: Vec<&str> = hit["explanation"]["features"]
        .as_array()
        .expect("features")
        .iter()
        .filter_map(|f| f["feature"].as_str())
        .collect();
    assert!(
        features.contains(&"name") && features.contains(&"birth_date"),
        "{features:?}"
    );

    // A batch: a UN entry through an alias in another token order, a reordered OFAC name, and
    // a made-up name that must come back clear.
    let body = screen_ok(
        &server,
        key,
        json!({"subjects": [
            {"name": "Ayman Al Zawahiri", "reference_id": "a"},
            {"name": "Putin Vladimir", "schema": "person", "reference_id": "b"},
            {"name": "Zorblatt Quinnefax", "country": "NL", "reference_id": "c"},
        ]}),
    )
    .await;
    let results = body["results"].as_array().expect("results");
    assert_eq!(results.len(), 3);
    let zawahiri = &results[0];
    assert_eq!(zawahiri["classification"], "match");
    assert!(
        zawahiri["hits"]
            .as_array()
            .expect("hits")
            .iter()
            .any(|h| h["entry"]["source"] == "un_sc" && h["entry"]["id"] == "QDi.006"),
        "{zawahiri}"
    );
    assert_eq!(results[2]["classification"], "clear");
    assert_eq!(results[2]["hits"], json!([]));

    // The CLI screens the same lists.
    let (ok, out, err) = kyra(
        &db,
        &["screen", "Nicolas Maduro", "--dob", "1962-11-23", "--json"],
    )
    .await;
    assert!(ok, "{err}");
    let cli: Value = serde_json::from_str(out.trim()).expect("json");
    assert_eq!(cli["classification"], "match");
    assert_eq!(cli["hits"][0]["entry"]["id"], "22790");

    // Importing the same files again changes nothing.
    let out = import(&db, &ofac_bench()).await;
    assert!(out.contains("unchanged"), "{out}");
    assert_eq!(
        status(&db).await["versions"].as_array().map(Vec::len),
        Some(2)
    );

    // `screen compare` scores pairs without a database.
    let pairs = db.data_dir.path().join("pairs.jsonl");
    std::fs::write(
        &pairs,
        "{\"id\":1,\"a\":{\"name\":\"Vladimir Putin\",\"birth_date\":\"1952-10-07\"},\"b\":{\"name\":\"PUTIN, Vladimir Vladimirovich\",\"schema\":\"person\",\"birth_date\":\"1952-10-07\",\"country\":\"RU\"}}\n\
         {\"id\":\"x\",\"a\":{\"name\":\"Vladimir Putin\"},\"b\":{\"name\":\"Maria Garcia\"}}\n",
    )
    .expect("write pairs");
    let (ok, out, err) = kyra(
        &db,
        &["screen", "compare", "--input", &pairs.display().to_string()],
    )
    .await;
    assert!(ok, "{err}");
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], 1);
    assert!(
        lines[0]["score"].as_f64().is_some_and(|s| s >= 0.9),
        "{out}"
    );
    assert_eq!(lines[1]["id"], "x");
    assert!(lines[1]["score"].as_f64().is_some_and(|s| s < 0.5), "{out}");

    server.terminate().await;
    db.drop_database().await;
}

async fn bad_screening_requests_get_problems(db: Db) {
    let db = TestDb::new(db).await;
    let tenant = create_tenant(&db, "acme").await;
    let key = tenant["api_key"].as_str().expect("key");
    import(&db, &[un_xml()]).await;
    let server = Server::start(&db).await;

    let response = client()
        .post(server.url("/api/v1/screenings"))
        .json(&json!({"name": "x"}))
        .send()
        .await
        .expect("request");
    expect_problem(response, 401, "missing_api_key").await;

    let body = expect_problem(
        screen(&server, key, json!({"name": "  "})).await,
        422,
        "invalid_field",
    )
    .await;
    assert_eq!(body["field"], "name");
    let body = expect_problem(
        screen(
            &server,
            key,
            json!({"subjects": [{"name": "Ann Lee"}, {"name": ""}]}),
        )
        .await,
        422,
        "invalid_field",
    )
    .await;
    assert_eq!(body["field"], "subjects[1].name");
    let body = expect_problem(
        screen(&server, key, json!({"name": "Ann Lee", "nickname": "x"})).await,
        422,
        "unknown_field",
    )
    .await;
    assert!(
        body["field"]
            .as_str()
            .is_some_and(|f| f.contains("nickname")),
        "{body}"
    );
    let body = expect_problem(
        screen(
            &server,
            key,
            json!({"name": "Ann Lee", "birth_date": "31/31/1990"}),
        )
        .await,
        422,
        "invalid_field",
    )
    .await;
    assert_eq!(body["field"], "birth_date");
    expect_problem(screen(&server, key, json!({})).await, 422, "invalid_field").await;
    expect_problem(
        screen(&server, key, json!({"subjects": []})).await,
        422,
        "invalid_field",
    )
    .await;

    // 1,000 subjects are fine, 1,001 are not.
    let many: Vec<Value> = (0..1000)
        .map(|i| json!({"name": format!("Person Number{i} Testcase"), "birth_date": "1980-01-01"}))
        .collect();
    let body = screen_ok(&server, key, json!({"subjects": many})).await;
    assert_eq!(body["results"].as_array().map(Vec::len), Some(1000));
    let too_many: Vec<Value> = (0..1001)
        .map(|i| json!({"name": format!("P{i}")}))
        .collect();
    let body = expect_problem(
        screen(&server, key, json!({"subjects": too_many})).await,
        422,
        "invalid_field",
    )
    .await;
    assert_eq!(body["field"], "subjects");
    assert!(
        body["detail"].as_str().is_some_and(|d| d.contains("1000")),
        "{body}"
    );

    server.terminate().await;
    db.drop_database().await;
}

async fn malformed_import_leaves_the_active_version(db: Db) {
    let db = TestDb::new(db).await;
    import(&db, &[un_xml()]).await;
    let before = status(&db).await;
    let active_id = before["versions"][0]["id"].clone();

    // A UN file cut in the middle of an element.
    let xml = std::fs::read_to_string(un_xml()).expect("read UN list");
    let cut = db.data_dir.path().join("UN_cut.xml");
    std::fs::write(&cut, &xml[..xml.len() / 2]).expect("write");
    let (ok, _, err) = kyra(&db, &["lists", "import", &cut.display().to_string()]).await;
    assert!(!ok, "a truncated file must fail");
    assert!(err.contains("UN_cut.xml"), "{err}");
    assert!(err.contains("element") || err.contains("byte"), "{err}");

    // An OFAC file with a broken record, imported together with a good UN file: nothing of
    // either is stored.
    let dir = db.data_dir.path().join("ofac");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let sdn = std::fs::read_to_string(lists_dir().join("ofac_sdn/watchman_mini/sdn.csv"))
        .expect("read sdn");
    let mut lines: Vec<&str> = sdn.lines().collect();
    lines.insert(3, "notanumber,\"BROKEN, Record\",\"individual\",\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ");
    std::fs::write(dir.join("sdn.csv"), lines.join("\n")).expect("write");
    let (ok, _, err) = kyra(
        &db,
        &[
            "lists",
            "import",
            &dir.join("sdn.csv").display().to_string(),
            &un_xml(),
        ],
    )
    .await;
    assert!(!ok, "a bad record must fail the import");
    assert!(err.contains("sdn.csv") && err.contains("line 4"), "{err}");

    // Unknown content.
    let junk = db.data_dir.path().join("junk.txt");
    std::fs::write(&junk, "hello\nworld\n").expect("write");
    let (ok, _, err) = kyra(&db, &["lists", "import", &junk.display().to_string()]).await;
    assert!(!ok);
    assert!(err.contains("--format"), "{err}");

    let after = status(&db).await;
    assert_eq!(
        after["versions"].as_array().map(Vec::len),
        Some(1),
        "{after}"
    );
    assert_eq!(after["versions"][0]["id"], active_id);
    assert_eq!(after["versions"][0]["active"], true);
    let entries = db
        .scalar_i64("SELECT COUNT(*) FROM screening_entries")
        .await;
    assert_eq!(entries, 1003);
    db.drop_database().await;
}

async fn monitoring_reports_new_entries_per_tenant(db: Db) {
    let db = TestDb::new(db).await;
    let a = create_tenant(&db, "acme").await;
    let b = create_tenant(&db, "globex").await;
    let key_a = a["api_key"].as_str().expect("key");
    let key_b = b["api_key"].as_str().expect("key");

    // Version 1: the 17-entry OFAC sample, copied so that version 2 can add an entry.
    let dir = db.data_dir.path().join("ofac");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let names = ["sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"];
    for f in names {
        std::fs::copy(
            lists_dir().join("ofac_sdn/watchman_mini").join(f),
            dir.join(f),
        )
        .expect("copy");
    }
    let files: Vec<String> = names
        .iter()
        .map(|f| dir.join(f).display().to_string())
        .collect();
    import(&db, &files).await;
    let server = Server::start_with_env(&db, FAST).await;
    // Tenant A listens for monitoring hits.
    let receiver = Receiver::start().await;
    let endpoint: Value = client()
        .post(server.url("/api/v1/webhook-endpoints"))
        .bearer_auth(key_a)
        .json(&json!({"url": receiver.url("/hits"), "events": ["screening.match"]}))
        .send()
        .await
        .expect("create endpoint")
        .json()
        .await
        .expect("json");
    let secret = endpoint["secret"].as_str().expect("secret").to_owned();

    let enrolled = screen_ok(
        &server,
        key_a,
        json!({"monitor": true, "subjects": [
            {"name": "Nicolas Maduro", "birth_date": "1962-11-23", "reference_id": "cust-1"},
            {"name": "Dmitry Khoroshev", "reference_id": "cust-2"},
        ]}),
    )
    .await;
    assert_eq!(enrolled["results"][0]["classification"], "clear");
    assert_eq!(enrolled["results"][1]["classification"], "match");
    assert!(enrolled["results"][0]["monitoring_id"]
        .as_str()
        .is_some_and(|m| m.starts_with("mon_")));
    screen_ok(
        &server,
        key_b,
        json!({"name": "Maria Elena Castellanos", "monitor": true, "reference_id": "b-1"}),
    )
    .await;

    // Each tenant sees only its own monitored subjects.
    let list = |key: &str| {
        let key = key.to_owned();
        let url = server.url("/api/v1/screenings/monitored");
        async move {
            let response = client()
                .get(url)
                .bearer_auth(key)
                .send()
                .await
                .expect("req");
            assert_eq!(response.status(), 200);
            response.json::<Value>().await.expect("json")
        }
    };
    let seen_a = list(key_a).await;
    let seen_b = list(key_b).await;
    assert_eq!(seen_a["data"].as_array().map(Vec::len), Some(2), "{seen_a}");
    assert_eq!(seen_b["data"].as_array().map(Vec::len), Some(1), "{seen_b}");
    assert_eq!(seen_b["data"][0]["name"], "Maria Elena Castellanos");
    // The subject is sealed at rest.
    let plain = db
        .scalar_i64("SELECT COUNT(*) FROM screening_monitored WHERE subject LIKE '%Maduro%'")
        .await;
    assert_eq!(plain, 0);

    // Version 2 adds Maduro. The first attempt dies in monitoring (a monitored row that cannot
    // be opened) after the new version was committed: the version is active, its monitoring is
    // not finished.
    let mut sdn = std::fs::read_to_string(dir.join("sdn.csv")).expect("read");
    sdn = sdn.trim_end_matches(['\u{1a}', '\n', '\r']).to_owned();
    sdn.push_str("\n22790,\"MADURO MOROS, Nicolas\",\"individual\",\"VENEZUELA\",\"President\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 23 Nov 1962; POB Caracas, Venezuela; citizen Venezuela.\"\n");
    std::fs::write(dir.join("sdn.csv"), sdn).expect("write");
    let tenant_a = a["tenant_id"].as_str().unwrap_or_default();
    db.execute(&format!(
        "INSERT INTO screening_monitored (id, tenant_id, mode, subject, created_at) \
         VALUES ('mon_00000000000000000000000000', '{tenant_a}', 'test', 'v1.broken', 0)"
    ))
    .await;
    let mut args = vec!["lists", "import"];
    args.extend(files.iter().map(String::as_str));
    let (ok, out, err) = kyra(&db, &args).await;
    assert!(!ok, "monitoring must fail on the broken row: {out}");
    assert!(
        out.contains("imported version"),
        "stdout: {out}\nstderr: {err}"
    );
    assert!(err.contains("mon_00000000000000000000000000"), "{err}");
    db.execute("DELETE FROM screening_monitored WHERE subject = 'v1.broken'")
        .await;

    // Running the same import again resumes the monitoring of the committed version.
    let out = import(&db, &files).await;
    assert!(out.contains("resuming"), "{out}");
    assert!(out.contains("against 1 added or changed entries"), "{out}");
    assert!(out.contains("3 subjects"), "{out}");

    let events = |tenant: &Value| {
        format!(
            "SELECT COUNT(*) FROM events WHERE type = 'screening.match' AND tenant_id = '{}'",
            tenant["tenant_id"].as_str().unwrap_or_default()
        )
    };
    assert_eq!(db.scalar_i64(&events(&a)).await, 1);
    assert_eq!(db.scalar_i64(&events(&b)).await, 0);
    let sealed = db
        .scalar_i64("SELECT COUNT(*) FROM events WHERE type = 'screening.match' AND payload LIKE '%MADURO%'")
        .await;
    assert_eq!(sealed, 0, "the event body is sealed");
    // Only the active version keeps its entries once its changes were screened.
    assert_eq!(
        db.scalar_i64("SELECT COUNT(*) FROM screening_entries")
            .await,
        18
    );
    assert_eq!(
        db.scalar_i64("SELECT COUNT(*) FROM screening_list_versions")
            .await,
        2
    );

    // The hit reaches tenant A's endpoint, signed, with the subject and the matched entry.
    let received = receiver
        .wait_for("the screening.match webhook", |r| !r.is_empty())
        .await;
    assert_eq!(matching_signatures(&secret, &received[0]), 1);
    let hit = received[0].json();
    assert_eq!(hit["type"], "screening.match", "{hit}");
    assert_eq!(hit["data"]["reference_id"], "cust-1", "{hit}");
    assert!(
        hit["data"]["matched_name"]
            .as_str()
            .is_some_and(|n| n.to_uppercase().contains("MADURO")),
        "{hit}"
    );
    let streak = db
        .scalar_i64("SELECT failure_streak FROM webhook_endpoints")
        .await;
    assert_eq!(streak, 0, "a delivered hit leaves the endpoint healthy");

    // An unchanged re-import reports nothing new.
    let out = import(&db, &files).await;
    assert!(out.contains("skipped"), "{out}");
    assert_eq!(db.scalar_i64(&events(&a)).await, 1);

    server.terminate().await;
    db.drop_database().await;
}

async fn ofac_xml_imports_and_bad_xml_changes_nothing(db: Db) {
    let db = TestDb::new(db).await;
    let dir = db.data_dir.path().join("xml");
    let xml = ofac_xml_fixture();
    let sdn = write_ofac_xml(&dir, "SDN.XML", &xml, &[]);
    let out = import(&db, std::slice::from_ref(&sdn)).await;
    assert!(out.contains("ofac_sdn: imported version lsv_"), "{out}");
    assert!(
        out.contains("7 entries (3 persons, 2 organizations, 1 vessels, 1 aircraft"),
        "{out}"
    );
    assert!(out.contains("published 02/20/2026"), "{out}");
    // The consolidated list comes in the same layout; the file name tells them apart.
    let cons = write_ofac_xml(&dir, "consolidated.xml", &xml, &["90001"]);
    let (ok, out, err) = kyra(&db, &["lists", "import", "--format", "ofac-xml", &cons]).await;
    assert!(ok, "{err}");
    assert!(out.contains("ofac_cons: imported version"), "{out}");

    let (ok, out, err) = kyra(
        &db,
        &[
            "screen",
            "Khaled Al Rashidi",
            "--dob",
            "1968-03-14",
            "--json",
        ],
    )
    .await;
    assert!(ok, "{err}");
    let hits: Value = serde_json::from_str(out.trim()).expect("json");
    assert_eq!(hits["classification"], "match", "{hits}");
    assert_eq!(hits["hits"][0]["entry"]["id"], "90001");
    assert_eq!(hits["hits"][0]["entry"]["source"], "ofac_sdn");

    let before = status(&db).await;
    // A broken record (no lastName) in a new SDN version: the import fails naming the file,
    // the element and the uid, and the active versions stay.
    let broken = xml.replacen("<lastName>PETROVA</lastName>", "", 1);
    let bad = write_ofac_xml(&dir.join("bad"), "SDN.XML", &broken, &[]);
    let (ok, _, err) = kyra(&db, &["lists", "import", &bad]).await;
    assert!(!ok, "a record without a name must fail");
    assert!(
        err.contains("bad/SDN.XML: element sdnList/sdnEntry"),
        "{err}"
    );
    assert!(err.contains("uid 90002 has no lastName"), "{err}");
    // Truncated XML.
    std::fs::create_dir_all(dir.join("cut")).expect("mkdir");
    let cut = dir.join("cut/SDN.XML").display().to_string();
    std::fs::write(&cut, &xml[..xml.len() / 2]).expect("write");
    let (ok, _, err) = kyra(&db, &["lists", "import", &cut]).await;
    assert!(!ok);
    assert!(err.contains("cut/SDN.XML") && err.contains("byte"), "{err}");
    // The advanced format is refused with what to use instead.
    let adv = dir.join("SDN_ADVANCED.XML");
    std::fs::write(
        &adv,
        "<?xml version=\"1.0\"?>\n<Sanctions xmlns=\"https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML\"><DateOfIssue/></Sanctions>",
    )
    .expect("write");
    let (ok, _, err) = kyra(&db, &["lists", "import", &adv.display().to_string()]).await;
    assert!(!ok);
    assert!(
        err.contains("not supported") && err.contains("SDN.XML"),
        "{err}"
    );
    // `--format` must agree with the content.
    let (ok, _, err) = kyra(&db, &["lists", "import", "--format", "un-xml", &sdn]).await;
    assert!(!ok);
    assert!(err.contains("ofac-xml"), "{err}");

    assert_eq!(status(&db).await, before);
    assert_eq!(
        db.scalar_i64("SELECT COUNT(*) FROM screening_entries")
            .await,
        13
    );
    db.drop_database().await;
}

async fn unenrolled_subjects_are_no_longer_screened(db: Db) {
    let db = TestDb::new(db).await;
    let a = create_tenant(&db, "acme").await;
    let b = create_tenant(&db, "globex").await;
    let key_a = a["api_key"].as_str().expect("key");
    let key_b = b["api_key"].as_str().expect("key");
    let (ok, out, err) = kyra(
        &db,
        &[
            "keys", "create", "--tenant", "acme", "--mode", "live", "--json",
        ],
    )
    .await;
    assert!(ok, "{err}");
    let live: Value = serde_json::from_str(out.trim()).expect("json");
    let live_a = live["api_key"].as_str().expect("live key");

    // Version 1 lacks Petrova and Ri; both are enrolled while clear.
    let dir = db.data_dir.path().join("xml");
    let xml = ofac_xml_fixture();
    let v1 = write_ofac_xml(&dir.join("v1"), "SDN.XML", &xml, &["90002", "90006"]);
    import(&db, &[v1]).await;
    let server = Server::start(&db).await;
    let enrolled = screen_ok(
        &server,
        key_a,
        json!({"monitor": true, "subjects": [
            {"name": "Song Chol Ri", "birth_date": "1962-02", "reference_id": "ri"},
            {"name": "Yelena Petrova", "reference_id": "petrova"},
        ]}),
    )
    .await;
    // The other tenant monitors the same name and keeps doing so: proof the name would hit.
    screen_ok(
        &server,
        key_b,
        json!({"monitor": true, "name": "Song Chol Ri", "reference_id": "b-ri"}),
    )
    .await;
    let ri = enrolled["results"][0]["monitoring_id"]
        .as_str()
        .expect("monitoring id")
        .to_owned();
    assert_eq!(enrolled["results"][0]["classification"], "clear");

    let delete = |key: &str, id: &str| {
        client()
            .delete(server.url(&format!("/api/v1/screenings/monitored/{id}")))
            .bearer_auth(key)
            .header("x-request-id", "req-unenroll-1")
            .send()
    };
    // Another tenant, the other mode, unknown and malformed ids: all 404, nothing changes.
    expect_problem(delete(key_b, &ri).await.expect("req"), 404, "not_found").await;
    expect_problem(delete(live_a, &ri).await.expect("req"), 404, "not_found").await;
    expect_problem(
        delete(key_a, "mon_00000000000000000000000000")
            .await
            .expect("req"),
        404,
        "not_found",
    )
    .await;
    expect_problem(
        delete(key_a, "not-an-id").await.expect("req"),
        404,
        "not_found",
    )
    .await;
    assert_eq!(
        db.scalar_i64("SELECT COUNT(*) FROM screening_monitored WHERE unenrolled_at IS NOT NULL")
            .await,
        0
    );

    let response = delete(key_a, &ri).await.expect("req");
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["object"], "monitored_subject");
    assert_eq!(body["id"], ri.as_str());
    assert_eq!(body["reference_id"], "ri");
    let unenrolled_at = body["unenrolled_at"]
        .as_str()
        .expect("unenrolled_at")
        .to_owned();
    // Repeating it answers the same and keeps the first time.
    let again: Value = delete(key_a, &ri)
        .await
        .expect("req")
        .json()
        .await
        .expect("json");
    assert_eq!(again["unenrolled_at"], unenrolled_at.as_str());
    // The audit columns name the key and the request.
    let by = db
        .scalar_text(&format!(
            "SELECT unenrolled_by FROM screening_monitored WHERE id = '{ri}'"
        ))
        .await
        .expect("unenrolled_by");
    assert!(by.starts_with("api_key:key_"), "{by}");
    assert_eq!(
        db.scalar_text(&format!(
            "SELECT unenrolled_request_id FROM screening_monitored WHERE id = '{ri}'"
        ))
        .await
        .as_deref(),
        Some("req-unenroll-1")
    );
    let listed: Value = client()
        .get(server.url("/api/v1/screenings/monitored"))
        .bearer_auth(key_a)
        .send()
        .await
        .expect("req")
        .json()
        .await
        .expect("json");
    let data = listed["data"].as_array().expect("data");
    assert_eq!(data.len(), 1, "{listed}");
    assert_eq!(data[0]["reference_id"], "petrova");

    // Version 2 adds both: the unenrolled subject is not screened any more, the others are.
    let v2 = write_ofac_xml(&dir.join("v2"), "SDN.XML", &xml, &[]);
    let out = import(&db, &[v2]).await;
    assert!(out.contains("against 2 added or changed entries"), "{out}");
    assert!(out.contains("2 subjects screened, 2 new hits"), "{out}");
    let events = |tenant: &Value| {
        format!(
            "SELECT COUNT(*) FROM events WHERE type = 'screening.match' AND tenant_id = '{}'",
            tenant["tenant_id"].as_str().unwrap_or_default()
        )
    };
    assert_eq!(db.scalar_i64(&events(&a)).await, 1);
    assert_eq!(db.scalar_i64(&events(&b)).await, 1);
    assert_eq!(
        db.scalar_i64(&format!(
            "SELECT COUNT(*) FROM screening_monitor_hits WHERE monitored_id = '{ri}'"
        ))
        .await,
        0
    );
    server.terminate().await;
    db.drop_database().await;
}

async fn prune_keeps_active_recent_and_pending_versions(db: Db) {
    let db = TestDb::new(db).await;
    let a = create_tenant(&db, "acme").await;
    let key_a = a["api_key"].as_str().expect("key");
    let tenant_a = a["tenant_id"].as_str().expect("tenant id").to_owned();
    let dir = db.data_dir.path().join("xml");
    let xml = ofac_xml_fixture();
    let version =
        |n: usize, drop: &[&str]| write_ofac_xml(&dir.join(format!("v{n}")), "SDN.XML", &xml, drop);
    let entries_of = |id: &Value| {
        format!(
            "SELECT COUNT(*) FROM screening_entries WHERE version_id = '{}'",
            id.as_str().unwrap_or_default()
        )
    };

    // v1 (5 entries); a subject only v2 will list is monitored.
    import(&db, &[version(1, &["90006", "90007"])]).await;
    let server = Server::start(&db).await;
    screen_ok(
        &server,
        key_a,
        json!({"monitor": true, "name": "Song Chol Ri", "reference_id": "ri"}),
    )
    .await;
    server.terminate().await;
    // v2 (adds Ri) and v3 (adds 90007): the monitoring of both dies on a monitored row that
    // cannot be opened, so each leaves the entries of the versions before it behind.
    db.execute(&format!(
        "INSERT INTO screening_monitored (id, tenant_id, mode, subject, created_at) \
         VALUES ('mon_00000000000000000000000000', '{tenant_a}', 'test', 'v1.broken', 0)"
    ))
    .await;
    let (ok, out, _) = kyra(&db, &["lists", "import", &version(2, &["90007"])]).await;
    assert!(
        !ok && out.contains("against 1 added or changed entries"),
        "{out}"
    );
    // v3 is diffed against v1, the last version whose changes were screened, not against v2.
    let (ok, out, _) = kyra(&db, &["lists", "import", &version(3, &[])]).await;
    assert!(
        !ok && out.contains("against 2 added or changed entries"),
        "{out}"
    );
    let versions = status(&db).await["versions"].clone();
    let (v3, v2, v1) = (&versions[0]["id"], &versions[1]["id"], &versions[2]["id"]);
    assert_eq!(versions[0]["active"], true);
    assert_eq!(db.scalar_i64(&entries_of(v1)).await, 5);
    assert_eq!(db.scalar_i64(&entries_of(v2)).await, 6);
    assert_eq!(db.scalar_i64(&entries_of(v3)).await, 7);

    // --keep 0: v3 is active and v1 is the base its unfinished monitoring diffs against; only
    // v2 goes.
    let (ok, out, err) = kyra(&db, &["lists", "prune", "--keep", "0"]).await;
    assert!(ok, "{err}");
    let v2_id = v2.as_str().unwrap_or_default();
    assert!(
        out.contains(&format!("ofac_sdn: deleted 6 entries of version {v2_id}")),
        "{out}"
    );
    assert!(out.contains("pruned 1 versions, 6 entries"), "{out}");
    assert_eq!(db.scalar_i64(&entries_of(v2)).await, 0);
    assert_eq!(db.scalar_i64(&entries_of(v1)).await, 5);

    // The resumed monitoring still finds v1 to diff against, reports Ri (who came with v2),
    // then drops the entries it no longer needs.
    db.execute("DELETE FROM screening_monitored WHERE subject = 'v1.broken'")
        .await;
    let out = import(&db, &[version(3, &[])]).await;
    assert!(
        out.contains("resuming") && out.contains("against 2 added or changed entries"),
        "{out}"
    );
    assert!(out.contains("1 new screening.match events"), "{out}");
    assert_eq!(db.scalar_i64(&entries_of(v1)).await, 0);

    // A leftover inactive version beyond --keep is pruned; within it, kept.
    db.execute(&format!(
        "INSERT INTO screening_entries (version_id, entry_id, content_hash, body) \
         VALUES ('{}', '1', 'h', '{{}}')",
        v1.as_str().unwrap_or_default()
    ))
    .await;
    let (ok, out, _) = kyra(&db, &["lists", "prune", "--keep", "3"]).await;
    assert!(ok && out.contains("pruned 0 versions"), "{out}");
    let (ok, out, _) = kyra(&db, &["lists", "prune"]).await;
    assert!(ok && out.contains("pruned 1 versions, 1 entries"), "{out}");
    // The active version and every version row survive.
    assert_eq!(db.scalar_i64(&entries_of(v3)).await, 7);
    assert_eq!(
        status(&db).await["versions"].as_array().map(Vec::len),
        Some(3)
    );
    db.drop_database().await;
}
