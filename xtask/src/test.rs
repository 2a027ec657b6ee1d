//! `cargo xtask test`: every suite, against real SQLite, real PostgreSQL and real Chromium, and
//! schemathesis against a live server (`schemathesis.rs`).

use std::net::TcpStream;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use anyhow::{bail, Context, Result};

use crate::{output, run, Ctx};

const TEST_ROLE: &str = "kyra_test";
const OCRB_FONT: &str = "/usr/share/fonts/opentype/ocr-b/OCRB.otf";

pub fn all(ctx: &Ctx) -> Result<()> {
    let postgres = postgres_url()?;
    eprintln!("xtask: PostgreSQL suite uses {}", redact(&postgres));

    run(ctx.cargo().args(["fmt", "--all", "--", "--check"]))?;
    // The synthetic documents of the MRZ and quality tests are rendered in Debian's OCR-B font.
    if !Path::new(OCRB_FONT).exists() {
        apt_install(&["fonts-ocr-b"])?;
    }
    // `kyra-app` is linted and tested with the server's features (`ssr`), which hold the
    // translations; the WASM side is linted through `kyra-frontend` below.
    run(ctx.cargo().args([
        "clippy",
        "-p",
        "kyra-server",
        "-p",
        "kyra-app",
        "-p",
        "kyra-checks",
        "-p",
        "xtask",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    run(ctx.cargo().args([
        "clippy",
        "-p",
        "kyra-frontend",
        "--target",
        "wasm32-unknown-unknown",
        "--",
        "-D",
        "warnings",
    ]))?;
    run(ctx
        .cargo()
        .args([
            "test",
            "-p",
            "kyra-app",
            "-p",
            "kyra-checks",
            "-p",
            "kyra-server",
            "-p",
            "xtask",
        ])
        .env("KYRA_TEST_POSTGRES_URL", &postgres))?;
    crate::schemathesis::run_against_live_server(ctx)?;

    chromium()?;
    let e2e = ctx.root.join("end2end");
    // `standardwebhooks` is the independent verifier of webhook signatures (tests/webhooks.test.js);
    // `axe-core` checks every journey page for accessibility (tests/a11y.test.js).
    let modules = ["playwright-core", "standardwebhooks", "axe-core"];
    if modules
        .iter()
        .any(|m| !e2e.join("node_modules").join(m).exists())
    {
        run(Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&e2e))?;
    }
    let bin = ctx.target.join("debug").join("kyra");
    run(Command::new("node")
        .args(["--test", "--test-concurrency=1"])
        .current_dir(&e2e)
        .env("KYRA_BIN", &bin))
}

/// A PostgreSQL URL whose role may create databases: given by `KYRA_TEST_POSTGRES_URL` or
/// `DATABASE_URL`, else a local server, installed from Debian and started when nothing answers.
pub fn postgres_url() -> Result<String> {
    for var in ["KYRA_TEST_POSTGRES_URL", "DATABASE_URL"] {
        if let Ok(url) = std::env::var(var) {
            if url.starts_with("postgres") {
                return Ok(url);
            }
        }
    }
    if !answers("127.0.0.1:5432") {
        start_local_postgres()?;
    }
    let create_role = format!(
        "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{TEST_ROLE}') THEN \
         CREATE ROLE {TEST_ROLE} LOGIN CREATEDB PASSWORD '{TEST_ROLE}'; END IF; END $$; \
         GRANT pg_signal_backend TO {TEST_ROLE};"
    );
    run(Command::new("runuser").args([
        "-u",
        "postgres",
        "--",
        "psql",
        "-q",
        "-v",
        "ON_ERROR_STOP=1",
        "-c",
        &create_role,
    ]))
    .context("creating the test role (set KYRA_TEST_POSTGRES_URL to use another server)")?;
    Ok(format!(
        "postgres://{TEST_ROLE}:{TEST_ROLE}@127.0.0.1:5432/postgres"
    ))
}

fn start_local_postgres() -> Result<()> {
    if !Path::new("/usr/bin/pg_ctlcluster").exists() || installed_postgres_version().is_none() {
        apt_install(&["postgresql"])?;
    }
    let version =
        installed_postgres_version().context("postgresql installed but no server version found")?;
    let clusters = output(Command::new("pg_lsclusters").arg("-h")).unwrap_or_default();
    if !clusters
        .lines()
        .any(|l| l.starts_with(&format!("{version} main")))
    {
        run(Command::new("pg_createcluster").args([version.as_str(), "main"]))?;
    }
    run(Command::new("pg_ctlcluster").args([version.as_str(), "main", "start"]))?;
    for _ in 0..50 {
        if answers("127.0.0.1:5432") {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    bail!("PostgreSQL {version} started but does not answer on 127.0.0.1:5432")
}

fn installed_postgres_version() -> Option<String> {
    let mut versions: Vec<u32> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
        .filter(|v| Path::new(&format!("/usr/lib/postgresql/{v}/bin/postgres")).exists())
        .collect();
    versions.sort();
    versions.last().map(u32::to_string)
}

fn chromium() -> Result<()> {
    if Path::new("/usr/bin/chromium").exists() {
        return Ok(());
    }
    apt_install(&["chromium"])
}

fn apt_install(packages: &[&str]) -> Result<()> {
    run(Command::new("apt-get").arg("update").arg("-qq"))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "-qq", "--no-install-recommends"])
        .args(packages)
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

fn answers(addr: &str) -> bool {
    addr.parse()
        .is_ok_and(|a| TcpStream::connect_timeout(&a, Duration::from_millis(300)).is_ok())
}

fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            format!("{}***{}", &url[..scheme + 3], &url[at..])
        }
        _ => url.to_owned(),
    }
}
