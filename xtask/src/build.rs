//! The site pipeline: WASM → wasm-bindgen → wasm-opt → content-hashed, precompressed assets,
//! then the server binary. Client and server are built separately so Cargo never unifies the
//! `hydrate` and `ssr` features of `kyra-app`.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};
use sha2::{Digest, Sha256};

use crate::{run, setup, Ctx, Profile};

/// Builds everything and returns the path of the `kyra` binary. The site lands in
/// `<target>/<profile>/site`, where the binary finds it.
pub fn site(ctx: &Ctx, profile: Profile) -> Result<PathBuf> {
    let (wasm_profile, wasm_dir, server_dir) = match profile {
        Profile::Release => ("wasm-release", "wasm-release", "release"),
        Profile::Dev => ("dev", "debug", "debug"),
    };
    run(ctx.cargo().args([
        "build",
        "-p",
        "kyra-frontend",
        "--lib",
        "--target",
        "wasm32-unknown-unknown",
        "--profile",
        wasm_profile,
    ]))?;

    let site = ctx.target.join(server_dir).join("site");
    let staging = ctx.target.join(server_dir).join("site-staging");
    let _ = fs::remove_dir_all(&staging);
    fs::create_dir_all(&staging)?;
    let wasm = ctx
        .target
        .join("wasm32-unknown-unknown")
        .join(wasm_dir)
        .join("kyra_frontend.wasm");
    run(Command::new("wasm-bindgen")
        .args([
            "--target",
            "web",
            "--no-typescript",
            "--out-name",
            "kyra",
            "--out-dir",
        ])
        .arg(&staging)
        .arg(&wasm))?;
    let bg = staging.join("kyra_bg.wasm");
    if profile == Profile::Release {
        if let Some(wasm_opt) = setup::wasm_opt(ctx) {
            run(Command::new(wasm_opt)
                .args([
                    "-Oz",
                    "--enable-bulk-memory",
                    "--enable-nontrapping-float-to-int",
                    "--enable-sign-ext",
                    "-o",
                ])
                .arg(&bg)
                .arg(&bg))?;
        }
    }

    let pkg = staging.join("pkg");
    fs::create_dir_all(&pkg)?;
    let css = bundle_css(&ctx.root.join("style"))?;
    let hashes = [
        (
            "js",
            place(&pkg, "js", &fs::read(staging.join("kyra.js"))?)?,
        ),
        ("wasm", place(&pkg, "wasm", &fs::read(&bg)?)?),
        ("css", place(&pkg, "css", css.as_bytes())?),
    ];
    if staging.join("snippets").exists() {
        copy_dir(&staging.join("snippets"), &pkg.join("snippets"))?;
    }
    let mut hash_file = fs::File::create(staging.join("hash.txt"))?;
    for (kind, hash) in &hashes {
        writeln!(hash_file, "{kind}: {hash}")?;
    }
    copy_dir(&ctx.root.join("public"), &staging)?;
    for leftover in ["kyra.js", "kyra_bg.wasm"] {
        let _ = fs::remove_file(staging.join(leftover));
    }
    let _ = fs::remove_dir_all(&site);
    fs::rename(&staging, &site).with_context(|| format!("moving site into {}", site.display()))?;

    let mut server = ctx.cargo();
    server.args(["build", "-p", "kyra-server", "--bin", "kyra"]);
    if profile == Profile::Release {
        server.arg("--release");
    }
    run(&mut server)?;
    Ok(ctx.target.join(server_dir).join("kyra"))
}

/// Writes `kyra.<hash>.<ext>` plus `.br` and `.gz` siblings; returns the hash. Content hashes make
/// the assets cacheable forever: a new build has new names.
fn place(pkg: &Path, ext: &str, bytes: &[u8]) -> Result<String> {
    let digest = Sha256::digest(bytes);
    let hash: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    let path = pkg.join(format!("kyra.{hash}.{ext}"));
    fs::write(&path, bytes)?;

    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes)?;
    fs::write(path.with_extension(format!("{ext}.gz")), gz.finish()?)?;

    let mut br = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut br, &params)?;
    fs::write(path.with_extension(format!("{ext}.br")), br)?;
    Ok(hash)
}

/// Concatenates `style/*.css` in name order into one stylesheet.
fn bundle_css(dir: &Path) -> Result<String> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "css"))
        .collect();
    files.sort();
    let mut css = String::new();
    for file in files {
        css.push_str(&fs::read_to_string(&file)?);
        css.push('\n');
    }
    Ok(css)
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    if !from.exists() {
        return Ok(());
    }
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}
