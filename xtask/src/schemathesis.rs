//! The API contract test: schemathesis (PyPI) fuzzes a live `kyra serve` from the OpenAPI
//! document it serves, and fails on any 5xx or any answer the document does not describe.
//!
//! The server runs on a free loopback port with a fresh SQLite data dir, a test tenant, the small
//! OFAC sample lists of `shared/data/sanctions` (so screening answers instead of `503`), and the
//! webhook dispatcher off: generated endpoint URLs are never called, whatever they are. A
//! verification and a webhook endpoint are created first and their ids handed to schemathesis, so
//! the `/{id}` routes are exercised on real objects instead of answering `404` to random ids.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use crate::{output, run, Ctx};

/// Pinned so a new release cannot turn the suite red overnight; bump deliberately.
const VERSION: &str = "4.32.5";
/// Test cases per operation and phase: about a minute for the whole API on the 2-core machine.
const MAX_EXAMPLES: &str = "20";
/// Fixed, so a failure reproduces and the run does not flake between identical trees.
const SEED: &str = "1";

pub fn run_against_live_server(ctx: &Ctx) -> Result<()> {
    let schemathesis = install()?;
    let kyra = ctx.target.join("debug").join("kyra");
    let data = std::env::temp_dir().join(format!("kyra-schemathesis-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    std::fs::create_dir_all(&data)?;
    let server = Server::start(&kyra, &data)?;

    let tenant = output(admin(&kyra, &data).args(["tenant", "create", "schemathesis", "--json"]))
        .context("creating the test tenant")?;
    let key =
        json_field(&tenant, "api_key").context("`tenant create --json` printed no api_key")?;
    import_sample_lists(ctx, &kyra, &data)?;
    let fixtures = Fixtures::create(&server.addr, &key)?;
    let config = data.join("schemathesis.toml");
    std::fs::write(&config, fixtures.config())?;

    let started = Instant::now();
    let result = run(Command::new(&schemathesis)
        .arg("--config-file")
        .arg(&config)
        .arg("run")
        .arg(format!("http://{}/api/v1/openapi.json", server.addr))
        // The document's `servers` entry names the default public URL, not this test server.
        .arg("--url")
        .arg(format!("http://{}", server.addr))
        .args(["--checks", "all"])
        // Schema-valid requests that Kyra must still refuse, for reasons no JSON Schema can say:
        // a webhook URL must resolve to a public address (this machine resolves no names), a
        // list cursor must come from a previous page, `checks` must belong to the key's flow, a
        // birth date must not be in the future. Those refusals are specific 4xx problems, which
        // the other checks still hold to the document.
        .args(["--exclude-checks", "positive_data_acceptance"])
        .args(["--max-examples", MAX_EXAMPLES, "--seed", SEED])
        // One worker: a deterministic order of requests against the shared fixtures.
        .args(["--workers", "1", "--request-timeout", "10", "--no-color"])
        .arg("--header")
        .arg(format!("Authorization: Bearer {key}"))
        .env(
            "PYTHONPATH",
            ctx.root.join("xtask").join("schemathesis").as_os_str(),
        )
        .env("SCHEMATHESIS_HOOKS", "kyra_hooks")
        // Its cache of crashes goes to the working directory: the throwaway one, not the clone.
        .current_dir(&data));
    eprintln!(
        "xtask: schemathesis took {:.0} s",
        started.elapsed().as_secs_f64()
    );
    drop(server);
    let _ = std::fs::remove_dir_all(&data);
    result
}

/// A venv under `$HOME/.cache/kyra` with the pinned schemathesis; reused while its version is
/// the pinned one.
fn install() -> Result<PathBuf> {
    let home = std::env::var_os("HOME").context("HOME is not set")?;
    let venv = Path::new(&home).join(".cache/kyra/venv");
    let bin = venv.join("bin").join("schemathesis");
    let installed = output(Command::new(&bin).arg("--version"));
    if installed.is_some_and(|v| v.ends_with(VERSION)) {
        return Ok(bin);
    }
    if !venv.join("bin").join("pip").exists() {
        run(Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
    }
    run(Command::new(venv.join("bin").join("pip"))
        .args(["install", "--quiet", "--disable-pip-version-check"])
        .arg(format!("schemathesis=={VERSION}")))?;
    Ok(bin)
}

fn admin(kyra: &Path, data: &Path) -> Command {
    let mut cmd = Command::new(kyra);
    cmd.arg("--data-dir").arg(data).env_remove("KYRA_CONFIG");
    cmd
}

fn import_sample_lists(ctx: &Ctx, kyra: &Path, data: &Path) -> Result<()> {
    let dir = ctx
        .root
        .join("../shared/data/sanctions/ofac_sdn/watchman_mini");
    let files = ["sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"].map(|f| dir.join(f));
    if !files.iter().all(|f| f.exists()) {
        bail!(
            "the sample sanctions lists are missing from {}; screening would answer 503",
            dir.display()
        );
    }
    run(admin(kyra, data).args(["lists", "import"]).args(files))
}

/// `kyra serve` on a free loopback port; stopped (by its own pid) when dropped.
struct Server {
    child: Child,
    addr: String,
}

impl Server {
    fn start(kyra: &Path, data: &Path) -> Result<Server> {
        let mut child = admin(kyra, data)
            .args(["serve", "--listen", "127.0.0.1:0"])
            .env("KYRA_LOG", "error")
            .env("KYRA_WEBHOOKS_DISPATCHER", "false")
            // The fixture endpoint points at a loopback port nothing listens on.
            .env("KYRA_WEBHOOKS_ALLOW_HOSTS", "127.0.0.1")
            // The fuzzer is one fast client: let it be, 429 is not what is under test.
            .env("KYRA_RATE_LIMIT_PER_SECOND", "100000")
            .env("KYRA_RATE_LIMIT_BURST", "100000")
            .stdout(Stdio::piped())
            .spawn()
            .context("starting kyra serve")?;
        let stdout = child.stdout.take().context("kyra serve stdout")?;
        let mut lines = BufReader::new(stdout).lines();
        let mut server = Server {
            child,
            addr: String::new(),
        };
        for line in lines.by_ref() {
            if let Some(url) = line?.strip_prefix("kyra listening on http://") {
                server.addr = url.trim().to_owned();
                break;
            }
        }
        if server.addr.is_empty() {
            bail!("kyra serve exited before listening");
        }
        // Keep draining stdout so the server never blocks on a full pipe.
        std::thread::spawn(move || lines.for_each(drop));
        Ok(server)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Real objects for the `/{id}` routes.
struct Fixtures {
    /// Receives the uploads (the other verification gets canceled early on).
    upload_verification: String,
    verification: String,
    endpoint: String,
    message: String,
}

impl Fixtures {
    fn create(addr: &str, key: &str) -> Result<Fixtures> {
        let verification =
            r#"{"reference_id":"schemathesis","applicant":{"email":"ana@example.com"}}"#;
        let upload_verification = json_field(
            &post(addr, key, "/api/v1/verifications", verification)?,
            "id",
        )
        .context("no verification id")?;
        let verification = json_field(
            &post(addr, key, "/api/v1/verifications", verification)?,
            "id",
        )
        .context("no verification id")?;
        let endpoint = json_field(
            &post(
                addr,
                key,
                "/api/v1/webhook-endpoints",
                r#"{"url":"http://127.0.0.1:9/kyra"}"#,
            )?,
            "id",
        )
        .context("no webhook endpoint id")?;
        let test = post(
            addr,
            key,
            &format!("/api/v1/webhook-endpoints/{endpoint}/test"),
            "{}",
        )?;
        let message = json_field(&test, "message_id").context("no message id")?;
        Ok(Fixtures {
            upload_verification,
            verification,
            endpoint,
            message,
        })
    }

    /// Schemathesis configuration: the fixtures' ids as path parameters.
    fn config(&self) -> String {
        format!(
            r#"[[operations]]
include-operation-id = "uploadDocument"
parameters = {{ "path.id" = "{upload}" }}

[[operations]]
include-path-regex = "^/api/v1/verifications/\\{{id\\}}"
exclude-operation-id = "uploadDocument"
parameters = {{ "path.id" = "{verification}" }}

[[operations]]
include-path-regex = "^/api/v1/webhook-endpoints/\\{{id\\}}"
parameters = {{ "path.id" = "{endpoint}", "path.message_id" = "{message}" }}
"#,
            upload = self.upload_verification,
            verification = self.verification,
            endpoint = self.endpoint,
            message = self.message,
        )
    }
}

/// A JSON POST over plain HTTP/1.1 (xtask has no HTTP client, and needs only this); returns the
/// body of a 2xx answer.
fn post(addr: &str, key: &str, path: &str, body: &str) -> Result<String> {
    let mut stream = TcpStream::connect(addr).with_context(|| format!("connecting to {addr}"))?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {key}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer)?;
    let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((&answer, ""));
    let status = head.split(' ').nth(1).unwrap_or_default();
    if !status.starts_with('2') {
        bail!("POST {path} answered {status}: {body}");
    }
    Ok(body.to_owned())
}

/// The string value of the first `"name":"…"` in compact JSON (ids and keys need no unescaping).
fn json_field(json: &str, name: &str) -> Option<String> {
    let start = json.find(&format!("\"{name}\":\""))? + name.len() + 4;
    let len = json[start..].find('"')?;
    Some(json[start..start + len].to_owned())
}

#[cfg(test)]
mod tests {
    use super::json_field;

    #[test]
    fn reads_string_fields_of_compact_json() {
        let json = r#"{"api_key":"kyra_test_abc","flow_id":"flw_1","n":3}"#;
        assert_eq!(
            json_field(json, "api_key").as_deref(),
            Some("kyra_test_abc")
        );
        assert_eq!(json_field(json, "flow_id").as_deref(), Some("flw_1"));
        assert_eq!(json_field(json, "n"), None);
        assert_eq!(json_field(json, "missing"), None);
    }
}
