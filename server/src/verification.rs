//! The verification: its status model and the one JSON shape the API, webhooks and docs share.

use serde::{Deserialize, Serialize};

use crate::crypto::{CryptoError, Sealer};
use crate::ids::{FlowId, VerificationId};
use crate::secrets::Mode;
use crate::store::{payload_binding, NewEvent, VerificationRecord};
use kyra_checks::reasons::CheckKind;

/// The status model (docs/api.md, *The verification object*): `pending → in_progress → processing → approved | declined | needs_review`, plus
/// `expired` and `canceled`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Pending,
    InProgress,
    Processing,
    Approved,
    Declined,
    NeedsReview,
    Expired,
    Canceled,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::InProgress => "in_progress",
            Status::Processing => "processing",
            Status::Approved => "approved",
            Status::Declined => "declined",
            Status::NeedsReview => "needs_review",
            Status::Expired => "expired",
            Status::Canceled => "canceled",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Some(match s {
            "pending" => Status::Pending,
            "in_progress" => Status::InProgress,
            "processing" => Status::Processing,
            "approved" => Status::Approved,
            "declined" => Status::Declined,
            "needs_review" => Status::NeedsReview,
            "expired" => Status::Expired,
            "canceled" => Status::Canceled,
            _ => return None,
        })
    }

    /// Whether the applicant can still act on the link.
    pub fn accepts_applicant(self) -> bool {
        matches!(self, Status::Pending | Status::InProgress)
    }

    /// Whether nothing will change any more without a rerun.
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            Status::Approved | Status::Declined | Status::Expired | Status::Canceled
        )
    }

    /// What the tenant should do next.
    pub fn next_action(self, decline_type: Option<DeclineType>, attempts_left: i64) -> NextAction {
        match self {
            Status::Declined if decline_type == Some(DeclineType::Retry) && attempts_left > 0 => {
                NextAction::Retry
            }
            Status::Pending => NextAction::StartFlow,
            Status::InProgress => NextAction::CompleteFlow,
            Status::Processing | Status::NeedsReview => NextAction::Wait,
            Status::Approved | Status::Canceled => NextAction::None,
            Status::Declined => NextAction::ContactSupport,
            // The link is dead: the tenant starts a new verification for the applicant.
            Status::Expired => NextAction::StartFlow,
        }
    }
}

/// Whether a declined applicant may try again.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DeclineType {
    Retry,
    Final,
}

impl DeclineType {
    pub fn as_str(self) -> &'static str {
        match self {
            DeclineType::Retry => "retry",
            DeclineType::Final => "final",
        }
    }

    pub fn parse(s: &str) -> Option<DeclineType> {
        match s {
            "retry" => Some(DeclineType::Retry),
            "final" => Some(DeclineType::Final),
            _ => None,
        }
    }
}

/// Who took a verification's current outcome: the flow's rules, or an operator in the console
/// (`{"type": "operator", "id": "opr_…"}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum DecidedBy {
    Rules,
    Operator { id: crate::ids::OperatorId },
}

impl DecidedBy {
    /// The stored form: `rules` or `operator:opr_…`.
    pub fn to_text(&self) -> String {
        match self {
            DecidedBy::Rules => "rules".to_owned(),
            DecidedBy::Operator { id } => format!("operator:{id}"),
        }
    }

    pub fn parse(text: &str) -> Option<DecidedBy> {
        match text.split_once(':') {
            None if text == "rules" => Some(DecidedBy::Rules),
            Some(("operator", id)) => Some(DecidedBy::Operator {
                id: crate::ids::OperatorId::parse(id)?,
            }),
            _ => None,
        }
    }
}

/// One machine-readable hint for the tenant's backend (docs/api.md, `next_action`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum NextAction {
    None,
    StartFlow,
    CompleteFlow,
    Retry,
    UploadDocument,
    UpdateProfile,
    Wait,
    ContactSupport,
}

/// Where the applicant is inside the hosted journey. Stored as free text in the `step` column,
/// so a step can carry the applicant's earlier answers (the chosen document) without a schema
/// change. Processing and the outcome are not steps: they follow from the status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JourneyStep {
    Welcome,
    /// Consent given: the applicant chooses a document.
    Document,
    /// A document was chosen: the applicant uploads its sides (then reviews and submits).
    Upload(DocumentChoice),
}

/// The identity document an applicant said they would upload.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentChoice {
    /// One of [`crate::flow::IDENTITY_DOCUMENTS`].
    pub document_type: String,
    /// ISO 3166-1 alpha-2 code of the issuing country.
    pub country: String,
}

impl JourneyStep {
    pub fn as_text(&self) -> String {
        match self {
            JourneyStep::Welcome => "welcome".into(),
            JourneyStep::Document => "document".into(),
            JourneyStep::Upload(c) => format!("upload:{}:{}", c.document_type, c.country),
        }
    }

    pub fn parse(s: &str) -> Option<JourneyStep> {
        match s {
            "welcome" => Some(JourneyStep::Welcome),
            "document" => Some(JourneyStep::Document),
            _ => {
                let mut parts = s.strip_prefix("upload:")?.split(':');
                let (document_type, country) = (parts.next()?, parts.next()?);
                if parts.next().is_some() {
                    return None;
                }
                Some(JourneyStep::Upload(DocumentChoice {
                    document_type: document_type.to_owned(),
                    country: country.to_owned(),
                }))
            }
        }
    }
}

/// Personal data the tenant supplied. Stored sealed (encrypted) at rest.
///
/// The schema's patterns are the API's validation rules (`api::verifications`), so that a client
/// generated from the OpenAPI document refuses what the server would refuse.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Applicant {
    /// An address with a non-empty local part and a dotted domain; no spaces or control
    /// characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(
        max_length = 254,
        pattern = r"^[^@\s\u0000-\u001F\u007F-\u009F]+@[^\s\u0000-\u001F\u007F-\u009F]*\.[^\s\u0000-\u001F\u007F-\u009F]*$",
        example = "ana@example.com"
    )]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(
        max_length = 100,
        pattern = r"^[^\u0000-\u001F\u007F-\u009F]*[^\s\u0000-\u001F\u007F-\u009F][^\u0000-\u001F\u007F-\u009F]*$",
        example = "Ana"
    )]
    pub first_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(
        max_length = 100,
        pattern = r"^[^\u0000-\u001F\u007F-\u009F]*[^\s\u0000-\u001F\u007F-\u009F][^\u0000-\u001F\u007F-\u009F]*$",
        example = "Silva"
    )]
    pub last_name: Option<String>,
    /// `YYYY-MM-DD`, between 1900-01-01 and today.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(format = Date, pattern = r"^(19|20)[0-9]{2}-[0-9]{2}-[0-9]{2}$", example = "1990-04-12")]
    pub date_of_birth: Option<String>,
    /// ISO 3166-1 alpha-2.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(pattern = "^[A-Z]{2}$", example = "PT")]
    pub country: Option<String>,
}

/// The flow, and the version of it, the verification runs under.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct FlowRef {
    pub id: FlowId,
    pub version: i64,
}

/// A check's outcome inside the verification object.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct CheckSummary {
    #[serde(rename = "type")]
    pub kind: String,
    pub status: String,
    #[schema(value_type = Vec<crate::api::openapi::ReasonCode>)]
    pub reason_codes: Vec<String>,
    /// Check-specific score in [0, 1], when the check produces one.
    pub score: Option<f64>,
    /// Why the check could not run, for a check in `error` (`CHECK_ERROR`), e.g. "no sanctions
    /// list is loaded: …"; `null` otherwise.
    pub detail: Option<String>,
    /// The list entries a `sanctions` or `pep` check matched, best first; `null` for other
    /// checks and while the check has not finished.
    pub matches: Option<Vec<ListMatch>>,
    /// What a finished face check measured (`selfie`, `face_match`, `liveness`): face boxes
    /// `[x, y, width, height]` in the upload's pixels with detection scores, the descriptor
    /// distance and similarity against the flow's cut-offs, the challenge with the per-frame
    /// yaw, pitch and size it was judged on, or why a capture was refused. Never a face
    /// descriptor. `null` for other checks.
    #[schema(value_type = Option<Object>)]
    pub evidence: Option<serde_json::Value>,
}

/// One list entry a screening check matched.
#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ListMatch {
    /// The list (`ofac_sdn`, `un_sc`, `eu_fsf`, `uk_hmt`, `opensanctions`, …).
    pub source: String,
    /// The entry's id in that list.
    pub entry_id: String,
    /// The imported list version that held the entry when the check ran.
    #[schema(value_type = Option<String>)]
    pub list_version_id: Option<String>,
    /// The list name (primary or alias) that matched best, as published.
    pub matched_name: String,
    pub score: f64,
    /// `review` or `match`, at the flow's thresholds.
    pub classification: String,
}

/// The verification object (docs/api.md): `GET /verifications/{id}` and every webhook's `data`.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
#[schema(example = crate::api::openapi::verification_example)]
pub struct VerificationObject {
    pub id: VerificationId,
    #[schema(schema_with = crate::api::openapi::tag::verification)]
    pub object: &'static str,
    pub mode: Mode,
    pub status: Status,
    pub decline_type: Option<DeclineType>,
    pub attempt: i64,
    pub attempts_left: i64,
    pub next_action: NextAction,
    #[schema(value_type = Vec<crate::api::openapi::ReasonCode>)]
    pub reason_codes: Vec<String>,
    pub risk_flags: Vec<String>,
    pub reference_id: Option<String>,
    pub flow: FlowRef,
    pub applicant: Applicant,
    pub checks: Vec<CheckSummary>,
    /// The `face_match` check's similarity of the selfie to the document portrait, in [0, 1]
    /// (0.5 at the default threshold); `null` until it ran or when the verification has none.
    pub face_match_confidence: Option<f64>,
    /// Who took the current outcome (`rules` or an operator who reviewed the case); `null`
    /// until the attempt is decided.
    pub decided_by: Option<DecidedBy>,
    pub return_url: Option<String>,
    pub locale: Option<String>,
    pub metadata: serde_json::Map<String, serde_json::Value>,
    /// Per-verification event number: receivers order webhooks by it.
    pub sequence: i64,
    #[schema(format = DateTime)]
    pub created_at: String,
    #[schema(format = DateTime)]
    pub submitted_at: Option<String>,
    #[schema(format = DateTime)]
    pub completed_at: Option<String>,
    #[schema(format = DateTime)]
    pub expires_at: String,
}

impl VerificationObject {
    pub fn from_record(record: &VerificationRecord, applicant: Applicant) -> VerificationObject {
        VerificationObject {
            id: record.id.clone(),
            object: "verification",
            mode: record.mode,
            status: record.status,
            decline_type: record.decline_type,
            attempt: record.attempt,
            attempts_left: record.attempts_left(),
            next_action: record
                .status
                .next_action(record.decline_type, record.attempts_left()),
            reason_codes: record.reason_codes.clone(),
            risk_flags: record.risk_flags.clone(),
            reference_id: record.reference_id.clone(),
            flow: FlowRef {
                id: record.flow_id.clone(),
                version: record.flow_version,
            },
            applicant,
            checks: Vec::new(),
            face_match_confidence: None,
            decided_by: record.decided_by.clone(),
            return_url: record.return_url.clone(),
            locale: record.locale.clone(),
            metadata: serde_json::from_str(&record.metadata).unwrap_or_default(),
            sequence: record.sequence,
            created_at: rfc3339(record.created_at),
            submitted_at: record.submitted_at.map(rfc3339),
            completed_at: record.completed_at.map(rfc3339),
            expires_at: rfc3339(record.expires_at),
        }
    }
}

impl VerificationObject {
    /// Adds the checks of the current attempt (the ones still queued or running show as such).
    pub fn with_checks(
        mut self,
        checks: &[crate::store::CheckRecord],
        sealer: &Sealer,
    ) -> VerificationObject {
        self.checks = checks
            .iter()
            .filter(|c| c.attempt == self.attempt)
            .map(|c| {
                // Unsealed once, and only for the checks whose details the API shows.
                let details = details_shown(c).then(|| check_details(sealer, c)).flatten();
                CheckSummary {
                    kind: c.kind.as_str().to_owned(),
                    status: c.state.as_str().to_owned(),
                    reason_codes: c.reason_codes.clone(),
                    score: c.score,
                    detail: error_detail(c, details.as_ref()),
                    matches: list_matches(c, details.as_ref()),
                    evidence: face_evidence(c, details),
                }
            })
            .collect();
        self.face_match_confidence = self
            .checks
            .iter()
            .find(|c| c.kind == CheckKind::FaceMatch.as_str())
            .and_then(|c| c.score);
        self
    }
}

/// A finished check's details, unsealed: what the check's engine recorded (`None` while the
/// check has not run, or when the row holds no readable details).
pub fn check_details(
    sealer: &Sealer,
    check: &crate::store::CheckRecord,
) -> Option<serde_json::Value> {
    let sealed = check.details_sealed.as_deref()?;
    let bytes = sealer.open(sealed, check.id.as_str()).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// Whether the API shows anything from a check's details: an explanation for a check in
/// `error`, the matches of a finished screening check. Other checks' details stay sealed.
fn details_shown(check: &crate::store::CheckRecord) -> bool {
    use crate::store::CheckState;
    match check.state {
        CheckState::Done(kyra_checks::decision::CheckStatus::Error) => true,
        CheckState::Done(_) => matches!(
            check.kind,
            CheckKind::Sanctions
                | CheckKind::Pep
                | CheckKind::Selfie
                | CheckKind::FaceMatch
                | CheckKind::Liveness
        ),
        CheckState::Queued | CheckState::Running => false,
    }
}

/// A finished face check's details, as evidence. Checks decided by a test trigger have none.
fn face_evidence(
    check: &crate::store::CheckRecord,
    details: Option<serde_json::Value>,
) -> Option<serde_json::Value> {
    use crate::store::CheckState;
    use kyra_checks::decision::CheckStatus;
    let face = matches!(
        check.kind,
        CheckKind::Selfie | CheckKind::FaceMatch | CheckKind::Liveness
    );
    let ran = matches!(check.state, CheckState::Done(s) if s != CheckStatus::Error);
    details.filter(|d| face && ran && d.get("test_trigger").is_none())
}

/// The list entries a finished `sanctions` or `pep` check matched, from its details.
fn list_matches(
    check: &crate::store::CheckRecord,
    details: Option<&serde_json::Value>,
) -> Option<Vec<ListMatch>> {
    if !matches!(check.kind, CheckKind::Sanctions | CheckKind::Pep)
        || !matches!(check.state, crate::store::CheckState::Done(_))
    {
        return None;
    }
    // Checks decided by a test trigger or that errored carry no `matches`: an empty list there
    // would claim a screening that never happened.
    let matches = details?.get("matches")?.clone();
    serde_json::from_value(matches).ok()
}

/// The pipeline's explanation of a check that ended in `error`, from its details. The
/// explanations name what is missing (a list, a model, a file), never applicant data.
fn error_detail(
    check: &crate::store::CheckRecord,
    details: Option<&serde_json::Value>,
) -> Option<String> {
    use crate::store::CheckState;
    use kyra_checks::decision::CheckStatus;
    if check.state != CheckState::Done(CheckStatus::Error) {
        return None;
    }
    let explained = details.and_then(|d| d["error"].as_str().map(str::to_owned));
    Some(explained.unwrap_or_else(|| "the check could not run".to_owned()))
}

/// The applicant data of a record, unsealed. Fails loudly on a wrong key or tampered row.
pub fn open_applicant(
    sealer: &Sealer,
    record: &VerificationRecord,
) -> Result<Applicant, CryptoError> {
    match &record.applicant_sealed {
        Some(sealed) => {
            let json = sealer.open(sealed, record.id.as_str())?;
            serde_json::from_slice(&json).map_err(|_| CryptoError::Malformed)
        }
        None => Ok(Applicant::default()),
    }
}

impl VerificationRecord {
    /// Attempts the applicant has after this one.
    pub fn attempts_left(&self) -> i64 {
        // A final decline ends the verification whatever attempts the flow allowed.
        if self.status == Status::Declined && self.decline_type == Some(DeclineType::Final) {
            return 0;
        }
        (self.max_attempts - self.attempt).max(0)
    }
}

/// An event about a verification. Its body is what webhooks deliver, `{type, timestamp, data}`;
/// since `data` holds the applicant's personal data, the body is stored sealed to the
/// verification like the applicant itself.
pub fn verification_event(
    sealer: &Sealer,
    record: &VerificationRecord,
    object: VerificationObject,
    kind: &'static str,
    actor: String,
    request_id: Option<String>,
    at_ms: i64,
) -> NewEvent {
    let body = serde_json::json!({ "type": kind, "timestamp": rfc3339(at_ms), "data": object })
        .to_string();
    NewEvent {
        tenant_id: record.tenant_id.clone(),
        mode: record.mode,
        verification_id: Some(record.id.clone()),
        sequence: record.sequence,
        kind,
        actor,
        payload: sealer.seal(
            body.as_bytes(),
            payload_binding(&record.tenant_id, Some(record.id.as_str())),
        ),
        request_id,
        created_at: at_ms,
    }
}

/// RFC 3339 UTC rendering of a Unix-millisecond timestamp.
pub fn rfc3339(ms: i64) -> String {
    let t = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_round_trips_through_its_text() {
        for s in [
            Status::Pending,
            Status::InProgress,
            Status::Processing,
            Status::Approved,
            Status::Declined,
            Status::NeedsReview,
            Status::Expired,
            Status::Canceled,
        ] {
            assert_eq!(Status::parse(s.as_str()), Some(s));
            assert_eq!(
                serde_json::to_value(s).ok(),
                Some(serde_json::Value::from(s.as_str()))
            );
        }
    }

    #[test]
    fn timestamps_render_as_utc() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_764_064_800_123), "2025-11-25T10:00:00.123Z");
    }
}
