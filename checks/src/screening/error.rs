//! Import errors. Each one says where in the file the problem is, so an operator can fix or
//! report the file; an import that fails yields no list at all.

use thiserror::Error;

/// Position inside an input file, as precise as the format allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Position {
    /// 1-based line (CSV, JSON lines).
    Line(u64),
    /// XML: the path of the element being read, its 1-based line and byte offset (where the
    /// reader stood: the end of the tag or text that failed).
    Element { line: u64, byte: u64, path: String },
    /// Whole-file problems (missing root element, empty input, ...).
    File,
}

impl std::fmt::Display for Position {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Position::Line(l) => write!(f, "line {l}"),
            Position::Element { line, byte, path } => {
                write!(f, "element {path} (line {line}, byte {byte})")
            }
            Position::File => write!(f, "file"),
        }
    }
}

/// Why a list file could not be imported.
#[derive(Debug, Error)]
pub enum ParseError {
    /// The bytes are not valid in the format (bad CSV quoting, broken XML, bad JSON, ...).
    #[error("{file}: {position}: malformed {format}: {reason}")]
    Malformed {
        file: String,
        position: Position,
        format: &'static str,
        reason: String,
    },
    /// The syntax is fine but a record breaks the format's rules (missing name, bad id, ...).
    #[error("{file}: {position}: invalid record: {reason}")]
    InvalidRecord {
        file: String,
        position: Position,
        reason: String,
    },
    /// The content is not in any format we know, or not in the one asked for.
    #[error("{file}: unrecognised list format: {reason}")]
    UnknownFormat { file: String, reason: String },
}

impl ParseError {
    pub(crate) fn malformed(
        file: &str,
        position: Position,
        format: &'static str,
        reason: impl ToString,
    ) -> Self {
        ParseError::Malformed {
            file: file.to_string(),
            position,
            format,
            reason: reason.to_string(),
        }
    }

    pub(crate) fn invalid(file: &str, position: Position, reason: impl ToString) -> Self {
        ParseError::InvalidRecord {
            file: file.to_string(),
            position,
            reason: reason.to_string(),
        }
    }
}
