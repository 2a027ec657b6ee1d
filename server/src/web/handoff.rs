//! The storage side of "continue on your phone" (`kyra_app::journey::HandoffBackend`).
//!
//! A handoff token is stored only as a keyed digest (`Sealer::digest`), so a database dump does
//! not yield working links. The verification's client token, which the phone needs to continue,
//! is sealed and bound to that digest: it can be unsealed only by whoever holds the handoff
//! token, and only once, when the link is consumed.

use kyra_app::journey::{
    BackendError, HandoffBackend, HandoffOffer, HandoffOpened, HandoffProblem, HANDOFF_MINUTES,
};

use super::journey::{resolve, Resolved};
use crate::ids::VerificationId;
use crate::secrets::new_handoff_token;
use crate::state::AppState;
use crate::store::{now_ms, Consumed, NewHandoff};

/// Digest context of handoff tokens (never shared with other digests).
const DIGEST_CONTEXT: &str = "handoff-token";

pub struct StoreHandoff {
    pub state: AppState,
}

fn backend_error(err: impl std::fmt::Display) -> BackendError {
    BackendError(err.to_string())
}

#[async_trait::async_trait]
impl HandoffBackend for StoreHandoff {
    async fn start(&self, id: &str, token: &str) -> Result<Option<HandoffOffer>, BackendError> {
        let Resolved::Usable(record) = resolve(&self.state, id, token).await? else {
            return Ok(None);
        };
        if !record.status.accepts_applicant() {
            return Ok(None);
        }
        let handoff = new_handoff_token();
        let digest = self.state.sealer.digest(DIGEST_CONTEXT, handoff.as_bytes());
        let now = now_ms();
        let sealed = self.state.sealer.seal(token.as_bytes(), &digest);
        self.state
            .store
            .create_handoff(&NewHandoff {
                token_digest: &digest,
                verification: &record.id,
                tenant: &record.tenant_id,
                client_token_sealed: &sealed,
                created_at: now,
                expires_at: now + HANDOFF_MINUTES * 60_000,
            })
            .await
            .map_err(backend_error)?;
        let url = format!(
            "{}/v/{}/handoff?h={}",
            self.state.public_base, record.id, handoff
        );
        Ok(Some(HandoffOffer {
            qr: crate::qr::svg_data_url(&url)
                .ok_or_else(|| backend_error("the link is too long for a QR code"))?,
            url,
        }))
    }

    async fn opened(&self, id: &str, token: &str) -> Result<bool, BackendError> {
        match resolve(&self.state, id, token).await? {
            Resolved::Usable(record) => self
                .state
                .store
                .handoff_opened(&record.id)
                .await
                .map_err(backend_error),
            Resolved::Unusable(_) => Ok(false),
        }
    }

    async fn open(&self, id: &str, handoff: &str) -> Result<HandoffOpened, BackendError> {
        let Some(id) = VerificationId::parse(id).filter(|_| !handoff.is_empty()) else {
            return Ok(HandoffOpened::Problem(HandoffProblem::Invalid));
        };
        let digest = self.state.sealer.digest(DIGEST_CONTEXT, handoff.as_bytes());
        let consumed = self
            .state
            .store
            .consume_handoff(&digest, &id, now_ms())
            .await
            .map_err(backend_error)?;
        Ok(match consumed {
            Consumed::Now {
                client_token_sealed,
            } => {
                let token = self
                    .state
                    .sealer
                    .open(&client_token_sealed, &digest)
                    .map_err(backend_error)?;
                let token = String::from_utf8(token).map_err(backend_error)?;
                let query: String = url::form_urlencoded::Serializer::new(String::new())
                    .append_pair("token", &token)
                    .finish();
                HandoffOpened::Continue(format!("/v/{id}?{query}"))
            }
            Consumed::AlreadyUsed => HandoffOpened::Problem(HandoffProblem::Used),
            Consumed::Expired => HandoffOpened::Problem(HandoffProblem::Expired),
            Consumed::Unknown => HandoffOpened::Problem(HandoffProblem::Invalid),
        })
    }
}
