//! Server functions of the journey and the backend trait the `kyra` binary implements.
//!
//! Applicant requests authenticate with the client token from the link, passed with every call,
//! never with cookies: third-party cookies are blocked in many iframes and webviews.

use leptos::prelude::*;

use super::model::JourneyState;

#[cfg(feature = "ssr")]
pub use backend::{BackendError, ClientInfo, JourneyBackend};

#[cfg(feature = "ssr")]
mod backend {
    use std::sync::Arc;

    use super::JourneyState;

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
        /// Resolves a link to the current step, or to the reason it cannot be used.
        async fn load(&self, id: &str, token: &str) -> Result<JourneyState, BackendError>;

        /// Records consent to the given text version and moves the journey on.
        async fn accept_consent(
            &self,
            id: &str,
            token: &str,
            consent_version: &str,
            client: ClientInfo,
        ) -> Result<JourneyState, BackendError>;
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

/// Loads the journey for a link.
#[server(prefix = "/_kyra", endpoint = "journey/load")]
pub async fn load_journey(id: String, token: String) -> Result<JourneyState, ServerFnError> {
    backend::backend()?
        .load(&id, &token)
        .await
        .map_err(backend::unavailable)
}

/// Records the applicant's consent to `consent_version` of the consent text.
#[server(prefix = "/_kyra", endpoint = "journey/consent")]
pub async fn accept_consent(
    id: String,
    token: String,
    consent_version: String,
) -> Result<JourneyState, ServerFnError> {
    let client = backend::client_info();
    backend::backend()?
        .accept_consent(&id, &token, &consent_version, client)
        .await
        .map_err(backend::unavailable)
}
