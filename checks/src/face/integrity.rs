//! Model integrity: a model file is used only when its SHA-256 is the one `models/face/SHA256SUMS`
//! records. A truncated download, a file swapped for another network or a corrupted disk would
//! otherwise produce scores that look plausible and mean nothing — for a check that approves
//! people, that is worse than no check. Pure: the caller reads the files.

use sha2::{Digest, Sha256};

/// Why a model's bytes are not the ones the repository ships.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IntegrityError {
    /// `SHA256SUMS` has no line for the file.
    #[error("{file} is not listed in SHA256SUMS")]
    Unlisted { file: String },
    /// The bytes hash to something else.
    #[error("{file} is altered or truncated: sha256 {actual}, SHA256SUMS says {expected}")]
    Mismatch {
        file: String,
        actual: String,
        expected: String,
    },
}

/// The checksum `sums` (the text of a `sha256sum` output) records for `file`, lower-case.
pub fn expected_sum(sums: &str, file: &str) -> Option<String> {
    sums.lines().find_map(|line| {
        let (sum, name) = line.split_once(char::is_whitespace)?;
        (name.trim().trim_start_matches('*') == file).then(|| sum.to_ascii_lowercase())
    })
}

/// Checks `bytes` against the line of `sums` for `file`.
pub fn verify_model(file: &str, bytes: &[u8], sums: &str) -> Result<(), IntegrityError> {
    let expected = expected_sum(sums, file).ok_or_else(|| IntegrityError::Unlisted {
        file: file.to_owned(),
    })?;
    let actual: String = Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    if actual == expected {
        Ok(())
    } else {
        Err(IntegrityError::Mismatch {
            file: file.to_owned(),
            actual,
            expected,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // sha256("abc")
    const ABC: &str = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    #[test]
    fn listed_bytes_pass_and_anything_else_is_named() {
        let sums = format!("{ABC}  blazeface.onnx\n{ABC} *facemesh.onnx\n");
        assert_eq!(verify_model("blazeface.onnx", b"abc", &sums), Ok(()));
        assert_eq!(verify_model("facemesh.onnx", b"abc", &sums), Ok(()));
        assert!(matches!(
            verify_model("blazeface.onnx", b"abd", &sums),
            Err(IntegrityError::Mismatch { ref file, .. }) if file == "blazeface.onnx"
        ));
        assert_eq!(
            verify_model("other.onnx", b"abc", &sums),
            Err(IntegrityError::Unlisted {
                file: "other.onnx".into()
            })
        );
    }
}
