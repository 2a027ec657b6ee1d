//! Console sessions: tower-sessions records kept in Kyra's own database (both SQLite and
//! PostgreSQL, through the store), and the signed-in operator extracted from them.
//!
//! A session row is keyed by the SHA-256 of the cookie's id, so a copy of the table holds no
//! live session. The session remembers the operator, the operator's `session_epoch` at sign-in
//! (bumped by "sign out everywhere", a password reset or disabling, which ends every session at
//! once), when the operator signed in (the absolute timeout) and the CSRF token of its forms.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use sha2::{Digest, Sha256};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};
use tower_sessions::Session;

use crate::ids::OperatorId;
use crate::secrets::hex;
use crate::state::AppState;
use crate::store::{now_ms, OperatorRecord, Store};

/// The session's keys.
pub const OPERATOR: &str = "operator";
pub const EPOCH: &str = "epoch";
pub const SIGNED_IN_AT: &str = "signed_in_at";
pub const SEEN_AT: &str = "seen_at";
pub const CSRF: &str = "csrf";
/// Set between a matching password and the second factor: whose code to ask for, and since when.
pub const PENDING: &str = "pending_operator";
pub const PENDING_AT: &str = "pending_at";

/// tower-sessions' store over [`Store`].
#[derive(Clone, Debug)]
pub struct DbSessions(pub Store);

fn key(id: &Id) -> String {
    hex(&Sha256::digest(id.to_string().as_bytes()))
}

fn backend(err: impl std::fmt::Display) -> session_store::Error {
    session_store::Error::Backend(err.to_string())
}

fn encode(record: &Record) -> session_store::Result<(String, i64)> {
    let data = serde_json::to_string(&record.data)
        .map_err(|e| session_store::Error::Encode(e.to_string()))?;
    let expires_ms = (record.expiry_date.unix_timestamp_nanos() / 1_000_000) as i64;
    Ok((data, expires_ms))
}

#[async_trait::async_trait]
impl SessionStore for DbSessions {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        let (data, expires) = encode(record)?;
        // A fresh random id that collides with a stored one gets another id.
        while !self
            .0
            .save_session(&key(&record.id), &data, expires, true)
            .await
            .map_err(backend)?
        {
            record.id = Id::default();
        }
        Ok(())
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let (data, expires) = encode(record)?;
        self.0
            .save_session(&key(&record.id), &data, expires, false)
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let Some((data, expires_ms)) = self
            .0
            .load_session(&key(id), now_ms())
            .await
            .map_err(backend)?
        else {
            return Ok(None);
        };
        let data =
            serde_json::from_str(&data).map_err(|e| session_store::Error::Decode(e.to_string()))?;
        let expiry_date =
            time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(expires_ms) * 1_000_000)
                .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        Ok(Some(Record {
            id: *id,
            data,
            expiry_date,
        }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        self.0.delete_session(&key(id)).await.map_err(backend)
    }
}

/// The operator of a valid session, with the session itself. Pages that need a signed-in
/// operator take this; without one a page redirects to the sign-in form.
pub struct SignedIn {
    pub operator: OperatorRecord,
    pub session: Session,
    pub csrf: String,
}

/// Why a request has no signed-in operator.
pub enum NotSignedIn {
    /// No session, or it ended (timeout, sign-out everywhere, disabled account).
    SignIn,
    /// The database failed: not the operator's fault.
    Unavailable,
}

impl IntoResponse for NotSignedIn {
    fn into_response(self) -> Response {
        match self {
            NotSignedIn::SignIn => Redirect::to("/console/login").into_response(),
            NotSignedIn::Unavailable => (
                axum::http::StatusCode::SERVICE_UNAVAILABLE,
                "The console cannot reach its database; try again shortly.",
            )
                .into_response(),
        }
    }
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = NotSignedIn;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let session = Session::from_request_parts(parts, state)
            .await
            .map_err(|_| NotSignedIn::Unavailable)?;
        let get = |key: &'static str| {
            let session = session.clone();
            async move { session.get::<serde_json::Value>(key).await.ok().flatten() }
        };
        let Some(operator_id) = get(OPERATOR)
            .await
            .and_then(|v| v.as_str().and_then(OperatorId::parse))
        else {
            return Err(NotSignedIn::SignIn);
        };
        let epoch = get(EPOCH).await.and_then(|v| v.as_i64());
        let signed_in_at = get(SIGNED_IN_AT)
            .await
            .and_then(|v| v.as_i64())
            .unwrap_or(0);
        let csrf = get(CSRF).await.and_then(|v| v.as_str().map(str::to_owned));
        let operator = match state.store.operator(&operator_id).await {
            Ok(Some(operator)) => operator,
            Ok(None) => return Err(end(&session).await),
            Err(_) => return Err(NotSignedIn::Unavailable),
        };
        let now = now_ms();
        let absolute_ms = state
            .config
            .console
            .absolute_timeout_secs
            .saturating_mul(1000) as i64;
        let (Some(csrf), true, true, true) = (
            csrf,
            operator.is_active(),
            epoch == Some(operator.session_epoch),
            now - signed_in_at < absolute_ms,
        ) else {
            return Err(end(&session).await);
        };
        // Reading a session does not extend it; activity does, at most once a minute so that
        // browsing is not a database write per page.
        let seen_at = get(SEEN_AT).await.and_then(|v| v.as_i64()).unwrap_or(0);
        if now - seen_at > 60_000 && session.insert(SEEN_AT, now).await.is_err() {
            return Err(NotSignedIn::Unavailable);
        }
        Ok(SignedIn {
            operator,
            session,
            csrf,
        })
    }
}

async fn end(session: &Session) -> NotSignedIn {
    let _ = session.flush().await;
    NotSignedIn::SignIn
}

impl axum::extract::OptionalFromRequestParts<AppState> for SignedIn {
    type Rejection = NotSignedIn;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Option<Self>, Self::Rejection> {
        match <SignedIn as FromRequestParts<AppState>>::from_request_parts(parts, state).await {
            Ok(signed_in) => Ok(Some(signed_in)),
            Err(NotSignedIn::SignIn) => Ok(None),
            Err(NotSignedIn::Unavailable) => Err(NotSignedIn::Unavailable),
        }
    }
}
