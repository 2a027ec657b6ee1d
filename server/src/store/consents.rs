//! Consents given in the journey: which text version, when, from where.

use crate::ids::{ConsentId, VerificationId};

use super::StoreResult;

#[derive(Clone, Debug)]
pub struct NewConsent {
    pub text_version: String,
    pub accepted_at: i64,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

pub(super) async fn insert_consent(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    verification: &VerificationId,
    consent: &NewConsent,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO consents (id, verification_id, text_version, accepted_at, ip, user_agent) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(ConsentId::generate().as_str())
    .bind(verification.as_str())
    .bind(&consent.text_version)
    .bind(consent.accepted_at)
    .bind(consent.ip.clone())
    .bind(consent.user_agent.clone())
    .execute(&mut **tx)
    .await?;
    Ok(())
}
