//! The review queue, the verification list, the case view, and the actions on a case.

use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use kyra_checks::decision::Outcome;
use kyra_checks::reasons::CheckKind;
use leptos::prelude::*;

use super::session::SignedIn;
use super::views::{self, Case, Filters, Row};
use super::{page, stale_form};
use crate::ids::{DocumentId, VerificationId};
use crate::review::{self, ReviewError, Verdict, CLAIM_MS};
use crate::secrets::Mode;
use crate::state::AppState;
use crate::store::{now_ms, AuditEntry, ListFilter, VerificationRecord};
use crate::verification::{check_details, open_applicant, Status, VerificationObject};

/// Rows per page of the queue and the list.
const PAGE: i64 = 50;

/// `/console`: the cases in review, oldest first, with who works each.
pub async fn queue(State(state): State<AppState>, signed_in: SignedIn) -> Response {
    let tenant = &signed_in.operator.tenant_id;
    let (records, counts) = match tokio::try_join!(
        state.store.review_queue(tenant, PAGE),
        state.store.status_counts(tenant, None)
    ) {
        Ok(found) => found,
        Err(err) => return failed(&signed_in, err),
    };
    let ids: Vec<VerificationId> = records.iter().map(|r| r.id.clone()).collect();
    let mut claims = match state.store.claims_on(&ids, now_ms() - CLAIM_MS).await {
        Ok(claims) => claims,
        Err(err) => return failed(&signed_in, err),
    };
    let rows: Vec<Row> = records
        .iter()
        .map(|record| Row {
            object: object(&state, record),
            claim: claims.remove(&record.id),
        })
        .collect();
    let body = leptos::view! {
        {views::top_bar(&signed_in.operator, &signed_in.csrf, "queue")}
        <main id="main">
            <h1>"Review queue"</h1>
            {views::status_counts(&counts)}
            <p>"Cases the rules could not decide, oldest first. Claim a case before you work it."</p>
            {views::table(rows, true, "Nothing to review.")}
        </main>
    };
    page(StatusCode::OK, views::document("Review queue", body))
}

/// `/console/verifications`: every verification of the tenant, newest first, filtered.
pub async fn list(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Query(filters): Query<Filters>,
) -> Response {
    let (filter, mode) = match parse_filters(&filters) {
        Ok(parsed) => parsed,
        Err(text) => {
            return page(
                StatusCode::BAD_REQUEST,
                views::message(&signed_in.operator, &signed_in.csrf, "Bad filter", text),
            )
        }
    };
    let tenant = &signed_in.operator.tenant_id;
    let records = match state
        .store
        .list_verifications(tenant, mode, &filter, PAGE + 1)
        .await
    {
        Ok(records) => records,
        Err(err) => return failed(&signed_in, err),
    };
    let more = records.len() as i64 > PAGE;
    let records = &records[..records.len().min(PAGE as usize)];
    let next = more.then(|| records.last()).flatten().map(|last| {
        let query = serde_urlencoded::to_string([
            ("status", filters.status.as_str()),
            ("mode", filters.mode.as_str()),
            ("from", filters.from.as_str()),
            ("to", filters.to.as_str()),
            ("q", filters.q.as_str()),
            ("before", &format!("{}.{}", last.created_at, last.id)),
        ])
        .unwrap_or_default();
        format!("/console/verifications?{query}")
    });
    let rows = records
        .iter()
        .map(|record| Row {
            object: object(&state, record),
            claim: None,
        })
        .collect();
    let body = leptos::view! {
        {views::top_bar(&signed_in.operator, &signed_in.csrf, "verifications")}
        <main id="main">
            <h1>"Verifications"</h1>
            {views::filters_form(&filters)}
            {views::table(rows, false, "No verification matches these filters.")}
            {next.map(|href| leptos::view! { <p><a href=href rel="next">"Older verifications"</a></p> })}
        </main>
    };
    page(StatusCode::OK, views::document("Verifications", body))
}

fn parse_filters(f: &Filters) -> Result<(ListFilter, Option<Mode>), String> {
    let status = match f.status.as_str() {
        "" => None,
        s => Some(Status::parse(s).ok_or_else(|| format!("unknown status {s}"))?),
    };
    let mode = match f.mode.as_str() {
        "" => None,
        m => Some(Mode::parse(m).ok_or_else(|| format!("unknown mode {m}"))?),
    };
    let day = |text: &str, what: &str| -> Result<Option<i64>, String> {
        if text.is_empty() {
            return Ok(None);
        }
        let format = time::macros::format_description!("[year]-[month]-[day]");
        let date = time::Date::parse(text, &format)
            .map_err(|_| format!("{what} must be a date like 2026-12-31"))?;
        Ok(Some(date.midnight().assume_utc().unix_timestamp() * 1000))
    };
    let before = match f.before.split_once('.') {
        _ if f.before.is_empty() => None,
        Some((at, id)) => Some((
            at.parse()
                .map_err(|_| "the page cursor is damaged".to_owned())?,
            id.to_owned(),
        )),
        None => return Err("the page cursor is damaged".into()),
    };
    let q = f.q.trim();
    Ok((
        ListFilter {
            status,
            reference_id: (!q.is_empty()).then(|| q.to_owned()),
            created_gte: day(&f.from, "from")?,
            // `to` is inclusive: up to the end of that day.
            created_lt: day(&f.to, "to")?.map(|t| t + 86_400_000),
            before,
        },
        mode,
    ))
}

/// `/console/verifications/{id}`: everything about one case.
pub async fn case(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
) -> Response {
    render_case(&state, &signed_in, &id, StatusCode::OK, None).await
}

async fn render_case(
    state: &AppState,
    signed_in: &SignedIn,
    id: &str,
    status: StatusCode,
    error: Option<String>,
) -> Response {
    let ctx = state.context();
    let Some(id) = VerificationId::parse(id) else {
        return not_found(signed_in);
    };
    let v = match review::case_of(&ctx, &signed_in.operator, &id).await {
        Ok(v) => v,
        Err(ReviewError::NotFound) => return not_found(signed_in),
        Err(err) => return failed(signed_in, err),
    };
    let loaded = tokio::try_join!(
        state.store.checks_of_attempt(&v.id, v.attempt),
        state.store.documents_of_attempt(&v.id, v.attempt),
        state.store.verification_events(&v.id),
        state.store.reviews_of(&v.id),
        state.store.claim_of(&v.id, now_ms() - CLAIM_MS),
        state.store.consents_of(&v.id),
    );
    let (checks, documents, events, reviews, claim, consents) = match loaded {
        Ok(loaded) => loaded,
        Err(err) => return failed(signed_in, err),
    };
    let mrz = checks
        .iter()
        .find(|c| c.kind == CheckKind::Document)
        .and_then(|c| check_details(&state.sealer, c))
        .and_then(|d| d.get("mrz")?.get("fields")?.as_object().cloned());
    let reviews = reviews
        .into_iter()
        .map(|r| {
            let note = open_note(state, &v, &r);
            (r, note)
        })
        .collect();
    let operator = &signed_in.operator;
    // Opening a case shows personal data: that read is audited.
    audit_read(
        state,
        signed_in,
        "verification.viewed",
        "verification",
        v.id.as_str(),
        &v,
    )
    .await;
    let case = Case {
        object: object(state, &v).with_checks(&checks, &state.sealer),
        documents,
        events,
        reviews,
        claim,
        mrz,
        consents,
    };
    page(
        status,
        views::case_page(operator, &signed_in.csrf, case, error),
    )
}

#[derive(serde::Deserialize)]
pub struct ClaimForm {
    #[serde(default)]
    csrf: String,
}

pub async fn claim(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    Form(form): Form<ClaimForm>,
) -> Response {
    if let Some(refusal) = stale_form(&signed_in, &form.csrf) {
        return refusal;
    }
    let Some(vid) = VerificationId::parse(&id) else {
        return not_found(&signed_in);
    };
    match review::claim(&state.context(), &signed_in.operator, &vid).await {
        Ok(()) => Redirect::to(&format!("/console/verifications/{vid}")).into_response(),
        Err(err) => action_refused(&state, &signed_in, &id, err).await,
    }
}

/// The decision form. Checkbox lists arrive as repeated keys, which `Form` cannot collect, so
/// the body is read as pairs.
pub async fn decide(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Response {
    let mut csrf = String::new();
    let mut outcome = String::new();
    let mut note = String::new();
    let mut reason_codes = Vec::new();
    for (key, value) in form_urlencoded::parse(&body) {
        match key.as_ref() {
            "csrf" => csrf = value.into_owned(),
            "outcome" => outcome = value.into_owned(),
            "note" => note = value.into_owned(),
            "reason_codes" => reason_codes.push(value.into_owned()),
            _ => {}
        }
    }
    if let Some(refusal) = stale_form(&signed_in, &csrf) {
        return refusal;
    }
    let Some(vid) = VerificationId::parse(&id) else {
        return not_found(&signed_in);
    };
    let outcome = match outcome.as_str() {
        "approved" => Outcome::Approved,
        "declined_retry" => Outcome::DeclinedRetry,
        "declined_final" => Outcome::DeclinedFinal,
        _ => {
            let err = ReviewError::Invalid("choose approve or decline".into());
            return action_refused(&state, &signed_in, &id, err).await;
        }
    };
    let verdict = Verdict {
        outcome,
        reason_codes,
        note,
    };
    match review::decide(&state.context(), &signed_in.operator, &vid, &verdict, None).await {
        Ok(_) => Redirect::to(&format!("/console/verifications/{vid}")).into_response(),
        Err(err) => action_refused(&state, &signed_in, &id, err).await,
    }
}

#[derive(serde::Deserialize)]
pub struct CancelForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    note: String,
}

/// Cancels a verification the applicant has not submitted (with a note).
pub async fn cancel(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    Form(form): Form<CancelForm>,
) -> Response {
    if let Some(refusal) = stale_form(&signed_in, &form.csrf) {
        return refusal;
    }
    let Some(vid) = VerificationId::parse(&id) else {
        return not_found(&signed_in);
    };
    match review::cancel(
        &state.context(),
        &signed_in.operator,
        &vid,
        &form.note,
        None,
    )
    .await
    {
        Ok(_) => Redirect::to(&format!("/console/verifications/{vid}")).into_response(),
        Err(err) => action_refused(&state, &signed_in, &id, err).await,
    }
}

/// The case again, with why the action was refused.
async fn action_refused(
    state: &AppState,
    signed_in: &SignedIn,
    id: &str,
    err: ReviewError,
) -> Response {
    let status = match &err {
        ReviewError::NotFound => return not_found(signed_in),
        ReviewError::Forbidden => StatusCode::FORBIDDEN,
        ReviewError::ClaimedBy(_) | ReviewError::Changed | ReviewError::Refused(_) => {
            StatusCode::CONFLICT
        }
        ReviewError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
        ReviewError::Store(_) | ReviewError::Sealed(_) => return failed(signed_in, err),
    };
    render_case(state, signed_in, id, status, Some(err.to_string())).await
}

/// `/console/files/{document}`: a stored document, selfie or frame, opened for an operator of
/// its tenant. Never cached; every read is audited.
pub async fn file(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
) -> Response {
    let Some(id) = DocumentId::parse(&id) else {
        return not_found(&signed_in);
    };
    let document = match state.store.document(&id).await {
        Ok(Some(document)) => document,
        Ok(None) => return not_found(&signed_in),
        Err(err) => return failed(&signed_in, err),
    };
    let v = match review::case_of(
        &state.context(),
        &signed_in.operator,
        &document.verification_id,
    )
    .await
    {
        Ok(v) => v,
        Err(ReviewError::NotFound) => return not_found(&signed_in),
        Err(err) => return failed(&signed_in, err),
    };
    let bytes = match state.files.get(&state.sealer, &v.id, &document.id).await {
        Ok(bytes) => bytes,
        Err(err) => return failed(&signed_in, err),
    };
    audit_read(
        &state,
        &signed_in,
        "document.viewed",
        "document",
        document.id.as_str(),
        &v,
    )
    .await;
    let content_type = match document.format.as_str() {
        "jpeg" => "image/jpeg",
        "png" => "image/png",
        "webp" => "image/webp",
        "heic" => "image/heic",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    };
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CONTENT_DISPOSITION, "inline"),
        ],
        bytes,
    )
        .into_response()
}

fn object(state: &AppState, v: &VerificationRecord) -> VerificationObject {
    // An applicant that cannot be opened shows as empty rather than hiding the case.
    let applicant = open_applicant(&state.sealer, v).unwrap_or_default();
    VerificationObject::from_record(v, applicant)
}

async fn audit_read(
    state: &AppState,
    signed_in: &SignedIn,
    action: &'static str,
    target_type: &'static str,
    target_id: &str,
    v: &VerificationRecord,
) {
    let operator = &signed_in.operator;
    let entry = AuditEntry::new(
        format!("operator:{}", operator.id),
        action,
        target_type,
        target_id,
    )
    .tenant(&operator.tenant_id, Some(v.mode));
    if let Err(err) = state.store.append_audit(&entry).await {
        tracing::warn!(error = %err, "auditing a read of personal data failed");
    }
}

pub(super) fn not_found(signed_in: &SignedIn) -> Response {
    page(
        StatusCode::NOT_FOUND,
        views::message(
            &signed_in.operator,
            &signed_in.csrf,
            "Not found",
            "There is no such verification or file in your organisation.".into(),
        ),
    )
}

pub(super) fn failed(signed_in: &SignedIn, err: impl std::fmt::Display) -> Response {
    tracing::error!(error = %err, "console request failed");
    page(
        StatusCode::SERVICE_UNAVAILABLE,
        views::message(
            &signed_in.operator,
            &signed_in.csrf,
            "Something went wrong",
            "Kyra could not load this page. Try again shortly; nothing was changed.".into(),
        ),
    )
}

/// `/console/verifications/{id}/evidence.json`: one case as a JSON evidence bundle for an
/// auditor or a regulator — the verification object with its checks, every decision of the
/// rules with its evidence, every review with its note, the event timeline and the SHA-256 of
/// every file. Files themselves are not included (their hashes prove which ones were used).
pub async fn evidence(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
) -> Response {
    let Some(id) = VerificationId::parse(&id) else {
        return not_found(&signed_in);
    };
    let v = match review::case_of(&state.context(), &signed_in.operator, &id).await {
        Ok(v) => v,
        Err(ReviewError::NotFound) => return not_found(&signed_in),
        Err(err) => return failed(&signed_in, err),
    };
    let loaded = tokio::try_join!(
        state.store.checks_of_attempt(&v.id, v.attempt),
        state.store.decisions_of(&v.id),
        state.store.reviews_of(&v.id),
        state.store.verification_events(&v.id),
        state.store.documents_of(&v.id),
    );
    let (checks, decisions, reviews, events, documents) = match loaded {
        Ok(loaded) => loaded,
        Err(err) => return failed(&signed_in, err),
    };
    let at = crate::verification::rfc3339;
    let bundle = serde_json::json!({
        "object": "evidence_bundle",
        "exported_at": at(now_ms()),
        "exported_by": {
            "type": "operator",
            "id": signed_in.operator.id,
            "email": signed_in.operator.email.as_str(),
        },
        "verification": object(&state, &v).with_checks(&checks, &state.sealer),
        "decisions": decisions.iter().map(|d| serde_json::json!({
            "id": d.id,
            "attempt": d.attempt,
            "flow_version": d.flow_version,
            "attempts_left": d.attempts_left,
            "outcome": d.decision.outcome,
            "reason_codes": d.decision.reason_codes,
            "risk_flags": d.decision.risk_flags,
            "evidence": d.evidence,
            "decided_by": {"type": "rules"},
            "created_at": at(d.created_at),
        })).collect::<Vec<_>>(),
        "reviews": reviews.iter().map(|r| serde_json::json!({
            "id": r.id,
            "attempt": r.attempt,
            "outcome": r.outcome,
            "reason_codes": r.reason_codes,
            "note": open_note(&state, &v, r),
            "decided_by": {"type": "operator", "id": r.operator_id, "email": r.operator_email},
            "created_at": at(r.created_at),
        })).collect::<Vec<_>>(),
        "events": events.iter().map(|e| serde_json::json!({
            "id": e.id,
            "type": e.kind,
            "sequence": e.sequence,
            "actor": e.actor,
            "created_at": at(e.created_at),
        })).collect::<Vec<_>>(),
        "files": documents.iter().map(|d| serde_json::json!({
            "id": d.id,
            "attempt": d.attempt,
            "document_type": d.document_type,
            "side": d.side,
            "frame_index": d.frame.as_ref().map(|f| f.index),
            "format": d.format,
            "sha256": d.sha256,
            "created_at": at(d.created_at),
        })).collect::<Vec<_>>(),
    });
    audit_read(
        &state,
        &signed_in,
        "verification.exported",
        "verification",
        v.id.as_str(),
        &v,
    )
    .await;
    let body = serde_json::to_vec_pretty(&bundle).unwrap_or_default();
    let disposition = format!("attachment; filename=\"evidence-{}.json\"", v.id);
    (
        [
            (header::CONTENT_TYPE, "application/json".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response()
}

/// A review's note, opened; a note that cannot be opened says so instead of failing the page.
fn open_note(state: &AppState, v: &VerificationRecord, r: &crate::store::ReviewRecord) -> String {
    state
        .sealer
        .open(&r.note_sealed, v.id.as_str())
        .ok()
        .and_then(|n| String::from_utf8(n).ok())
        .unwrap_or_else(|| "(the note cannot be opened)".into())
}
