//! Encryption of personal data at rest (XChaCha20-Poly1305).
//!
//! Each sealed value is bound to the row it belongs to through associated data (for example the
//! verification id), so a ciphertext copied into another row fails to open instead of silently
//! showing one applicant's data under another's verification.

use std::io::Write;
use std::path::Path;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

const VERSION: &str = "v1.";
const NONCE_LEN: usize = 24;

#[derive(Debug, thiserror::Error)]
pub enum CryptoError {
    #[error("master key must be 32 bytes, base64-encoded")]
    BadKey,
    #[error("cannot read or create the master key file {path}: {source}")]
    KeyFile {
        path: String,
        source: std::io::Error,
    },
    #[error("sealed value is malformed")]
    Malformed,
    #[error("sealed value failed authentication (wrong key or tampered data)")]
    Authentication,
}

pub struct Sealer {
    cipher: XChaCha20Poly1305,
    /// Key of [`Sealer::digest`], derived from the master key so one secret protects both.
    digest_key: [u8; 32],
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sealer(<redacted>)")
    }
}

impl Sealer {
    pub fn from_base64(key: &str) -> Result<Sealer, CryptoError> {
        let bytes = STANDARD
            .decode(key.trim())
            .map_err(|_| CryptoError::BadKey)?;
        let cipher = XChaCha20Poly1305::new_from_slice(&bytes).map_err(|_| CryptoError::BadKey)?;
        let mut derive = <Sha256 as Digest>::new();
        derive.update(b"kyra digest key v1\0");
        derive.update(&bytes);
        Ok(Sealer {
            cipher,
            digest_key: derive.finalize().into(),
        })
    }

    /// Uses `<data_dir>/master.key`, creating it (mode 0600) on first start. Replicas sharing a
    /// PostgreSQL database must share the key instead, through `master_key` / `KYRA_MASTER_KEY`.
    pub fn load_or_create(data_dir: &Path) -> Result<Sealer, CryptoError> {
        let path = data_dir.join("master.key");
        let io_err = |source| CryptoError::KeyFile {
            path: path.display().to_string(),
            source,
        };
        match std::fs::read_to_string(&path) {
            Ok(key) => Sealer::from_base64(&key),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                std::fs::create_dir_all(data_dir).map_err(io_err)?;
                let key = XChaCha20Poly1305::generate_key(&mut OsRng);
                let encoded = STANDARD.encode(key);
                let mut options = std::fs::OpenOptions::new();
                options.write(true).create_new(true);
                #[cfg(unix)]
                std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
                let mut file = options.open(&path).map_err(io_err)?;
                file.write_all(encoded.as_bytes()).map_err(io_err)?;
                file.sync_all().map_err(io_err)?;
                Sealer::from_base64(&encoded)
            }
            Err(e) => Err(io_err(e)),
        }
    }

    /// The configured key (`master_key`), else `<data_dir>/master.key` created on first use.
    pub fn for_config(config: &crate::config::Config) -> Result<Sealer, CryptoError> {
        match &config.master_key {
            Some(key) => Sealer::from_base64(key),
            None => Sealer::load_or_create(&config.data_dir),
        }
    }

    pub fn seal(&self, plaintext: &[u8], bound_to: &str) -> String {
        format!(
            "{VERSION}{}",
            STANDARD.encode(self.seal_bytes(plaintext, bound_to))
        )
    }

    /// Binary form for large values (files): nonce followed by ciphertext, no text encoding.
    pub fn seal_bytes(&self, plaintext: &[u8], bound_to: &str) -> Vec<u8> {
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        // Encryption with a valid key and an in-memory buffer cannot fail.
        let ciphertext = self
            .cipher
            .encrypt(
                &nonce,
                Payload {
                    msg: plaintext,
                    aad: bound_to.as_bytes(),
                },
            )
            .unwrap_or_default();
        let mut out = nonce.to_vec();
        out.extend_from_slice(&ciphertext);
        out
    }

    pub fn open_bytes(&self, sealed: &[u8], bound_to: &str) -> Result<Vec<u8>, CryptoError> {
        if sealed.len() < NONCE_LEN {
            return Err(CryptoError::Malformed);
        }
        let (nonce, ciphertext) = sealed.split_at(NONCE_LEN);
        self.cipher
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: ciphertext,
                    aad: bound_to.as_bytes(),
                },
            )
            .map_err(|_| CryptoError::Authentication)
    }

    /// A keyed digest (HMAC-SHA256, hex) of `data` in `context`: equal inputs give equal digests,
    /// so values such as document numbers can be compared for duplicates without being stored
    /// in clear, and without the key a digest cannot be confirmed by guessing.
    pub fn digest(&self, context: &str, data: &[u8]) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.digest_key)
            .unwrap_or_else(|_| unreachable!("HMAC accepts any key length"));
        mac.update(context.as_bytes());
        mac.update(b"\0");
        mac.update(data);
        crate::secrets::hex(&mac.finalize().into_bytes())
    }

    pub fn open(&self, sealed: &str, bound_to: &str) -> Result<Vec<u8>, CryptoError> {
        let body = sealed.strip_prefix(VERSION).ok_or(CryptoError::Malformed)?;
        let bytes = STANDARD.decode(body).map_err(|_| CryptoError::Malformed)?;
        self.open_bytes(&bytes, bound_to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sealer() -> Sealer {
        Sealer::from_base64(&STANDARD.encode([7u8; 32])).expect("valid key")
    }

    #[test]
    fn digests_are_keyed_and_separated_by_context() {
        let s = sealer();
        let other = Sealer::from_base64(&STANDARD.encode([8u8; 32])).expect("valid key");
        let d = s.digest("document-number", b"D23145890");
        assert_eq!(d.len(), 64);
        assert_eq!(d, s.digest("document-number", b"D23145890"));
        assert_ne!(d, s.digest("document-number", b"D23145891"));
        assert_ne!(d, s.digest("file", b"D23145890"));
        assert_ne!(d, other.digest("document-number", b"D23145890"));
    }

    #[test]
    fn seals_and_opens() {
        let s = sealer();
        let sealed = s.seal(b"ana@example.com", "vrf_1");
        assert!(!sealed.contains("ana"));
        assert_eq!(
            s.open(&sealed, "vrf_1").ok(),
            Some(b"ana@example.com".to_vec())
        );
    }

    #[test]
    fn refuses_other_row_tampering_and_garbage() {
        let s = sealer();
        let sealed = s.seal(b"secret", "vrf_1");
        assert!(matches!(
            s.open(&sealed, "vrf_2"),
            Err(CryptoError::Authentication)
        ));
        let mut tampered = sealed.clone().into_bytes();
        let last = tampered.len() - 2;
        tampered[last] = if tampered[last] == b'A' { b'B' } else { b'A' };
        let tampered = String::from_utf8(tampered).unwrap_or_default();
        assert!(s.open(&tampered, "vrf_1").is_err());
        assert!(matches!(
            s.open("v1.AAAA", "vrf_1"),
            Err(CryptoError::Malformed)
        ));
        assert!(matches!(
            s.open("plain", "vrf_1"),
            Err(CryptoError::Malformed)
        ));
        assert!(matches!(
            Sealer::from_base64("c2hvcnQ="),
            Err(CryptoError::BadKey)
        ));
    }
}
