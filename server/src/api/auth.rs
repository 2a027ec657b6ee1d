//! API key authentication: `Authorization: Bearer kyra_…` or `X-Api-Key: kyra_…`.

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;

use super::problem::ApiError;
use crate::ids::{FlowId, KeyId, TenantId};
use crate::secrets::{api_key_mode, Mode, SecretHash};
use crate::state::AppState;
use crate::store::AuditEntry;

/// The authenticated caller: one tenant, one flow, one mode. Every query a handler makes is scoped
/// by these, which is how tenant and mode isolation is enforced.
#[derive(Clone, Debug)]
pub struct Caller {
    pub key_id: KeyId,
    pub tenant_id: TenantId,
    pub flow_id: FlowId,
    /// The flow's current version when the request arrived: new verifications pin it.
    pub flow_version: i64,
    pub mode: Mode,
    /// The `x-request-id` of this request, recorded with every change it makes.
    pub request_id: Option<String>,
}

impl Caller {
    /// The audit actor of requests made with this key.
    pub fn actor(&self) -> String {
        format!("api_key:{}", self.key_id)
    }

    /// An audit-log entry for a change this request makes to `target`.
    pub fn audit(
        &self,
        action: &'static str,
        target_type: &'static str,
        target_id: impl Into<String>,
    ) -> AuditEntry {
        AuditEntry::new(self.actor(), action, target_type, target_id)
            .tenant(&self.tenant_id, Some(self.mode))
            .request(self.request_id.clone())
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Caller, ApiError> {
        // Already authenticated by an outer layer (idempotency) for this very request.
        if let Some(caller) = parts.extensions.get::<Caller>() {
            return Ok(caller.clone());
        }
        // Keys are secrets of the tenant's backend. A browser Origin means the key leaked into
        // front-end code: refuse loudly rather than serve it.
        if parts.headers.contains_key(header::ORIGIN) {
            return Err(ApiError::BrowserOrigin);
        }
        let presented = presented_key(parts)?.ok_or(ApiError::MissingApiKey)?;
        let claimed_mode = api_key_mode(presented).ok_or(ApiError::InvalidApiKey)?;
        let hash = SecretHash::of(presented);
        let key = match state.keys.as_ref().and_then(|c| c.get(hash.as_str())) {
            Some(key) => key,
            None => {
                let key = state
                    .store
                    .api_key_by_hash(&hash)
                    .await?
                    .ok_or(ApiError::InvalidApiKey)?;
                if let Some(cache) = &state.keys {
                    cache.put(hash.as_str(), key.clone());
                }
                key
            }
        };
        if !key.matches(&hash) || key.mode != claimed_mode {
            return Err(ApiError::InvalidApiKey);
        }
        if key.revoked {
            return Err(ApiError::RevokedApiKey);
        }
        if let Some(limiter) = &state.limiter {
            limiter.check(&key.id)?;
        }
        let now = crate::store::now_ms();
        if key.due_for_touch(now) {
            if let Some(cache) = &state.keys {
                cache.touched(hash.as_str(), now);
            }
            let (store, touched) = (state.store.clone(), key.clone());
            tokio::spawn(async move {
                if let Err(err) = store.touch_api_key(&touched).await {
                    tracing::warn!(error = %err, "could not record API key use");
                }
            });
        }
        let request_id = parts
            .headers
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        Ok(Caller {
            key_id: key.id,
            tenant_id: key.tenant_id,
            flow_id: key.flow_id,
            flow_version: key.flow_version,
            mode: key.mode,
            request_id,
        })
    }
}

/// The key from `Authorization: Bearer …` or `X-Api-Key`. Any other `Authorization` scheme — or
/// a bare key without one — is refused by name, so the developer learns what to change instead
/// of being told no key was sent.
fn presented_key(parts: &Parts) -> Result<Option<&str>, ApiError> {
    if let Some(value) = parts.headers.get(header::AUTHORIZATION) {
        let value = value.to_str().map_err(|_| ApiError::AuthScheme {
            sent: "a value that is not ASCII".to_owned(),
        })?;
        return match value.trim().split_once(' ') {
            Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") => {
                Ok(Some(token.trim()))
            }
            Some((scheme, _)) => Err(ApiError::AuthScheme {
                sent: format!("the `{scheme}` scheme"),
            }),
            None => Err(ApiError::AuthScheme {
                sent: "no scheme".to_owned(),
            }),
        };
    }
    Ok(parts
        .headers
        .get("x-api-key")
        .and_then(|v| v.to_str().ok())
        .map(str::trim))
}
