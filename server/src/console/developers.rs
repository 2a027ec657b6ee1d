//! Developers (admins only): the tenant's API keys — create, shown once; revoke; last use — and
//! the health of its webhook endpoints.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use leptos::prelude::*;

use super::session::SignedIn;
use super::views;
use super::{page, refused, stale_form};
use crate::ids::KeyId;
use crate::secrets::Mode;
use crate::state::AppState;
use crate::store::{EndpointRecord, KeySummary};
use crate::verification::rfc3339;

/// Endpoints shown per mode.
const ENDPOINTS: i64 = 100;

pub async fn overview(State(state): State<AppState>, signed_in: SignedIn) -> Response {
    render(&state, &signed_in, StatusCode::OK, None).await
}

/// The page, with a key that was just created shown once.
async fn render(
    state: &AppState,
    signed_in: &SignedIn,
    status: StatusCode,
    created: Option<(String, Mode)>,
) -> Response {
    if let Some(refusal) = admins_only(signed_in) {
        return refusal;
    }
    let tenant = &signed_in.operator.tenant_id;
    let loaded = tokio::try_join!(
        state.store.api_keys_of_tenant(tenant),
        state
            .store
            .endpoints_for_tenant(tenant, Mode::Live, None, ENDPOINTS),
        state
            .store
            .endpoints_for_tenant(tenant, Mode::Test, None, ENDPOINTS),
    );
    let (keys, mut endpoints, test_endpoints) = match loaded {
        Ok(loaded) => loaded,
        Err(err) => return super::cases::failed(signed_in, err),
    };
    endpoints.extend(test_endpoints);
    let body = view! {
        {views::top_bar(&signed_in.operator, &signed_in.csrf, "developers")}
        <main id="main">
            <h1>"Developers"</h1>
            {created.map(|(plaintext, mode)| view! {
                <section class="secret" aria-labelledby="h-new-key" role="status">
                    <h2 id="h-new-key">{format!("New {} API key", mode.as_str())}</h2>
                    <p>"Copy it now: Kyra keeps only its hash and cannot show it again."</p>
                    <p><code id="new-key">{plaintext}</code></p>
                </section>
            })}
            <section aria-labelledby="h-keys">
                <h2 id="h-keys">"API keys"</h2>
                {keys_table(&keys, &signed_in.csrf)}
                <form method="post" action="/console/developers/keys" class="filters">
                    <input type="hidden" name="csrf" value=signed_in.csrf.clone()/>
                    <div>
                        <label for="key-mode">"Mode"</label>
                        <select id="key-mode" name="mode">
                            <option value="test">"test"</option>
                            <option value="live">"live"</option>
                        </select>
                    </div>
                    <button type="submit">"Create an API key"</button>
                </form>
            </section>
            <section aria-labelledby="h-hooks">
                <h2 id="h-hooks">"Webhook endpoints"</h2>
                {endpoints_table(&endpoints)}
            </section>
        </main>
    };
    page(status, views::document("Developers", body))
}

fn keys_table(keys: &[KeySummary], csrf: &str) -> impl IntoView {
    if keys.is_empty() {
        return view! { <p class="empty">"No API keys."</p> }.into_any();
    }
    let rows = keys
        .iter()
        .map(|k| {
            let revoke = k.revoked_at.is_none().then(|| {
                let action = format!("/console/developers/keys/{}/revoke", k.id);
                let label = format!("Revoke {}", k.id);
                view! {
                    <form method="post" action=action>
                        <input type="hidden" name="csrf" value=csrf.to_owned()/>
                        <button type="submit" aria-label=label>"Revoke"</button>
                    </form>
                }
            });
            let state = match k.revoked_at {
                Some(at) => format!("revoked {}", rfc3339(at)),
                None => "active".to_owned(),
            };
            view! {
                <tr>
                    <td><code>{k.id.to_string()}</code></td>
                    <td><code>{format!("{}…", k.prefix)}</code></td>
                    <td>{k.mode.as_str()}</td>
                    <td><code>{k.flow_id.to_string()}</code></td>
                    <td>{rfc3339(k.created_at)}</td>
                    <td>{k.last_used_at.map(rfc3339).unwrap_or_else(|| "never".into())}</td>
                    <td>{state}</td>
                    <td>{revoke}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table>
                <thead>
                    <tr>
                        <th scope="col">"Key"</th>
                        <th scope="col">"Prefix"</th>
                        <th scope="col">"Mode"</th>
                        <th scope="col">"Flow"</th>
                        <th scope="col">"Created"</th>
                        <th scope="col">"Last used"</th>
                        <th scope="col">"State"</th>
                        <th scope="col">"Action"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

fn endpoints_table(endpoints: &[EndpointRecord]) -> impl IntoView {
    if endpoints.is_empty() {
        return view! { <p class="empty">"No webhook endpoints. Create them with the API (POST /api/v1/webhook-endpoints)."</p> }
            .into_any();
    }
    let rows = endpoints
        .iter()
        .map(|e| {
            let health = match (&e.disabled_at, e.failure_streak) {
                (Some(_), _) => format!(
                    "disabled: {}",
                    e.disabled_reason.clone().unwrap_or_default()
                ),
                (None, 0) => "healthy".to_owned(),
                (None, n) => format!("failing ({n} in a row)"),
            };
            let events = if e.events.is_empty() {
                "all".to_owned()
            } else {
                e.events.join(", ")
            };
            view! {
                <tr>
                    <td><code>{e.id.to_string()}</code></td>
                    <td>{e.mode.as_str()}</td>
                    <td>{e.url.clone()}</td>
                    <td>{events}</td>
                    <td>{health}</td>
                    <td>{e.last_success_at.map(rfc3339).unwrap_or_else(|| "—".into())}</td>
                    <td>{e.last_failure_at.map(rfc3339).unwrap_or_else(|| "—".into())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table>
                <thead>
                    <tr>
                        <th scope="col">"Endpoint"</th>
                        <th scope="col">"Mode"</th>
                        <th scope="col">"URL"</th>
                        <th scope="col">"Events"</th>
                        <th scope="col">"Health"</th>
                        <th scope="col">"Last success"</th>
                        <th scope="col">"Last failure"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

#[derive(serde::Deserialize)]
pub struct NewKeyForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    mode: String,
}

/// Creates a key bound to the tenant's default flow and shows it once.
pub async fn create_key(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Form(form): Form<NewKeyForm>,
) -> Response {
    if let Some(refusal) = stale_form(&signed_in, &form.csrf) {
        return refusal;
    }
    if let Some(refusal) = admins_only(&signed_in) {
        return refusal;
    }
    let Some(mode) = Mode::parse(&form.mode) else {
        return refused(StatusCode::UNPROCESSABLE_ENTITY, "Choose test or live.");
    };
    let tenant = &signed_in.operator.tenant_id;
    let flow = match state.store.default_flow(tenant).await {
        Ok(Some(flow)) => flow,
        Ok(None) => return refused(StatusCode::CONFLICT, "The tenant has no flow."),
        Err(err) => return super::cases::failed(&signed_in, err),
    };
    let actor = format!("operator:{}", signed_in.operator.id);
    match state
        .store
        .create_api_key(tenant, &flow.id, mode, &actor)
        .await
    {
        Ok(key) => {
            render(
                &state,
                &signed_in,
                StatusCode::CREATED,
                Some((key.plaintext, mode)),
            )
            .await
        }
        Err(err) => super::cases::failed(&signed_in, err),
    }
}

#[derive(serde::Deserialize)]
pub struct CsrfOnly {
    #[serde(default)]
    csrf: String,
}

/// Revokes one of the tenant's keys; another tenant's key is not found.
pub async fn revoke_key(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    Form(form): Form<CsrfOnly>,
) -> Response {
    if let Some(refusal) = stale_form(&signed_in, &form.csrf) {
        return refusal;
    }
    if let Some(refusal) = admins_only(&signed_in) {
        return refusal;
    }
    let tenant = &signed_in.operator.tenant_id;
    let Some(id) = KeyId::parse(&id) else {
        return super::cases::not_found(&signed_in);
    };
    let owned = match state.store.api_keys_of_tenant(tenant).await {
        Ok(keys) => keys.iter().any(|k| k.id == id),
        Err(err) => return super::cases::failed(&signed_in, err),
    };
    if !owned {
        return super::cases::not_found(&signed_in);
    }
    let actor = format!("operator:{}", signed_in.operator.id);
    match state.store.revoke_api_key(&id, &actor).await {
        Ok(_) => Redirect::to("/console/developers").into_response(),
        Err(err) => super::cases::failed(&signed_in, err),
    }
}

/// The refusal for operators whose role does not administer the tenant.
pub(super) fn admins_only(signed_in: &SignedIn) -> Option<Response> {
    (!signed_in.operator.role.can_administer()).then(|| {
        page(
            StatusCode::FORBIDDEN,
            views::message(
                &signed_in.operator,
                &signed_in.csrf,
                "Not allowed",
                "Only admins manage API keys and webhooks and read the audit log.".into(),
            ),
        )
    })
}
