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
