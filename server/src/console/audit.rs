//! The audit log (admins only): the tenant's entries, newest first, and on request the check of
//! the whole hash chain (`kyra audit verify`).

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use leptos::prelude::*;

use super::session::SignedIn;
use super::views;
use super::{developers::admins_only, page};
use crate::secrets::Mode;
use crate::state::AppState;
use crate::store::ChainCheck;
use crate::verification::rfc3339;

const PAGE: i64 = 100;

#[derive(Debug, Default, serde::Deserialize)]
pub struct AuditQuery {
    #[serde(default)]
    mode: String,
    /// Entries older than this sequence number (the next page).
    before: Option<i64>,
    /// Walk the whole chain and show the result.
    #[serde(default)]
    verify: bool,
}

pub async fn log(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Query(query): Query<AuditQuery>,
) -> Response {
    if let Some(refusal) = admins_only(&signed_in) {
        return refusal;
    }
    let mode = Mode::parse(&query.mode);
    let tenant = &signed_in.operator.tenant_id;
    let entries = match state
        .store
        .audit_entries(Some(tenant), mode, query.before, PAGE)
        .await
    {
        Ok(entries) => entries,
        Err(err) => return super::cases::failed(&signed_in, err),
    };
    let chain = if query.verify {
        match state.store.verify_audit_chain().await {
            Ok(ChainCheck::Intact { entries, head }) => Some(format!(
                "The chain is intact: {entries} entries, head {}.",
                head.unwrap_or_else(|| "(empty)".into())
            )),
            Ok(ChainCheck::Broken { seq, why }) => {
                Some(format!("The chain is BROKEN at entry {seq}: {why}"))
            }
            Err(err) => return super::cases::failed(&signed_in, err),
        }
    } else {
        None
    };
    let next = (entries.len() as i64 == PAGE)
        .then(|| entries.last().map(|e| e.seq))
        .flatten()
        .map(|seq| format!("/console/audit?mode={}&before={seq}", query.mode));
    let rows = entries
        .into_iter()
        .map(|e| {
            let at = rfc3339(e.created_at);
            view! {
                <tr>
                    <td>{e.seq}</td>
                    <td><time datetime=at.clone()>{at.clone()}</time></td>
                    <td><code>{e.actor}</code></td>
                    <td><code>{e.action}</code></td>
                    <td>{e.target_type}" "<code>{e.target_id}</code></td>
                    <td>{e.mode.unwrap_or_default()}</td>
                    <td><code>{e.details}</code></td>
                </tr>
            }
        })
        .collect_view();
    let modes = ["test", "live"]
        .into_iter()
        .map(|m| view! { <option value=m selected=query.mode == m>{m}</option> })
        .collect_view();
    let body = view! {
        {views::top_bar(&signed_in.operator, &signed_in.csrf, "audit")}
        <main id="main">
            <h1>"Audit log"</h1>
            {chain.map(|text| view! { <p class="secret" role="status">{text}</p> })}
            <form method="get" action="/console/audit" class="filters">
                <div>
                    <label for="a-mode">"Mode"</label>
                    <select id="a-mode" name="mode">
                        <option value="">"any"</option>
                        {modes}
                    </select>
                </div>
                <button type="submit">"Filter"</button>
                <button type="submit" name="verify" value="true">"Verify the whole chain"</button>
            </form>
            <div class="table-wrap">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">"#"</th>
                            <th scope="col">"Time"</th>
                            <th scope="col">"Actor"</th>
                            <th scope="col">"Action"</th>
                            <th scope="col">"Target"</th>
                            <th scope="col">"Mode"</th>
                            <th scope="col">"Details"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {next.map(|href| view! { <p><a href=href rel="next">"Older entries"</a></p> })}
        </main>
    };
    page(StatusCode::OK, views::document("Audit log", body))
}
