//! Live progress of a submitted verification for the applicant's page: server-sent events at
//! `GET /v/{id}/progress?token=…`, and the same snapshot as JSON at `GET /v/{id}/status?token=…`
//! for browsers or proxies where event streams do not get through (poll every 2–3 s).
//!
//! Authenticated by the client token like the journey itself (no cookies, so it works inside
//! iframes and webviews). A snapshot carries only what the applicant may see: the status, each
//! check's type and status, and the reason codes of a retryable decline — never scores, list
//! hits or other applicants.

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};

use crate::ids::VerificationId;
use crate::secrets::SecretHash;
use crate::state::AppState;
use crate::verification::{DeclineType, Status};

#[derive(Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    token: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Snapshot {
    pub status: Status,
    pub decline_type: Option<DeclineType>,
    pub attempts_left: i64,
    /// Reason codes the applicant can act on (a retryable decline); empty otherwise.
    pub reason_codes: Vec<String>,
    pub checks: Vec<CheckProgress>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CheckProgress {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub status: &'static str,
}

impl Snapshot {
    /// Nothing more will happen without the applicant or a person: the stream can end.
    fn finished(&self) -> bool {
        self.status.is_terminal() || self.status == Status::NeedsReview
    }
}

/// `None` for an unknown id or a wrong token: both answer 404, revealing nothing.
async fn snapshot(state: &AppState, id: &str, token: &str) -> Result<Option<Snapshot>, Response> {
    let internal = |_| StatusCode::INTERNAL_SERVER_ERROR.into_response();
    let Some(id) = VerificationId::parse(id) else {
        return Ok(None);
    };
    let Some(v) = state.store.verification(&id).await.map_err(internal)? else {
        return Ok(None);
    };
    if token.is_empty() || !v.client_token_hash.matches(&SecretHash::of(token)) {
        return Ok(None);
    }
    let checks = state
        .store
        .checks_of_attempt(&v.id, v.attempt)
        .await
        .map_err(internal)?;
    let retry = v.status == Status::Declined && v.decline_type == Some(DeclineType::Retry);
    Ok(Some(Snapshot {
        status: v.status,
        decline_type: v.decline_type,
        attempts_left: v.attempts_left(),
        reason_codes: if retry {
            v.reason_codes.clone()
        } else {
            Vec::new()
        },
        checks: checks
            .iter()
            .map(|c| CheckProgress {
                kind: c.kind.as_str(),
                status: c.state.as_str(),
            })
            .collect(),
    }))
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, [(header::CACHE_CONTROL, "no-store")]).into_response()
}

/// `GET /v/{id}/status?token=…`: one snapshot as JSON.
pub async fn status(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<TokenQuery>,
) -> Response {
    match snapshot(&state, &id, &query.token).await {
        Ok(Some(s)) => ([(header::CACHE_CONTROL, "no-store")], Json(s)).into_response(),
        Ok(None) => not_found(),
        Err(response) => response,
    }
}

/// How often the stream looks for changes. Checks take from milliseconds to about a second, so
/// a quarter second keeps the page honest without loading the database.
const TICK: Duration = Duration::from_millis(250);

/// `GET /v/{id}/progress?token=…`: a `progress` event whenever the snapshot changes, then one
/// `outcome` event when processing ends, then the stream closes. At most ten minutes.
pub async fn progress(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<TokenQuery>,
) -> Response {
    let first = match snapshot(&state, &id, &query.token).await {
        Ok(Some(s)) => s,
        Ok(None) => return not_found(),
        Err(response) => return response,
    };
    let deadline = tokio::time::Instant::now() + Duration::from_secs(600);
    let stream = futures_util::stream::unfold(
        (state, id, query.token, Some(first), None::<Snapshot>, false),
        move |(state, id, token, mut next, mut last, done)| async move {
            if done {
                return None;
            }
            loop {
                let current = match next.take() {
                    Some(s) => s,
                    None => {
                        tokio::time::sleep(TICK).await;
                        if tokio::time::Instant::now() > deadline {
                            return None;
                        }
                        match snapshot(&state, &id, &token).await {
                            Ok(Some(s)) => s,
                            // The link was replaced or the row is gone: end the stream.
                            _ => return None,
                        }
                    }
                };
                if last.as_ref() == Some(&current) {
                    continue;
                }
                let finished = current.finished();
                let event = Event::default()
                    .event(if finished { "outcome" } else { "progress" })
                    .json_data(&current)
                    .unwrap_or_default();
                last = Some(current);
                return Some((
                    Ok::<Event, Infallible>(event),
                    (state, id, token, None, last, finished),
                ));
            }
        },
    );
    let mut response = Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response();
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    response
}
