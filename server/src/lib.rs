//! `kyra`: self-hosted identity verification, as a library with one entry point ([`main`]).
//!
//! The binary (`src/main.rs`) only calls [`main`]; being a library lets the layers below the
//! HTTP edge become their own crates without touching the binary.

mod api;
mod branding;
mod cli;
mod config;
mod console;
mod context;
mod crypto;
mod expiry;
mod faces;
mod files;
mod flow;
mod ids;
mod layering;
mod lifecycle;
mod liveness;
mod operators;
mod pipeline;
mod probes;
mod qr;
mod review;
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

use cli::Cli;
use config::{Config, LogFormat};

/// The `kyra` command: parses the command line, loads the configuration, runs the command.
#[tokio::main]
pub async fn main() -> ExitCode {
    let cli = Cli::parse();
    let config = match Config::load(&cli.overrides()) {
        Ok(config) => config,
        Err(err) => {
            eprintln!("kyra: {err}");
            return ExitCode::from(2);
        }
    };
    init_logging(config.log_format);
    let result = match cli.command {
        cli::Command::Serve(_) => serve::run(config).await,
        command => cli::run(command, config).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("kyra: {err:#}");
            if err.downcast_ref::<cli::BadInput>().is_some() {
                ExitCode::from(2)
            } else {
                ExitCode::FAILURE
            }
        }
    }
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
