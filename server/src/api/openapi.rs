//! The OpenAPI 3.1 document of `/api/v1`, served at `GET /api/v1/openapi.json`.
//!
//! Operations come from the handlers' `#[utoipa::path]` annotations and schemas from the types'
//! `ToSchema` derives, so the document describes what the code serializes. What annotations
//! cannot say well is added here by modifiers, once for every operation:
//! - the two security schemes (`Authorization: Bearer` and `X-Api-Key`),
//! - the optional `Idempotency-Key` header of every POST,
//! - each operation's problem responses with the exact `code` values it can answer. Those are
//!   computed from sample [`ApiError`]s through the same `status()`/`code()` the server answers
//!   with, so a renamed code or a changed status cannot drift from the document.
//!
//! `server/tests/it/openapi.rs` checks the document against the router and real responses, and
//! `cargo xtask test` runs schemathesis against a live server with it.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use kyra_checks::file::{Detected, FileError};
use serde_json::json;
use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::path::{HttpMethod, Operation, ParameterBuilder, ParameterIn};
use utoipa::openapi::response::ResponseBuilder;
use utoipa::openapi::schema::{
    AllOfBuilder, ArrayBuilder, Object, ObjectBuilder, Schema, SchemaType, Type,
};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{Content, OpenApi as Document, Ref, RefOr, Required};
use utoipa::{Modify, OpenApi, PartialSchema, ToSchema};

use super::problem::{ApiError, Problem};
use crate::lifecycle::TransitionError;
use crate::verification::Status;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Kyra tenant API",
        version = "1",
        description = "Server-to-server API of Kyra, self-hosted identity verification: create \
verifications, follow their outcome, upload documents, screen names and manage webhook \
endpoints. Every error is `application/problem+json` with a stable `code`; each operation lists \
the codes it can answer. A guide with `curl` examples is in `docs/api.md`.",
        license(name = "MIT OR Apache-2.0"),
    ),
    paths(
        openapi_document,
        super::verifications::create,
        super::verifications::list,
        super::verifications::get,
        super::verifications::cancel,
        super::verifications::rerun,
        super::verifications::submit,
        super::verifications::new_link,
        super::verifications::events,
        super::documents::upload,
        super::applicants::compliance,
        super::webhook_endpoints::create,
        super::webhook_endpoints::list,
        super::webhook_endpoints::get,
        super::webhook_endpoints::update,
        super::webhook_endpoints::delete,
        super::webhook_endpoints::rotate_secret,
        super::webhook_endpoints::send_test,
        super::webhook_endpoints::deliveries,
        super::webhook_endpoints::redeliver,
        super::webhook_endpoints::redeliver_failed,
        crate::screening::api::create,
        crate::screening::api::list_monitored,
        crate::screening::api::unenroll,
    ),
    components(schemas(Problem, EventType, ReasonCode, crate::secrets::Mode)),
    modifiers(&Security, &IdempotencyHeader, &ProblemResponses),
    tags(
        (name = "verifications", description = "Applicant journeys and their decisions."),
        (name = "documents", description = "Documents uploaded by the tenant's backend."),
        (name = "applicants", description = "An applicant's standing across verifications."),
        (name = "screenings", description = "Sanctions and PEP name screening and monitoring."),
        (name = "webhook-endpoints", description = "Where events are delivered, and the delivery log."),
        (name = "meta", description = "This document."),
    ),
)]
struct ApiDoc;

/// The document as JSON, built once: it depends on nothing but the code.
pub fn document() -> &'static str {
    static DOCUMENT: OnceLock<String> = OnceLock::new();
    DOCUMENT.get_or_init(|| {
        let mut doc = match serde_json::to_value(ApiDoc::openapi()) {
            Ok(doc) => doc,
            Err(err) => return format!("{{\"error\":\"{err}\"}}"),
        };
        // What utoipa's builder has no words for: OpenAPI 3.1 `webhooks` and a templated server.
        doc["webhooks"] = webhooks();
        doc["servers"] = json!([{
            "url": "{public_url}",
            "description": "Your Kyra server: its `public_url` (http://127.0.0.1:8080 by default).",
            "variables": {"public_url": {"default": "http://127.0.0.1:8080"}},
        }]);
        doc.to_string()
    })
}

/// Get this OpenAPI document
///
/// No API key is needed: the document holds no tenant data.
#[utoipa::path(
    get, path = "/api/v1/openapi.json", operation_id = "getOpenApiDocument", tag = "meta",
    security(()),
    responses((status = 200, description = "The OpenAPI 3.1 document.", content_type = "application/json", body = Object)),
)]
pub async fn openapi_document() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        document(),
    )
}

/// Schemas of fields that are constant strings (`"object": "verification"`): serialized from a
/// `&'static str`, documented as the one value they take.
pub mod tag {
    use utoipa::openapi::schema::{Object, ObjectBuilder, Type};

    fn literal(value: &str) -> Object {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .enum_values(Some([value]))
            .build()
    }

    macro_rules! literals {
        ($($name:ident),* $(,)?) => {
            $(pub fn $name() -> Object { literal(stringify!($name)) })*
        };
    }

    literals!(
        verification,
        list,
        compliance,
        document,
        webhook_endpoint,
        webhook_attempt,
        webhook_delivery_queued,
        screening,
    );
}

/// The verification object example of docs/api.md.
pub fn verification_example() -> serde_json::Value {
    json!({
        "id": "vrf_01jh7x9k2q8m4c5t6v7w8y9z0a", "object": "verification", "mode": "test",
        "status": "declined", "decline_type": "retry", "attempt": 1, "attempts_left": 2,
        "next_action": "RETRY", "reason_codes": ["GLARE"], "risk_flags": [],
        "reference_id": "user_12345", "flow": {"id": "flw_01jh7x9k2q8m4c5t6v7w8y9z0b", "version": 3},
        "applicant": {"email": "ana@example.com", "first_name": "Ana", "last_name": "Silva",
                      "date_of_birth": "1990-04-12", "country": "PT"},
        "checks": [{"type": "document", "status": "failed", "reason_codes": ["GLARE"], "score": null,
                    "detail": null, "matches": null, "evidence": null},
                   {"type": "face_match", "status": "passed", "reason_codes": [], "score": 0.93,
                    "detail": null, "matches": null,
                    "evidence": {"distance": 0.34, "similarity": 0.93, "threshold": 0.5, "review_band": 0.15}},
                   {"type": "sanctions", "status": "passed", "reason_codes": [], "score": 0.12,
                    "detail": null, "matches": [], "evidence": null}],
        "face_match_confidence": 0.93,
        "decided_by": {"type": "rules"},
        "return_url": "https://app.example.com/kyc/done",
        "locale": "pt-BR", "metadata": {"order_id": "A-1234"}, "sequence": 7,
        "created_at": "2026-11-25T10:00:00Z", "submitted_at": "2026-11-25T10:03:12Z",
        "completed_at": "2026-11-25T10:03:13Z", "expires_at": "2026-11-26T10:00:00Z"
    })
}

/// `metadata` of a create request: at most 50 keys of 1–40 characters (the 8 KiB limit of the
/// serialized object has no JSON Schema keyword and is checked by the server alone).
pub fn metadata_input() -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::Object, Type::Null]))
        .max_properties(Some(50))
        .property_names(Some(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .min_length(Some(1))
                .max_length(Some(40)),
        ))
        .additional_properties(Some(RefOr::T(Schema::Object(Object::new()))))
        .build()
}

/// `checks` of a create request: a non-empty list of check types.
pub fn checks_input() -> Schema {
    Schema::Array(
        ArrayBuilder::new()
            .schema_type(SchemaType::from_iter([Type::Array, Type::Null]))
            .items(check_type())
            .min_items(Some(1))
            .build(),
    )
}

/// A check's type, as the flow and the verification object name it.
pub fn check_type() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(
            kyra_checks::reasons::CheckKind::ALL.map(|kind| kind.as_str()),
        ))
        .build()
}

/// The compliance `status`: a verification status, or `not_started`.
pub fn compliance_status() -> Object {
    let statuses = [
        Status::Pending,
        Status::InProgress,
        Status::Processing,
        Status::Approved,
        Status::Declined,
        Status::NeedsReview,
        Status::Expired,
        Status::Canceled,
    ];
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(
            statuses.iter().map(|s| s.as_str()).chain(["not_started"]),
        ))
        .build()
}

/// A check's status in the compliance view: its own result, or `pending` before it ran.
pub fn compliance_check_status() -> Object {
    use kyra_checks::decision::CheckStatus;
    let results = [
        CheckStatus::Passed,
        CheckStatus::Failed,
        CheckStatus::Review,
        CheckStatus::Error,
        CheckStatus::Skipped,
    ];
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(results.iter().map(|s| s.as_str()).chain(["pending"])))
        .build()
}

/// A reason code of the registry (`kyra_checks::reasons::REASONS`, `docs/reference.md`).
pub struct ReasonCode;

impl PartialSchema for ReasonCode {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .description(Some(
                "A code of the reason-code registry; its meaning never changes once published \
                 (docs/reference.md).",
            ))
            .enum_values(Some(kyra_checks::reasons::REASONS.iter().map(|r| r.code)))
            .into()
    }
}

impl ToSchema for ReasonCode {}

/// Every event type with when it is sent, in `EVENT_TYPES` order: the event catalogue of
/// `docs/reference.md` and the `webhooks` of the OpenAPI document.
pub const EVENT_DESCRIPTIONS: &[(&str, &str)] = &[
    ("verification.created", "A verification was created through the API."),
    ("verification.started", "The applicant gave consent and started the journey."),
    ("verification.document_uploaded", "A document was uploaded, by the journey or the API."),
    ("verification.link_issued", "A new link was issued (`POST /verifications/{id}/link`); the old one stopped working."),
    ("verification.submitted", "The attempt was submitted: everything its checks need is there."),
    ("verification.processing", "The checks are running."),
    ("verification.approved", "Decision: approved."),
    ("verification.declined", "Decision: declined, with `decline_type` `retry` or `final`."),
    ("verification.needs_review", "Decision: a person must look. Not terminal: `verification.completed` follows the reviewer's decision."),
    ("verification.rerun", "A new attempt started (`POST /verifications/{id}/rerun`)."),
    ("verification.expired", "The link expired unused."),
    ("verification.canceled", "The tenant canceled the verification."),
    ("verification.completed", "The verification reached a terminal state: approved, declined, expired or canceled."),
    ("fraud.flagged", "A fraud signal was raised (a duplicate document or face, an MRZ check-digit failure); sent before the decision event."),
    ("screening.match", "Ongoing monitoring found a new match for an enrolled subject in a newly imported list version."),
    ("webhook.test", "Sent by `POST /webhook-endpoints/{id}/test`."),
];

/// A sample delivery body of `kind`, as the dispatcher sends it.
pub fn sample_event(kind: &str) -> serde_json::Value {
    let timestamp = "2026-11-25T10:03:13.402Z";
    let data = match kind {
        "screening.match" => json!({
            "monitoring_id": "mon_01jh7x9k2q8m4c5t6v7w8y9z0c",
            "reference_id": "user_12345",
            "verification_id": "vrf_01jh7x9k2q8m4c5t6v7w8y9z0a",
            "classification": "match",
            "score": 0.97,
            "list": {"source": "ofac_sdn", "version_id": "lsv_01jh7x9k2q8m4c5t6v7w8y9z0d"},
            "entry": {"id": "22790", "source": "ofac_sdn", "schema": "person",
                      "names": ["MADURO MOROS, Nicolas"], "birth_dates": ["1962-11-23"],
                      "countries": ["VE"], "programs": ["VENEZUELA"]},
            "matched_name": "MADURO MOROS, Nicolas",
            "matched_kind": "primary",
            "explanation": {"features": [{"feature": "name", "value": 0.95, "detail": "…"}]},
        }),
        "webhook.test" => json!({
            "object": "webhook_test",
            "endpoint_id": "whe_01jh7x9k2q8m4c5t6v7w8y9z0e",
            "mode": "test",
        }),
        _ => {
            let mut v = verification_example();
            let status = match kind {
                "verification.created" | "verification.link_issued" => "pending",
                "verification.started"
                | "verification.document_uploaded"
                | "verification.rerun" => "in_progress",
                "verification.submitted" | "verification.processing" => "processing",
                "verification.approved" => "approved",
                "verification.needs_review" => "needs_review",
                "verification.expired" => "expired",
                "verification.canceled" => "canceled",
                _ => "declined",
            };
            if status != "declined" {
                v["status"] = json!(status);
                v["decline_type"] = serde_json::Value::Null;
                v["reason_codes"] = json!([]);
                v["next_action"] = json!(match status {
                    "pending" | "expired" => "START_FLOW",
                    "in_progress" => "COMPLETE_FLOW",
                    "processing" | "needs_review" => "WAIT",
                    _ => "NONE",
                });
            }
            if !matches!(status, "approved" | "declined" | "needs_review") {
                v["decided_by"] = serde_json::Value::Null;
            }
            if kind == "fraud.flagged" {
                v["reason_codes"] = json!(["DUPLICATE_APPLICANT"]);
                v["risk_flags"] = json!(["DUPLICATE_APPLICANT"]);
            }
            v
        }
    };
    json!({ "type": kind, "timestamp": timestamp, "data": data })
}

/// The OpenAPI 3.1 `webhooks` object: one `POST` per event type, with the body's schema.
fn webhooks() -> serde_json::Value {
    let mut hooks = serde_json::Map::new();
    for (kind, when) in EVENT_DESCRIPTIONS {
        let data = match *kind {
            "screening.match" => {
                json!({"type": "object", "description": "The monitored subject and the matched list entry."})
            }
            "webhook.test" => {
                json!({"type": "object", "required": ["object", "endpoint_id", "mode"],
                "properties": {"object": {"const": "webhook_test"}, "endpoint_id": {"type": "string"},
                               "mode": {"$ref": "#/components/schemas/Mode"}}})
            }
            _ => json!({"$ref": "#/components/schemas/VerificationObject"}),
        };
        let body = json!({
            "type": "object",
            "required": ["type", "timestamp", "data"],
            "properties": {
                "type": {"const": kind},
                "timestamp": {"type": "string", "format": "date-time"},
                "data": data,
            },
        });
        hooks.insert(
            (*kind).to_owned(),
            json!({"post": {
                "operationId": format!("webhook_{}", kind.replace('.', "_")),
                "summary": when,
                "description": "Signed per Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature` (docs/webhooks.md).",
                "requestBody": {"required": true, "content": {"application/json": {
                    "schema": body, "example": sample_event(kind)}}},
                "responses": {"2XX": {"description": "Delivered. Anything else is retried (about three days)."}},
            }}),
        );
    }
    serde_json::Value::Object(hooks)
}

/// A webhook event type (the server's `EVENT_TYPES`).
pub struct EventType;

impl PartialSchema for EventType {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .enum_values(Some(crate::webhooks::EVENT_TYPES.iter().copied()))
            .into()
    }
}

impl ToSchema for EventType {}

/// `Authorization: Bearer kyra_…` or `X-Api-Key: kyra_…`; either is enough.
struct Security;

impl Modify for Security {
    fn modify(&self, doc: &mut Document) {
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("kyra_test_… or kyra_live_…")
                    .description(Some("An API key as a bearer token."))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "api_key",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "X-Api-Key",
                "The same API key in its own header.",
            ))),
        );
        doc.security = Some(vec![
            utoipa::openapi::security::SecurityRequirement::new("bearer", Vec::<String>::new()),
            utoipa::openapi::security::SecurityRequirement::new("api_key", Vec::<String>::new()),
        ]);
        // The document itself is public: no requirement at all (`[]`), not "any of".
        for (_, _, op) in operations(doc) {
            if op.operation_id.as_deref() == Some("getOpenApiDocument") {
                op.security = Some(Vec::new());
            }
        }
    }
}

/// Every POST takes an optional `Idempotency-Key` (see `api::idempotency`).
struct IdempotencyHeader;

impl Modify for IdempotencyHeader {
    fn modify(&self, doc: &mut Document) {
        for (_, method, op) in operations(doc) {
            if method != HttpMethod::Post {
                continue;
            }
            let param = ParameterBuilder::new()
                .name("Idempotency-Key")
                .parameter_in(ParameterIn::Header)
                .required(Required::False)
                .description(Some(
                    "Makes the POST safe to retry: for 24 hours the same key with the same \
                     request replays the first answer (marked `Idempotent-Replayed: true`); the \
                     same key with another request is `422 idempotency_key_reused`.",
                ))
                .schema(Some(
                    ObjectBuilder::new()
                        .schema_type(Type::String)
                        .min_length(Some(1))
                        .max_length(Some(255))
                        .pattern(Some("^[\\u0021-\\u007E]+$")),
                ))
                .build();
            op.parameters.get_or_insert_with(Vec::new).push(param);
        }
    }
}

/// What can go wrong in an operation, by family; see [`errors_of`].
fn auth_errors() -> Vec<ApiError> {
    vec![
        ApiError::MissingApiKey,
        ApiError::AuthScheme {
            sent: "sample".into(),
        },
        ApiError::InvalidApiKey,
        ApiError::RevokedApiKey,
        ApiError::BrowserOrigin,
        ApiError::RateLimited { retry_after: 1 },
        ApiError::Unavailable,
        ApiError::Internal("sample".into()),
    ]
}

fn idempotency_errors() -> Vec<ApiError> {
    vec![
        ApiError::invalid("Idempotency-Key", "sample"),
        ApiError::IdempotencyKeyReused,
        ApiError::IdempotencyInFlight,
        ApiError::PayloadTooLarge { limit: 0 },
    ]
}

fn json_body_errors() -> Vec<ApiError> {
    vec![
        ApiError::MalformedJson("sample".into()),
        ApiError::UnsupportedMediaType,
        ApiError::UnsupportedContentEncoding("sample".into()),
        ApiError::PayloadTooLarge { limit: 0 },
        ApiError::invalid("sample", "sample"),
        ApiError::UnknownField {
            field: "sample".into(),
        },
    ]
}

fn transition_errors() -> Vec<ApiError> {
    vec![
        ApiError::InvalidTransition(TransitionError {
            action: "sample",
            from: Status::Approved,
            why: "sample",
        }),
        ApiError::ConcurrentChange,
    ]
}

fn upload_errors() -> Vec<ApiError> {
    let file = [
        FileError::Empty,
        FileError::TooLarge {
            limit: 0,
            actual: 0,
        },
        FileError::Unsupported {
            detected: Detected::Gif,
        },
        FileError::Truncated,
        FileError::TooManyPixels {
            width: 0,
            height: 0,
            limit: 0,
        },
        FileError::DecodeFailed("sample".into()),
    ];
    let mut errors: Vec<ApiError> = file.into_iter().map(ApiError::File).collect();
    errors.extend([
        ApiError::MalformedMultipart,
        ApiError::UnsupportedMultipart,
        ApiError::PayloadTooLarge { limit: 0 },
        ApiError::invalid("sample", "sample"),
        ApiError::UnknownField {
            field: "sample".into(),
        },
    ]);
    errors
}

fn not_found() -> ApiError {
    ApiError::NotFound("sample")
}

/// The errors an operation can answer beyond those of its family (authentication, the
/// idempotency of POSTs, a JSON body). `None` for an operation this table does not know, which
/// the unit test below refuses: a new route must say what it can answer.
fn specific_errors(operation_id: &str) -> Option<Vec<ApiError>> {
    let invalid = || ApiError::invalid("sample", "sample");
    // A query string (`ApiQuery`): a bad value, or a parameter the operation does not know.
    let query = || {
        vec![
            invalid(),
            ApiError::UnknownField {
                field: "sample".into(),
            },
        ]
    };
    Some(match operation_id {
        "getOpenApiDocument" | "createVerification" | "createWebhookEndpoint" => vec![],
        "listWebhookEndpoints" | "listMonitoredSubjects" | "listVerifications" => query(),
        "getApplicantCompliance" => vec![not_found(), invalid()],
        "getVerification"
        | "listVerificationEvents"
        | "getWebhookEndpoint"
        | "updateWebhookEndpoint"
        | "deleteWebhookEndpoint"
        | "rotateWebhookEndpointSecret" => vec![not_found()],
        "sendWebhookTest" | "redeliverWebhookMessage" | "redeliverFailedWebhookMessages" => {
            vec![
                not_found(),
                ApiError::EndpointDisabled {
                    reason: "sample".into(),
                },
            ]
        }
        "listWebhookDeliveries" => {
            let mut errors = query();
            errors.push(not_found());
            errors
        }
        "cancelVerification" | "rerunVerification" | "issueVerificationLink" => {
            let mut errors = transition_errors();
            errors.push(not_found());
            errors
        }
        "submitVerification" => {
            let mut errors = transition_errors();
            errors.push(not_found());
            errors.push(ApiError::DocumentRequired);
            errors.push(ApiError::SelfieRequired);
            errors.push(ApiError::LivenessRequired);
            errors
        }
        "uploadDocument" => {
            let mut errors = upload_errors();
            errors.extend(transition_errors());
            errors.push(not_found());
            errors
        }
        "createScreening" => vec![not_found(), ApiError::ScreeningUnavailable],
        "unenrollMonitoredSubject" => vec![not_found()],
        _ => return None,
    })
}

/// Every error `op` can answer.
fn errors_of(method: HttpMethod, op: &Operation) -> Vec<ApiError> {
    let mut errors = Vec::new();
    let public = op.security.as_ref().is_some_and(Vec::is_empty);
    if !public {
        errors.extend(auth_errors());
    }
    if method == HttpMethod::Post {
        errors.extend(idempotency_errors());
    }
    let json_body = op
        .request_body
        .as_ref()
        .is_some_and(|body| body.content.contains_key("application/json"));
    if json_body {
        errors.extend(json_body_errors());
    }
    let id = op.operation_id.as_deref().unwrap_or_default();
    errors.extend(specific_errors(id).unwrap_or_default());
    errors
}

/// Adds, to every operation, one problem+json response per status it can answer, whose `code` is
/// one of the exact codes that status carries there.
struct ProblemResponses;

impl Modify for ProblemResponses {
    fn modify(&self, doc: &mut Document) {
        for (_, method, op) in operations(doc) {
            let mut by_status: BTreeMap<u16, (StatusCode, &'static str, Vec<&'static str>)> =
                BTreeMap::new();
            for error in errors_of(method, op) {
                let status = error.status();
                let entry = by_status
                    .entry(status.as_u16())
                    .or_insert_with(|| (status, error.title(), Vec::new()));
                if !entry.2.contains(&error.code()) {
                    entry.2.push(error.code());
                }
            }
            for (code, (status, title, codes)) in by_status {
                let mut response = ResponseBuilder::new()
                    .description(format!("{title}: `{}`.", codes.join("`, `")))
                    .content("application/problem+json", problem_content(&codes));
                if status == StatusCode::UNAUTHORIZED {
                    response = response.header(
                        "WWW-Authenticate",
                        HeaderBuilder::new()
                            .schema(ObjectBuilder::new().schema_type(Type::String))
                            .description(Some("`Bearer realm=\"kyra\"`"))
                            .build(),
                    );
                }
                if status == StatusCode::TOO_MANY_REQUESTS
                    || status == StatusCode::SERVICE_UNAVAILABLE
                {
                    response = response.header(
                        "Retry-After",
                        HeaderBuilder::new()
                            .schema(ObjectBuilder::new().schema_type(Type::Integer))
                            .description(Some("Seconds to wait before retrying."))
                            .build(),
                    );
                }
                op.responses
                    .responses
                    .insert(code.to_string(), RefOr::T(response.build()));
            }
        }
    }
}

/// `Problem` with its `code` narrowed to `codes` (and `status` to the one status).
fn problem_content(codes: &[&str]) -> Content {
    let narrowed = ObjectBuilder::new().property(
        "code",
        ObjectBuilder::new()
            .schema_type(Type::String)
            .enum_values(Some(codes.iter().copied())),
    );
    let schema = AllOfBuilder::new()
        .item(Ref::from_schema_name("Problem"))
        .item(narrowed)
        .build();
    Content::new(Some(Schema::AllOf(schema)))
}

/// Every operation of the document with its path and method.
fn operations(doc: &mut Document) -> Vec<(String, HttpMethod, &mut Operation)> {
    let mut out = Vec::new();
    for (path, item) in doc.paths.paths.iter_mut() {
        let methods = [
            (HttpMethod::Get, &mut item.get),
            (HttpMethod::Post, &mut item.post),
            (HttpMethod::Put, &mut item.put),
            (HttpMethod::Patch, &mut item.patch),
            (HttpMethod::Delete, &mut item.delete),
        ];
        for (method, op) in methods {
            if let Some(op) = op.as_mut() {
                out.push((path.clone(), method, op));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_says_which_errors_it_answers() {
        let doc = ApiDoc::openapi();
        for (path, item) in &doc.paths.paths {
            for op in [&item.get, &item.post, &item.put, &item.patch, &item.delete]
                .into_iter()
                .flatten()
            {
                let id = op.operation_id.as_deref().unwrap_or_default();
                assert!(
                    specific_errors(id).is_some(),
                    "{path}: operation `{id}` has no entry in specific_errors"
                );
            }
        }
    }

    #[test]
    fn documented_document_types_are_the_accepted_ones() {
        let doc: serde_json::Value =
            serde_json::from_str(document()).expect("the document is JSON");
        let documented: Vec<&str> = doc["components"]["schemas"]["DocumentType"]["enum"]
            .as_array()
            .expect("DocumentType is an enum")
            .iter()
            .filter_map(|v| v.as_str())
            .collect();
        assert_eq!(documented, super::super::documents::DOCUMENT_TYPES);
    }

    #[test]
    fn the_document_is_openapi_3_1_json() {
        let doc: serde_json::Value =
            serde_json::from_str(document()).expect("the document is JSON");
        assert_eq!(doc["openapi"], "3.1.0");
        assert!(doc["components"]["schemas"]["Problem"].is_object());
    }
}
