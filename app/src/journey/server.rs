//! Server functions of the journey and the backend trait the `kyra` binary implements.
//!
//! Applicant requests authenticate with the client token from the link, passed with every call,
//! never with cookies: third-party cookies are blocked in many iframes and webviews.

use leptos::prelude::*;

use super::model::{JourneyState, LoadedJourney};

#[cfg(feature = "ssr")]
pub use backend::{BackendError, ClientInfo, JourneyBackend};

#[cfg(feature = "ssr")]
mod backend {
    use std::sync::Arc;

    use super::JourneyState;
    use crate::i18n::LanguageRequest;

    /// Who is on the other end of a journey request, as recorded with a consent.
    #[derive(Clone, Debug, Default)]
    pub struct ClientInfo {
        pub ip: Option<String>,
        pub user_agent: Option<String>,
    }

    /// A failure of the backend itself (database down, …), never a problem with the link.
    #[derive(Debug, thiserror::Error)]
    #[error("journey backend unavailable: {0}")]
    pub struct BackendError(pub String);

    /// What the journey needs from storage. Implemented by the server; provided to server
    /// functions as `Arc<dyn JourneyBackend>` context.
    #[async_trait::async_trait]
    pub trait JourneyBackend: Send + Sync + 'static {
        /// Resolves a link to the current step, or to the reason it cannot be used. The view is
        /// in the locale `language` negotiates with the verification's and the flow's.
        async fn load(
            &self,
            id: &str,
            token: &str,
            language: &LanguageRequest,
        ) -> Result<JourneyState, BackendError>;

        /// Records consent to the given text version and moves the journey on.
        async fn accept_consent(
            &self,
            id: &str,
            token: &str,
            consent_version: &str,
            client: ClientInfo,
            language: &LanguageRequest,
        ) -> Result<JourneyState, BackendError>;

        /// Records the document the applicant chose (type and issuing country) and moves on to
        /// its upload. A choice the flow does not allow leaves the journey where it was.
        async fn choose_document(
            &self,
            id: &str,
            token: &str,
            document_type: &str,
            country: &str,
            language: &LanguageRequest,
        ) -> Result<JourneyState, BackendError>;

        /// Submits the attempt for checking. Without every side uploaded it stays at review.
        async fn submit(
            &self,
            id: &str,
            token: &str,
            language: &LanguageRequest,
        ) -> Result<JourneyState, BackendError>;

        /// Starts a new attempt after a retryable decline, on the same link, at document choice.
        async fn retry(
            &self,
            id: &str,
            token: &str,
            language: &LanguageRequest,
        ) -> Result<JourneyState, BackendError>;

        /// Origins of parent pages allowed to frame the link and hear its messages, whatever
        /// the verification's state; empty for an unknown link or a wrong token.
        async fn parent_origins(&self, _id: &str, _token: &str) -> Vec<String> {
            Vec::new()
        }
    }

    pub(super) fn backend() -> Result<Arc<dyn JourneyBackend>, leptos::prelude::ServerFnError> {
        leptos::prelude::use_context::<Arc<dyn JourneyBackend>>().ok_or_else(|| {
            leptos::prelude::ServerFnError::ServerError("journey backend missing".into())
        })
    }

    pub(super) fn client_info() -> ClientInfo {
        let parts = leptos::prelude::use_context::<http::request::Parts>();
        ClientInfo {
            ip: parts
                .as_ref()
                .and_then(|p| p.extensions.get::<ClientInfo>())
                .and_then(|c| c.ip.clone()),
            user_agent: parts
                .as_ref()
                .and_then(|p| p.headers.get(http::header::USER_AGENT))
                .and_then(|v| v.to_str().ok())
                .map(|s| s.chars().take(512).collect()),
        }
    }

    pub(super) fn unavailable(err: BackendError) -> leptos::prelude::ServerFnError {
        leptos::logging::error!("{err}");
        leptos::prelude::ServerFnError::ServerError("temporarily unavailable".into())
    }
}

/// Loads the journey for a link, with the page's texts in the negotiated locale. `lang` is the
/// page's `?lang=`.
#[server(prefix = "/_kyra", endpoint = "journey/load")]
pub async fn load_journey(
    id: String,
    token: String,
    lang: Option<String>,
) -> Result<LoadedJourney, ServerFnError> {
    use super::model::Outage;
    use crate::i18n::{self, PageArgs};

    let language = i18n::request_language(lang);
    let backend = backend::backend()?;
    let state = backend.load(&id, &token, &language).await;
    let parent_origins = match &state {
        Ok(JourneyState::Ready(view)) => view.leaving.allowed_origins.clone(),
        _ => backend.parent_origins(&id, &token).await,
    };
    Ok(match state {
        Ok(JourneyState::Ready(view)) => {
            let locale = i18n::find(&view.locale).unwrap_or(i18n::SOURCE);
            let args = PageArgs {
                tenant: Some(&view.tenant_name),
                minutes: Some(super::ESTIMATED_MINUTES),
                megabytes: Some(megabytes(view.upload_limit_bytes)),
            };
            LoadedJourney {
                texts: i18n::texts(locale, &args),
                content: Ok(JourneyState::Ready(view)),
                parent_origins,
            }
        }
        other => {
            // No verification to ask: the request alone decides the language.
            let texts = i18n::texts(language.negotiate(None, None), &PageArgs::default());
            let content = other.map_err(|err| {
                backend::unavailable(err);
                Outage
            });
            LoadedJourney {
                texts,
                content,
                parent_origins,
            }
        }
    })
}

/// Records the applicant's consent to `consent_version` of the consent text. `lang` is the locale
/// of the page it was given on, so that an answer showing the consent again shows it in the same
/// language.
#[server(prefix = "/_kyra", endpoint = "journey/consent")]
pub async fn accept_consent(
    id: String,
    token: String,
    consent_version: String,
    lang: Option<String>,
) -> Result<JourneyState, ServerFnError> {
    let client = backend::client_info();
    let language = crate::i18n::request_language(lang);
    backend::backend()?
        .accept_consent(&id, &token, &consent_version, client, &language)
        .await
        .map_err(backend::unavailable)
}

/// The upload limit in whole megabytes (MiB) as the page states it, rounded down so that the
/// stated limit is never more than the real one.
#[cfg(feature = "ssr")]
fn megabytes(bytes: u64) -> u32 {
    u32::try_from((bytes / (1024 * 1024)).max(1)).unwrap_or(u32::MAX)
}

/// Records the document the applicant will upload. `lang` as for [`accept_consent`].
#[server(prefix = "/_kyra", endpoint = "journey/document")]
pub async fn choose_document(
    id: String,
    token: String,
    document_type: String,
    country: String,
    lang: Option<String>,
) -> Result<JourneyState, ServerFnError> {
    let language = crate::i18n::request_language(lang);
    backend::backend()?
        .choose_document(&id, &token, &document_type, &country, &language)
        .await
        .map_err(backend::unavailable)
}

/// Submits the uploaded document for checking; the answer is the processing step.
#[server(prefix = "/_kyra", endpoint = "journey/submit")]
pub async fn submit_journey(
    id: String,
    token: String,
    lang: Option<String>,
) -> Result<JourneyState, ServerFnError> {
    let language = crate::i18n::request_language(lang);
    backend::backend()?
        .submit(&id, &token, &language)
        .await
        .map_err(backend::unavailable)
}

/// Starts another attempt after a retryable decline, keeping the link.
#[server(prefix = "/_kyra", endpoint = "journey/retry")]
pub async fn retry_journey(
    id: String,
    token: String,
    lang: Option<String>,
) -> Result<JourneyState, ServerFnError> {
    let language = crate::i18n::request_language(lang);
    backend::backend()?
        .retry(&id, &token, &language)
        .await
        .map_err(backend::unavailable)
}
