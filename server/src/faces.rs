//! The face models on disk: found, checked against `SHA256SUMS`, loaded once per process and
//! shared by every check worker.
//!
//! Loading is lazy and retried: a server whose models are missing still serves everything else,
//! and each face check it runs fails loudly (`CHECK_ERROR`, and an error log line naming the
//! file) until the files are put in place — no restart needed, and never a silent pass.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use kyra_checks::face::{verify_model, FaceEngine, FaceModels, MODEL_FILES};
use tokio::sync::OnceCell;

/// Where the models live when the configuration does not say: `models/face` in the working
/// directory or one of its parents (a checkout), or beside the binary.
const DEFAULT_DIR: &str = "models/face";

/// Why the face models cannot be used. Every variant names the file to fix.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ModelsError {
    #[error("no face model directory: set `checks.face_models` (KYRA_CHECKS_FACE_MODELS) to the directory holding {}", MODEL_FILES.join(", "))]
    NotFound,
    #[error("cannot read {}: {reason}", path.display())]
    Unreadable { path: PathBuf, reason: String },
    #[error("face model in {}: {reason}", dir.display())]
    Integrity { dir: PathBuf, reason: String },
    #[error("{0}")]
    Load(String),
}

/// The process's face engine, loaded on first use.
#[derive(Clone)]
pub struct Faces {
    dir: Option<PathBuf>,
    engine: Arc<OnceCell<FaceEngine>>,
}

impl Faces {
    /// Models from `configured`, else from the default places.
    pub fn new(configured: Option<&Path>) -> Faces {
        Faces {
            dir: model_dir(configured),
            engine: Arc::default(),
        }
    }

    /// The engine, loading it if this is the first use (≈0.3 s on a 2-core machine). A failure
    /// is logged with `alert=face_models_unavailable` and returned; the next call tries again.
    pub async fn engine(&self) -> Result<&FaceEngine, ModelsError> {
        self.engine
            .get_or_try_init(|| async {
                let dir = self.dir.clone().ok_or(ModelsError::NotFound);
                let started = Instant::now();
                let loaded = match dir {
                    Ok(dir) => tokio::task::spawn_blocking(move || load(&dir))
                        .await
                        .unwrap_or_else(|e| Err(ModelsError::Load(e.to_string()))),
                    Err(err) => Err(err),
                };
                match &loaded {
                    Ok(_) => tracing::info!(
                        load_ms = started.elapsed().as_millis() as u64,
                        "face models loaded"
                    ),
                    Err(err) => {
                        tracing::error!(alert = "face_models_unavailable", error = %err, "face checks cannot run")
                    }
                }
                loaded
            })
            .await
    }
}

/// The model directory: `configured`, else the default places.
pub fn model_dir(configured: Option<&Path>) -> Option<PathBuf> {
    configured.map(Path::to_path_buf).or_else(find_dir)
}

/// `models/face` in the working directory or an ancestor, else beside the executable.
fn find_dir() -> Option<PathBuf> {
    let from_cwd = std::env::current_dir().ok().and_then(|cwd| {
        cwd.ancestors()
            .map(|a| a.join(DEFAULT_DIR))
            .find(|d| d.join("SHA256SUMS").is_file())
    });
    from_cwd.or_else(|| {
        let exe = std::env::current_exe().ok()?;
        exe.ancestors()
            .skip(1)
            .take(3)
            .map(|a| a.join(DEFAULT_DIR))
            .find(|d| d.join("SHA256SUMS").is_file())
    })
}

/// Reads the three models from `dir`, each checked against `dir/SHA256SUMS`, and loads them.
pub fn load(dir: &Path) -> Result<FaceEngine, ModelsError> {
    let read = |path: PathBuf| {
        std::fs::read(&path).map_err(|e| ModelsError::Unreadable {
            path,
            reason: e.to_string(),
        })
    };
    let sums = String::from_utf8_lossy(&read(dir.join("SHA256SUMS"))?).into_owned();
    let mut bytes = Vec::with_capacity(MODEL_FILES.len());
    for file in MODEL_FILES {
        let data = read(dir.join(file))?;
        verify_model(file, &data, &sums).map_err(|e| ModelsError::Integrity {
            dir: dir.to_path_buf(),
            reason: e.to_string(),
        })?;
        bytes.push(data);
    }
    let models = FaceModels::from_bytes(&bytes[0], &bytes[1], &bytes[2])
        .map_err(|e| ModelsError::Load(e.to_string()))?;
    Ok(FaceEngine::new(models))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repo_models() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../models/face")
    }

    #[test]
    fn a_missing_or_altered_file_is_named() {
        let dir = tempfile::tempdir().expect("tempdir");
        let err = load(dir.path()).expect_err("empty dir");
        assert!(err.to_string().contains("SHA256SUMS"), "{err}");

        for entry in std::fs::read_dir(repo_models()).expect("models/face") {
            let path = entry.expect("entry").path();
            let name = path.file_name().expect("name");
            std::fs::copy(&path, dir.path().join(name)).expect("copy");
        }
        let descriptor = dir.path().join("faceapi_recognition.onnx");
        let mut bytes = std::fs::read(&descriptor).expect("read");
        bytes.truncate(bytes.len() / 2);
        std::fs::write(&descriptor, bytes).expect("write");
        let err = load(dir.path()).expect_err("truncated");
        assert!(matches!(err, ModelsError::Integrity { .. }), "{err}");
        assert!(
            err.to_string().contains("faceapi_recognition.onnx"),
            "{err}"
        );

        std::fs::remove_file(&descriptor).expect("remove");
        let err = load(dir.path()).expect_err("missing");
        assert!(
            err.to_string().contains("faceapi_recognition.onnx"),
            "{err}"
        );
    }

    #[tokio::test]
    async fn without_models_each_use_fails_and_with_them_the_engine_loads() {
        let faces = Faces {
            dir: None,
            engine: Arc::default(),
        };
        assert!(matches!(faces.engine().await, Err(ModelsError::NotFound)));
        let faces = Faces::new(Some(&repo_models()));
        assert!(faces.engine().await.is_ok());
    }
}
