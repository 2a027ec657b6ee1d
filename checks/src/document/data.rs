//! Document data rules: expiry, minimum age, accepted documents, and consistency with what the
//! applicant typed.

use serde::{Deserialize, Serialize};

use super::day::Day;
use super::DocumentRules;
use crate::mrz::MrzFields;

/// The applicant's own data, as typed in the journey or sent by the tenant's API call.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicantData {
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    /// `YYYY-MM-DD`.
    pub birth_date: Option<String>,
}

/// Reason codes raised by the MRZ fields under the flow's rules.
pub(super) fn data_codes(fields: &MrzFields, rules: &DocumentRules) -> Vec<&'static str> {
    let mut codes = Vec::new();
    let day = |s: &Option<String>| s.as_deref().and_then(|s| s.parse::<Day>().ok());
    if day(&fields.expiry_date).is_some_and(|expiry| expiry < rules.today) {
        codes.push("DOCUMENT_EXPIRED");
    }
    if let (Some(min), Some(birth)) = (rules.min_age, day(&fields.birth_date)) {
        if birth.years_until(rules.today) < i32::try_from(min).unwrap_or(i32::MAX) {
            codes.push("UNDERAGE");
        }
    }
    let type_ok = rules.document_types.is_empty()
        || rules
            .document_types
            .iter()
            .any(|t| fields.document_type.starts_with(t.trim()));
    let state_ok = rules.issuing_states.is_empty()
        || rules
            .issuing_states
            .iter()
            .any(|s| s.trim().eq_ignore_ascii_case(&fields.issuing_state));
    if !type_ok || !state_ok {
        codes.push("UNSUPPORTED_DOCUMENT");
    }
    if let Some(applicant) = &rules.applicant {
        if mismatch(fields, applicant) {
            codes.push("DATA_MISMATCH");
        }
    }
    codes
}

/// Date of birth must be equal; names are compared after transliteration with a tolerance.
fn mismatch(fields: &MrzFields, applicant: &ApplicantData) -> bool {
    if let Some(typed) = applicant.birth_date.as_deref() {
        if fields.birth_date.as_deref() != Some(typed.trim()) {
            return true;
        }
    }
    if let Some(last) = applicant.last_name.as_deref() {
        if !names_match(&fields.surname, last) {
            return true;
        }
    }
    if let Some(first) = applicant.first_name.as_deref() {
        // The applicant often types only the first of several given names.
        let typed = tokens(first);
        let printed = tokens(&fields.given_names);
        let all_found = typed
            .iter()
            .all(|t| printed.iter().any(|p| token_match(p, t)));
        if !(typed.is_empty() || all_found || names_match(&fields.given_names, first)) {
            return true;
        }
    }
    false
}

/// Whether a name from the MRZ and a typed name denote the same person's name.
///
/// Both sides are transliterated to ASCII (the MRZ already is, by the issuer: `MÜLLER` may be
/// printed `MUELLER` or `MULLER`), upper-cased, and stripped of everything but letters. Equal
/// strings match; so does a typed name the MRZ truncated (long names are cut at the zone's
/// length), or one within a small edit distance (typos, `UE`/`U`).
pub fn names_match(mrz: &str, typed: &str) -> bool {
    let a: String = tokens(mrz).concat();
    let b: String = tokens(typed).concat();
    if a.is_empty() || b.is_empty() {
        return a == b;
    }
    if a == b || (a.len() >= 10 && b.starts_with(&a)) {
        return true;
    }
    strsim::normalized_levenshtein(&a, &b) >= 0.8
}

fn token_match(a: &str, b: &str) -> bool {
    a == b || strsim::normalized_levenshtein(a, b) >= 0.8
}

fn tokens(s: &str) -> Vec<String> {
    any_ascii::any_ascii(s)
        .to_ascii_uppercase()
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_tolerate_transliteration_and_truncation() {
        assert!(names_match("MUELLER", "Müller"));
        assert!(names_match("ERIKSSON", "Eriksson"));
        assert!(names_match("VAN DER BERG", "van der Berg"));
        assert!(names_match(
            "WOLFESCHLEGELSTEIN",
            "Wolfeschlegelsteinhausen"
        ));
        assert!(!names_match("ERIKSSON", "Andersson"));
        assert!(!names_match("LI", "LU"));
    }
}
