//! Every document engine on one image, gathered into one report.
//!
//! [`check_document`] is the single place that decides which reason codes a document photo
//! raises: file safety, capture quality, the MRZ, and the document data (expiry, minimum age,
//! accepted document types and states, consistency with the applicant's typed data). The
//! server's job runner and `kyra checks document` both call it, so an operator investigating a
//! case on the command line sees exactly what the pipeline saw.

mod data;
mod day;

use image::DynamicImage;
use serde::Serialize;

use crate::file::{inspect, FileError, FileLimits, Format};
use crate::mrz::{self, MrzFields, MrzFormat, ParseOptions};
use crate::quality::{assess, QualityConfig, QualityReport};

pub use data::{names_match, ApplicantData};
pub use day::{Day, DayError};

/// What the flow accepts and who the applicant says they are. `today` is passed in rather than
/// read from the clock so that a re-evaluation (`kyra decisions replay`) or a test gives the same
/// answer on any day.
#[derive(Debug, Clone)]
pub struct DocumentRules {
    /// The day the check runs; documents expiring before it raise `DOCUMENT_EXPIRED`, and it
    /// anchors the century of two-digit MRZ years.
    pub today: Day,
    /// Minimum age in whole years on `today` (`UNDERAGE` below it); `None` disables the check.
    pub min_age: Option<u32>,
    /// Accepted MRZ document codes (first letter: `P`, `I`, `A`, `C`, `V`, …); empty accepts any.
    pub document_types: Vec<String>,
    /// Accepted issuing states (ICAO three-letter codes, e.g. `D`, `UTO`); empty accepts any.
    pub issuing_states: Vec<String>,
    /// What the applicant typed (or the API supplied); `None` skips `DATA_MISMATCH`.
    pub applicant: Option<ApplicantData>,
    pub file_limits: FileLimits,
    pub quality: QualityConfig,
}

impl DocumentRules {
    /// Rules that only check file safety, quality, the MRZ and expiry on `today`.
    pub fn new(today: Day) -> Self {
        DocumentRules {
            today,
            min_age: None,
            document_types: Vec::new(),
            issuing_states: Vec::new(),
            applicant: None,
            file_limits: FileLimits::default(),
            quality: QualityConfig::default(),
        }
    }
}

/// The file was refused before any pixel was looked at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileRefusal {
    /// The file engine's stable code (`FILE_UNSUPPORTED`, `FILE_TRUNCATED`, …).
    pub code: &'static str,
    /// Human-readable reason, safe to show to an applicant.
    pub message: String,
}

impl From<&FileError> for FileRefusal {
    fn from(err: &FileError) -> Self {
        FileRefusal {
            code: err.code(),
            message: err.to_string(),
        }
    }
}

/// What the MRZ reader found. `format` is `None` (JSON `null`) when no zone could be read; then
/// `lines` is empty and `fields` is `None`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MrzReport {
    pub format: Option<MrzFormat>,
    pub lines: Vec<String>,
    pub valid_check_digits: bool,
    pub fields: Option<MrzFields>,
}

/// The outcome of [`check_document`]. Serialises as the `kyra checks document --json` object
/// (without the `file` name, which only the caller knows).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentReport {
    /// Registry codes (see [`crate::reasons`]), in pipeline order, without duplicates.
    pub reason_codes: Vec<&'static str>,
    /// `None` when the file was refused.
    pub quality: Option<QualityReport>,
    pub mrz: MrzReport,
    /// Why the file was refused; absent from the JSON when it was accepted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refused: Option<FileRefusal>,
    /// Real format and SHA-256 of the original bytes, when the file was accepted (the pipeline
    /// records the hash for duplicate detection; the CLI does not print it).
    #[serde(skip)]
    pub format: Option<Format>,
    #[serde(skip)]
    pub sha256: Option<String>,
}

impl DocumentReport {
    /// No reason code was raised.
    pub fn passed(&self) -> bool {
        self.reason_codes.is_empty()
    }
}

/// Run every document engine on the bytes of one upload.
///
/// Never fails: a refused file is itself an outcome (`UNSUPPORTED_FILE`, with the engine's code
/// in [`DocumentReport::refused`]), so the pipeline records a check result rather than an error.
pub fn check_document(bytes: &[u8], rules: &DocumentRules) -> DocumentReport {
    match inspect(bytes, &rules.file_limits) {
        Ok(safe) => {
            let mut report = check_document_image(&safe.image, rules);
            report.format = Some(safe.format);
            report.sha256 = Some(safe.sha256);
            report
        }
        Err(err) => DocumentReport {
            reason_codes: vec!["UNSUPPORTED_FILE"],
            quality: None,
            mrz: MrzReport {
                format: None,
                lines: Vec::new(),
                valid_check_digits: false,
                fields: None,
            },
            refused: Some(FileRefusal::from(&err)),
            format: None,
            sha256: None,
        },
    }
}

/// [`check_document`] on an image that already passed [`crate::file::inspect`] (the server
/// inspects at upload time and need not decode twice).
pub fn check_document_image(image: &DynamicImage, rules: &DocumentRules) -> DocumentReport {
    let quality = assess(image, &rules.quality);
    let mut codes: Vec<&'static str> = quality.reason_codes();
    let options = ParseOptions {
        reference_year: rules.today.year,
    };
    let mrz = match mrz::read_with(image, &options) {
        Ok(m) => {
            codes.extend(m.reason_codes());
            // Data checks only trust fields whose check digits hold: a misread date must not
            // become an "expired" or "underage" verdict.
            if m.valid_check_digits() {
                codes.extend(data::data_codes(&m.fields, rules));
            }
            MrzReport {
                format: Some(m.format),
                valid_check_digits: m.valid_check_digits(),
                lines: m.lines,
                fields: Some(m.fields),
            }
        }
        Err(err) => {
            codes.push(err.reason_code());
            MrzReport {
                format: None,
                lines: Vec::new(),
                valid_check_digits: false,
                fields: None,
            }
        }
    };
    let mut seen = Vec::with_capacity(codes.len());
    codes.retain(|c| {
        let new = !seen.contains(c);
        seen.push(*c);
        new
    });
    DocumentReport {
        reason_codes: codes,
        quality: Some(quality),
        mrz,
        refused: None,
        format: None,
        sha256: None,
    }
}
