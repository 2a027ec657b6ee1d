//! A strict JSON body extractor whose every rejection is a problem+json naming the culprit.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRequest, Request};
use axum::http::header;
use serde::de::DeserializeOwned;

use super::problem::ApiError;
use crate::state::AppState;

pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, ApiError> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .is_some_and(|essence| {
                let essence = essence.trim();
                essence.eq_ignore_ascii_case("application/json")
                    || (essence.starts_with("application/") && essence.ends_with("+json"))
            });
        if !is_json {
            return Err(ApiError::UnsupportedMediaType);
        }
        // Compressed bodies would otherwise reach the parser as bytes and read as malformed JSON.
        if let Some(encoding) = req.headers().get(header::CONTENT_ENCODING) {
            let encoding = encoding.to_str().unwrap_or("?").trim();
            if !encoding.eq_ignore_ascii_case("identity") {
                return Err(ApiError::UnsupportedContentEncoding(encoding.to_owned()));
            }
        }
        let limit = state.config.api_body_limit;
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|rejection| match rejection {
                BytesRejection::FailedToBufferBody(_) => ApiError::PayloadTooLarge { limit },
                other => ApiError::MalformedJson(other.body_text()),
            })?;
        parse(&bytes).map(ApiJson)
    }
}

/// Deserializes `bytes`, telling a syntax error (400) from a well-formed body with wrong content (422).
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|err| {
        let field = err.path().to_string();
        let inner = err.into_inner();
        match inner.classify() {
            serde_json::error::Category::Syntax
            | serde_json::error::Category::Eof
            | serde_json::error::Category::Io => ApiError::MalformedJson(inner.to_string()),
            serde_json::error::Category::Data => {
                let message = inner.to_string();
                let found = json_kind(bytes);
                if found != "an object" {
                    // The body as a whole has the wrong shape (`[]`, `"text"`, `42`, `null`):
                    // its first byte says which, whatever serde's wording (a struct may even
                    // be read from an array, element by element).
                    return ApiError::invalid(
                        "",
                        format!("the request body must be a JSON object, not {found}"),
                    );
                }
                if let Some(rest) = message.strip_prefix("unknown field `") {
                    let name = rest.split('`').next().unwrap_or_default();
                    let field = if field == "." || field.is_empty() {
                        name.to_owned()
                    } else {
                        field
                    };
                    ApiError::UnknownField { field }
                } else {
                    let detail = message
                        .split(" at line ")
                        .next()
                        .unwrap_or(&message)
                        .to_owned();
                    ApiError::invalid(if field == "." { String::new() } else { field }, detail)
                }
            }
        }
    })?;
    de.end()
        .map_err(|e| ApiError::MalformedJson(e.to_string()))?;
    Ok(value)
}

/// What kind of JSON value a syntactically valid body holds, as a developer would say it.
fn json_kind(body: &[u8]) -> &'static str {
    match body.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') => "an object",
        Some(b'[') => "an array",
        Some(b'"') => "a string",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        Some(b'-' | b'0'..=b'9') => "a number",
        _ => "something else",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Body {
        name: String,
        inner: Option<Inner>,
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        count: u32,
    }

    #[test]
    fn classifies_errors() {
        assert!(matches!(
            parse::<Body>(b"{\"name\":"),
            Err(ApiError::MalformedJson(_))
        ));
        assert!(matches!(
            parse::<Body>(b"{\"name\":\"a\"} x"),
            Err(ApiError::MalformedJson(_))
        ));
        match parse::<Body>(br#"{"name":"a","inner":{"count":"x"}}"#) {
            Err(ApiError::InvalidField { field, .. }) => assert_eq!(field, "inner.count"),
            other => panic!("unexpected {other:?}"),
        }
        match parse::<Body>(br#"{"name":"a","extra":1}"#) {
            Err(ApiError::UnknownField { field }) => assert!(field.contains("extra"), "{field}"),
            other => panic!("unexpected {other:?}"),
        }
        assert!(parse::<Body>(br#"{"name":"a"}"#).is_ok());
    }

    #[test]
    fn a_body_of_the_wrong_shape_is_explained_without_parser_words() {
        for (body, found) in [
            (&b"[]"[..], "an array"),
            (b"\"x\"", "a string"),
            (b"42", "a number"),
            (b"null", "null"),
            (b"true", "a boolean"),
        ] {
            match parse::<Body>(body) {
                Err(ApiError::InvalidField { field, detail }) => {
                    assert_eq!(field, "");
                    assert_eq!(
                        detail,
                        format!("the request body must be a JSON object, not {found}")
                    );
                }
                other => panic!("unexpected {other:?} for {body:?}"),
            }
        }
    }
}
