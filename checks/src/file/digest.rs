use sha2::{Digest, Sha256};

/// Lower-case hex SHA-256 of `bytes`. Recorded for every upload (original bytes, not the
/// re-encoded copy) so duplicates and tampering can be traced to the exact file received.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest.iter() {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0x0f)]));
    }
    out
}

const HEX: &[u8; 16] = b"0123456789abcdef";
