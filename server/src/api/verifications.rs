//! `/verifications`: create, get, list, cancel, rerun, events.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::auth::Caller;
use super::json::ApiJson;
use super::page::{decode_cursor, Page};
use super::path::ApiPath;
use super::problem::ApiError;
use super::query::ApiQuery;
use crate::ids::VerificationId;
use crate::lifecycle::{self, Change};
use crate::secrets::new_client_token;
use crate::state::AppState;
use crate::store::{now_ms, AlsoWrite, ListFilter, NewVerification, VerificationRecord};
use crate::verification::{
    open_applicant, verification_event, Applicant, Status, VerificationObject,
};

const METADATA_MAX_KEYS: usize = 50;
const METADATA_MAX_BYTES: usize = 8 * 1024;

/// `POST /verifications`. Every field is optional: the flow of the API key decides the rest.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "reference_id": "user_12345",
    "applicant": {"email": "ana@example.com", "first_name": "Ana", "last_name": "Silva",
                  "date_of_birth": "1990-04-12", "country": "PT"},
    "locale": "pt-BR",
    "return_url": "https://app.example.com/kyc/done",
    "metadata": {"order_id": "A-1234"}
}))]
pub struct CreateVerification {
    /// The tenant's own id of the applicant (1–255 printable characters).
    #[schema(
        max_length = 255,
        pattern = r"^[^\u0000-\u001F\u007F-\u009F]*[^\s\u0000-\u001F\u007F-\u009F][^\u0000-\u001F\u007F-\u009F]*$"
    )]
    reference_id: Option<String>,
    applicant: Option<Applicant>,
    /// BCP 47 language tag of the hosted flow (`en`, `pt-BR`).
    #[schema(max_length = 35, pattern = "^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")]
    locale: Option<String>,
    /// Where the applicant is sent after the flow: an http(s) URL of at most 2048 characters.
    #[schema(max_length = 2048, format = "uri")]
    return_url: Option<String>,
    /// A non-empty subset of the flow's checks; omitted means all of them.
    #[schema(schema_with = crate::api::openapi::checks_input)]
    checks: Option<Vec<String>>,
    /// Up to 50 keys of 1–40 characters, at most 8 KiB as JSON; returned as sent.
    #[schema(schema_with = crate::api::openapi::metadata_input)]
    metadata: Option<Map<String, Value>>,
}

/// The create and rerun response: the object plus the link secrets, which appear only here.
#[derive(Serialize, utoipa::ToSchema)]
pub struct WithLink {
    #[serde(flatten)]
    verification: VerificationObject,
    /// Authorizes the hosted flow for this attempt; stored hashed, shown only here.
    client_token: String,
    /// The hosted flow's link to send the applicant to.
    #[schema(format = "uri")]
    verify_url: String,
}

/// Create a verification
///
/// Starts an applicant journey under the API key's flow. The answer carries the only copy of the
/// `client_token` and the `verify_url` to send the applicant to.
#[utoipa::path(
    post, path = "/api/v1/verifications", operation_id = "createVerification", tag = "verifications",
    request_body = CreateVerification,
    responses((status = 201, description = "Created; the link is shown only here.", body = WithLink)),
)]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<CreateVerification>,
) -> Result<(StatusCode, Json<WithLink>), ApiError> {
    validate(&body)?;
    let flow = state
        .store
        .flow_at(&caller.flow_id, caller.flow_version)
        .await?
        .ok_or(ApiError::NotFound("flow"))?;
    let requested_checks = match &body.checks {
        Some(checks) => {
            if let Some(unknown) = checks.iter().find(|c| !flow.config.checks.contains(c)) {
                return Err(ApiError::invalid(
                    "checks",
                    format!(
                        "`{unknown}` is not a check of this flow (it runs: {})",
                        flow.config.checks.join(", ")
                    ),
                ));
            }
            let mut checks = checks.clone();
            checks.sort();
            checks.dedup();
            checks
        }
        None => flow.config.checks.clone(),
    };
    let trigger =
        crate::test_mode::parse(caller.mode, body.metadata.as_ref().unwrap_or(&Map::new()))
            .map_err(|e| ApiError::invalid(e.field(), e.to_string()))?;
    let id = VerificationId::generate();
    let token = new_client_token();
    let now = now_ms();
    let expires_at = match trigger {
        // Test mode: the link is dead on arrival and the expiry sweeper marks it `expired`.
        Some(t) if t.outcome == crate::test_mode::TestOutcome::Expired => now,
        _ => now + flow.config.link_ttl_ms(),
    };
    let applicant_sealed = match &body.applicant {
        Some(applicant) => {
            let json =
                serde_json::to_vec(applicant).map_err(|e| ApiError::Internal(Box::new(e)))?;
            Some(state.sealer.seal(&json, id.as_str()))
        }
        None => None,
    };
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
        metadata: Value::Object(body.metadata.clone().unwrap_or_default()).to_string(),
        requested_checks,
        client_token_hash: token.hash,
        max_attempts: flow.config.max_attempts,
        created_at: now,
        expires_at,
    };
    let applicant = body.applicant.clone().unwrap_or_default();
    let record = state
        .store
        .insert_verification(&new, |record| {
            let actor = caller.actor();
            let request_id = caller.request_id.clone();
            verification_event(
                &state.sealer,
                record,
                VerificationObject::from_record(record, applicant.clone()),
                "verification.created",
                actor,
                request_id,
                now,
            )
        })
        .await?;
    tracing::info!(verification = %record.id, tenant = %record.tenant_id, mode = record.mode.as_str(), "verification created");
    Ok(with_link(&state, &record, applicant, token.plaintext))
}

/// Get a verification
///
/// The same object every webhook carries in `data`.
#[utoipa::path(
    get, path = "/api/v1/verifications/{id}", operation_id = "getVerification", tag = "verifications",
    params(("id" = VerificationId, Path, description = "The verification's id.")),
    responses((status = 200, description = "The verification.", body = VerificationObject)),
)]
pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<VerificationObject>, ApiError> {
    let record = find(&state, &caller, &id).await?;
    let applicant = open_applicant(&state.sealer, &record)?;
    Ok(Json(object_with_checks(&state, &record, applicant).await?))
}

/// Filters and paging of `GET /verifications`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Only verifications in this status.
    #[param(value_type = Option<Status>)]
    status: Option<String>,
    /// Only verifications of this applicant.
    #[param(
        max_length = 255,
        pattern = r"^[^\u0000-\u001F\u007F-\u009F]*[^\s\u0000-\u001F\u007F-\u009F][^\u0000-\u001F\u007F-\u009F]*$"
    )]
    reference_id: Option<String>,
    /// Created at or after this RFC 3339 time.
    #[param(format = DateTime)]
    created_gte: Option<String>,
    /// Created before this RFC 3339 time.
    #[param(format = DateTime)]
    created_lt: Option<String>,
    /// `next_cursor` of the previous page.
    cursor: Option<String>,
    /// Page size, 1–100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    limit: Option<i64>,
}

/// List verifications
///
/// Newest first, filtered, with cursor pagination.
#[utoipa::path(
    get, path = "/api/v1/verifications", operation_id = "listVerifications", tag = "verifications",
    params(ListQuery),
    responses((status = 200, description = "One page of verifications.", body = Page<VerificationObject>)),
)]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> Result<Json<Page<VerificationObject>>, ApiError> {
    let limit = query.limit.unwrap_or(20);
    if !(1..=100).contains(&limit) {
        return Err(ApiError::invalid("limit", "must be between 1 and 100"));
    }
    // The rule of `reference_id` at create: nothing else can match, and PostgreSQL refuses NUL
    // in text outright.
    if let Some(reference) = &query.reference_id {
        check_text("reference_id", reference, 255)?;
    }
    let filter = ListFilter {
        status: query
            .status
            .as_deref()
            .map(|s| {
                Status::parse(s)
                    .ok_or_else(|| ApiError::invalid("status", format!("unknown status `{s}`")))
            })
            .transpose()?,
        reference_id: query.reference_id,
        created_gte: query
            .created_gte
            .as_deref()
            .map(|t| parse_time("created_gte", t))
            .transpose()?,
        created_lt: query
            .created_lt
            .as_deref()
            .map(|t| parse_time("created_lt", t))
            .transpose()?,
        before: query
            .cursor
            .as_deref()
            .map(|c| decode_cursor(c, |id| VerificationId::parse(id).is_some()))
            .transpose()?,
    };
    let records = state
        .store
        .list_verifications(&caller.tenant_id, Some(caller.mode), &filter, limit + 1)
        .await?;
    // Only submitted attempts have check jobs (the extra row's, if any, are read for nothing).
    let ids: Vec<&VerificationId> = records
        .iter()
        .filter(|r| r.submitted_at.is_some())
        .map(|r| &r.id)
        .collect();
    let checks = state.store.checks_of_verifications(&ids).await?;
    let page = Page::from_rows(
        records,
        limit,
        |r| (r.created_at, r.id.to_string()),
        |r| {
            let own: Vec<_> = checks
                .iter()
                .filter(|c| c.verification_id == r.id)
                .cloned()
                .collect();
            Ok::<_, ApiError>(
                VerificationObject::from_record(r, open_applicant(&state.sealer, r)?)
                    .with_checks(&own, &state.sealer),
            )
        },
    )?;
    Ok(Json(page))
}

/// Cancel a verification
///
/// Only a `pending` or `in_progress` verification can be canceled; anything else is
/// `409 invalid_transition`.
#[utoipa::path(
    post, path = "/api/v1/verifications/{id}/cancel", operation_id = "cancelVerification", tag = "verifications",
    params(("id" = VerificationId, Path, description = "The verification's id.")),
    responses((status = 200, description = "The canceled verification.", body = VerificationObject)),
)]
pub async fn cancel(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<VerificationObject>, ApiError> {
    let record = find(&state, &caller, &id).await?;
    let now = now_ms();
    let change = lifecycle::cancel(&record, now)?;
    let (next, applicant) =
        persist(&state, &caller, &record, change, now, AlsoWrite::Nothing).await?;
    Ok(Json(VerificationObject::from_record(&next, applicant)))
}

/// Start a new attempt
///
/// Opens a new attempt (the previous one is kept and linked) with a fresh link. Only an
/// `expired` verification or a `declined` one whose `decline_type` is `retry` can be rerun;
/// anything else is `409 invalid_transition`.
#[utoipa::path(
    post, path = "/api/v1/verifications/{id}/rerun", operation_id = "rerunVerification", tag = "verifications",
    params(("id" = VerificationId, Path, description = "The verification's id.")),
    responses((status = 201, description = "The new attempt; the link is shown only here.", body = WithLink)),
)]
pub async fn rerun(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
) -> Result<(StatusCode, Json<WithLink>), ApiError> {
    let record = find(&state, &caller, &id).await?;
    let flow = state
        .store
        .flow(&record.flow_id)
        .await?
        .ok_or(ApiError::NotFound("flow"))?;
    let token = new_client_token();
    let now = now_ms();
    let change = lifecycle::rerun(&record, now, token.hash, flow.config.link_ttl_ms())?;
    let (next, applicant) = persist(
        &state,
        &caller,
        &record,
        change,
        now,
        AlsoWrite::PreviousAttempt,
    )
    .await?;
    Ok(with_link(&state, &next, applicant, token.plaintext))
}

/// Issue a fresh link
///
/// A new `client_token`/`verify_url` for the same attempt, valid for the flow's full link
/// lifetime; the previous link stops working at once. Only while the verification is `pending`
/// or `in_progress` (a finished one is rerun instead); anything else is `409 invalid_transition`.
#[utoipa::path(
    post, path = "/api/v1/verifications/{id}/link", operation_id = "issueVerificationLink", tag = "verifications",
    params(("id" = VerificationId, Path, description = "The verification's id.")),
    responses((status = 201, description = "The verification with its new link; the link is shown only here.", body = WithLink)),
)]
pub async fn new_link(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
) -> Result<(StatusCode, Json<WithLink>), ApiError> {
    let record = find(&state, &caller, &id).await?;
    let flow = state
        .store
        .flow_at(&record.flow_id, record.flow_version)
        .await?
        .ok_or(ApiError::NotFound("flow"))?;
    let token = new_client_token();
    let now = now_ms();
    let change = lifecycle::new_link(&record, now, token.hash, flow.config.link_ttl_ms())?;
    let (next, applicant) =
        persist(&state, &caller, &record, change, now, AlsoWrite::Nothing).await?;
    Ok(with_link(&state, &next, applicant, token.plaintext))
}

/// Submit a verification
///
/// The attempt is complete: its checks are queued and run on the server. The answer is the
/// verification in `processing` with its queued checks; the outcome follows by webhook and on
/// `GET /verifications/{id}`. Without an identity document while the `document` check runs it
/// is `409 document_required` (test-mode triggers need none); a verification that is not
/// `pending` or `in_progress` is `409 invalid_transition`.
#[utoipa::path(
    post, path = "/api/v1/verifications/{id}/submit", operation_id = "submitVerification", tag = "verifications",
    params(("id" = VerificationId, Path, description = "The verification's id.")),
    responses((status = 202, description = "Submitted: the verification is processing.", body = VerificationObject)),
)]
pub async fn submit(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
) -> Result<(StatusCode, Json<VerificationObject>), ApiError> {
    let record = find(&state, &caller, &id).await?;
    let (next, applicant) = submit_record(
        &state,
        &record,
        &caller.actor(),
        caller.request_id.as_deref(),
    )
    .await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(object_with_checks(&state, &next, applicant).await?),
    ))
}

/// Submits an attempt for the API and the journey alike: refuses a submission without the
/// identity document its `document` check needs, or without the selfie and liveness frames its
/// face checks need (test triggers need none), queues the checks in
/// the same transaction as the status change, and wakes the runner.
pub async fn submit_record(
    state: &AppState,
    record: &VerificationRecord,
    actor: &str,
    request_id: Option<&str>,
) -> Result<(VerificationRecord, Applicant), ApiError> {
    let now = now_ms();
    let change = lifecycle::submit(record, now)?;
    let kinds = crate::pipeline::running_kinds(record);
    let metadata: Map<String, Value> = serde_json::from_str(&record.metadata).unwrap_or_default();
    let triggered = matches!(crate::test_mode::parse(record.mode, &metadata), Ok(Some(_)));
    if !triggered && kinds.contains(&kyra_checks::reasons::CheckKind::Document) {
        let documents = state
            .store
            .documents_of_attempt(&record.id, record.attempt)
            .await?;
        if !documents
            .iter()
            .any(|d| crate::flow::IDENTITY_DOCUMENTS.contains(&d.document_type.as_str()))
        {
            return Err(ApiError::DocumentRequired);
        }
    }
    if !triggered {
        face_evidence_present(state, record).await?;
    }
    let saved = persist_as(
        state,
        actor,
        request_id,
        record,
        change,
        now,
        AlsoWrite::Checks(&kinds),
    )
    .await?;
    state.wake.notify();
    Ok(saved)
}

/// Refuses a submission whose face checks would have nothing to look at: `selfie`, `liveness`
/// and `face_match` need a selfie of the attempt (`409 selfie_required`), and `liveness` also the
/// frames of an answered challenge, unless the flow lets the applicant upload a selfie instead
/// (`409 liveness_required`).
async fn face_evidence_present(
    state: &AppState,
    record: &VerificationRecord,
) -> Result<(), ApiError> {
    if !crate::liveness::needs_face(&record.requested_checks) {
        return Ok(());
    }
    let documents = state
        .store
        .documents_of_attempt(&record.id, record.attempt)
        .await?;
    if !documents.iter().any(|d| d.document_type == "selfie") {
        return Err(ApiError::SelfieRequired);
    }
    if crate::liveness::needs_liveness(&record.requested_checks)
        && !documents
            .iter()
            .any(|d| d.document_type == crate::liveness::FRAME_DOCUMENT_TYPE)
    {
        let flow = state
            .store
            .flow_at(&record.flow_id, record.flow_version)
            .await?;
        if !flow.is_some_and(|f| f.config.liveness.allow_upload) {
            return Err(ApiError::LivenessRequired);
        }
    }
    Ok(())
}

/// The verification object with its current attempt's checks.
pub async fn object_with_checks(
    state: &AppState,
    record: &VerificationRecord,
    applicant: Applicant,
) -> Result<VerificationObject, ApiError> {
    // Check jobs are queued when an attempt is submitted: before that there is nothing to read.
    let checks = match record.submitted_at {
        Some(_) => {
            state
                .store
                .checks_of_attempt(&record.id, record.attempt)
                .await?
        }
        None => Vec::new(),
    };
    Ok(VerificationObject::from_record(record, applicant).with_checks(&checks, &state.sealer))
}

/// One entry of a verification's audit trail.
#[derive(Serialize, utoipa::ToSchema)]
pub struct EventEntry {
    #[schema(value_type = crate::ids::EventId)]
    id: String,
    /// `verification.created`, `verification.canceled`, …
    #[serde(rename = "type")]
    #[schema(example = "verification.created")]
    kind: String,
    sequence: i64,
    /// Who caused it, e.g. `api_key:key_…` for a call with an API key, or `system`.
    actor: String,
    /// The `x-request-id` of the request that caused it.
    request_id: Option<String>,
    #[schema(format = DateTime)]
    created_at: String,
}

/// List a verification's events
///
/// The audit trail, in `sequence` order.
#[utoipa::path(
    get, path = "/api/v1/verifications/{id}/events", operation_id = "listVerificationEvents", tag = "verifications",
    params(("id" = VerificationId, Path, description = "The verification's id.")),
    responses((status = 200, description = "Every event of the verification (one page).", body = Page<EventEntry>)),
)]
pub async fn events(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<Page<EventEntry>>, ApiError> {
    let record = find(&state, &caller, &id).await?;
    let data = state
        .store
        .verification_events(&record.id)
        .await?
        .into_iter()
        .map(|e| EventEntry {
            id: e.id,
            kind: e.kind,
            sequence: e.sequence,
            actor: e.actor,
            request_id: e.request_id,
            created_at: crate::verification::rfc3339(e.created_at),
        })
        .collect();
    Ok(Json(Page::complete(data)))
}

/// Loads a verification of the caller's tenant and mode. A malformed id and another tenant's id
/// get the same answer as an unknown one.
async fn find(state: &AppState, caller: &Caller, id: &str) -> Result<VerificationRecord, ApiError> {
    let id = VerificationId::parse(id).ok_or(ApiError::NotFound("verification"))?;
    state
        .store
        .verification_for_tenant(&caller.tenant_id, caller.mode, &id)
        .await?
        .ok_or(ApiError::NotFound("verification"))
}

/// Saves a change with its events and the row it carries; a concurrent change in between is a conflict the client can
/// resolve by reading the verification again.
pub(super) async fn persist(
    state: &AppState,
    caller: &Caller,
    record: &VerificationRecord,
    change: Change,
    now: i64,
    also: AlsoWrite<'_>,
) -> Result<(VerificationRecord, Applicant), ApiError> {
    let actor = caller.actor();
    persist_as(
        state,
        &actor,
        caller.request_id.as_deref(),
        record,
        change,
        now,
        also,
    )
    .await
}

/// [`persist`] for a change made by someone other than an API caller (the applicant).
pub(crate) async fn persist_as(
    state: &AppState,
    actor: &str,
    request_id: Option<&str>,
    record: &VerificationRecord,
    change: Change,
    now: i64,
    also: AlsoWrite<'_>,
) -> Result<(VerificationRecord, Applicant), ApiError> {
    let applicant = open_applicant(&state.sealer, record)?;
    let (next, events) =
        change.into_events(&state.sealer, record, &applicant, actor, request_id, now);
    if !state
        .store
        .save_transition(record, &next, &events, also)
        .await?
    {
        return Err(ApiError::ConcurrentChange);
    }
    Ok((next, applicant))
}

/// The `201` answer that hands out a link: the only place a client token leaves the server.
fn with_link(
    state: &AppState,
    record: &VerificationRecord,
    applicant: Applicant,
    client_token: String,
) -> (StatusCode, Json<WithLink>) {
    let verify_url = format!(
        "{}/v/{}?token={}",
        state.public_base, record.id, client_token
    );
    let verification = VerificationObject::from_record(record, applicant);
    (
        StatusCode::CREATED,
        Json(WithLink {
            verification,
            client_token,
            verify_url,
        }),
    )
}

fn parse_time(field: &str, value: &str) -> Result<i64, ApiError> {
    let t = time::OffsetDateTime::parse(value, &time::format_description::well_known::Rfc3339)
        .map_err(|_| {
            ApiError::invalid(
                field,
                "must be an RFC 3339 timestamp such as 2026-11-25T10:00:00Z",
            )
        })?;
    Ok((t.unix_timestamp_nanos() / 1_000_000) as i64)
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
    if let Some(checks) = &body.checks {
        if checks.is_empty() {
            return Err(ApiError::invalid(
                "checks",
                "must name at least one check, or be omitted for all of the flow's",
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
        let valid = email.chars().count() <= 254
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
        check_country("applicant.country", country)?;
    }
    Ok(())
}

/// Shape of an ISO 3166-1 alpha-2 code: two upper-case ASCII letters.
pub(super) fn check_country(field: &str, value: &str) -> Result<(), ApiError> {
    if value.len() != 2 || !value.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(ApiError::invalid(
            field,
            "must be an ISO 3166-1 alpha-2 code such as `PT`",
        ));
    }
    Ok(())
}

pub(super) fn check_text(field: &str, value: &str, max_chars: usize) -> Result<(), ApiError> {
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
