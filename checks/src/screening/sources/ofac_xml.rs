//! OFAC "classic" XML: `SDN.XML`, and the consolidated non-SDN list published in the same
//! layout (`sdnList/sdnEntry`).
//!
//! The legacy CSV files are an export of the same records, so an entry is mapped exactly as
//! [`super::ofac::parse_ofac_csv`] maps it: names as `"LAST, First"`, weak aliases as
//! [`NameKind::WeakAka`], birth-date strings through the same parser, countries in the order
//! vessel flag → addresses → nationalities → citizenships → nationality of registration. The
//! XML carries DOB, POB, nationality and identifiers as elements where the CSV only has a
//! free-text remark; the remarks are rendered back in the CSV's `DOB …; POB …; nationality …;
//! Passport … (Country)` layout so a reviewer sees the same facts whichever file was imported.
//!
//! `SDN_ADVANCED.XML` / `SDN_ENHANCED.XML` are a different schema (reference-value tables,
//! profiles, features); they are detected as [`super::Format::OfacAdvancedXml`] and refused
//! with a message naming the supported files.

use std::collections::HashSet;
use std::io::BufRead;

use super::ofac::parse_ofac_dob;
use super::xml::{walk, XmlEvent, XmlPos};
use crate::screening::error::{ParseError, Position};
use crate::screening::model::{ListEntry, ListSource, NameKind, SanctionsList, Schema};

const FORMAT: &str = "OFAC XML";

/// What to say when a file in the advanced/enhanced schema reaches an importer.
pub(crate) const ADVANCED_UNSUPPORTED: &str = "OFAC SDN_ADVANCED.XML / SDN_ENHANCED.XML is not \
     supported; import SDN.XML (classic XML, --format ofac-xml) or the CSV files sdn.csv, \
     alt.csv, add.csv and sdn_comments.csv (--format ofac-sdn-csv) of the same publication";

/// One `aka` element.
#[derive(Default)]
struct Aka {
    kind: String,
    category: String,
    first: String,
    last: String,
}

/// One `id` element of `idList`.
#[derive(Default)]
struct IdItem {
    kind: String,
    number: String,
    country: String,
}

/// The raw fields of one `sdnEntry`, collected while its children stream by.
#[derive(Default)]
struct RawEntry {
    uid: String,
    first: String,
    last: String,
    sdn_type: String,
    programs: Vec<String>,
    akas: Vec<Aka>,
    aka: Aka,
    address_countries: Vec<String>,
    dobs: Vec<String>,
    pobs: Vec<String>,
    nationalities: Vec<String>,
    citizenships: Vec<String>,
    ids: Vec<IdItem>,
    id: IdItem,
    vessel_flag: String,
    remarks: String,
}

/// Parses an OFAC classic XML list. `source` is [`ListSource::OfacSdn`] for `SDN.XML` or
/// [`ListSource::OfacConsolidated`] for the consolidated list: the content does not say which,
/// so the caller decides (by file name, as for the CSV files). `Publish_Date` becomes
/// `published`, as written (OFAC uses `MM/DD/YYYY`).
pub fn parse_ofac_xml<R: BufRead>(
    source: ListSource,
    r: R,
    file: &str,
) -> Result<SanctionsList, ParseError> {
    let mut published: Option<String> = None;
    let mut entries: Vec<ListEntry> = Vec::new();
    let mut ids: HashSet<String> = HashSet::new();
    let mut raw = RawEntry::default();
    // Where the current `sdnEntry` starts: record errors point there, not at its end.
    let mut entry_at: Option<XmlPos> = None;
    let mut root_checked = false;

    walk(r, file, FORMAT, |ev, at| {
        match ev {
            XmlEvent::Open { path, .. } => {
                if !root_checked {
                    root_checked = true;
                    check_root(&path[0], file, at)?;
                }
                if path.len() == 2 && path[1] == "sdnEntry" {
                    raw = RawEntry::default();
                    entry_at = Some(at);
                }
            }
            XmlEvent::Close { path, text } => match path.get(1).map(String::as_str) {
                Some("sdnEntry") => {
                    if path.len() == 2 {
                        let start = entry_at.take().unwrap_or(at).at(path);
                        let entry = finish(std::mem::take(&mut raw), source)
                            .map_err(|reason| ParseError::invalid(file, start.clone(), reason))?;
                        if !ids.insert(entry.id.clone()) {
                            return Err(ParseError::invalid(
                                file,
                                start,
                                format!("duplicate uid {}", entry.id),
                            ));
                        }
                        entries.push(entry);
                    } else {
                        entry_field(&mut raw, &path[2..], text);
                    }
                }
                Some("publshInformation") if path.len() == 3 && path[2] == "Publish_Date" => {
                    published = (!text.is_empty()).then(|| text.to_string());
                }
                _ => {}
            },
        }
        Ok(())
    })?;
    if entries.is_empty() {
        return Err(ParseError::invalid(
            file,
            Position::File,
            "no sdnEntry records",
        ));
    }
    Ok(SanctionsList::new(source, published, entries))
}

/// The root must be `sdnList`; the advanced schema gets its own message because it is the
/// file operators most often download by mistake.
fn check_root(root: &str, file: &str, at: XmlPos) -> Result<(), ParseError> {
    match root {
        "sdnList" => Ok(()),
        "Sanctions" | "sanctionsData" => Err(ParseError::UnknownFormat {
            file: file.to_string(),
            reason: ADVANCED_UNSUPPORTED.to_string(),
        }),
        other => Err(ParseError::malformed(
            file,
            at.at(&[other.to_string()]),
            FORMAT,
            format!("root element is {other}, not sdnList"),
        )),
    }
}

/// Stores one closed element below `sdnEntry` (`rel` is its path relative to the entry).
fn entry_field(raw: &mut RawEntry, rel: &[String], text: &str) {
    let rel: Vec<&str> = rel.iter().map(String::as_str).collect();
    let text = text.to_string();
    match rel.as_slice() {
        ["uid"] => raw.uid = text,
        ["firstName"] => raw.first = text,
        ["lastName"] => raw.last = text,
        ["sdnType"] => raw.sdn_type = text,
        ["remarks"] => raw.remarks = text,
        ["programList", "program"] => push_nonempty(&mut raw.programs, text),
        ["vesselInfo", "vesselFlag"] => raw.vessel_flag = text,
        ["akaList", "aka", "type"] => raw.aka.kind = text,
        ["akaList", "aka", "category"] => raw.aka.category = text,
        ["akaList", "aka", "firstName"] => raw.aka.first = text,
        ["akaList", "aka", "lastName"] => raw.aka.last = text,
        ["akaList", "aka"] => raw.akas.push(std::mem::take(&mut raw.aka)),
        ["addressList", "address", "country"] => push_nonempty(&mut raw.address_countries, text),
        ["dateOfBirthList", "dateOfBirthItem", "dateOfBirth"] => push_nonempty(&mut raw.dobs, text),
        ["placeOfBirthList", "placeOfBirthItem", "placeOfBirth"] => {
            push_nonempty(&mut raw.pobs, text)
        }
        ["nationalityList", "nationality", "country"] => {
            push_nonempty(&mut raw.nationalities, text)
        }
        ["citizenshipList", "citizenship", "country"] => push_nonempty(&mut raw.citizenships, text),
        ["idList", "id", "idType"] => raw.id.kind = text,
        ["idList", "id", "idNumber"] => raw.id.number = text,
        ["idList", "id", "idCountry"] => raw.id.country = text,
        ["idList", "id"] => {
            let id = std::mem::take(&mut raw.id);
            if !id.kind.is_empty() {
                raw.ids.push(id);
            }
        }
        _ => {}
    }
}

fn push_nonempty(v: &mut Vec<String>, s: String) {
    if !s.is_empty() {
        v.push(s);
    }
}

/// `"LAST, First"` as in the CSV's `SDN_Name` / `alt_name`; entities only have a last name.
fn full_name(last: &str, first: &str) -> String {
    match (last.trim(), first.trim()) {
        (l, "") => l.to_string(),
        ("", f) => f.to_string(),
        (l, f) => format!("{l}, {f}"),
    }
}

fn schema(sdn_type: &str) -> Option<Schema> {
    match sdn_type.trim().to_ascii_lowercase().as_str() {
        "individual" => Some(Schema::Person),
        "entity" => Some(Schema::Organization),
        "vessel" => Some(Schema::Vessel),
        "aircraft" => Some(Schema::Aircraft),
        _ => None,
    }
}

fn finish(raw: RawEntry, source: ListSource) -> Result<ListEntry, String> {
    let uid = raw.uid.trim();
    if uid.is_empty() {
        return Err("sdnEntry without uid".into());
    }
    if !uid.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("sdnEntry uid {uid:?} is not a number"));
    }
    if raw.last.trim().is_empty() {
        return Err(format!("sdnEntry uid {uid} has no lastName"));
    }
    let schema = match raw.sdn_type.trim() {
        "" => return Err(format!("sdnEntry uid {uid} has no sdnType")),
        t => schema(t).ok_or_else(|| format!("sdnEntry uid {uid}: unknown sdnType {t:?}"))?,
    };
    let mut e = ListEntry::new(uid, source, schema, full_name(&raw.last, &raw.first));
    e.programs = raw.programs.clone();
    for aka in &raw.akas {
        let kind = if aka.category.trim().eq_ignore_ascii_case("weak") {
            NameKind::WeakAka
        } else {
            match aka.kind.trim().to_ascii_lowercase().as_str() {
                "f.k.a." | "fka" => NameKind::Fka,
                "n.k.a." | "nka" => NameKind::Nka,
                _ => NameKind::Aka,
            }
        };
        e.push_name(kind, &full_name(&aka.last, &aka.first));
    }
    for d in &raw.dobs {
        for date in parse_ofac_dob(d) {
            e.push_birth_date(date);
        }
    }
    e.push_country(&raw.vessel_flag);
    let registration = raw
        .ids
        .iter()
        .filter(|id| id.kind.eq_ignore_ascii_case("Nationality of Registration"))
        .map(|id| {
            if id.country.is_empty() {
                id.number.as_str()
            } else {
                id.country.as_str()
            }
        });
    let countries: Vec<&str> = raw
        .address_countries
        .iter()
        .chain(&raw.nationalities)
        .chain(&raw.citizenships)
        .map(String::as_str)
        .chain(registration)
        .collect();
    for c in countries {
        e.push_country(c);
    }
    e.remarks = render_remarks(&raw);
    Ok(e)
}

/// The facts the CSV keeps in its remarks column, in that layout: `DOB 01 Jan 1960; alt. DOB
/// 1961; POB …; nationality …; citizen …; Passport A123 (Country); …; <remarks>.`
fn render_remarks(raw: &RawEntry) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for (label, values) in [
        ("DOB", &raw.dobs),
        ("POB", &raw.pobs),
        ("nationality", &raw.nationalities),
        ("citizen", &raw.citizenships),
    ] {
        for (i, v) in values.iter().enumerate() {
            let alt = if i == 0 { "" } else { "alt. " };
            parts.push(format!("{alt}{label} {v}"));
        }
    }
    let mut seen_kinds: HashSet<String> = HashSet::new();
    for id in &raw.ids {
        let alt = if seen_kinds.insert(id.kind.to_ascii_lowercase()) {
            ""
        } else {
            "alt. "
        };
        let body = match (id.number.is_empty(), id.country.is_empty()) {
            (false, false) => format!("{} {} ({})", id.kind, id.number, id.country),
            (false, true) => format!("{} {}", id.kind, id.number),
            (true, false) => format!("{} {}", id.kind, id.country),
            (true, true) => id.kind.clone(),
        };
        parts.push(format!("{alt}{body}"));
    }
    let free = raw.remarks.trim().trim_end_matches('.');
    if !free.is_empty() {
        parts.push(free.to_string());
    }
    (!parts.is_empty()).then(|| parts.join("; ") + ".")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::screening::model::BirthDate;

    const ONE: &str = r#"<?xml version="1.0" standalone="yes"?>
<sdnList xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML">
<publshInformation><Publish_Date>02/20/2026</Publish_Date><Record_Count>1</Record_Count></publshInformation>
<sdnEntry><uid>7</uid><firstName>Ana</firstName><lastName>EXAMPLE &amp; CO</lastName>
<sdnType>Individual</sdnType><programList><program>SDGT</program><program/></programList>
<akaList><aka><uid>1</uid><type>a.k.a.</type><category>weak</category><lastName>ANITA</lastName></aka></akaList>
<dateOfBirthList><dateOfBirthItem><uid>2</uid><dateOfBirth>circa 1970</dateOfBirth><mainEntry>true</mainEntry></dateOfBirthItem></dateOfBirthList>
<idList><id><uid>3</uid><idType>Gender</idType><idNumber>Female</idNumber></id></idList>
</sdnEntry></sdnList>"#;

    #[test]
    fn parses_one_entry() {
        let l = parse_ofac_xml(ListSource::OfacSdn, ONE.as_bytes(), "sdn.xml").expect("parses");
        assert_eq!(l.meta.published.as_deref(), Some("02/20/2026"));
        let e = &l.entries[0];
        assert_eq!(e.primary_name(), "EXAMPLE & CO, Ana");
        assert_eq!(e.programs, vec!["SDGT"]);
        assert_eq!(e.names[1].kind, NameKind::WeakAka);
        assert_eq!(e.birth_dates, vec![BirthDate::Year { year: 1970 }]);
        assert_eq!(e.remarks.as_deref(), Some("DOB circa 1970; Gender Female."));
    }

    #[test]
    fn record_errors_name_the_uid() {
        let bad = ONE.replace("<sdnType>Individual</sdnType>", "<sdnType>Robot</sdnType>");
        let err = parse_ofac_xml(ListSource::OfacSdn, bad.as_bytes(), "sdn.xml")
            .expect_err("unknown type");
        let msg = err.to_string();
        assert!(msg.contains("sdn.xml") && msg.contains("uid 7"), "{msg}");
        assert!(msg.contains("sdnList/sdnEntry"), "{msg}");
    }
}
