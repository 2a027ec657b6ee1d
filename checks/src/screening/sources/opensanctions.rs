//! OpenSanctions: FollowTheMoney entities as JSON lines, and the flat `targets.simple.csv`.
//!
//! Both cover sanctions and PEP datasets; an entity is a PEP when its `topics` include
//! `role.pep` (or another `role.*` political topic), a sanctions target when they include
//! `sanction`. FtM relationship schemata (Ownership, Sanction, Address, ...) carry no party and
//! are skipped.

use std::collections::HashSet;
use std::io::BufRead;

use serde::Deserialize;

use super::table::read_table;
use crate::screening::error::{ParseError, Position};
use crate::screening::model::{
    BirthDate, ListEntry, ListSource, NameKind, SanctionsList, Schema, Topic,
};

const FTM_FORMAT: &str = "OpenSanctions FtM JSON";
const CSV_FORMAT: &str = "OpenSanctions targets.simple.csv";

/// Maps FtM schema names onto ours; `None` for schemata that are not parties.
fn ftm_schema(s: &str) -> Option<Schema> {
    match s {
        "Person" => Some(Schema::Person),
        "Organization" | "Company" | "PublicBody" => Some(Schema::Organization),
        "LegalEntity" => Some(Schema::Unknown),
        "Vessel" => Some(Schema::Vessel),
        "Airplane" => Some(Schema::Aircraft),
        _ => None,
    }
}

fn topic_of<'a>(topics: impl IntoIterator<Item = &'a str>) -> Topic {
    let mut t = Topic::Other;
    for x in topics {
        match x.trim() {
            "sanction" | "sanction.linked" | "sanction.counter" => return Topic::Sanction,
            "role.pep" | "role.rca" | "gov.head" | "gov.national" | "role.pol" => t = Topic::Pep,
            _ => {}
        }
    }
    t
}

#[derive(Deserialize)]
struct FtmEntity {
    id: String,
    schema: String,
    #[serde(default)]
    properties: FtmProps,
    #[serde(default)]
    datasets: Vec<String>,
    #[serde(default)]
    target: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct FtmProps {
    #[serde(default)]
    name: Vec<String>,
    #[serde(default)]
    alias: Vec<String>,
    #[serde(default)]
    weak_alias: Vec<String>,
    #[serde(default)]
    previous_name: Vec<String>,
    #[serde(default)]
    birth_date: Vec<String>,
    #[serde(default)]
    nationality: Vec<String>,
    #[serde(default)]
    citizenship: Vec<String>,
    #[serde(default)]
    country: Vec<String>,
    #[serde(default)]
    jurisdiction: Vec<String>,
    #[serde(default)]
    topics: Vec<String>,
    #[serde(default)]
    program: Vec<String>,
    #[serde(default)]
    notes: Vec<String>,
}

/// Parses FollowTheMoney entities, one JSON object per line.
pub fn parse_ftm_json<R: BufRead>(r: R, file: &str) -> Result<SanctionsList, ParseError> {
    let mut entries = Vec::new();
    let mut ids = HashSet::new();
    for (i, line) in r.lines().enumerate() {
        let lineno = i as u64 + 1;
        let line =
            line.map_err(|e| ParseError::malformed(file, Position::Line(lineno), FTM_FORMAT, e))?;
        if line.trim().is_empty() {
            continue;
        }
        let ent: FtmEntity = serde_json::from_str(&line)
            .map_err(|e| ParseError::malformed(file, Position::Line(lineno), FTM_FORMAT, e))?;
        let Some(schema) = ftm_schema(&ent.schema) else {
            continue;
        };
        if ent.target == Some(false) {
            continue;
        }
        let p = ent.properties;
        let Some(primary) = p.name.first() else {
            return Err(ParseError::invalid(
                file,
                Position::Line(lineno),
                format!("entity {} has no name", ent.id),
            ));
        };
        if !ids.insert(ent.id.clone()) {
            return Err(ParseError::invalid(
                file,
                Position::Line(lineno),
                format!("duplicate id {}", ent.id),
            ));
        }
        let mut e = ListEntry::new(ent.id, ListSource::OpenSanctions, schema, primary.as_str());
        for n in p.name.iter().skip(1).chain(&p.alias) {
            e.push_name(NameKind::Aka, n);
        }
        for n in &p.weak_alias {
            e.push_name(NameKind::WeakAka, n);
        }
        for n in &p.previous_name {
            e.push_name(NameKind::Fka, n);
        }
        for d in &p.birth_date {
            if let Some(d) = BirthDate::parse(d) {
                e.push_birth_date(d);
            }
        }
        for c in p
            .nationality
            .iter()
            .chain(&p.citizenship)
            .chain(&p.country)
            .chain(&p.jurisdiction)
        {
            e.push_country(c);
        }
        e.topic = topic_of(p.topics.iter().map(String::as_str));
        e.programs = if p.program.is_empty() {
            ent.datasets
        } else {
            p.program
        };
        e.remarks = p.notes.into_iter().next();
        entries.push(e);
    }
    if entries.is_empty() {
        return Err(ParseError::invalid(
            file,
            Position::File,
            "no party entities",
        ));
    }
    Ok(SanctionsList::new(ListSource::OpenSanctions, None, entries))
}

/// Parses `targets.simple.csv` (multi-valued cells are `;`-separated).
pub fn parse_simple_csv<R: BufRead>(r: R, file: &str) -> Result<SanctionsList, ParseError> {
    let mut entries = Vec::new();
    let mut ids = HashSet::new();
    read_table(
        r,
        file,
        CSV_FORMAT,
        b',',
        &["id", "schema", "name"],
        |_| true,
        |_| {},
        |row| {
            let id = row.get("id");
            let name = row.get("name");
            if id.is_empty() || name.is_empty() {
                return Err(ParseError::invalid(
                    file,
                    Position::Line(row.line),
                    "empty id or name",
                ));
            }
            let Some(schema) = ftm_schema(row.get("schema")) else {
                return Ok(());
            };
            if !ids.insert(id.to_string()) {
                return Err(ParseError::invalid(
                    file,
                    Position::Line(row.line),
                    format!("duplicate id {id}"),
                ));
            }
            let mut e = ListEntry::new(id, ListSource::OpenSanctions, schema, name);
            let multi = |s: &str| {
                s.split(';')
                    .map(str::trim)
                    .filter(|x| !x.is_empty())
                    .map(String::from)
                    .collect::<Vec<_>>()
            };
            for a in multi(row.get("aliases")) {
                e.push_name(NameKind::Aka, &a);
            }
            for d in multi(row.get("birth_date")) {
                if let Some(d) = BirthDate::parse(&d) {
                    e.push_birth_date(d);
                }
            }
            for c in multi(row.get("countries")) {
                e.push_country(&c);
            }
            let topics = multi(row.get("topics"));
            e.topic = if topics.is_empty() {
                // Older exports have no topics column; a row with sanctions text is a sanction.
                if row.get("sanctions").is_empty() {
                    Topic::Other
                } else {
                    Topic::Sanction
                }
            } else {
                topic_of(topics.iter().map(String::as_str))
            };
            let mut programs = multi(row.get("program_ids"));
            if programs.is_empty() {
                programs = multi(row.get("dataset"));
            }
            e.programs = programs;
            let sanctions = row.get("sanctions");
            e.remarks = (!sanctions.is_empty()).then(|| sanctions.to_string());
            entries.push(e);
            Ok(())
        },
    )?;
    if entries.is_empty() {
        return Err(ParseError::invalid(file, Position::File, "no party rows"));
    }
    Ok(SanctionsList::new(ListSource::OpenSanctions, None, entries))
}
