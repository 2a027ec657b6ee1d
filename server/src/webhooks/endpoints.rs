//! Rules for webhook endpoints that do not depend on HTTP: which URLs are acceptable, and the
//! secrets and payloads created for them.

use super::signing::SigningKey;
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

/// A fresh secret: the `whsec_…` text for the tenant, and its sealed form for the database.
pub fn new_secret(sealer: &Sealer, endpoint: &WebhookEndpointId) -> (String, String) {
    let exposed = SigningKey::generate().expose();
    let sealed = sealer.seal(exposed.as_bytes(), endpoint.as_str());
    (exposed, sealed)
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
