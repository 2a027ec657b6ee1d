//! The journey inside a tenant's page (iframe or webview): messages to the framing page, and
//! focus management when a step changes.
//!
//! Messages go only to the origins the flow allows (`embedding.allowed_origins`), one
//! `postMessage` per origin with that origin as the target, never `*`: the browser delivers a
//! message only if the parent really is at the target origin, so an unlisted framer hears
//! nothing. Their shapes are a stable API (docs/embedding.md):
//!
//! - `{type: "kyra.step", verification_id, status, step}` whenever the applicant reaches a step;
//! - `{type: "kyra.error", verification_id, code}` when the applicant sees an error they cannot
//!   get past on this page ([`ErrorCode`]);
//! - `{type: "kyra.completed", verification_id, status}` at the outcome (sent by the outcome
//!   step).

use leptos::prelude::*;

use super::model::{JourneyView, LinkProblem};

/// Why the applicant is stuck, as a framing page hears it (`kyra.error`'s `code`).
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorCode {
    /// The link is unknown or was replaced (never actually sent: nobody is allowed to hear it).
    LinkInvalid,
    /// The link's time ran out: the tenant has to create a new one.
    LinkExpired,
    /// The verification was canceled.
    LinkFinished,
    /// Kyra could not load the journey (its database is down).
    Unavailable,
    /// The server refused an uploaded file (wrong type, too big, unreadable).
    UploadRefused,
}

#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::LinkInvalid => "link_invalid",
            ErrorCode::LinkExpired => "link_expired",
            ErrorCode::LinkFinished => "link_finished",
            ErrorCode::Unavailable => "unavailable",
            ErrorCode::UploadRefused => "upload_refused",
        }
    }

    pub fn of_problem(problem: LinkProblem) -> ErrorCode {
        match problem {
            LinkProblem::Invalid => ErrorCode::LinkInvalid,
            LinkProblem::Expired => ErrorCode::LinkExpired,
            LinkProblem::Finished => ErrorCode::LinkFinished,
        }
    }
}

/// Follows the journey's step: tells a framing page (`kyra.step`) and, after the first step,
/// moves keyboard and screen-reader focus to the new step's heading so that nobody is left on a
/// button that no longer exists. Renders nothing.
#[component]
pub fn StepEvents(journey: RwSignal<JourneyView>) -> impl IntoView {
    let _ = journey;
    #[cfg(feature = "hydrate")]
    {
        let key = Memo::new(move |_| journey.with(|j| (j.step, j.status.clone())));
        Effect::new(move |previous: Option<super::model::Step>| {
            let (step, status) = key.get();
            let (id, origins) = journey
                .with_untracked(|j| (j.verification_id.clone(), j.leaving.allowed_origins.clone()));
            browser::post(
                &origins,
                &[
                    ("type", "kyra.step"),
                    ("verification_id", &id),
                    ("status", &status),
                    ("step", step.as_str()),
                ],
            );
            if previous.is_some_and(|p| p != step) {
                request_animation_frame(browser::focus_heading);
            }
            step
        });
    }
}

/// Tells a framing page about an error the applicant sees (`kyra.error`). Renders nothing.
#[component]
pub fn ErrorEvent(origins: Vec<String>, verification_id: String, code: ErrorCode) -> impl IntoView {
    let _ = (&origins, &verification_id, code);
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| report(&origins, &verification_id, code));
}

/// Sends `kyra.error` now (from an event handler).
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub fn report(origins: &[String], verification_id: &str, code: ErrorCode) {
    let _ = (origins, verification_id, code);
    #[cfg(feature = "hydrate")]
    browser::post(
        origins,
        &[
            ("type", "kyra.error"),
            ("verification_id", verification_id),
            ("code", code.as_str()),
        ],
    );
}

#[cfg(feature = "hydrate")]
mod browser {
    use js_sys::{Object, Reflect};
    use wasm_bindgen::{JsCast, JsValue};

    /// Posts a flat message to the parent, once per allowed origin; nothing when not framed.
    pub fn post(origins: &[String], fields: &[(&str, &str)]) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let Ok(Some(parent)) = window.parent() else {
            return;
        };
        if origins.is_empty() || JsValue::from(&parent) == JsValue::from(&window) {
            return;
        }
        let message = Object::new();
        for (key, value) in fields {
            let _ = Reflect::set(&message, &(*key).into(), &(*value).into());
        }
        for origin in origins {
            let _ = parent.post_message(&message, origin);
        }
    }

    /// Focuses the heading of the step on screen (`#title`), making it focusable first.
    pub fn focus_heading() {
        let heading = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("title"))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(heading) = heading {
            if !heading.has_attribute("tabindex") {
                let _ = heading.set_attribute("tabindex", "-1");
            }
            let _ = heading.focus();
        }
    }
}
