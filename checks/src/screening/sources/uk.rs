//! UK OFSI (HM Treasury) consolidated list, `ConList.csv`.
//!
//! A preamble line `Last Updated,DD/MM/YYYY` precedes the header. One row per name of a party;
//! rows share a `Group ID`. `Name 6` is the surname, `Name 1`..`Name 5` the other names.
//! Unknown date parts are written as `00` (`00/00/1960`).

use std::collections::HashMap;
use std::io::BufRead;

use super::table::read_table;
use crate::screening::error::{ParseError, Position};
use crate::screening::model::{BirthDate, ListEntry, ListSource, NameKind, SanctionsList, Schema};

const FORMAT: &str = "UK OFSI CSV";

/// `dd/mm/yyyy` with `00` for unknown parts.
fn uk_dob(s: &str) -> Option<BirthDate> {
    let p: Vec<&str> = s.trim().split('/').collect();
    let [d, m, y] = p.as_slice() else {
        return BirthDate::parse(s);
    };
    let year: u16 = y.parse().ok()?;
    match (d.parse::<u8>().unwrap_or(0), m.parse::<u8>().unwrap_or(0)) {
        (0, 0) => Some(BirthDate::Year { year }),
        (0, month) => Some(BirthDate::Month { year, month }),
        (day, month) => BirthDate::exact(year, month, day),
    }
}

/// Parses the UK OFSI consolidated list CSV.
pub fn parse_uk_csv<R: BufRead>(r: R, file: &str) -> Result<SanctionsList, ParseError> {
    let mut entries: Vec<ListEntry> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut published: Option<String> = None;
    read_table(
        r,
        file,
        FORMAT,
        b',',
        &["Name 6", "Group ID", "Group Type"],
        |f| f.iter().any(|c| c.trim() == "Group ID"),
        |pre| {
            if pre
                .first()
                .is_some_and(|c| c.trim().eq_ignore_ascii_case("Last Updated"))
            {
                published = pre.get(1).map(|s| s.trim().to_string());
            }
        },
        |row| {
            let id = row.get("Group ID");
            if id.is_empty() {
                return Err(ParseError::invalid(
                    file,
                    Position::Line(row.line),
                    "empty Group ID",
                ));
            }
            let given: Vec<&str> = ["Name 1", "Name 2", "Name 3", "Name 4", "Name 5"]
                .iter()
                .map(|c| row.get(c))
                .filter(|s| !s.is_empty())
                .collect();
            let surname = row.get("Name 6");
            let mut name = given.join(" ");
            if !surname.is_empty() {
                if !name.is_empty() {
                    name.push(' ');
                }
                name.push_str(surname);
            }
            if name.is_empty() {
                return Err(ParseError::invalid(
                    file,
                    Position::Line(row.line),
                    format!("group {id}: row without a name"),
                ));
            }
            let schema = match row.get("Group Type").to_ascii_lowercase().as_str() {
                "individual" => Schema::Person,
                "entity" => Schema::Organization,
                "ship" => Schema::Vessel,
                _ => Schema::Unknown,
            };
            let alias_type = row.get("Alias Type").to_ascii_lowercase();
            let is_primary = alias_type == "primary name";
            let idx = match by_id.get(id) {
                Some(&i) => i,
                None => {
                    entries.push(ListEntry::new(id, ListSource::UkOfsi, schema, name.clone()));
                    by_id.insert(id.to_string(), entries.len() - 1);
                    entries.len() - 1
                }
            };
            let e = &mut entries[idx];
            if is_primary && e.names[0].value != name {
                // The primary row came after an alias row: promote it.
                let old = std::mem::replace(&mut e.names[0].value, name.clone());
                e.push_name(NameKind::Aka, &old);
            }
            let kind = if row.get("Alias Quality").eq_ignore_ascii_case("low") {
                NameKind::WeakAka
            } else {
                NameKind::Aka
            };
            e.push_name(kind, &name);
            let non_latin = row.get("Name Non-Latin Script");
            if !non_latin.is_empty() {
                e.push_name(NameKind::OriginalScript, non_latin);
            }
            if let Some(d) = uk_dob(row.get("DOB")) {
                e.push_birth_date(d);
            }
            for c in ["Nationality", "Country"] {
                for v in row
                    .get(c)
                    .split(['(', ')', ','])
                    .map(str::trim)
                    .filter(|s| s.len() > 2)
                {
                    e.push_country(v);
                }
            }
            let regime = row.get("Regime");
            if !regime.is_empty() && !e.programs.iter().any(|p| p == regime) {
                e.programs.push(regime.to_string());
            }
            let other = row.get("Other Information");
            if e.remarks.is_none() && !other.is_empty() {
                e.remarks = Some(other.to_string());
            }
            Ok(())
        },
    )?;
    if entries.is_empty() {
        return Err(ParseError::invalid(file, Position::File, "no rows"));
    }
    Ok(SanctionsList::new(ListSource::UkOfsi, published, entries))
}
