//! Signing in and out.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use tower_sessions::Session;

use super::session::{SignedIn, CSRF, EPOCH, OPERATOR, PENDING, PENDING_AT, SEEN_AT, SIGNED_IN_AT};
use super::{page, refused, stale_form, views};
use crate::operators::{decoy_hash, password_matches, totp, Email};
use crate::state::AppState;
use crate::store::{now_ms, AccessChange, AuditEntry, OperatorRecord};

/// A signed-in operator who opens the sign-in page goes to the queue instead.
pub async fn form(signed_in: Option<SignedIn>) -> Response {
    if signed_in.is_some() {
        return Redirect::to("/console").into_response();
    }
    page(StatusCode::OK, views::login(None, String::new()))
}

#[derive(serde::Deserialize)]
pub struct Credentials {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

const WRONG: &str = "The email or the password is wrong.";

pub async fn sign_in(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    session: Session,
    Form(form): Form<Credentials>,
) -> Response {
    let typed = form.email.trim().to_owned();
    let Ok(email) = Email::parse(&form.email) else {
        return page(
            StatusCode::UNAUTHORIZED,
            views::login(Some(WRONG.into()), typed),
        );
    };
    let now = now_ms();
    let account_key = email.to_string();
    let address_key = peer.ip().to_string();
    let (accounts, addresses) = (&state.console.accounts, &state.console.addresses);
    if let Some(until) = accounts
        .blocked_until(&account_key, now)
        .max(addresses.blocked_until(&address_key, now))
    {
        let minutes = ((until - now) / 60_000).max(1);
        let text = format!(
            "Too many failed sign-ins. Try again in {minutes} minute{}.",
            if minutes == 1 { "" } else { "s" }
        );
        let mut response = page(
            StatusCode::TOO_MANY_REQUESTS,
            views::login(Some(text), typed),
        );
        if let Ok(value) = ((until - now) / 1000).max(1).to_string().parse() {
            response
                .headers_mut()
                .insert(axum::http::header::RETRY_AFTER, value);
        }
        return response;
    }
    let operator = match state.store.operator_by_email(&email).await {
        Ok(operator) => operator,
        Err(err) => {
            tracing::error!(error = %err, "console sign-in: reading the operator failed");
            return refused(
                StatusCode::SERVICE_UNAVAILABLE,
                "The console cannot reach its database; try again shortly.",
            );
        }
    };
    // argon2 is deliberately slow: off the async workers. An unknown account is checked
    // against a decoy hash so that it takes as long as a wrong password.
    let stored = operator
        .as_ref()
        .map_or_else(|| decoy_hash().to_owned(), |o| o.password_hash.clone());
    let password = form.password;
    let matches = tokio::task::spawn_blocking(move || password_matches(&stored, &password))
        .await
        .unwrap_or(false);
    let operator = match operator {
        Some(operator) if matches && operator.is_active() => operator,
        other => {
            accounts.failed(&account_key, now);
            addresses.failed(&address_key, now);
            if let Some(known) = other {
                let entry = AuditEntry::new(
                    format!("operator:{}", known.id),
                    "operator.sign_in_refused",
                    "operator",
                    known.id.as_str(),
                )
                .tenant(&known.tenant_id, None)
                .details(serde_json::json!({
                    "why": if known.is_active() { "wrong password" } else { "disabled" },
                }));
                if let Err(err) = state.store.append_audit(&entry).await {
                    tracing::warn!(error = %err, "auditing a refused sign-in failed");
                }
            }
            tracing::info!("console sign-in refused");
            return page(
                StatusCode::UNAUTHORIZED,
                views::login(Some(WRONG.into()), typed),
            );
        }
    };
    accounts.forget(&account_key);
    if operator.has_totp() {
        // Half signed in: the password matched; the session remembers whose code to ask for
        // (under a new id), and nothing else until the code matches.
        let pending: [(&str, serde_json::Value); 2] = [
            (PENDING, operator.id.as_str().into()),
            (PENDING_AT, now.into()),
        ];
        if session.cycle_id().await.is_err() {
            return unavailable();
        }
        for (key, value) in pending {
            if session.insert(key, value).await.is_err() {
                return unavailable();
            }
        }
        return Redirect::to("/console/login/code").into_response();
    }
    complete(&state, &session, &operator, "password").await
}

/// Signs the operator in: a new session id (no session fixation) carrying what the extractor
/// checks, an audit entry and the last sign-in time.
async fn complete(
    state: &AppState,
    session: &Session,
    operator: &OperatorRecord,
    factors: &'static str,
) -> Response {
    let now = now_ms();
    if session.cycle_id().await.is_err() {
        return unavailable();
    }
    let _ = session.remove_value(PENDING).await;
    let _ = session.remove_value(PENDING_AT).await;
    let values: [(&str, serde_json::Value); 5] = [
        (OPERATOR, operator.id.as_str().into()),
        (EPOCH, operator.session_epoch.into()),
        (SIGNED_IN_AT, now.into()),
        (SEEN_AT, now.into()),
        (CSRF, crate::secrets::new_csrf_token().into()),
    ];
    for (key, value) in values {
        if session.insert(key, value).await.is_err() {
            return unavailable();
        }
    }
    let entry = AuditEntry::new(
        format!("operator:{}", operator.id),
        "operator.signed_in",
        "operator",
        operator.id.as_str(),
    )
    .tenant(&operator.tenant_id, None)
    .details(serde_json::json!({ "factors": factors }));
    if let Err(err) = state.store.append_audit(&entry).await {
        tracing::warn!(error = %err, "auditing a sign-in failed");
    }
    if let Err(err) = state.store.record_login(&operator.id, now).await {
        tracing::warn!(error = %err, "recording the sign-in time failed");
    }
    Redirect::to("/console").into_response()
}

/// How long the second step may follow the password.
const PENDING_MS: i64 = 5 * 60 * 1000;

/// The operator whose password matched in this session a moment ago, if any.
async fn pending_operator(state: &AppState, session: &Session) -> Option<OperatorRecord> {
    let id = session.get::<String>(PENDING).await.ok().flatten()?;
    let at = session.get::<i64>(PENDING_AT).await.ok().flatten()?;
    if now_ms() - at > PENDING_MS {
        return None;
    }
    let id = crate::ids::OperatorId::parse(&id)?;
    let operator = state.store.operator(&id).await.ok().flatten()?;
    (operator.is_active() && operator.has_totp()).then_some(operator)
}

/// `/console/login/code`: the second step of a sign-in with TOTP.
pub async fn code_form(State(state): State<AppState>, session: Session) -> Response {
    match pending_operator(&state, &session).await {
        Some(_) => page(StatusCode::OK, views::second_factor(None)),
        None => Redirect::to("/console/login").into_response(),
    }
}

#[derive(serde::Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
}

/// Accepts a current authenticator code (once per time step) or an unused recovery code.
pub async fn code(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    session: Session,
    Form(form): Form<CodeForm>,
) -> Response {
    let Some(operator) = pending_operator(&state, &session).await else {
        return Redirect::to("/console/login").into_response();
    };
    let now = now_ms();
    let account_key = operator.email.to_string();
    let address_key = peer.ip().to_string();
    let (accounts, addresses) = (&state.console.accounts, &state.console.addresses);
    if accounts
        .blocked_until(&account_key, now)
        .max(addresses.blocked_until(&address_key, now))
        .is_some()
    {
        let _ = session.flush().await;
        return page(
            StatusCode::TOO_MANY_REQUESTS,
            views::login(
                Some("Too many failed sign-ins. Try again later.".into()),
                String::new(),
            ),
        );
    }
    let accepted = match second_factor(&state, &operator, &form.code).await {
        Ok(accepted) => accepted,
        Err(err) => {
            tracing::error!(error = %err, "console sign-in: checking the second factor failed");
            return unavailable();
        }
    };
    match accepted {
        Some(factor) => {
            accounts.forget(&account_key);
            complete(&state, &session, &operator, factor).await
        }
        None => {
            accounts.failed(&account_key, now);
            addresses.failed(&address_key, now);
            let entry = AuditEntry::new(
                format!("operator:{}", operator.id),
                "operator.sign_in_refused",
                "operator",
                operator.id.as_str(),
            )
            .tenant(&operator.tenant_id, None)
            .details(serde_json::json!({ "why": "wrong second factor" }));
            if let Err(err) = state.store.append_audit(&entry).await {
                tracing::warn!(error = %err, "auditing a refused sign-in failed");
            }
            page(
                StatusCode::UNAUTHORIZED,
                views::second_factor(Some(
                    "That code does not match, or was used already.".into(),
                )),
            )
        }
    }
}

/// Which second factor `code` is, if it is a valid one: `totp` or `recovery_code`.
async fn second_factor(
    state: &AppState,
    operator: &OperatorRecord,
    code: &str,
) -> Result<Option<&'static str>, crate::store::StoreError> {
    let looks_like_totp = code.chars().filter(|c| !c.is_whitespace()).count() == 6;
    if looks_like_totp {
        let Some(secret) = super::account::secret_of(state, operator) else {
            return Ok(None);
        };
        return match totp::matching_step(&secret, code, super::account::now_secs()) {
            Some(step) => Ok(state
                .store
                .use_totp_step(&operator.id, step as i64)
                .await?
                .then_some("password+totp")),
            None => Ok(None),
        };
    }
    Ok(state
        .store
        .use_recovery_code(&operator.id, &totp::recovery_code_hash(code))
        .await?
        .then_some("password+recovery_code"))
}

#[derive(serde::Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

pub async fn sign_out(signed_in: SignedIn, Form(form): Form<CsrfForm>) -> Response {
    if let Some(refusal) = stale_form(&signed_in, &form.csrf) {
        return refusal;
    }
    let _ = signed_in.session.flush().await;
    Redirect::to("/console/login").into_response()
}

/// Ends every session of the operator, on every device.
pub async fn sign_out_everywhere(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Form(form): Form<CsrfForm>,
) -> Response {
    if let Some(refusal) = stale_form(&signed_in, &form.csrf) {
        return refusal;
    }
    let operator = &signed_in.operator;
    let entry = AuditEntry::new(
        format!("operator:{}", operator.id),
        "operator.signed_out_everywhere",
        "operator",
        operator.id.as_str(),
    )
    .tenant(&operator.tenant_id, None);
    if let Err(err) = state
        .store
        .update_operator_access(&operator.id, AccessChange::SignOutEverywhere, &entry)
        .await
    {
        tracing::error!(error = %err, "signing out everywhere failed");
        return unavailable();
    }
    let _ = signed_in.session.flush().await;
    Redirect::to("/console/login").into_response()
}

fn unavailable() -> Response {
    refused(
        StatusCode::SERVICE_UNAVAILABLE,
        "The console cannot reach its database; try again shortly.",
    )
}
