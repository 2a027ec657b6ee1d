//! The guides' examples, run as written: every ```sh block of `docs/api.md` and
//! `docs/webhooks.md` runs, in order, in one bash session per guide against a live server on a
//! fresh database, with `$KYRA` and `$KYRA_KEY` set as the guides' first block says. `curl` fails
//! on any 4xx or 5xx answer, so an example that stops working fails the build. A block marked
//! ```sh no-run is shown, not run: it says so in the guide (a placeholder the reader fills in).

use std::path::Path;
use std::process::Stdio;

use crate::common::{create_tenant, kyra_bin, Db, Server, TestDb};

/// The shell blocks of a guide that run, with the line each starts on.
fn runnable_blocks(markdown: &str) -> Vec<(usize, String)> {
    let mut blocks = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (i, line) in markdown.lines().enumerate() {
        match &mut current {
            None => {
                if let Some(info) = line.strip_prefix("```") {
                    let mut words = info.split_whitespace();
                    if words.next() == Some("sh") && !words.any(|w| w == "no-run") {
                        current = Some((i + 1, String::new()));
                    }
                }
            }
            Some((start, code)) => {
                if line.starts_with("```") {
                    blocks.push((*start, std::mem::take(code)));
                    current = None;
                } else {
                    code.push_str(line);
                    code.push('\n');
                }
            }
        }
    }
    blocks
}

/// A bash script running the blocks in order, each announced on stderr by its line.
fn script(guide: &str, blocks: &[(usize, String)]) -> String {
    let mut out = String::from(
        "set -euo pipefail\n\
         # As a developer would notice: an error answer stops the walk-through.\n\
         curl() { command curl --silent --show-error --fail-with-body \"$@\"; }\n",
    );
    for (line, code) in blocks {
        out.push_str(&format!(
            "echo '>>> docs/{guide}:{line}' >&2\n{code}echo >&2\n"
        ));
    }
    out
}

/// A tiny JPEG for the upload example (`file=@passport.jpg`): uploads check the bytes, not what
/// the picture shows.
fn write_jpeg(path: &Path) {
    let image = image::RgbImage::from_fn(640, 420, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8])
    });
    image.save(path).expect("write passport.jpg");
}

/// `kyra …` in an example acts on the server's database, as on the operator's machine.
fn write_kyra_wrapper(dir: &Path, db: &TestDb) {
    let wrapper = dir.join("kyra");
    std::fs::write(
        &wrapper,
        format!(
            "#!/bin/sh\nexec '{}' --data-dir '{}' --database-url '{}' \"$@\"\n",
            kyra_bin(),
            db.data_dir.path().display(),
            db.url
        ),
    )
    .expect("write kyra wrapper");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755))
            .expect("chmod kyra wrapper");
    }
}

/// The OFAC sample list files the screening examples import from the working directory.
fn copy_sample_lists(dir: &Path) {
    let lists = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/data/sanctions/ofac_sdn/watchman_mini");
    for file in ["sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"] {
        std::fs::copy(lists.join(file), dir.join(file))
            .unwrap_or_else(|e| panic!("copy {file} from {}: {e}", lists.display()));
    }
}

async fn run_guide(guide: &str) {
    let markdown = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../docs")
            .join(guide),
    )
    .expect("read guide");
    let blocks = runnable_blocks(&markdown);
    assert!(
        blocks.iter().any(|(_, code)| code.contains("curl")),
        "docs/{guide} has no runnable curl example"
    );

    let db = TestDb::new(Db::Sqlite).await;
    // The tenant `kyra serve` creates on a first start, as the quick start has it.
    let tenant = create_tenant(&db, "demo").await;
    let key = tenant["api_key"].as_str().expect("key");
    let server = Server::start_with_env(
        &db,
        &[
            // What the webhooks guide tells a developer to set for a receiver on loopback.
            ("KYRA_WEBHOOKS_ALLOW_HOSTS", "127.0.0.1,localhost"),
            ("KYRA_CHECKS_POLL_MS", "50"),
        ],
    )
    .await;
    let work = tempfile::tempdir().expect("work dir");
    let bin = work.path().join("bin");
    std::fs::create_dir_all(&bin).expect("bin dir");
    write_kyra_wrapper(&bin, &db);
    write_jpeg(&work.path().join("passport.jpg"));
    copy_sample_lists(work.path());

    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let output = tokio::process::Command::new("bash")
        .arg("-c")
        .arg(script(guide, &blocks))
        .current_dir(work.path())
        .env("PATH", path)
        .env("KYRA", server.url("/api/v1"))
        .env("KYRA_KEY", key)
        .env_remove("KYRA_CONFIG")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .await
        .expect("run bash");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "an example of docs/{guide} failed (the last `>>>` line names its block)\n\
         --- stdout\n{stdout}\n--- stderr\n{stderr}"
    );
    server.terminate().await;
    db.drop_database().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_guide_examples_run_as_written() {
    run_guide("api.md").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webhooks_guide_examples_run_as_written() {
    run_guide("webhooks.md").await;
}

#[test]
fn blocks_are_found_and_no_run_ones_skipped() {
    let md = "text\n```sh\necho one\n```\n```sh no-run\necho two\n```\n```json\n{}\n```\n";
    let blocks = runnable_blocks(md);
    assert_eq!(blocks, vec![(2, "echo one\n".to_owned())]);
}
