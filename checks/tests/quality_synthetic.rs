//! Quality checks on synthetic captures: each degradation raises its reason code, clean and
//! acceptable phone captures raise none.

#[path = "../examples/gen_documents/synth.rs"]
mod synth;

use image::DynamicImage;
use kyra_checks::quality::{assess, QualityConfig};
use synth::{load_font, sample, DocKind, Variant};

#[test]
fn degraded_captures_raise_their_reason_code_and_clean_ones_none() {
    let font = load_font().expect(
        "the OCR-B font is required (apt-get install fonts-ocr-b; `cargo xtask test` installs it)",
    );
    let config = QualityConfig::default();
    let mut failures = Vec::new();
    for kind in [DocKind::Passport, DocKind::IdCard] {
        for (i, variant) in Variant::ALL.into_iter().enumerate() {
            for seed in 0..1u64 {
                let s = sample(&font, kind, variant, (1024, 768), 100 * seed + i as u64);
                let report = assess(&DynamicImage::ImageRgb8(s.image), &config);
                let codes = report.reason_codes();
                let ok = match variant.expected_issue() {
                    None => codes.is_empty(),
                    Some(code) => codes.contains(&code),
                };
                println!(
                    "{kind:?} {variant:?} seed {seed}: {codes:?} {:?}",
                    report.metrics
                );
                if !ok {
                    failures.push(format!(
                        "{kind:?} {variant:?} seed {seed}: {codes:?} {:?}",
                        report.metrics
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
