//! The hosted applicant journey at `/v/{id}?token=…`.
//!
//! State lives on the server; the page only ever holds a [`JourneyView`] that the server produced
//! for a valid client token, so reloading or reopening the link resumes where the applicant was.

mod camera;
mod capture;
mod embed;
mod handoff;
mod model;
mod page;
mod server;

#[cfg(feature = "ssr")]
pub use handoff::HandoffBackend;
pub use handoff::{
    handoff_progress, open_handoff, start_handoff, HandoffLanding, HandoffOffer, HandoffOpened,
    HandoffPage, HandoffPanel, HandoffProblem, HandoffStatus, HANDOFF_MINUTES,
};
pub use model::{
    sides_of, ConsentText, DocumentChoice, DocumentOptions, FaceStep, JourneyState, JourneyView,
    Leaving, LinkProblem, LoadedJourney, Outage, OutcomeView, Step, DOCUMENT_TYPES,
};
pub use page::JourneyPage;
pub(crate) use page::{Message, PageFrame};
pub use server::{
    accept_consent, choose_document, load_journey, retry_journey, submit_journey, AcceptConsent,
    ChooseDocument, LoadJourney, RetryJourney, SubmitJourney,
};
#[cfg(feature = "ssr")]
pub use server::{BackendError, ClientInfo, JourneyBackend};

/// How long the journey takes, as the welcome step tells the applicant.
#[cfg(feature = "ssr")]
const ESTIMATED_MINUTES: u32 = 3;
