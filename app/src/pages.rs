//! Pages that are not part of a journey.

use leptos::prelude::*;
use leptos::server::SharedValue;
use leptos_router::hooks::use_query_map;

use crate::i18n::{Texts, Tr};
use crate::journey::{Message, PageFrame};

/// Shown for any path Kyra does not serve. Sets a 404 status during server rendering.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    let lang = use_query_map().read_untracked().get("lang");
    // Formatted by the server in the language the request asks for, and read back by hydration.
    let texts = SharedValue::new(move || request_texts(lang)).into_inner();
    let t = Tr::new(texts);
    view! {
        <PageFrame t/>
        <Message title=t.msg("not-found-title") body=t.msg("not-found-body")/>
    }
}

#[cfg(feature = "ssr")]
fn request_texts(lang: Option<String>) -> Texts {
    use crate::i18n;
    i18n::texts(
        i18n::request_language(lang).negotiate(None, None),
        &i18n::PageArgs::default(),
    )
}

/// The browser only renders this page through hydration, which never runs this.
#[cfg(not(feature = "ssr"))]
fn request_texts(_lang: Option<String>) -> Texts {
    Texts::default()
}
