//! `POST /verifications` and `GET /verifications/{id}`.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::auth::Caller;
use super::json::ApiJson;
use super::problem::ApiError;
use crate::ids::VerificationId;
use crate::secrets::new_client_token;
use crate::state::AppState;
use crate::store::{now_ms, NewVerification};
use crate::verification::{open_applicant, verification_event, Applicant, VerificationObject};

const METADATA_MAX_KEYS: usize = 50;
const METADATA_MAX_BYTES: usize = 8 * 1024;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateVerification {
    reference_id: Option<String>,
    applicant: Option<Applicant>,
    locale: Option<String>,
    return_url: Option<String>,
    metadata: Option<Map<String, Value>>,
}

/// The create response: the verification object plus the link secrets, which appear only here.
#[derive(Serialize)]
pub struct Created {
    #[serde(flatten)]
    verification: VerificationObject,
    client_token: String,
    verify_url: String,
}

pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<CreateVerification>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    validate(&body)?;
    let flow = state
        .store
        .flow(&caller.flow_id)
        .await?
        .ok_or(ApiError::NotFound("flow"))?;
    let id = VerificationId::generate();
    let token = new_client_token();
    let now = now_ms();
    let applicant_sealed = match &body.applicant {
        Some(applicant) => {
            let json =
                serde_json::to_vec(applicant).map_err(|e| ApiError::Internal(Box::new(e)))?;
            Some(state.sealer.seal(&json, id.as_str()))
        }
        None => None,
    };
    let metadata = Value::Object(body.metadata.clone().unwrap_or_default()).to_string();
    let new = NewVerification {
        id: id.clone(),
        tenant_id: caller.tenant_id.clone(),
        flow_id: flow.id.clone(),
        flow_version: flow.version,
        mode: caller.mode,
        reference_id: body.reference_id.clone(),
        applicant_sealed,
        locale: body.locale.clone(),
        return_url: body.return_url.clone(),
        metadata,
        client_token_hash: token.hash,
        max_attempts: flow.config.max_attempts,
        created_at: now,
        expires_at: now + flow.config.expires_in_hours * 3_600_000,
    };
    let applicant = body.applicant.clone().unwrap_or_default();
    let actor = caller.actor();
    let record = state
        .store
        .insert_verification(&new, |record| {
            verification_event(
                &state.sealer,
                record,
                applicant.clone(),
                "verification.created",
                actor,
                now,
            )
        })
        .await?;
    let verify_url = format!(
        "{}/v/{}?token={}",
        state.public_base, record.id, token.plaintext
    );
    tracing::info!(verification = %record.id, tenant = %record.tenant_id, mode = record.mode.as_str(), "verification created");
    Ok((
        StatusCode::CREATED,
        Json(Created {
            verification: VerificationObject::from_record(&record, applicant),
            client_token: token.plaintext,
            verify_url,
        }),
    ))
}

pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<VerificationObject>, ApiError> {
    // A malformed id and another tenant's id get the same answer as an unknown one.
    let id = VerificationId::parse(&id).ok_or(ApiError::NotFound("verification"))?;
    let record = state
        .store
        .verification_for_tenant(&caller.tenant_id, caller.mode, &id)
        .await?
        .ok_or(ApiError::NotFound("verification"))?;
    let applicant = open_applicant(&state.sealer, &record)?;
    Ok(Json(VerificationObject::from_record(&record, applicant)))
}

fn validate(body: &CreateVerification) -> Result<(), ApiError> {
    if let Some(reference) = &body.reference_id {
        check_text("reference_id", reference, 255)?;
    }
    if let Some(applicant) = &body.applicant {
        validate_applicant(applicant)?;
    }
    if let Some(locale) = &body.locale {
        if !is_language_tag(locale) {
            return Err(ApiError::invalid(
                "locale",
                "must be a BCP 47 language tag such as `en` or `pt-BR`",
            ));
        }
    }
    if let Some(url) = &body.return_url {
        let parsed = url::Url::parse(url)
            .map_err(|_| ApiError::invalid("return_url", "must be an absolute URL"))?;
        if !matches!(parsed.scheme(), "https" | "http") || url.len() > 2048 {
            return Err(ApiError::invalid(
                "return_url",
                "must be an http(s) URL of at most 2048 characters",
            ));
        }
    }
    if let Some(metadata) = &body.metadata {
        if metadata.len() > METADATA_MAX_KEYS {
            return Err(ApiError::invalid(
                "metadata",
                format!("at most {METADATA_MAX_KEYS} keys are allowed"),
            ));
        }
        if let Some(key) = metadata.keys().find(|k| k.is_empty() || k.len() > 40) {
            return Err(ApiError::invalid(
                format!("metadata.{key}"),
                "keys must be 1 to 40 characters",
            ));
        }
        if Value::Object(metadata.clone()).to_string().len() > METADATA_MAX_BYTES {
            return Err(ApiError::invalid(
                "metadata",
                format!("must serialize to at most {METADATA_MAX_BYTES} bytes"),
            ));
        }
    }
    Ok(())
}

fn validate_applicant(a: &Applicant) -> Result<(), ApiError> {
    if let Some(email) = &a.email {
        let valid = email.len() <= 254
            && !email.chars().any(|c| c.is_whitespace() || c.is_control())
            && email
                .split_once('@')
                .is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.'));
        if !valid {
            return Err(ApiError::invalid(
                "applicant.email",
                "must be an email address",
            ));
        }
    }
    if let Some(name) = &a.first_name {
        check_text("applicant.first_name", name, 100)?;
    }
    if let Some(name) = &a.last_name {
        check_text("applicant.last_name", name, 100)?;
    }
    if let Some(dob) = &a.date_of_birth {
        let format = time::macros::format_description!("[year]-[month]-[day]");
        let date = time::Date::parse(dob, &format).map_err(|_| {
            ApiError::invalid("applicant.date_of_birth", "must be a date as YYYY-MM-DD")
        })?;
        let today = time::OffsetDateTime::now_utc().date();
        if date > today || date.year() < 1900 {
            return Err(ApiError::invalid(
                "applicant.date_of_birth",
                "must be between 1900-01-01 and today",
            ));
        }
    }
    if let Some(country) = &a.country {
        if country.len() != 2 || !country.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(ApiError::invalid(
                "applicant.country",
                "must be an ISO 3166-1 alpha-2 code such as `PT`",
            ));
        }
    }
    Ok(())
}

fn check_text(field: &str, value: &str, max_chars: usize) -> Result<(), ApiError> {
    if value.trim().is_empty()
        || value.chars().count() > max_chars
        || value.chars().any(char::is_control)
    {
        return Err(ApiError::invalid(
            field,
            format!("must be 1 to {max_chars} printable characters"),
        ));
    }
    Ok(())
}

/// Shape check of a BCP 47 tag: a 2–3 letter language, then 1–8 character alphanumeric subtags.
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let language_ok = parts
        .next()
        .is_some_and(|l| (2..=3).contains(&l.len()) && l.bytes().all(|b| b.is_ascii_alphabetic()));
    language_ok
        && tag.len() <= 35
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::is_language_tag;

    #[test]
    fn language_tags() {
        for ok in ["en", "pt-BR", "zh-Hans-CN", "sr-Latn"] {
            assert!(is_language_tag(ok), "{ok}");
        }
        for bad in ["", "e", "english-language-tag-x", "en_US", "en-", "12"] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }
}
