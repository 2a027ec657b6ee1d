//! API keys and client tokens: generated from the OS RNG, shown once, stored only as SHA-256.
//!
//! Both secrets carry 256 bits of entropy, so a fast hash is enough (no password-style stretching
//! is needed), and it lets a key be found by an indexed lookup of its hash. The final comparison is
//! still constant-time so timing never reveals how much of a guess matched.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// Test or live: the two worlds a tenant's data lives in. They never mix.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Test,
    Live,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Test => "test",
            Mode::Live => "live",
        }
    }

    pub fn parse(s: &str) -> Option<Mode> {
        match s {
            "test" => Some(Mode::Test),
            "live" => Some(Mode::Live),
            _ => None,
        }
    }

    fn key_prefix(self) -> &'static str {
        match self {
            Mode::Test => "kyra_test_",
            Mode::Live => "kyra_live_",
        }
    }
}

/// A freshly generated secret: the plaintext is handed out once, the hash is stored.
pub struct NewSecret {
    pub plaintext: String,
    pub hash: SecretHash,
}

/// Hex SHA-256 of a secret, the only form in which secrets are stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecretHash(String);

impl SecretHash {
    pub fn of(secret: &str) -> SecretHash {
        SecretHash(hex(&Sha256::digest(secret.as_bytes())))
    }

    pub fn from_db(s: String) -> SecretHash {
        SecretHash(s)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Constant-time equality.
    pub fn matches(&self, other: &SecretHash) -> bool {
        self.0.as_bytes().ct_eq(other.0.as_bytes()).into()
    }
}

fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A new API key such as `kyra_test_3q2…` (43 characters of base64url after the prefix).
pub fn new_api_key(mode: Mode) -> NewSecret {
    let plaintext = format!("{}{}", mode.key_prefix(), random_token());
    let hash = SecretHash::of(&plaintext);
    NewSecret { plaintext, hash }
}

/// The mode an API key claims by its prefix, if it looks like a Kyra key at all.
pub fn api_key_mode(key: &str) -> Option<Mode> {
    let well_formed = |rest: &str| {
        rest.len() == 43
            && rest
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    if let Some(rest) = key.strip_prefix("kyra_test_") {
        well_formed(rest).then_some(Mode::Test)
    } else if let Some(rest) = key.strip_prefix("kyra_live_") {
        well_formed(rest).then_some(Mode::Live)
    } else {
        None
    }
}

/// A short, non-secret prefix shown in listings so operators can tell keys apart.
pub fn display_prefix(key: &str) -> String {
    key.chars().take(14).collect()
}

/// A new client token for a verification link.
pub fn new_client_token() -> NewSecret {
    let plaintext = random_token();
    let hash = SecretHash::of(&plaintext);
    NewSecret { plaintext, hash }
}

/// A new handoff token ("continue on your phone"): as strong as a client token, but used once.
pub fn new_handoff_token() -> String {
    random_token()
}

/// The token a console session puts in its forms (CSRF protection).
pub fn new_csrf_token() -> String {
    random_token()
}

/// Constant-time equality of two presented secrets (a lengths mismatch returns early: lengths
/// are not secret here).
pub fn same_secret(a: &str, b: &str) -> bool {
    a.as_bytes().ct_eq(b.as_bytes()).into()
}

/// A nonce for the Content-Security-Policy of one page.
pub fn csp_nonce() -> String {
    let mut bytes = [0u8; 18];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_carry_their_mode_and_are_unique() {
        let a = new_api_key(Mode::Test);
        let b = new_api_key(Mode::Test);
        assert_ne!(a.plaintext, b.plaintext);
        assert_eq!(api_key_mode(&a.plaintext), Some(Mode::Test));
        assert_eq!(
            api_key_mode(&new_api_key(Mode::Live).plaintext),
            Some(Mode::Live)
        );
        assert_eq!(api_key_mode("kyra_test_short"), None);
        assert_eq!(api_key_mode("sk_live_whatever"), None);
    }

    #[test]
    fn hash_matches_only_its_secret() {
        let key = new_api_key(Mode::Live);
        assert!(key.hash.matches(&SecretHash::of(&key.plaintext)));
        assert!(!key.hash.matches(&SecretHash::of("kyra_live_x")));
        assert_eq!(key.hash.as_str().len(), 64);
    }
}
