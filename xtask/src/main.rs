//! `cargo xtask`: build, run and test Kyra with nothing but stable Rust and registry packages.
//!
//! `cargo leptos` would be the usual driver, but it needs a newer rustc than the stable one here
//! and downloads `wasm-bindgen`/`wasm-opt` from release pages, which this environment cannot do.
//! This driver runs the same pipeline by hand: see `docs/architecture.md`.

mod bench;
mod build;
mod schemathesis;
mod setup;
mod test;

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

const USAGE: &str = "usage: cargo xtask <command>

commands:
  setup            install what is missing: wasm32 target, wasm-bindgen-cli (pinned), wasm-opt
  build [--release]  build the WASM bundle, the site assets and the kyra binary
  run [-- ARGS]    setup, release build, then `kyra serve ARGS`
  test             setup, build, start PostgreSQL and Chromium if needed, run every test suite
  schemathesis     build the server, then fuzz a live one against its OpenAPI document
  bench            release build, then sizes, idle RSS and wrk throughput on SQLite and PostgreSQL";

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let ctx = Ctx::new()?;
    match args.first().map(String::as_str) {
        Some("setup") => setup::all(&ctx),
        Some("build") => {
            setup::all(&ctx)?;
            let profile = if args.iter().any(|a| a == "--release") {
                Profile::Release
            } else {
                Profile::Dev
            };
            build::site(&ctx, profile).map(|_| ())
        }
        Some("run") => {
            setup::all(&ctx)?;
            let bin = build::site(&ctx, Profile::Release)?;
            let rest: Vec<&String> = args.iter().skip(1).skip_while(|a| *a == "--").collect();
            let mut cmd = Command::new(bin);
            cmd.arg("serve").args(rest);
            run(&mut cmd)
        }
        Some("bench") => {
            setup::all(&ctx)?;
            bench::all(&ctx)
        }
        Some("schemathesis") => {
            run(ctx.cargo().args(["build", "-p", "kyra-server"]))?;
            schemathesis::run_against_live_server(&ctx)
        }
        Some("test") => {
            setup::all(&ctx)?;
            build::site(&ctx, Profile::Dev)?;
            test::all(&ctx)
        }
        _ => {
            eprintln!("{USAGE}");
            bail!("unknown or missing command")
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    Dev,
    Release,
}

/// Paths every task needs.
pub struct Ctx {
    pub root: PathBuf,
    pub target: PathBuf,
    /// Tools installed outside the clone (npm's binaryen), shared across clones and CI runs.
    pub tools: PathBuf,
}

impl Ctx {
    fn new() -> Result<Ctx> {
        // From the working directory, not `CARGO_MANIFEST_DIR`: one build directory may serve
        // several clones, and a binary built in another clone must still act on this one.
        let root = workspace_root(&std::env::current_dir()?)?;
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| root.join("target"));
        let target = if target.is_relative() {
            root.join(target)
        } else {
            target
        };
        let tools = target.join("tools");
        Ok(Ctx {
            root,
            target,
            tools,
        })
    }

    pub fn cargo(&self) -> Command {
        let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
        cmd.current_dir(&self.root)
            .env("CARGO_TARGET_DIR", &self.target);
        cmd
    }
}

fn workspace_root(start: &Path) -> Result<PathBuf> {
    for dir in start.ancestors() {
        let manifest = dir.join("Cargo.toml");
        if std::fs::read_to_string(&manifest).is_ok_and(|m| m.contains("[workspace]")) {
            return Ok(dir.to_path_buf());
        }
    }
    bail!(
        "run cargo xtask inside the Kyra workspace (no workspace Cargo.toml above {})",
        start.display()
    )
}

/// Runs a command, echoing it, and fails with its exit status.
pub fn run(cmd: &mut Command) -> Result<()> {
    eprintln!("xtask: {}", describe(cmd));
    let status = cmd
        .status()
        .with_context(|| format!("cannot start {}", describe(cmd)))?;
    if !status.success() {
        bail!("`{}` failed with {status}", describe(cmd));
    }
    Ok(())
}

/// Runs a command and returns its trimmed stdout, or `None` when it cannot run or fails.
pub fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd.output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

fn describe(cmd: &Command) -> String {
    let mut s = cmd.get_program().to_string_lossy().into_owned();
    for arg in cmd.get_args() {
        s.push(' ');
        s.push_str(&arg.to_string_lossy());
    }
    s
}
