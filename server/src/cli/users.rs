//! `kyra users create|list|reset-password|reset-2fa|disable`: the operators who sign in to the
//! console.
//!
//! Passwords never appear on the command line (where `ps` and shell history would keep them):
//! they are typed at a prompt that does not echo, or read from standard input with
//! `--password-stdin` for scripts.

use std::io::BufRead;

use anyhow::Context;
use clap::{Subcommand, ValueEnum};
use serde_json::json;

use super::{actor, BadInput};
use crate::operators::{Email, NewPassword, Role};
use crate::store::{AccessChange, AuditEntry, Store};
use crate::verification::rfc3339;

#[derive(Debug, Subcommand)]
pub enum UsersCommand {
    /// Create an operator of a tenant (the password is prompted for, or read from stdin).
    Create {
        /// Tenant name or id (`ten_…`).
        #[arg(long)]
        tenant: String,
        /// The operator's sign-in email (unique in the deployment).
        #[arg(long)]
        email: String,
        /// admin: everything; reviewer: read and decide cases; viewer: read only.
        #[arg(long, value_enum)]
        role: RoleArg,
        /// Read the password from the first line of standard input instead of a prompt.
        #[arg(long)]
        password_stdin: bool,
        #[arg(long)]
        json: bool,
    },
    /// List a tenant's operators (never their password hashes).
    List {
        /// Tenant name or id (`ten_…`).
        #[arg(long)]
        tenant: String,
        #[arg(long)]
        json: bool,
    },
    /// Set a new password; every session of the operator ends.
    ResetPassword {
        #[arg(long)]
        email: String,
        #[arg(long)]
        password_stdin: bool,
    },
    /// Disable an operator: sign-in is refused and every session ends at once.
    Disable {
        #[arg(long)]
        email: String,
    },
    /// Turn off an operator's two-factor sign-in (a lost phone); they can set it up again.
    #[command(name = "reset-2fa")]
    Reset2fa {
        #[arg(long)]
        email: String,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RoleArg {
    Admin,
    Reviewer,
    Viewer,
}

impl From<RoleArg> for Role {
    fn from(role: RoleArg) -> Role {
        match role {
            RoleArg::Admin => Role::Admin,
            RoleArg::Reviewer => Role::Reviewer,
            RoleArg::Viewer => Role::Viewer,
        }
    }
}

pub async fn users(store: &Store, command: UsersCommand) -> anyhow::Result<()> {
    match command {
        UsersCommand::Create {
            tenant,
            email,
            role,
            password_stdin,
            json,
        } => {
            let tenant = store
                .find_tenant(&tenant)
                .await?
                .with_context(|| format!("no tenant `{tenant}`"))?;
            let email = Email::parse(&email).map_err(|e| BadInput(e.into()))?;
            let password = read_password(password_stdin)?;
            let hash = tokio::task::spawn_blocking(move || password.hash()).await?;
            let audit = AuditEntry::new(actor(), "operator.created", "operator", email.as_str())
                .tenant(&tenant.id, None);
            let operator = store
                .create_operator(&tenant.id, &email, role.into(), &hash, &audit)
                .await?;
            if json {
                println!(
                    "{}",
                    json!({ "id": operator.id, "tenant_id": operator.tenant_id, "email": operator.email.as_str(), "role": operator.role.as_str() })
                );
            } else {
                println!(
                    "Created {} {} ({}) for tenant `{}`.",
                    operator.role.as_str(),
                    operator.email,
                    operator.id,
                    tenant.name
                );
            }
        }
        UsersCommand::List { tenant, json } => {
            let tenant = store
                .find_tenant(&tenant)
                .await?
                .with_context(|| format!("no tenant `{tenant}`"))?;
            let operators = store.operators_of(&tenant.id).await?;
            if json {
                let list: Vec<_> = operators
                    .iter()
                    .map(|o| {
                        json!({
                            "id": o.id, "email": o.email.as_str(), "role": o.role.as_str(),
                            "disabled_at": o.disabled_at.map(rfc3339),
                            "last_login_at": o.last_login_at.map(rfc3339),
                            "created_at": rfc3339(o.created_at),
                        })
                    })
                    .collect();
                println!("{}", serde_json::Value::from(list));
            } else {
                for o in operators {
                    let state = if o.is_active() { "active" } else { "disabled" };
                    println!(
                        "{}  {:<8}  {:<8}  {}",
                        o.id,
                        o.role.as_str(),
                        state,
                        o.email
                    );
                }
            }
        }
        UsersCommand::ResetPassword {
            email,
            password_stdin,
        } => {
            let operator = find(store, &email).await?;
            let password = read_password(password_stdin)?;
            let hash = tokio::task::spawn_blocking(move || password.hash()).await?;
            let audit = AuditEntry::new(
                actor(),
                "operator.password_reset",
                "operator",
                operator.id.as_str(),
            )
            .tenant(&operator.tenant_id, None);
            store
                .update_operator_access(&operator.id, AccessChange::Password(&hash), &audit)
                .await?;
            println!(
                "New password set for {}; their sessions ended.",
                operator.email
            );
        }
        UsersCommand::Reset2fa { email } => {
            let operator = find(store, &email).await?;
            let audit = AuditEntry::new(
                actor(),
                "operator.second_factor_reset",
                "operator",
                operator.id.as_str(),
            )
            .tenant(&operator.tenant_id, None);
            store.disable_totp(&operator.id, &audit).await?;
            println!("Two-factor sign-in is off for {}.", operator.email);
        }
        UsersCommand::Disable { email } => {
            let operator = find(store, &email).await?;
            let audit = AuditEntry::new(
                actor(),
                "operator.disabled",
                "operator",
                operator.id.as_str(),
            )
            .tenant(&operator.tenant_id, None);
            store
                .update_operator_access(&operator.id, AccessChange::Disable, &audit)
                .await?;
            println!("Disabled {}; their sessions ended.", operator.email);
        }
    }
    Ok(())
}

async fn find(store: &Store, email: &str) -> anyhow::Result<crate::store::OperatorRecord> {
    let email = Email::parse(email).map_err(|e| BadInput(e.into()))?;
    Ok(store
        .operator_by_email(&email)
        .await?
        .ok_or_else(|| BadInput(format!("no operator `{email}`")))?)
}

fn read_password(from_stdin: bool) -> anyhow::Result<NewPassword> {
    let raw = if from_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("reading the password from standard input")?;
        line.trim_end_matches(['\r', '\n']).to_owned()
    } else {
        let first = rpassword::prompt_password("Password: ").context("reading the password")?;
        let again = rpassword::prompt_password("Again: ").context("reading the password")?;
        if first != again {
            return Err(BadInput("the two passwords differ".into()).into());
        }
        first
    };
    Ok(NewPassword::parse(&raw).map_err(BadInput)?)
}
