//! Resolved configuration: flags over `KYRA_*` environment over `kyra.toml` over defaults.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use figment::providers::{Env, Format, Serialized, Toml};
use figment::Figment;
use serde::{Deserialize, Serialize};

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
    /// Largest document upload, in bytes.
    pub upload_limit_bytes: usize,
    /// Sustained API requests per second allowed per key (0 disables limiting).
    pub rate_limit_per_second: u32,
    /// Requests a key may send in a burst above the sustained rate.
    pub rate_limit_burst: u32,
    /// How long an authenticated API key is trusted without reading it again, in milliseconds:
    /// the longest a revocation or a flow update made elsewhere (`kyra keys revoke`, `kyra flows
    /// update`) takes to reach this server, since the key carries its flow's current version.
    /// 0 (the default) reads the key on every request: a change is seen by the next request.
    pub api_key_cache_ms: u64,
    /// How often expired links are swept, in milliseconds.
    pub expiry_sweep_ms: u64,
    /// How often the server checks for a newly imported list version, in milliseconds.
    pub screening_reload_ms: u64,
    /// `text` for people, `json` for log pipelines.
    pub log_format: LogFormat,
    /// `[webhooks]`: delivery and SSRF settings.
    #[serde(default)]
    pub webhooks: WebhooksConfig,
    /// `[checks]`: the check workers.
    #[serde(default)]
    pub checks: ChecksConfig,
    /// `[console]`: operator sessions and sign-in limits.
    #[serde(default)]
    pub console: ConsoleConfig,
}

/// `[webhooks]` in kyra.toml, or `KYRA_WEBHOOKS_<KEY>` in the environment.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct WebhooksConfig {
    /// Hosts (names or IP addresses) that may be private, loopback or plain `http://`. Needed for
    /// local receivers; everything else must resolve to a public address. The environment form
    /// is comma-separated: `KYRA_WEBHOOKS_ALLOW_HOSTS=127.0.0.1,localhost`.
    #[serde(deserialize_with = "list_or_csv")]
    pub allow_hosts: Vec<String>,
    /// Consecutive failed attempts after which an endpoint is disabled.
    pub disable_after_failures: i64,
    /// Run the dispatcher inside `kyra serve` (turn off on replicas that should only serve HTTP).
    pub dispatcher: bool,
    /// How often an idle dispatcher looks for new events, in milliseconds.
    pub poll_interval_ms: u64,
    /// Deliveries in flight at once per dispatcher.
    pub max_in_flight: usize,
    /// Timeout of one delivery (connect, send and response), in milliseconds.
    pub timeout_ms: u64,
    /// How long a claimed message belongs to one dispatcher before another may take it over, in
    /// milliseconds. Must exceed `timeout_ms`; it bounds how late a delivery interrupted by a
    /// crash is retried.
    pub lease_ms: u64,
    /// Multiplies every retry delay. 1.0 in production; tests shrink days to seconds.
    pub retry_scale: f64,
    /// Days the delivery log keeps a finished (delivered or given-up) message and its attempts.
    /// Messages still being retried are never removed; the events themselves (the verification's
    /// audit trail) are not touched.
    pub retention_days: f64,
}

impl Default for WebhooksConfig {
    fn default() -> Self {
        WebhooksConfig {
            allow_hosts: Vec::new(),
            disable_after_failures: 50,
            dispatcher: true,
            poll_interval_ms: 50,
            max_in_flight: 128,
            timeout_ms: 10_000,
            lease_ms: 60_000,
            retry_scale: 1.0,
            retention_days: 30.0,
        }
    }
}

/// Accepts `["a", "b"]` (TOML) or `"a,b"` (environment variable).
fn list_or_csv<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Form {
        List(Vec<String>),
        Csv(String),
    }
    Ok(match Form::deserialize(d)? {
        Form::List(list) => list,
        Form::Csv(csv) => csv
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
    })
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
            upload_limit_bytes: 10 * 1024 * 1024,
            rate_limit_per_second: 200,
            rate_limit_burst: 400,
            api_key_cache_ms: 0,
            screening_reload_ms: 2_000,
            log_format: LogFormat::Text,
            webhooks: WebhooksConfig::default(),
            checks: ChecksConfig::default(),
            console: ConsoleConfig::default(),
        }
    }
}

/// `[checks]` in kyra.toml, or `KYRA_CHECKS_<KEY>` in the environment.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct ChecksConfig {
    /// Run the check workers inside `kyra serve` (turn off on replicas that only serve HTTP).
    pub runner: bool,
    /// Checks run at once. Document checks are CPU-bound: about one per core.
    pub workers: usize,
    /// How long a claimed check belongs to one worker before another may take it over.
    pub lease_ms: u64,
    /// How often an idle runner looks for work (a submission on this replica wakes it at once).
    pub poll_ms: u64,
    /// Directory of the face models and their `SHA256SUMS` (`models/face` of the release).
    /// Unset: `models/face` in the working directory or a parent, else beside the binary.
    pub face_models: Option<PathBuf>,
}

impl Default for ChecksConfig {
    fn default() -> Self {
        ChecksConfig {
            runner: true,
            workers: std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2),
            lease_ms: 120_000,
            poll_ms: 500,
            face_models: None,
        }
    }
}

/// `[console]` in kyra.toml, or `KYRA_CONSOLE_<KEY>` in the environment.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct ConsoleConfig {
    /// A console session ends after this many seconds without a request.
    pub idle_timeout_secs: u64,
    /// and after this many seconds from sign-in, however active.
    pub absolute_timeout_secs: u64,
    /// Failed sign-ins allowed per account in 15 minutes; further attempts on the account are
    /// refused without checking the password until the window moves on.
    pub login_failures: u32,
    /// Failed sign-ins allowed per client address in 15 minutes, whatever the accounts (higher:
    /// a whole office may share one address).
    pub login_failures_per_address: u32,
}

impl Default for ConsoleConfig {
    fn default() -> Self {
        ConsoleConfig {
            idle_timeout_secs: 30 * 60,
            absolute_timeout_secs: 12 * 60 * 60,
            login_failures: 10,
            login_failures_per_address: 50,
        }
    }
}

/// What the command line says, the highest layer: the configuration file to read, and the
/// settings given as flags (only those present override lower layers). The CLI fills it; the
/// configuration knows nothing of the CLI.
#[derive(Debug, Default, Serialize)]
pub struct Overrides {
    /// `--config`: the file to read instead of `./kyra.toml`.
    #[serde(skip)]
    pub config_file: Option<PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub listen: Option<SocketAddr>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_dir: Option<PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site_root: Option<PathBuf>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("config file {0} does not exist")]
    MissingFile(PathBuf),
    #[error("invalid configuration: {0}")]
    Invalid(#[from] Box<figment::Error>),
}

impl Config {
    pub fn load(overrides: &Overrides) -> Result<Config, ConfigError> {
        let mut figment = Figment::from(Serialized::defaults(Config::default()));
        match &overrides.config_file {
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
            .merge(Env::prefixed("KYRA_").filter(|key| {
                !key.as_str().eq_ignore_ascii_case("config")
                    && !key.as_str().to_ascii_lowercase().starts_with("webhooks_")
                    && !key.as_str().to_ascii_lowercase().starts_with("checks_")
                    && !key.as_str().to_ascii_lowercase().starts_with("console_")
            }))
            // `KYRA_WEBHOOKS_ALLOW_HOSTS` → `webhooks.allow_hosts`: figment would otherwise read
            // the single underscore as part of a flat key.
            .merge(
                Env::prefixed("KYRA_WEBHOOKS_")
                    .map(|key| format!("webhooks.{}", key.as_str().to_ascii_lowercase()).into()),
            )
            .merge(
                Env::prefixed("KYRA_CHECKS_")
                    .map(|key| format!("checks.{}", key.as_str().to_ascii_lowercase()).into()),
            )
            .merge(
                Env::prefixed("KYRA_CONSOLE_")
                    .map(|key| format!("console.{}", key.as_str().to_ascii_lowercase()).into()),
            );
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

#[cfg(test)]
// figment's test jail fixes the closure's error type.
#[allow(clippy::result_large_err)]
mod tests {
    use super::*;

    #[test]
    fn webhook_settings_come_from_nested_env_keys() {
        figment::Jail::expect_with(|jail| {
            jail.set_env("KYRA_WEBHOOKS_ALLOW_HOSTS", "127.0.0.1, localhost");
            jail.set_env("KYRA_WEBHOOKS_DISABLE_AFTER_FAILURES", "3");
            let config = Config::load(&Overrides::default()).map_err(|e| e.to_string())?;
            assert_eq!(config.webhooks.allow_hosts, ["127.0.0.1", "localhost"]);
            assert_eq!(config.webhooks.disable_after_failures, 3);
            Ok(())
        });
    }

    #[test]
    fn webhook_allow_hosts_from_toml() {
        figment::Jail::expect_with(|jail| {
            jail.create_file("kyra.toml", "[webhooks]\nallow_hosts = [\"10.0.0.5\"]\n")?;
            let config = Config::load(&Overrides::default()).map_err(|e| e.to_string())?;
            assert_eq!(config.webhooks.allow_hosts, ["10.0.0.5"]);
            Ok(())
        });
    }
}
