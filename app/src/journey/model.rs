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
    /// A document was chosen; the applicant uploads the sides still missing.
    Upload,
    /// Every side is uploaded and the checks need a face: the selfie and the liveness capture.
    Selfie,
    /// Every side (and the selfie, where needed) is in; the applicant checks what will be sent
    /// and submits.
    Review,
    /// Submitted: the checks are running.
    Processing,
    /// The attempt has an outcome ([`JourneyView::outcome`]).
    Outcome,
}

impl Step {
    /// The step's name in the `kyra.step` message a framing page receives (stable API).
    pub fn as_str(self) -> &'static str {
        match self {
            Step::Welcome => "welcome",
            Step::Document => "document",
            Step::Upload => "upload",
            Step::Selfie => "selfie",
            Step::Review => "review",
            Step::Processing => "processing",
            Step::Outcome => "outcome",
        }
    }
}

/// Identity document types the journey offers, in the order it offers them.
pub const DOCUMENT_TYPES: [&str; 4] = [
    "passport",
    "national_id",
    "drivers_license",
    "residence_permit",
];

/// The sides of a document type the applicant must upload: a passport's photo page only, the
/// front and back of a card.
pub fn sides_of(document_type: &str) -> &'static [&'static str] {
    if document_type == "passport" {
        &["front"]
    } else {
        &["front", "back"]
    }
}

/// The document the applicant chose to upload.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentChoice {
    /// One of [`DOCUMENT_TYPES`].
    pub document_type: String,
    /// ISO 3166-1 alpha-2 code of the issuing country.
    pub country: String,
}

/// What the flow lets the applicant choose from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentOptions {
    /// Accepted types, a subset of [`DOCUMENT_TYPES`] in its order.
    pub types: Vec<String>,
    /// Accepted issuing countries (alpha-2); empty: any country.
    pub countries: Vec<String>,
}

/// The outcome of the last attempt as the applicant may see it: no scores, no list hits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeView {
    /// `approved`, `declined` or `needs_review`.
    pub status: String,
    /// A retryable decline with attempts left: the page offers "try again".
    pub can_retry: bool,
    /// What went wrong and how to fix it, localized (`reason-<CODE>`), for a retryable decline.
    pub reasons: Vec<String>,
}

/// Where the applicant goes when the journey is finished.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Leaving {
    /// The tenant's `return_url` with `verification_id` and `status` added.
    pub continue_url: Option<String>,
    /// Origins of a parent page (iframe) allowed to hear `kyra.completed`; empty: none.
    pub allowed_origins: Vec<String>,
}

/// The selfie step of a verification whose checks need a face.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FaceStep {
    /// The selfie and liveness frames of this attempt are in.
    pub done: bool,
    /// The flow lets an applicant without a camera upload a selfie photo instead
    /// (`liveness.allow_upload`).
    pub allow_upload: bool,
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
    pub documents: DocumentOptions,
    /// The chosen document, from the upload step on.
    pub choice: Option<DocumentChoice>,
    /// Sides of the chosen document already uploaded in this attempt.
    pub uploaded: Vec<String>,
    /// The largest file the server accepts, bytes: the browser refuses bigger ones before sending.
    pub upload_limit_bytes: u64,
    /// Set when the verification's checks need a face (`selfie`, `liveness`, `face_match`).
    pub face: Option<FaceStep>,
    /// Set at [`Step::Outcome`].
    pub outcome: Option<OutcomeView>,
    pub leaving: Leaving,
    /// The verification's status (`pending`, `in_progress`, `processing`, …), as the API names
    /// it: a framing page hears it with every step.
    pub status: String,
    /// The flow's brand stylesheet (`/brand/{flow}/{version}/brand.css`), when it has colours.
    pub brand_stylesheet: Option<String>,
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
// One value per request, moved, never stored in bulk: boxing the view would buy nothing.
#[allow(clippy::large_enum_variant)]
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
    /// Origins of parent pages allowed to hear this link's messages, also when it cannot be used
    /// (an expired link tells its framing page so). Empty for an unknown link.
    pub parent_origins: Vec<String>,
}

/// The journey could not be loaded for a reason on Kyra's side, never the link's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outage;
