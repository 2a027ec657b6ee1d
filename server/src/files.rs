//! The local file store: uploaded documents, sealed at rest, one file per document under
//! `<data_dir>/files/<verification>/<document>`. Writes go to a temporary name first and are
//! renamed into place, so a crash never leaves a half-written document behind.

use std::path::{Path, PathBuf};

use crate::crypto::Sealer;
use crate::ids::{DocumentId, VerificationId};

#[derive(Debug, thiserror::Error)]
pub enum FileStoreError {
    #[error("file store I/O error on {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("stored file cannot be opened: {0}")]
    Crypto(crate::crypto::CryptoError),
}

#[derive(Clone, Debug)]
pub struct FileStore {
    root: PathBuf,
}

impl FileStore {
    pub fn new(data_dir: &Path) -> FileStore {
        FileStore {
            root: data_dir.join("files"),
        }
    }

    fn path(&self, verification: &VerificationId, document: &DocumentId) -> PathBuf {
        self.root
            .join(verification.as_str())
            .join(document.as_str())
    }

    pub async fn put(
        &self,
        sealer: &Sealer,
        verification: &VerificationId,
        document: &DocumentId,
        bytes: &[u8],
    ) -> Result<(), FileStoreError> {
        let path = self.path(verification, document);
        let io = |source| FileStoreError::Io {
            path: path.display().to_string(),
            source,
        };
        let sealed = sealer.seal_bytes(bytes, document.as_str());
        if let Some(dir) = path.parent() {
            tokio::fs::create_dir_all(dir).await.map_err(io)?;
        }
        let tmp = path.with_extension("part");
        tokio::fs::write(&tmp, sealed).await.map_err(io)?;
        tokio::fs::rename(&tmp, &path).await.map_err(io)?;
        Ok(())
    }

    /// Reads and opens a stored document.
    pub async fn get(
        &self,
        sealer: &Sealer,
        verification: &VerificationId,
        document: &DocumentId,
    ) -> Result<Vec<u8>, FileStoreError> {
        let path = self.path(verification, document);
        let sealed = tokio::fs::read(&path)
            .await
            .map_err(|source| FileStoreError::Io {
                path: path.display().to_string(),
                source,
            })?;
        sealer
            .open_bytes(&sealed, document.as_str())
            .map_err(FileStoreError::Crypto)
    }

    /// Removes a stored document (used when the database write that indexes it fails).
    pub async fn remove(&self, verification: &VerificationId, document: &DocumentId) {
        let _ = tokio::fs::remove_file(self.path(verification, document)).await;
    }
}
