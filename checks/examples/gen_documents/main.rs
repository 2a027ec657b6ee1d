//! Write synthetic document photos and their ground truth.
//!
//! `cargo run --release -p kyra-checks --example gen_documents -- <out_dir> [count] [WxH]`
//! writes `<kind>_<variant>_<n>.jpg` files and `truth.json` (fields, MRZ lines, the quality
//! reason code each capture must raise). Needs Debian's `fonts-ocr-b`.
//!
//! `... --example gen_documents -- --templates [checks/src/mrz/ocrb.rs]` regenerates the OCR-B
//! character templates the MRZ reader matches against.

mod synth;

use std::path::PathBuf;

use synth::{load_font, sample, DocKind, Variant};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--templates") {
        let Some(font) = load_font() else {
            std::process::exit(2);
        };
        let path = args.get(2).map_or("checks/src/mrz/ocrb.rs", String::as_str);
        if let Err(e) = std::fs::write(path, synth::templates_source(&font)) {
            eprintln!("cannot write {path}: {e}");
            std::process::exit(1);
        }
        println!("wrote {path}");
        return;
    }
    let out = PathBuf::from(
        args.get(1)
            .map_or("target/synthetic-documents", String::as_str),
    );
    let count: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(2);
    let size = args
        .get(3)
        .and_then(|s| s.split_once('x'))
        .and_then(|(w, h)| Some((w.parse().ok()?, h.parse().ok()?)))
        .unwrap_or((4000u32, 3000u32));
    let Some(font) = load_font() else {
        std::process::exit(2);
    };
    if let Err(e) = std::fs::create_dir_all(&out) {
        eprintln!("cannot create {}: {e}", out.display());
        std::process::exit(1);
    }
    let mut truth = Vec::new();
    for n in 0..count {
        for kind in DocKind::ALL {
            for (i, variant) in Variant::ALL.into_iter().enumerate() {
                let s = sample(&font, kind, variant, size, n * 1000 + i as u64);
                let name = format!("{kind:?}_{}_{n}.jpg", variant.name()).to_lowercase();
                if let Err(e) = s.image.save(out.join(&name)) {
                    eprintln!("cannot write {name}: {e}");
                    std::process::exit(1);
                }
                truth.push(serde_json::json!({
                    "file": name,
                    "kind": kind,
                    "variant": variant,
                    "expected_quality_issue": variant.expected_issue(),
                    "mrz_lines": s.lines,
                    "fields": s.fields,
                }));
                println!("{name}");
            }
        }
    }
    let json = serde_json::to_string_pretty(&truth).unwrap_or_default();
    if let Err(e) = std::fs::write(out.join("truth.json"), json) {
        eprintln!("cannot write truth.json: {e}");
        std::process::exit(1);
    }
}
