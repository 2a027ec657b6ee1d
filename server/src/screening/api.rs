//! `POST /api/v1/screenings` (one subject or a batch, optionally enrolled in monitoring),
//! `GET /api/v1/screenings/monitored` and `DELETE /api/v1/screenings/monitored/{id}`.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use clap::ValueEnum;
use kyra_checks::screening::{
    BirthDate, Classification, Explanation, Hit, ListEntry, NameKind, Schema, ScreeningIndex,
    SearchOptions, Subject, Thresholds, Topic,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::monitor::MonitoredSubject;
use crate::api::page::{Page, PageQuery};
use crate::api::{ApiError, ApiJson, ApiPath, ApiQuery, Caller};
use crate::ids::{ListVersionId, MonitoredId, VerificationId};
use crate::secrets::Mode;
use crate::state::AppState;
use crate::store::{now_ms, MonitoredRecord, Unenrollment};
use crate::verification::rfc3339;

/// Most subjects per request: large enough for batch back-office runs, small enough that one
/// request stays well under a second of CPU.
pub const MAX_BATCH: usize = 1_000;
/// Body limit of this route (a full batch with long names is far above the API default).
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;
const MAX_NAME_CHARS: usize = 300;

/// A subject as callers write it: plain strings, validated by [`SubjectInput::into_subject`].
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubjectInput {
    pub name: String,
    #[serde(default)]
    pub schema: Option<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default)]
    pub birth_date: Option<String>,
    #[serde(default)]
    pub country: Option<String>,
}

/// A field of a subject that is not acceptable.
#[derive(Debug, thiserror::Error)]
#[error("{field}: {detail}")]
pub struct SubjectError {
    pub field: &'static str,
    pub detail: String,
}

impl SubjectInput {
    pub fn into_subject(self) -> Result<Subject, SubjectError> {
        let name = self.name.trim().to_owned();
        if name.is_empty() {
            return Err(SubjectError {
                field: "name",
                detail: "must not be empty".into(),
            });
        }
        if name.chars().count() > MAX_NAME_CHARS {
            return Err(SubjectError {
                field: "name",
                detail: format!("must be at most {MAX_NAME_CHARS} characters"),
            });
        }
        let schema = match self.schema.as_deref().map(str::trim) {
            None | Some("") => Schema::Unknown,
            Some(s) => match Schema::parse_loose(s) {
                Schema::Unknown if !s.eq_ignore_ascii_case("unknown") => {
                    return Err(SubjectError {
                        field: "schema",
                        detail: format!(
                            "unknown schema {s:?}; use person, organization, vessel or aircraft"
                        ),
                    })
                }
                schema => schema,
            },
        };
        let birth_date = match self.birth_date.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(d) => Some(BirthDate::parse(d).ok_or_else(|| SubjectError {
                field: "birth_date",
                detail: format!("{d:?} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"),
            })?),
        };
        let country = self
            .country
            .map(|c| c.trim().to_owned())
            .filter(|c| !c.is_empty());
        Ok(Subject {
            name,
            schema,
            birth_date,
            country,
        })
    }
}

/// `--topic` / `"topic"`: restrict to sanctions or PEP entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ValueEnum, utoipa::ToSchema)]
#[schema(as = ScreeningTopic)]
#[serde(rename_all = "snake_case")]
pub enum TopicArg {
    Sanction,
    Pep,
    Other,
}

impl From<TopicArg> for Topic {
    fn from(t: TopicArg) -> Topic {
        match t {
            TopicArg::Sanction => Topic::Sanction,
            TopicArg::Pep => Topic::Pep,
            TopicArg::Other => Topic::Other,
        }
    }
}

/// One subject of a batch, with the caller's reference.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BatchSubject {
    /// The name to screen, 1–300 characters.
    #[schema(max_length = 300)]
    pub name: String,
    /// `person`, `organization`, `vessel`, `aircraft` or `unknown` (common synonyms such as
    /// `individual` or `entity` are understood).
    #[serde(default)]
    pub schema: Option<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default)]
    pub birth_date: Option<String>,
    /// Country name or code, compared loosely with the list's countries.
    #[serde(default)]
    pub country: Option<String>,
    /// The tenant's own reference of the subject: 1–200 characters, no control characters.
    #[serde(default)]
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[^\u0000-\u001F\u007F-\u009F]+$"
    )]
    pub reference_id: Option<String>,
    /// A verification of the caller to link the result to.
    #[serde(default)]
    #[schema(value_type = Option<VerificationId>)]
    pub verification_id: Option<String>,
}

/// Either one subject inline (`name`, …) or `subjects: […]`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "Ana Silva", "birth_date": "1990-04-12", "country": "PT", "reference_id": "user_12345"}))]
pub struct ScreeningRequest {
    /// One subject's name (1–300 characters); or send `subjects`.
    #[serde(default)]
    #[schema(max_length = 300)]
    pub name: Option<String>,
    /// As in a batch subject.
    #[serde(default)]
    pub schema: Option<String>,
    #[serde(default)]
    pub birth_date: Option<String>,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[^\u0000-\u001F\u007F-\u009F]+$"
    )]
    pub reference_id: Option<String>,
    #[serde(default)]
    #[schema(value_type = Option<VerificationId>)]
    pub verification_id: Option<String>,
    /// A batch of 1–1,000 subjects, instead of the inline one.
    #[serde(default)]
    #[schema(min_items = 1, max_items = 1000)]
    pub subjects: Option<Vec<BatchSubject>>,
    /// Enroll the subjects in ongoing monitoring.
    #[serde(default)]
    pub monitor: bool,
    /// Only entries of this topic.
    #[serde(default)]
    pub topic: Option<TopicArg>,
    /// Hits per subject (1–50, default 10).
    #[serde(default)]
    #[schema(minimum = 1, maximum = 50)]
    pub limit: Option<usize>,
}

/// The answer of `POST /screenings`: one result per subject, and what it was screened against.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ScreeningResponse {
    #[schema(schema_with = crate::api::openapi::tag::screening)]
    object: &'static str,
    mode: Mode,
    thresholds: ThresholdsView,
    lists: Vec<ListView>,
    results: Vec<SubjectResult>,
}

/// The flow's score cut-offs: `review` and above needs a human, `match` and above is a match.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ThresholdsView {
    review: f64,
    #[serde(rename = "match")]
    match_: f64,
}

/// One list version the index was built from.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ListView {
    /// `ofac_sdn`, `ofac_cons`, `un_sc`, `eu_fsf`, `uk_ofsi` or `opensanctions`.
    source: String,
    version_id: ListVersionId,
    /// When the publisher says the list was published, as RFC 3339 (a date, or a date-time when
    /// the list gives one); `null` when the list says nothing parseable.
    published: Option<String>,
}

/// The screening of one subject.
#[derive(Serialize, utoipa::ToSchema)]
pub struct SubjectResult {
    reference_id: Option<String>,
    verification_id: Option<VerificationId>,
    name: String,
    /// The best hit's classification, `clear` without hits.
    classification: Classification,
    hits: Vec<HitView>,
    /// Set when the subject was enrolled in monitoring.
    monitoring_id: Option<MonitoredId>,
}

/// The API shape of a hit: score, classification, the whole entry, and the explanation.
#[derive(Serialize, utoipa::ToSchema)]
pub struct HitView {
    /// In [0, 1], four decimals.
    score: f64,
    classification: Classification,
    entry: Option<ListEntry>,
    /// The list name (primary or alias) that matched best, as published.
    matched_name: String,
    matched_kind: NameKind,
    explanation: Explanation,
}

impl ScreeningRequest {
    fn into_subjects(self) -> Result<Vec<BatchSubject>, ApiError> {
        match (self.subjects, self.name) {
            (Some(_), Some(_)) => Err(ApiError::invalid(
                "subjects",
                "send either one subject (`name`, …) or `subjects`, not both",
            )),
            (None, None) => Err(ApiError::invalid(
                "name",
                "a subject `name` (or a `subjects` array) is required",
            )),
            (Some(list), None) => {
                let inline = [&self.schema, &self.birth_date, &self.country]
                    .iter()
                    .any(|f| f.is_some())
                    || self.reference_id.is_some()
                    || self.verification_id.is_some();
                if inline {
                    return Err(ApiError::invalid(
                        "subjects",
                        "with `subjects`, put subject fields inside each subject",
                    ));
                }
                if list.is_empty() {
                    return Err(ApiError::invalid("subjects", "must not be empty"));
                }
                if list.len() > MAX_BATCH {
                    return Err(ApiError::invalid(
                        "subjects",
                        format!(
                            "at most {MAX_BATCH} subjects per request (got {})",
                            list.len()
                        ),
                    ));
                }
                Ok(list)
            }
            (None, Some(name)) => Ok(vec![BatchSubject {
                name,
                schema: self.schema,
                birth_date: self.birth_date,
                country: self.country,
                reference_id: self.reference_id,
                verification_id: self.verification_id,
            }]),
        }
    }
}

/// A validated subject of this request.
struct Prepared {
    subject: Subject,
    reference_id: Option<String>,
    verification_id: Option<VerificationId>,
}

/// Screen names
///
/// Against the imported sanctions and PEP lists, one subject or a batch, optionally enrolling
/// them in ongoing monitoring. `503 screening_lists_unavailable` until an operator imports a list.
#[utoipa::path(
    post, path = "/api/v1/screenings", operation_id = "createScreening", tag = "screenings",
    request_body = ScreeningRequest,
    responses((status = 200, description = "One result per subject.", body = ScreeningResponse)),
)]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<ScreeningRequest>,
) -> Result<(StatusCode, Json<ScreeningResponse>), ApiError> {
    let monitor = body.monitor;
    let topic = body.topic.map(Topic::from);
    let limit = body.limit.unwrap_or(10);
    if !(1..=50).contains(&limit) {
        return Err(ApiError::invalid("limit", "must be between 1 and 50"));
    }
    let batch = body.into_subjects()?;
    let is_batch = batch.len() > 1;
    let mut prepared = Vec::with_capacity(batch.len());
    for (i, s) in batch.into_iter().enumerate() {
        let at = |field: &str| {
            if is_batch {
                format!("subjects[{i}].{field}")
            } else {
                field.to_owned()
            }
        };
        if let Some(r) = &s.reference_id {
            // Stored with a monitored subject: PostgreSQL refuses NUL in text.
            if r.is_empty() || r.chars().count() > 200 || r.chars().any(char::is_control) {
                return Err(ApiError::invalid(
                    at("reference_id"),
                    "must be 1 to 200 characters, without control characters",
                ));
            }
        }
        let verification_id = match &s.verification_id {
            None => None,
            Some(v) => Some(VerificationId::parse(v).ok_or_else(|| {
                ApiError::invalid(at("verification_id"), "not a verification id (`vrf_…`)")
            })?),
        };
        if let Some(v) = &verification_id {
            // Only the caller's own verifications can be linked.
            state
                .store
                .verification_for_tenant(&caller.tenant_id, caller.mode, v)
                .await?
                .ok_or(ApiError::NotFound("verification"))?;
        }
        let subject = SubjectInput {
            name: s.name,
            schema: s.schema,
            birth_date: s.birth_date,
            country: s.country,
        }
        .into_subject()
        .map_err(|e| ApiError::invalid(at(e.field), e.detail))?;
        prepared.push(Prepared {
            subject,
            reference_id: s.reference_id,
            verification_id,
        });
    }
    let flow = state
        .store
        .flow(&caller.flow_id)
        .await?
        .ok_or(ApiError::NotFound("flow"))?;
    let thresholds = flow.config.screening.thresholds();
    let loaded = state.screening.current();
    if loaded.versions.is_empty() {
        return Err(ApiError::ScreeningUnavailable);
    }

    let opts = SearchOptions {
        limit,
        min_score: thresholds.review(),
        topic,
        ..SearchOptions::default()
    };
    let subjects: Vec<Subject> = prepared.iter().map(|p| p.subject.clone()).collect();
    let worker = loaded.clone();
    // A batch is up to a second of CPU: keep it off the async workers.
    let all_hits = tokio::task::spawn_blocking(move || {
        subjects
            .iter()
            .map(|s| worker.index.screen(s, &opts))
            .collect::<Vec<_>>()
    })
    .await
    .map_err(|e| ApiError::Internal(Box::new(e)))?;

    let mut results = Vec::with_capacity(prepared.len());
    for (p, hits) in prepared.into_iter().zip(all_hits) {
        let classification = hits
            .first()
            .map_or(Classification::Clear, |h| thresholds.classify(h.score));
        let monitoring_id = if monitor {
            let id = MonitoredId::generate();
            let sealed = MonitoredSubject {
                subject: p.subject.clone(),
                thresholds,
            }
            .seal(&state.sealer, &id);
            state
                .store
                .insert_monitored(&MonitoredRecord {
                    id: id.clone(),
                    tenant_id: caller.tenant_id.clone(),
                    mode: caller.mode,
                    verification_id: p.verification_id.clone(),
                    reference_id: p.reference_id.clone(),
                    sealed_subject: sealed,
                    created_at: now_ms(),
                    unenrolled_at: None,
                })
                .await?;
            Some(id)
        } else {
            None
        };
        results.push(SubjectResult {
            reference_id: p.reference_id,
            verification_id: p.verification_id,
            name: p.subject.name,
            classification,
            hits: hits
                .iter()
                .map(|h| HitView::new(&loaded.index, h, &thresholds))
                .collect(),
            monitoring_id,
        });
    }
    let lists = loaded
        .versions
        .iter()
        .map(|v| ListView {
            source: v.source.clone(),
            version_id: v.id.clone(),
            published: v
                .published
                .as_deref()
                .and_then(|raw| super::published_rfc3339(&v.source, raw)),
        })
        .collect();
    Ok((
        StatusCode::OK,
        Json(ScreeningResponse {
            object: "screening",
            mode: caller.mode,
            thresholds: ThresholdsView {
                review: thresholds.review(),
                match_: thresholds.match_threshold(),
            },
            lists,
            results,
        }),
    ))
}

impl HitView {
    fn new(index: &ScreeningIndex, h: &Hit, thresholds: &Thresholds) -> HitView {
        HitView {
            score: (h.score * 10_000.0).round() / 10_000.0,
            classification: thresholds.classify(h.score),
            entry: index.entries().get(h.entry).cloned(),
            matched_name: h.matched_name.clone(),
            matched_kind: h.matched_kind,
            explanation: h.explanation.clone(),
        }
    }
}

/// The API shape of a hit, as JSON (the CLI prints the same shape as the API).
pub fn hit_json(index: &ScreeningIndex, h: &Hit, thresholds: &Thresholds) -> Value {
    serde_json::to_value(HitView::new(index, h, thresholds)).unwrap_or_default()
}

/// A subject under monitoring, as the API shows it (the sealed subject opened).
#[derive(Serialize, utoipa::ToSchema)]
pub struct MonitoredView {
    object: &'static str,
    id: MonitoredId,
    reference_id: Option<String>,
    verification_id: Option<VerificationId>,
    name: String,
    birth_date: Option<String>,
    country: Option<String>,
    #[schema(format = DateTime)]
    created_at: String,
    /// `null` while monitored.
    unenrolled_at: Option<String>,
}

impl MonitoredView {
    fn open(state: &AppState, r: MonitoredRecord) -> Result<MonitoredView, ApiError> {
        let m = MonitoredSubject::open(&state.sealer, &r)
            .map_err(|e| ApiError::Internal(Box::new(e)))?;
        Ok(MonitoredView {
            object: "monitored_subject",
            id: r.id,
            reference_id: r.reference_id,
            verification_id: r.verification_id,
            name: m.subject.name,
            birth_date: m.subject.birth_date.map(|d| d.to_string()),
            country: m.subject.country,
            created_at: rfc3339(r.created_at),
            unenrolled_at: r.unenrolled_at.map(rfc3339),
        })
    }
}

/// List monitored subjects
///
/// The caller's subjects under ongoing monitoring, newest first.
#[utoipa::path(
    get, path = "/api/v1/screenings/monitored", operation_id = "listMonitoredSubjects", tag = "screenings",
    params(PageQuery),
    responses((status = 200, description = "Monitored subjects, newest first; `limit` 1–1000 (default 100).", body = Page<MonitoredView>)),
)]
pub async fn list_monitored(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> Result<Json<Page<MonitoredView>>, ApiError> {
    let limit = query.limit(100, 1000)?;
    let before = query.before(|id| MonitoredId::parse(id).is_some())?;
    let rows = state
        .store
        .monitored_for_tenant(&caller.tenant_id, caller.mode, before.as_ref(), limit + 1)
        .await?;
    let page = Page::from_rows(
        rows,
        limit,
        |r| (r.created_at, r.id.to_string()),
        |r| MonitoredView::open(&state, r.clone()),
    )?;
    Ok(Json(page))
}

/// Stop monitoring a subject
///
/// Later list imports no longer screen it. The row is kept with the time, the API key and the
/// request id (audit trail), so the answer shows `unenrolled_at`; a repeated call answers the
/// same. Ids of other tenants or of the other mode are `404`, exactly like ids that never existed.
#[utoipa::path(
    delete, path = "/api/v1/screenings/monitored/{id}", operation_id = "unenrollMonitoredSubject", tag = "screenings",
    params(("id" = MonitoredId, Path, description = "The monitored subject's id.")),
    responses((status = 200, description = "The subject, no longer monitored.", body = MonitoredView)),
)]
pub async fn unenroll(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<MonitoredView>, ApiError> {
    let id = MonitoredId::parse(&id).ok_or(ApiError::NotFound("monitored subject"))?;
    let actor = caller.actor();
    let record = state
        .store
        .unenroll_monitored(
            &caller.tenant_id,
            caller.mode,
            &id,
            &Unenrollment {
                actor: &actor,
                request_id: caller.request_id.as_deref(),
                at: now_ms(),
            },
        )
        .await?
        .ok_or(ApiError::NotFound("monitored subject"))?;
    Ok(Json(MonitoredView::open(&state, record)?))
}
