//! A path-parameter extractor whose rejections are problem+json like every other API error.
//!
//! axum's `Path` answers a parameter it cannot decode (`/verifications/%FF` is not UTF-8) with a
//! plain-text 400. An id that cannot even be decoded is no id of ours: it gets the same
//! `404 not_found` as an unknown or malformed one, so nothing tells them apart.

use axum::extract::rejection::PathRejection;
use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use super::problem::ApiError;

pub struct ApiPath<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiPath<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(value)) => Ok(ApiPath(value)),
            Err(PathRejection::FailedToDeserializePathParams(_)) => {
                Err(ApiError::NotFound("resource"))
            }
            // Only a route declared without the parameters its handler reads: a bug of ours.
            Err(other) => Err(ApiError::Internal(other.body_text().into())),
        }
    }
}
