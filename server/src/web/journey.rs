//! The storage side of the applicant journey (`kyra_app::journey::JourneyBackend`).

use kyra_app::i18n::{self, LanguageRequest, Locale};
use kyra_app::journey::{
    sides_of, BackendError, ClientInfo, ConsentText, DocumentChoice, DocumentOptions, FaceStep,
    JourneyBackend, JourneyState, JourneyView, Leaving, LinkProblem, OutcomeView, Step,
    DOCUMENT_TYPES,
};

use crate::flow::{Consent, FlowConfig};
use crate::ids::VerificationId;
use crate::lifecycle;
use crate::secrets::SecretHash;
use crate::state::AppState;
use crate::store::{now_ms, AlsoWrite, FlowRecord, NewConsent, StoreError, VerificationRecord};
use crate::verification::{self, open_applicant, DeclineType, JourneyStep, Status};

pub struct StoreJourney {
    pub state: AppState,
}

/// A link resolved to its verification, or the reason it cannot be used.
pub(super) enum Resolved {
    Usable(Box<VerificationRecord>),
    Unusable(LinkProblem),
}

/// Resolves a journey link: the verification if `token` is its client token and the applicant
/// may still see it. Once submitted, the link keeps showing the progress and the outcome of the
/// attempt; only an expired or canceled verification closes it.
pub(super) async fn resolve(
    state: &AppState,
    id: &str,
    token: &str,
) -> Result<Resolved, BackendError> {
    let Some(id) = VerificationId::parse(id) else {
        return Ok(Resolved::Unusable(LinkProblem::Invalid));
    };
    let Some(record) = state.store.verification(&id).await.map_err(backend_error)? else {
        return Ok(Resolved::Unusable(LinkProblem::Invalid));
    };
    if token.is_empty() || !record.client_token_hash.matches(&SecretHash::of(token)) {
        return Ok(Resolved::Unusable(LinkProblem::Invalid));
    }
    Ok(match record.status {
        Status::Expired => Resolved::Unusable(LinkProblem::Expired),
        s if s.accepts_applicant() && now_ms() >= record.expires_at => {
            Resolved::Unusable(LinkProblem::Expired)
        }
        Status::Canceled => Resolved::Unusable(LinkProblem::Finished),
        _ => Resolved::Usable(Box::new(record)),
    })
}

impl StoreJourney {
    async fn resolve(&self, id: &str, token: &str) -> Result<Resolved, BackendError> {
        resolve(&self.state, id, token).await
    }

    async fn flow(&self, record: &VerificationRecord) -> Result<FlowRecord, BackendError> {
        // The version the verification pinned: editing a flow never changes a running journey.
        self.state
            .store
            .flow_at(&record.flow_id, record.flow_version)
            .await
            .map_err(backend_error)?
            .ok_or_else(|| missing("flow"))
    }

    async fn view(
        &self,
        record: &VerificationRecord,
        language: &LanguageRequest,
    ) -> Result<JourneyState, BackendError> {
        let flow = self.flow(record).await?;
        self.view_with(record, flow, language).await
    }

    async fn view_with(
        &self,
        record: &VerificationRecord,
        flow: FlowRecord,
        language: &LanguageRequest,
    ) -> Result<JourneyState, BackendError> {
        let tenant = self
            .state
            .store
            .find_tenant(record.tenant_id.as_str())
            .await
            .map_err(backend_error)?
            .ok_or_else(|| missing("tenant"))?;
        let locale = language.negotiate(
            record.locale.as_deref(),
            Some(flow.config.default_locale.as_str()),
        );
        let consent = consent_text(&flow.config.consent, locale, &flow.config.default_locale)
            .ok_or_else(|| missing("built-in consent text of the flow's version"))?;
        let (uploaded, face_done) = match &record.step {
            JourneyStep::Upload(choice) => {
                self.uploaded(record, choice, flow.config.liveness.allow_upload)
                    .await?
            }
            _ => (Vec::new(), false),
        };
        let face = crate::liveness::needs_face(&record.requested_checks).then_some(FaceStep {
            done: face_done,
            allow_upload: flow.config.liveness.allow_upload,
        });
        let choice = match &record.step {
            JourneyStep::Upload(c) => Some(DocumentChoice {
                document_type: c.document_type.clone(),
                country: c.country.clone(),
            }),
            _ => None,
        };
        let step = match (record.status, &record.step) {
            (Status::Processing, _) => Step::Processing,
            (Status::Approved | Status::Declined | Status::NeedsReview, _) => Step::Outcome,
            (_, JourneyStep::Welcome) => Step::Welcome,
            (_, JourneyStep::Document) => Step::Document,
            (_, JourneyStep::Upload(c)) => {
                if sides_of(&c.document_type)
                    .iter()
                    .all(|s| uploaded.iter().any(|u| u == s))
                {
                    if face.as_ref().is_some_and(|f| !f.done) {
                        Step::Selfie
                    } else {
                        Step::Review
                    }
                } else {
                    Step::Upload
                }
            }
        };
        let outcome = (step == Step::Outcome).then(|| outcome_view(record, locale));
        let leaving = leaving(record, &flow.config);
        Ok(JourneyState::Ready(JourneyView {
            verification_id: record.id.to_string(),
            tenant_name: tenant.name,
            step,
            consent,
            locale: locale.tag.to_owned(),
            documents: document_options(&flow.config),
            choice,
            uploaded,
            upload_limit_bytes: self.state.config.upload_limit_bytes as u64,
            face,
            outcome,
            leaving,
            status: record.status.as_str().to_owned(),
            brand_stylesheet: (!flow.config.branding.is_empty())
                .then(|| super::brand::stylesheet_path(&flow.id, flow.version)),
        }))
    }

    /// Sides of the chosen document uploaded in the current attempt, and whether its face
    /// capture is in (a selfie, with liveness frames unless the flow takes an uploaded selfie).
    async fn uploaded(
        &self,
        record: &VerificationRecord,
        choice: &verification::DocumentChoice,
        selfie_upload_allowed: bool,
    ) -> Result<(Vec<String>, bool), BackendError> {
        let documents = self
            .state
            .store
            .documents_of_attempt(&record.id, record.attempt)
            .await
            .map_err(backend_error)?;
        // The same evidence submitting asks for (`submit_record`): a selfie, and the frames of a
        // live capture where the liveness check runs and an uploaded selfie is not enough.
        let has = |kind: &str| documents.iter().any(|d| d.document_type == kind);
        let face_done = has("selfie")
            && (selfie_upload_allowed
                || !crate::liveness::needs_liveness(&record.requested_checks)
                || has(crate::liveness::FRAME_DOCUMENT_TYPE));
        let mut sides: Vec<String> = documents
            .into_iter()
            .filter(|d| d.document_type == choice.document_type)
            .filter_map(|d| d.side)
            .collect();
        sides.sort();
        sides.dedup();
        Ok((sides, face_done))
    }

    /// Saves a change the applicant made; `false` when someone else changed the verification
    /// first (the caller shows whatever it is now).
    async fn save(
        &self,
        record: &VerificationRecord,
        change: lifecycle::Change,
        now: i64,
    ) -> Result<Option<VerificationRecord>, BackendError> {
        let applicant = open_applicant(&self.state.sealer, record).map_err(backend_error)?;
        let (next, events) = change.into_events(
            &self.state.sealer,
            record,
            &applicant,
            "applicant",
            None,
            now,
        );
        let saved = self
            .state
            .store
            .save_transition(record, &next, &events, AlsoWrite::Nothing)
            .await
            .map_err(backend_error)?;
        Ok(saved.then_some(next))
    }

    async fn usable(
        &self,
        id: &str,
        token: &str,
    ) -> Result<Result<VerificationRecord, JourneyState>, BackendError> {
        Ok(match self.resolve(id, token).await? {
            Resolved::Usable(record) => Ok(*record),
            Resolved::Unusable(problem) => Err(JourneyState::Unavailable(problem)),
        })
    }
}

/// The flow's document policy as choices: its types in the journey's order, its countries.
fn document_options(config: &FlowConfig) -> DocumentOptions {
    DocumentOptions {
        types: DOCUMENT_TYPES
            .iter()
            .filter(|t| config.documents.types.iter().any(|a| a == *t))
            .map(|t| t.to_string())
            .collect(),
        countries: if config.documents.countries.is_empty() {
            isocountry::CountryCode::as_array_alpha2()
                .iter()
                .map(|c| c.alpha2().to_owned())
                .collect()
        } else {
            config
                .documents
                .countries
                .iter()
                .filter_map(|c| alpha2(c))
                .collect()
        },
    }
}

/// An ISO 3166-1 code of the flow's policy as alpha-2 (the policy may list alpha-3 codes).
fn alpha2(code: &str) -> Option<String> {
    let code = code.trim().to_ascii_uppercase();
    let country = match code.len() {
        2 => isocountry::CountryCode::for_alpha2(&code).ok()?,
        3 => isocountry::CountryCode::for_alpha3(&code).ok()?,
        _ => return None,
    };
    Some(country.alpha2().to_owned())
}

/// Whether the flow accepts `country` (alpha-2).
fn country_allowed(config: &FlowConfig, country: &str) -> bool {
    document_options(config)
        .countries
        .iter()
        .any(|c| c == country)
}

fn outcome_view(record: &VerificationRecord, locale: &Locale) -> OutcomeView {
    let retry =
        record.status == Status::Declined && record.decline_type == Some(DeclineType::Retry);
    OutcomeView {
        status: record.status.as_str().to_owned(),
        can_retry: retry && record.attempts_left() > 0,
        reasons: if retry {
            record
                .reason_codes
                .iter()
                .filter_map(|code| i18n::reason(locale, code))
                .collect()
        } else {
            Vec::new()
        },
    }
}

/// Where a finished journey sends the applicant: the tenant's `return_url` with the outcome added,
/// and the parent origins allowed to hear it.
fn leaving(record: &VerificationRecord, config: &FlowConfig) -> Leaving {
    let continue_url = record.return_url.as_deref().and_then(|u| {
        let mut url = url::Url::parse(u).ok()?;
        url.query_pairs_mut()
            .append_pair("verification_id", record.id.as_str())
            .append_pair("status", record.status.as_str());
        Some(url.to_string())
    });
    Leaving {
        continue_url,
        allowed_origins: config.embedding.allowed_origins.clone(),
    }
}

#[async_trait::async_trait]
impl JourneyBackend for StoreJourney {
    async fn load(
        &self,
        id: &str,
        token: &str,
        language: &LanguageRequest,
    ) -> Result<JourneyState, BackendError> {
        match self.resolve(id, token).await? {
            Resolved::Usable(record) => self.view(&record, language).await,
            Resolved::Unusable(problem) => Ok(JourneyState::Unavailable(problem)),
        }
    }

    async fn accept_consent(
        &self,
        id: &str,
        token: &str,
        consent_version: &str,
        client: ClientInfo,
        language: &LanguageRequest,
    ) -> Result<JourneyState, BackendError> {
        let record = match self.resolve(id, token).await? {
            Resolved::Usable(record) => *record,
            Resolved::Unusable(problem) => return Ok(JourneyState::Unavailable(problem)),
        };
        let flow = self.flow(&record).await?;
        // The text changed under the applicant, or consent was already given (a double click,
        // another tab): show the current state rather than record a consent to words not shown.
        let now = now_ms();
        let change = match lifecycle::consent(&record, now) {
            Ok(change) if flow.config.consent.version == consent_version => change,
            _ => return self.view_with(&record, flow, language).await,
        };
        let consent = NewConsent {
            text_version: consent_version.to_owned(),
            accepted_at: now,
            ip: client.ip,
            user_agent: client.user_agent,
        };
        let applicant = open_applicant(&self.state.sealer, &record).map_err(backend_error)?;
        let (next, events) = change.into_events(
            &self.state.sealer,
            &record,
            &applicant,
            "applicant",
            None,
            now,
        );
        if self
            .state
            .store
            .save_transition(&record, &next, &events, AlsoWrite::Consent(&consent))
            .await
            .map_err(backend_error)?
        {
            self.view(&next, language).await
        } else {
            // Someone else moved it first; show whatever it is now.
            self.load(id, token, language).await
        }
    }

    async fn choose_document(
        &self,
        id: &str,
        token: &str,
        document_type: &str,
        country: &str,
        language: &LanguageRequest,
    ) -> Result<JourneyState, BackendError> {
        let record = match self.usable(id, token).await? {
            Ok(record) => record,
            Err(state) => return Ok(state),
        };
        let flow = self.flow(&record).await?;
        let allowed = document_options(&flow.config)
            .types
            .iter()
            .any(|t| t == document_type)
            && country_allowed(&flow.config, country);
        let choice = verification::DocumentChoice {
            document_type: document_type.to_owned(),
            country: country.to_owned(),
        };
        let now = now_ms();
        match lifecycle::choose_document(&record, choice, now) {
            Ok(change) if allowed => {
                if let Some(next) = self.save(&record, change, now).await? {
                    return self.view_with(&next, flow, language).await;
                }
                self.load(id, token, language).await
            }
            // Not allowed, or not at this step (another tab moved on): show where it is.
            _ => self.view_with(&record, flow, language).await,
        }
    }

    async fn submit(
        &self,
        id: &str,
        token: &str,
        language: &LanguageRequest,
    ) -> Result<JourneyState, BackendError> {
        let record = match self.usable(id, token).await? {
            Ok(record) => record,
            Err(state) => return Ok(state),
        };
        let flow = self.flow(&record).await?;
        // Only from review: every side of the chosen document is there.
        let JourneyState::Ready(view) = self.view_with(&record, flow, language).await? else {
            return self.load(id, token, language).await;
        };
        if view.step != Step::Review {
            return Ok(JourneyState::Ready(view));
        }
        match crate::api::verifications::submit_record(&self.state, &record, "applicant", None)
            .await
        {
            // Refused (no identity document, submitted twice, changed meanwhile): the current
            // state says what is next.
            Ok(_) | Err(_) => self.load(id, token, language).await,
        }
    }

    async fn retry(
        &self,
        id: &str,
        token: &str,
        language: &LanguageRequest,
    ) -> Result<JourneyState, BackendError> {
        let record = match self.usable(id, token).await? {
            Ok(record) => record,
            Err(state) => return Ok(state),
        };
        let now = now_ms();
        if let Ok(change) = lifecycle::applicant_retry(&record, now) {
            let applicant = open_applicant(&self.state.sealer, &record).map_err(backend_error)?;
            let (next, events) = change.into_events(
                &self.state.sealer,
                &record,
                &applicant,
                "applicant",
                None,
                now,
            );
            // The finished attempt is kept, as with a rerun from the API.
            self.state
                .store
                .save_transition(&record, &next, &events, AlsoWrite::PreviousAttempt)
                .await
                .map_err(backend_error)?;
        }
        self.load(id, token, language).await
    }

    async fn parent_origins(&self, id: &str, token: &str) -> Vec<String> {
        super::embedding::of_link(&self.state, id, token)
            .await
            .allowed_origins
    }
}

/// The flow's consent text in `locale`: Kyra's built-in text in every locale, or the tenant's own
/// in its translation for `locale` if it has one, else in the flow's default language. `None` for
/// a built-in version that does not exist.
fn consent_text(consent: &Consent, locale: &Locale, default_locale: &str) -> Option<ConsentText> {
    let (body, lang) = match &consent.text {
        None => (
            i18n::builtin_consent(locale, &consent.version)?,
            locale.tag.to_owned(),
        ),
        Some(own) => consent
            .translations
            .iter()
            .find(|(tag, _)| i18n::find(tag) == Some(locale))
            .map(|(_, text)| (text.clone(), locale.tag.to_owned()))
            .unwrap_or_else(|| (own.clone(), default_locale.to_owned())),
    };
    Some(ConsentText {
        version: consent.version.clone(),
        body,
        lang,
    })
}

fn backend_error(err: impl std::fmt::Display) -> BackendError {
    BackendError(err.to_string())
}

fn missing(what: &str) -> BackendError {
    BackendError(StoreError::Corrupt(format!("{what} of a verification is missing")).to_string())
}
