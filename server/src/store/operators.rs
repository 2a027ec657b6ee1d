//! Operators of the console, their sessions, their decisions on cases in review, and who is
//! working which case of the queue.

use sqlx::Row;

use super::audit::{append_audit, AuditEntry};
use super::{Store, StoreError, StoreResult};
use crate::ids::{OperatorId, ReviewId, TenantId, VerificationId};
use crate::operators::{Email, Role};
use crate::verification::Status;

/// An operator as stored (the password only as its argon2id hash).
#[derive(Clone, Debug)]
pub struct OperatorRecord {
    pub id: OperatorId,
    pub tenant_id: TenantId,
    pub email: Email,
    pub role: Role,
    pub password_hash: String,
    /// Sessions signed in under another epoch are over.
    pub session_epoch: i64,
    pub disabled_at: Option<i64>,
    pub last_login_at: Option<i64>,
    pub created_at: i64,
    /// The TOTP secret, sealed to the operator's id: being set up, or in use once
    /// `totp_enabled_at` is set.
    pub totp_secret_sealed: Option<String>,
    pub totp_enabled_at: Option<i64>,
}

impl OperatorRecord {
    pub fn is_active(&self) -> bool {
        self.disabled_at.is_none()
    }

    /// Whether sign-in asks for a second factor.
    pub fn has_totp(&self) -> bool {
        self.totp_enabled_at.is_some() && self.totp_secret_sealed.is_some()
    }
}

/// An operator's decision on one attempt in review, written with the transition it causes.
#[derive(Debug)]
pub struct NewReview {
    pub id: ReviewId,
    pub operator_id: OperatorId,
    pub outcome: &'static str,
    pub reason_codes: Vec<String>,
    /// The operator's note, sealed to the verification.
    pub note_sealed: String,
    /// The audit entry of the decision, appended in the same transaction.
    pub audit: AuditEntry,
}

/// A stored review, for the case view.
#[derive(Clone, Debug)]
pub struct ReviewRecord {
    pub id: ReviewId,
    pub attempt: i64,
    pub operator_id: OperatorId,
    pub operator_email: Option<String>,
    pub outcome: String,
    pub reason_codes: Vec<String>,
    pub note_sealed: String,
    pub created_at: i64,
}

/// Who works a case of the queue.
#[derive(Clone, Debug)]
pub struct ClaimRecord {
    pub operator_id: OperatorId,
    pub operator_email: String,
    pub claimed_at: i64,
}

const COLUMNS: &str = "id, tenant_id, email, role, password_hash, session_epoch, disabled_at, \
    last_login_at, created_at, totp_secret_sealed, totp_enabled_at";

impl Store {
    pub async fn create_operator(
        &self,
        tenant: &TenantId,
        email: &Email,
        role: Role,
        password_hash: &str,
        audit: &AuditEntry,
    ) -> StoreResult<OperatorRecord> {
        let now = super::now_ms();
        let record = OperatorRecord {
            id: OperatorId::generate(),
            tenant_id: tenant.clone(),
            email: email.clone(),
            role,
            password_hash: password_hash.to_owned(),
            session_epoch: 0,
            disabled_at: None,
            last_login_at: None,
            created_at: now,
            totp_secret_sealed: None,
            totp_enabled_at: None,
        };
        // Write first: on SQLite a transaction that reads before writing cannot wait for
        // another process's writer (the CLI beside a running server), it fails at once.
        let mut tx = self.pool().begin().await?;
        sqlx::query(
            "INSERT INTO operators (id, tenant_id, email, role, password_hash, session_epoch, \
             created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 0, $6, $7)",
        )
        .bind(record.id.as_str())
        .bind(tenant.as_str())
        .bind(email.as_str())
        .bind(role.as_str())
        .bind(password_hash)
        .bind(now)
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(|e| super::conflict_on_unique(e, "an operator with this email"))?;
        let audit = audit.clone().details(serde_json::json!({
            "operator": record.id.as_str(),
            "role": role.as_str(),
        }));
        append_audit(&mut tx, self.backend(), &audit).await?;
        tx.commit().await?;
        Ok(record)
    }

    pub async fn operator_by_email(&self, email: &Email) -> StoreResult<Option<OperatorRecord>> {
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM operators WHERE email = $1"))
            .bind(email.as_str())
            .fetch_optional(self.reader())
            .await?;
        row.map(operator_from_row).transpose()
    }

    pub async fn operators_of(&self, tenant: &TenantId) -> StoreResult<Vec<OperatorRecord>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM operators WHERE tenant_id = $1 ORDER BY email"
        ))
        .bind(tenant.as_str())
        .fetch_all(self.reader())
        .await?;
        rows.into_iter().map(operator_from_row).collect()
    }

    pub async fn operator(&self, id: &OperatorId) -> StoreResult<Option<OperatorRecord>> {
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM operators WHERE id = $1"))
            .bind(id.as_str())
            .fetch_optional(self.reader())
            .await?;
        row.map(operator_from_row).transpose()
    }

    /// Changes the password (and, when given, the active flag) and ends every session of the
    /// operator, with its audit entry.
    pub async fn update_operator_access(
        &self,
        id: &OperatorId,
        change: AccessChange<'_>,
        audit: &AuditEntry,
    ) -> StoreResult<()> {
        let now = super::now_ms();
        let mut tx = self.pool().begin().await?;
        let query = match change {
            AccessChange::Password(hash) => sqlx::query(
                "UPDATE operators SET password_hash = $1, session_epoch = session_epoch + 1, \
                 updated_at = $2 WHERE id = $3",
            )
            .bind(hash.to_owned())
            .bind(now),
            AccessChange::Disable => sqlx::query(
                "UPDATE operators SET disabled_at = COALESCE(disabled_at, $1), \
                 session_epoch = session_epoch + 1, updated_at = $2 WHERE id = $3",
            )
            .bind(now)
            .bind(now),
            AccessChange::SignOutEverywhere => sqlx::query(
                "UPDATE operators SET session_epoch = session_epoch + 1, updated_at = $1 \
                 WHERE id = $2",
            )
            .bind(now),
        };
        let updated = query.bind(id.as_str()).execute(&mut *tx).await?;
        if updated.rows_affected() != 1 {
            return Err(StoreError::NotFound("operator"));
        }
        append_audit(&mut tx, self.backend(), audit).await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn record_login(&self, id: &OperatorId, now: i64) -> StoreResult<()> {
        sqlx::query("UPDATE operators SET last_login_at = $1 WHERE id = $2")
            .bind(now)
            .bind(id.as_str())
            .execute(self.pool())
            .await?;
        Ok(())
    }

    // ---- the second factor ----

    /// Stores a new TOTP secret being set up (not yet required at sign-in); refused while one
    /// is in use.
    pub async fn start_totp(&self, id: &OperatorId, secret_sealed: &str) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE operators SET totp_secret_sealed = $1, totp_last_step = NULL \
             WHERE id = $2 AND totp_enabled_at IS NULL",
        )
        .bind(secret_sealed)
        .bind(id.as_str())
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Turns the second factor on after a first code matched (`step`), with new recovery codes
    /// (their digests) replacing any old ones, and its audit entry.
    pub async fn enable_totp(
        &self,
        id: &OperatorId,
        step: i64,
        recovery_hashes: &[String],
        audit: &AuditEntry,
    ) -> StoreResult<bool> {
        let now = super::now_ms();
        let mut tx = self.pool().begin().await?;
        let done = sqlx::query(
            "UPDATE operators SET totp_enabled_at = $1, totp_last_step = $2, updated_at = $3 \
             WHERE id = $4 AND totp_enabled_at IS NULL AND totp_secret_sealed IS NOT NULL",
        )
        .bind(now)
        .bind(step)
        .bind(now)
        .bind(id.as_str())
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        sqlx::query("DELETE FROM operator_recovery_codes WHERE operator_id = $1")
            .bind(id.as_str())
            .execute(&mut *tx)
            .await?;
        for hash in recovery_hashes {
            sqlx::query(
                "INSERT INTO operator_recovery_codes (operator_id, code_hash) VALUES ($1, $2)",
            )
            .bind(id.as_str())
            .bind(hash)
            .execute(&mut *tx)
            .await?;
        }
        append_audit(&mut tx, self.backend(), audit).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Turns the second factor off (the operator's choice, or an admin's for a lost device),
    /// dropping the secret and the recovery codes, with its audit entry.
    pub async fn disable_totp(&self, id: &OperatorId, audit: &AuditEntry) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        sqlx::query(
            "UPDATE operators SET totp_secret_sealed = NULL, totp_enabled_at = NULL, \
             totp_last_step = NULL WHERE id = $1",
        )
        .bind(id.as_str())
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM operator_recovery_codes WHERE operator_id = $1")
            .bind(id.as_str())
            .execute(&mut *tx)
            .await?;
        append_audit(&mut tx, self.backend(), audit).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Accepts the code of time step `step` once: false when that step (or a later one) was
    /// accepted already, so a code seen over a shoulder cannot be replayed.
    pub async fn use_totp_step(&self, id: &OperatorId, step: i64) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE operators SET totp_last_step = $1 \
             WHERE id = $2 AND (totp_last_step IS NULL OR totp_last_step < $3)",
        )
        .bind(step)
        .bind(id.as_str())
        .bind(step)
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Uses up a recovery code: true the first time its digest is presented.
    pub async fn use_recovery_code(&self, id: &OperatorId, hash: &str) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE operator_recovery_codes SET used_at = $1 \
             WHERE operator_id = $2 AND code_hash = $3 AND used_at IS NULL",
        )
        .bind(super::now_ms())
        .bind(id.as_str())
        .bind(hash)
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    // ---- sessions ----

    /// A live session's data and expiry (Unix ms).
    pub async fn load_session(
        &self,
        id_hash: &str,
        now: i64,
    ) -> StoreResult<Option<(String, i64)>> {
        let row = sqlx::query(
            "SELECT data, expires_at FROM console_sessions WHERE id_hash = $1 AND expires_at > $2",
        )
        .bind(id_hash)
        .bind(now)
        .fetch_optional(self.reader())
        .await?;
        Ok(row.map(|r| (r.get("data"), r.get("expires_at"))))
    }

    /// Inserts or replaces a session. `only_new` refuses to overwrite an existing one (a new
    /// session id that collides) and then returns `false`.
    pub async fn save_session(
        &self,
        id_hash: &str,
        data: &str,
        expires_at: i64,
        only_new: bool,
    ) -> StoreResult<bool> {
        let sql = if only_new {
            "INSERT INTO console_sessions (id_hash, data, expires_at) VALUES ($1, $2, $3) \
             ON CONFLICT (id_hash) DO NOTHING"
        } else {
            "INSERT INTO console_sessions (id_hash, data, expires_at) VALUES ($1, $2, $3) \
             ON CONFLICT (id_hash) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at"
        };
        let done = sqlx::query(sql)
            .bind(id_hash)
            .bind(data)
            .bind(expires_at)
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn delete_session(&self, id_hash: &str) -> StoreResult<()> {
        sqlx::query("DELETE FROM console_sessions WHERE id_hash = $1")
            .bind(id_hash)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Drops sessions past their expiry; returns how many.
    pub async fn delete_expired_sessions(&self, now: i64) -> StoreResult<u64> {
        let done = sqlx::query("DELETE FROM console_sessions WHERE expires_at <= $1")
            .bind(now)
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected())
    }

    // ---- reviews and the queue ----

    pub async fn reviews_of(
        &self,
        verification: &VerificationId,
    ) -> StoreResult<Vec<ReviewRecord>> {
        let rows = sqlx::query(
            "SELECT r.id, r.attempt, r.operator_id, o.email, r.outcome, r.reason_codes, \
             r.note_sealed, r.created_at FROM reviews r LEFT JOIN operators o ON o.id = r.operator_id \
             WHERE r.verification_id = $1 ORDER BY r.attempt",
        )
        .bind(verification.as_str())
        .fetch_all(self.reader())
        .await?;
        rows.into_iter()
            .map(|row| {
                Ok(ReviewRecord {
                    id: ReviewId::from_db(row.get("id")),
                    attempt: row.get("attempt"),
                    operator_id: OperatorId::from_db(row.get("operator_id")),
                    operator_email: row.get("email"),
                    outcome: row.get("outcome"),
                    reason_codes: serde_json::from_str(&row.get::<String, _>("reason_codes"))
                        .map_err(|e| StoreError::Corrupt(format!("reason_codes: {e}")))?,
                    note_sealed: row.get("note_sealed"),
                    created_at: row.get("created_at"),
                })
            })
            .collect()
    }

    /// Claims a case for `operator` unless someone else holds a claim made after
    /// `stale_before`. Returns who holds it afterwards.
    pub async fn claim_case(
        &self,
        verification: &VerificationId,
        operator: &OperatorId,
        now: i64,
        stale_before: i64,
    ) -> StoreResult<OperatorId> {
        let mut tx = self.pool().begin().await?;
        sqlx::query(
            "INSERT INTO review_claims (verification_id, operator_id, claimed_at) VALUES ($1, $2, $3) \
             ON CONFLICT (verification_id) DO UPDATE SET operator_id = excluded.operator_id, \
             claimed_at = excluded.claimed_at \
             WHERE review_claims.operator_id = excluded.operator_id OR review_claims.claimed_at < $4",
        )
        .bind(verification.as_str())
        .bind(operator.as_str())
        .bind(now)
        .bind(stale_before)
        .execute(&mut *tx)
        .await?;
        let holder: String =
            sqlx::query("SELECT operator_id FROM review_claims WHERE verification_id = $1")
                .bind(verification.as_str())
                .fetch_one(&mut *tx)
                .await?
                .get("operator_id");
        tx.commit().await?;
        Ok(OperatorId::from_db(holder))
    }

    /// Gives up `operator`'s claim on a case (no-op when someone else holds it).
    pub async fn release_case(
        &self,
        verification: &VerificationId,
        operator: &OperatorId,
    ) -> StoreResult<()> {
        sqlx::query("DELETE FROM review_claims WHERE verification_id = $1 AND operator_id = $2")
            .bind(verification.as_str())
            .bind(operator.as_str())
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// The current claim on a case made after `stale_before`, if any.
    pub async fn claim_of(
        &self,
        verification: &VerificationId,
        stale_before: i64,
    ) -> StoreResult<Option<ClaimRecord>> {
        let row = sqlx::query(
            "SELECT c.operator_id, o.email, c.claimed_at FROM review_claims c \
             JOIN operators o ON o.id = c.operator_id \
             WHERE c.verification_id = $1 AND c.claimed_at >= $2",
        )
        .bind(verification.as_str())
        .bind(stale_before)
        .fetch_optional(self.reader())
        .await?;
        Ok(row.map(|row| ClaimRecord {
            operator_id: OperatorId::from_db(row.get("operator_id")),
            operator_email: row.get("email"),
            claimed_at: row.get("claimed_at"),
        }))
    }

    /// The fresh claims on several cases at once (the queue page), by verification.
    pub async fn claims_on(
        &self,
        verifications: &[VerificationId],
        stale_before: i64,
    ) -> StoreResult<std::collections::HashMap<VerificationId, ClaimRecord>> {
        if verifications.is_empty() {
            return Ok(Default::default());
        }
        let sql = format!(
            "SELECT c.verification_id, c.operator_id, o.email, c.claimed_at FROM review_claims c \
             JOIN operators o ON o.id = c.operator_id \
             WHERE c.claimed_at >= $1 AND c.verification_id IN ({})",
            super::placeholders(2, verifications.len())
        );
        let mut query = sqlx::query(&sql).bind(stale_before);
        for id in verifications {
            query = query.bind(id.as_str());
        }
        let rows = query.fetch_all(self.reader()).await?;
        Ok(rows
            .into_iter()
            .map(|row| {
                (
                    VerificationId::from_db(row.get("verification_id")),
                    ClaimRecord {
                        operator_id: OperatorId::from_db(row.get("operator_id")),
                        operator_email: row.get("email"),
                        claimed_at: row.get("claimed_at"),
                    },
                )
            })
            .collect())
    }

    /// How many verifications of the tenant are in each status (one mode, or both).
    pub async fn status_counts(
        &self,
        tenant: &TenantId,
        mode: Option<crate::secrets::Mode>,
    ) -> StoreResult<Vec<(Status, i64)>> {
        let mut sql =
            "SELECT status, COUNT(*) AS n FROM verifications WHERE tenant_id = $1".to_owned();
        if mode.is_some() {
            sql += " AND mode = $2";
        }
        sql += " GROUP BY status";
        let mut query = sqlx::query(&sql).bind(tenant.as_str());
        if let Some(mode) = mode {
            query = query.bind(mode.as_str());
        }
        let rows = query.fetch_all(self.reader()).await?;
        rows.into_iter()
            .map(|row| {
                let status: String = row.get("status");
                let n: i64 = row.get("n");
                Status::parse(&status)
                    .map(|s| (s, n))
                    .ok_or_else(|| StoreError::Corrupt(format!("status {status}")))
            })
            .collect()
    }
}

/// What [`Store::update_operator_access`] changes.
#[derive(Clone, Copy, Debug)]
pub enum AccessChange<'a> {
    /// A new argon2id hash.
    Password(&'a str),
    Disable,
    SignOutEverywhere,
}

/// Writes a review row (inside the transaction of the decision it takes) and its audit entry.
pub(super) async fn insert_review(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    backend: super::Backend,
    verification: &super::VerificationRecord,
    review: &NewReview,
    now: i64,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO reviews (id, verification_id, tenant_id, attempt, operator_id, outcome, \
         reason_codes, note_sealed, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(review.id.as_str())
    .bind(verification.id.as_str())
    .bind(verification.tenant_id.as_str())
    .bind(verification.attempt)
    .bind(review.operator_id.as_str())
    .bind(review.outcome)
    .bind(serde_json::Value::from(review.reason_codes.clone()).to_string())
    .bind(&review.note_sealed)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    sqlx::query("DELETE FROM review_claims WHERE verification_id = $1")
        .bind(verification.id.as_str())
        .execute(&mut **tx)
        .await?;
    append_audit(tx, backend, &review.audit).await?;
    Ok(())
}

fn operator_from_row(row: sqlx::any::AnyRow) -> StoreResult<OperatorRecord> {
    let role: String = row.get("role");
    Ok(OperatorRecord {
        id: OperatorId::from_db(row.get("id")),
        tenant_id: TenantId::from_db(row.get("tenant_id")),
        email: Email::from_db(row.get("email")),
        role: Role::parse(&role).ok_or_else(|| StoreError::Corrupt(format!("role {role}")))?,
        password_hash: row.get("password_hash"),
        session_epoch: row.get("session_epoch"),
        disabled_at: row.get("disabled_at"),
        last_login_at: row.get("last_login_at"),
        created_at: row.get("created_at"),
        totp_secret_sealed: row.get("totp_secret_sealed"),
        totp_enabled_at: row.get("totp_enabled_at"),
    })
}
