//! "Continue on your phone": the desktop page shows a QR code of a fresh, single-use,
//! short-lived link; the phone that opens it continues the same verification, and the desktop
//! page follows along and moves on when the phone is done with the capture.
//!
//! The link is `/v/{id}/handoff?h=<handoff token>`: it carries no client token, works once
//! (a second opening says so), and only for [`HANDOFF_MINUTES`]. Opening it redirects the phone to
//! the journey with the verification's client token, which the server kept sealed for exactly
//! this.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

use super::model::{JourneyState, JourneyView};
use super::page::{Message, PageFrame};
use crate::i18n::{Texts, Tr};

/// How long a handoff link works.
pub const HANDOFF_MINUTES: i64 = 10;

/// A handoff link ready to be shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandoffOffer {
    /// The link itself (for the phone's camera).
    pub url: String,
    /// The QR code of `url` as an SVG `data:` URL, rendered by the server.
    pub qr: String,
}

/// Why a handoff link cannot be used (any longer).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum HandoffProblem {
    /// Opened before: it works once.
    Used,
    /// Its minutes ran out, or a newer code replaced it.
    Expired,
    /// Unknown, or for another verification.
    Invalid,
}

/// What opening a handoff link gives.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum HandoffOpened {
    /// Continue the journey at this path (with the verification's client token).
    Continue(String),
    Problem(HandoffProblem),
}

/// The page of a handoff link, with its texts (for a problem).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandoffLanding {
    pub texts: Texts,
    pub opened: HandoffOpened,
}

/// What the desktop page learns while it waits for the phone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandoffStatus {
    /// The phone opened the code on screen.
    pub opened: bool,
    /// The journey as it is now.
    pub state: JourneyState,
}

#[cfg(feature = "ssr")]
pub use backend::HandoffBackend;

#[cfg(feature = "ssr")]
mod backend {
    use super::{HandoffOffer, HandoffOpened};
    use crate::journey::BackendError;

    /// What handoffs need from storage; implemented by the server, provided as
    /// `Arc<dyn HandoffBackend>` context like the journey's backend.
    #[async_trait::async_trait]
    pub trait HandoffBackend: Send + Sync + 'static {
        /// A fresh handoff link for a usable journey link (`None` otherwise). Earlier unused
        /// links of the verification stop working.
        async fn start(&self, id: &str, token: &str) -> Result<Option<HandoffOffer>, BackendError>;

        /// Whether the newest handoff link of the verification was opened (`false` for a wrong
        /// token).
        async fn opened(&self, id: &str, token: &str) -> Result<bool, BackendError>;

        /// Uses a handoff link: where the phone continues, or why it cannot.
        async fn open(&self, id: &str, handoff: &str) -> Result<HandoffOpened, BackendError>;
    }

    pub(super) fn backend(
    ) -> Result<std::sync::Arc<dyn HandoffBackend>, leptos::prelude::ServerFnError> {
        leptos::prelude::use_context::<std::sync::Arc<dyn HandoffBackend>>().ok_or_else(|| {
            leptos::prelude::ServerFnError::ServerError("handoff backend missing".into())
        })
    }
}

#[cfg(feature = "ssr")]
fn unavailable(err: crate::journey::BackendError) -> ServerFnError {
    leptos::logging::error!("{err}");
    ServerFnError::ServerError("temporarily unavailable".into())
}

/// Creates a handoff link of the journey link `id`/`token`; `None` when the link cannot be used.
#[server(prefix = "/_kyra", endpoint = "journey/handoff")]
pub async fn start_handoff(
    id: String,
    token: String,
) -> Result<Option<HandoffOffer>, ServerFnError> {
    backend::backend()?
        .start(&id, &token)
        .await
        .map_err(unavailable)
}

/// Whether the phone opened the code, and the journey as it is now.
#[server(prefix = "/_kyra", endpoint = "journey/handoff-progress")]
pub async fn handoff_progress(
    id: String,
    token: String,
    lang: Option<String>,
) -> Result<HandoffStatus, ServerFnError> {
    let opened = backend::backend()?
        .opened(&id, &token)
        .await
        .map_err(unavailable)?;
    let Some(journey) = use_context::<std::sync::Arc<dyn crate::journey::JourneyBackend>>() else {
        return Err(ServerFnError::ServerError("journey backend missing".into()));
    };
    let state = journey
        .load(&id, &token, &crate::i18n::request_language(lang))
        .await
        .map_err(unavailable)?;
    Ok(HandoffStatus { opened, state })
}

/// Opens a handoff link (once), with the texts of the page that explains a problem.
#[server(prefix = "/_kyra", endpoint = "journey/handoff-open")]
pub async fn open_handoff(
    id: String,
    handoff: String,
    lang: Option<String>,
) -> Result<HandoffLanding, ServerFnError> {
    use crate::i18n::{self, PageArgs};

    let language = i18n::request_language(lang.clone());
    let opened = backend::backend()?
        .open(&id, &handoff)
        .await
        .map_err(unavailable)?;
    // The phone keeps the language the desktop page asked for.
    let opened = match (opened, lang) {
        (HandoffOpened::Continue(path), Some(lang)) => {
            HandoffOpened::Continue(format!("{path}&lang={}", urlencode(&lang)))
        }
        (other, _) => other,
    };
    Ok(HandoffLanding {
        texts: i18n::texts(language.negotiate(None, None), &PageArgs::default()),
        opened,
    })
}

/// Percent-encodes a query value (language tags are plain ASCII; anything else is escaped).
#[cfg(feature = "ssr")]
fn urlencode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `/v/{id}/handoff?h=…[&lang=…]`: uses the handoff link and sends the phone on to the journey,
/// or explains why it cannot (already used, expired, unknown).
#[component]
pub fn HandoffPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let landing = Resource::new(
        move || {
            (
                params.read().get("id").unwrap_or_default(),
                query.read().get("h").unwrap_or_default(),
                query.read().get("lang"),
            )
        },
        |(id, handoff, lang)| open_handoff(id, handoff, lang),
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let (texts, opened) = match landing.await {
                    Ok(HandoffLanding { texts, opened }) => (texts, Some(opened)),
                    Err(_) => (Texts::default(), None),
                };
                let t = Tr::new(texts);
                let body = match opened {
                    Some(HandoffOpened::Continue(path)) => {
                        see_other(&path);
                        ().into_any()
                    }
                    Some(HandoffOpened::Problem(problem)) => {
                        let (status, title, body) = match problem {
                            HandoffProblem::Used => {
                                (410, t.msg("handoff-used-title"), t.msg("handoff-used-body"))
                            }
                            HandoffProblem::Expired => {
                                (410, t.msg("handoff-expired-title"), t.msg("handoff-expired-body"))
                            }
                            HandoffProblem::Invalid => {
                                (404, t.msg("link-invalid-title"), t.msg("link-invalid-body"))
                            }
                        };
                        set_status(status);
                        view! {
                            <div data-handoff-problem=format!("{problem:?}").to_lowercase()>
                                <Message title body/>
                            </div>
                        }
                        .into_any()
                    }
                    None => {
                        set_status(503);
                        view! {
                            <Message title=t.msg("unavailable-title") body=t.msg("unavailable-body")/>
                        }
                        .into_any()
                    }
                };
                view! {
                    <PageFrame t/>
                    {body}
                }
            })}
        </Suspense>
    }
}

/// Answers the page with `303 See Other` to `path`: the phone's browser goes straight on to the
/// journey (and never keeps the used handoff URL in its history as a page).
fn see_other(_path: &str) {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(location)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(_path),
    ) {
        response.insert_header(http::header::LOCATION, location);
        response.set_status(http::StatusCode::SEE_OTHER);
    }
}

fn set_status(_status: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(code)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(_status),
    ) {
        response.set_status(code);
    }
}

/// "Continue on your phone", offered on the capture step (and by a panel that explains camera
/// problems). Shows a QR code of a fresh handoff link on request, then follows the journey every
/// two seconds: once the phone has finished the capture, this page moves on with it.
#[component]
pub fn HandoffPanel(
    journey: RwSignal<JourneyView>,
    token: StoredValue<String>,
    t: Tr,
    /// Show the code straight away (a camera-problem panel), instead of behind a button.
    #[prop(optional)]
    open: bool,
) -> impl IntoView {
    let offer = RwSignal::new(None::<HandoffOffer>);
    let opened = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let start = Action::new(move |_: &()| {
        let (id, token) = (
            journey.with_untracked(|j| j.verification_id.clone()),
            token.get_value(),
        );
        async move { start_handoff(id, token).await }
    });
    Effect::new(move |_| match start.value().get() {
        Some(Ok(Some(o))) => {
            opened.set(false);
            offer.set(Some(o));
        }
        Some(Ok(None) | Err(_)) => failed.set(true),
        None => {}
    });
    if open {
        Effect::new(move |_| {
            start.dispatch(());
        });
    }

    #[cfg(feature = "hydrate")]
    {
        let poll = Action::new(move |_: &()| {
            let (id, lang) =
                journey.with_untracked(|j| (j.verification_id.clone(), j.locale.clone()));
            let token = token.get_value();
            async move { handoff_progress(id, token, Some(lang)).await }
        });
        Effect::new(move |_| {
            if let Some(Ok(progress)) = poll.value().get() {
                opened.set(progress.opened);
                if let JourneyState::Ready(next) = progress.state {
                    let moved = journey
                        .with_untracked(|j| j.step != next.step || j.uploaded != next.uploaded);
                    if moved {
                        journey.set(next);
                    }
                }
            }
        });
        let handle = set_interval_with_handle(
            move || {
                if offer.get_untracked().is_some() && !poll.pending().get_untracked() {
                    poll.dispatch(());
                }
            },
            std::time::Duration::from_secs(2),
        )
        .ok();
        on_cleanup(move || {
            if let Some(handle) = handle {
                handle.clear();
            }
        });
    }

    view! {
        <section class="handoff" aria-labelledby="kyra-handoff-title">
            <h2 id="kyra-handoff-title">{t.msg("handoff-title")}</h2>
            <p class="hint">{t.msg("handoff-intro")}</p>
            {move || match offer.get() {
                None => view! {
                    <button
                        type="button"
                        class="secondary"
                        disabled=move || !hydrated.get() || start.pending().get()
                        on:click=move |_| {
                            failed.set(false);
                            start.dispatch(());
                        }
                    >
                        {t.msg("handoff-show")}
                    </button>
                }
                .into_any(),
                Some(o) => view! {
                    <figure class="qr">
                        <img src=o.qr alt=t.msg("handoff-qr-alt") data-handoff-url=o.url width="200" height="200"/>
                        <figcaption class="hint">{t.msg("handoff-once")}</figcaption>
                    </figure>
                    <p class="handoff-status" role="status" data-opened=move || opened.get().to_string()>
                        {move || if opened.get() { t.msg("handoff-opened") } else { t.msg("handoff-waiting") }}
                    </p>
                    <button
                        type="button"
                        class="secondary"
                        disabled=move || start.pending().get()
                        on:click=move |_| {
                            failed.set(false);
                            start.dispatch(());
                        }
                    >
                        {t.msg("handoff-new-code")}
                    </button>
                }
                .into_any(),
            }}
            <Show when=move || failed.get()>
                <p class="error" role="alert">{t.msg("action-failed")}</p>
            </Show>
        </section>
    }
}
