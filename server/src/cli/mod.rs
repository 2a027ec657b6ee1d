//! Command-line interface of the `kyra` binary: the arguments (this file) and one module per
//! command family. Commands use the store and the use cases below them, never the HTTP layer.
//!
//! | module | commands |
//! |---|---|
//! | `tenants` | `kyra tenant create` |
//! | `keys` | `kyra keys create\|list\|revoke` |
//! | `flows` | `kyra flows show\|update`, `kyra decisions replay` |
//! | `screening` | `kyra lists import\|status\|prune`, `kyra screen` (and `screen compare`) |
//! | `audit` | `kyra audit list\|verify` |
//! | `users` | `kyra users create\|list\|reset-password\|reset-2fa\|disable` (console operators) |
//! | `checks` | `kyra checks document`, `face`, `liveness` (local files, no database) |
//! | `webhooks` | `kyra webhooks verify` (no database) |

mod audit;
mod checks;
mod face;
mod flows;
mod keys;
mod screening;
mod tenants;
mod users;
mod webhooks;

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::config::{Config, Overrides};

/// Kyra: self-hosted identity verification.
/// Input a command cannot use (an unreadable or undecodable file): `kyra` exits with status 2,
/// as for a usage error, so scripts can tell bad input from a failed run.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct BadInput(pub String);

#[derive(Debug, Parser)]
#[command(name = "kyra", version, about, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every subcommand accepts, so admin commands act on the same store as the server.
///
/// Precedence, highest first: command-line flag, `KYRA_*` environment variable (and
/// `DATABASE_URL`), the config file (`--config`, default `./kyra.toml` if present), built-in
/// defaults.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Configuration file (TOML). Defaults to ./kyra.toml when that file exists.
    #[arg(long, global = true, env = "KYRA_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Directory for the embedded SQLite database and the local file store [default: ./data].
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Database URL: `sqlite://…` or `postgres://…` [default: SQLite file in the data dir].
    #[arg(long, global = true, value_name = "URL")]
    pub database_url: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the HTTP server (API, hosted journey, static assets).
    Serve(ServeArgs),
    /// Apply the embedded database migrations and exit.
    Migrate,
    /// Manage tenants.
    #[command(subcommand)]
    Tenant(TenantCommand),
    /// Manage API keys.
    #[command(subcommand)]
    Keys(KeysCommand),
    /// Import sanctions/PEP lists and show their versions.
    #[command(subcommand)]
    Lists(screening::ListsCommand),
    /// Screen a name against the imported lists, or score pairs (`screen compare`).
    Screen(screening::ScreenArgs),
    /// Webhook tools.
    #[command(subcommand)]
    Webhooks(WebhooksCommand),
    /// Show and version flows (checks, document policy, decision rules).
    #[command(subcommand)]
    Flows(flows::FlowsCommand),
    /// Replay past decisions under other rules.
    #[command(subcommand)]
    Decisions(flows::DecisionsCommand),
    /// Run verification checks on local files (no server or database needed).
    #[command(subcommand)]
    Checks(checks::ChecksCommand),
    /// Read and verify the hash-chained audit log.
    #[command(subcommand)]
    Audit(audit::AuditCommand),
    /// Manage the operators who sign in to the console (`/console`).
    #[command(subcommand)]
    Users(users::UsersCommand),
}

#[derive(Debug, Subcommand)]
pub enum WebhooksCommand {
    /// Verify a captured delivery's Standard Webhooks signature. Exits 0 if valid, 1 if not.
    Verify {
        /// The endpoint's signing secret (`whsec_…`), for `v1` signatures.
        #[arg(
            long,
            env = "KYRA_WEBHOOK_SECRET",
            hide_env_values = true,
            required_unless_present = "public_key",
            conflicts_with = "public_key"
        )]
        secret: Option<String>,
        /// The endpoint's Ed25519 public key (`whpk_…`), for `v1a` signatures.
        #[arg(long, value_name = "WHPK")]
        public_key: Option<String>,
        /// The delivery's headers: a JSON object (inline or in a file), or a file of
        /// `Name: value` lines. Needs `webhook-id`, `webhook-timestamp`, `webhook-signature`.
        #[arg(long, value_name = "FILE_OR_JSON")]
        headers: String,
        /// File with the raw request body, byte for byte as received.
        #[arg(long, value_name = "FILE")]
        body: PathBuf,
        /// Maximum age of `webhook-timestamp`, in seconds [default: 300].
        #[arg(long, value_name = "SECS")]
        tolerance: Option<i64>,
        /// Skip the timestamp check (for deliveries captured long ago).
        #[arg(long)]
        ignore_timestamp: bool,
    },
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on [default: 127.0.0.1:8080].
    #[arg(long, value_name = "ADDR")]
    pub listen: Option<SocketAddr>,
    /// Public base URL used in `verify_url` links [default: http://<listen>].
    #[arg(long, value_name = "URL")]
    pub public_url: Option<String>,
    /// Directory with the built site (pkg/, style, public files) [default: next to the binary].
    #[arg(long, value_name = "DIR")]
    pub site_root: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum TenantCommand {
    /// Create a tenant with a default flow and one test API key (printed once).
    Create {
        /// Unique tenant name.
        name: String,
        /// Print `{"tenant_id":…,"flow_id":…,"api_key":…}` instead of text.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Create an API key bound to the tenant's default flow (printed once).
    Create {
        /// Tenant name or id (`ten_…`).
        #[arg(long)]
        tenant: String,
        /// Test keys never see live data, and live keys never see test data.
        #[arg(long, value_enum)]
        mode: ModeArg,
        #[arg(long)]
        json: bool,
    },
    /// List a tenant's API keys (ids, prefixes, use and revocation; never secrets).
    List {
        /// Tenant name or id (`ten_…`).
        #[arg(long)]
        tenant: String,
        #[arg(long)]
        json: bool,
    },
    /// Revoke an API key: every request with it is refused from now on.
    Revoke {
        /// Key id (`key_…`).
        key_id: String,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ModeArg {
    Test,
    Live,
}

impl Cli {
    /// The configuration layer the command line makes: `--config` and the flags given.
    pub fn overrides(&self) -> Overrides {
        let serve = match &self.command {
            Command::Serve(args) => Some(args),
            _ => None,
        };
        Overrides {
            config_file: self.global.config.clone(),
            data_dir: self.global.data_dir.clone(),
            database_url: self.global.database_url.clone(),
            listen: serve.and_then(|s| s.listen),
            public_url: serve.and_then(|s| s.public_url.clone()),
            site_root: serve.and_then(|s| s.site_root.clone()),
        }
    }
}

/// Runs one command other than `serve` (which the entry point in `lib.rs` starts): first the commands that
/// need no database, then the rest on the store.
pub async fn run(command: Command, config: Config) -> anyhow::Result<()> {
    if let Command::Webhooks(WebhooksCommand::Verify {
        secret,
        public_key,
        headers,
        body,
        tolerance,
        ignore_timestamp,
    }) = &command
    {
        let tolerance = webhooks::tolerance(*tolerance, *ignore_timestamp);
        println!(
            "{}",
            webhooks::run(
                secret.as_deref(),
                public_key.as_deref(),
                headers,
                body,
                tolerance
            )?
        );
        return Ok(());
    }
    if let Command::Checks(cmd) = command {
        // Pure engines on local files: no database.
        return checks::run(cmd, &config);
    }
    if let Command::Screen(screening::ScreenArgs {
        command: Some(screening::ScreenCommand::Compare { input }),
        ..
    }) = &command
    {
        // Pure scoring: no database needed.
        return screening::compare_pairs(input);
    }
    let store = crate::store::Store::connect(&config.database_url()).await?;
    store.migrate().await?;
    let result = match command {
        Command::Serve(_) => anyhow::bail!("`kyra serve` is started by the entry point"),
        Command::Webhooks(_) | Command::Checks(_) => unreachable!("handled above"),
        Command::Migrate => {
            println!("migrations applied ({:?})", store.backend());
            Ok(())
        }
        Command::Tenant(cmd) => tenants::tenant(&store, cmd).await,
        Command::Keys(cmd) => keys::keys(&store, cmd).await,
        Command::Lists(cmd) => screening::lists(&store, &config, cmd).await,
        Command::Screen(args) => screening::screen(&store, args).await,
        Command::Flows(cmd) => flows::flows(&store, cmd).await,
        Command::Decisions(cmd) => flows::decisions(&store, cmd).await,
        Command::Audit(cmd) => audit::run(&store, cmd).await,
        Command::Users(cmd) => users::users(&store, cmd).await,
    };
    store.close().await;
    result
}

/// The audit actor of a command run on this machine: `cli:<os user>`. The operating system
/// account is what an operator's shell access is granted to, so it is who to ask.
pub fn actor() -> String {
    let user = std::env::var("SUDO_USER")
        .or_else(|_| std::env::var("USER"))
        .or_else(|_| std::env::var("LOGNAME"))
        .unwrap_or_default();
    let user: String = user
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        .take(64)
        .collect();
    if user.is_empty() {
        "cli:unknown".to_owned()
    } else {
        format!("cli:{user}")
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// clap checks argument definitions only when a command is built: catch clashes (such as a
    /// subcommand flag named like a global one) here rather than at an operator's prompt.
    #[test]
    fn the_command_line_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
