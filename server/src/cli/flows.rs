//! `kyra flows …` and `kyra decisions replay`: changing a flow's rules, and seeing beforehand
//! what a rule change would have done to past decisions.
//!
//! A replay reads the evidence stored with each decision (check statuses and reason codes, no
//! personal data) and runs the very same decision function under other rules. It never writes.

use anyhow::Context;
use clap::Subcommand;
use kyra_checks::decision::{decide, Rules};

use crate::flow::FlowConfig;
use crate::ids::FlowId;
use crate::store::Store;
use crate::verification::rfc3339;

#[derive(Debug, Subcommand)]
pub enum FlowsCommand {
    /// Print a flow's configuration (current version, or `--flow-version N`) as JSON.
    Show {
        /// Flow id (`flw_…`).
        flow: String,
        #[arg(long = "flow-version", id = "flow_version", value_name = "N")]
        version: Option<i64>,
    },
    /// Save a new version of a flow from a JSON file. Running verifications keep the version
    /// they started on; new ones use the new version.
    Update {
        flow: String,
        /// JSON file with the whole flow configuration (see `kyra flows show`).
        #[arg(long, value_name = "FILE")]
        file: std::path::PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum DecisionsCommand {
    /// Re-evaluate stored decisions under other rules and report what would change. Changes
    /// nothing.
    Replay {
        /// Flow id (`flw_…`).
        #[arg(long)]
        flow: String,
        /// Only decisions taken at or after this time (RFC 3339, or a date `YYYY-MM-DD`).
        #[arg(long)]
        since: String,
        /// Rules to replay under: a JSON file holding a `rules` object or a whole flow
        /// configuration. Default: the flow's current version.
        #[arg(long, value_name = "FILE", conflicts_with = "flow_version")]
        rules: Option<std::path::PathBuf>,
        /// Replay under this stored version of the flow.
        #[arg(long = "flow-version", id = "flow_version", value_name = "N")]
        version: Option<i64>,
        /// One JSON object per decision, then a summary object.
        #[arg(long)]
        json: bool,
    },
}

pub async fn flows(store: &Store, command: FlowsCommand) -> anyhow::Result<()> {
    match command {
        FlowsCommand::Show { flow, version } => {
            let id = parse_flow(&flow)?;
            let record = match version {
                Some(v) => store.flow_at(&id, v).await?,
                None => store.flow(&id).await?,
            }
            .with_context(|| format!("no flow {flow} (version {version:?})"))?;
            println!("{}", serde_json::to_string_pretty(&record.config)?);
            eprintln!("flow {} version {}", record.id, record.version);
            Ok(())
        }
        FlowsCommand::Update { flow, file } => {
            let id = parse_flow(&flow)?;
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("reading {}", file.display()))?;
            let parsed: FlowConfig = serde_json::from_str(&text)
                .with_context(|| format!("{} is not a valid flow configuration", file.display()))?;
            parsed.validate()?;
            let saved = store.update_flow(&id, &parsed, &super::actor()).await?;
            println!("flow {} is now at version {}", saved.id, saved.version);
            Ok(())
        }
    }
}

pub async fn decisions(store: &Store, command: DecisionsCommand) -> anyhow::Result<()> {
    let DecisionsCommand::Replay {
        flow,
        since,
        rules,
        version,
        json,
    } = command;
    let id = parse_flow(&flow)?;
    let since_ms = parse_since(&since)?;
    let (rules, label) = match (rules, version) {
        (Some(path), _) => (read_rules(&path)?, path.display().to_string()),
        (None, Some(v)) => {
            let f = store
                .flow_at(&id, v)
                .await?
                .with_context(|| format!("flow {flow} has no version {v}"))?;
            (f.config.rules, format!("version {v}"))
        }
        (None, None) => {
            let f = store
                .flow(&id)
                .await?
                .with_context(|| format!("no flow {flow}"))?;
            (f.config.rules, format!("version {} (current)", f.version))
        }
    };
    let stored = store.decisions_since(&id, since_ms).await?;
    let mut changed = 0;
    for d in &stored {
        let replayed = decide(&rules, &d.evidence, d.attempts_left);
        let differs = replayed != d.decision;
        changed += usize::from(differs);
        if json {
            println!(
                "{}",
                serde_json::json!({
                    "decision_id": d.id,
                    "verification_id": d.verification_id,
                    "attempt": d.attempt,
                    "decided_at": rfc3339(d.created_at),
                    "flow_version": d.flow_version,
                    "before": d.decision,
                    "after": replayed,
                    "changed": differs,
                })
            );
        } else if differs {
            println!(
                "{} attempt {}: {} {:?} → {} {:?}",
                d.verification_id,
                d.attempt,
                d.decision.outcome.as_str(),
                d.decision.reason_codes,
                replayed.outcome.as_str(),
                replayed.reason_codes
            );
        }
    }
    if json {
        println!(
            "{}",
            serde_json::json!({"summary": {"decisions": stored.len(), "changed": changed, "rules": label}})
        );
    } else {
        println!(
            "{} decision(s) since {since} replayed under {label}: {changed} would change",
            stored.len()
        );
    }
    Ok(())
}

fn parse_flow(flow: &str) -> anyhow::Result<FlowId> {
    FlowId::parse(flow).with_context(|| format!("`{flow}` is not a flow id (flw_…)"))
}

fn parse_since(since: &str) -> anyhow::Result<i64> {
    use time::format_description::well_known::Rfc3339;
    let text = if since.len() == 10 {
        format!("{since}T00:00:00Z")
    } else {
        since.to_owned()
    };
    let t = time::OffsetDateTime::parse(&text, &Rfc3339)
        .with_context(|| format!("`{since}` is not a date (YYYY-MM-DD) or RFC 3339 time"))?;
    Ok((t.unix_timestamp_nanos() / 1_000_000) as i64)
}

/// A rules file holds either `{"rules": {…}}`/a whole flow configuration, or the rules alone.
fn read_rules(path: &std::path::Path) -> anyhow::Result<Rules> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let value: serde_json::Value =
        serde_json::from_str(&text).with_context(|| format!("{} is not JSON", path.display()))?;
    let rules: Rules = match value.get("rules") {
        Some(rules) => serde_json::from_value(rules.clone()),
        None => serde_json::from_value(value),
    }
    .with_context(|| format!("{} does not hold valid rules", path.display()))?;
    rules.validate()?;
    Ok(rules)
}
