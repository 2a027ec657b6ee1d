//! Parsers for the official list formats, and format detection from content.
//!
//! Every parser streams its input (`impl BufRead`) and returns either a complete
//! [`SanctionsList`] or a [`ParseError`] that names the position: never a partial list, so the
//! caller can swap list versions atomically.

mod eu;
mod ofac;
mod ofac_xml;
mod opensanctions;
mod table;
mod uk;
mod un;
mod xml;

use std::io::BufRead;

pub use eu::{parse_eu_csv, parse_eu_xml};
pub use ofac::{parse_ofac_csv, OfacCsvInput};
pub use ofac_xml::parse_ofac_xml;
pub use opensanctions::{parse_ftm_json, parse_simple_csv};
pub use uk::parse_uk_csv;
pub use un::parse_un_xml;

use super::error::ParseError;
use super::model::{ListSource, SanctionsList};

/// A list file format, as recognised by [`detect_format`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// OFAC legacy CSV main file (`sdn.csv`, `cons_prim.csv`).
    OfacPrimaryCsv,
    /// OFAC `alt.csv` (aliases).
    OfacAltCsv,
    /// OFAC `add.csv` (addresses).
    OfacAddCsv,
    /// OFAC `sdn_comments.csv` (remarks continuations).
    OfacCommentsCsv,
    /// OFAC classic XML (`SDN.XML`, consolidated list in the same `sdnList` layout).
    OfacXml,
    /// OFAC `SDN_ADVANCED.XML` / `SDN_ENHANCED.XML`: recognised so that the import can say
    /// which files to use instead, not parsed.
    OfacAdvancedXml,
    UnXml,
    EuFsfCsv,
    EuFsfXml,
    UkOfsiCsv,
    OpenSanctionsFtm,
    OpenSanctionsCsv,
}

impl Format {
    /// The CLI name (`--format`), shared by the OFAC trio parts.
    pub fn cli_name(self) -> &'static str {
        match self {
            Format::OfacPrimaryCsv
            | Format::OfacAltCsv
            | Format::OfacAddCsv
            | Format::OfacCommentsCsv => "ofac-sdn-csv",
            Format::OfacXml | Format::OfacAdvancedXml => "ofac-xml",
            Format::UnXml => "un-xml",
            Format::EuFsfCsv | Format::EuFsfXml => "eu-fsf",
            Format::UkOfsiCsv => "uk-ofsi-csv",
            Format::OpenSanctionsFtm => "opensanctions-ftm",
            Format::OpenSanctionsCsv => "opensanctions-csv",
        }
    }
}

/// Guesses the format from the first bytes of a file (a few KiB is plenty).
///
/// Detection looks at structure, not file names, because operators rename downloads.
pub fn detect_format(first_bytes: &[u8]) -> Option<Format> {
    let text = String::from_utf8_lossy(first_bytes);
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with('<') {
        if t.contains("<CONSOLIDATED_LIST") {
            return Some(Format::UnXml);
        }
        if t.contains("<sdnList") {
            return Some(Format::OfacXml);
        }
        // Advanced: UN-style "Sanctions Data Standard" root (namespace un.org/sanctions or, in
        // newer files, the sanctionslistservice.ofac.treas.gov one); enhanced: `sanctionsData`.
        let ofac_ns = t.contains("ofac.treas.gov") || t.contains("treasury.gov");
        if t.contains("<Sanctions") && (ofac_ns || t.contains("un.org/sanctions"))
            || t.contains("<sanctionsData") && ofac_ns
        {
            return Some(Format::OfacAdvancedXml);
        }
        if t.contains("<export") || t.contains("sanctionEntity") || t.contains("fsd/export") {
            return Some(Format::EuFsfXml);
        }
        return None;
    }
    if t.starts_with('{') {
        return (t.contains("\"schema\"") && t.contains("\"properties\""))
            .then_some(Format::OpenSanctionsFtm);
    }
    let first_line = t.lines().next().unwrap_or("");
    if first_line.contains("Entity_LogicalId") {
        return Some(Format::EuFsfCsv);
    }
    if first_line.starts_with("Last Updated")
        || first_line.contains("Group ID") && first_line.contains("Name 6")
    {
        return Some(Format::UkOfsiCsv);
    }
    if first_line.starts_with("id,schema,name")
        || first_line.starts_with("\"id\",\"schema\",\"name\"")
    {
        return Some(Format::OpenSanctionsCsv);
    }
    detect_ofac(first_line)
}

/// OFAC CSVs have no header; tell the four files apart by their first record's shape.
fn detect_ofac(line: &str) -> Option<Format> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(line.as_bytes());
    let rec = rdr.records().next()?.ok()?;
    let is_num = |i: usize| {
        rec.get(i)
            .is_some_and(|f| !f.trim().is_empty() && f.trim().bytes().all(|b| b.is_ascii_digit()))
    };
    if !is_num(0) {
        return None;
    }
    match rec.len() {
        2 => Some(Format::OfacCommentsCsv),
        5 if is_num(1) => Some(Format::OfacAltCsv),
        6 if is_num(1) => Some(Format::OfacAddCsv),
        12 => Some(Format::OfacPrimaryCsv),
        _ => None,
    }
}

/// Parses a single-file format. OFAC CSV needs its companion files: use [`parse_ofac_csv`].
/// OFAC XML is read as the SDN list; the consolidated list in the same layout needs
/// [`parse_ofac_xml`] with [`ListSource::OfacConsolidated`].
pub fn parse_single<R: BufRead>(
    format: Format,
    r: R,
    file: &str,
) -> Result<SanctionsList, ParseError> {
    match format {
        Format::UnXml => parse_un_xml(r, file),
        Format::EuFsfCsv => parse_eu_csv(r, file),
        Format::EuFsfXml => parse_eu_xml(r, file),
        Format::UkOfsiCsv => parse_uk_csv(r, file),
        Format::OpenSanctionsFtm => parse_ftm_json(r, file),
        Format::OpenSanctionsCsv => parse_simple_csv(r, file),
        Format::OfacPrimaryCsv
        | Format::OfacAltCsv
        | Format::OfacAddCsv
        | Format::OfacCommentsCsv => Err(ParseError::UnknownFormat {
            file: file.to_string(),
            reason: "OFAC CSV parts must be parsed together with parse_ofac_csv".into(),
        }),
        Format::OfacXml => parse_ofac_xml(ListSource::OfacSdn, r, file),
        Format::OfacAdvancedXml => Err(ParseError::UnknownFormat {
            file: file.to_string(),
            reason: ofac_xml::ADVANCED_UNSUPPORTED.into(),
        }),
    }
}
