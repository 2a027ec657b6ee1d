//! ICAO Doc 9303 machine-readable zones: parse, verify check digits, read from pixels.
//!
//! [`parse`] turns MRZ text (TD1 3×30, TD2 2×36, TD3 2×44, visas MRV-A/MRV-B) into fields and
//! verifies every check digit including the composite. Characters that cannot belong to their
//! cell (a letter in a date, a digit in a name) are replaced by their usual OCR twin (`O`→`0`,
//! `S`→`5`, `B`→`8`, `I`→`1`, `Z`→`2`, …); the check digits then confirm or refute the repair.
//! [`read`] locates the zone in a photo, reads it with OCR-B templates and parses it, letting the
//! check digits choose among the reader's close alternatives.
//!
//! Check digits are a 7-3-1 weighted sum modulo 10: a single substitution is always caught in a
//! numeric field, but in alphanumeric fields (document number, optional data) a substitution
//! whose values differ by a multiple of 10 (e.g. `A`↔`K`, `<`↔`A`) is invisible by design of the
//! standard. Tests pin exactly that boundary.

mod charset;
mod compose;
mod date;
mod error;
mod format;
mod layout;
mod ocrb;
mod parse;
mod read;

pub use charset::check_digit;
pub use compose::compose;
pub use error::MrzError;
pub use format::MrzFormat;
pub use layout::CheckedField;
pub use parse::{parse, parse_with, CheckDigit, Correction, Mrz, MrzFields, ParseOptions, Sex};
pub use read::{read, read_with};
