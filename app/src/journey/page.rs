//! Components of the journey.

use leptos::prelude::*;
use leptos_meta::{Html, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use super::embed::{ErrorCode, ErrorEvent, StepEvents};
use super::model::{sides_of, JourneyState, JourneyView, LinkProblem, LoadedJourney, Outage, Step};
use super::server::{accept_consent, choose_document, load_journey, retry_journey, submit_journey};
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
                let (texts, content, origins) = match page.await {
                    Ok(LoadedJourney { texts, content, parent_origins }) => (texts, content, parent_origins),
                    Err(_) => (last.get_value(), Err(Outage), Vec::new()),
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
                        let code = ErrorCode::of_problem(problem);
                        view! {
                            <LinkProblemView problem t/>
                            <ErrorEvent origins verification_id=id() code/>
                        }
                        .into_any()
                    }
                    Err(Outage) => {
                        set_status(503);
                        view! {
                            <Message title=t.msg("unavailable-title") body=t.msg("unavailable-body")/>
                            <ErrorEvent origins verification_id=id() code=ErrorCode::Unavailable/>
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
    // Only a change of step renders another step; updates within a step (a side uploaded) do not.
    let step = Memo::new(move |_| journey.with(|j| j.step));
    let current = move || match step.get() {
        Step::Welcome => view! { <ConsentStep journey token t/> }.into_any(),
        Step::Document => view! { <DocumentStep journey token t/> }.into_any(),
        Step::Upload => view! { <UploadStep journey token t/> }.into_any(),
        Step::Selfie => view! { <SelfieStep journey token t/> }.into_any(),
        Step::Review => view! { <ReviewStep journey token t/> }.into_any(),
        Step::Processing => view! { <ProcessingStep journey token t/> }.into_any(),
        Step::Outcome => view! { <OutcomeStep journey token t/> }.into_any(),
    };
    let brand = journey.with_untracked(|j| j.brand_stylesheet.clone());
    view! {
        {brand.map(|href| view! { <leptos_meta::Stylesheet href/> })}
        {current}
        <StepEvents journey/>
    }
}

/// `true` once the WASM bundle has hydrated the page: controls stay disabled until then, so a
/// click never goes to a page that cannot act on it yet.
fn hydrated() -> RwSignal<bool> {
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    hydrated
}

/// The id, token and locale every applicant call sends.
fn identity(
    journey: RwSignal<JourneyView>,
    token: StoredValue<String>,
) -> (String, String, String) {
    let (id, lang) = journey.with_untracked(|j| (j.verification_id.clone(), j.locale.clone()));
    (id, token.get_value(), lang)
}

/// Applies the answer of a server function: the next state, or `failed` when there is none.
fn apply(
    journey: RwSignal<JourneyView>,
    failed: RwSignal<bool>,
    answer: Option<Result<JourneyState, ServerFnError>>,
) {
    match answer {
        Some(Ok(JourneyState::Ready(next))) => journey.set(next),
        Some(Ok(JourneyState::Unavailable(_)) | Err(_)) => failed.set(true),
        None => {}
    }
}

/// The localized name of a document type.
fn document_name(t: Tr, document_type: &str) -> String {
    match document_type {
        "passport" => t.msg("doc-passport"),
        "national_id" => t.msg("doc-national-id"),
        "drivers_license" => t.msg("doc-drivers-license"),
        _ => t.msg("doc-residence-permit"),
    }
}

/// The localized name of a document side.
fn side_name(t: Tr, document_type: &str, side: &str) -> String {
    match (document_type, side) {
        ("passport", _) => t.msg("side-photo-page"),
        (_, "back") => t.msg("side-back"),
        _ => t.msg("side-front"),
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

/// Document choice: the type and issuing country, limited to what the flow accepts. The
/// countries are listed by code until hydration, then by their names in the page's language.
#[component]
fn DocumentStep(
    journey: RwSignal<JourneyView>,
    token: StoredValue<String>,
    t: Tr,
) -> impl IntoView {
    let hydrated = hydrated();
    let failed = RwSignal::new(false);
    let (types, countries, previous) = journey.with_untracked(|j| {
        (
            j.documents.types.clone(),
            j.documents.countries.clone(),
            j.choice.clone(),
        )
    });
    let document_type = RwSignal::new(
        previous
            .as_ref()
            .map(|c| c.document_type.clone())
            .or_else(|| types.first().cloned())
            .unwrap_or_default(),
    );
    let only_country = (countries.len() == 1).then(|| countries[0].clone());
    let country = RwSignal::new(
        previous
            .map(|c| c.country)
            .or(only_country)
            .unwrap_or_default(),
    );
    let names = RwSignal::new(
        countries
            .iter()
            .map(|c| (c.clone(), c.clone()))
            .collect::<Vec<_>>(),
    );
    #[cfg(feature = "hydrate")]
    {
        let lang = journey.with_untracked(|j| j.locale.clone());
        let codes = countries.clone();
        Effect::new(move |_| {
            if let Some(named) = super::capture::country_names(&lang, &codes) {
                names.set(named);
            }
        });
    }

    let submit = Action::new(move |_: &()| {
        let (id, token, lang) = identity(journey, token);
        let (kind, country) = (document_type.get_untracked(), country.get_untracked());
        async move { choose_document(id, token, kind, country, Some(lang)).await }
    });
    Effect::new(move |_| apply(journey, failed, submit.value().get()));
    let can_continue = move || {
        hydrated.get()
            && !country.get().is_empty()
            && !document_type.get().is_empty()
            && !submit.pending().get()
    };

    let options = types
        .into_iter()
        .map(|kind| {
            let value = kind.clone();
            let checked = kind.clone();
            let label = document_name(t, &kind);
            view! {
                <label class="choice">
                    <input
                        type="radio"
                        name="document_type"
                        value=value
                        prop:checked=move || document_type.get() == checked
                        disabled=move || !hydrated.get()
                        on:change=move |_| document_type.set(kind.clone())
                    />
                    <span>{label}</span>
                </label>
            }
        })
        .collect_view();

    view! {
        <section class="card" aria-labelledby="title" data-step="document">
            <h1 id="title" tabindex="-1">{t.msg("document-title")}</h1>
            <p>{t.msg("document-intro")}</p>
            <fieldset class="choices">
                <legend>{t.msg("document-type-label")}</legend>
                {options}
            </fieldset>
            <label class="field" for="kyra-country">{t.msg("document-country-label")}</label>
            <select
                id="kyra-country"
                name="country"
                prop:value=move || country.get()
                disabled=move || !hydrated.get()
                on:change=move |ev| country.set(event_target_value(&ev))
            >
                <option value="" selected=move || country.get().is_empty()>
                    {t.msg("document-country-placeholder")}
                </option>
                {move || {
                    names
                        .get()
                        .into_iter()
                        .map(|(code, name)| {
                            let selected = code == country.get_untracked();
                            view! { <option value=code selected=selected>{name}</option> }
                        })
                        .collect_view()
                }}
            </select>
            <p class="hint">
                {move || {
                    if sides_of(&document_type.get()).len() == 1 {
                        t.msg("document-sides-one")
                    } else {
                        t.msg("document-sides-two")
                    }
                }}
            </p>
            <Show when=move || failed.get()>
                <p class="error" role="alert">{t.msg("action-failed")}</p>
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

/// Upload of the next missing side: the live camera (rear camera, a card-shaped guide, preview
/// with "Retake" / "Use this photo") or a file picker and a drop zone, side by side. The browser
/// checks the photo's real type (magic bytes), size and pixel size before anything is sent and
/// explains a refusal in the page's language; the server checks again. Both send through the
/// same upload.
#[component]
fn UploadStep(journey: RwSignal<JourneyView>, token: StoredValue<String>, t: Tr) -> impl IntoView {
    let hydrated = hydrated();
    let (choice, limit) = journey.with_untracked(|j| (j.choice.clone(), j.upload_limit_bytes));
    let choice = choice.unwrap_or_default_choice();
    let document_type = choice.document_type.clone();
    let side = Memo::new({
        let document_type = document_type.clone();
        move |_| {
            journey.with(|j| {
                sides_of(&document_type)
                    .iter()
                    .find(|s| !j.uploaded.iter().any(|u| u == *s))
                    .copied()
                    .unwrap_or("front")
            })
        }
    });
    let error = RwSignal::new(None::<String>);
    let sending = RwSignal::new(false);
    let picked_name = RwSignal::new(None::<String>);
    let preview = RwSignal::new(None::<String>);
    // The shown photo came from the camera: "Retake" / "Use this photo" instead of the file's
    // "Choose another" / "Upload".
    let from_camera = RwSignal::new(false);
    let camera_state = RwSignal::new(CameraState::Off);
    let video = NodeRef::<leptos::html::Video>::new();
    #[cfg(feature = "hydrate")]
    let picked = StoredValue::new_local(None::<super::capture::Picked>);
    #[cfg(feature = "hydrate")]
    let camera = StoredValue::new_local(None::<super::camera::Camera>);
    #[cfg(not(feature = "hydrate"))]
    let _ = (token, limit, video);

    let problem_message = move |problem: super::capture::FileProblem| match problem {
        super::capture::FileProblem::WrongType => t.msg("upload-wrong-type"),
        super::capture::FileProblem::TooLarge => t.msg("upload-too-large"),
        super::capture::FileProblem::Damaged => t.msg("upload-damaged"),
        super::capture::FileProblem::TooSmall => t.msg("camera-too-small"),
    };
    #[cfg(not(feature = "hydrate"))]
    let _ = problem_message;

    let stop_camera = move || {
        #[cfg(feature = "hydrate")]
        camera.set_value(None);
        if matches!(
            camera_state.get_untracked(),
            CameraState::Live | CameraState::Starting
        ) {
            camera_state.set(CameraState::Off);
        }
    };
    let clear = move || {
        #[cfg(feature = "hydrate")]
        picked.update_value(|p| {
            if let Some(p) = p.take() {
                p.release();
            }
        });
        picked_name.set(None);
        preview.set(None);
        from_camera.set(false);
    };
    // Leaving the step turns the camera off (its light too) and frees the preview.
    on_cleanup(move || {
        #[cfg(feature = "hydrate")]
        camera.set_value(None);
        clear();
    });

    let open_camera = move || {
        clear();
        error.set(None);
        camera_state.set(CameraState::Starting);
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            let Some(element) = video.get_untracked() else {
                return;
            };
            match super::camera::open(&element, super::camera::Facing::Environment).await {
                Ok(open) => {
                    camera.set_value(Some(open));
                    camera_state.set(CameraState::Live);
                }
                Err(problem) => camera_state.set(CameraState::Problem(problem)),
            }
        });
    };
    let on_capture = move |_| {
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            let Some(element) = video.get_untracked() else {
                return;
            };
            let (width, height) = (element.video_width(), element.video_height());
            let Some(photo) = super::camera::grab(&element).await else {
                error.set(Some(t.msg("camera-failed")));
                return;
            };
            stop_camera();
            if !super::camera::large_enough(width, height) {
                error.set(Some(t.msg("camera-too-small")));
                return;
            }
            let taken = super::capture::taken(photo);
            picked_name.set(Some(taken.name.clone()));
            preview.set(taken.preview.clone());
            picked.set_value(Some(taken));
            from_camera.set(true);
        });
    };

    #[cfg(feature = "hydrate")]
    let take = move |file: Option<web_sys::File>| {
        let Some(file) = file else { return };
        stop_camera();
        clear();
        error.set(None);
        leptos::task::spawn_local(async move {
            match super::capture::inspect(file, limit).await {
                Ok(p) => {
                    picked_name.set(Some(p.name.clone()));
                    preview.set(p.preview.clone());
                    picked.set_value(Some(p));
                }
                Err(problem) => error.set(Some(problem_message(problem))),
            }
        });
    };
    let on_pick = move |_ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let input = _ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
            take(
                input
                    .as_ref()
                    .and_then(|i| i.files())
                    .and_then(|f| f.get(0)),
            );
            if let Some(input) = input {
                input.set_value("");
            }
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        #[cfg(feature = "hydrate")]
        take(
            ev.data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.get(0)),
        );
    };
    let on_send = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let Some(p) = picked.get_value() else { return };
            let (id, token, lang) = identity(journey, token);
            let side = side.get_untracked();
            sending.set(true);
            error.set(None);
            leptos::task::spawn_local(async move {
                let result =
                    super::capture::upload(&id, &token, &lang, side, &p.file, &p.name).await;
                sending.set(false);
                match result {
                    Ok(()) => {
                        clear();
                        journey.update(|j| {
                            j.uploaded.push(side.to_owned());
                            let done = j.choice.as_ref().is_some_and(|c| {
                                sides_of(&c.document_type)
                                    .iter()
                                    .all(|s| j.uploaded.iter().any(|u| u == s))
                            });
                            if done {
                                j.step = if j.face.as_ref().is_some_and(|f| !f.done) {
                                    Step::Selfie
                                } else {
                                    Step::Review
                                };
                            }
                        });
                    }
                    Err(message) => {
                        if message.is_some() {
                            journey.with_untracked(|j| {
                                super::embed::report(
                                    &j.leaving.allowed_origins,
                                    &j.verification_id,
                                    ErrorCode::UploadRefused,
                                )
                            });
                        }
                        error.set(Some(message.unwrap_or_else(|| t.msg("upload-failed"))))
                    }
                }
            });
        }
    };
    let on_retake_or_clear = move |_| {
        if from_camera.get_untracked() {
            open_camera();
        } else {
            clear();
        }
    };
    let title_type = document_type.clone();
    let live = move || {
        matches!(
            camera_state.get(),
            CameraState::Live | CameraState::Starting
        )
    };

    view! {
        <section class="card" aria-labelledby="title" data-step="upload" data-camera=move || camera_state.get().as_str()>
            <h1 id="title" tabindex="-1">{t.msg("upload-title")}</h1>
            <p class="intro">
                {document_name(t, &title_type)} " — "
                <span data-side=move || side.get()>{move || side_name(t, &document_type, side.get())}</span>
            </p>
            <div class="camera" hidden=move || !live()>
                <p class="hint">{t.msg("camera-hint-document")}</p>
                <div class="viewfinder">
                    <video node_ref=video autoplay playsinline muted aria-label=t.msg("camera-view")></video>
                    <div class="guide guide-card" aria-hidden="true"></div>
                </div>
                <div class="actions">
                    <button
                        type="button"
                        class="primary"
                        disabled=move || camera_state.get() != CameraState::Live
                        on:click=on_capture
                    >
                        {move || if camera_state.get() == CameraState::Live { t.msg("camera-capture") } else { t.msg("camera-starting") }}
                    </button>
                </div>
                <button type="button" class="link" on:click=move |_| stop_camera()>
                    {t.msg("camera-upload-instead")}
                </button>
            </div>
            {move || match camera_state.get() {
                CameraState::Problem(problem) => {
                    view! { <CameraProblemPanel problem t retry=Callback::new(move |_| open_camera())/> }.into_any()
                }
                _ => ().into_any(),
            }}
            <div hidden=live>
                <Show when=move || picked_name.get().is_none()>
                    <button
                        type="button"
                        class="primary camera-open"
                        disabled=move || !hydrated.get()
                        on:click=move |_| open_camera()
                    >
                        {t.msg("camera-open")}
                    </button>
                </Show>
                <p class="hint">{t.msg("upload-hint")}</p>
                <div
                    class="dropzone"
                    on:dragover=move |ev: leptos::ev::DragEvent| ev.prevent_default()
                    on:drop=on_drop
                >
                    <Show
                        when=move || picked_name.get().is_some()
                        fallback=move || {
                            view! {
                                <label class="button secondary" for="kyra-file">{t.msg("upload-choose")}</label>
                                <p class="hint">{t.msg("upload-drop")}</p>
                            }
                        }
                    >
                        {move || match preview.get() {
                            Some(url) => view! { <img class="preview" src=url alt=t.msg("upload-preview")/> }.into_any(),
                            None => view! { <p class="file-name">{picked_name.get()}</p> }.into_any(),
                        }}
                    </Show>
                    <input
                        id="kyra-file"
                        class="visually-hidden"
                        type="file"
                        name="file"
                        // Named also while a preview replaces its visible label.
                        aria-label=t.msg("upload-choose")
                        accept="image/jpeg,image/png,image/webp,image/heic,image/heif,application/pdf"
                        disabled=move || !hydrated.get()
                        on:change=on_pick
                    />
                </div>
            </div>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <Show when=move || picked_name.get().is_some()>
                <div class="actions">
                    <button type="button" class="secondary" disabled=move || sending.get() on:click=on_retake_or_clear>
                        {move || if from_camera.get() { t.msg("camera-retake") } else { t.msg("upload-choose-another") }}
                    </button>
                    <button type="button" class="primary" disabled=move || sending.get() on:click=on_send>
                        {move || match (sending.get(), from_camera.get()) {
                            (true, _) => t.msg("upload-sending"),
                            (false, true) => t.msg("camera-use"),
                            (false, false) => t.msg("upload-send"),
                        }}
                    </button>
                </div>
            </Show>
            <button
                type="button"
                class="link"
                disabled=move || !hydrated.get()
                on:click=move |_| journey.update(|j| j.step = Step::Document)
            >
                {t.msg("review-change")}
            </button>
            <super::handoff::HandoffPanel journey token t/>
        </section>
    }
}

/// Where the live camera of a step is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
// Problems are only found in the browser.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum CameraState {
    Off,
    Starting,
    Live,
    Problem(super::camera::CameraProblem),
}

impl CameraState {
    /// For `data-camera`, which tests and styles read.
    fn as_str(self) -> &'static str {
        use super::camera::CameraProblem as P;
        match self {
            CameraState::Off => "off",
            CameraState::Starting => "starting",
            CameraState::Live => "live",
            CameraState::Problem(P::Denied) => "denied",
            CameraState::Problem(P::NotFound) => "not-found",
            CameraState::Problem(P::InUse) => "in-use",
            CameraState::Problem(P::Insecure) => "insecure",
            CameraState::Problem(P::Webview) => "webview",
            CameraState::Problem(P::Failed) => "failed",
        }
    }
}

/// Why the camera cannot be used and how to fix that on this browser, with "Try again".
/// The step around it keeps its other way forward (the file upload, where allowed).
#[component]
fn CameraProblemPanel(
    problem: super::camera::CameraProblem,
    t: Tr,
    retry: Callback<()>,
) -> impl IntoView {
    use super::camera::{CameraProblem as P, Platform};
    #[cfg(feature = "hydrate")]
    let platform = super::camera::platform();
    #[cfg(not(feature = "hydrate"))]
    let platform = Platform::Other;
    let why = match problem {
        P::Denied => t.msg("camera-denied"),
        P::NotFound => t.msg("camera-not-found"),
        P::InUse => t.msg("camera-in-use"),
        P::Insecure => t.msg("camera-insecure"),
        P::Webview => t.msg("camera-webview"),
        P::Failed => t.msg("camera-failed"),
    };
    let fix = match (problem, platform) {
        (P::Denied | P::Failed, Platform::Ios) => t.msg("camera-fix-ios"),
        (P::Denied | P::Failed, Platform::Android) => t.msg("camera-fix-android"),
        (P::Denied | P::Failed, Platform::Chrome) => t.msg("camera-fix-chrome"),
        (P::Denied | P::Failed, Platform::Firefox) => t.msg("camera-fix-firefox"),
        (P::Denied | P::Failed, Platform::Safari) => t.msg("camera-fix-safari"),
        (P::Denied | P::Failed, Platform::Other) => t.msg("camera-fix-other"),
        (P::NotFound, _) => t.msg("camera-fix-not-found"),
        (P::InUse, _) => t.msg("camera-fix-in-use"),
        (P::Insecure, _) => t.msg("camera-fix-insecure"),
        (P::Webview, _) => t.msg("camera-fix-webview"),
    };
    view! {
        <div class="camera-problem" role="alert">
            <h2>{t.msg("camera-problem-title")}</h2>
            <p class="why">{why}</p>
            <p class="fix">{fix}</p>
            // "Continue on your phone" (QR handoff, app/src/journey/handoff.rs) renders here.
            <button type="button" class="secondary" on:click=move |_| retry.run(())>
                {t.msg("camera-try-again")}
            </button>
        </div>
    }
}

/// The selfie and the active liveness capture: the front camera with an oval guide; "Take
/// selfie" takes the portrait, asks the server for a challenge (a movement chosen at random),
/// shows it and films a short burst while the applicant makes it, then sends all of it. Without
/// a camera there is no way around it unless the flow allows uploading a selfie.
#[component]
fn SelfieStep(journey: RwSignal<JourneyView>, token: StoredValue<String>, t: Tr) -> impl IntoView {
    let hydrated = hydrated();
    let allow_upload = journey.with_untracked(|j| j.face.as_ref().is_some_and(|f| f.allow_upload));
    let limit = journey.with_untracked(|j| j.upload_limit_bytes);
    let camera_state = RwSignal::new(CameraState::Off);
    // The movement asked for while the burst is filmed (`turn_left`, …).
    let challenge = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let video = NodeRef::<leptos::html::Video>::new();
    #[cfg(feature = "hydrate")]
    let camera = StoredValue::new_local(None::<super::camera::Camera>);
    #[cfg(not(feature = "hydrate"))]
    let _ = (token, limit, video);
    on_cleanup(move || {
        #[cfg(feature = "hydrate")]
        camera.set_value(None);
    });

    let done = move || {
        journey.update(|j| {
            if let Some(face) = j.face.as_mut() {
                face.done = true;
            }
            j.step = Step::Review;
        })
    };
    #[cfg(not(feature = "hydrate"))]
    let _ = done;
    let open_camera = move || {
        error.set(None);
        camera_state.set(CameraState::Starting);
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            let Some(element) = video.get_untracked() else {
                return;
            };
            match super::camera::open(&element, super::camera::Facing::User).await {
                Ok(open) => {
                    camera.set_value(Some(open));
                    camera_state.set(CameraState::Live);
                }
                Err(problem) => camera_state.set(CameraState::Problem(problem)),
            }
        });
    };
    // The camera opens as the step appears: a selfie has no other way in.
    Effect::new(move |_| {
        if hydrated.get() {
            open_camera();
        }
    });
    let on_take = move |_| {
        #[cfg(feature = "hydrate")]
        {
            busy.set(true);
            error.set(None);
            leptos::task::spawn_local(async move {
                let failed = |message: Option<String>| {
                    challenge.set(None);
                    busy.set(false);
                    error.set(Some(message.unwrap_or_else(|| t.msg("camera-retry"))));
                };
                let Some(element) = video.get_untracked() else {
                    return;
                };
                let Some(selfie) = super::camera::grab(&element).await else {
                    return failed(None);
                };
                let (id, tok, lang) = identity(journey, token);
                let (challenge_id, kind) =
                    match super::capture::liveness_challenge(&id, &tok, &lang).await {
                        Ok(c) => c,
                        Err(message) => return failed(message),
                    };
                challenge.set(Some(kind));
                // Time to read the instruction before the movement is filmed.
                super::capture::sleep(1200).await;
                let frames = super::camera::burst(
                    &element,
                    super::camera::BURST_FRAMES,
                    super::camera::BURST_INTERVAL_MS,
                )
                .await;
                challenge.set(None);
                match super::capture::send_liveness(
                    &id,
                    &tok,
                    &lang,
                    Some(&challenge_id),
                    &selfie,
                    &frames,
                )
                .await
                {
                    Ok(()) => {
                        camera.set_value(None);
                        done();
                    }
                    Err(message) => failed(message),
                }
            });
        }
    };
    let on_pick = move |_ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let Some(file) = _ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                .and_then(|i| i.files())
                .and_then(|f| f.get(0))
            else {
                return;
            };
            busy.set(true);
            error.set(None);
            leptos::task::spawn_local(async move {
                let picked = match super::capture::inspect(file, limit).await {
                    Ok(p) => p,
                    Err(_) => {
                        busy.set(false);
                        error.set(Some(t.msg("upload-wrong-type")));
                        return;
                    }
                };
                let (id, tok, lang) = identity(journey, token);
                let sent =
                    super::capture::send_liveness(&id, &tok, &lang, None, &picked.file, &[]).await;
                picked.release();
                busy.set(false);
                match sent {
                    Ok(()) => {
                        camera.set_value(None);
                        done();
                    }
                    Err(message) => {
                        error.set(Some(message.unwrap_or_else(|| t.msg("upload-failed"))))
                    }
                }
            });
        }
    };
    let instruction = move |kind: &str| match kind {
        "turn_left" => t.msg("liveness-turn-left"),
        "turn_right" => t.msg("liveness-turn-right"),
        "move_closer" => t.msg("liveness-move-closer"),
        _ => t.msg("liveness-look-up"),
    };
    let live = move || {
        matches!(
            camera_state.get(),
            CameraState::Live | CameraState::Starting
        )
    };

    view! {
        <section class="card" aria-labelledby="title" data-step="selfie" data-camera=move || camera_state.get().as_str()>
            <h1 id="title" tabindex="-1">{t.msg("selfie-title")}</h1>
            <p class="intro">{t.msg("selfie-intro")}</p>
            <div class="camera" hidden=move || !live()>
                <div class="viewfinder selfie">
                    <video node_ref=video autoplay playsinline muted aria-label=t.msg("camera-view")></video>
                    <div class="guide guide-oval" aria-hidden="true"></div>
                </div>
                <p class="challenge" aria-live="assertive" data-challenge=move || challenge.get()>
                    {move || challenge.get().map(|kind| instruction(&kind))}
                </p>
                <button
                    type="button"
                    class="primary"
                    disabled=move || camera_state.get() != CameraState::Live || busy.get()
                    on:click=on_take
                >
                    {move || match (camera_state.get(), busy.get(), challenge.get().is_some()) {
                        (_, true, true) => t.msg("liveness-recording"),
                        (_, true, false) => t.msg("upload-sending"),
                        (CameraState::Live, false, _) => t.msg("selfie-take"),
                        _ => t.msg("camera-starting"),
                    }}
                </button>
            </div>
            {move || match camera_state.get() {
                CameraState::Problem(problem) => {
                    view! { <CameraProblemPanel problem t retry=Callback::new(move |_| open_camera())/> }.into_any()
                }
                _ => ().into_any(),
            }}
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            {allow_upload
                .then(|| {
                    view! {
                        <label class="button secondary" for="kyra-selfie-file">{t.msg("camera-upload-instead")}</label>
                        <input
                            id="kyra-selfie-file"
                            class="visually-hidden"
                            type="file"
                            accept="image/jpeg,image/png,image/webp"
                            disabled=move || !hydrated.get() || busy.get()
                            on:change=on_pick
                        />
                    }
                })}
        </section>
    }
}

/// Stand-in for a missing choice (a view is only at upload with one; never shown otherwise).
trait ChoiceOrDefault {
    fn unwrap_or_default_choice(self) -> super::model::DocumentChoice;
}

impl ChoiceOrDefault for Option<super::model::DocumentChoice> {
    fn unwrap_or_default_choice(self) -> super::model::DocumentChoice {
        self.unwrap_or(super::model::DocumentChoice {
            document_type: "passport".into(),
            country: String::new(),
        })
    }
}

/// What will be sent, then "send for checking".
#[component]
fn ReviewStep(journey: RwSignal<JourneyView>, token: StoredValue<String>, t: Tr) -> impl IntoView {
    let hydrated = hydrated();
    let failed = RwSignal::new(false);
    let (choice, uploaded, face) = journey.with_untracked(|j| {
        (
            j.choice.clone().unwrap_or_default_choice(),
            j.uploaded.clone(),
            j.face.is_some(),
        )
    });
    let submit = Action::new(move |_: &()| {
        let (id, token, lang) = identity(journey, token);
        async move { submit_journey(id, token, Some(lang)).await }
    });
    Effect::new(move |_| apply(journey, failed, submit.value().get()));
    let sides = uploaded
        .iter()
        .map(|s| view! { <li>{side_name(t, &choice.document_type, s)}</li> })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="title" data-step="review">
            <h1 id="title" tabindex="-1">{t.msg("review-title")}</h1>
            <p>{t.msg("review-intro")}</p>
            <dl class="summary">
                <dt>{t.msg("document-type-label")}</dt>
                <dd>{document_name(t, &choice.document_type)}</dd>
                <dt>{t.msg("document-country-label")}</dt>
                <dd data-country=choice.country.clone()>{choice.country.clone()}</dd>
                <dt>{t.msg("review-uploaded")}</dt>
                <dd><ul>{sides}</ul></dd>
                {face.then(|| view! { <dt>{t.msg("review-selfie")}</dt><dd data-selfie="taken">{t.msg("review-selfie-done")}</dd> })}
            </dl>
            <Show when=move || failed.get()>
                <p class="error" role="alert">{t.msg("action-failed")}</p>
            </Show>
            <button
                type="button"
                class="primary"
                disabled=move || !hydrated.get() || submit.pending().get()
                on:click=move |_| {
                    failed.set(false);
                    submit.dispatch(());
                }
            >
                {t.msg("review-submit")}
            </button>
            <button
                type="button"
                class="link"
                disabled=move || !hydrated.get()
                on:click=move |_| journey.update(|j| j.step = Step::Document)
            >
                {t.msg("review-change")}
            </button>
        </section>
    }
}

/// The checks running, each with its real state, followed live; the outcome when it is there.
#[component]
fn ProcessingStep(
    journey: RwSignal<JourneyView>,
    token: StoredValue<String>,
    t: Tr,
) -> impl IntoView {
    let checks = RwSignal::new(Vec::<(String, String)>::new());
    #[cfg(feature = "hydrate")]
    {
        let (id, tok, _) = identity(journey, token);
        let reload = Action::new_local(move |_: &()| {
            let (id, tok, lang) = identity(journey, token);
            async move { load_journey(id, tok, Some(lang)).await }
        });
        Effect::new(move |_| {
            if let Some(Ok(LoadedJourney {
                content: Ok(JourneyState::Ready(next)),
                ..
            })) = reload.value().get()
            {
                journey.set(next);
            }
        });
        let follow = super::capture::follow(
            &id,
            &tok,
            move |list| {
                checks.set(list.into_iter().map(|c| (c.kind, c.status)).collect());
            },
            move || {
                reload.dispatch(());
            },
        );
        let follow = send_wrapper::SendWrapper::new(std::cell::RefCell::new(Some(follow)));
        on_cleanup(move || drop(follow.borrow_mut().take()));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (journey, token, load_journey);
    let check_name = move |kind: &str| match kind {
        "document" => t.msg("check-document"),
        "sanctions" => t.msg("check-sanctions"),
        "pep" => t.msg("check-pep"),
        "duplicates" => t.msg("check-duplicates"),
        "selfie" | "liveness" | "face_match" => t.msg("check-face"),
        _ => t.msg("check-other"),
    };
    let check_state = move |status: &str| match status {
        "queued" => t.msg("check-waiting"),
        "running" => t.msg("check-running"),
        _ => t.msg("check-done"),
    };
    view! {
        <section class="card" aria-labelledby="title" data-step="processing" aria-busy="true">
            <h1 id="title" tabindex="-1">{t.msg("processing-title")}</h1>
            <p>{t.msg("processing-intro")}</p>
            <ul class="checks" aria-live="polite">
                {move || {
                    checks
                        .get()
                        .into_iter()
                        .map(|(kind, status)| {
                            view! {
                                <li data-check=kind.clone() data-state=status.clone()>
                                    <span>{check_name(&kind)}</span>
                                    " "
                                    <span class="state">{check_state(&status)}</span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </section>
    }
}

/// The outcome: approved, declined (with what to fix and "try again" while attempts are left),
/// or "we'll be in touch". Tells a framing parent page, and offers the tenant's `return_url`.
#[component]
fn OutcomeStep(journey: RwSignal<JourneyView>, token: StoredValue<String>, t: Tr) -> impl IntoView {
    let hydrated = hydrated();
    let failed = RwSignal::new(false);
    let (outcome, leaving, id) = journey.with_untracked(|j| {
        (
            j.outcome.clone(),
            j.leaving.clone(),
            j.verification_id.clone(),
        )
    });
    let status = outcome
        .as_ref()
        .map(|o| o.status.clone())
        .unwrap_or_default();
    let can_retry = outcome.as_ref().is_some_and(|o| o.can_retry);
    let reasons = outcome.map(|o| o.reasons).unwrap_or_default();
    #[cfg(feature = "hydrate")]
    if !can_retry {
        let (origins, status) = (leaving.allowed_origins.clone(), status.clone());
        Effect::new(move |_| super::capture::notify_parent(&origins, &id, &status));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = id;
    let retry = Action::new(move |_: &()| {
        let (id, token, lang) = identity(journey, token);
        async move { retry_journey(id, token, Some(lang)).await }
    });
    Effect::new(move |_| apply(journey, failed, retry.value().get()));

    let (title, body) = match (status.as_str(), can_retry) {
        ("approved", _) => (
            t.msg("outcome-approved-title"),
            t.msg("outcome-approved-body"),
        ),
        ("declined", true) => (t.msg("outcome-retry-title"), t.msg("outcome-retry-body")),
        ("declined", false) => (t.msg("outcome-final-title"), t.msg("outcome-final-body")),
        _ => (t.msg("outcome-review-title"), t.msg("outcome-review-body")),
    };
    let reasons = reasons
        .into_iter()
        .map(|r| view! { <li>{r}</li> })
        .collect_view();
    let continue_url = (!can_retry).then_some(leaving.continue_url).flatten();
    view! {
        <section class="card" aria-labelledby="title" data-step="outcome" data-status=status>
            <h1 id="title" tabindex="-1">{title}</h1>
            <p>{body}</p>
            <ul class="reasons">{reasons}</ul>
            <Show when=move || failed.get()>
                <p class="error" role="alert">{t.msg("action-failed")}</p>
            </Show>
            {can_retry
                .then(|| {
                    view! {
                        <button
                            type="button"
                            class="primary"
                            disabled=move || !hydrated.get() || retry.pending().get()
                            on:click=move |_| {
                                failed.set(false);
                                retry.dispatch(());
                            }
                        >
                            {t.msg("outcome-retry-button")}
                        </button>
                    }
                })}
            {continue_url
                .map(|url| {
                    view! { <a class="button primary" href=url>{t.msg("outcome-continue")}</a> }
                })}
        </section>
    }
}
