//! A query-string extractor whose rejections are problem+json naming the parameter.
//!
//! axum's `Query` answers `?limit=ten` with "Failed to deserialize query string: limit: invalid
//! digit found in string" — a parser's wording. This one names the parameter in `field` and
//! says what it must be in words a tenant's developer reads once and understands.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use super::problem::ApiError;

pub struct ApiQuery<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiQuery<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        parse(parts.uri.query().unwrap_or_default()).map(ApiQuery)
    }
}

/// Deserializes a raw query string (without `?`).
pub fn parse<T: DeserializeOwned>(query: &str) -> Result<T, ApiError> {
    let pairs = form_urlencoded::parse(query.as_bytes());
    let de = serde_urlencoded::Deserializer::new(pairs);
    serde_path_to_error::deserialize(de).map_err(|err| {
        let field = err.path().to_string();
        let message = err.into_inner().to_string();
        if let Some(rest) = message.strip_prefix("unknown field `") {
            let name = rest.split('`').next().unwrap_or_default().to_owned();
            return ApiError::UnknownField { field: name };
        }
        let field = if field == "." { String::new() } else { field };
        ApiError::invalid(field, plain_words(&message))
    })
}

/// What a parser's complaint about one value means, without the parser's vocabulary.
fn plain_words(message: &str) -> String {
    let lower = message.to_ascii_lowercase();
    if lower.contains("invalid digit")
        || lower.contains("expected i64")
        || lower.contains("expected u")
    {
        "must be a whole number".to_owned()
    } else if lower.contains("number too large") || lower.contains("too large to fit") {
        "is too large".to_owned()
    } else if lower.contains("cannot parse integer from empty string") {
        "must not be empty".to_owned()
    } else if lower.contains("provided string was not `true` or `false`")
        || lower.contains("expected a boolean")
    {
        "must be `true` or `false`".to_owned()
    } else if lower.starts_with("duplicate field") {
        "is given more than once".to_owned()
    } else {
        message.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Q {
        limit: Option<i64>,
        status: Option<String>,
    }

    fn field_and_detail(query: &str) -> (String, String) {
        match parse::<Q>(query) {
            Err(ApiError::InvalidField { field, detail }) => (field, detail),
            Err(ApiError::UnknownField { field }) => (field, "unknown".to_owned()),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn names_the_parameter_in_plain_words() {
        assert_eq!(
            field_and_detail("limit=ten"),
            ("limit".to_owned(), "must be a whole number".to_owned())
        );
        assert_eq!(
            field_and_detail("limit=99999999999999999999"),
            ("limit".to_owned(), "is too large".to_owned())
        );
        assert_eq!(field_and_detail("colour=red").0, "colour");
        assert!(parse::<Q>("limit=5&status=approved").is_ok());
        assert!(parse::<Q>("").is_ok());
    }

    #[test]
    fn never_panics_on_hostile_queries() {
        for q in [
            "%FF%FE",
            "=&=&&",
            "limit",
            "limit=%00",
            "a[b]=c",
            "limit=-1&limit=2",
        ] {
            let _ = parse::<Q>(q);
        }
    }
}
