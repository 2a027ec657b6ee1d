//! Standard Webhooks signatures (<https://www.standardwebhooks.com>).
//!
//! `webhook-signature: v1,<base64 HMAC-SHA256(key, "{id}.{timestamp}.{body}")>` where the key is
//! the base64 part of the `whsec_…` secret, decoded. Several signatures may be sent separated by
//! spaces (during a secret rotation both the new and the old secret sign), and a receiver accepts
//! the message if any one of them verifies.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;
use subtle::ConstantTimeEq;

/// Prefix of every signing secret, as the Standard Webhooks libraries expect.
pub const SECRET_PREFIX: &str = "whsec_";
/// How far a `webhook-timestamp` may be from now before a receiver rejects it (replay window).
pub const DEFAULT_TOLERANCE_SECS: i64 = 5 * 60;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SignatureError {
    #[error("the secret must look like `whsec_<base64>`")]
    BadSecret,
    #[error("missing header `{0}`")]
    MissingHeader(&'static str),
    #[error("`webhook-timestamp` is not a Unix time in seconds")]
    BadTimestamp,
    #[error("`webhook-timestamp` is {0} s away from now, outside the tolerance")]
    StaleTimestamp(i64),
    #[error("no `v1` signature in `webhook-signature` matches")]
    NoMatch,
}

/// A decoded signing secret. Never logged: `Debug` is redacted.
#[derive(Clone)]
pub struct SigningKey(Vec<u8>);

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SigningKey(<redacted>)")
    }
}

impl SigningKey {
    /// A fresh 32-byte key from the OS RNG.
    pub fn generate() -> SigningKey {
        let mut bytes = vec![0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        SigningKey(bytes)
    }

    /// Parses `whsec_<base64>`. The prefix is optional, as in the reference libraries.
    pub fn parse(secret: &str) -> Result<SigningKey, SignatureError> {
        let body = secret.trim();
        let body = body.strip_prefix(SECRET_PREFIX).unwrap_or(body);
        let bytes = STANDARD
            .decode(body)
            .map_err(|_| SignatureError::BadSecret)?;
        if bytes.is_empty() {
            return Err(SignatureError::BadSecret);
        }
        Ok(SigningKey(bytes))
    }

    /// The `whsec_…` form shown to the tenant once.
    pub fn expose(&self) -> String {
        format!("{SECRET_PREFIX}{}", STANDARD.encode(&self.0))
    }

    fn mac(&self, id: &str, timestamp: i64, body: &[u8]) -> Vec<u8> {
        // HMAC accepts keys of any length, so this cannot fail.
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(&self.0) else {
            return Vec::new();
        };
        mac.update(id.as_bytes());
        mac.update(b".");
        mac.update(timestamp.to_string().as_bytes());
        mac.update(b".");
        mac.update(body);
        mac.finalize().into_bytes().to_vec()
    }

    /// `v1,<base64>` for one message.
    pub fn sign(&self, id: &str, timestamp: i64, body: &[u8]) -> String {
        format!("v1,{}", STANDARD.encode(self.mac(id, timestamp, body)))
    }
}

/// The `webhook-signature` header value: one `v1,…` per key, space-separated.
pub fn signature_header(keys: &[&SigningKey], id: &str, timestamp: i64, body: &[u8]) -> String {
    keys.iter()
        .map(|k| k.sign(id, timestamp, body))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Verifies a delivery as a receiver would: timestamp within `tolerance_secs` of `now_secs`
/// (skipped when `None`), and at least one `v1` signature made with `key`.
pub fn verify(
    key: &SigningKey,
    id: Option<&str>,
    timestamp: Option<&str>,
    signatures: Option<&str>,
    body: &[u8],
    now_secs: i64,
    tolerance_secs: Option<i64>,
) -> Result<(), SignatureError> {
    let id = id.ok_or(SignatureError::MissingHeader("webhook-id"))?;
    let timestamp = timestamp.ok_or(SignatureError::MissingHeader("webhook-timestamp"))?;
    let signatures = signatures.ok_or(SignatureError::MissingHeader("webhook-signature"))?;
    let timestamp: i64 = timestamp
        .trim()
        .parse()
        .map_err(|_| SignatureError::BadTimestamp)?;
    if let Some(tolerance) = tolerance_secs {
        let skew = now_secs - timestamp;
        if skew.abs() > tolerance {
            return Err(SignatureError::StaleTimestamp(skew));
        }
    }
    let expected = key.mac(id, timestamp, body);
    let matched = signatures
        .split_whitespace()
        .filter_map(|s| s.strip_prefix("v1,"))
        .filter_map(|b64| STANDARD.decode(b64).ok())
        .any(|given| bool::from(given.ct_eq(&expected)));
    if matched {
        Ok(())
    } else {
        Err(SignatureError::NoMatch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The test vector published in the Standard Webhooks specification and its libraries.
    #[test]
    fn matches_the_reference_vector() {
        let key = SigningKey::parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").expect("secret");
        let body = br#"{"test": 2432232314}"#;
        let sig = key.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body);
        assert_eq!(sig, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        assert_eq!(
            verify(
                &key,
                Some("msg_p5jXN8AQM9LWM0D4loKWxJek"),
                Some("1614265330"),
                Some(&format!("v1,bm9wZQ== {sig}")),
                body,
                1614265330 + 10,
                Some(DEFAULT_TOLERANCE_SECS),
            ),
            Ok(())
        );
    }

    #[test]
    fn refuses_tampering_staleness_and_other_keys() {
        let key = SigningKey::generate();
        let other = SigningKey::generate();
        let header = signature_header(&[&other, &key], "msg_1", 1000, b"{}");
        let check = |body: &[u8], now: i64, k: &SigningKey| {
            verify(
                k,
                Some("msg_1"),
                Some("1000"),
                Some(&header),
                body,
                now,
                Some(300),
            )
        };
        assert_eq!(check(b"{}", 1000, &key), Ok(()));
        assert_eq!(check(b"{}", 1000, &other), Ok(()));
        assert_eq!(check(b"{ }", 1000, &key), Err(SignatureError::NoMatch));
        assert_eq!(
            check(b"{}", 2000, &key),
            Err(SignatureError::StaleTimestamp(1000))
        );
        assert_eq!(
            check(b"{}", 1000, &SigningKey::generate()),
            Err(SignatureError::NoMatch)
        );
        assert!(SigningKey::parse("whsec_!!").is_err());
        let round = SigningKey::parse(&key.expose()).expect("round trip");
        assert_eq!(round.0, key.0);
    }
}
