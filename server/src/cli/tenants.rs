//! `kyra tenant create`: a tenant with its default flow and one test key.

use anyhow::bail;
use serde_json::json;

use super::{actor, TenantCommand};
use crate::secrets::Mode;
use crate::store::{Store, StoreError};

pub async fn tenant(store: &Store, command: TenantCommand) -> anyhow::Result<()> {
    match command {
        TenantCommand::Create { name, json } => {
            let name = name.trim();
            if name.is_empty() || name.len() > 100 || name.chars().any(char::is_control) {
                bail!("tenant name must be 1 to 100 printable characters");
            }
            let (tenant, flow) = match store.create_tenant(name, &actor()).await {
                Err(StoreError::Conflict(_)) => bail!("a tenant named `{name}` already exists"),
                other => other?,
            };
            let key = store
                .create_api_key(&tenant.id, &flow.id, Mode::Test, &actor())
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
