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

/// A consent as recorded, for the console's case view.
#[derive(Clone, Debug)]
pub struct ConsentRecord {
    pub text_version: String,
    pub accepted_at: i64,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

impl super::Store {
    /// The consents given for a verification, oldest first.
    pub async fn consents_of(
        &self,
        verification: &VerificationId,
    ) -> StoreResult<Vec<ConsentRecord>> {
        use sqlx::Row;
        let rows = sqlx::query(
            "SELECT text_version, accepted_at, ip, user_agent FROM consents \
             WHERE verification_id = $1 ORDER BY accepted_at",
        )
        .bind(verification.as_str())
        .fetch_all(self.reader())
        .await?;
        Ok(rows
            .into_iter()
            .map(|row| ConsentRecord {
                text_version: row.get("text_version"),
                accepted_at: row.get("accepted_at"),
                ip: row.get("ip"),
                user_agent: row.get("user_agent"),
            })
            .collect())
    }
}
