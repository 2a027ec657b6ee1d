//! The list data model shared by every importer, the index and the scorer.
//!
//! Every official format is mapped onto this one shape so that matching never needs to know where
//! an entry came from; source-specific details that matter for a reviewer (programs, remarks) are
//! kept as plain text.

use serde::{Deserialize, Serialize};

/// Which published list an entry was imported from.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ListSource {
    /// OFAC Specially Designated Nationals list (US Treasury).
    OfacSdn,
    /// OFAC consolidated non-SDN lists (SSI, NS-MBS, CMIC, ...).
    OfacConsolidated,
    /// UN Security Council consolidated list.
    UnSc,
    /// EU Financial Sanctions Files consolidated list.
    EuFsf,
    /// UK HM Treasury / OFSI consolidated list.
    UkOfsi,
    /// OpenSanctions datasets (sanctions and PEPs).
    OpenSanctions,
}

impl ListSource {
    /// Stable short name, used in reason codes and storage keys.
    pub fn as_str(self) -> &'static str {
        match self {
            ListSource::OfacSdn => "ofac_sdn",
            ListSource::OfacConsolidated => "ofac_cons",
            ListSource::UnSc => "un_sc",
            ListSource::EuFsf => "eu_fsf",
            ListSource::UkOfsi => "uk_ofsi",
            ListSource::OpenSanctions => "opensanctions",
        }
    }
}

/// What kind of party an entry (or a query subject) is.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", schema(as = EntitySchema))]
pub enum Schema {
    Person,
    Organization,
    Vessel,
    Aircraft,
    /// The list does not say; never penalised in scoring.
    #[default]
    Unknown,
}

impl Schema {
    /// Parses the loose spellings used by the lists and by API callers.
    pub fn parse_loose(s: &str) -> Schema {
        match s.trim().to_ascii_lowercase().as_str() {
            "person" | "individual" | "natural person" | "p" | "i" => Schema::Person,
            "organization" | "organisation" | "entity" | "company" | "legalentity"
            | "legal entity" | "e" | "o" => Schema::Organization,
            "vessel" | "ship" | "v" => Schema::Vessel,
            "aircraft" | "airplane" | "a" => Schema::Aircraft,
            _ => Schema::Unknown,
        }
    }
}

/// Why an entry is on a list: sanctions or politically exposed person.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    #[default]
    Sanction,
    Pep,
    /// Other risk data (crime, debarment, ...), reported but not a sanctions/PEP match.
    Other,
}

/// How an alias relates to the entry.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NameKind {
    /// The name the list files the entry under.
    Primary,
    /// Also known as (strong alias).
    Aka,
    /// Low quality / weak alias: matches on it are less reliable.
    WeakAka,
    /// Formerly known as.
    Fka,
    /// Now known as.
    Nka,
    /// The name in its original script (Arabic, Cyrillic, Hangul, ...).
    OriginalScript,
}

/// One name of an entry, as published.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListName {
    pub kind: NameKind,
    pub value: String,
}

/// A calendar date whose precision is known: lists often only publish a year.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "precision", rename_all = "snake_case")]
pub enum BirthDate {
    /// A full day.
    Exact { year: u16, month: u8, day: u8 },
    /// Year and month only.
    Month { year: u16, month: u8 },
    /// Year only (also used for "circa" and "between" ranges, one per year).
    Year { year: u16 },
}

impl BirthDate {
    pub fn year(&self) -> u16 {
        match *self {
            BirthDate::Exact { year, .. }
            | BirthDate::Month { year, .. }
            | BirthDate::Year { year } => year,
        }
    }

    /// Builds a checked exact date; returns `None` for impossible months/days so that a bad
    /// date in a list never produces a bogus "exact match".
    pub fn exact(year: u16, month: u8, day: u8) -> Option<BirthDate> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(BirthDate::Exact { year, month, day })
    }

    /// Parses `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `DD/MM/YYYY`, `DD.MM.YYYY` and OFAC's
    /// `DD Mon YYYY` / `Mon YYYY`.
    pub fn parse(s: &str) -> Option<BirthDate> {
        let s = s.trim();
        let year_ok = |y: u32| (1800..=2100).contains(&y);
        if s.len() == 4 {
            let y: u32 = s.parse().ok()?;
            return year_ok(y).then_some(BirthDate::Year { year: y as u16 });
        }
        let parts: Vec<&str> = s
            .split(['-', '/', '.', ' '])
            .filter(|p| !p.is_empty())
            .collect();
        match parts.as_slice() {
            [y, m] if y.len() == 4 => {
                let y: u32 = y.parse().ok()?;
                let m = month_number(m)?;
                year_ok(y).then_some(BirthDate::Month {
                    year: y as u16,
                    month: m,
                })
            }
            [m, y] if y.len() == 4 => {
                let y: u32 = y.parse().ok()?;
                let m = month_number(m)?;
                year_ok(y).then_some(BirthDate::Month {
                    year: y as u16,
                    month: m,
                })
            }
            [y, m, d] if y.len() == 4 => {
                let y: u32 = y.parse().ok()?;
                if !year_ok(y) {
                    return None;
                }
                let m = month_number(m)?;
                let d: u8 = d.get(..2.min(d.len()))?.parse().ok()?;
                BirthDate::exact(y as u16, m, d)
            }
            [d, m, y] if y.len() == 4 => {
                let y: u32 = y.parse().ok()?;
                if !year_ok(y) {
                    return None;
                }
                let m = month_number(m)?;
                let d: u8 = d.parse().ok()?;
                BirthDate::exact(y as u16, m, d)
            }
            _ => None,
        }
    }
}

impl std::fmt::Display for BirthDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            BirthDate::Exact { year, month, day } => write!(f, "{year:04}-{month:02}-{day:02}"),
            BirthDate::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            BirthDate::Year { year } => write!(f, "{year:04}"),
        }
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Month from a number or an English (abbreviated) month name.
fn month_number(s: &str) -> Option<u8> {
    if let Ok(n) = s.parse::<u8>() {
        return (1..=12).contains(&n).then_some(n);
    }
    let l = s.to_ascii_lowercase();
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    MONTHS
        .iter()
        .position(|m| l.starts_with(m))
        .map(|i| i as u8 + 1)
}

/// One party on a list, in the shape every importer produces.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListEntry {
    /// The list's own identifier (OFAC ent_num, UN reference number, OpenSanctions id, ...),
    /// unique within one list.
    pub id: String,
    pub source: ListSource,
    pub schema: Schema,
    pub topic: Topic,
    /// All names; the first one is always the [`NameKind::Primary`] name.
    pub names: Vec<ListName>,
    pub birth_dates: Vec<BirthDate>,
    /// Nationalities, citizenships and address countries, as published (free text).
    pub countries: Vec<String>,
    /// Sanctions programs / regimes (OFAC tags, UN list type, ...).
    pub programs: Vec<String>,
    /// Free-text remarks, kept for the reviewer.
    pub remarks: Option<String>,
}

impl ListEntry {
    /// A new entry with one primary name and nothing else.
    pub fn new(
        id: impl Into<String>,
        source: ListSource,
        schema: Schema,
        primary: impl Into<String>,
    ) -> Self {
        ListEntry {
            id: id.into(),
            source,
            schema,
            topic: Topic::Sanction,
            names: vec![ListName {
                kind: NameKind::Primary,
                value: primary.into(),
            }],
            birth_dates: Vec::new(),
            countries: Vec::new(),
            programs: Vec::new(),
            remarks: None,
        }
    }

    /// The primary name (importers guarantee there is one).
    pub fn primary_name(&self) -> &str {
        self.names.first().map(|n| n.value.as_str()).unwrap_or("")
    }

    /// Adds an alias unless the exact same string is already present.
    pub fn push_name(&mut self, kind: NameKind, value: &str) {
        let value = value.trim();
        if value.is_empty() || self.names.iter().any(|n| n.value == value) {
            return;
        }
        self.names.push(ListName {
            kind,
            value: value.to_string(),
        });
    }

    pub fn push_country(&mut self, value: &str) {
        let value = value.trim();
        if value.is_empty() || self.countries.iter().any(|c| c.eq_ignore_ascii_case(value)) {
            return;
        }
        self.countries.push(value.to_string());
    }

    pub fn push_birth_date(&mut self, d: BirthDate) {
        if !self.birth_dates.contains(&d) {
            self.birth_dates.push(d);
        }
    }
}

/// Counts reported after an import, for `kyra lists status` and for tests.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListCounts {
    pub entries: usize,
    pub persons: usize,
    pub organizations: usize,
    pub vessels: usize,
    pub aircraft: usize,
    pub unknown: usize,
    /// Names other than the primary one.
    pub aliases: usize,
    pub with_birth_date: usize,
    pub peps: usize,
    /// Companion-file rows (OFAC alt/add/comments) whose entry is not in the main file; they
    /// are skipped, and reported so an operator can spot mismatched file versions.
    pub orphan_rows: usize,
}

/// Metadata of one imported list version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListMeta {
    pub source: ListSource,
    /// Publication date/time as written in the file (e.g. UN `dateGenerated`), when it has one.
    pub published: Option<String>,
    pub counts: ListCounts,
}

/// A complete, successfully parsed list. Importers return this or an error, never a part.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SanctionsList {
    pub meta: ListMeta,
    pub entries: Vec<ListEntry>,
}

impl SanctionsList {
    /// Wraps parsed entries and computes the counts.
    pub fn new(source: ListSource, published: Option<String>, entries: Vec<ListEntry>) -> Self {
        let mut c = ListCounts {
            entries: entries.len(),
            ..ListCounts::default()
        };
        for e in &entries {
            match e.schema {
                Schema::Person => c.persons += 1,
                Schema::Organization => c.organizations += 1,
                Schema::Vessel => c.vessels += 1,
                Schema::Aircraft => c.aircraft += 1,
                Schema::Unknown => c.unknown += 1,
            }
            c.aliases += e.names.len().saturating_sub(1);
            if !e.birth_dates.is_empty() {
                c.with_birth_date += 1;
            }
            if e.topic == Topic::Pep {
                c.peps += 1;
            }
        }
        SanctionsList {
            meta: ListMeta {
                source,
                published,
                counts: c,
            },
            entries,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_date_shapes() {
        assert_eq!(
            BirthDate::parse("1960"),
            Some(BirthDate::Year { year: 1960 })
        );
        assert_eq!(
            BirthDate::parse("01 Jan 1960"),
            BirthDate::exact(1960, 1, 1)
        );
        assert_eq!(BirthDate::parse("1961-02-29"), None);
        assert_eq!(
            BirthDate::parse("1964-02-29"),
            BirthDate::exact(1964, 2, 29)
        );
        assert_eq!(
            BirthDate::parse("Feb 1962"),
            Some(BirthDate::Month {
                year: 1962,
                month: 2
            })
        );
        assert_eq!(
            BirthDate::parse("31/12/1970"),
            BirthDate::exact(1970, 12, 31)
        );
        assert_eq!(
            BirthDate::parse("1970-12-31T00:00:00"),
            BirthDate::exact(1970, 12, 31)
        );
        assert_eq!(BirthDate::parse("nonsense"), None);
    }
}
