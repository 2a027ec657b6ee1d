//! Test harness: runs the real `kyra` binary on a random loopback port against a real SQLite file
//! or a fresh PostgreSQL database, and talks to it over real HTTP.

#![allow(dead_code)]

pub mod console;
pub mod faces;
pub mod receiver;

use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use serde_json::Value;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Db {
    Sqlite,
    Postgres,
}

/// A database for one test: a file in a temp dir, or a PostgreSQL database dropped when the
/// `TestDb` is dropped — also when the test panics — so a failing run leaves nothing behind.
pub struct TestDb {
    pub url: String,
    pub data_dir: tempfile::TempDir,
    admin_url: Option<String>,
    name: Option<String>,
}

impl TestDb {
    pub async fn new(db: Db) -> TestDb {
        let data_dir = tempfile::tempdir().expect("temp dir");
        match db {
            Db::Sqlite => {
                let url = format!(
                    "sqlite://{}?mode=rwc",
                    data_dir.path().join("kyra.db").display()
                );
                TestDb {
                    url,
                    data_dir,
                    admin_url: None,
                    name: None,
                }
            }
            Db::Postgres => {
                let admin_url = std::env::var("KYRA_TEST_POSTGRES_URL").expect(
                    "KYRA_TEST_POSTGRES_URL is not set: the PostgreSQL suite needs a server \
                     (run `cargo xtask test`, which starts one)",
                );
                let name = format!("kyra_t_{}", ulid::Ulid::new().to_string().to_lowercase());
                sqlx::any::install_default_drivers();
                let admin = sqlx::AnyPool::connect(&admin_url)
                    .await
                    .expect("connect to PostgreSQL");
                sweep_leftovers(&admin).await;
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(&admin)
                    .await
                    .expect("create database");
                admin.close().await;
                let url = replace_database(&admin_url, &name);
                TestDb {
                    url,
                    data_dir,
                    admin_url: Some(admin_url),
                    name: Some(name),
                }
            }
        }
    }

    pub fn sqlite_file(&self) -> PathBuf {
        self.data_dir.path().join("kyra.db")
    }

    /// Runs SQL directly, to arrange states the API cannot reach quickly (an expired link).
    pub async fn execute(&self, sql: &str) {
        sqlx::any::install_default_drivers();
        let pool = sqlx::AnyPool::connect(&self.url).await.expect("connect");
        sqlx::query(sql).execute(&pool).await.expect("execute");
        pool.close().await;
    }

    pub async fn scalar_i64(&self, sql: &str) -> i64 {
        sqlx::any::install_default_drivers();
        let pool = sqlx::AnyPool::connect(&self.url).await.expect("connect");
        let value: i64 = sqlx::query_scalar(sql)
            .fetch_one(&pool)
            .await
            .expect("query");
        pool.close().await;
        value
    }

    pub async fn scalar_text(&self, sql: &str) -> Option<String> {
        sqlx::any::install_default_drivers();
        let pool = sqlx::AnyPool::connect(&self.url).await.expect("connect");
        let value: Option<String> = sqlx::query_scalar(sql)
            .fetch_optional(&pool)
            .await
            .expect("query");
        pool.close().await;
        value
    }

    /// Drops the PostgreSQL database now (dropping the `TestDb` does the same, later).
    pub async fn drop_database(mut self) {
        if let (Some(admin_url), Some(name)) = (self.admin_url.take(), self.name.take()) {
            drop_postgres_database(&admin_url, &name).await;
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let (Some(admin_url), Some(name)) = (self.admin_url.take(), self.name.take()) else {
            return;
        };
        // Drop runs inside the test's runtime, which cannot be blocked on: a thread of its own
        // with a small runtime does the asynchronous clean-up, and the test waits for it.
        let cleanup = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("clean-up runtime");
            runtime.block_on(drop_postgres_database(&admin_url, &name));
        });
        if cleanup.join().is_err() && !std::thread::panicking() {
            panic!("dropping the test database failed");
        }
    }
}

async fn drop_postgres_database(admin_url: &str, name: &str) {
    sqlx::any::install_default_drivers();
    let admin = sqlx::AnyPool::connect(admin_url).await.expect("connect");
    // An autovacuum worker may still be attached to the fresh database; it goes away on its own,
    // so retry for a few seconds before giving up on the clean-up.
    let drop = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    let mut last_error = None;
    for _ in 0..40 {
        match sqlx::query(&drop).execute(&admin).await {
            Ok(_) => {
                last_error = None;
                break;
            }
            Err(err) => last_error = Some(err),
        }
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
    admin.close().await;
    if let Some(err) = last_error {
        panic!("could not drop test database {name}: {err}");
    }
}

/// Test databases older than an hour are leftovers of runs that were killed before they could
/// clean up (a SIGKILLed `cargo test`): dropped once per test process. Their names carry the
/// ULID of their creation, so their age needs no bookkeeping.
async fn sweep_leftovers(admin: &sqlx::AnyPool) {
    static SWEPT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if SWEPT.swap(true, std::sync::atomic::Ordering::SeqCst) {
        return;
    }
    let names: Vec<String> =
        sqlx::query_scalar("SELECT datname FROM pg_database WHERE datname LIKE 'kyra_t_%'")
            .fetch_all(admin)
            .await
            .unwrap_or_default();
    let hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    for name in names {
        let created = name
            .strip_prefix("kyra_t_")
            .and_then(|id| ulid::Ulid::from_string(&id.to_uppercase()).ok())
            .map(|id| id.datetime());
        if created.is_some_and(|t| t < hour_ago) {
            let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .execute(admin)
                .await;
        }
    }
}

fn replace_database(url: &str, name: &str) -> String {
    let mut parsed = url::Url::parse(url).expect("valid PostgreSQL URL");
    parsed.set_path(&format!("/{name}"));
    parsed.to_string()
}

/// The binary under test; `KYRA_BENCH_BIN` swaps in another build (a release binary for
/// benchmarks).
pub fn kyra_bin() -> String {
    std::env::var("KYRA_BENCH_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_kyra").to_owned())
}

/// A `kyra` admin command against the test database, ready to run.
pub fn kyra_command(db: &TestDb, args: &[&str]) -> Command {
    let mut command = Command::new(kyra_bin());
    command
        .arg("--data-dir")
        .arg(db.data_dir.path())
        .arg("--database-url")
        .arg(&db.url)
        .args(args)
        .env_remove("KYRA_CONFIG");
    command
}

/// Runs a `kyra` admin command against the test database and returns (exit success, stdout, stderr).
pub async fn kyra(db: &TestDb, args: &[&str]) -> (bool, String, String) {
    let out = kyra_command(db, args).output().await.expect("run kyra");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Creates a tenant through the CLI; returns its `{tenant_id, flow_id, api_key}`.
pub async fn create_tenant(db: &TestDb, name: &str) -> Value {
    let (ok, stdout, stderr) = kyra(db, &["tenant", "create", name, "--json"]).await;
    assert!(ok, "tenant create failed: {stderr}");
    serde_json::from_str(stdout.trim()).expect("tenant create --json prints JSON")
}

pub struct Server {
    pub base: String,
    pub child: Child,
    pub stdout_lines: Vec<String>,
}

impl Server {
    /// Starts `kyra serve` on a random port and waits until it listens.
    pub async fn start(db: &TestDb) -> Server {
        Server::start_with_env(db, &[]).await
    }

    /// Starts `kyra serve` with extra `KYRA_*` environment (configuration under test).
    pub async fn start_with_env(db: &TestDb, env: &[(&str, &str)]) -> Server {
        let mut child = Command::new(kyra_bin())
            .arg("--data-dir")
            .arg(db.data_dir.path())
            .arg("--database-url")
            .arg(&db.url)
            .args(["serve", "--listen", "127.0.0.1:0"])
            .env_remove("KYRA_CONFIG")
            .env("KYRA_LOG", "warn")
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .expect("spawn kyra serve");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let mut seen = Vec::new();
        let base = tokio::time::timeout(Duration::from_secs(60), async {
            while let Ok(Some(line)) = lines.next_line().await {
                if let Some(addr) = line.strip_prefix("kyra listening on ") {
                    return addr.trim().to_owned();
                }
                seen.push(line);
            }
            panic!("kyra serve exited before listening; stdout: {seen:?}");
        })
        .await
        .expect("kyra serve did not start within 60 s");
        // Keep draining stdout so the child never blocks on a full pipe.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        Server {
            base,
            child,
            stdout_lines: Vec::new(),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// Sends SIGTERM and waits for a clean exit.
    pub async fn terminate(mut self) -> std::process::ExitStatus {
        let pid = self.child.id().expect("pid");
        let status = Command::new("kill")
            .args(["-TERM", &pid.to_string()])
            .status()
            .await
            .expect("kill");
        assert!(status.success());
        tokio::time::timeout(Duration::from_secs(15), self.child.wait())
            .await
            .expect("kyra did not stop within 15 s of SIGTERM")
            .expect("wait")
    }
}

/// One test's whole setup: a fresh database, a tenant (`acme`) with its test key, and the real
/// `kyra serve` on it. `finish` stops the server and drops the database; dropping the app does
/// the same without waiting for a graceful stop.
pub struct TestApp {
    pub server: Server,
    pub tenant: Value,
    pub key: String,
    // Declared last: dropped after the server that uses it.
    pub db: TestDb,
}

impl TestApp {
    pub async fn spawn(db: Db) -> TestApp {
        TestApp::spawn_with_env(db, &[]).await
    }

    /// With extra `KYRA_*` environment for the server (configuration under test).
    pub async fn spawn_with_env(db: Db, env: &[(&str, &str)]) -> TestApp {
        let db = TestDb::new(db).await;
        let tenant = create_tenant(&db, "acme").await;
        let key = tenant["api_key"].as_str().expect("api key").to_owned();
        let server = Server::start_with_env(&db, env).await;
        TestApp {
            server,
            tenant,
            key,
            db,
        }
    }

    pub fn url(&self, path: &str) -> String {
        self.server.url(path)
    }

    /// `GET` with the tenant's key, asserting 200.
    pub async fn get(&self, path: &str) -> Value {
        get(&self.server, &self.key, path).await
    }

    /// `POST` without a body with the tenant's key.
    pub async fn post(&self, path: &str) -> reqwest::Response {
        post(&self.server, &self.key, path).await
    }

    /// `POST` a JSON body with the tenant's key.
    pub async fn post_json(&self, path: &str, body: &Value) -> reqwest::Response {
        client()
            .post(self.server.url(path))
            .bearer_auth(&self.key)
            .json(body)
            .send()
            .await
            .expect("send")
    }

    /// Creates a verification with the tenant's key (asserting 201).
    pub async fn create_verification(&self, body: Value) -> Value {
        create_verification(&self.server, &self.key, body).await
    }

    /// Stops the server gracefully and drops the database.
    pub async fn finish(self) {
        let TestApp { server, db, .. } = self;
        server.terminate().await;
        db.drop_database().await;
    }
}

/// Fast sweeps so expiry and stragglers are seen within a test's patience. The lease must stay
/// well above the slowest check on a loaded machine (a check whose lease runs out is taken over
/// and run again), yet short enough for the crash test to see interrupted checks resume.
pub const FAST: [(&str, &str); 3] = [
    ("KYRA_EXPIRY_SWEEP_MS", "100"),
    ("KYRA_CHECKS_POLL_MS", "50"),
    ("KYRA_CHECKS_LEASE_MS", "8000"),
];

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

/// Creates a verification with `key` and returns the response JSON (asserting 201).
pub async fn create_verification(server: &Server, key: &str, body: Value) -> Value {
    let response = client()
        .post(server.url("/api/v1/verifications"))
        .bearer_auth(key)
        .json(&body)
        .send()
        .await
        .expect("request");
    assert_eq!(
        response.status(),
        201,
        "create failed: {:?}",
        response.text().await
    );
    response.json().await.expect("json")
}

/// Uploads a JPEG as `document_type` (`side` if given) through the tenant API, asserting 202.
pub async fn upload_document(
    server: &Server,
    key: &str,
    id: &str,
    document_type: &str,
    side: Option<&str>,
    jpeg: Vec<u8>,
) {
    let mut form = reqwest::multipart::Form::new().text("document_type", document_type.to_owned());
    if let Some(side) = side {
        form = form.text("side", side.to_owned());
    }
    let part = reqwest::multipart::Part::bytes(jpeg)
        .file_name("upload.jpg")
        .mime_str("image/jpeg")
        .expect("mime");
    let response = client()
        .post(server.url(&format!("/api/v1/verifications/{id}/documents")))
        .bearer_auth(key)
        .multipart(form.part("file", part))
        .send()
        .await
        .expect("send");
    assert_eq!(response.status(), 202, "{:?}", response.text().await);
}

/// Points the flow `flow` at a new configuration: `edit` changes the current one.
pub async fn update_flow(db: &TestDb, flow: &str, edit: impl FnOnce(&mut Value)) {
    let (ok, config, stderr) = kyra(db, &["flows", "show", flow]).await;
    assert!(ok, "{stderr}");
    let mut config: Value = serde_json::from_str(&config).expect("flow JSON");
    edit(&mut config);
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("flow.json");
    std::fs::write(&file, config.to_string()).expect("write");
    let path = file.to_str().expect("path");
    let (ok, _, stderr) = kyra(db, &["flows", "update", flow, "--file", path]).await;
    assert!(ok, "{stderr}");
}

/// `POST`s to an API path with `key` and no body.
pub async fn post(server: &Server, key: &str, path: &str) -> reqwest::Response {
    client()
        .post(server.url(path))
        .bearer_auth(key)
        .send()
        .await
        .expect("send")
}

/// `GET`s an API path with `key`, asserting 200; returns the JSON.
pub async fn get(server: &Server, key: &str, path: &str) -> Value {
    let r = client()
        .get(server.url(path))
        .bearer_auth(key)
        .send()
        .await
        .expect("send");
    assert_eq!(r.status(), 200, "GET {path}");
    r.json().await.expect("json")
}

/// Polls the verification until it leaves `processing` (and `pending` for expiry).
pub async fn outcome(server: &Server, key: &str, id: &str) -> Value {
    let path = format!("/api/v1/verifications/{id}");
    for _ in 0..1200 {
        let v = get(server, key, &path).await;
        if !matches!(v["status"].as_str(), Some("processing" | "pending")) {
            return v;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{id} was not decided within 60 s");
}

/// Asserts a problem+json response with the given status and code; returns the body.
pub async fn expect_problem(response: reqwest::Response, status: u16, code: &str) -> Value {
    assert_eq!(response.status().as_u16(), status, "unexpected status");
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    assert_eq!(content_type, "application/problem+json");
    let body: Value = response.json().await.expect("problem body is JSON");
    assert_eq!(body["code"], code, "{body}");
    assert_eq!(body["status"], status);
    assert!(
        body["detail"].as_str().is_some_and(|d| !d.is_empty()),
        "{body}"
    );
    body
}

/// Declares each scenario once per database.
#[macro_export]
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::common::Db::Sqlite).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::common::Db::Postgres).await;
                }
            )*
        }
    };
}
