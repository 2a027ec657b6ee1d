//! Resolved configuration: flags over `KYRA_*` environment over `kyra.toml` over defaults.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use figment::providers::{Env, Format, Serialized, Toml};
use figment::Figment;
use serde::{Deserialize, Serialize};

use crate::cli::{GlobalArgs, ServeArgs};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Config {
    pub listen: SocketAddr,
    pub data_dir: PathBuf,
    /// `None` means the embedded SQLite file `<data_dir>/kyra.db`.
    pub database_url: Option<String>,
    pub public_url: Option<String>,
    pub site_root: Option<PathBuf>,
    /// Largest JSON body the API accepts, in bytes.
    pub api_body_limit: usize,
    /// Base64 32-byte key sealing personal data. Default: `<data_dir>/master.key`, created on
    /// first start. Replicas sharing one PostgreSQL database must share this key.
    pub master_key: Option<String>,
    /// How often expired links are swept, in milliseconds.
    pub expiry_sweep_ms: u64,
    /// How often the server checks for a newly imported list version, in milliseconds.
    pub screening_reload_ms: u64,
    /// `text` for people, `json` for log pipelines.
    pub log_format: LogFormat,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Text,
    Json,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            data_dir: PathBuf::from("data"),
            database_url: None,
            public_url: None,
            site_root: None,
            api_body_limit: 64 * 1024,
            master_key: None,
            expiry_sweep_ms: 5_000,
            screening_reload_ms: 2_000,
            log_format: LogFormat::Text,
        }
    }
}

/// Flags given on the command line; only those present override lower layers.
#[derive(Debug, Default, Serialize)]
struct Overrides {
    #[serde(skip_serializing_if = "Option::is_none")]
    listen: Option<SocketAddr>,
    #[serde(skip_serializing_if = "Option::is_none")]
    data_dir: Option<PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    database_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    public_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    site_root: Option<PathBuf>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("config file {0} does not exist")]
    MissingFile(PathBuf),
    #[error("invalid configuration: {0}")]
    Invalid(#[from] Box<figment::Error>),
}

impl Config {
    pub fn load(global: &GlobalArgs, serve: Option<&ServeArgs>) -> Result<Config, ConfigError> {
        let mut figment = Figment::from(Serialized::defaults(Config::default()));
        match &global.config {
            Some(path) if !path.exists() => return Err(ConfigError::MissingFile(path.clone())),
            Some(path) => figment = figment.merge(Toml::file(path)),
            None if Path::new("kyra.toml").exists() => {
                figment = figment.merge(Toml::file("kyra.toml"))
            }
            None => {}
        }
        figment = figment
            .merge(
                Env::raw()
                    .only(&["DATABASE_URL"])
                    .map(|_| "database_url".into()),
            )
            .merge(Env::prefixed("KYRA_").ignore(&["CONFIG"]));
        let overrides = Overrides {
            data_dir: global.data_dir.clone(),
            database_url: global.database_url.clone(),
            listen: serve.and_then(|s| s.listen),
            public_url: serve.and_then(|s| s.public_url.clone()),
            site_root: serve.and_then(|s| s.site_root.clone()),
        };
        figment = figment.merge(Serialized::defaults(overrides));
        figment
            .extract()
            .map_err(|e| ConfigError::Invalid(Box::new(e)))
    }

    /// The URL links handed to applicants start with.
    pub fn public_base(&self) -> String {
        match &self.public_url {
            Some(url) => url.trim_end_matches('/').to_owned(),
            None => format!("http://{}", self.listen),
        }
    }

    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) => url.clone(),
            None => format!(
                "sqlite://{}?mode=rwc",
                self.data_dir.join("kyra.db").display()
            ),
        }
    }
}
