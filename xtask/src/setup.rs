//! Installs what the build needs, pinned, from package registries only.

use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::{output, run, Ctx};

/// npm's binaryen: Debian's (version 108) emits WASM that fails to hydrate in current Chromium.
const BINARYEN_VERSION: &str = "132.0.0";

pub fn all(ctx: &Ctx) -> Result<()> {
    wasm_target()?;
    wasm_bindgen(ctx)?;
    wasm_opt(ctx);
    Ok(())
}

fn wasm_target() -> Result<()> {
    let installed =
        output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if !installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    Ok(())
}

/// The `wasm-bindgen` crate version in Cargo.lock; the CLI must match it exactly.
pub fn locked_wasm_bindgen_version(ctx: &Ctx) -> Result<String> {
    let lock =
        std::fs::read_to_string(ctx.root.join("Cargo.lock")).context("reading Cargo.lock")?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = \""))
            {
                return Ok(version.trim_end_matches('"').to_owned());
            }
        }
    }
    bail!("wasm-bindgen is not in Cargo.lock")
}

fn wasm_bindgen(ctx: &Ctx) -> Result<()> {
    let version = locked_wasm_bindgen_version(ctx)?;
    let current = output(Command::new("wasm-bindgen").arg("--version")).unwrap_or_default();
    if current.split_whitespace().nth(1) == Some(version.as_str()) {
        return Ok(());
    }
    eprintln!("xtask: installing wasm-bindgen-cli {version} (a few minutes, once)");
    // Not `--locked`: its lockfile pins a crate version the registry no longer serves.
    run(Command::new("cargo").args([
        "install",
        "wasm-bindgen-cli",
        "--version",
        &format!("={version}"),
    ]))
}

/// `wasm-opt` from npm's binaryen, installed under the target dir. Optional: without Node.js the
/// bundle is served unoptimized (larger, still correct).
pub fn wasm_opt(ctx: &Ctx) -> Option<std::path::PathBuf> {
    let dir = ctx.tools.join("binaryen");
    let bin = dir.join("node_modules/.bin/wasm-opt");
    if bin.exists() {
        return Some(bin);
    }
    std::fs::create_dir_all(&dir).ok()?;
    let installed = run(Command::new("npm")
        .args(["install", "--no-audit", "--no-fund", "--prefix"])
        .arg(&dir)
        .arg(format!("binaryen@{BINARYEN_VERSION}")));
    match installed {
        Ok(()) if bin.exists() => Some(bin),
        _ => {
            eprintln!("xtask: WARNING: wasm-opt unavailable (npm binaryen); the WASM bundle stays unoptimized");
            None
        }
    }
}
