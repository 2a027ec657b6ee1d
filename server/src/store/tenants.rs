//! Tenants and their flows.

use std::sync::Arc;

use sqlx::Row;

use super::audit::{append_audit, AuditEntry};
use super::{conflict_on_unique, now_ms, Store, StoreError, StoreResult};
use crate::flow::FlowConfig;
use crate::ids::{FlowId, TenantId};

#[derive(Clone, Debug)]
pub struct TenantRecord {
    pub id: TenantId,
    pub name: String,
}

#[derive(Clone, Debug)]
pub struct FlowRecord {
    pub id: FlowId,
    pub tenant_id: TenantId,
    pub version: i64,
    pub config: FlowConfig,
}

impl Store {
    /// Creates a tenant and its default flow in one transaction.
    pub async fn create_tenant(
        &self,
        name: &str,
        actor: &str,
    ) -> StoreResult<(TenantRecord, FlowRecord)> {
        let tenant = TenantRecord {
            id: TenantId::generate(),
            name: name.to_owned(),
        };
        let flow = FlowRecord {
            id: FlowId::generate(),
            tenant_id: tenant.id.clone(),
            version: 1,
            config: FlowConfig::default(),
        };
        let config =
            serde_json::to_string(&flow.config).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let now = now_ms();
        let mut tx = self.pool().begin().await?;
        sqlx::query("INSERT INTO tenants (id, name, created_at) VALUES ($1, $2, $3)")
            .bind(tenant.id.as_str())
            .bind(&tenant.name)
            .bind(now)
            .execute(&mut *tx)
            .await
            .map_err(|e| conflict_on_unique(e, "tenant"))?;
        sqlx::query(
            "INSERT INTO flows (id, tenant_id, name, version, config, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(flow.id.as_str())
        .bind(tenant.id.as_str())
        .bind("Default")
        .bind(flow.version)
        .bind(&config)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        insert_flow_version(&mut tx, &flow.id, flow.version, &config, now).await?;
        let audit = AuditEntry::new(actor, "tenant.created", "tenant", tenant.id.as_str())
            .tenant(&tenant.id, None)
            .details(serde_json::json!({ "name": tenant.name, "flow_id": flow.id }));
        append_audit(&mut tx, self.backend(), &audit).await?;
        tx.commit().await?;
        Ok((tenant, flow))
    }

    /// Finds a tenant by id (`ten_…`) or by name.
    pub async fn find_tenant(&self, name_or_id: &str) -> StoreResult<Option<TenantRecord>> {
        let row = sqlx::query("SELECT id, name FROM tenants WHERE id = $1 OR name = $1")
            .bind(name_or_id)
            .fetch_optional(self.pool())
            .await?;
        Ok(row.map(|r| TenantRecord {
            id: TenantId::from_db(r.get("id")),
            name: r.get("name"),
        }))
    }

    pub async fn tenant_count(&self) -> StoreResult<i64> {
        Ok(sqlx::query("SELECT COUNT(*) AS n FROM tenants")
            .fetch_one(self.pool())
            .await?
            .get("n"))
    }

    /// The tenant's first flow, which new keys are bound to.
    pub async fn default_flow(&self, tenant: &TenantId) -> StoreResult<Option<FlowRecord>> {
        let row = sqlx::query(
            "SELECT id, tenant_id, version, config FROM flows WHERE tenant_id = $1 ORDER BY created_at, id LIMIT 1",
        )
        .bind(tenant.as_str())
        .fetch_optional(self.reader())
        .await?;
        row.map(flow_from_row).transpose()
    }

    pub async fn flow(&self, id: &FlowId) -> StoreResult<Option<FlowRecord>> {
        let row = sqlx::query("SELECT id, tenant_id, version, config FROM flows WHERE id = $1")
            .bind(id.as_str())
            .fetch_optional(self.reader())
            .await?;
        row.map(flow_from_row).transpose()
    }
}

impl Store {
    /// A flow as it was at `version`: what a verification pinned to that version runs under.
    /// Served from memory after the first read (versions never change).
    pub async fn flow_at(&self, id: &FlowId, version: i64) -> StoreResult<Option<FlowRecord>> {
        let key = (id.clone(), version);
        if let Some(flow) = self.flow_versions.get(&key) {
            return Ok(Some(FlowRecord::clone(&flow)));
        }
        let row = sqlx::query(
            "SELECT f.id, f.tenant_id, v.version, v.config FROM flow_versions v \
             JOIN flows f ON f.id = v.flow_id WHERE v.flow_id = $1 AND v.version = $2",
        )
        .bind(id.as_str())
        .bind(version)
        .fetch_optional(self.reader())
        .await?;
        let Some(flow) = row.map(flow_from_row).transpose()? else {
            return Ok(None);
        };
        self.flow_versions.insert(key, Arc::new(flow.clone()));
        Ok(Some(flow))
    }

    /// Saves `config` as the next version of the flow and makes it current. Running
    /// verifications keep the version they pinned.
    pub async fn update_flow(
        &self,
        id: &FlowId,
        config: &FlowConfig,
        actor: &str,
    ) -> StoreResult<FlowRecord> {
        let text = serde_json::to_string(config).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let now = now_ms();
        let mut tx = self.pool().begin().await?;
        let row = sqlx::query(
            "UPDATE flows SET version = version + 1, config = $1 WHERE id = $2 RETURNING id, tenant_id, version, config",
        )
        .bind(&text)
        .bind(id.as_str())
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound("flow"))?;
        let flow = flow_from_row(row)?;
        insert_flow_version(&mut tx, &flow.id, flow.version, &text, now).await?;
        let audit = AuditEntry::new(actor, "flow.updated", "flow", flow.id.as_str())
            .tenant(&flow.tenant_id, None)
            .details(serde_json::json!({ "version": flow.version }));
        append_audit(&mut tx, self.backend(), &audit).await?;
        tx.commit().await?;
        Ok(flow)
    }
}

async fn insert_flow_version(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    id: &FlowId,
    version: i64,
    config: &str,
    now: i64,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO flow_versions (flow_id, version, config, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(id.as_str())
    .bind(version)
    .bind(config)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

fn flow_from_row(row: sqlx::any::AnyRow) -> StoreResult<FlowRecord> {
    let config: String = row.get("config");
    Ok(FlowRecord {
        id: FlowId::from_db(row.get("id")),
        tenant_id: TenantId::from_db(row.get("tenant_id")),
        version: row.get("version"),
        config: serde_json::from_str(&config)
            .map_err(|e| StoreError::Corrupt(format!("flow config: {e}")))?,
    })
}
