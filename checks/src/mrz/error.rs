/// Why no MRZ could be produced at all. Check-digit failures are *not* errors: they are reported
/// on [`super::Mrz`] so the caller still sees what was read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MrzError {
    /// No machine-readable zone was found in the image.
    #[error("no machine-readable zone found")]
    NotFound,
    /// A zone was found but its characters could not be read reliably.
    #[error("the machine-readable zone could not be read: {0}")]
    Unreadable(String),
    /// The lines do not have the shape of any ICAO layout.
    #[error("{lines} line(s) of length {lengths:?} match no ICAO 9303 layout")]
    UnknownLayout { lines: usize, lengths: Vec<usize> },
    /// A character outside `0-9 A-Z <`.
    #[error("invalid character {found:?} at line {line}, column {column}")]
    InvalidCharacter {
        line: usize,
        column: usize,
        found: char,
    },
}

impl MrzError {
    /// Reason code for the check record (`MRZ_NOT_FOUND` or `MRZ_UNREADABLE`).
    pub fn reason_code(&self) -> &'static str {
        match self {
            MrzError::NotFound => "MRZ_NOT_FOUND",
            _ => "MRZ_UNREADABLE",
        }
    }
}
