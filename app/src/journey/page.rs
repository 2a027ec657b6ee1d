//! Components of the journey.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::model::{JourneyState, JourneyView, LinkProblem, Step};
use super::server::{accept_consent, load_journey};
use crate::text;

/// `/v/{id}?token=…`: loads the journey on the server and renders its current step.
#[component]
pub fn JourneyPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let token = move || query.read().get("token").unwrap_or_default();
    let state = Resource::new(
        move || (id(), token()),
        |(id, token)| load_journey(id, token),
    );

    view! {
        <Suspense fallback=|| view! { <p class="loading">{text::LOADING}</p> }>
            {move || Suspend::new(async move {
                match state.await {
                    Ok(JourneyState::Ready(journey)) => {
                        view! { <Journey journey token=token()/> }.into_any()
                    }
                    Ok(JourneyState::Unavailable(problem)) => {
                        set_status(problem.http_status());
                        view! { <LinkProblemView problem/> }.into_any()
                    }
                    Err(_) => {
                        set_status(503);
                        view! { <Message title=text::UNAVAILABLE_TITLE body=text::UNAVAILABLE_BODY/> }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// Sets the HTTP status of a server-rendered page; does nothing in the browser.
fn set_status(_status: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(code)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(_status),
    ) {
        response.set_status(code);
    }
}

#[component]
fn LinkProblemView(problem: LinkProblem) -> impl IntoView {
    let (title, body) = match problem {
        LinkProblem::Invalid => (text::LINK_INVALID_TITLE, text::LINK_INVALID_BODY),
        LinkProblem::Expired => (text::LINK_EXPIRED_TITLE, text::LINK_EXPIRED_BODY),
        LinkProblem::Finished => (text::LINK_FINISHED_TITLE, text::LINK_FINISHED_BODY),
    };
    view! { <Message title body/> }
}

#[component]
fn Message(title: &'static str, body: &'static str) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="title">
            <h1 id="title">{title}</h1>
            <p>{body}</p>
        </section>
    }
}

/// One verification's journey; switches between steps as the server moves it on.
#[component]
fn Journey(journey: JourneyView, token: String) -> impl IntoView {
    let journey = RwSignal::new(journey);
    let token = StoredValue::new(token);
    move || match journey.with(|j| j.step) {
        Step::Welcome => view! { <ConsentStep journey token/> }.into_any(),
        Step::Document => view! { <DocumentStep/> }.into_any(),
    }
}

/// Welcome + consent. The controls stay disabled until the WASM bundle has hydrated the page, so
/// a click never goes to a page that cannot act on it yet.
#[component]
fn ConsentStep(journey: RwSignal<JourneyView>, token: StoredValue<String>) -> impl IntoView {
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let agreed = RwSignal::new(false);
    let failed = RwSignal::new(false);

    let submit = Action::new(move |_: &()| {
        let (id, version) =
            journey.with_untracked(|j| (j.verification_id.clone(), j.consent.version.clone()));
        let token = token.get_value();
        async move { accept_consent(id, token, version).await }
    });
    Effect::new(move |_| match submit.value().get() {
        Some(Ok(JourneyState::Ready(next))) => journey.set(next),
        Some(Ok(JourneyState::Unavailable(_)) | Err(_)) => failed.set(true),
        None => {}
    });

    let tenant = journey.with_untracked(|j| j.tenant_name.clone());
    let consent = journey.with_untracked(|j| j.consent.clone());
    let can_continue = move || hydrated.get() && agreed.get() && !submit.pending().get();

    view! {
        <section class="card" aria-labelledby="title" data-step="welcome">
            <h1 id="title">{text::WELCOME_TITLE}</h1>
            <p class="intro"><strong>{tenant}</strong>" "{text::WELCOME_INTRO}</p>
            <p>{text::WELCOME_NEEDS}</p>
            <ul class="needs">
                <li>{text::NEED_DOCUMENT}</li>
                <li>{text::NEED_SELFIE}</li>
            </ul>
            <h2>{text::CONSENT_HEADING}</h2>
            <div class="consent-text" tabindex="0" role="region" aria-label=text::CONSENT_HEADING data-consent-version=consent.version.clone()>{consent.body}</div>
            <label class="agree">
                <input
                    type="checkbox"
                    name="agree"
                    prop:checked=agreed
                    disabled=move || !hydrated.get()
                    on:change=move |ev| agreed.set(event_target_checked(&ev))
                />
                <span>{text::CONSENT_AGREE}</span>
            </label>
            <Show when=move || failed.get()>
                <p class="error" role="alert">{text::CONSENT_FAILED}</p>
            </Show>
            <button
                type="button"
                class="primary"
                disabled=move || !can_continue()
                on:click=move |_| {
                    failed.set(false);
                    submit.dispatch(());
                }
            >
                {text::CONTINUE}
            </button>
        </section>
    }
}

/// Placeholder for the document step, which the journey issue fills in.
#[component]
fn DocumentStep() -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="title" data-step="document">
            <h1 id="title" tabindex="-1">{text::DOCUMENT_TITLE}</h1>
            <p>{text::DOCUMENT_INTRO}</p>
        </section>
    }
}
