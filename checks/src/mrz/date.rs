//! Two-digit MRZ years and calendar validation.

/// Birth dates are never in the future: a year above the reference year's two digits belongs to
/// the previous century.
pub fn birth_year(yy: i32, reference_year: i32) -> i32 {
    let century = reference_year - reference_year.rem_euclid(100);
    if century + yy > reference_year {
        century - 100 + yy
    } else {
        century + yy
    }
}

/// Expiry dates are at most 50 years ahead (documents last 10 years; old expired documents
/// may still be presented and must be recognised as expired).
pub fn expiry_year(yy: i32, reference_year: i32) -> i32 {
    let century = reference_year - reference_year.rem_euclid(100);
    let year = century + yy;
    if year > reference_year + 50 {
        year - 100
    } else if year < reference_year - 50 {
        year + 100
    } else {
        year
    }
}

/// `YYYY-MM-DD` if the date exists in the Gregorian calendar.
pub fn format_date(year: i32, month: u32, day: u32) -> Option<String> {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days)
        .contains(&day)
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// Current UTC year from the system clock (the only ambient input of the parser; callers that
/// need determinism pass [`super::ParseOptions::reference_year`]).
pub fn current_year() -> i32 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    // Civil-from-days (proleptic Gregorian), year only.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    i32::try_from(year).unwrap_or(2025)
}
