//! EU Financial Sanctions Files (FSF), consolidated list, CSV (`;`-separated, v1.1) and XML
//! (`export/sanctionEntity`, v1.1).
//!
//! The CSV is denormalised: one row per name alias / address / birth date / citizenship of an
//! entity, all carrying the same `Entity_LogicalId`; rows are grouped back into one entry.

use std::collections::HashMap;
use std::io::BufRead;

use super::table::read_table;
use super::xml::{walk, XmlEvent};
use crate::screening::error::{ParseError, Position};
use crate::screening::model::{BirthDate, ListEntry, ListSource, NameKind, SanctionsList, Schema};

const CSV_FORMAT: &str = "EU FSF CSV";
const XML_FORMAT: &str = "EU FSF XML";

fn eu_schema(code: &str) -> Schema {
    match code.trim().to_ascii_lowercase().as_str() {
        "p" | "person" => Schema::Person,
        "e" | "enterprise" => Schema::Organization,
        _ => Schema::Unknown,
    }
}

/// Groups per-row facts into entries, keeping first-seen order.
#[derive(Default)]
struct Grouper {
    entries: Vec<ListEntry>,
    by_id: HashMap<String, usize>,
}

impl Grouper {
    fn entry(&mut self, id: &str, schema: Schema, name: &str) -> &mut ListEntry {
        let idx = match self.by_id.get(id) {
            Some(&i) => i,
            None => {
                self.entries
                    .push(ListEntry::new(id, ListSource::EuFsf, schema, name));
                self.by_id.insert(id.to_string(), self.entries.len() - 1);
                self.entries.len() - 1
            }
        };
        &mut self.entries[idx]
    }
}

fn eu_birth_date(full: &str, year: &str) -> Option<BirthDate> {
    BirthDate::parse(full).or_else(|| {
        year.parse::<u16>()
            .ok()
            .map(|year| BirthDate::Year { year })
    })
}

/// Parses the EU FSF CSV export.
pub fn parse_eu_csv<R: BufRead>(r: R, file: &str) -> Result<SanctionsList, ParseError> {
    let mut g = Grouper::default();
    let mut published: Option<String> = None;
    read_table(
        r,
        file,
        CSV_FORMAT,
        b';',
        &["Entity_LogicalId", "NameAlias_WholeName"],
        |f| f.iter().any(|c| c.trim() == "Entity_LogicalId"),
        |_| {},
        |row| {
            let id = row.get("Entity_LogicalId");
            if id.is_empty() {
                return Err(ParseError::invalid(
                    file,
                    Position::Line(row.line),
                    "empty Entity_LogicalId",
                ));
            }
            if published.is_none() && !row.get("fileGenerationDate").is_empty() {
                published = Some(row.get("fileGenerationDate").to_string());
            }
            let mut code = row.get("Entity_SubjectType_ClassificationCode");
            if code.is_empty() {
                code = row.get("Entity_SubjectType");
            }
            let name = row.get("NameAlias_WholeName");
            if name.is_empty() && !g.by_id.contains_key(id) {
                // The first row of an entity must name it, otherwise we'd create a nameless entry.
                return Err(ParseError::invalid(
                    file,
                    Position::Line(row.line),
                    format!("entity {id} starts without a name"),
                ));
            }
            let e = g.entry(id, eu_schema(code), name);
            if !name.is_empty() {
                e.push_name(NameKind::Aka, name);
            }
            let program = row.get("Entity_Regulation_Programme");
            if !program.is_empty() && !e.programs.iter().any(|p| p == program) {
                e.programs.push(program.to_string());
            }
            if let Some(d) =
                eu_birth_date(row.get("BirthDate_BirthDate"), row.get("BirthDate_Year"))
            {
                e.push_birth_date(d);
            }
            for c in [
                "Citizenship_CountryDescription",
                "Address_CountryDescription",
            ] {
                let v = row.get(c);
                if !v.is_empty() && v != "UNKNOWN" {
                    e.push_country(v);
                }
            }
            let remark = row.get("Entity_Remark");
            if e.remarks.is_none() && !remark.is_empty() {
                e.remarks = Some(remark.to_string());
            }
            Ok(())
        },
    )?;
    if g.entries.is_empty() {
        return Err(ParseError::invalid(file, Position::File, "no entities"));
    }
    Ok(SanctionsList::new(ListSource::EuFsf, published, g.entries))
}

/// Parses the EU FSF XML export.
pub fn parse_eu_xml<R: BufRead>(r: R, file: &str) -> Result<SanctionsList, ParseError> {
    let mut published: Option<String> = None;
    let mut entries: Vec<ListEntry> = Vec::new();
    let mut cur: Option<ListEntry> = None;
    let mut saw_root = false;
    let attr = |attrs: &[(String, String)], k: &str| -> String {
        attrs
            .iter()
            .find(|(a, _)| a == k)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    walk(r, file, XML_FORMAT, |ev, at| {
        match ev {
            XmlEvent::Open { path, attrs } => {
                if !saw_root {
                    saw_root = true;
                    if path[0] != "export" {
                        return Err(ParseError::malformed(
                            file,
                            at.at(&path[..1]),
                            XML_FORMAT,
                            "root element is not export",
                        ));
                    }
                    let d = attr(attrs, "generationDate");
                    published = (!d.is_empty()).then_some(d);
                }
                let leaf = path.last().map(String::as_str).unwrap_or("");
                if path.len() == 2 && leaf == "sanctionEntity" {
                    let id = attr(attrs, "logicalId");
                    if id.is_empty() {
                        return Err(ParseError::invalid(
                            file,
                            at.at(path),
                            "sanctionEntity without logicalId",
                        ));
                    }
                    // The name is filled in from the first nameAlias.
                    cur = Some(ListEntry::new(id, ListSource::EuFsf, Schema::Unknown, ""));
                    if let Some(e) = cur.as_mut() {
                        e.names.clear();
                    }
                } else if path.len() == 3 {
                    let Some(e) = cur.as_mut() else { return Ok(()) };
                    match leaf {
                        "subjectType" => e.schema = eu_schema(&attr(attrs, "classificationCode")),
                        "nameAlias" => {
                            let name = attr(attrs, "wholeName");
                            if !name.is_empty() {
                                let weak = attr(attrs, "strong") == "false";
                                let kind = if e.names.is_empty() {
                                    NameKind::Primary
                                } else if weak {
                                    NameKind::WeakAka
                                } else {
                                    NameKind::Aka
                                };
                                e.push_name(kind, &name);
                            }
                        }
                        "regulation" => {
                            let p = attr(attrs, "programme");
                            if !p.is_empty() && !e.programs.contains(&p) {
                                e.programs.push(p);
                            }
                        }
                        "birthdate" => {
                            if let Some(d) =
                                eu_birth_date(&attr(attrs, "birthdate"), &attr(attrs, "year"))
                            {
                                e.push_birth_date(d);
                            }
                        }
                        "citizenship" | "address" => {
                            let c = attr(attrs, "countryDescription");
                            if !c.is_empty() && c != "UNKNOWN" {
                                e.push_country(&c);
                            }
                        }
                        _ => {}
                    }
                }
            }
            XmlEvent::Close { path, text } => {
                if path.len() == 3 && path[2] == "remark" {
                    if let Some(e) = cur.as_mut() {
                        if e.remarks.is_none() && !text.is_empty() {
                            e.remarks = Some(text.to_string());
                        }
                    }
                }
                if path.len() == 2 && path[1] == "sanctionEntity" {
                    if let Some(e) = cur.take() {
                        if e.names.is_empty() {
                            return Err(ParseError::invalid(
                                file,
                                at.at(path),
                                format!("sanctionEntity {} has no nameAlias", e.id),
                            ));
                        }
                        entries.push(e);
                    }
                }
            }
        }
        Ok(())
    })?;
    if entries.is_empty() {
        return Err(ParseError::invalid(
            file,
            Position::File,
            "no sanctionEntity",
        ));
    }
    Ok(SanctionsList::new(ListSource::EuFsf, published, entries))
}
