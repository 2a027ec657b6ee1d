//! The Fluent bundles of every locale, compiled into the server.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use unic_langid::LanguageIdentifier;

use super::numbers;
use super::{Locale, Texts, PSEUDO, SOURCE};

macro_rules! resources {
    ($($tag:literal),* $(,)?) => {
        /// `(tag, journey.ftl)` of every locale.
        const RESOURCES: &[(&str, &str)] = &[
            $(($tag, include_str!(concat!("../../locales/", $tag, "/journey.ftl")))),*
        ];
    };
}

resources!(
    "en", "de", "fr", "es", "pt-BR", "it", "nl", "pl", "tr", "ru", "uk", "ar", "he", "hi", "zh-CN",
    "ja",
);

/// Kyra's built-in consent texts: flow consent version → message id. A changed text gets a new
/// version and message; old ones stay for flows pinned to them, since a recorded consent must
/// point at the words that were shown.
const BUILTIN_CONSENTS: &[(&str, &str)] = &[("2026-11-01", "consent-builtin-2026-11-01")];

/// Prefixes of messages that are not part of every page's [`Texts`]: they are formatted on their
/// own, where they are used.
const OWN_PREFIXES: &[&str] = &["reason-", "consent-builtin-"];

struct Catalog {
    bundles: HashMap<&'static str, FluentBundle<FluentResource>>,
    /// The source locale's message ids, in file order.
    ids: Vec<String>,
}

static CATALOG: LazyLock<Catalog> = LazyLock::new(|| {
    let (catalog, problems) = Catalog::load();
    for problem in problems {
        leptos::logging::error!("translations: {problem}");
    }
    catalog
});

impl Catalog {
    /// The catalog and its syntax errors and duplicate ids (the tests keep those away).
    fn load() -> (Catalog, Vec<String>) {
        let mut problems = Vec::new();
        let mut bundles = HashMap::new();
        for (tag, source) in RESOURCES {
            bundles.insert(*tag, bundle(tag, tag, source, &mut problems));
        }
        let mut pseudo = bundle(PSEUDO.tag, SOURCE.tag, RESOURCES[0].1, &mut problems);
        pseudo.set_transform(Some(pseudolocalize));
        bundles.insert(PSEUDO.tag, pseudo);
        let catalog = Catalog {
            bundles,
            ids: message_ids(RESOURCES[0].1),
        };
        (catalog, problems)
    }

    /// Formats a message in `locale`, or in the source locale if that one lacks it.
    fn format(
        &self,
        locale: &Locale,
        id: &str,
        args: Option<&FluentArgs>,
    ) -> Result<String, String> {
        let (bundle, message) = [locale.tag, SOURCE.tag]
            .iter()
            .filter_map(|tag| self.bundles.get(tag))
            .find_map(|b| Some((b, b.get_message(id)?)))
            .ok_or_else(|| format!("{}: no message {id}", locale.tag))?;
        let pattern = message
            .value()
            .ok_or_else(|| format!("{}: message {id} has no value", locale.tag))?;
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        if errors.is_empty() {
            Ok(text.into_owned())
        } else {
            Err(format!("{}: {id}: {errors:?}", locale.tag))
        }
    }
}

fn bundle(
    tag: &str,
    language: &str,
    source: &str,
    problems: &mut Vec<String>,
) -> FluentBundle<FluentResource> {
    let resource =
        FluentResource::try_new(source.to_owned()).unwrap_or_else(|(partial, errors)| {
            problems.push(format!("{tag}: {errors:?}"));
            partial
        });
    let language = language.parse::<LanguageIdentifier>().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![language]);
    bundle.set_formatter(Some(numbers::format));
    if let Err(errors) = bundle.add_resource(resource) {
        problems.push(format!("{tag}: {errors:?}"));
    }
    bundle
}

fn message_ids(source: &str) -> Vec<String> {
    let resource = match FluentResource::try_new(source.to_owned()) {
        Ok(resource) | Err((resource, _)) => resource,
    };
    resource
        .entries()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect()
}

/// Values the messages of a page refer to; unknown ones leave their messages out of [`Texts`].
#[derive(Clone, Debug, Default)]
pub struct PageArgs<'a> {
    /// `$tenant`: the name of the business asking for the verification.
    pub tenant: Option<&'a str>,
    /// `$minutes`: how long the verification takes.
    pub minutes: Option<u32>,
    /// `$megabytes`: the largest file an applicant may upload, in whole megabytes.
    pub megabytes: Option<u32>,
}

impl PageArgs<'_> {
    fn fluent(&self) -> FluentArgs<'_> {
        let mut args = FluentArgs::new();
        if let Some(tenant) = self.tenant {
            args.set("tenant", tenant);
        }
        if let Some(minutes) = self.minutes {
            args.set("minutes", minutes);
        }
        if let Some(megabytes) = self.megabytes {
            args.set("megabytes", megabytes);
        }
        args
    }
}

/// Every page message of `locale`, formatted with `args`. A message whose variables `args` does
/// not know (the welcome of a link that cannot be used) belongs to a step that is not shown and
/// is left out; the tests format every message with every variable.
pub fn texts(locale: &Locale, args: &PageArgs) -> Texts {
    let catalog = &*CATALOG;
    let fluent = args.fluent();
    let messages = catalog
        .ids
        .iter()
        .filter(|id| !OWN_PREFIXES.iter().any(|p| id.starts_with(p)))
        .filter_map(|id| Some((id.clone(), catalog.format(locale, id, Some(&fluent)).ok()?)))
        .collect();
    Texts {
        lang: locale.tag.to_owned(),
        rtl: locale.rtl,
        messages,
    }
}

/// Kyra's built-in consent text of `version` in `locale`; `None` for a version it never had.
pub fn builtin_consent(locale: &Locale, version: &str) -> Option<String> {
    let (_, id) = BUILTIN_CONSENTS.iter().find(|(v, _)| *v == version)?;
    CATALOG.format(locale, id, None).ok()
}

/// One page message in `locale`, for answers outside a page (the applicant's upload endpoint).
pub fn message(locale: &Locale, id: &str, args: &PageArgs) -> Option<String> {
    CATALOG.format(locale, id, Some(&args.fluent())).ok()
}

/// What went wrong and how to fix it, for a reason code of `kyra_checks::reasons`.
pub fn reason(locale: &Locale, code: &str) -> Option<String> {
    CATALOG.format(locale, &format!("reason-{code}"), None).ok()
}

/// The pseudo-locale's transform of every literal piece of text: accented letters, a third longer,
/// in brackets.
fn pseudolocalize(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_alphabetic) {
        return Cow::Borrowed(text);
    }
    const FROM: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const TO: &str = "åƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ";
    let mut out = String::with_capacity(text.len() * 2);
    out.push('[');
    let mut letters = 0usize;
    for c in text.chars() {
        match FROM.chars().position(|f| f == c) {
            Some(i) => {
                out.extend(TO.chars().nth(i));
                letters += 1;
            }
            None => out.push(c),
        }
    }
    out.push(' ');
    out.extend(std::iter::repeat_n('~', letters.div_ceil(3)));
    out.push(']');
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::super::LOCALES;
    use super::*;

    fn full_args() -> FluentArgs<'static> {
        let mut args = FluentArgs::new();
        args.set("tenant", "Acme Bank");
        args.set("minutes", 3);
        args.set("megabytes", 10);
        args
    }

    fn ids_of(tag: &str) -> BTreeSet<String> {
        let (_, source) = RESOURCES
            .iter()
            .find(|(t, _)| *t == tag)
            .unwrap_or_else(|| panic!("no resource for {tag}"));
        message_ids(source).into_iter().collect()
    }

    #[test]
    fn every_locale_has_a_resource_that_parses() {
        let tags: Vec<&str> = RESOURCES.iter().map(|(t, _)| *t).collect();
        let locales: Vec<&str> = LOCALES.iter().map(|l| l.tag).collect();
        assert_eq!(tags, locales);
        let (_, problems) = Catalog::load();
        assert!(problems.is_empty(), "{problems:#?}");
        assert!(CATALOG.ids.len() > 40);
    }

    #[test]
    fn every_locale_has_exactly_the_source_messages() {
        let source = ids_of(SOURCE.tag);
        for locale in LOCALES {
            let ids = ids_of(locale.tag);
            let missing: Vec<_> = source.difference(&ids).collect();
            let extra: Vec<_> = ids.difference(&source).collect();
            assert!(missing.is_empty(), "{} lacks {missing:?}", locale.tag);
            assert!(extra.is_empty(), "{} has unknown {extra:?}", locale.tag);
        }
    }

    #[test]
    fn every_message_formats_without_errors_in_every_locale() {
        let args = full_args();
        for locale in LOCALES.iter().chain([&PSEUDO]) {
            for id in &CATALOG.ids {
                let bundle = &CATALOG.bundles[locale.tag];
                assert!(
                    bundle.has_message(id),
                    "{} formats {id} from the fallback",
                    locale.tag
                );
                let text = CATALOG
                    .format(locale, id, Some(&args))
                    .unwrap_or_else(|e| panic!("{e}"));
                assert!(!text.trim().is_empty(), "{}: {id} is empty", locale.tag);
                assert!(!text.contains('{'), "{}: {id}: {text}", locale.tag);
            }
        }
    }

    #[test]
    fn translations_are_not_left_in_english() {
        let args = full_args();
        for locale in &LOCALES[1..] {
            for id in &CATALOG.ids {
                let english = CATALOG.format(SOURCE, id, Some(&args));
                let translated = CATALOG.format(locale, id, Some(&args));
                assert_ne!(english, translated, "{}: {id} is still English", locale.tag);
            }
        }
    }

    /// Every message is used: page messages by a literal id in the app's code, reasons by the
    /// reason registry, consent texts by [`BUILTIN_CONSENTS`]. And every id the code asks for
    /// exists.
    #[test]
    fn no_message_is_unused_and_none_is_missing() {
        let code = rust_sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
        let registry: BTreeSet<String> = kyra_checks::reasons::REASONS
            .iter()
            .map(|r| r.applicant_message.to_owned())
            .collect();
        let builtin: BTreeSet<String> = BUILTIN_CONSENTS
            .iter()
            .map(|(_, id)| id.to_string())
            .collect();
        for id in &CATALOG.ids {
            let used = if id.starts_with("reason-") {
                registry.contains(id)
            } else if id.starts_with("consent-builtin-") {
                builtin.contains(id)
            } else {
                code.contains(&format!("msg(\"{id}\")"))
            };
            assert!(used, "{id} is not used");
        }
        for id in registry.iter().chain(&builtin) {
            assert!(CATALOG.ids.contains(id), "no message {id}");
        }
        for asked in code.split("msg(\"").skip(1) {
            let id = asked.split('"').next().unwrap_or_default();
            assert!(
                CATALOG.ids.iter().any(|i| i == id),
                "the code asks for unknown {id}"
            );
        }
    }

    fn rust_sources(dir: &Path) -> String {
        let mut all = String::new();
        for entry in std::fs::read_dir(dir).expect("src").flatten() {
            let path = entry.path();
            if path.is_dir() {
                all.push_str(&rust_sources(&path));
            } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("catalog.rs") {
                all.push_str(&std::fs::read_to_string(&path).expect("read"));
            }
        }
        all
    }

    #[test]
    fn the_pseudo_locale_changes_every_piece_of_text() {
        let args = full_args();
        for id in &CATALOG.ids {
            let english = CATALOG.format(SOURCE, id, Some(&args)).expect("en");
            let pseudo = CATALOG.format(&PSEUDO, id, Some(&args)).expect("pseudo");
            assert!(
                pseudo.starts_with('[') || pseudo.contains("Acme Bank"),
                "{pseudo}"
            );
            assert!(
                pseudo.chars().count() > english.chars().count(),
                "{id}: {pseudo}"
            );
            assert!(!pseudo.contains(&english), "{id}");
        }
        assert_eq!(pseudolocalize("Continue"), "[Çöñţîñûé ~~~]");
        assert_eq!(pseudolocalize(" — "), " — ");
    }

    #[test]
    fn page_texts_leave_out_what_they_cannot_format() {
        let de = super::super::find("de").expect("de");
        let bare = texts(de, &PageArgs::default());
        assert_eq!(bare.lang, "de");
        assert!(!bare.rtl);
        assert_eq!(bare.messages["consent-continue"], "Weiter");
        assert!(!bare.messages.contains_key("welcome-intro"));
        assert!(!bare.messages.keys().any(|k| k.starts_with("reason-")));
        let full = texts(
            de,
            &PageArgs {
                tenant: Some("Acme Bank"),
                minutes: Some(3),
                megabytes: Some(10),
            },
        );
        assert!(full.messages["welcome-intro"].contains("Acme Bank"));
        let ar = texts(super::super::find("ar").expect("ar"), &PageArgs::default());
        assert!(ar.rtl);
    }

    #[test]
    fn numbers_in_messages_are_written_the_locale_s_way() {
        let args = PageArgs {
            tenant: Some("Acme Bank"),
            minutes: Some(3),
            megabytes: Some(10),
        };
        let intro = |tag: &str| {
            let locale = super::super::find(tag).expect("locale");
            texts(locale, &args).messages["welcome-intro"].clone()
        };
        assert!(intro("ar").contains('٣'), "{}", intro("ar"));
        assert!(intro("ru").contains("3\u{2069} минут"), "{}", intro("ru"));
        assert!(intro("en").contains("3\u{2069} minutes"), "{}", intro("en"));
    }

    #[test]
    fn consent_and_reasons_are_localized() {
        let fr = super::super::find("fr").expect("fr");
        assert!(builtin_consent(fr, "2026-11-01").is_some_and(|t| t.contains("identité")));
        assert_eq!(builtin_consent(fr, "1999-01-01"), None);
        assert!(reason(SOURCE, "GLARE").is_some_and(|t| t.contains("glare")));
        assert_eq!(reason(SOURCE, "NOPE"), None);
    }
}
