//! Which parent pages may frame a verification's journey, and hear its messages.
//!
//! Per tenant and flow: the `embedding.allowed_origins` of the flow version the verification is
//! pinned to. The same list feeds the page's `frame-ancestors` and the page's `postMessage`
//! targets, so a parent either both frames and hears the journey, or does neither.

use crate::flow::Embedding;
use crate::ids::VerificationId;
use crate::secrets::SecretHash;
use crate::state::AppState;

/// The embedding settings of the verification `id`, if `token` is its client token (any status:
/// an expired link's page still renders in its frame and tells the parent). Unknown ids, wrong
/// tokens and storage failures give the default — embedding refused — so another tenant's
/// settings, or whether a verification exists, never show.
pub async fn of_link(state: &AppState, id: &str, token: &str) -> Embedding {
    let Some(id) = VerificationId::parse(id) else {
        return Embedding::default();
    };
    let Ok(Some(record)) = state.store.verification(&id).await else {
        return Embedding::default();
    };
    if token.is_empty() || !record.client_token_hash.matches(&SecretHash::of(token)) {
        return Embedding::default();
    }
    match state
        .store
        .flow_at(&record.flow_id, record.flow_version)
        .await
    {
        Ok(Some(flow)) => flow.config.embedding,
        _ => Embedding::default(),
    }
}

/// The verification id and client token of an applicant page's URI (`/v/{id}?token=…`).
pub fn link_of(uri: &axum::http::Uri) -> Option<(String, String)> {
    let rest = uri.path().strip_prefix("/v/")?;
    let id = rest.split('/').next().filter(|s| !s.is_empty())?;
    let token = url::form_urlencoded::parse(uri.query().unwrap_or_default().as_bytes())
        .find(|(k, _)| k == "token")
        .map(|(_, v)| v.into_owned())?;
    Some((id.to_owned(), token))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_read_from_applicant_paths_only() {
        let uri = |s: &str| s.parse::<axum::http::Uri>().expect("uri");
        assert_eq!(
            link_of(&uri("/v/ver_1?token=a%2Bb&lang=de")),
            Some(("ver_1".into(), "a+b".into()))
        );
        assert_eq!(link_of(&uri("/v/ver_1")), None);
        assert_eq!(link_of(&uri("/v/?token=x")), None);
        assert_eq!(link_of(&uri("/pkg/kyra.js?token=x")), None);
    }
}
