//! Document checks benchmark: per-check latency (p50/p95) and MRZ field accuracy on synthetic
//! phone photos.
//!
//! `cargo run --release -p kyra-checks --example document_bench -- [samples] [WxH]`
//! (defaults: 20 samples per document kind and variant, 4000x3000 = 12 MP). Needs Debian's
//! `fonts-ocr-b` to synthesise the documents; the checks themselves do not.

#[path = "gen_documents/synth.rs"]
mod synth;

use std::time::{Duration, Instant};

use kyra_checks::file::{inspect, FileLimits};
use kyra_checks::mrz::{read_with, MrzFields, ParseOptions};
use kyra_checks::quality::{assess, QualityConfig};
use synth::{load_font, sample, DocKind, Variant};

fn percentile(v: &mut [Duration], p: f64) -> f64 {
    v.sort();
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    v.get(i).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

fn field_values(f: &MrzFields) -> [(&'static str, String); 10] {
    [
        ("document_type", f.document_type.clone()),
        ("issuing_state", f.issuing_state.clone()),
        ("surname", f.surname.clone()),
        ("given_names", f.given_names.clone()),
        ("document_number", f.document_number.clone()),
        ("nationality", f.nationality.clone()),
        ("birth_date", f.birth_date.clone().unwrap_or_default()),
        ("sex", format!("{:?}", f.sex)),
        ("expiry_date", f.expiry_date.clone().unwrap_or_default()),
        (
            "optional_data",
            format!("{}|{}", f.optional_data, f.optional_data_2),
        ),
    ]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let samples: u64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(20);
    let size = args
        .get(2)
        .and_then(|s| s.split_once('x'))
        .and_then(|(w, h)| Some((w.parse().ok()?, h.parse().ok()?)))
        .unwrap_or((4000u32, 3000u32));
    let verbose = std::env::var_os("VERBOSE").is_some();
    let Some(font) = load_font() else {
        std::process::exit(2);
    };
    let options = ParseOptions {
        reference_year: 2025,
    };
    let (mut t_file, mut t_quality, mut t_mrz, mut t_total) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut fields_ok, mut fields_all, mut docs_ok, mut docs_all, mut checks_ok, mut quality_pass) =
        (0, 0, 0, 0, 0, 0);
    let mut misses: Vec<String> = Vec::new();
    for n in 0..samples {
        for kind in [DocKind::Passport, DocKind::IdCard] {
            for (i, variant) in Variant::PHONE.into_iter().enumerate() {
                let s = sample(&font, kind, variant, size, 7_000 + n * 100 + i as u64);
                let mut jpeg = Vec::new();
                image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90)
                    .encode_image(&s.image)
                    .expect("encode");
                let start = Instant::now();
                let safe = inspect(&jpeg, &FileLimits::default()).expect("synthetic photo is safe");
                let after_file = Instant::now();
                let report = assess(&safe.image, &QualityConfig::default());
                let after_quality = Instant::now();
                let mrz = read_with(&safe.image, &options);
                let end = Instant::now();
                t_file.push(after_file - start);
                t_quality.push(after_quality - after_file);
                t_mrz.push(end - after_quality);
                t_total.push(end - after_file);
                quality_pass += usize::from(report.passed());
                docs_all += 1;
                let truth = field_values(&s.fields);
                match mrz {
                    Ok(m) => {
                        checks_ok += usize::from(m.valid_check_digits());
                        let got = field_values(&m.fields);
                        let mut all = true;
                        for ((name, want), (_, have)) in truth.iter().zip(got.iter()) {
                            fields_all += 1;
                            if want == have {
                                fields_ok += 1;
                            } else {
                                all = false;
                                misses.push(format!(
                                    "{kind:?}/{variant:?}#{n} {name}: want {want:?} got {have:?}"
                                ));
                            }
                        }
                        docs_ok += usize::from(all);
                        if verbose && !all {
                            println!(
                                "{kind:?}/{variant:?}#{n}\n  want {:?}\n  got  {:?}",
                                s.lines, m.lines
                            );
                        }
                    }
                    Err(e) => {
                        fields_all += truth.len();
                        misses.push(format!("{kind:?}/{variant:?}#{n}: {e}"));
                    }
                }
            }
        }
    }
    println!("samples: {docs_all} synthetic {}x{} photos (passport TD3 + ID card TD1; clean, rotated 5-9°, perspective, JPEG q35)", size.0, size.1);
    println!(
        "file.inspect (decode+orient+re-encode)  p50 {:7.1} ms  p95 {:7.1} ms",
        percentile(&mut t_file.clone(), 0.5),
        percentile(&mut t_file, 0.95)
    );
    println!(
        "quality.assess                           p50 {:7.1} ms  p95 {:7.1} ms",
        percentile(&mut t_quality.clone(), 0.5),
        percentile(&mut t_quality, 0.95)
    );
    println!(
        "mrz.read                                 p50 {:7.1} ms  p95 {:7.1} ms",
        percentile(&mut t_mrz.clone(), 0.5),
        percentile(&mut t_mrz, 0.95)
    );
    println!(
        "quality + mrz                            p50 {:7.1} ms  p95 {:7.1} ms",
        percentile(&mut t_total.clone(), 0.5),
        percentile(&mut t_total, 0.95)
    );
    println!("quality passed: {quality_pass}/{docs_all}");
    println!(
        "MRZ fields correct: {fields_ok}/{fields_all} ({:.2} %)",
        100.0 * fields_ok as f64 / fields_all.max(1) as f64
    );
    println!("MRZ documents fully correct: {docs_ok}/{docs_all}; all check digits valid: {checks_ok}/{docs_all}");
    for m in misses.iter().take(20) {
        println!("  miss: {m}");
    }
}
