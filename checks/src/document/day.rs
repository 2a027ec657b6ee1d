//! A calendar day without a time zone, enough for expiry and age rules.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

/// A proleptic Gregorian calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// A string that is not a `YYYY-MM-DD` calendar date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a YYYY-MM-DD calendar date")]
pub struct DayError(pub String);

impl Day {
    /// `None` when the day does not exist (e.g. 2023-02-29).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Day> {
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
            .then_some(Day { year, month, day })
    }

    /// Today in UTC from the system clock — for callers at the edge (CLI, job runner); the
    /// engines themselves take the day as input.
    pub fn today_utc() -> Day {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        Day::from_unix_days(i64::try_from(secs / 86_400).unwrap_or(0))
    }

    /// Civil date of a day count since 1970-01-01 (H. Hinnant's algorithm).
    pub fn from_unix_days(days: i64) -> Day {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Day {
            year: i32::try_from(year).unwrap_or(i32::MAX),
            month: u8::try_from(month).unwrap_or(1),
            day: u8::try_from(day).unwrap_or(1),
        }
    }

    /// Whole years from `self` (a birth date) to `on`.
    pub fn years_until(self, on: Day) -> i32 {
        let mut years = on.year - self.year;
        if (on.month, on.day) < (self.month, self.day) {
            years -= 1;
        }
        years
    }
}

impl FromStr for Day {
    type Err = DayError;

    fn from_str(s: &str) -> Result<Day, DayError> {
        let err = || DayError(s.to_owned());
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(err());
        }
        let year = s.get(0..4).and_then(|p| p.parse().ok()).ok_or_else(err)?;
        let month = s.get(5..7).and_then(|p| p.parse().ok()).ok_or_else(err)?;
        let day = s.get(8..10).and_then(|p| p.parse().ok()).ok_or_else(err)?;
        Day::new(year, month, day).ok_or_else(err)
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Day {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        let d: Day = "2024-02-29".parse().expect("leap day");
        assert_eq!(d.to_string(), "2024-02-29");
        assert!("2023-02-29".parse::<Day>().is_err());
        assert!("2023-2-1".parse::<Day>().is_err());
        assert!("2023-02-01x".parse::<Day>().is_err());
    }

    #[test]
    fn unix_days_round_trip_known_dates() {
        assert_eq!(Day::from_unix_days(0).to_string(), "1970-01-01");
        assert_eq!(Day::from_unix_days(19_782).to_string(), "2024-02-29");
        assert_eq!(Day::from_unix_days(-1).to_string(), "1969-12-31");
    }

    #[test]
    fn age_counts_whole_years() {
        let birth = Day::new(2008, 6, 15).expect("day");
        assert_eq!(birth.years_until(Day::new(2026, 6, 14).expect("day")), 17);
        assert_eq!(birth.years_until(Day::new(2026, 6, 15).expect("day")), 18);
    }
}
