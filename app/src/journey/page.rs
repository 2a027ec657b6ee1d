//! Components of the journey.

use leptos::prelude::*;
use leptos_meta::{Html, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use super::model::{JourneyState, JourneyView, LinkProblem, LoadedJourney, Outage, Step};
use super::server::{accept_consent, load_journey};
use crate::i18n::{Texts, Tr, LOCALES};

/// `/v/{id}?token=…[&lang=…]`: loads the journey on the server and renders its current step in
/// the negotiated language.
#[component]
pub fn JourneyPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let token = move || query.read().get("token").unwrap_or_default();
    let lang = move || query.read().get("lang");
    let page = Resource::new(
        move || (id(), token(), lang()),
        |(id, token, lang)| load_journey(id, token, lang),
    );
    // The texts of the page shown last: they speak for the moment between two pages, and for a
    // page whose load failed in the browser. (The first page always comes complete from the
    // server.)
    let last = StoredValue::new(Texts::default());

    view! {
        <Suspense fallback=move || {
            view! { <p class="loading" role="status">{last.with_value(|t| t.msg("loading"))}</p> }
        }>
            {move || Suspend::new(async move {
                let (texts, content) = match page.await {
                    Ok(LoadedJourney { texts, content }) => (texts, content),
                    Err(_) => (last.get_value(), Err(Outage)),
                };
                last.set_value(texts.clone());
                let t = Tr::new(texts);
                // An invalid link's page is the same whatever the token, so its switcher drops it.
                let keep_token = !matches!(content, Ok(JourneyState::Unavailable(LinkProblem::Invalid)));
                let switcher_token = keep_token.then(token);
                let body = match content {
                    Ok(JourneyState::Ready(journey)) => {
                        view! { <Journey journey token=token() t/> }.into_any()
                    }
                    Ok(JourneyState::Unavailable(problem)) => {
                        set_status(problem.http_status());
                        view! { <LinkProblemView problem t/> }.into_any()
                    }
                    Err(Outage) => {
                        set_status(503);
                        view! {
                            <Message title=t.msg("unavailable-title") body=t.msg("unavailable-body")/>
                        }
                        .into_any()
                    }
                };
                view! {
                    <PageFrame t/>
                    <header class="topbar">
                        <LanguageSwitcher t token=switcher_token/>
                    </header>
                    {body}
                }
            })}
        </Suspense>
    }
}

/// `<html lang dir>` and the title of a page in its locale.
#[component]
pub(crate) fn PageFrame(t: Tr) -> impl IntoView {
    view! {
        <Html {..} lang=t.lang() dir=t.dir()/>
        <Title text=t.msg("page-title")/>
    }
}

/// Lets the applicant pick another language: a plain GET form that reloads the page with the
/// same token and `?lang=`, so it works before hydration and without JavaScript. Each language
/// is named in itself, and marked with its `lang` for screen readers. The label is a globe for
/// the eye (it fits a phone's width on one line) and the word "Language" for screen readers.
#[component]
fn LanguageSwitcher(t: Tr, token: Option<String>) -> impl IntoView {
    let current = t.lang();
    let options = LOCALES
        .iter()
        .map(|l| {
            view! {
                <option value=l.tag lang=l.tag dir=l.dir() selected=l.tag == current>
                    {l.name}
                </option>
            }
        })
        .collect_view();
    view! {
        <form class="language" method="get">
            {token.map(|token| view! { <input type="hidden" name="token" value=token/> })}
            <label for="kyra-lang">
                <svg class="globe" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                    <circle cx="12" cy="12" r="9"></circle>
                    <path d="M3 12h18M12 3c2.5 2.7 3.8 5.7 3.8 9s-1.3 6.3-3.8 9M12 3c-2.5 2.7-3.8 5.7-3.8 9s1.3 6.3 3.8 9"></path>
                </svg>
                <span class="visually-hidden">{t.msg("language-label")}</span>
            </label>
            <select id="kyra-lang" name="lang">{options}</select>
            <button type="submit" class="secondary">{t.msg("language-change")}</button>
        </form>
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
fn LinkProblemView(problem: LinkProblem, t: Tr) -> impl IntoView {
    let (title, body) = match problem {
        LinkProblem::Invalid => (t.msg("link-invalid-title"), t.msg("link-invalid-body")),
        LinkProblem::Expired => (t.msg("link-expired-title"), t.msg("link-expired-body")),
        LinkProblem::Finished => (t.msg("link-finished-title"), t.msg("link-finished-body")),
    };
    view! { <Message title body/> }
}

#[component]
pub(crate) fn Message(title: String, body: String) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="title">
            <h1 id="title">{title}</h1>
            <p>{body}</p>
        </section>
    }
}

/// One verification's journey; switches between steps as the server moves it on.
#[component]
fn Journey(journey: JourneyView, token: String, t: Tr) -> impl IntoView {
    let journey = RwSignal::new(journey);
    let token = StoredValue::new(token);
    move || match journey.with(|j| j.step) {
        Step::Welcome => view! { <ConsentStep journey token t/> }.into_any(),
        Step::Document => view! { <DocumentStep t/> }.into_any(),
    }
}

/// Welcome + consent. The controls stay disabled until the WASM bundle has hydrated the page, so
/// a click never goes to a page that cannot act on it yet.
#[component]
fn ConsentStep(journey: RwSignal<JourneyView>, token: StoredValue<String>, t: Tr) -> impl IntoView {
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let agreed = RwSignal::new(false);
    let failed = RwSignal::new(false);

    let submit = Action::new(move |_: &()| {
        let (id, version, lang) = journey.with_untracked(|j| {
            (
                j.verification_id.clone(),
                j.consent.version.clone(),
                j.locale.clone(),
            )
        });
        let token = token.get_value();
        async move { accept_consent(id, token, version, Some(lang)).await }
    });
    Effect::new(move |_| match submit.value().get() {
        Some(Ok(JourneyState::Ready(next))) => journey.set(next),
        Some(Ok(JourneyState::Unavailable(_)) | Err(_)) => failed.set(true),
        None => {}
    });

    let consent = journey.with_untracked(|j| j.consent.clone());
    let can_continue = move || hydrated.get() && agreed.get() && !submit.pending().get();

    view! {
        <section class="card" aria-labelledby="title" data-step="welcome">
            <h1 id="title">{t.msg("welcome-title")}</h1>
            <p class="intro">{t.msg("welcome-intro")}</p>
            <p>{t.msg("welcome-needs")}</p>
            <ul class="needs">
                <li>{t.msg("need-document")}</li>
                <li>{t.msg("need-selfie")}</li>
            </ul>
            <h2>{t.msg("consent-heading")}</h2>
            <div
                class="consent-text"
                tabindex="0"
                role="region"
                aria-label=t.msg("consent-heading")
                lang=consent.lang
                data-consent-version=consent.version
            >
                {consent.body}
            </div>
            <label class="agree">
                <input
                    type="checkbox"
                    name="agree"
                    prop:checked=agreed
                    disabled=move || !hydrated.get()
                    on:change=move |ev| agreed.set(event_target_checked(&ev))
                />
                <span>{t.msg("consent-agree")}</span>
            </label>
            <Show when=move || failed.get()>
                <p class="error" role="alert">{t.msg("consent-failed")}</p>
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
                {t.msg("consent-continue")}
            </button>
        </section>
    }
}

/// Placeholder for the document step, which the journey issue fills in.
#[component]
fn DocumentStep(t: Tr) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="title" data-step="document">
            <h1 id="title" tabindex="-1">{t.msg("document-title")}</h1>
            <p>{t.msg("document-intro")}</p>
        </section>
    }
}
