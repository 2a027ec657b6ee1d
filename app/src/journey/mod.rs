//! The hosted applicant journey at `/v/{id}?token=…`.
//!
//! State lives on the server; the page only ever holds a [`JourneyView`] that the server produced
//! for a valid client token, so reloading or reopening the link resumes where the applicant was.

mod model;
mod page;
mod server;

pub use model::{ConsentText, JourneyState, JourneyView, LinkProblem, LoadedJourney, Outage, Step};
pub use page::JourneyPage;
pub(crate) use page::{Message, PageFrame};
pub use server::{accept_consent, load_journey, AcceptConsent, LoadJourney};
#[cfg(feature = "ssr")]
pub use server::{BackendError, ClientInfo, JourneyBackend};

/// How long the journey takes, as the welcome step tells the applicant.
#[cfg(feature = "ssr")]
const ESTIMATED_MINUTES: u32 = 3;
