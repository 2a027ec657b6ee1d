//! Applicant-facing English text, kept in one place until the Fluent bundles of the journey land.

pub const NOT_FOUND_TITLE: &str = "Page not found";
pub const NOT_FOUND_BODY: &str =
    "This address does not lead anywhere. Please check the link you were sent.";

pub const LINK_INVALID_TITLE: &str = "This link is not valid";
pub const LINK_INVALID_BODY: &str =
    "The verification link is incomplete or no longer valid. Please ask the service that sent it for a new one.";
pub const LINK_EXPIRED_TITLE: &str = "This link has expired";
pub const LINK_EXPIRED_BODY: &str =
    "For your security, verification links are only valid for a limited time. Please ask the service that sent it for a new link.";
pub const LINK_FINISHED_TITLE: &str = "This verification is finished";
pub const LINK_FINISHED_BODY: &str = "There is nothing more to do here. You can close this page.";
pub const UNAVAILABLE_TITLE: &str = "We could not load your verification";
pub const UNAVAILABLE_BODY: &str =
    "Something went wrong on our side. Please try again in a minute.";

pub const WELCOME_TITLE: &str = "Verify your identity";
pub const WELCOME_INTRO: &str = "asks you to confirm who you are. It takes about three minutes.";
pub const WELCOME_NEEDS: &str = "You will need:";
pub const NEED_DOCUMENT: &str =
    "an identity document: passport, national ID card, driver's licence or residence permit";
pub const NEED_SELFIE: &str = "a device with a camera to take a selfie";
pub const CONSENT_HEADING: &str = "Your consent";
pub const CONSENT_AGREE: &str =
    "I have read and agree to the processing of my data described above.";
pub const CONTINUE: &str = "Continue";
pub const LOADING: &str = "Loading…";
pub const CONSENT_FAILED: &str = "We could not save your answer. Please try again.";

pub const DOCUMENT_TITLE: &str = "Choose your document";
pub const DOCUMENT_INTRO: &str =
    "Thank you. Next, choose the identity document you will photograph.";
