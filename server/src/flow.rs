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
    pub allowed_origins: Vec<String>,
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

/// Checks this server can run. Face checks (`selfie`, `liveness`, `face_match`) need a face
/// model that is not wired in yet; a flow listing them gets a clear `CHECK_ERROR` review
/// instead of a silent pass.
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
            checks: DEFAULT_CHECKS.iter().map(|k| k.to_string()).collect(),
            documents: DocumentPolicy::default(),
            rules: kyra_checks::decision::Rules::default(),
            embedding: Embedding::default(),
            liveness: LivenessPolicy::default(),
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
