//! OFAC "legacy" CSV lists: SDN (`sdn.csv`, `alt.csv`, `add.csv`, `sdn_comments.csv`) and the
//! consolidated non-SDN list (`cons_prim.csv`, ...), which share one layout.
//!
//! The files have no header, use `-0-` for null and end with a DOS `^Z` byte. Dates of birth and
//! nationalities exist only inside the free-text remarks, so they are extracted from there.

use std::collections::HashMap;
use std::io::BufRead;

use crate::screening::error::{ParseError, Position};
use crate::screening::model::{BirthDate, ListEntry, ListSource, NameKind, SanctionsList, Schema};

/// The readers of one OFAC CSV list. Only the primary file is required; the others enrich it.
pub struct OfacCsvInput<R> {
    /// `sdn.csv` / `cons_prim.csv`.
    pub primary: R,
    /// `alt.csv` / `cons_alt.csv`.
    pub alt: Option<R>,
    /// `add.csv` / `cons_add.csv`.
    pub add: Option<R>,
    /// `sdn_comments.csv` / `cons_comments.csv` (remarks continuations).
    pub comments: Option<R>,
}

const FORMAT: &str = "OFAC CSV";

/// Parses an OFAC CSV list. `source` is [`ListSource::OfacSdn`] or
/// [`ListSource::OfacConsolidated`]; OFAC CSVs carry no publication date.
pub fn parse_ofac_csv<R: BufRead>(
    source: ListSource,
    input: OfacCsvInput<R>,
) -> Result<SanctionsList, ParseError> {
    let mut entries: Vec<ListEntry> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut raw_remarks: Vec<String> = Vec::new();
    let mut orphans = 0usize;

    for_each_record(input.primary, "primary", 2, |line, f| {
        let id = parse_id(&f[0], "primary", line)?;
        let name = null(&f[1])
            .ok_or_else(|| ParseError::invalid("primary", Position::Line(line), "empty name"))?;
        let schema = match null(f.get(2).map_or("", String::as_str)).map(|s| s.to_ascii_lowercase())
        {
            Some(t) if t == "individual" => Schema::Person,
            Some(t) if t == "vessel" => Schema::Vessel,
            Some(t) if t == "aircraft" => Schema::Aircraft,
            None => Schema::Organization,
            Some(other) => {
                return Err(ParseError::invalid(
                    "primary",
                    Position::Line(line),
                    format!("unknown SDN_Type {other:?}"),
                ))
            }
        };
        if by_id.contains_key(&id) {
            return Err(ParseError::invalid(
                "primary",
                Position::Line(line),
                format!("duplicate ent_num {id}"),
            ));
        }
        let mut e = ListEntry::new(id.clone(), source, schema, name);
        if let Some(p) = f.get(3).and_then(|p| null(p)) {
            e.programs = p
                .split("] [")
                .map(|t| t.trim_matches(['[', ']', ' ']).to_string())
                .filter(|t| !t.is_empty())
                .collect();
        }
        if let Some(flag) = f.get(9).and_then(|v| null(v)) {
            e.push_country(flag);
        }
        by_id.insert(id, entries.len());
        raw_remarks.push(f.get(11).and_then(|r| null(r)).unwrap_or("").to_string());
        entries.push(e);
        Ok(())
    })?;

    if let Some(r) = input.comments {
        for_each_record(r, "comments", 2, |line, f| {
            let id = parse_id(&f[0], "comments", line)?;
            let Some(&idx) = by_id.get(&id) else {
                orphans += 1;
                return Ok(());
            };
            if let Some(c) = null(&f[1]) {
                raw_remarks[idx].push_str(c);
            }
            Ok(())
        })?;
    }

    if let Some(r) = input.alt {
        for_each_record(r, "alt", 4, |line, f| {
            let id = parse_id(&f[0], "alt", line)?;
            let Some(&idx) = by_id.get(&id) else {
                orphans += 1;
                return Ok(());
            };
            let kind = match null(&f[2]).map(|s| s.to_ascii_lowercase()).as_deref() {
                Some("fka") => NameKind::Fka,
                Some("nka") => NameKind::Nka,
                _ => NameKind::Aka,
            };
            let weak = f
                .get(4)
                .and_then(|r| null(r))
                .is_some_and(|r| r.to_ascii_lowercase().contains("weak"));
            if let Some(name) = null(&f[3]) {
                entries[idx].push_name(if weak { NameKind::WeakAka } else { kind }, name);
            }
            Ok(())
        })?;
    }

    if let Some(r) = input.add {
        for_each_record(r, "add", 5, |line, f| {
            let id = parse_id(&f[0], "add", line)?;
            let Some(&idx) = by_id.get(&id) else {
                orphans += 1;
                return Ok(());
            };
            if let Some(c) = null(&f[4]) {
                entries[idx].push_country(c);
            }
            Ok(())
        })?;
    }

    for (e, remarks) in entries.iter_mut().zip(raw_remarks) {
        if !remarks.is_empty() {
            apply_remarks(e, &remarks);
            e.remarks = Some(remarks);
        }
    }
    if entries.is_empty() {
        return Err(ParseError::invalid("primary", Position::File, "no records"));
    }
    let mut list = SanctionsList::new(source, None, entries);
    list.meta.counts.orphan_rows = orphans;
    Ok(list)
}

/// `-0-` (with OFAC's trailing blank) means null.
fn null(s: &str) -> Option<&str> {
    let t = s.trim();
    (!t.is_empty() && t != "-0-").then_some(t)
}

fn parse_id(s: &str, file: &str, line: u64) -> Result<String, ParseError> {
    let t = s.trim();
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ParseError::invalid(
            file,
            Position::Line(line),
            format!("bad ent_num {t:?}"),
        ));
    }
    Ok(t.to_string())
}

/// Decodes a field: UTF-8 when valid, otherwise Latin-1 (older OFAC exports).
fn decode(b: &[u8]) -> String {
    match std::str::from_utf8(b) {
        Ok(s) => s.to_string(),
        Err(_) => b.iter().map(|&c| c as char).collect(),
    }
}

/// Streams the records of one headerless CSV file, skipping the trailing `^Z` and blank lines.
fn for_each_record<R: BufRead>(
    r: R,
    file: &str,
    min_fields: usize,
    mut f: impl FnMut(u64, &[String]) -> Result<(), ParseError>,
) -> Result<(), ParseError> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(r);
    let mut rec = csv::ByteRecord::new();
    let mut fields: Vec<String> = Vec::new();
    loop {
        let more = rdr.read_byte_record(&mut rec).map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            ParseError::malformed(file, Position::Line(line), FORMAT, e)
        })?;
        if !more {
            return Ok(());
        }
        let line = rec.position().map_or(0, |p| p.line());
        if rec.len() == 1 && rec[0].iter().all(|&b| b == 0x1a || b.is_ascii_whitespace()) {
            continue;
        }
        if rec.len() < min_fields {
            return Err(ParseError::malformed(
                file,
                Position::Line(line),
                FORMAT,
                format!("expected at least {min_fields} fields, found {}", rec.len()),
            ));
        }
        fields.clear();
        fields.extend(rec.iter().map(decode));
        f(line, &fields)?;
    }
}

/// Pulls DOB, nationality and citizenship out of OFAC's `;`-separated remarks.
fn apply_remarks(e: &mut ListEntry, remarks: &str) {
    for part in remarks.split(';') {
        let p = part.trim().trim_end_matches('.');
        let p = p.strip_prefix("alt. ").unwrap_or(p);
        if let Some(d) = p.strip_prefix("DOB ") {
            for date in parse_ofac_dob(d) {
                e.push_birth_date(date);
            }
        } else if let Some(c) = p
            .strip_prefix("nationality ")
            .or_else(|| p.strip_prefix("citizen "))
            .or_else(|| p.strip_prefix("Nationality of Registration "))
        {
            let c = c.strip_prefix("possibly ").unwrap_or(c);
            e.push_country(c);
        }
    }
}

/// `01 Jan 1960`, `1960`, `Feb 1962`, `circa 1957`, `1961 to 1963`, `01 Jan 1960 to 31 Dec 1961`.
/// Ranges become one year-precision date per year (capped), "circa" becomes a year.
pub(crate) fn parse_ofac_dob(s: &str) -> Vec<BirthDate> {
    let s = s.trim();
    if let Some(y) = s.strip_prefix("circa ") {
        return BirthDate::parse(y)
            .map(|d| vec![BirthDate::Year { year: d.year() }])
            .unwrap_or_default();
    }
    if let Some((a, b)) = s.split_once(" to ") {
        if let (Some(a), Some(b)) = (BirthDate::parse(a), BirthDate::parse(b)) {
            let (lo, hi) = (a.year().min(b.year()), a.year().max(b.year()));
            if hi - lo <= 10 {
                return (lo..=hi).map(|year| BirthDate::Year { year }).collect();
            }
        }
        return Vec::new();
    }
    BirthDate::parse(s).into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(sdn: &str, alt: &str, add: &str) -> Result<SanctionsList, ParseError> {
        parse_ofac_csv(
            ListSource::OfacSdn,
            OfacCsvInput {
                primary: sdn.as_bytes(),
                alt: Some(alt.as_bytes()),
                add: Some(add.as_bytes()),
                comments: None,
            },
        )
    }

    #[test]
    fn parses_trio_with_remarks() {
        let sdn = "2676,\"AL ZAWAHIRI, Dr. Ayman\",\"individual\",\"SDGT] [IRAN\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 19 Jun 1951; alt. DOB 1952; POB Giza, Egypt; nationality Egypt.\"\r\n306,\"BANCO NACIONAL DE CUBA\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\x1a";
        let alt = "2676,1,\"aka\",\"ZAWAHIRI, Ayman\",-0- \r\n306,2,\"fka\",\"NATIONAL BANK OF CUBA\",\"weak\"\r\n";
        let add = "306,1,-0- ,\"Havana\",\"Cuba\",-0- \r\n";
        let l = parse(sdn, alt, add).expect("parses");
        assert_eq!(l.entries.len(), 2);
        let z = &l.entries[0];
        assert_eq!(z.schema, Schema::Person);
        assert_eq!(z.programs, vec!["SDGT", "IRAN"]);
        assert_eq!(
            z.birth_dates,
            vec![
                BirthDate::Exact {
                    year: 1951,
                    month: 6,
                    day: 19
                },
                BirthDate::Year { year: 1952 }
            ]
        );
        assert_eq!(z.countries, vec!["Egypt"]);
        assert_eq!(z.names[1].kind, NameKind::Aka);
        let b = &l.entries[1];
        assert_eq!(b.schema, Schema::Organization);
        assert_eq!(b.names[1].kind, NameKind::WeakAka);
        assert_eq!(b.countries, vec!["Cuba"]);
        assert_eq!(l.meta.counts.aliases, 2);
    }

    #[test]
    fn counts_orphan_alias_rows() {
        let l = parse(
            "1,\"A\",-0- ,\"X\"\n",
            "1,1,\"aka\",\"B\",-0-\n9,2,\"aka\",\"C\",-0-\n",
            "",
        )
        .expect("parses");
        assert_eq!(l.meta.counts.orphan_rows, 1);
        assert_eq!(l.meta.counts.aliases, 1);
    }

    #[test]
    fn malformed_row_reports_file_and_line() {
        let err = parse(
            "1,\"A\",-0- ,\"X\"\n",
            "1,1,\"aka\",\"B\",-0-\nx,2,\"aka\",\"C\",-0-\n",
            "",
        )
        .expect_err("must fail");
        let msg = err.to_string();
        assert!(
            msg.contains("alt: line 2") && msg.contains("bad ent_num"),
            "{msg}"
        );
    }

    #[test]
    fn rejects_bad_id_and_type() {
        assert!(parse("x1,\"A\",-0- ,\"X\"\n", "", "").is_err());
        assert!(parse("1,\"A\",\"robot\",\"X\"\n", "", "").is_err());
    }

    #[test]
    fn dob_ranges() {
        assert_eq!(parse_ofac_dob("1961 to 1963").len(), 3);
        assert_eq!(
            parse_ofac_dob("circa 1957"),
            vec![BirthDate::Year { year: 1957 }]
        );
        assert_eq!(parse_ofac_dob("01 Jan 1960 to 31 Dec 1961").len(), 2);
    }
}
