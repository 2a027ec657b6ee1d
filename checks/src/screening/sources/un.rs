//! UN Security Council consolidated list (XML, `CONSOLIDATED_LIST`).
//!
//! Individuals spread their name over `FIRST_NAME`..`FOURTH_NAME`; entities only use
//! `FIRST_NAME`. Dates of birth come as an exact date, a year, or a year range.

use std::collections::HashSet;
use std::io::BufRead;

use super::xml::{walk, XmlEvent};
use crate::screening::error::{ParseError, Position};
use crate::screening::model::{BirthDate, ListEntry, ListSource, NameKind, SanctionsList, Schema};

const FORMAT: &str = "UN SC XML";

#[derive(Default)]
struct Record {
    schema: Option<Schema>,
    dataid: String,
    reference: String,
    parts: [String; 4],
    original: String,
    aliases: Vec<(NameKind, String)>,
    alias_quality: String,
    alias_name: String,
    dob: Dob,
    dobs: Vec<BirthDate>,
    countries: Vec<String>,
    programs: Vec<String>,
    remarks: String,
}

#[derive(Default)]
struct Dob {
    date: String,
    year: String,
    from: String,
    to: String,
    note: String,
}

/// Parses a UN SC consolidated XML list. `file` is only used in error messages.
pub fn parse_un_xml<R: BufRead>(r: R, file: &str) -> Result<SanctionsList, ParseError> {
    let mut published = None;
    let mut entries: Vec<ListEntry> = Vec::new();
    let mut ids: HashSet<String> = HashSet::new();
    let mut rec = Record::default();
    let mut root_checked = false;

    walk(r, file, FORMAT, |ev, at| {
        match ev {
            XmlEvent::Open { path, attrs } => {
                if !root_checked {
                    root_checked = true;
                    if path[0] != "CONSOLIDATED_LIST" {
                        return Err(ParseError::malformed(
                            file,
                            at.at(&path[..1]),
                            FORMAT,
                            "root element is not CONSOLIDATED_LIST",
                        ));
                    }
                    published = attrs
                        .iter()
                        .find(|(k, _)| k == "dateGenerated")
                        .map(|(_, v)| v.clone());
                }
                if path.len() == 3 {
                    rec = Record::default();
                    rec.schema = match path[2].as_str() {
                        "INDIVIDUAL" => Some(Schema::Person),
                        "ENTITY" => Some(Schema::Organization),
                        _ => None,
                    };
                }
            }
            XmlEvent::Close { path, text } => {
                let Some(schema) = rec.schema else {
                    return Ok(());
                };
                match path.len() {
                    3 => {
                        let entry = finish(std::mem::take(&mut rec), schema)
                            .map_err(|reason| ParseError::invalid(file, at.at(path), reason))?;
                        if !ids.insert(entry.id.clone()) {
                            return Err(ParseError::invalid(
                                file,
                                at.at(path),
                                format!("duplicate id {}", entry.id),
                            ));
                        }
                        entries.push(entry);
                    }
                    4 => match path[3].as_str() {
                        "DATAID" => rec.dataid = text.to_string(),
                        "REFERENCE_NUMBER" => rec.reference = text.to_string(),
                        "FIRST_NAME" => rec.parts[0] = text.to_string(),
                        "SECOND_NAME" => rec.parts[1] = text.to_string(),
                        "THIRD_NAME" => rec.parts[2] = text.to_string(),
                        "FOURTH_NAME" => rec.parts[3] = text.to_string(),
                        "NAME_ORIGINAL_SCRIPT" => rec.original = text.to_string(),
                        "UN_LIST_TYPE" => rec.programs.push(text.to_string()),
                        "COMMENTS1" => rec.remarks = text.to_string(),
                        "INDIVIDUAL_ALIAS" | "ENTITY_ALIAS" => {
                            let kind = match rec.alias_quality.to_ascii_lowercase().as_str() {
                                "low" => NameKind::WeakAka,
                                "f.k.a." | "fka" => NameKind::Fka,
                                _ => NameKind::Aka,
                            };
                            let name = std::mem::take(&mut rec.alias_name);
                            if !name.is_empty() {
                                rec.aliases.push((kind, name));
                            }
                            rec.alias_quality.clear();
                        }
                        "INDIVIDUAL_DATE_OF_BIRTH" => {
                            let d = std::mem::take(&mut rec.dob);
                            rec.dobs.extend(un_dob(&d));
                        }
                        _ => {}
                    },
                    5 => match (path[3].as_str(), path[4].as_str()) {
                        ("INDIVIDUAL_ALIAS" | "ENTITY_ALIAS", "QUALITY") => {
                            rec.alias_quality = text.to_string()
                        }
                        ("INDIVIDUAL_ALIAS" | "ENTITY_ALIAS", "ALIAS_NAME") => {
                            rec.alias_name = text.to_string()
                        }
                        ("INDIVIDUAL_DATE_OF_BIRTH", "DATE") => rec.dob.date = text.to_string(),
                        ("INDIVIDUAL_DATE_OF_BIRTH", "YEAR") => rec.dob.year = text.to_string(),
                        ("INDIVIDUAL_DATE_OF_BIRTH", "FROM_YEAR") => {
                            rec.dob.from = text.to_string()
                        }
                        ("INDIVIDUAL_DATE_OF_BIRTH", "TO_YEAR") => rec.dob.to = text.to_string(),
                        ("INDIVIDUAL_DATE_OF_BIRTH", "NOTE") => rec.dob.note = text.to_string(),
                        ("NATIONALITY", "VALUE")
                        | ("INDIVIDUAL_ADDRESS" | "ENTITY_ADDRESS", "COUNTRY")
                            if !text.is_empty() =>
                        {
                            rec.countries.push(text.to_string());
                        }
                        _ => {}
                    },
                    _ => {}
                }
            }
        }
        Ok(())
    })?;
    if entries.is_empty() {
        return Err(ParseError::invalid(
            file,
            Position::File,
            "no INDIVIDUAL or ENTITY records",
        ));
    }
    Ok(SanctionsList::new(ListSource::UnSc, published, entries))
}

fn un_dob(d: &Dob) -> Vec<BirthDate> {
    if let Some(x) = BirthDate::parse(&d.date) {
        return vec![x];
    }
    if let Ok(y) = d.year.trim().parse::<u16>() {
        return vec![BirthDate::Year { year: y }];
    }
    match (d.from.trim().parse::<u16>(), d.to.trim().parse::<u16>()) {
        (Ok(a), Ok(b)) if a <= b && b - a <= 10 => {
            (a..=b).map(|year| BirthDate::Year { year }).collect()
        }
        (Ok(a), _) => vec![BirthDate::Year { year: a }],
        // Some records only say it in the note ("Nov. 1973").
        _ => BirthDate::parse(&d.note).into_iter().collect(),
    }
}

fn finish(rec: Record, schema: Schema) -> Result<ListEntry, String> {
    let id = if !rec.reference.is_empty() {
        rec.reference
    } else {
        rec.dataid
    };
    if id.is_empty() {
        return Err("record without REFERENCE_NUMBER or DATAID".into());
    }
    let name = rec
        .parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if name.is_empty() {
        return Err(format!("record {id} has no FIRST_NAME"));
    }
    let mut e = ListEntry::new(id, ListSource::UnSc, schema, name);
    for (kind, a) in &rec.aliases {
        e.push_name(*kind, a);
    }
    if !rec.original.is_empty() {
        e.push_name(NameKind::OriginalScript, &rec.original);
    }
    for d in rec.dobs {
        e.push_birth_date(d);
    }
    for c in &rec.countries {
        e.push_country(c);
    }
    e.programs = rec.programs;
    e.remarks = (!rec.remarks.is_empty()).then_some(rec.remarks);
    Ok(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"<?xml version="1.0"?>
<CONSOLIDATED_LIST dateGenerated="2026-02-27T00:00:09.554Z"><INDIVIDUALS><INDIVIDUAL>
<DATAID>1</DATAID><FIRST_NAME>ERIC</FIRST_NAME><SECOND_NAME>BADEGE</SECOND_NAME>
<UN_LIST_TYPE>DRC</UN_LIST_TYPE><REFERENCE_NUMBER>CDi.001</REFERENCE_NUMBER>
<NAME_ORIGINAL_SCRIPT>Эрик Бадеге</NAME_ORIGINAL_SCRIPT>
<NATIONALITY><VALUE>Rwanda</VALUE></NATIONALITY>
<INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>E. B&amp;G</ALIAS_NAME></INDIVIDUAL_ALIAS>
<INDIVIDUAL_ALIAS><QUALITY/><ALIAS_NAME/></INDIVIDUAL_ALIAS>
<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><YEAR>1971</YEAR></INDIVIDUAL_DATE_OF_BIRTH>
<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1972</FROM_YEAR><TO_YEAR>1973</TO_YEAR></INDIVIDUAL_DATE_OF_BIRTH>
</INDIVIDUAL></INDIVIDUALS><ENTITIES><ENTITY><DATAID>2</DATAID><FIRST_NAME>ACME</FIRST_NAME>
<REFERENCE_NUMBER>QDe.001</REFERENCE_NUMBER></ENTITY></ENTITIES></CONSOLIDATED_LIST>"#;

    #[test]
    fn parses_sample() {
        let l = parse_un_xml(SAMPLE.as_bytes(), "un.xml").expect("parses");
        assert_eq!(
            l.meta.published.as_deref(),
            Some("2026-02-27T00:00:09.554Z")
        );
        assert_eq!(l.entries.len(), 2);
        let e = &l.entries[0];
        assert_eq!(e.id, "CDi.001");
        assert_eq!(e.primary_name(), "ERIC BADEGE");
        assert_eq!(e.names[1].value, "E. B&G");
        assert_eq!(e.names[1].kind, NameKind::WeakAka);
        assert_eq!(e.names[2].kind, NameKind::OriginalScript);
        assert_eq!(e.birth_dates.len(), 3);
        assert_eq!(l.entries[1].schema, Schema::Organization);
    }

    #[test]
    fn truncated_xml_is_an_error_with_element() {
        let cut = &SAMPLE[..SAMPLE.len() / 2];
        let err = parse_un_xml(cut.as_bytes(), "un.xml").expect_err("must fail");
        assert!(
            err.to_string().contains("CONSOLIDATED_LIST/INDIVIDUALS"),
            "{err}"
        );
    }

    #[test]
    fn wrong_root_is_rejected() {
        assert!(parse_un_xml("<x/>".as_bytes(), "un.xml").is_err());
    }
}
