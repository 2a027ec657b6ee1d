//! The storage side of the applicant journey (`kyra_app::journey::JourneyBackend`).

use kyra_app::i18n::{self, LanguageRequest, Locale};
use kyra_app::journey::{
    BackendError, ClientInfo, ConsentText, JourneyBackend, JourneyState, JourneyView, LinkProblem,
    Step,
};

use crate::flow::Consent;
use crate::ids::VerificationId;
use crate::lifecycle;
use crate::secrets::SecretHash;
use crate::state::AppState;
use crate::store::{now_ms, AlsoWrite, FlowRecord, NewConsent, StoreError, VerificationRecord};
use crate::verification::{open_applicant, JourneyStep, Status};

pub struct StoreJourney {
    pub state: AppState,
}

/// A link resolved to its verification, or the reason it cannot be used.
enum Resolved {
    Usable(Box<VerificationRecord>),
    Unusable(LinkProblem),
}

impl StoreJourney {
    async fn resolve(&self, id: &str, token: &str) -> Result<Resolved, BackendError> {
        let Some(id) = VerificationId::parse(id) else {
            return Ok(Resolved::Unusable(LinkProblem::Invalid));
        };
        let Some(record) = self
            .state
            .store
            .verification(&id)
            .await
            .map_err(backend_error)?
        else {
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
            s if s.accepts_applicant() => Resolved::Usable(Box::new(record)),
            _ => Resolved::Unusable(LinkProblem::Finished),
        })
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
        Ok(JourneyState::Ready(JourneyView {
            verification_id: record.id.to_string(),
            tenant_name: tenant.name,
            step: match record.step {
                JourneyStep::Welcome => Step::Welcome,
                JourneyStep::Document => Step::Document,
            },
            consent,
            locale: locale.tag.to_owned(),
        }))
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
