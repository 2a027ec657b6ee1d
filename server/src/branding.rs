//! A tenant's brand colour in the journey, kept readable.
//!
//! The journey's look is a set of CSS custom properties (`style/main.css`); a flow may replace the
//! brand colour (buttons, links, focus rings), separately for dark mode. A colour is accepted only
//! if it keeps WCAG 2.1 AA contrast (4.5:1) against the page's background and card surface in its
//! mode, and the text on brand buttons (white or near-black, whichever reads better) keeps it too:
//! a tenant cannot make the journey unreadable by accident.

use serde::{Deserialize, Serialize};

/// The journey's own colours the brand colour must stand out against (`style/main.css`).
const LIGHT_BACKGROUNDS: [Rgb; 2] = [Rgb(0xf5, 0xf6, 0xf8), Rgb(0xff, 0xff, 0xff)];
const DARK_BACKGROUNDS: [Rgb; 2] = [Rgb(0x11, 0x13, 0x18), Rgb(0x1c, 0x1f, 0x26)];
/// Text on a brand-coloured button: one of these, whichever contrasts more.
const LIGHT_TEXT: Rgb = Rgb(0xff, 0xff, 0xff);
const DARK_TEXT: Rgb = Rgb(0x0b, 0x0d, 0x12);
/// WCAG 2.1 AA for normal text.
const AA: f64 = 4.5;

/// The brand colours of a flow; unset ones keep Kyra's.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Branding {
    /// `#rrggbb` for light mode.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub brand_color: Option<String>,
    /// `#rrggbb` for dark mode (`prefers-color-scheme: dark`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub brand_color_dark: Option<String>,
}

#[derive(Debug, PartialEq, thiserror::Error)]
pub enum BrandingError {
    #[error("`{0}` is not a colour written as #rrggbb")]
    Malformed(String),
    #[error("`{colour}` has a contrast of only {ratio:.2}:1 against the journey's {mode} colours; WCAG AA needs 4.5:1")]
    LowContrast {
        colour: String,
        mode: &'static str,
        ratio: f64,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Rgb(u8, u8, u8);

impl Rgb {
    fn parse(s: &str) -> Option<Rgb> {
        let hex = s.strip_prefix('#').filter(|h| h.len() == 6)?;
        let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
        Some(Rgb(byte(0)?, byte(2)?, byte(4)?))
    }

    /// Relative luminance (WCAG 2.1).
    fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    fn css(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// A checked brand colour and the text colour that goes on it.
struct Checked {
    brand: Rgb,
    text: Rgb,
}

fn check(colour: &str, backgrounds: &[Rgb], mode: &'static str) -> Result<Checked, BrandingError> {
    let brand = Rgb::parse(colour).ok_or_else(|| BrandingError::Malformed(colour.to_owned()))?;
    let text = if brand.contrast(LIGHT_TEXT) >= brand.contrast(DARK_TEXT) {
        LIGHT_TEXT
    } else {
        DARK_TEXT
    };
    let ratio = backgrounds
        .iter()
        .map(|b| brand.contrast(*b))
        .chain([brand.contrast(text)])
        .fold(f64::INFINITY, f64::min);
    if ratio < AA {
        return Err(BrandingError::LowContrast {
            colour: colour.to_owned(),
            mode,
            ratio,
        });
    }
    Ok(Checked { brand, text })
}

impl Branding {
    /// Refuses colours that are malformed or would fall below AA contrast.
    pub fn validate(&self) -> Result<(), BrandingError> {
        self.checked().map(|_| ())
    }

    pub fn is_empty(&self) -> bool {
        self.brand_color.is_none() && self.brand_color_dark.is_none()
    }

    fn checked(&self) -> Result<(Option<Checked>, Option<Checked>), BrandingError> {
        let light = self
            .brand_color
            .as_deref()
            .map(|c| check(c, &LIGHT_BACKGROUNDS, "light"))
            .transpose()?;
        let dark = self
            .brand_color_dark
            .as_deref()
            .map(|c| check(c, &DARK_BACKGROUNDS, "dark"))
            .transpose()?;
        Ok((light, dark))
    }

    /// The stylesheet that overrides the journey's brand properties. A stored colour that no
    /// longer validates (the rules tightened) is left out rather than served.
    pub fn stylesheet(&self) -> String {
        let (light, dark) = self.checked().unwrap_or((None, None));
        let mut css = String::new();
        if let Some(c) = light {
            css.push_str(&format!(
                ":root {{ --kyra-brand: {}; --kyra-brand-contrast: {}; }}\n",
                c.brand.css(),
                c.text.css()
            ));
        }
        if let Some(c) = dark {
            css.push_str(&format!(
                "@media (prefers-color-scheme: dark) {{ :root {{ --kyra-brand: {}; --kyra-brand-contrast: {}; }} }}\n",
                c.brand.css(),
                c.text.css()
            ));
        }
        css
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn branding(light: Option<&str>, dark: Option<&str>) -> Branding {
        Branding {
            brand_color: light.map(str::to_owned),
            brand_color_dark: dark.map(str::to_owned),
        }
    }

    #[test]
    fn contrast_follows_wcag() {
        assert!((Rgb(0, 0, 0).contrast(Rgb(255, 255, 255)) - 21.0).abs() < 1e-9);
        assert!((Rgb(0x76, 0x76, 0x76).contrast(Rgb(255, 255, 255)) - 4.54).abs() < 0.01);
    }

    #[test]
    fn readable_colours_are_accepted_and_styled() {
        let b = branding(Some("#0b6e4f"), Some("#7ee0b5"));
        assert_eq!(b.validate(), Ok(()));
        let css = b.stylesheet();
        assert!(
            css.contains("--kyra-brand: #0b6e4f; --kyra-brand-contrast: #ffffff;"),
            "{css}"
        );
        assert!(css.contains("prefers-color-scheme: dark"), "{css}");
        assert!(
            css.contains("--kyra-brand: #7ee0b5; --kyra-brand-contrast: #0b0d12;"),
            "{css}"
        );
        assert_eq!(Branding::default().stylesheet(), "");
    }

    #[test]
    fn unreadable_or_malformed_colours_are_refused() {
        for (light, dark) in [
            (Some("#ffff00"), None),
            (Some("#7aa2ff"), None),
            (None, Some("#1f5eff")),
        ] {
            assert!(
                matches!(
                    branding(light, dark).validate(),
                    Err(BrandingError::LowContrast { .. })
                ),
                "{light:?} {dark:?}"
            );
        }
        for bad in ["red", "#fff", "#12345g", "#1234567", "1f5eff"] {
            assert_eq!(
                branding(Some(bad), None).validate(),
                Err(BrandingError::Malformed(bad.into()))
            );
        }
    }
}
