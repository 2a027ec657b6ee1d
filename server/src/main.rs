//! `kyra`: self-hosted identity verification.

mod admin;
mod api;
mod audit_cli;
mod branding;
mod checks_cli;
mod cli;
mod config;
mod crypto;
mod decisions;
mod expiry;
mod files;
mod flow;
mod ids;
mod lifecycle;
mod liveness;
mod ops;
mod pipeline;
mod screening;
mod secrets;
mod serve;
mod state;
mod store;
mod test_mode;
mod verification;
mod web;
mod webhooks;

use std::process::ExitCode;

use clap::Parser;
use tracing_subscriber::EnvFilter;

use cli::{Cli, Command};
use config::{Config, LogFormat};
use store::Store;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let serve_args = match &cli.command {
        Command::Serve(args) => Some(args),
        _ => None,
    };
    let config = match Config::load(&cli.global, serve_args) {
        Ok(config) => config,
        Err(err) => {
            eprintln!("kyra: {err}");
            return ExitCode::from(2);
        }
    };
    init_logging(config.log_format);
    match run(cli.command, config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("kyra: {err:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command, config: Config) -> anyhow::Result<()> {
    if let Command::Serve(_) = command {
        return serve::run(config).await;
    }
    if let Command::Webhooks(cli::WebhooksCommand::Verify {
        secret,
        public_key,
        headers,
        body,
        tolerance,
        ignore_timestamp,
    }) = &command
    {
        let tolerance = webhooks::verify_cli::tolerance(*tolerance, *ignore_timestamp);
        println!(
            "{}",
            webhooks::verify_cli::run(
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
        return checks_cli::run(cmd);
    }
    if let Command::Screen(screening::cli::ScreenArgs {
        command: Some(screening::cli::ScreenCommand::Compare { input }),
        ..
    }) = &command
    {
        // Pure scoring: no database needed.
        return screening::cli::compare_pairs(input);
    }
    let store = Store::connect(&config.database_url()).await?;
    store.migrate().await?;
    let result = match command {
        Command::Serve(_) | Command::Webhooks(_) | Command::Checks(_) => {
            unreachable!("handled above")
        }
        Command::Migrate => {
            println!("migrations applied ({:?})", store.backend());
            Ok(())
        }
        Command::Tenant(cmd) => admin::tenant(&store, cmd).await,
        Command::Keys(cmd) => admin::keys(&store, cmd).await,
        Command::Lists(cmd) => screening::cli::lists(&store, &config, cmd).await,
        Command::Screen(args) => screening::cli::screen(&store, args).await,
        Command::Flows(cmd) => decisions::flows(&store, cmd).await,
        Command::Decisions(cmd) => decisions::decisions(&store, cmd).await,
        Command::Audit(cmd) => audit_cli::run(&store, cmd).await,
    };
    store.close().await;
    result
}

fn init_logging(format: LogFormat) {
    let filter =
        EnvFilter::try_from_env("KYRA_LOG").unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Json => builder.json().init(),
        LogFormat::Text => builder.init(),
    }
}
