//! Kyra's user interface: the hosted applicant journey (and, later, the operator console).
//!
//! The same components render on the server (feature `ssr`) and hydrate in the browser (feature
//! `hydrate`). This crate holds no secrets and performs no I/O of its own: server functions reach
//! the server through the [`journey::JourneyBackend`] trait, which the `kyra` binary implements.

pub mod i18n;
pub mod journey;
mod pages;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

/// The HTML document around every page. Only the server calls it. Each page sets `<html lang dir>`
/// and the title in its own locale (`journey::PageFrame`).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="robots" content="noindex, nofollow"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <HashedStylesheet options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The root component: routes of the applicant journey.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Router>
            <main class="kyra-main">
                <Routes fallback=pages::NotFound>
                    // `Async` renders the whole page before the first byte so that a bad link can
                    // still answer with its real status code (404/410) instead of a streamed 200.
                    <Route path=path!("/v/:id") view=journey::JourneyPage ssr=SsrMode::Async/>
                    <Route path=path!("/v/:id/handoff") view=journey::HandoffPage ssr=SsrMode::Async/>
                </Routes>
            </main>
        </Router>
    }
}
