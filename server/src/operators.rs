//! Operators: the people of a tenant who use the console. Their roles, what each role may do,
//! their sign-in names, and how their passwords are kept (argon2id, never in clear).

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

/// What an operator may do. Checked on the server for every console route; the pages only hide
/// what a role cannot use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Everything a reviewer can do, plus flows, keys, webhooks and operators.
    Admin,
    /// Reads cases and decides those in review.
    Reviewer,
    /// Reads cases; decides nothing.
    Viewer,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Admin, Role::Reviewer, Role::Viewer];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Reviewer => "reviewer",
            Role::Viewer => "viewer",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Approve, decline, request a new attempt, cancel; claim cases of the queue.
    pub fn can_decide(self) -> bool {
        matches!(self, Role::Admin | Role::Reviewer)
    }

    /// Flows, API keys, webhook endpoints and operators.
    pub fn can_administer(self) -> bool {
        self == Role::Admin
    }
}

/// A sign-in name: an email address, trimmed and lowercased so that one person cannot hold two
/// accounts that differ by case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    /// Parses what a person typed. Deliberately loose (a local part, `@`, a dotted domain):
    /// the address is a login name here, never written to.
    pub fn parse(raw: &str) -> Result<Email, &'static str> {
        let email = raw.trim().to_lowercase();
        if email.len() > 254 {
            return Err("the email address is longer than 254 characters");
        }
        let Some((local, domain)) = email.split_once('@') else {
            return Err("the email address needs an @");
        };
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@');
        if local.is_empty() || !domain_ok || email.chars().any(char::is_whitespace) {
            return Err("this is not an email address");
        }
        Ok(Email(email))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn from_db(s: String) -> Email {
        Email(s)
    }
}

impl std::fmt::Display for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Passwords shorter than this are refused: length is what makes a password hard to guess.
pub const MIN_PASSWORD_CHARS: usize = 12;
/// Longer ones are refused too: argon2 hashes any length, but nobody types a novel.
pub const MAX_PASSWORD_CHARS: usize = 256;

/// A new password, checked for length. Its `Debug` never shows it.
pub struct NewPassword(String);

impl NewPassword {
    pub fn parse(raw: &str) -> Result<NewPassword, String> {
        let chars = raw.chars().count();
        if chars < MIN_PASSWORD_CHARS {
            return Err(format!(
                "the password needs at least {MIN_PASSWORD_CHARS} characters"
            ));
        }
        if chars > MAX_PASSWORD_CHARS {
            return Err(format!(
                "the password may have at most {MAX_PASSWORD_CHARS} characters"
            ));
        }
        Ok(NewPassword(raw.to_owned()))
    }

    /// The argon2id PHC string to store (salted, with the crate's recommended parameters).
    pub fn hash(&self) -> String {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(self.0.as_bytes(), &salt)
            .map(|h| h.to_string())
            // Only a salt or parameter error can fail, and both are fixed here.
            .unwrap_or_else(|e| unreachable!("argon2 with default parameters: {e}"))
    }
}

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(..)")
    }
}

/// Whether `presented` is the password behind `stored` (a PHC string). argon2's comparison is
/// constant-time; a malformed stored hash matches nothing.
pub fn password_matches(stored: &str, presented: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(hash) => Argon2::default()
            .verify_password(presented.as_bytes(), &hash)
            .is_ok(),
        Err(_) => false,
    }
}

/// A hash to verify against when the email is unknown, so that an unknown account takes as
/// long to refuse as a wrong password (no account enumeration by timing).
pub fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| NewPassword("decoy password never matches".into()).hash())
}

/// The second factor: time-based one-time codes (RFC 6238: HMAC-SHA1, 6 digits, 30 s steps —
/// what every authenticator app speaks), one step of clock skew either way.
pub mod totp {
    use rand::RngCore;
    use sha2::{Digest, Sha256};
    use subtle::ConstantTimeEq;
    use totp_rs::{Algorithm, Secret, TOTP};

    const STEP_SECS: u64 = 30;
    const ISSUER: &str = "Kyra";

    /// A new random 160-bit secret (RFC 4226's recommended length).
    pub fn new_secret() -> Vec<u8> {
        let mut secret = vec![0u8; 20];
        rand::rng().fill_bytes(&mut secret);
        secret
    }

    /// The secret as authenticator apps take it when typed in (base32, no padding).
    pub fn base32(secret: &[u8]) -> String {
        Secret::Raw(secret.to_vec()).to_encoded().to_string()
    }

    /// The `otpauth://` URI an authenticator app reads from a QR code.
    pub fn otpauth_url(secret: &[u8], account: &str) -> String {
        let label: String =
            form_urlencoded::byte_serialize(format!("{ISSUER}:{account}").as_bytes()).collect();
        format!(
            "otpauth://totp/{label}?secret={}&issuer={ISSUER}&algorithm=SHA1&digits=6&period={STEP_SECS}",
            base32(secret)
        )
    }

    /// The time step whose code `code` is, within one step of `now` (Unix seconds), if any.
    /// The caller refuses a step it accepted before, so a code works once.
    pub fn matching_step(secret: &[u8], code: &str, now: u64) -> Option<u64> {
        let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
        if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        // Only a secret shorter than 128 bits is refused, and ours are 160.
        let totp = TOTP::new(Algorithm::SHA1, 6, 1, STEP_SECS, secret.to_vec()).ok()?;
        let step = now / STEP_SECS;
        [step.saturating_sub(1), step, step + 1]
            .into_iter()
            .find(|s| {
                bool::from(
                    totp.generate(s * STEP_SECS)
                        .as_bytes()
                        .ct_eq(code.as_bytes()),
                )
            })
    }

    /// Ten recovery codes such as `k7qm-2xwp-9rta` (60 bits each), shown once.
    pub fn new_recovery_codes() -> Vec<String> {
        const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
        (0..10)
            .map(|_| {
                let mut bytes = [0u8; 12];
                rand::rng().fill_bytes(&mut bytes);
                let chars: Vec<char> = bytes
                    .iter()
                    .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
                    .collect();
                chars
                    .chunks(4)
                    .map(|c| c.iter().collect::<String>())
                    .collect::<Vec<_>>()
                    .join("-")
            })
            .collect()
    }

    /// What is stored of a recovery code: the SHA-256 of its letters and digits, lowercased,
    /// so `K7QM 2XWP 9RTA` typed by a person matches `k7qm-2xwp-9rta`.
    pub fn recovery_code_hash(code: &str) -> String {
        let normalized: String = code
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        crate::secrets::hex(&Sha256::digest(normalized.as_bytes()))
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        /// RFC 6238's SHA-1 test vectors (the last 6 of their 8 digits).
        #[test]
        fn codes_follow_rfc_6238() {
            let secret = b"12345678901234567890";
            for (time, code) in [
                (59, "287082"),
                (1111111109, "081804"),
                (1234567890, "005924"),
            ] {
                assert_eq!(matching_step(secret, code, time), Some(time / 30), "{time}");
            }
            // One step either side is accepted, two are not.
            assert_eq!(matching_step(secret, "287082", 59 + 30), Some(1));
            assert_eq!(matching_step(secret, "287082", 59 + 60), None);
            assert_eq!(matching_step(secret, "28708", 59), None);
            assert_eq!(matching_step(secret, "28708x", 59), None);
            assert_eq!(
                matching_step(secret, "287 082", 59),
                Some(1),
                "spaces are ignored"
            );
        }

        #[test]
        fn recovery_codes_are_distinct_and_match_as_typed() {
            let codes = new_recovery_codes();
            assert_eq!(codes.len(), 10);
            let unique: std::collections::BTreeSet<_> = codes.iter().collect();
            assert_eq!(unique.len(), 10);
            let code = &codes[0];
            assert_eq!(code.len(), 14);
            assert_eq!(
                recovery_code_hash(code),
                recovery_code_hash(&code.to_uppercase().replace('-', " "))
            );
        }

        #[test]
        fn the_uri_names_the_issuer_and_account() {
            let url = otpauth_url(b"12345678901234567890", "ana@acme.test");
            assert!(url.starts_with("otpauth://totp/Kyra%3Aana%40acme.test?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Kyra"), "{url}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_and_grant_in_order() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("owner"), None);
        assert!(Role::Admin.can_decide() && Role::Admin.can_administer());
        assert!(Role::Reviewer.can_decide() && !Role::Reviewer.can_administer());
        assert!(!Role::Viewer.can_decide() && !Role::Viewer.can_administer());
    }

    #[test]
    fn emails_are_normalized_and_checked() {
        assert_eq!(
            Email::parse("  Ana.Reviewer@Example.COM ")
                .expect("an address")
                .as_str(),
            "ana.reviewer@example.com"
        );
        for bad in [
            "",
            "ana",
            "@example.com",
            "ana@",
            "ana@example",
            "a b@x.io",
            "a@x.io.",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn passwords_hash_with_argon2id_and_verify() {
        assert!(NewPassword::parse("short").is_err());
        assert!(NewPassword::parse(&"x".repeat(MAX_PASSWORD_CHARS + 1)).is_err());
        let password = NewPassword::parse("correct horse battery").expect("long enough");
        assert_eq!(format!("{password:?}"), "NewPassword(..)");
        let stored = password.hash();
        assert!(stored.starts_with("$argon2id$"), "{stored}");
        assert!(password_matches(&stored, "correct horse battery"));
        assert!(!password_matches(&stored, "correct horse battery "));
        assert!(!password_matches("not a hash", "correct horse battery"));
        assert_ne!(stored, password.hash(), "every hash has its own salt");
        assert!(!password_matches(decoy_hash(), ""));
    }
}
