//! The operator's own account: turning the TOTP second factor on (QR code, first code, recovery
//! codes shown once) and off (with a current code).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use leptos::prelude::*;

use super::session::SignedIn;
use super::{page, stale_form, views};
use crate::operators::totp;
use crate::state::AppState;
use crate::store::{now_ms, AuditEntry, OperatorRecord};

pub async fn overview(signed_in: SignedIn) -> Response {
    render(&signed_in, StatusCode::OK, Shown::Status, None)
}

/// What the page shows beside the account's status.
enum Shown {
    Status,
    /// Setting up: the secret to scan or type, and the form for the first code.
    Setup {
        secret: Vec<u8>,
    },
    /// Just enabled: the recovery codes, once.
    RecoveryCodes(Vec<String>),
}

fn render(
    signed_in: &SignedIn,
    status: StatusCode,
    shown: Shown,
    error: Option<String>,
) -> Response {
    let operator = &signed_in.operator;
    let csrf = signed_in.csrf.clone();
    let error = error.map(|e| view! { <p class="error" role="alert">{e}</p> });
    let section = match shown {
        Shown::Setup { secret } => {
            let url = totp::otpauth_url(&secret, operator.email.as_str());
            let qr = crate::qr::svg_data_url(&url);
            view! {
                <section aria-labelledby="h-setup">
                    <h2 id="h-setup">"Set up two-factor sign-in"</h2>
                    <p>"Scan the code with an authenticator app, or type the key into it, then enter the six digits it shows."</p>
                    {qr.map(|src| view! { <img src=src alt="QR code of the authenticator key" width="200" height="200"/> })}
                    <p>"Key: "<code id="totp-key">{totp::base32(&secret)}</code></p>
                    {error}
                    <form method="post" action="/console/account/totp/confirm" class="stack narrow-form">
                        <input type="hidden" name="csrf" value=csrf/>
                        <label for="code">"Code from the app"</label>
                        <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required=true/>
                        <button type="submit">"Turn on two-factor sign-in"</button>
                    </form>
                </section>
            }
            .into_any()
        }
        Shown::RecoveryCodes(codes) => {
            let items = codes
                .into_iter()
                .map(|c| view! { <li><code>{c}</code></li> })
                .collect_view();
            view! {
                <section class="secret" aria-labelledby="h-recovery" role="status">
                    <h2 id="h-recovery">"Two-factor sign-in is on: your recovery codes"</h2>
                    <p>"Keep them somewhere safe. Each signs you in once without the app; they are shown only now."</p>
                    <ul class="plain" id="recovery-codes">{items}</ul>
                </section>
            }
            .into_any()
        }
        Shown::Status if operator.has_totp() => view! {
            <section aria-labelledby="h-2fa">
                <h2 id="h-2fa">"Two-factor sign-in is on"</h2>
                {error}
                <form method="post" action="/console/account/totp/disable" class="stack narrow-form">
                    <input type="hidden" name="csrf" value=csrf/>
                    <label for="code">"Current code from the app"</label>
                    <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required=true/>
                    <button type="submit">"Turn off two-factor sign-in"</button>
                </form>
            </section>
        }
        .into_any(),
        Shown::Status => view! {
            <section aria-labelledby="h-2fa">
                <h2 id="h-2fa">"Two-factor sign-in is off"</h2>
                {error}
                <p>"With it on, signing in also asks for a code from an authenticator app."</p>
                <form method="post" action="/console/account/totp/setup">
                    <input type="hidden" name="csrf" value=csrf/>
                    <button type="submit">"Set up two-factor sign-in"</button>
                </form>
            </section>
        }
        .into_any(),
    };
    let body = view! {
        {views::top_bar(operator, &signed_in.csrf, "account")}
        <main id="main">
            <h1>"Your account"</h1>
            <p>{operator.email.to_string()}" · "{operator.role.as_str()}</p>
            {section}
        </main>
    };
    page(status, views::document("Your account", body))
}

#[derive(serde::Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    code: String,
}

/// Starts the setup: a new secret, stored sealed but not yet required.
pub async fn setup(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Form(form): Form<CodeForm>,
) -> Response {
    if let Some(refusal) = stale_form(&signed_in, &form.csrf) {
        return refusal;
    }
    let operator = &signed_in.operator;
    if operator.has_totp() {
        return Redirect::to("/console/account").into_response();
    }
    let secret = totp::new_secret();
    let sealed = state.sealer.seal(&secret, operator.id.as_str());
    match state.store.start_totp(&operator.id, &sealed).await {
        Ok(true) => render(&signed_in, StatusCode::OK, Shown::Setup { secret }, None),
        Ok(false) => Redirect::to("/console/account").into_response(),
        Err(err) => super::cases::failed(&signed_in, err),
    }
}

/// The first code proves the app holds the secret: the second factor is on from now.
pub async fn confirm(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Form(form): Form<CodeForm>,
) -> Response {
    if let Some(refusal) = stale_form(&signed_in, &form.csrf) {
        return refusal;
    }
    let operator = &signed_in.operator;
    let Some(secret) = secret_of(&state, operator) else {
        return Redirect::to("/console/account").into_response();
    };
    let Some(step) = totp::matching_step(&secret, &form.code, now_secs()) else {
        return render(
            &signed_in,
            StatusCode::UNPROCESSABLE_ENTITY,
            Shown::Setup { secret },
            Some(
                "That code does not match. Check the app's clock and try the current code.".into(),
            ),
        );
    };
    let codes = totp::new_recovery_codes();
    let hashes: Vec<String> = codes.iter().map(|c| totp::recovery_code_hash(c)).collect();
    let audit = operator_audit(operator, "operator.second_factor_enabled");
    match state
        .store
        .enable_totp(&operator.id, step as i64, &hashes, &audit)
        .await
    {
        Ok(true) => render(
            &signed_in,
            StatusCode::CREATED,
            Shown::RecoveryCodes(codes),
            None,
        ),
        Ok(false) => Redirect::to("/console/account").into_response(),
        Err(err) => super::cases::failed(&signed_in, err),
    }
}

/// Turning the second factor off takes a current code, so a session left open is not enough.
pub async fn disable(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Form(form): Form<CodeForm>,
) -> Response {
    if let Some(refusal) = stale_form(&signed_in, &form.csrf) {
        return refusal;
    }
    let operator = &signed_in.operator;
    let Some(secret) = secret_of(&state, operator).filter(|_| operator.has_totp()) else {
        return Redirect::to("/console/account").into_response();
    };
    let fresh = match totp::matching_step(&secret, &form.code, now_secs()) {
        Some(step) => state.store.use_totp_step(&operator.id, step as i64).await,
        None => Ok(false),
    };
    match fresh {
        Ok(true) => {}
        Ok(false) => {
            return render(
                &signed_in,
                StatusCode::UNPROCESSABLE_ENTITY,
                Shown::Status,
                Some("That code does not match (or was used already).".into()),
            )
        }
        Err(err) => return super::cases::failed(&signed_in, err),
    }
    let audit = operator_audit(operator, "operator.second_factor_disabled");
    match state.store.disable_totp(&operator.id, &audit).await {
        Ok(()) => Redirect::to("/console/account").into_response(),
        Err(err) => super::cases::failed(&signed_in, err),
    }
}

/// The operator's TOTP secret, opened.
pub(super) fn secret_of(state: &AppState, operator: &OperatorRecord) -> Option<Vec<u8>> {
    let sealed = operator.totp_secret_sealed.as_ref()?;
    state.sealer.open(sealed, operator.id.as_str()).ok()
}

pub(super) fn now_secs() -> u64 {
    (now_ms() / 1000).max(0) as u64
}

fn operator_audit(operator: &OperatorRecord, action: &'static str) -> AuditEntry {
    AuditEntry::new(
        format!("operator:{}", operator.id),
        action,
        "operator",
        operator.id.as_str(),
    )
    .tenant(&operator.tenant_id, None)
}
