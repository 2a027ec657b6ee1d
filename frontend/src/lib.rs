//! Hydrates Kyra's server-rendered pages in the browser. Kept tiny on purpose: all UI lives in
//! `kyra-app`.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(kyra_app::App);
}
