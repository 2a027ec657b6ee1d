//! `kyra keys create|list|revoke`: API keys, shown once, listed without secrets.

use anyhow::{bail, Context};
use serde_json::json;

use super::{actor, KeysCommand, ModeArg};
use crate::ids::KeyId;
use crate::secrets::Mode;
use crate::store::Store;
use crate::verification::rfc3339;

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
                .create_api_key(&tenant.id, &flow.id, mode, &actor())
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
            if !store.revoke_api_key(&id, &actor()).await? {
                bail!("no active key {id}");
            }
            println!("Revoked {id}");
        }
    }
    Ok(())
}
