//! Header-addressed CSV reading shared by the EU, UK and OpenSanctions CSV parsers.
//!
//! Those formats add columns over time, so fields are looked up by header name rather than by
//! position; a missing *required* column is an error, a missing optional one is just empty.

use std::io::BufRead;

use crate::screening::error::{ParseError, Position};

/// Column lookup for one CSV header.
pub(crate) struct Header {
    names: Vec<String>,
}

impl Header {
    pub(crate) fn idx(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n.eq_ignore_ascii_case(name))
    }
}

/// One data row with header-based access.
pub(crate) struct Row<'a> {
    pub(crate) header: &'a Header,
    pub(crate) fields: &'a [String],
    pub(crate) line: u64,
}

impl Row<'_> {
    /// Trimmed field value, `""` when the column is absent.
    pub(crate) fn get(&self, name: &str) -> &str {
        self.header
            .idx(name)
            .and_then(|i| self.fields.get(i))
            .map_or("", |s| s.trim())
    }
}

/// Streams a CSV with a header row. `skip_until` lets the caller skip preamble lines (UK's
/// "Last Updated" line) by returning `false` for lines that are not the header yet.
#[allow(clippy::too_many_arguments)]
pub(crate) fn read_table<R: BufRead>(
    r: R,
    file: &str,
    format: &'static str,
    delimiter: u8,
    required: &[&str],
    mut is_header: impl FnMut(&[String]) -> bool,
    mut preamble: impl FnMut(&[String]),
    mut f: impl FnMut(Row<'_>) -> Result<(), ParseError>,
) -> Result<(), ParseError> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(r);
    let mut rec = csv::ByteRecord::new();
    let mut header: Option<Header> = None;
    let mut fields: Vec<String> = Vec::new();
    loop {
        let more = rdr.read_byte_record(&mut rec).map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            ParseError::malformed(file, Position::Line(line), format, e)
        })?;
        if !more {
            break;
        }
        let line = rec.position().map_or(0, |p| p.line());
        fields.clear();
        fields.extend(rec.iter().map(|b| {
            String::from_utf8_lossy(b)
                .trim_start_matches('\u{feff}')
                .to_string()
        }));
        if fields.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        match &header {
            None => {
                if is_header(&fields) {
                    let h = Header {
                        names: fields.iter().map(|s| s.trim().to_string()).collect(),
                    };
                    for r in required {
                        if h.idx(r).is_none() {
                            return Err(ParseError::malformed(
                                file,
                                Position::Line(line),
                                format,
                                format!("header lacks required column {r:?}"),
                            ));
                        }
                    }
                    header = Some(h);
                } else {
                    preamble(&fields);
                }
            }
            Some(h) => f(Row {
                header: h,
                fields: &fields,
                line,
            })?,
        }
    }
    if header.is_none() {
        return Err(ParseError::malformed(
            file,
            Position::File,
            format,
            "no header row",
        ));
    }
    Ok(())
}
