//! Command-line interface of the `kyra` binary.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Kyra: self-hosted identity verification.
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
    Lists(crate::screening::cli::ListsCommand),
    /// Screen a name against the imported lists, or score pairs (`screen compare`).
    Screen(crate::screening::cli::ScreenArgs),
    /// Webhook tools.
    #[command(subcommand)]
    Webhooks(WebhooksCommand),
    /// Show and version flows (checks, document policy, decision rules).
    #[command(subcommand)]
    Flows(crate::decisions::FlowsCommand),
    /// Replay past decisions under other rules.
    #[command(subcommand)]
    Decisions(crate::decisions::DecisionsCommand),
    /// Run verification checks on local files (no server or database needed).
    #[command(subcommand)]
    Checks(crate::checks_cli::ChecksCommand),
    /// Read and verify the hash-chained audit log.
    #[command(subcommand)]
    Audit(crate::audit_cli::AuditCommand),
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
