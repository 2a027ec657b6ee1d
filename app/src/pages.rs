//! Pages that are not part of a journey.

use leptos::prelude::*;

use crate::text;

/// Shown for any path Kyra does not serve. Sets a 404 status during server rendering.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <section class="card" aria-labelledby="title">
            <h1 id="title">{text::NOT_FOUND_TITLE}</h1>
            <p>{text::NOT_FOUND_BODY}</p>
        </section>
    }
}
