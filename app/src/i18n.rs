//! Localization of the applicant's pages with Fluent.
//!
//! Translations live in `app/locales/<tag>/journey.ftl`. Only the server compiles them in (module
//! `catalog`, feature `ssr`): it negotiates the applicant's locale, formats the messages of the
//! page and hands the finished strings ([`Texts`]) to it, and hydration reads the same strings
//! back from the page's serialized data. The WASM bundle thus carries neither a Fluent runtime
//! nor any translation: adding a locale grows the server, never what an applicant downloads.

use std::collections::BTreeMap;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
mod catalog;
#[cfg(feature = "ssr")]
mod numbers;
#[cfg(feature = "ssr")]
pub use catalog::{builtin_consent, message, reason, texts, PageArgs};

/// A language the applicant's pages are translated into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Locale {
    /// BCP 47 tag, as in `?lang=` and in the `app/locales/<tag>/` folder.
    pub tag: &'static str,
    /// The language's name in that language, for the language switcher.
    pub name: &'static str,
    /// Written right to left: the page is mirrored.
    pub rtl: bool,
}

impl Locale {
    const fn new(tag: &'static str, name: &'static str) -> Locale {
        Locale {
            tag,
            name,
            rtl: false,
        }
    }

    const fn rtl(tag: &'static str, name: &'static str) -> Locale {
        Locale {
            tag,
            name,
            rtl: true,
        }
    }

    /// The value of the `dir` attribute of pages in this locale.
    pub fn dir(&self) -> &'static str {
        if self.rtl {
            "rtl"
        } else {
            "ltr"
        }
    }

    fn language(&self) -> &'static str {
        self.tag.split('-').next().unwrap_or(self.tag)
    }
}

/// Every locale offered to applicants, source locale first. One locale per language, so that a
/// request for any variant of a language (`pt-PT`, `zh-TW`, `en-GB`) finds the one we have.
pub const LOCALES: &[Locale] = &[
    Locale::new("en", "English"),
    Locale::new("de", "Deutsch"),
    Locale::new("fr", "Français"),
    Locale::new("es", "Español"),
    Locale::new("pt-BR", "Português (Brasil)"),
    Locale::new("it", "Italiano"),
    Locale::new("nl", "Nederlands"),
    Locale::new("pl", "Polski"),
    Locale::new("tr", "Türkçe"),
    Locale::new("ru", "Русский"),
    Locale::new("uk", "Українська"),
    Locale::rtl("ar", "العربية"),
    Locale::rtl("he", "עברית"),
    Locale::new("hi", "हिन्दी"),
    Locale::new("zh-CN", "简体中文"),
    Locale::new("ja", "日本語"),
];

/// The locale the messages are written in, and the last resort of negotiation.
pub const SOURCE: &Locale = &LOCALES[0];

/// English with every letter accented and every text lengthened, wrapped in brackets: a page
/// rendered with `?lang=en-XA` shows at a glance which strings bypass the translations, and
/// whether the layout survives longer languages. Never offered in the switcher.
pub const PSEUDO: Locale = Locale::new("en-XA", "English (pseudo)");

/// The locale a language tag asks for: the same tag (case-insensitively, `_` read as `-`), else
/// the locale of the same language. The pseudo-locale is only found by its exact tag.
pub fn find(tag: &str) -> Option<&'static Locale> {
    let tag = tag.trim().replace('_', "-");
    if tag.eq_ignore_ascii_case(PSEUDO.tag) {
        return Some(&PSEUDO);
    }
    LOCALES
        .iter()
        .find(|l| l.tag.eq_ignore_ascii_case(&tag))
        .or_else(|| {
            let language = tag.split('-').next()?;
            LOCALES
                .iter()
                .find(|l| l.language().eq_ignore_ascii_case(language))
        })
}

/// The tags of an `Accept-Language` header, most preferred first; `q=0` entries are dropped.
pub fn accept_language(header: &str) -> Vec<&str> {
    let mut tags: Vec<(&str, f32)> = header
        .split(',')
        .take(32)
        .filter_map(|item| {
            let mut parts = item.split(';');
            let tag = parts.next()?.trim();
            let q = match parts.find_map(|p| p.trim().strip_prefix("q=")) {
                Some(q) => q.trim().parse::<f32>().ok()?,
                None => 1.0,
            };
            (!tag.is_empty() && q > 0.0).then_some((tag, q))
        })
        .collect();
    // Stable: equal weights keep the order the browser sent.
    tags.sort_by(|a, b| b.1.total_cmp(&a.1));
    tags.into_iter().map(|(tag, _)| tag).collect()
}

/// What an applicant's request says about their language, before the verification and its flow
/// add theirs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LanguageRequest {
    /// `?lang=` of the page (or the language of the page a server function was called from).
    pub query: Option<String>,
    /// The `Accept-Language` header.
    pub accept_language: Option<String>,
}

impl LanguageRequest {
    /// The locale of a page, first match wins: `?lang=`, the verification's `locale` (set by the
    /// tenant when creating it), `Accept-Language`, the flow's default, English.
    pub fn negotiate(
        &self,
        verification: Option<&str>,
        flow_default: Option<&str>,
    ) -> &'static Locale {
        let header = self.accept_language.as_deref().map(accept_language);
        self.query
            .as_deref()
            .into_iter()
            .chain(verification)
            .chain(header.into_iter().flatten())
            .chain(flow_default)
            .find_map(find)
            .unwrap_or(SOURCE)
    }
}

/// The language preferences of the request being served: `?lang=` as given, and the
/// `Accept-Language` header from the request in the Leptos context.
#[cfg(feature = "ssr")]
pub fn request_language(query: Option<String>) -> LanguageRequest {
    let accept_language = use_context::<http::request::Parts>().and_then(|parts| {
        parts
            .headers
            .get(http::header::ACCEPT_LANGUAGE)?
            .to_str()
            .ok()
            .map(|s| s.chars().take(256).collect())
    });
    LanguageRequest {
        query: query.filter(|q| !q.is_empty()),
        accept_language,
    }
}

/// The finished strings of one page in one locale, formatted by the server. Part of the page's
/// data, so hydration renders exactly what the server did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Texts {
    /// The locale's tag, for `<html lang>`.
    pub lang: String,
    /// Written right to left.
    pub rtl: bool,
    /// Message id → formatted text.
    pub messages: BTreeMap<String, String>,
}

impl Texts {
    /// The text of a message. A missing one shows its id, which no test lets through.
    pub fn msg(&self, id: &str) -> String {
        self.messages
            .get(id)
            .cloned()
            .unwrap_or_else(|| id.to_owned())
    }
}

/// A page's [`Texts`], shared by its components. `Copy`, so views can capture it freely.
#[derive(Clone, Copy)]
pub struct Tr(StoredValue<Texts>);

impl Tr {
    pub fn new(texts: Texts) -> Tr {
        Tr(StoredValue::new(texts))
    }

    /// The text of a message; see [`Texts::msg`].
    pub fn msg(self, id: &str) -> String {
        self.0.with_value(|t| t.msg(id))
    }

    pub fn lang(self) -> String {
        self.0.with_value(|t| t.lang.clone())
    }

    pub fn dir(self) -> &'static str {
        if self.0.with_value(|t| t.rtl) {
            "rtl"
        } else {
            "ltr"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_find_their_locale_or_their_language() {
        let tag = |t: &str| find(t).map(|l| l.tag);
        assert_eq!(tag("de"), Some("de"));
        assert_eq!(tag("DE-at"), Some("de"));
        assert_eq!(tag("pt"), Some("pt-BR"));
        assert_eq!(tag("pt_PT"), Some("pt-BR"));
        assert_eq!(tag("zh-Hans-CN"), Some("zh-CN"));
        assert_eq!(tag("en-US"), Some("en"));
        assert_eq!(tag("en-xa"), Some("en-XA"));
        assert_eq!(tag("sw"), None);
        assert_eq!(tag("*"), None);
        assert_eq!(tag(""), None);
        assert!(find("he").is_some_and(|l| l.rtl && l.dir() == "rtl"));
    }

    #[test]
    fn accept_language_is_ordered_by_weight() {
        assert_eq!(
            accept_language("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.95, *;q=0.5"),
            ["fr-CH", "de", "fr", "en", "*"]
        );
        assert_eq!(accept_language("nl;q=0, ja"), ["ja"]);
        assert_eq!(accept_language("de;q=x, , it"), ["it"]);
        assert!(accept_language("").is_empty());
    }

    #[test]
    fn negotiation_order_is_query_verification_header_flow() {
        let request = |query: Option<&str>, header: Option<&str>| LanguageRequest {
            query: query.map(str::to_owned),
            accept_language: header.map(str::to_owned),
        };
        let all = request(Some("ar"), Some("ja, en;q=0.5"));
        assert_eq!(all.negotiate(Some("fr"), Some("it")).tag, "ar");
        let no_query = request(None, Some("ja, en;q=0.5"));
        assert_eq!(no_query.negotiate(Some("fr"), Some("it")).tag, "fr");
        assert_eq!(no_query.negotiate(None, Some("it")).tag, "ja");
        // Unknown choices fall through to the next source.
        let unknown = request(Some("xx"), Some("sw, tlh"));
        assert_eq!(unknown.negotiate(Some("yy"), Some("it")).tag, "it");
        assert_eq!(unknown.negotiate(None, None).tag, "en");
        assert_eq!(LanguageRequest::default().negotiate(None, None), SOURCE);
    }

    #[test]
    fn one_locale_per_language() {
        for (i, a) in LOCALES.iter().enumerate() {
            for b in &LOCALES[i + 1..] {
                assert_ne!(a.language(), b.language(), "{} and {}", a.tag, b.tag);
            }
        }
    }
}
