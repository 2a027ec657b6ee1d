//! A flow's configuration: what the journey asks for and how long its links live.
//!
//! Stored as JSON with the flow's version; a verification pins the version it started on, so
//! editing a flow never changes the rules under a running verification.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FlowConfig {
    /// Hours a verification link stays valid.
    pub expires_in_hours: i64,
    /// Attempts an applicant gets before a retryable decline becomes final.
    pub max_attempts: i64,
    pub consent: Consent,
    /// Language of the journey when neither the link, the verification nor the browser asks for
    /// one the journey has (a tag of `kyra_app::i18n::LOCALES`).
    pub default_locale: String,
    /// Checks the flow runs (`document`, `selfie`, …). A verification may ask for a subset; all
    /// that run are required for approval.
    pub checks: Vec<String>,
    /// Sanctions/PEP screening score cut-offs.
    pub screening: ScreeningRules,
    /// How similar the selfie must be to the document portrait.
    pub face_match: FaceMatchRules,
    /// Which identity documents the flow accepts, and from whom.
    pub documents: DocumentPolicy,
    /// How check results become a decision. Versioned with the flow: a decision records the
    /// flow version whose rules produced it.
    pub rules: kyra_checks::decision::Rules,
    /// How the journey may be embedded in the tenant's pages.
    pub embedding: Embedding,
    /// How the journey takes the selfie and the liveness capture (flows whose checks include
    /// `selfie`, `liveness` or `face_match`).
    pub liveness: LivenessPolicy,
    /// The tenant's brand colours in the journey (checked for AA contrast when saved).
    pub branding: crate::branding::Branding,
}

/// The selfie and liveness step of the journey.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LivenessPolicy {
    /// Lets an applicant without a usable camera upload a selfie photo instead of the live
    /// capture. Off by default: an uploaded photo proves nothing about who is in front of the
    /// screen, so a flow that turns this on accepts weaker evidence (its `liveness` check then
    /// has no frames to look at and goes to review).
    pub allow_upload: bool,
}

/// Embedding of the journey in a tenant's page (iframe).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Embedding {
    /// Origins (`https://shop.example`) of parent pages that may hear the journey's
    /// `postMessage` events. Empty: the journey never posts to a parent, since a message sent to
    /// the wrong origin would leak the outcome to whoever framed the page.
    ///
    /// The same list is the page's `Content-Security-Policy: frame-ancestors`: only these
    /// origins may frame the journey at all. Each entry is an exact origin, `scheme://host[:port]`
    /// as browsers serialize it (lower case, no default port, no path, no wildcard: `postMessage`
    /// cannot target a wildcard, and a framer we cannot talk to should not frame us either).
    /// `https` is required except for loopback hosts (`localhost`, `127.0.0.1`, `[::1]`), which
    /// development pages use.
    pub allowed_origins: Vec<String>,
}

/// Why an entry of [`Embedding::allowed_origins`] is refused.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum OriginError {
    #[error("`{0}` is not a URL origin such as https://shop.example")]
    Malformed(String),
    #[error("`{0}` must use https (http is only accepted for localhost, 127.0.0.1 and [::1])")]
    Insecure(String),
    #[error("`{given}` must be written exactly as the origin `{canonical}` (no path, query, user, trailing slash or default port)")]
    Uncanonical { given: String, canonical: String },
}

impl Embedding {
    /// Refuses entries that are not exact origins (see [`Embedding::allowed_origins`]).
    pub fn validate(&self) -> Result<(), OriginError> {
        self.allowed_origins
            .iter()
            .try_for_each(|o| check_origin(o))
    }

    /// The `frame-ancestors` source list: the allowed origins, or `'none'`.
    pub fn frame_ancestors(&self) -> String {
        if self.allowed_origins.is_empty() {
            "'none'".to_owned()
        } else {
            self.allowed_origins.join(" ")
        }
    }
}

fn check_origin(given: &str) -> Result<(), OriginError> {
    let not_an_origin = || OriginError::Malformed(given.to_owned());
    let url = url::Url::parse(given).map_err(|_| not_an_origin())?;
    let host = url.host_str().ok_or_else(not_an_origin)?;
    match url.scheme() {
        "https" => {}
        "http" if matches!(host, "localhost" | "127.0.0.1" | "[::1]") => {}
        "http" => return Err(OriginError::Insecure(given.to_owned())),
        _ => return Err(not_an_origin()),
    }
    // `*.example.com` parses as a host with a `*`; it is never an origin a browser reports.
    if host.contains('*') {
        return Err(not_an_origin());
    }
    let canonical = url.origin().ascii_serialization();
    if canonical != given {
        return Err(OriginError::Uncanonical {
            given: given.to_owned(),
            canonical,
        });
    }
    Ok(())
}

/// Identity documents a flow accepts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DocumentPolicy {
    /// Accepted document types (`passport`, `national_id`, `drivers_license`,
    /// `residence_permit`).
    pub types: Vec<String>,
    /// Accepted issuing countries (ISO 3166-1 alpha-2 or alpha-3); empty accepts any.
    pub countries: Vec<String>,
    /// Applicants younger than this are declined (`UNDERAGE`).
    pub minimum_age: u32,
}

impl Default for DocumentPolicy {
    fn default() -> Self {
        DocumentPolicy {
            types: IDENTITY_DOCUMENTS.iter().map(|t| t.to_string()).collect(),
            countries: Vec::new(),
            minimum_age: 18,
        }
    }
}

/// Document types that identify a person (as opposed to selfies, proof of address, reports).
pub const IDENTITY_DOCUMENTS: [&str; 4] = [
    "passport",
    "national_id",
    "drivers_license",
    "residence_permit",
];

/// Checks a new flow runs. The face checks (`selfie`, `liveness`, `face_match`) are the tenant's
/// choice: they need the applicant's camera, which not every business asks for.
pub const DEFAULT_CHECKS: [&str; 4] = ["document", "sanctions", "pep", "duplicates"];

/// Score cut-offs of the flow's screening: at or above `match_threshold` a hit is a match, at or
/// above `review_threshold` it needs review, below it is clear.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ScreeningRules {
    pub review_threshold: f64,
    pub match_threshold: f64,
}

impl Default for ScreeningRules {
    fn default() -> Self {
        let t = kyra_checks::screening::Thresholds::default();
        ScreeningRules {
            review_threshold: t.review(),
            match_threshold: t.match_threshold(),
        }
    }
}

impl ScreeningRules {
    /// The thresholds, falling back to the defaults if a stored flow holds an impossible pair.
    pub fn thresholds(&self) -> kyra_checks::screening::Thresholds {
        kyra_checks::screening::Thresholds::new(self.review_threshold, self.match_threshold)
            .unwrap_or_default()
    }
}

/// The face match's cut-offs, on the similarity score of `checks[].score` (0.5 = dlib's distance
/// 0.6, where its 99.38 % LFW accuracy was measured). At or above `threshold` the faces match;
/// within `review_band` below it a person looks (`FACE_MATCH_UNCERTAIN`): a genuine applicant
/// on a worn, old or glared document photo lands there more often than an impostor does; below
/// the band the selfie is declined for a retake (`BAD_FACE_MATCHING`).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FaceMatchRules {
    pub threshold: f64,
    pub review_band: f64,
}

impl Default for FaceMatchRules {
    fn default() -> Self {
        FaceMatchRules {
            threshold: 0.5,
            review_band: 0.15,
        }
    }
}

/// What a face-match score means under a flow's rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FaceMatchVerdict {
    Match,
    Uncertain,
    NoMatch,
}

impl FaceMatchRules {
    pub fn judge(&self, similarity: f64) -> FaceMatchVerdict {
        if similarity >= self.threshold {
            FaceMatchVerdict::Match
        } else if similarity >= self.threshold - self.review_band {
            FaceMatchVerdict::Uncertain
        } else {
            FaceMatchVerdict::NoMatch
        }
    }

    fn validate(&self) -> Result<(), InvalidFlow> {
        let ok = self.threshold > 0.0
            && self.threshold < 1.0
            && self.review_band >= 0.0
            && self.review_band < self.threshold;
        if ok {
            Ok(())
        } else {
            Err(InvalidFlow(
                "face_match must satisfy 0 < threshold < 1 and 0 <= review_band < threshold"
                    .to_owned(),
            ))
        }
    }
}

/// The consent text of a flow. Its version is recorded with every consent given.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Consent {
    pub version: String,
    /// The tenant's own text, in the flow's `default_locale`. `None`: Kyra's built-in text of
    /// `version`, translated into every locale of the journey.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The tenant's own text in other languages, by language tag (`"de"`, `"pt-BR"`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translations: BTreeMap<String, String>,
}

impl FlowConfig {
    /// How long a verification link stays valid, in milliseconds.
    pub fn link_ttl_ms(&self) -> i64 {
        self.expires_in_hours * 3_600_000
    }
}

impl Default for FlowConfig {
    fn default() -> Self {
        FlowConfig {
            expires_in_hours: 24,
            max_attempts: 3,
            screening: ScreeningRules::default(),
            face_match: FaceMatchRules::default(),
            checks: DEFAULT_CHECKS.iter().map(|k| k.to_string()).collect(),
            documents: DocumentPolicy::default(),
            rules: kyra_checks::decision::Rules::default(),
            embedding: Embedding::default(),
            liveness: LivenessPolicy::default(),
            branding: crate::branding::Branding::default(),
            // Kyra's built-in text (`consent-builtin-2026-11-01` in app/locales/*/journey.ftl).
            consent: Consent {
                version: "2026-11-01".into(),
                text: None,
                translations: BTreeMap::new(),
            },
            default_locale: "en".into(),
        }
    }
}

/// Why a flow configuration cannot be saved.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct InvalidFlow(pub String);

impl FlowConfig {
    /// Refuses configurations the pipeline could not run faithfully.
    pub fn validate(&self) -> Result<(), InvalidFlow> {
        let invalid = |e: &dyn std::fmt::Display| InvalidFlow(e.to_string());
        self.rules.validate().map_err(|e| invalid(&e))?;
        for check in &self.checks {
            if kyra_checks::reasons::CheckKind::parse(check).is_none() {
                return Err(InvalidFlow(format!("unknown check `{check}`")));
            }
        }
        self.embedding.validate().map_err(|e| invalid(&e))?;
        self.face_match.validate()?;
        self.branding.validate().map_err(|e| invalid(&e))?;
        if self.max_attempts < 1 || self.expires_in_hours < 1 {
            return Err(InvalidFlow(
                "max_attempts and expires_in_hours must be at least 1".to_owned(),
            ));
        }
        if kyra_checks::screening::Thresholds::new(
            self.screening.review_threshold,
            self.screening.match_threshold,
        )
        .is_none()
        {
            return Err(InvalidFlow(
                "screening thresholds must satisfy 0 < review_threshold <= match_threshold <= 1"
                    .to_owned(),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn embedding(origins: &[&str]) -> Embedding {
        Embedding {
            allowed_origins: origins.iter().map(|o| o.to_string()).collect(),
        }
    }

    #[test]
    fn face_match_scores_are_judged_against_the_band() {
        let rules = FaceMatchRules::default();
        assert_eq!(rules.judge(0.93), FaceMatchVerdict::Match);
        assert_eq!(rules.judge(0.5), FaceMatchVerdict::Match);
        assert_eq!(rules.judge(0.4), FaceMatchVerdict::Uncertain);
        assert_eq!(rules.judge(0.2), FaceMatchVerdict::NoMatch);
        let mut flow = FlowConfig::default();
        assert_eq!(flow.validate(), Ok(()));
        flow.face_match.review_band = 0.6;
        assert!(flow.validate().is_err());
        flow.face_match = FaceMatchRules {
            threshold: 1.2,
            review_band: 0.0,
        };
        assert!(flow.validate().is_err());
    }

    #[test]
    fn exact_origins_are_accepted() {
        let ok = embedding(&[
            "https://shop.example",
            "https://shop.example:8443",
            "http://localhost:3000",
            "http://127.0.0.1:8080",
            "https://xn--bcher-kva.example",
        ]);
        assert_eq!(ok.validate(), Ok(()));
        assert_eq!(
            ok.frame_ancestors(),
            "https://shop.example https://shop.example:8443 http://localhost:3000 \
             http://127.0.0.1:8080 https://xn--bcher-kva.example"
        );
        assert_eq!(embedding(&[]).frame_ancestors(), "'none'");
    }

    #[test]
    fn anything_else_is_refused() {
        for bad in [
            "shop.example",
            "*",
            "https://*.shop.example",
            "ftp://shop.example",
            "javascript:alert(1)",
            "https://shop.example; script-src *",
        ] {
            assert!(
                matches!(
                    embedding(&[bad]).validate(),
                    Err(OriginError::Malformed(_) | OriginError::Uncanonical { .. })
                ),
                "{bad}"
            );
        }
        assert!(matches!(
            embedding(&["http://shop.example"]).validate(),
            Err(OriginError::Insecure(_))
        ));
        for (given, canonical) in [
            ("https://shop.example/", "https://shop.example"),
            ("https://shop.example/checkout", "https://shop.example"),
            ("https://shop.example:443", "https://shop.example"),
            ("https://Shop.Example", "https://shop.example"),
            ("https://user@shop.example", "https://shop.example"),
        ] {
            assert_eq!(
                embedding(&[given]).validate(),
                Err(OriginError::Uncanonical {
                    given: given.into(),
                    canonical: canonical.into()
                })
            );
        }
    }
}
