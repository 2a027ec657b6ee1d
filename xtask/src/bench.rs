//! `cargo xtask bench`: the numbers of docs/benchmarks.md for the server — binary and bundle
//! sizes, idle memory, and API/page throughput under `wrk` on loopback, on SQLite and PostgreSQL.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use anyhow::{bail, Context, Result};

use crate::{build, output, Ctx, Profile};

pub fn all(ctx: &Ctx) -> Result<()> {
    if output(Command::new("wrk").arg("--version")).is_none() && !Path::new("/usr/bin/wrk").exists()
    {
        bail!("wrk is missing: apt-get install wrk");
    }
    let bin = build::site(ctx, Profile::Release)?;
    sizes(ctx, &bin)?;
    let postgres = crate::test::postgres_url()?;
    for (label, database) in [("SQLite", None), ("PostgreSQL", Some(postgres))] {
        println!("\n## {label}");
        server(&bin, database.as_deref())?;
    }
    Ok(())
}

fn sizes(ctx: &Ctx, bin: &Path) -> Result<()> {
    let pkg = bin.parent().context("bin dir")?.join("site/pkg");
    println!("## Sizes");
    println!("kyra binary: {:.1} MB", mb(std::fs::metadata(bin)?.len()));
    let stripped = ctx.target.join("kyra.stripped");
    if Command::new("strip")
        .arg("-o")
        .arg(&stripped)
        .arg(bin)
        .status()
        .is_ok_and(|s| s.success())
    {
        println!(
            "kyra binary, stripped: {:.1} MB",
            mb(std::fs::metadata(&stripped)?.len())
        );
    }
    for entry in std::fs::read_dir(&pkg)? {
        let path = entry?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        if name.ends_with(".wasm") || name.ends_with(".js") || name.ends_with(".css") {
            let raw = std::fs::metadata(&path)?.len();
            let gz = std::fs::metadata(path.with_extension(format!("{}.gz", ext(&name))))?.len();
            let br = std::fs::metadata(path.with_extension(format!("{}.br", ext(&name))))?.len();
            println!(
                "{name}: raw {:.1} KB, gzip {:.1} KB, brotli {:.1} KB",
                kb(raw),
                kb(gz),
                kb(br)
            );
        }
    }
    Ok(())
}

fn server(bin: &Path, database: Option<&str>) -> Result<()> {
    let dir = std::env::temp_dir().join(format!("kyra-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut cmd = Command::new(bin);
    cmd.arg("--data-dir").arg(&dir);
    let db_name = format!("kyra_bench_{}", std::process::id());
    if let Some(url) = database {
        run_psql(url, &format!("DROP DATABASE IF EXISTS {db_name}"))?;
        run_psql(url, &format!("CREATE DATABASE {db_name}"))?;
        cmd.arg("--database-url").arg(format!(
            "{}/{db_name}",
            url.rsplit_once('/').map(|(a, _)| a).unwrap_or(url)
        ));
    }
    cmd.args(["serve", "--listen", "127.0.0.1:0"])
        .env("KYRA_RATE_LIMIT_PER_SECOND", "0")
        .env("KYRA_LOG", "warn")
        .stdout(Stdio::piped());
    let mut child = Kill(cmd.spawn()?);
    let stdout = child.0.stdout.take().context("stdout")?;
    let mut base = None;
    let mut key = None;
    for line in BufReader::new(stdout).lines() {
        let line = line?;
        if let Some(k) = line
            .split_whitespace()
            .find(|w| w.starts_with("kyra_test_"))
        {
            key.get_or_insert_with(|| k.trim_matches('\'').to_owned());
        }
        if let Some(addr) = line.strip_prefix("kyra listening on ") {
            base = Some(addr.trim().to_owned());
            break;
        }
    }
    let (base, key) = (
        base.context("server did not start")?,
        key.context("no demo key printed")?,
    );
    std::thread::sleep(Duration::from_secs(2));
    let rss = std::fs::read_to_string(format!("/proc/{}/status", child.0.id()))?
        .lines()
        .find(|l| l.starts_with("VmRSS"))
        .map(|l| l.split_whitespace().nth(1).unwrap_or("?").to_owned())
        .unwrap_or_default();
    println!("idle RSS: {rss} kB");

    let created = output(
        Command::new("curl")
            .args(["-s", &format!("{base}/api/v1/verifications")])
            .args([
                "-H",
                &format!("Authorization: Bearer {key}"),
                "-H",
                "Content-Type: application/json",
                "-d",
                "{}",
            ]),
    )
    .context("curl")?;
    let id = json_field(&created, "id").context("create response")?;
    let token = json_field(&created, "client_token").context("create response")?;

    let script = dir.join("create.lua");
    std::fs::write(
        &script,
        format!(
            "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\n\
             wrk.headers[\"Authorization\"] = \"Bearer {key}\"\n\
             wrk.body = '{{\"reference_id\":\"bench\",\"applicant\":{{\"email\":\"ana@example.com\",\"first_name\":\"Ana\"}},\"metadata\":{{\"k\":\"v\"}}}}'\n"
        ),
    )?;
    wrk(
        "POST /verifications (create)",
        &[
            &format!("{base}/api/v1/verifications"),
            "-s",
            &script.display().to_string(),
        ],
    )?;
    wrk(
        "GET /verifications/{id}",
        &[
            &format!("{base}/api/v1/verifications/{id}"),
            "-H",
            &format!("Authorization: Bearer {key}"),
        ],
    )?;
    wrk(
        "GET /v/{id}?token= (SSR consent page)",
        &[&format!("{base}/v/{id}?token={token}")],
    )?;
    drop(child);
    if let Some(url) = database {
        std::thread::sleep(Duration::from_millis(500));
        run_psql(
            url,
            &format!("DROP DATABASE IF EXISTS {db_name} WITH (FORCE)"),
        )?;
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

fn wrk(label: &str, args: &[&str]) -> Result<()> {
    let out = output(
        Command::new("wrk")
            .args(["-t2", "-c32", "-d10s", "--latency"])
            .args(args),
    )
    .context("wrk")?;
    let pick = |prefix: &str| {
        out.lines()
            .find(|l| l.trim_start().starts_with(prefix))
            .map(|l| l.split_whitespace().last().unwrap_or_default().to_owned())
            .unwrap_or_default()
    };
    let errors = out
        .lines()
        .find(|l| l.contains("Non-2xx") || l.contains("Socket errors"))
        .unwrap_or("");
    println!(
        "{label}: {} req/s, p50 {}, p90 {}, p99 {} {errors}",
        pick("Requests/sec"),
        pick("50%"),
        pick("90%"),
        pick("99%")
    );
    Ok(())
}

fn run_psql(url: &str, sql: &str) -> Result<()> {
    let status = Command::new("psql").args([url, "-q", "-c", sql]).status()?;
    if !status.success() {
        bail!("psql failed: {sql}");
    }
    Ok(())
}

fn json_field(json: &str, field: &str) -> Option<String> {
    let start = json.find(&format!("\"{field}\":\""))? + field.len() + 4;
    Some(json[start..].split('"').next()?.to_owned())
}

fn ext(name: &str) -> &str {
    name.rsplit('.').next().unwrap_or_default()
}

fn kb(bytes: u64) -> f64 {
    bytes as f64 / 1024.0
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1_048_576.0
}

/// Kills the server when dropped, on every path out.
struct Kill(Child);

impl Drop for Kill {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
