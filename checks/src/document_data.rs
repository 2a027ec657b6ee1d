//! Document data checks: what the document says, held against the calendar, the flow's policy
//! and what the applicant (or the tenant) typed.
//!
//! Names on a document's MRZ are upper-case Latin, transliterated by the issuer (ICAO Doc 9303
//! part 3: `Müller` → `MUELLER`, `Øre` → `OERE`) and truncated to fit the line, so names are
//! compared by tokens, with both the plain and the ICAO transliteration of the typed name and a
//! small edit tolerance. Dates of birth must match exactly.

use serde::{Deserialize, Serialize};

use crate::mrz::MrzFields;

/// A calendar date as `YYYY-MM-DD` parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Day {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Day {
    /// Parses `YYYY-MM-DD`; `None` for anything else.
    pub fn parse(s: &str) -> Option<Day> {
        let mut parts = s.splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(Day { year, month, day })
    }

    /// Whole years from `self` (a birth date) to `on`.
    pub fn age_on(self, on: Day) -> i32 {
        let had_birthday = (on.month, on.day) >= (self.month, self.day);
        on.year - self.year - i32::from(!had_birthday)
    }
}

/// What the flow accepts and what the applicant declared.
#[derive(Clone, Debug, Default)]
pub struct DataRules<'a> {
    pub today: Option<Day>,
    pub minimum_age: u32,
    /// Accepted issuing states (alpha-2 or alpha-3); empty accepts any.
    pub countries: &'a [String],
    pub first_name: Option<&'a str>,
    pub last_name: Option<&'a str>,
    pub date_of_birth: Option<&'a str>,
}

/// Reason codes for the document's data, in a stable order.
pub fn check_fields(fields: &MrzFields, rules: &DataRules<'_>) -> Vec<&'static str> {
    let mut codes = Vec::new();
    if let (Some(today), Some(expiry)) = (
        rules.today,
        fields.expiry_date.as_deref().and_then(Day::parse),
    ) {
        if expiry < today {
            codes.push("DOCUMENT_EXPIRED");
        }
    }
    let birth = fields
        .birth_date
        .as_deref()
        .or(rules.date_of_birth)
        .and_then(Day::parse);
    if let (Some(today), Some(birth)) = (rules.today, birth) {
        if birth.age_on(today) < rules.minimum_age as i32 {
            codes.push("UNDERAGE");
        }
    }
    if !rules.countries.is_empty() && !country_allowed(&fields.issuing_state, rules.countries) {
        codes.push("UNSUPPORTED_DOCUMENT");
    }
    if !data_consistent(fields, rules) {
        codes.push("DATA_MISMATCH");
    }
    codes
}

fn data_consistent(fields: &MrzFields, rules: &DataRules<'_>) -> bool {
    let dob_ok = match (rules.date_of_birth, fields.birth_date.as_deref()) {
        (Some(typed), Some(read)) => typed == read,
        _ => true,
    };
    let surname_ok = rules
        .last_name
        .is_none_or(|typed| names_match(typed, &fields.surname));
    let given_ok = rules
        .first_name
        .is_none_or(|typed| names_match(typed, &fields.given_names));
    dob_ok && surname_ok && given_ok
}

/// Whether a typed name and a document name denote the same name: every token of the shorter
/// side has a counterpart on the other side (so "Ana" matches "ANA MARIA"), allowing the
/// issuer's transliteration, MRZ truncation and one typo in longer tokens.
pub fn names_match(typed: &str, document: &str) -> bool {
    let doc = tokens(document);
    if doc.is_empty() || typed.trim().is_empty() {
        return true;
    }
    let variants = [tokens(&plain(typed)), tokens(&icao(typed))];
    variants.iter().any(|typed| {
        let (short, long) = if typed.len() <= doc.len() {
            (typed, &doc)
        } else {
            (&doc, typed)
        };
        !short.is_empty() && short.iter().all(|a| long.iter().any(|b| token_match(a, b)))
    })
}

fn token_match(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    // The MRZ cuts names that do not fit; a cut keeps at least a few letters.
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() >= 4 && long.starts_with(short) {
        return true;
    }
    short.len() >= 5 && strsim::levenshtein(a, b) <= 1
}

fn tokens(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(|t| t.to_ascii_uppercase())
        .collect()
}

/// Plain Latin transliteration (`Müller` → `Muller`, `Анна` → `Anna`).
fn plain(s: &str) -> String {
    any_ascii::any_ascii(s)
}

/// ICAO Doc 9303 recommended transliteration of the letters where it differs from the plain
/// one, then the plain one for the rest.
fn icao(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    for c in s.chars() {
        match c {
            'Ä' | 'ä' | 'Æ' | 'æ' => out.push_str("AE"),
            'Ö' | 'ö' | 'Ø' | 'ø' | 'Œ' | 'œ' => out.push_str("OE"),
            'Ü' | 'ü' => out.push_str("UE"),
            'Å' | 'å' => out.push_str("AA"),
            'ß' => out.push_str("SS"),
            'Þ' | 'þ' => out.push_str("TH"),
            'Ĳ' | 'ĳ' => out.push_str("IJ"),
            _ => out.push_str(&any_ascii::any_ascii(c.encode_utf8(&mut [0; 4]))),
        }
    }
    out
}

/// Whether an MRZ issuing state (ICAO alpha-3, with Germany's one-letter `D`) is in a policy
/// list written as ISO 3166 alpha-2 or alpha-3 codes.
fn country_allowed(issuing_state: &str, allowed: &[String]) -> bool {
    let state = match issuing_state.trim_end_matches('<').to_ascii_uppercase() {
        d if d == "D" => "DEU".to_owned(),
        other => other,
    };
    allowed.iter().any(|a| {
        let a = a.to_ascii_uppercase();
        a == state || isocountry::CountryCode::for_alpha2(&a).is_ok_and(|c| c.alpha3() == state)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields() -> MrzFields {
        MrzFields {
            document_type: "P".into(),
            issuing_state: "D".into(),
            surname: "MUELLER".into(),
            given_names: "ANNA MARIA".into(),
            document_number: "C01X00T47".into(),
            nationality: "D".into(),
            birth_date: Some("1990-04-12".into()),
            sex: Some(crate::mrz::Sex::Female),
            expiry_date: Some("2030-01-01".into()),
            optional_data: String::new(),
            optional_data_2: String::new(),
        }
    }

    fn today() -> Option<Day> {
        Day::parse("2026-11-25")
    }

    #[test]
    fn a_consistent_document_raises_nothing() {
        let rules = DataRules {
            today: today(),
            minimum_age: 18,
            first_name: Some("Anna"),
            last_name: Some("Müller"),
            date_of_birth: Some("1990-04-12"),
            ..DataRules::default()
        };
        assert!(check_fields(&fields(), &rules).is_empty());
    }

    #[test]
    fn expiry_age_and_mismatch_are_reported() {
        let mut f = fields();
        f.expiry_date = Some("2026-11-24".into());
        f.birth_date = Some("2010-01-01".into());
        let rules = DataRules {
            today: today(),
            minimum_age: 18,
            last_name: Some("Schmidt"),
            ..DataRules::default()
        };
        assert_eq!(
            check_fields(&f, &rules),
            ["DOCUMENT_EXPIRED", "UNDERAGE", "DATA_MISMATCH"]
        );
        let rules = DataRules {
            today: today(),
            date_of_birth: Some("1990-04-13"),
            ..DataRules::default()
        };
        assert_eq!(check_fields(&fields(), &rules), ["DATA_MISMATCH"]);
    }

    #[test]
    fn names_tolerate_transliteration_truncation_and_typos() {
        assert!(names_match("Müller", "MUELLER"));
        assert!(names_match("Müller", "MULLER"));
        assert!(names_match("Ana", "ANA MARIA"));
        assert!(names_match("Ana Maria", "ANA"));
        assert!(names_match("Bartholomew-Smith", "BARTHOLOMEW SMIT"));
        assert!(names_match("Jonathon", "JONATHAN"));
        assert!(names_match("Анна", "ANNA"));
        assert!(!names_match("Schmidt", "MUELLER"));
        assert!(!names_match("Ana", "ANNE"));
    }

    #[test]
    fn ages_count_birthdays() {
        let birth = Day::parse("2008-11-26").expect("date");
        assert_eq!(birth.age_on(Day::parse("2026-11-25").expect("date")), 17);
        assert_eq!(birth.age_on(Day::parse("2026-11-26").expect("date")), 18);
        assert!(Day::parse("2026-13-01").is_none());
    }

    #[test]
    fn countries_accept_alpha2_and_alpha3() {
        let f = MrzFields {
            issuing_state: "PRT".into(),
            ..fields()
        };
        let rules = |c: &[&str]| c.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let pt = rules(&["PT"]);
        let r = DataRules {
            countries: &pt,
            ..DataRules::default()
        };
        assert!(check_fields(&f, &r).is_empty());
        let german = MrzFields {
            issuing_state: "D<<".into(),
            ..fields()
        };
        let de = rules(&["DE"]);
        let r = DataRules {
            countries: &de,
            ..DataRules::default()
        };
        assert!(check_fields(&german, &r).is_empty());
        let fr = rules(&["FR", "DEU"]);
        let r = DataRules {
            countries: &fr,
            ..DataRules::default()
        };
        assert_eq!(check_fields(&f, &r), ["UNSUPPORTED_DOCUMENT"]);
    }
}
