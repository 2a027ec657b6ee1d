//! `/webhook-endpoints`: where a tenant receives events, the delivery log and redelivery.
//! Every query is scoped by the caller's tenant and mode; another tenant's endpoint, or a test
//! endpoint asked for with a live key, is simply not found.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};

use super::auth::Caller;
use super::json::ApiJson;
use super::page::{Page, PageQuery};
use super::path::ApiPath;
use super::problem::ApiError;
use super::query::ApiQuery;
use crate::ids::{AttemptId, EventId, MessageId, WebhookEndpointId};
use crate::secrets::Mode;
use crate::state::AppState;
use crate::store::{now_ms, payload_binding, AttemptRecord, EndpointRecord, TestEvent};
use crate::verification::rfc3339;
use crate::webhooks::endpoints::{
    check_events, check_url, new_secret, scheme_of, Credential, SignatureScheme, ROTATION_GRACE_MS,
};
use crate::webhooks::ssrf::AllowList;

const DESCRIPTION_MAX_CHARS: usize = 500;

/// `POST /webhook-endpoints`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"url": "https://app.example.com/webhooks/kyra", "events": ["verification.completed"]}))]
pub struct CreateEndpoint {
    /// Where events are POSTed: `https://` (plain `http://` only in test mode or for hosts the
    /// operator allows), at most 2048 characters, resolving to a public address.
    #[schema(max_length = 2048, format = "uri")]
    url: String,
    /// Event types to receive; empty or omitted means all.
    #[schema(value_type = Option<Vec<crate::api::openapi::EventType>>)]
    events: Option<Vec<String>>,
    #[schema(max_length = 500, pattern = r"^[^\u0000-\u001F\u007F-\u009F]*$")]
    description: Option<String>,
    /// `v1` (HMAC, default) or `v1a` (Ed25519).
    signature_scheme: Option<SignatureScheme>,
}

/// `PATCH /webhook-endpoints/{id}`: only the fields sent change.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateEndpoint {
    #[schema(max_length = 2048, format = "uri")]
    url: Option<String>,
    #[schema(value_type = Option<Vec<crate::api::openapi::EventType>>)]
    events: Option<Vec<String>>,
    #[schema(max_length = 500, pattern = r"^[^\u0000-\u001F\u007F-\u009F]*$")]
    description: Option<String>,
    /// `true` re-enables an endpoint disabled by failures or 410 Gone; `false` pauses it.
    enabled: Option<bool>,
}

/// `POST /webhook-endpoints/{id}/redeliver-failed`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RedeliverFailed {
    /// RFC 3339 time: failed messages created at or after it are sent again.
    #[schema(format = DateTime)]
    since: String,
}

/// Delivery health, so a tenant sees a failing receiver before a compliance officer does.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Health {
    #[schema(format = DateTime)]
    last_success_at: Option<String>,
    #[schema(format = DateTime)]
    last_failure_at: Option<String>,
    failure_streak: i64,
    #[schema(format = DateTime)]
    disabled_at: Option<String>,
    disabled_reason: Option<String>,
}

/// A webhook endpoint (its secret is shown only by create and rotate).
#[derive(Serialize, utoipa::ToSchema)]
pub struct EndpointObject {
    id: WebhookEndpointId,
    #[schema(schema_with = crate::api::openapi::tag::webhook_endpoint)]
    object: &'static str,
    mode: Mode,
    url: String,
    /// Event types delivered; empty means all.
    #[schema(value_type = Vec<crate::api::openapi::EventType>)]
    events: Vec<String>,
    description: Option<String>,
    enabled: bool,
    health: Health,
    /// While set, the previous secret still signs alongside the current one.
    #[schema(format = DateTime)]
    previous_secret_expires_at: Option<String>,
    #[schema(format = DateTime)]
    created_at: String,
    #[schema(format = DateTime)]
    updated_at: String,
}

impl EndpointObject {
    fn from_record(e: &EndpointRecord) -> EndpointObject {
        let now = now_ms();
        EndpointObject {
            id: e.id.clone(),
            object: "webhook_endpoint",
            mode: e.mode,
            url: e.url.clone(),
            events: e.events.clone(),
            description: e.description.clone(),
            enabled: e.disabled_at.is_none(),
            health: Health {
                last_success_at: e.last_success_at.map(rfc3339),
                last_failure_at: e.last_failure_at.map(rfc3339),
                failure_streak: e.failure_streak,
                disabled_at: e.disabled_at.map(rfc3339),
                disabled_reason: e.disabled_reason.clone(),
            },
            previous_secret_expires_at: e
                .previous_secret_expires_at
                .filter(|t| *t > now)
                .map(rfc3339),
            created_at: rfc3339(e.created_at),
            updated_at: rfc3339(e.updated_at),
        }
    }
}

/// The create and rotate responses: the only time the secret (or public key) is shown.
#[derive(Serialize, utoipa::ToSchema)]
pub struct WithSecret {
    #[serde(flatten)]
    endpoint: EndpointObject,
    signature_scheme: SignatureScheme,
    /// `whsec_…`: the HMAC secret of scheme `v1`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(pattern = "^whsec_")]
    secret: Option<String>,
    /// `whpk_…`: the Ed25519 public key of scheme `v1a`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(pattern = "^whpk_")]
    public_key: Option<String>,
}

impl WithSecret {
    fn new(endpoint: EndpointObject, credential: Credential) -> WithSecret {
        match credential {
            Credential::Secret(secret) => WithSecret {
                endpoint,
                signature_scheme: SignatureScheme::V1,
                secret: Some(secret),
                public_key: None,
            },
            Credential::PublicKey(key) => WithSecret {
                endpoint,
                signature_scheme: SignatureScheme::V1a,
                secret: None,
                public_key: Some(key),
            },
        }
    }
}

/// One delivery attempt of one message.
#[derive(Serialize, utoipa::ToSchema)]
pub struct AttemptObject {
    #[schema(value_type = crate::ids::AttemptId)]
    id: String,
    #[schema(schema_with = crate::api::openapi::tag::webhook_attempt)]
    object: &'static str,
    /// The message's id: the stable `webhook-id` header of every attempt.
    #[schema(value_type = MessageId)]
    message_id: String,
    #[schema(value_type = crate::api::openapi::EventType)]
    event_type: String,
    message_status: crate::store::MessageStatus,
    attempt: i64,
    #[schema(format = DateTime)]
    attempted_at: String,
    status_code: Option<i64>,
    latency_ms: i64,
    /// The start of the receiver's answer.
    response_excerpt: Option<String>,
    /// Why no HTTP answer came (connection refused, timeout, …).
    error: Option<String>,
}

impl From<AttemptRecord> for AttemptObject {
    fn from(a: AttemptRecord) -> Self {
        AttemptObject {
            id: a.id,
            object: "webhook_attempt",
            message_id: a.message_id,
            event_type: a.event_type,
            message_status: a.message_status,
            attempt: a.attempt,
            attempted_at: rfc3339(a.attempted_at),
            status_code: a.status_code,
            latency_ms: a.latency_ms,
            response_excerpt: a.response_excerpt,
            error: a.error,
        }
    }
}

/// Messages queued for delivery by the dispatcher.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Queued {
    #[schema(schema_with = crate::api::openapi::tag::webhook_delivery_queued)]
    object: &'static str,
    /// The one message queued, or `null` when several may have been.
    message_id: Option<MessageId>,
    count: u64,
}

fn allow_list(state: &AppState) -> AllowList {
    AllowList::new(&state.config.webhooks.allow_hosts)
}

async fn validated_url(state: &AppState, caller: &Caller, url: &str) -> Result<String, ApiError> {
    check_url(url, caller.mode, &allow_list(state))
        .await
        .map_err(|e| ApiError::invalid("url", e.to_string()))
}

fn validated_events(events: Option<&[String]>) -> Result<Vec<String>, ApiError> {
    check_events(events.unwrap_or_default()).map_err(|e| ApiError::invalid("events", e))
}

fn validated_description(description: Option<String>) -> Result<Option<String>, ApiError> {
    match description {
        Some(d) if d.chars().count() > DESCRIPTION_MAX_CHARS || d.chars().any(char::is_control) => {
            Err(ApiError::invalid(
                "description",
                format!("must be at most {DESCRIPTION_MAX_CHARS} printable characters"),
            ))
        }
        other => Ok(other),
    }
}

async fn find(state: &AppState, caller: &Caller, id: &str) -> Result<EndpointRecord, ApiError> {
    let id = WebhookEndpointId::parse(id).ok_or(ApiError::NotFound("webhook endpoint"))?;
    state
        .store
        .endpoint_for_tenant(&caller.tenant_id, caller.mode, &id)
        .await?
        .ok_or(ApiError::NotFound("webhook endpoint"))
}

/// Create a webhook endpoint
///
/// The answer holds the signing secret (`v1`) or public key (`v1a`); it is shown only here and
/// by rotate.
#[utoipa::path(
    post, path = "/api/v1/webhook-endpoints", operation_id = "createWebhookEndpoint", tag = "webhook-endpoints",
    request_body = CreateEndpoint,
    responses((status = 201, description = "Created, with its secret.", body = WithSecret)),
)]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<CreateEndpoint>,
) -> Result<(StatusCode, Json<WithSecret>), ApiError> {
    let url = validated_url(&state, &caller, &body.url).await?;
    let events = validated_events(body.events.as_deref())?;
    let description = validated_description(body.description)?;
    let id = WebhookEndpointId::generate();
    let scheme = body.signature_scheme.unwrap_or(SignatureScheme::V1);
    let (credential, secret_sealed) = new_secret(&state.sealer, &id, scheme);
    let now = now_ms();
    let record = EndpointRecord {
        id,
        tenant_id: caller.tenant_id.clone(),
        mode: caller.mode,
        url,
        events,
        description,
        secret_sealed,
        previous_secret_sealed: None,
        previous_secret_expires_at: None,
        created_at: now,
        updated_at: now,
        last_success_at: None,
        last_failure_at: None,
        failure_streak: 0,
        disabled_at: None,
        disabled_reason: None,
    };
    let audit = caller
        .audit(
            "webhook_endpoint.created",
            "webhook_endpoint",
            record.id.as_str(),
        )
        .details(serde_json::json!({
            // The host only: tenants sometimes put a token in a webhook URL's path or query.
            "host": url_host(&record.url),
            "events": record.events,
        }));
    state.store.insert_endpoint(&record, &audit).await?;
    tracing::info!(endpoint = %record.id, tenant = %record.tenant_id, "webhook endpoint created");
    Ok((
        StatusCode::CREATED,
        Json(WithSecret::new(
            EndpointObject::from_record(&record),
            credential,
        )),
    ))
}

/// List webhook endpoints
#[utoipa::path(
    get, path = "/api/v1/webhook-endpoints", operation_id = "listWebhookEndpoints", tag = "webhook-endpoints",
    params(PageQuery),
    responses((status = 200, description = "The tenant's endpoints in this mode, newest first; `limit` 1–100 (default 20).", body = Page<EndpointObject>)),
)]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> Result<Json<Page<EndpointObject>>, ApiError> {
    let limit = query.limit(20, 100)?;
    let before = query.before(|id| WebhookEndpointId::parse(id).is_some())?;
    let endpoints = state
        .store
        .endpoints_for_tenant(&caller.tenant_id, caller.mode, before.as_ref(), limit + 1)
        .await?;
    let page = Page::from_rows(
        endpoints,
        limit,
        |e| (e.created_at, e.id.to_string()),
        |e| Ok::<_, ApiError>(EndpointObject::from_record(e)),
    )?;
    Ok(Json(page))
}

/// Get a webhook endpoint
#[utoipa::path(
    get, path = "/api/v1/webhook-endpoints/{id}", operation_id = "getWebhookEndpoint", tag = "webhook-endpoints",
    params(("id" = WebhookEndpointId, Path, description = "The endpoint's id.")),
    responses((status = 200, description = "The endpoint.", body = EndpointObject)),
)]
pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<EndpointObject>, ApiError> {
    let endpoint = find(&state, &caller, &id).await?;
    Ok(Json(EndpointObject::from_record(&endpoint)))
}

/// Update a webhook endpoint
///
/// `enabled: true` re-enables an endpoint disabled by failures or `410 Gone`.
#[utoipa::path(
    patch, path = "/api/v1/webhook-endpoints/{id}", operation_id = "updateWebhookEndpoint", tag = "webhook-endpoints",
    params(("id" = WebhookEndpointId, Path, description = "The endpoint's id.")),
    request_body = UpdateEndpoint,
    responses((status = 200, description = "The updated endpoint.", body = EndpointObject)),
)]
pub async fn update(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<UpdateEndpoint>,
) -> Result<Json<EndpointObject>, ApiError> {
    let mut endpoint = find(&state, &caller, &id).await?;
    let changed: Vec<&str> = [
        ("url", body.url.is_some()),
        ("events", body.events.is_some()),
        ("description", body.description.is_some()),
        ("enabled", body.enabled.is_some()),
    ]
    .into_iter()
    .filter_map(|(field, given)| given.then_some(field))
    .collect();
    if let Some(url) = &body.url {
        endpoint.url = validated_url(&state, &caller, url).await?;
    }
    if body.events.is_some() {
        endpoint.events = validated_events(body.events.as_deref())?;
    }
    if body.description.is_some() {
        endpoint.description = validated_description(body.description)?;
    }
    let now = now_ms();
    match body.enabled {
        Some(true) => {
            endpoint.disabled_at = None;
            endpoint.disabled_reason = None;
            endpoint.failure_streak = 0;
        }
        Some(false) if endpoint.disabled_at.is_none() => {
            endpoint.disabled_at = Some(now);
            endpoint.disabled_reason = Some("disabled through the API".to_owned());
        }
        _ => {}
    }
    endpoint.updated_at = now;
    let audit = caller
        .audit(
            "webhook_endpoint.updated",
            "webhook_endpoint",
            endpoint.id.as_str(),
        )
        .details(serde_json::json!({
            "fields": changed,
            "host": url_host(&endpoint.url),
            "enabled": endpoint.disabled_at.is_none(),
        }));
    state.store.update_endpoint(&endpoint, &audit).await?;
    Ok(Json(EndpointObject::from_record(&endpoint)))
}

/// Delete a webhook endpoint
#[utoipa::path(
    delete, path = "/api/v1/webhook-endpoints/{id}", operation_id = "deleteWebhookEndpoint", tag = "webhook-endpoints",
    params(("id" = WebhookEndpointId, Path, description = "The endpoint's id.")),
    responses((status = 204, description = "Deleted.")),
)]
pub async fn delete(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
) -> Result<StatusCode, ApiError> {
    let endpoint = find(&state, &caller, &id).await?;
    let audit = caller.audit(
        "webhook_endpoint.deleted",
        "webhook_endpoint",
        endpoint.id.as_str(),
    );
    state
        .store
        .delete_endpoint(&endpoint.id, now_ms(), &audit)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Rotate an endpoint's secret
///
/// The previous secret keeps signing alongside the new one for 24 hours.
#[utoipa::path(
    post, path = "/api/v1/webhook-endpoints/{id}/rotate-secret", operation_id = "rotateWebhookEndpointSecret", tag = "webhook-endpoints",
    params(("id" = WebhookEndpointId, Path, description = "The endpoint's id.")),
    responses((status = 200, description = "The endpoint with its new secret.", body = WithSecret)),
)]
pub async fn rotate_secret(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<WithSecret>, ApiError> {
    let mut endpoint = find(&state, &caller, &id).await?;
    let scheme = scheme_of(&state.sealer, &endpoint.id, &endpoint.secret_sealed);
    let (credential, sealed) = new_secret(&state.sealer, &endpoint.id, scheme);
    let now = now_ms();
    let previous = std::mem::replace(&mut endpoint.secret_sealed, sealed);
    endpoint.previous_secret_expires_at = Some(now + ROTATION_GRACE_MS);
    endpoint.updated_at = now;
    state
        .store
        .rotate_endpoint_secret(
            &endpoint.id,
            &endpoint.secret_sealed,
            &previous,
            now + ROTATION_GRACE_MS,
            now,
            &caller.audit(
                "webhook_endpoint.secret_rotated",
                "webhook_endpoint",
                endpoint.id.as_str(),
            ),
        )
        .await?;
    endpoint.previous_secret_sealed = Some(previous);
    Ok(Json(WithSecret::new(
        EndpointObject::from_record(&endpoint),
        credential,
    )))
}

/// Send a test event
///
/// Queues a `webhook.test` event to this endpoint alone.
#[utoipa::path(
    post, path = "/api/v1/webhook-endpoints/{id}/test", operation_id = "sendWebhookTest", tag = "webhook-endpoints",
    params(("id" = WebhookEndpointId, Path, description = "The endpoint's id.")),
    responses((status = 202, description = "Queued.", body = Queued)),
)]
pub async fn send_test(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
) -> Result<(StatusCode, Json<Queued>), ApiError> {
    let endpoint = find(&state, &caller, &id).await?;
    refuse_if_disabled(&endpoint)?;
    let now = now_ms();
    let event_id = EventId::generate();
    let body = serde_json::json!({
        "type": "webhook.test",
        "timestamp": rfc3339(now),
        "data": { "object": "webhook_test", "endpoint_id": endpoint.id, "mode": endpoint.mode },
    })
    .to_string();
    let test = TestEvent {
        payload: state
            .sealer
            .seal(body.as_bytes(), payload_binding(&endpoint.tenant_id, None)),
        event_id,
        message_id: MessageId::generate(),
        actor: caller.actor(),
        at: now,
    };
    let audit = caller
        .audit(
            "webhook_endpoint.test_sent",
            "webhook_endpoint",
            endpoint.id.as_str(),
        )
        .details(serde_json::json!({ "message_id": test.message_id }));
    state
        .store
        .insert_test_event(&endpoint, &test, &audit)
        .await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(Queued {
            object: "webhook_delivery_queued",
            message_id: Some(test.message_id),
            count: 1,
        }),
    ))
}

/// List delivery attempts
///
/// The endpoint's attempts, newest first, with status, latency and the start of the answer.
#[utoipa::path(
    get, path = "/api/v1/webhook-endpoints/{id}/deliveries", operation_id = "listWebhookDeliveries", tag = "webhook-endpoints",
    params(("id" = WebhookEndpointId, Path, description = "The endpoint's id."), PageQuery),
    responses((status = 200, description = "Attempts, newest first; `limit` 1–1000 (default 100).", body = Page<AttemptObject>)),
)]
pub async fn deliveries(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> Result<Json<Page<AttemptObject>>, ApiError> {
    let limit = query.limit(100, 1000)?;
    let before = query.before(|id| AttemptId::parse(id).is_some())?;
    let endpoint = find(&state, &caller, &id).await?;
    let attempts = state
        .store
        .attempts_for_endpoint(&endpoint.id, before.as_ref(), limit + 1)
        .await?;
    let page = Page::from_rows(
        attempts,
        limit,
        |a| (a.attempted_at, a.id.clone()),
        |a| Ok::<_, ApiError>(AttemptObject::from(a.clone())),
    )?;
    Ok(Json(page))
}

/// Redeliver a message
///
/// Sends one message of this endpoint again, whatever its state.
#[utoipa::path(
    post, path = "/api/v1/webhook-endpoints/{id}/messages/{message_id}/redeliver", operation_id = "redeliverWebhookMessage", tag = "webhook-endpoints",
    params(
        ("id" = WebhookEndpointId, Path, description = "The endpoint's id."),
        ("message_id" = MessageId, Path, description = "The message's id (its `webhook-id`)."),
    ),
    responses((status = 202, description = "Queued.", body = Queued)),
)]
pub async fn redeliver(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath((id, message)): ApiPath<(String, String)>,
) -> Result<(StatusCode, Json<Queued>), ApiError> {
    let endpoint = find(&state, &caller, &id).await?;
    refuse_if_disabled(&endpoint)?;
    let message = MessageId::parse(&message).ok_or(ApiError::NotFound("message"))?;
    if !state
        .store
        .redeliver_message(
            &endpoint.id,
            &message,
            now_ms(),
            &caller
                .audit(
                    "webhook_message.redelivered",
                    "webhook_endpoint",
                    endpoint.id.as_str(),
                )
                .details(serde_json::json!({ "message_id": message })),
        )
        .await?
    {
        return Err(ApiError::NotFound("message"));
    }
    Ok((
        StatusCode::ACCEPTED,
        Json(Queued {
            object: "webhook_delivery_queued",
            message_id: Some(message),
            count: 1,
        }),
    ))
}

/// Redeliver failed messages
///
/// Sends every failed message of this endpoint created since a time again.
#[utoipa::path(
    post, path = "/api/v1/webhook-endpoints/{id}/redeliver-failed", operation_id = "redeliverFailedWebhookMessages", tag = "webhook-endpoints",
    params(("id" = WebhookEndpointId, Path, description = "The endpoint's id.")),
    request_body = RedeliverFailed,
    responses((status = 202, description = "Queued.", body = Queued)),
)]
pub async fn redeliver_failed(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<RedeliverFailed>,
) -> Result<(StatusCode, Json<Queued>), ApiError> {
    let endpoint = find(&state, &caller, &id).await?;
    refuse_if_disabled(&endpoint)?;
    let since =
        time::OffsetDateTime::parse(&body.since, &time::format_description::well_known::Rfc3339)
            .map_err(|_| ApiError::invalid("since", "must be an RFC 3339 time"))?;
    let since_ms = (since.unix_timestamp_nanos() / 1_000_000) as i64;
    let count = state
        .store
        .redeliver_failed_since(
            &endpoint.id,
            since_ms,
            now_ms(),
            caller.audit(
                "webhook_message.failed_redelivered",
                "webhook_endpoint",
                endpoint.id.as_str(),
            ),
        )
        .await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(Queued {
            object: "webhook_delivery_queued",
            message_id: None,
            count,
        }),
    ))
}

/// Nothing is sent to a disabled endpoint: queuing deliveries for it would only pile them up
/// unseen, so the tenant is told to re-enable it first.
fn refuse_if_disabled(endpoint: &EndpointRecord) -> Result<(), ApiError> {
    match endpoint.disabled_at {
        Some(_) => Err(ApiError::EndpointDisabled {
            reason: endpoint
                .disabled_reason
                .clone()
                .unwrap_or_else(|| "disabled".to_owned()),
        }),
        None => Ok(()),
    }
}

/// The host of a URL for the audit log, without the path and query that may carry a token.
fn url_host(url: &str) -> Option<String> {
    url::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
}
