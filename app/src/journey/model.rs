//! Values exchanged between the journey's server functions and its components.

use serde::{Deserialize, Serialize};

use crate::i18n::Texts;

/// Where the applicant stands in the journey. Grows with each step the journey learns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    /// Welcome and consent: nothing has been recorded yet.
    Welcome,
    /// Consent given; the applicant chooses a document next.
    Document,
}

/// The consent text the applicant sees. Its version is recorded with the consent, so an audit can
/// tell exactly which words were agreed to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentText {
    pub version: String,
    pub body: String,
    /// The language of `body`: a tenant's own text may lack a translation into the page's locale.
    pub lang: String,
}

/// Everything the page needs to show the current step of one verification.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JourneyView {
    pub verification_id: String,
    pub tenant_name: String,
    pub step: Step,
    pub consent: ConsentText,
    /// The negotiated locale of the page (a tag of [`crate::i18n::LOCALES`] or the pseudo-locale).
    pub locale: String,
}

/// Why a link cannot be used. Deliberately coarse: a wrong token and an unknown id look the same,
/// so the page never reveals whether a verification exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkProblem {
    /// Unknown id, missing or wrong token, or a token that was replaced by a newer link.
    Invalid,
    /// The link was valid but `expires_at` has passed.
    Expired,
    /// The verification reached an outcome or was canceled; there is nothing left to do.
    Finished,
}

impl LinkProblem {
    /// The HTTP status the page is served with, so that proxies, crawlers and tests see the truth.
    pub fn http_status(self) -> u16 {
        match self {
            LinkProblem::Invalid => 404,
            LinkProblem::Expired | LinkProblem::Finished => 410,
        }
    }
}

/// What loading a journey link yields: either a step to show or a reason it cannot be shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum JourneyState {
    Ready(JourneyView),
    Unavailable(LinkProblem),
}

/// A journey page as the server function delivers it: the state and the page's texts in the
/// negotiated locale, which hydration reuses instead of carrying translations in the WASM.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoadedJourney {
    pub texts: Texts,
    /// `Err` when the backend failed (database down): the page says so with status 503.
    pub content: Result<JourneyState, Outage>,
}

/// The journey could not be loaded for a reason on Kyra's side, never the link's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outage;
