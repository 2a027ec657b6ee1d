//! Rules for webhook endpoints that do not depend on HTTP: which URLs are acceptable, and the
//! secrets and payloads created for them.

use super::signing::{Signer, SigningKey};
use super::ssrf::{AllowList, SsrfError};
use super::EVENT_TYPES;
use crate::crypto::Sealer;
use crate::ids::WebhookEndpointId;
use crate::secrets::Mode;

/// How long the previous secret keeps signing after a rotation: receivers have a day to deploy
/// the new one.
pub const ROTATION_GRACE_MS: i64 = 24 * 3_600_000;
pub const MAX_URL_LEN: usize = 2048;

#[derive(Debug, thiserror::Error)]
pub enum UrlPolicyError {
    #[error("must be an absolute http(s) URL of at most {MAX_URL_LEN} characters")]
    Malformed,
    #[error("live endpoints must use https:// (http:// is allowed in test mode and for hosts the operator allow-lists)")]
    HttpsRequired,
    #[error(transparent)]
    Ssrf(#[from] SsrfError),
}

/// Checks a tenant-supplied URL: scheme, the https rule for live mode, and that its host
/// resolves only to addresses Kyra may call. Returns the normalized URL.
pub async fn check_url(url: &str, mode: Mode, allow: &AllowList) -> Result<String, UrlPolicyError> {
    if url.len() > MAX_URL_LEN {
        return Err(UrlPolicyError::Malformed);
    }
    let parsed = url::Url::parse(url).map_err(|_| UrlPolicyError::Malformed)?;
    let host = parsed.host_str().ok_or(UrlPolicyError::Malformed)?;
    match parsed.scheme() {
        "https" => {}
        "http" if mode == Mode::Test || allow.allows_host(host) => {}
        "http" => return Err(UrlPolicyError::HttpsRequired),
        _ => return Err(UrlPolicyError::Malformed),
    }
    let port = parsed.port_or_known_default().unwrap_or(443);
    allow.resolve(host, port).await?;
    Ok(parsed.to_string())
}

/// Validates an event filter: known types only, no duplicates kept.
pub fn check_events(events: &[String]) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    for event in events {
        if !EVENT_TYPES.contains(&event.as_str()) {
            return Err(format!(
                "unknown event type `{event}`; known types: {}",
                EVENT_TYPES.join(", ")
            ));
        }
        if !out.contains(event) {
            out.push(event.clone());
        }
    }
    Ok(out)
}

/// How an endpoint's deliveries are signed.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum SignatureScheme {
    /// HMAC-SHA256 with a shared `whsec_…` secret (the Standard Webhooks default).
    V1,
    /// Ed25519: Kyra signs with a private key, the tenant verifies with a `whpk_…` public key.
    V1a,
}

/// What the tenant is shown once when a key is made: a secret, or a public key.
pub enum Credential {
    Secret(String),
    PublicKey(String),
}

/// A fresh key for `scheme`: what the tenant is shown, and the sealed form for the database.
pub fn new_secret(
    sealer: &Sealer,
    endpoint: &WebhookEndpointId,
    scheme: SignatureScheme,
) -> (Credential, String) {
    let signer = match scheme {
        SignatureScheme::V1 => Signer::Hmac(SigningKey::generate()),
        SignatureScheme::V1a => Signer::generate_ed25519(),
    };
    let private = signer.expose_private();
    let sealed = sealer.seal(private.as_bytes(), endpoint.as_str());
    let shown = match signer.public_key() {
        Some(public) => Credential::PublicKey(public),
        None => Credential::Secret(private),
    };
    (shown, sealed)
}

/// The scheme of a stored (sealed) key, for rotations that keep it.
pub fn scheme_of(sealer: &Sealer, endpoint: &WebhookEndpointId, sealed: &str) -> SignatureScheme {
    match sealer.open(sealed, endpoint.as_str()) {
        Ok(plain) if plain.starts_with(super::signing::PRIVATE_KEY_PREFIX.as_bytes()) => {
            SignatureScheme::V1a
        }
        _ => SignatureScheme::V1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn url_policy() {
        let none = AllowList::new(&[]);
        let local = AllowList::new(&["127.0.0.1".to_owned()]);
        assert!(matches!(
            check_url("http://127.0.0.1:9/x", Mode::Test, &none).await,
            Err(UrlPolicyError::Ssrf(_))
        ));
        assert!(check_url("http://127.0.0.1:9/x", Mode::Test, &local)
            .await
            .is_ok());
        assert!(check_url("http://127.0.0.1:9/x", Mode::Live, &local)
            .await
            .is_ok());
        assert!(matches!(
            check_url("http://1.1.1.1/x", Mode::Live, &none).await,
            Err(UrlPolicyError::HttpsRequired)
        ));
        assert!(matches!(
            check_url("https://169.254.169.254/latest", Mode::Live, &none).await,
            Err(UrlPolicyError::Ssrf(_))
        ));
        assert!(matches!(
            check_url("ftp://1.1.1.1/", Mode::Test, &none).await,
            Err(UrlPolicyError::Malformed)
        ));
        assert!(check_url("https://1.1.1.1/hook", Mode::Live, &none)
            .await
            .is_ok());
    }

    #[test]
    fn event_filter() {
        assert_eq!(
            check_events(&["webhook.test".into(), "webhook.test".into()]),
            Ok(vec!["webhook.test".to_owned()])
        );
        assert!(check_events(&["verification.approve".into()]).is_err());
    }
}
