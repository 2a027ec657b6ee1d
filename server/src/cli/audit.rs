//! `kyra audit list|verify`: reading the hash-chained audit log from a shell.

use anyhow::{bail, Context};
use clap::Subcommand;

use crate::store::{ChainCheck, Store};

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// The newest entries first.
    List {
        /// Only this tenant's entries (name or id).
        #[arg(long)]
        tenant: Option<String>,
        /// How many entries.
        #[arg(long, default_value_t = 50)]
        limit: i64,
        /// One JSON object per line instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Recompute the whole chain. Exits 0 when intact (and prints the head hash, worth keeping
    /// somewhere else: it pins everything before it), 1 when an entry was altered or removed.
    Verify,
}

pub async fn run(store: &Store, command: AuditCommand) -> anyhow::Result<()> {
    match command {
        AuditCommand::List {
            tenant,
            limit,
            json,
        } => {
            if !(1..=10_000).contains(&limit) {
                bail!("--limit must be between 1 and 10000");
            }
            let tenant = match tenant {
                Some(name) => Some(
                    store
                        .find_tenant(&name)
                        .await?
                        .with_context(|| format!("no tenant `{name}`"))?
                        .id,
                ),
                None => None,
            };
            let entries = store
                .audit_entries(tenant.as_ref(), None, None, limit)
                .await?;
            for entry in entries {
                if json {
                    // Times as RFC 3339 like everywhere else; `details` as the JSON it holds.
                    let mut value = serde_json::to_value(&entry)?;
                    value["created_at"] =
                        serde_json::Value::from(crate::verification::rfc3339(entry.created_at));
                    value["details"] = serde_json::from_str(&entry.details)
                        .unwrap_or(serde_json::Value::String(entry.details.clone()));
                    println!("{value}");
                } else {
                    println!(
                        "{:>6}  {}  {:<34} {:<24} {}:{}  {}",
                        entry.seq,
                        crate::verification::rfc3339(entry.created_at),
                        entry.action,
                        entry.actor,
                        entry.target_type,
                        entry.target_id,
                        entry.request_id.as_deref().unwrap_or("-"),
                    );
                }
            }
            Ok(())
        }
        AuditCommand::Verify => match store.verify_audit_chain().await? {
            ChainCheck::Intact { entries, head } => {
                println!(
                    "audit log intact: {entries} entries, head {}",
                    head.as_deref().unwrap_or("(empty)")
                );
                Ok(())
            }
            ChainCheck::Broken { seq, why } => {
                eprintln!("audit log BROKEN at entry {seq}: {why}");
                std::process::exit(1);
            }
        },
    }
}
