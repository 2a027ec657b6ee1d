//! Standard Webhooks signatures (<https://www.standardwebhooks.com>).
//!
//! `webhook-signature: v1,<base64 HMAC-SHA256(key, "{id}.{timestamp}.{body}")>` where the key is
//! the base64 part of the `whsec_…` secret, decoded. Several signatures may be sent separated by
//! spaces (during a secret rotation both the new and the old secret sign), and a receiver accepts
//! the message if any one of them verifies.
//!
//! Tenants who want asymmetric verification choose the `v1a` scheme: Ed25519 over the same
//! content, `webhook-signature: v1a,<base64 signature>`, verified with a public key `whpk_…`.
//! Kyra keeps the private key sealed (`whsk_<base64 seed>`); the receiver holds no secret at all.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;
use subtle::ConstantTimeEq;

/// Prefix of every signing secret, as the Standard Webhooks libraries expect.
pub const SECRET_PREFIX: &str = "whsec_";
/// Prefix of an Ed25519 private key (kept sealed by Kyra).
pub const PRIVATE_KEY_PREFIX: &str = "whsk_";
/// Prefix of an Ed25519 public key (given to the tenant).
pub const PUBLIC_KEY_PREFIX: &str = "whpk_";
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
    #[error("the public key must look like `whpk_<base64 of 32 bytes>`")]
    BadPublicKey,
    #[error("no `v1a` signature in `webhook-signature` matches")]
    NoAsymmetricMatch,
}

/// What an endpoint signs with: a shared HMAC secret (`v1`) or an Ed25519 key pair (`v1a`).
#[derive(Clone)]
pub enum Signer {
    Hmac(SigningKey),
    Ed25519(ed25519_dalek::SigningKey),
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Signer(<redacted>)")
    }
}

impl Signer {
    /// A fresh Ed25519 key pair from the OS RNG.
    pub fn generate_ed25519() -> Signer {
        let mut seed = [0u8; 32];
        rand::rng().fill_bytes(&mut seed);
        Signer::Ed25519(ed25519_dalek::SigningKey::from_bytes(&seed))
    }

    /// Parses the stored form: `whsec_…` (HMAC) or `whsk_…` (Ed25519 seed).
    pub fn parse(stored: &str) -> Result<Signer, SignatureError> {
        match stored.trim().strip_prefix(PRIVATE_KEY_PREFIX) {
            Some(seed) => {
                let bytes = STANDARD
                    .decode(seed)
                    .map_err(|_| SignatureError::BadSecret)?;
                let seed: [u8; 32] = bytes.try_into().map_err(|_| SignatureError::BadSecret)?;
                Ok(Signer::Ed25519(ed25519_dalek::SigningKey::from_bytes(
                    &seed,
                )))
            }
            None => SigningKey::parse(stored).map(Signer::Hmac),
        }
    }

    /// The form stored (sealed) in the database.
    pub fn expose_private(&self) -> String {
        match self {
            Signer::Hmac(key) => key.expose(),
            Signer::Ed25519(key) => {
                format!("{PRIVATE_KEY_PREFIX}{}", STANDARD.encode(key.to_bytes()))
            }
        }
    }

    /// `whpk_…` for Ed25519; HMAC has no public half.
    pub fn public_key(&self) -> Option<String> {
        match self {
            Signer::Hmac(_) => None,
            Signer::Ed25519(key) => Some(format!(
                "{PUBLIC_KEY_PREFIX}{}",
                STANDARD.encode(key.verifying_key().to_bytes())
            )),
        }
    }

    /// One `v1,…` or `v1a,…` entry for the signature header.
    pub fn sign(&self, id: &str, timestamp: i64, body: &[u8]) -> String {
        match self {
            Signer::Hmac(key) => key.sign(id, timestamp, body),
            Signer::Ed25519(key) => {
                use ed25519_dalek::Signer as _;
                let signature = key.sign(&signed_content(id, timestamp, body));
                format!("v1a,{}", STANDARD.encode(signature.to_bytes()))
            }
        }
    }
}

/// `{id}.{timestamp}.{body}`, the bytes every scheme signs.
fn signed_content(id: &str, timestamp: i64, body: &[u8]) -> Vec<u8> {
    let mut content = format!("{id}.{timestamp}.").into_bytes();
    content.extend_from_slice(body);
    content
}

/// Verifies a `v1a` delivery with the tenant's `whpk_…` public key.
pub fn verify_asymmetric(
    public_key: &str,
    id: Option<&str>,
    timestamp: Option<&str>,
    signatures: Option<&str>,
    body: &[u8],
    now_secs: i64,
    tolerance_secs: Option<i64>,
) -> Result<(), SignatureError> {
    let raw = public_key
        .trim()
        .strip_prefix(PUBLIC_KEY_PREFIX)
        .ok_or(SignatureError::BadPublicKey)?;
    let bytes: [u8; 32] = STANDARD
        .decode(raw)
        .map_err(|_| SignatureError::BadPublicKey)?
        .try_into()
        .map_err(|_| SignatureError::BadPublicKey)?;
    let key = ed25519_dalek::VerifyingKey::from_bytes(&bytes)
        .map_err(|_| SignatureError::BadPublicKey)?;
    let (id, timestamp, signatures) =
        check_headers(id, timestamp, signatures, now_secs, tolerance_secs)?;
    let content = signed_content(id, timestamp, body);
    let matched = signatures
        .split_whitespace()
        .filter_map(|s| s.strip_prefix("v1a,"))
        .filter_map(|b64| STANDARD.decode(b64).ok())
        .filter_map(|sig| ed25519_dalek::Signature::from_slice(&sig).ok())
        .any(|sig| key.verify_strict(&content, &sig).is_ok());
    if matched {
        Ok(())
    } else {
        Err(SignatureError::NoAsymmetricMatch)
    }
}

/// Presence of the three headers and the timestamp window, shared by both schemes.
fn check_headers<'a>(
    id: Option<&'a str>,
    timestamp: Option<&str>,
    signatures: Option<&'a str>,
    now_secs: i64,
    tolerance_secs: Option<i64>,
) -> Result<(&'a str, i64, &'a str), SignatureError> {
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
    Ok((id, timestamp, signatures))
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

/// The `webhook-signature` header value: one entry per key, space-separated.
pub fn signature_header(keys: &[&Signer], id: &str, timestamp: i64, body: &[u8]) -> String {
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
    let (id, timestamp, signatures) =
        check_headers(id, timestamp, signatures, now_secs, tolerance_secs)?;
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
        let signers = [Signer::Hmac(other.clone()), Signer::Hmac(key.clone())];
        let header = signature_header(&[&signers[0], &signers[1]], "msg_1", 1000, b"{}");
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

    #[test]
    fn ed25519_signs_v1a_verifiable_with_the_public_key_only() {
        let signer = Signer::generate_ed25519();
        let stored = signer.expose_private();
        assert!(stored.starts_with("whsk_"));
        let reloaded = Signer::parse(&stored).expect("parse");
        let public = reloaded.public_key().expect("public key");
        assert!(public.starts_with("whpk_"));
        let hmac = Signer::Hmac(SigningKey::generate());
        let header = signature_header(&[&reloaded, &hmac], "msg_1", 1000, b"{}");
        assert!(header.starts_with("v1a,") && header.contains(" v1,"));
        let check = |body: &[u8], key: &str| {
            verify_asymmetric(
                key,
                Some("msg_1"),
                Some("1000"),
                Some(&header),
                body,
                1000,
                Some(300),
            )
        };
        assert_eq!(check(b"{}", &public), Ok(()));
        assert_eq!(
            check(b"{ }", &public),
            Err(SignatureError::NoAsymmetricMatch)
        );
        let other = Signer::generate_ed25519().public_key().expect("key");
        assert_eq!(check(b"{}", &other), Err(SignatureError::NoAsymmetricMatch));
        assert_eq!(check(b"{}", "whpk_xx"), Err(SignatureError::BadPublicKey));
    }
}
