//! `kyra lists import`: read list files, parse them completely, then store each list as a new
//! active version in one transaction.
//!
//! Parsing happens before any write, so a malformed file fails the whole command with the
//! file and position, and the previously active versions stay as they were.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use kyra_checks::screening::sources::{self, OfacCsvInput};
use kyra_checks::screening::{detect_format, Format, ListSource, ParseError, SanctionsList};
use sha2::{Digest, Sha256};

use crate::store::{NewListEntry, NewListVersion};

/// `--format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    OfacSdnCsv,
    OfacXml,
    UnXml,
    EuFsf,
    UkOfsiCsv,
    OpensanctionsFtm,
    OpensanctionsCsv,
}

impl FormatArg {
    fn cli_name(self) -> &'static str {
        match self {
            FormatArg::OfacSdnCsv => "ofac-sdn-csv",
            FormatArg::OfacXml => "ofac-xml",
            FormatArg::UnXml => "un-xml",
            FormatArg::EuFsf => "eu-fsf",
            FormatArg::UkOfsiCsv => "uk-ofsi-csv",
            FormatArg::OpensanctionsFtm => "opensanctions-ftm",
            FormatArg::OpensanctionsCsv => "opensanctions-csv",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{file}: {source}")]
    Io {
        file: String,
        source: std::io::Error,
    },
    #[error("{file}: cannot tell the list format from its content; pass --format")]
    Undetected { file: String },
    #[error("{file}: content looks like {detected}, not {asked}")]
    FormatMismatch {
        file: String,
        detected: &'static str,
        asked: &'static str,
    },
    #[error("{0}")]
    Parse(#[from] ParseError),
    #[error("OFAC CSV files {files} were given without their main file (sdn.csv / cons_prim.csv)")]
    OfacWithoutPrimary { files: String },
    #[error("{file}: two OFAC {part} files were given ({other}); import one list at a time")]
    OfacDuplicatePart {
        file: String,
        other: String,
        part: &'static str,
    },
    #[error("{file}: entry id {id:?} appears twice")]
    DuplicateEntry { file: String, id: String },
    #[error("{source_name}: two files of the same list were given ({files}); import one version at a time")]
    DuplicateSource { source_name: String, files: String },
}

/// A list parsed from its files, ready to store.
#[derive(Debug)]
pub struct ParsedList {
    pub list: SanctionsList,
    pub files: Vec<String>,
    /// SHA-256 over the files' bytes, in `files` order.
    pub checksum: String,
}

impl ParsedList {
    pub fn source(&self) -> ListSource {
        self.list.meta.source
    }

    /// The rows to store: each entry as JSON with the hash of that JSON.
    pub fn to_new_version(&self) -> Result<NewListVersion, serde_json::Error> {
        let entries = self
            .list
            .entries
            .iter()
            .map(|e| {
                let body = serde_json::to_string(e)?;
                Ok(NewListEntry {
                    entry_id: e.id.clone(),
                    content_hash: sha256_hex(body.as_bytes()),
                    body,
                })
            })
            .collect::<Result<Vec<_>, serde_json::Error>>()?;
        Ok(NewListVersion {
            source: self.source().as_str().to_owned(),
            published: self.list.meta.published.clone(),
            checksum: self.checksum.clone(),
            files: serde_json::to_string(&self.files)?,
            counts: serde_json::to_string(&self.list.meta.counts)?,
            entries,
        })
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Which role a file plays once its format is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OfacPart {
    Primary,
    Alt,
    Add,
    Comments,
}

impl OfacPart {
    fn name(self) -> &'static str {
        match self {
            OfacPart::Primary => "main",
            OfacPart::Alt => "alias",
            OfacPart::Add => "address",
            OfacPart::Comments => "comments",
        }
    }

    /// Fallback when the content alone is ambiguous (an empty `sdn_comments.csv`).
    fn from_file_name(path: &Path) -> OfacPart {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        if name.contains("alt") {
            OfacPart::Alt
        } else if name.contains("add") {
            OfacPart::Add
        } else if name.contains("comment") {
            OfacPart::Comments
        } else {
            OfacPart::Primary
        }
    }
}

fn ofac_part(format: Format) -> Option<OfacPart> {
    match format {
        Format::OfacPrimaryCsv => Some(OfacPart::Primary),
        Format::OfacAltCsv => Some(OfacPart::Alt),
        Format::OfacAddCsv => Some(OfacPart::Add),
        Format::OfacCommentsCsv => Some(OfacPart::Comments),
        _ => None,
    }
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> ImportError + '_ {
    move |source| ImportError::Io {
        file: path.display().to_string(),
        source,
    }
}

fn head(path: &Path) -> Result<Vec<u8>, ImportError> {
    let mut buf = Vec::with_capacity(8192);
    File::open(path)
        .map_err(io_err(path))?
        .take(8192)
        .read_to_end(&mut buf)
        .map_err(io_err(path))?;
    Ok(buf)
}

fn file_hash(path: &Path, hasher: &mut Sha256) -> Result<(), ImportError> {
    let mut f = File::open(path).map_err(io_err(path))?;
    std::io::copy(&mut f, hasher).map_err(io_err(path))?;
    Ok(())
}

fn open(path: &Path) -> Result<BufReader<File>, ImportError> {
    Ok(BufReader::new(File::open(path).map_err(io_err(path))?))
}

/// Resolves the format of one file: from content, checked against `--format` when given.
fn resolve_format(path: &Path, asked: Option<FormatArg>) -> Result<Format, ImportError> {
    let bytes = head(path)?;
    let detected = detect_format(&bytes);
    let file = path.display().to_string();
    match (detected, asked) {
        (Some(d), Some(a)) if d.cli_name() != a.cli_name() => Err(ImportError::FormatMismatch {
            file,
            detected: d.cli_name(),
            asked: a.cli_name(),
        }),
        (Some(d), _) => Ok(d),
        (None, None) => Err(ImportError::Undetected { file }),
        (None, Some(a)) => Ok(match a {
            FormatArg::OfacSdnCsv => match OfacPart::from_file_name(path) {
                OfacPart::Primary => Format::OfacPrimaryCsv,
                OfacPart::Alt => Format::OfacAltCsv,
                OfacPart::Add => Format::OfacAddCsv,
                OfacPart::Comments => Format::OfacCommentsCsv,
            },
            FormatArg::OfacXml => Format::OfacXml,
            FormatArg::UnXml => Format::UnXml,
            FormatArg::EuFsf if bytes.trim_ascii_start().starts_with(b"<") => Format::EuFsfXml,
            FormatArg::EuFsf => Format::EuFsfCsv,
            FormatArg::UkOfsiCsv => Format::UkOfsiCsv,
            FormatArg::OpensanctionsFtm => Format::OpenSanctionsFtm,
            FormatArg::OpensanctionsCsv => Format::OpenSanctionsCsv,
        }),
    }
}

/// Parses every file. The OFAC CSV files given together form one list; every other file is a
/// list of its own. Nothing is returned unless every file parsed.
pub fn parse_files(
    paths: &[PathBuf],
    asked: Option<FormatArg>,
) -> Result<Vec<ParsedList>, ImportError> {
    let mut ofac: Vec<(OfacPart, &PathBuf)> = Vec::new();
    let mut singles: Vec<(Format, &PathBuf)> = Vec::new();
    for path in paths {
        let format = resolve_format(path, asked)?;
        match ofac_part(format) {
            Some(part) => {
                if let Some((_, other)) = ofac.iter().find(|(p, _)| *p == part) {
                    return Err(ImportError::OfacDuplicatePart {
                        file: path.display().to_string(),
                        other: other.display().to_string(),
                        part: part.name(),
                    });
                }
                ofac.push((part, path));
            }
            None => singles.push((format, path)),
        }
    }
    let mut lists = Vec::new();
    if !ofac.is_empty() {
        lists.push(parse_ofac(&ofac)?);
    }
    for (format, path) in singles {
        let file = path.display().to_string();
        let mut hasher = Sha256::new();
        file_hash(path, &mut hasher)?;
        let list = match format {
            Format::OfacXml => sources::parse_ofac_xml(ofac_source(path), open(path)?, &file)?,
            _ => sources::parse_single(format, open(path)?, &file)?,
        };
        check_unique_ids(&list, &file)?;
        lists.push(ParsedList {
            list,
            files: vec![file],
            checksum: format!("{:x}", hasher.finalize()),
        });
    }
    let mut seen: HashMap<ListSource, &ParsedList> = HashMap::new();
    for l in &lists {
        if let Some(prev) = seen.insert(l.source(), l) {
            return Err(ImportError::DuplicateSource {
                source_name: l.source().as_str().to_owned(),
                files: format!("{} and {}", prev.files.join("+"), l.files.join("+")),
            });
        }
    }
    Ok(lists)
}

fn parse_ofac(parts: &[(OfacPart, &PathBuf)]) -> Result<ParsedList, ImportError> {
    let find = |part: OfacPart| parts.iter().find(|(p, _)| *p == part).map(|(_, f)| *f);
    let Some(primary) = find(OfacPart::Primary) else {
        return Err(ImportError::OfacWithoutPrimary {
            files: parts
                .iter()
                .map(|(_, f)| f.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
        });
    };
    let source = ofac_source(primary);
    let ordered: Vec<&PathBuf> = [
        Some(primary),
        find(OfacPart::Alt),
        find(OfacPart::Add),
        find(OfacPart::Comments),
    ]
    .into_iter()
    .flatten()
    .collect();
    let mut hasher = Sha256::new();
    for f in &ordered {
        file_hash(f, &mut hasher)?;
    }
    let opt = |part| find(part).map(|p| open(p)).transpose();
    let input = OfacCsvInput {
        primary: open(primary)?,
        alt: opt(OfacPart::Alt)?,
        add: opt(OfacPart::Add)?,
        comments: opt(OfacPart::Comments)?,
    };
    // The parser labels positions with the part ("primary", "alt", ...): name the real file.
    let label = |part: &str| -> String {
        let p = match part {
            "alt" => find(OfacPart::Alt),
            "add" => find(OfacPart::Add),
            "comments" => find(OfacPart::Comments),
            _ => Some(primary),
        };
        p.map_or_else(|| part.to_owned(), |p| p.display().to_string())
    };
    let list = sources::parse_ofac_csv(source, input).map_err(|e| match e {
        ParseError::Malformed {
            file,
            position,
            format,
            reason,
        } => ParseError::Malformed {
            file: label(&file),
            position,
            format,
            reason,
        },
        ParseError::InvalidRecord {
            file,
            position,
            reason,
        } => ParseError::InvalidRecord {
            file: label(&file),
            position,
            reason,
        },
        ParseError::UnknownFormat { file, reason } => ParseError::UnknownFormat {
            file: label(&file),
            reason,
        },
    })?;
    let file = primary.display().to_string();
    check_unique_ids(&list, &file)?;
    Ok(ParsedList {
        list,
        files: ordered.iter().map(|f| f.display().to_string()).collect(),
        checksum: format!("{:x}", hasher.finalize()),
    })
}

/// The consolidated (non-SDN) list has the same layout as the SDN list, in CSV and in XML, and
/// nothing in the content tells them apart; OFAC names its files `cons_*` / `consolidated.xml`.
fn ofac_source(path: &Path) -> ListSource {
    let is_cons = path
        .file_name()
        .is_some_and(|n| n.to_string_lossy().to_ascii_lowercase().starts_with("cons"));
    if is_cons {
        ListSource::OfacConsolidated
    } else {
        ListSource::OfacSdn
    }
}

/// Entry ids key the stored rows and the monitoring diff, so they must be unique in a list.
fn check_unique_ids(list: &SanctionsList, file: &str) -> Result<(), ImportError> {
    let mut seen = std::collections::HashSet::with_capacity(list.entries.len());
    for e in &list.entries {
        if !seen.insert(e.id.as_str()) {
            return Err(ImportError::DuplicateEntry {
                file: file.to_owned(),
                id: e.id.clone(),
            });
        }
    }
    Ok(())
}
