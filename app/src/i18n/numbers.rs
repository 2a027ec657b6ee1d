//! Numbers as each locale writes them — decimal sign, digit groups, digits — plugged into Fluent,
//! which on its own writes every number the English way. A small table rather than full CLDR
//! data: the journey shows counts and sizes, never currencies or percentages.

use fluent_bundle::types::FluentNumber;
use fluent_bundle::FluentValue;
use intl_memoizer::concurrent::IntlLangMemoizer;
use intl_memoizer::Memoizable;
use unic_langid::LanguageIdentifier;

const NBSP: char = '\u{a0}';
const NARROW_NBSP: char = '\u{202f}';

/// How one language writes numbers (CLDR's defaults for the journey's locales).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct NumberStyle {
    decimal: char,
    group: char,
    /// Digits a number needs beyond three before it is grouped: 2 writes `1000` but `10.000`.
    min_grouping: usize,
    /// Groups of two above the thousands: `12,34,567`.
    indian: bool,
    /// The digit zero of the locale's digits; the others follow it in Unicode.
    zero: char,
}

impl NumberStyle {
    pub(super) fn of(language: &str) -> NumberStyle {
        let (decimal, group, min_grouping, indian, zero) = match language {
            "de" | "it" | "nl" | "pt" | "tr" => (',', '.', 1, false, '0'),
            "es" => (',', '.', 2, false, '0'),
            "fr" => (',', NARROW_NBSP, 1, false, '0'),
            "ru" | "uk" => (',', NBSP, 1, false, '0'),
            "pl" => (',', NBSP, 2, false, '0'),
            "ar" => ('٫', '٬', 1, false, '٠'),
            "hi" => ('.', ',', 1, true, '0'),
            _ => ('.', ',', 1, false, '0'),
        };
        NumberStyle {
            decimal,
            group,
            min_grouping,
            indian,
            zero,
        }
    }

    pub(super) fn format(&self, number: &FluentNumber) -> String {
        let mut number = number.clone();
        if let Some(max) = number.options.maximum_fraction_digits {
            let scale = 10f64.powi(i32::try_from(max.min(15)).unwrap_or(15));
            number.value = (number.value * scale).round() / scale;
        }
        let plain = number.as_string();
        let (sign, digits) = match plain.strip_prefix('-') {
            Some(digits) => ("-", digits),
            None => ("", &*plain),
        };
        let (int, fraction) = match digits.split_once('.') {
            Some((int, fraction)) => (int, Some(fraction)),
            None => (digits, None),
        };
        let grouped = number.options.use_grouping && int.len() > 2 + self.min_grouping;
        let mut out = String::from(sign);
        for (i, c) in int.chars().enumerate() {
            if i > 0 && grouped && self.group_before(int.len() - i) {
                out.push(self.group);
            }
            out.push(self.digit(c));
        }
        if let Some(fraction) = fraction {
            out.push(self.decimal);
            out.extend(fraction.chars().map(|c| self.digit(c)));
        }
        out
    }

    /// Whether a separator goes before the digit that has `left` digits from it to the end.
    fn group_before(&self, left: usize) -> bool {
        if self.indian {
            left == 3 || (left > 3 && (left - 3).is_multiple_of(2))
        } else {
            left.is_multiple_of(3)
        }
    }

    fn digit(&self, c: char) -> char {
        c.to_digit(10)
            .and_then(|d| char::from_u32(self.zero as u32 + d))
            .unwrap_or(c)
    }
}

impl Memoizable for NumberStyle {
    type Args = ();
    type Error = std::convert::Infallible;

    fn construct(language: LanguageIdentifier, _: ()) -> Result<NumberStyle, Self::Error> {
        Ok(NumberStyle::of(language.language.as_str()))
    }
}

/// Fluent's formatter hook: numbers in the bundle's locale, everything else as Fluent does.
pub(super) fn format(value: &FluentValue<'_>, intls: &IntlLangMemoizer) -> Option<String> {
    let FluentValue::Number(number) = value else {
        return None;
    };
    intls
        .with_try_get::<NumberStyle, _, _>((), |style| style.format(number))
        .ok()
}

#[cfg(test)]
mod tests {
    use fluent_bundle::types::FluentNumberOptions;

    use super::*;

    fn number(value: f64, fraction: Option<usize>) -> FluentNumber {
        FluentNumber::new(
            value,
            FluentNumberOptions {
                minimum_fraction_digits: fraction,
                maximum_fraction_digits: fraction,
                ..Default::default()
            },
        )
    }

    fn fmt(language: &str, value: f64, fraction: Option<usize>) -> String {
        NumberStyle::of(language).format(&number(value, fraction))
    }

    #[test]
    fn numbers_follow_the_locale() {
        assert_eq!(fmt("en", -1234.5, None), "-1,234.5");
        assert_eq!(fmt("de", 1234.5, None), "1.234,5");
        assert_eq!(fmt("es", 1234.0, None), "1234");
        assert_eq!(fmt("es", 12345.0, None), "12.345");
        assert_eq!(fmt("fr", 1_234_567.25, None), "1\u{202f}234\u{202f}567,25");
        assert_eq!(fmt("pl", 10_000.0, None), "10\u{a0}000");
        assert_eq!(fmt("hi", 1_234_567.0, None), "12,34,567");
        assert_eq!(fmt("ar", 1234.5, None), "١٬٢٣٤٫٥");
        assert_eq!(fmt("ja", 3.0, None), "3");
        assert_eq!(fmt("de", 10.0 / 3.0, Some(1)), "3,3");
        assert_eq!(fmt("en", 2.0, Some(1)), "2.0");
        assert_eq!(fmt("en", 999.0, None), "999");
    }
}
