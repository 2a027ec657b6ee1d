//! Admin commands: `kyra tenant …`, `kyra keys …`.

use anyhow::{bail, Context};
use serde_json::json;

use crate::cli::{KeysCommand, ModeArg, TenantCommand};
use crate::ids::KeyId;
use crate::secrets::Mode;
use crate::store::{Store, StoreError};
use crate::verification::rfc3339;

pub async fn tenant(store: &Store, command: TenantCommand) -> anyhow::Result<()> {
    match command {
        TenantCommand::Create { name, json } => {
            let name = name.trim();
            if name.is_empty() || name.len() > 100 || name.chars().any(char::is_control) {
                bail!("tenant name must be 1 to 100 printable characters");
            }
            let (tenant, flow) = match store.create_tenant(name, &cli_actor()).await {
                Err(StoreError::Conflict(_)) => bail!("a tenant named `{name}` already exists"),
                other => other?,
            };
            let key = store
                .create_api_key(&tenant.id, &flow.id, Mode::Test, &cli_actor())
                .await?;
            if json {
                println!(
                    "{}",
                    json!({ "tenant_id": tenant.id, "flow_id": flow.id, "api_key": key.plaintext })
                );
            } else {
                println!("Created tenant `{}` ({})", tenant.name, tenant.id);
                println!("Default flow: {}", flow.id);
                println!(
                    "Test API key {} (shown only once):\n\n    {}\n",
                    key.id, key.plaintext
                );
            }
        }
    }
    Ok(())
}

pub async fn keys(store: &Store, command: KeysCommand) -> anyhow::Result<()> {
    match command {
        KeysCommand::Create { tenant, mode, json } => {
            let tenant = store
                .find_tenant(&tenant)
                .await?
                .with_context(|| format!("no tenant `{tenant}`"))?;
            let flow = store
                .default_flow(&tenant.id)
                .await?
                .context("the tenant has no flow")?;
            let mode = match mode {
                ModeArg::Test => Mode::Test,
                ModeArg::Live => Mode::Live,
            };
            let key = store
                .create_api_key(&tenant.id, &flow.id, mode, &cli_actor())
                .await?;
            if json {
                println!(
                    "{}",
                    json!({ "key_id": key.id, "tenant_id": key.tenant_id, "flow_id": key.flow_id, "mode": key.mode, "api_key": key.plaintext })
                );
            } else {
                println!(
                    "Created {} key {} for tenant `{}` (shown only once):\n\n    {}\n",
                    mode.as_str(),
                    key.id,
                    tenant.name,
                    key.plaintext
                );
            }
        }
        KeysCommand::List { tenant, json } => {
            let tenant = store
                .find_tenant(&tenant)
                .await?
                .with_context(|| format!("no tenant `{tenant}`"))?;
            let keys = store.api_keys_of_tenant(&tenant.id).await?;
            if json {
                let keys: Vec<serde_json::Value> = keys
                    .iter()
                    .map(|k| {
                        json!({
                            "id": k.id, "tenant_id": k.tenant_id, "flow_id": k.flow_id,
                            "mode": k.mode, "prefix": k.prefix,
                            "created_at": rfc3339(k.created_at),
                            "last_used_at": k.last_used_at.map(rfc3339),
                            "revoked_at": k.revoked_at.map(rfc3339),
                        })
                    })
                    .collect();
                println!("{}", serde_json::Value::Array(keys));
            } else {
                println!(
                    "{:<31} {:<5} {:<18} {:<24} {:<24} STATE",
                    "ID", "MODE", "PREFIX", "CREATED", "LAST USED"
                );
                for k in &keys {
                    let state = match k.revoked_at {
                        Some(at) => format!("revoked {}", rfc3339(at)),
                        None => "active".to_owned(),
                    };
                    println!(
                        "{:<31} {:<5} {:<18} {:<24} {:<24} {state}",
                        k.id.as_str(),
                        k.mode.as_str(),
                        format!("{}…", k.prefix),
                        rfc3339(k.created_at),
                        k.last_used_at
                            .map(rfc3339)
                            .unwrap_or_else(|| "never".to_owned()),
                    );
                }
            }
        }
        KeysCommand::Revoke { key_id } => {
            let id = KeyId::parse(&key_id)
                .with_context(|| format!("`{key_id}` is not a key id (key_…)"))?;
            if !store.revoke_api_key(&id, &cli_actor()).await? {
                bail!("no active key {id}");
            }
            println!("Revoked {id}");
        }
    }
    Ok(())
}

/// The audit actor of a command run on this machine: `cli:<os user>`. The operating system
/// account is what an operator's shell access is granted to, so it is who to ask.
pub fn cli_actor() -> String {
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
