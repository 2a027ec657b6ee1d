//! `kyra checks document <image>… [--json]`: the document checks on local files, without a
//! server or database — for operators investigating a case and for evaluating the readers.
//! (`kyra checks face` and `kyra checks liveness` are in `cli/face.rs`.)
//!
//! Each file goes through [`kyra_checks::document::check_document`], the very function the job
//! runner calls, so the command shows exactly what the pipeline would decide.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use clap::{Args, Subcommand};
use kyra_checks::document::{check_document, Day, DocumentReport, DocumentRules};
use kyra_checks::mrz::{MrzFields, Sex};
use serde::Serialize;

#[derive(Debug, Subcommand)]
pub enum ChecksCommand {
    /// Run file safety, quality, MRZ and document data checks on document photos.
    Document(DocumentArgs),
    /// Compare the faces of two pictures (document portrait and selfie).
    Face(super::face::FaceArgs),
    /// Score liveness frames: the movement of a challenge, and passive signals.
    Liveness(super::face::LivenessArgs),
}

#[derive(Debug, Args)]
pub struct DocumentArgs {
    /// Image files (JPEG, PNG, WebP; HEIC and PDF are recognised and refused).
    #[arg(required = true, value_name = "IMAGE")]
    pub files: Vec<PathBuf>,
    /// One JSON object per file and line: `{file, reason_codes, quality, mrz}`.
    #[arg(long)]
    pub json: bool,
    /// The day expiry and age are judged on, `YYYY-MM-DD` [default: today, UTC].
    #[arg(long, value_name = "DATE")]
    pub today: Option<Day>,
    /// Minimum applicant age in years (`UNDERAGE` below it).
    #[arg(long, value_name = "YEARS")]
    pub min_age: Option<u32>,
}

/// One file's JSON line: the report with the file name in front.
#[derive(Serialize)]
struct FileReport<'a> {
    file: String,
    #[serde(flatten)]
    report: &'a DocumentReport,
}

pub fn run(command: ChecksCommand, config: &crate::config::Config) -> anyhow::Result<()> {
    let args = match command {
        ChecksCommand::Document(args) => args,
        ChecksCommand::Face(args) => return super::face::face(args, config),
        ChecksCommand::Liveness(args) => return super::face::liveness(args, config),
    };
    let mut rules = DocumentRules::new(args.today.unwrap_or_else(Day::today_utc));
    rules.min_age = args.min_age;
    let mut failed = Vec::new();
    for path in &args.files {
        let bytes = match std::fs::read(path).with_context(|| format!("reading {}", path.display()))
        {
            Ok(bytes) => bytes,
            Err(err) => {
                eprintln!("kyra: {err:#}");
                failed.push(path.display().to_string());
                continue;
            }
        };
        let report = check_document(&bytes, &rules);
        if let Some(refused) = &report.refused {
            eprintln!(
                "kyra: {}: refused: {} ({})",
                path.display(),
                refused.message,
                refused.code
            );
            failed.push(path.display().to_string());
        }
        if args.json {
            let line = FileReport {
                file: path.display().to_string(),
                report: &report,
            };
            println!("{}", serde_json::to_string(&line)?);
        } else {
            print!("{}", human(path, &report));
        }
    }
    if !failed.is_empty() {
        bail!(
            "{} of {} file(s) could not be checked: {}",
            failed.len(),
            args.files.len(),
            failed.join(", ")
        );
    }
    Ok(())
}

/// The report as a few lines of text for a person at a terminal.
fn human(path: &Path, report: &DocumentReport) -> String {
    let mut out = String::new();
    let verdict = if report.passed() {
        "passed".to_owned()
    } else {
        report.reason_codes.join(", ")
    };
    let _ = writeln!(out, "{}: {verdict}", path.display());
    if let Some(refused) = &report.refused {
        let _ = writeln!(
            out,
            "  file refused: {} ({})",
            refused.message, refused.code
        );
        return out;
    }
    if let Some(q) = &report.quality {
        let m = &q.metrics;
        let _ = writeln!(
            out,
            "  quality: {}x{} px, document {:.0} % of the frame, sharpness {:.0}, brightness {:.0}, glare {:.2} %",
            m.width,
            m.height,
            m.document_fraction * 100.0,
            m.sharpness,
            m.brightness,
            m.glare_fraction * 100.0
        );
    }
    let mrz = &report.mrz;
    match (mrz.format, &mrz.fields) {
        (Some(format), Some(fields)) => {
            let checks = if mrz.valid_check_digits {
                "check digits valid"
            } else {
                "CHECK DIGITS FAIL"
            };
            let _ = writeln!(out, "  MRZ {} ({checks})", format.name());
            for line in &mrz.lines {
                let _ = writeln!(out, "    {line}");
            }
            out.push_str(&describe(fields));
        }
        _ => {
            let _ = writeln!(out, "  MRZ: not read");
        }
    }
    out
}

fn describe(f: &MrzFields) -> String {
    let or_unknown = |d: &Option<String>| d.clone().unwrap_or_else(|| "unknown".into());
    let sex = match f.sex {
        Some(Sex::Female) => "F",
        Some(Sex::Male) => "M",
        Some(Sex::Unspecified) => "X",
        None => "?",
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "  document {} issued by {}, number {}",
        f.document_type, f.issuing_state, f.document_number
    );
    let _ = writeln!(
        out,
        "  name {}, {}; nationality {}; born {}; sex {sex}; expires {}",
        f.surname,
        f.given_names,
        f.nationality,
        or_unknown(&f.birth_date),
        or_unknown(&f.expiry_date)
    );
    let optional: Vec<&str> = [f.optional_data.as_str(), f.optional_data_2.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    if !optional.is_empty() {
        let _ = writeln!(out, "  optional data {}", optional.join(" / "));
    }
    out
}
