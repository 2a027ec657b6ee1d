//! `docs/reference.md`, generated from the code: the reason-code registry, every problem code of
//! the API, and every webhook event type with a sample payload. A unit test renders it and
//! compares it with the committed file, so the page cannot drift from the server; run the test
//! with `KYRA_BLESS=1` to rewrite the file after a change.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use kyra_checks::file::{Detected, FileError};
use kyra_checks::reasons::{Severity, REASONS};

use super::problem::ApiError;
use crate::lifecycle::TransitionError;
use crate::verification::Status;

/// One sample of every [`ApiError`] variant, with what a tenant should read about it. The
/// `match` in [`covers`] has no wildcard: a new variant does not compile until it is listed here.
fn error_catalogue() -> Vec<(ApiError, &'static str)> {
    let transition = || {
        ApiError::InvalidTransition(TransitionError {
            action: "cancel",
            from: Status::Approved,
            why: "it is already decided",
        })
    };
    let file = |error: FileError, when: &'static str| (ApiError::File(error), when);
    vec![
        (
            ApiError::MalformedJson("…".into()),
            "The body is not valid JSON (syntax).",
        ),
        (
            ApiError::MalformedMultipart,
            "A multipart upload does not parse.",
        ),
        (ApiError::MissingApiKey, "No API key was sent."),
        (
            ApiError::AuthScheme {
                sent: "the `Basic` scheme".into(),
            },
            "The `Authorization` header uses another scheme than `Bearer`, or none.",
        ),
        (
            ApiError::InvalidApiKey,
            "The key is unknown, or presented in the wrong mode.",
        ),
        (
            ApiError::RevokedApiKey,
            "The key was revoked (`kyra keys revoke`).",
        ),
        (
            ApiError::BrowserOrigin,
            "The request carries a browser `Origin` header: keys are for servers.",
        ),
        (
            ApiError::NotFound("verification"),
            "No such resource for this tenant and mode (another tenant's ids answer the same).",
        ),
        (
            ApiError::RouteNotFound,
            "No such route under `/api/` (e.g. `/api/v2/…`).",
        ),
        (
            ApiError::MethodNotAllowed,
            "The route exists, the method does not.",
        ),
        (
            transition(),
            "The verification's status does not allow this action; `detail` says why.",
        ),
        (
            ApiError::ConcurrentChange,
            "The verification changed while the request was handled: read it again and retry.",
        ),
        (
            ApiError::IdempotencyInFlight,
            "A request with this `Idempotency-Key` is still running: retry shortly.",
        ),
        (
            ApiError::DocumentRequired,
            "Submitting before the identity document the `document` check needs was uploaded.",
        ),
        (
            ApiError::SelfieRequired,
            "Submitting a face check without a selfie.",
        ),
        (
            ApiError::LivenessRequired,
            "Submitting a `liveness` check without the journey's live capture.",
        ),
        (
            ApiError::EndpointDisabled {
                reason: "the endpoint answered 410 Gone".into(),
            },
            "Redelivering to, or testing, a disabled webhook endpoint: re-enable it first.",
        ),
        (
            ApiError::PayloadTooLarge { limit: 65_536 },
            "The body is over the route's limit (64 KiB for JSON, 10 MiB for uploads by default).",
        ),
        file(
            FileError::TooLarge {
                limit: 0,
                actual: 0,
            },
            "The uploaded file is over the upload limit.",
        ),
        (
            ApiError::UnsupportedMediaType,
            "The body is not `application/json` (or not `multipart/form-data` for uploads).",
        ),
        (
            ApiError::UnsupportedMultipart,
            "An upload that is not `multipart/form-data`.",
        ),
        (
            ApiError::UnsupportedContentEncoding("gzip".into()),
            "The body is compressed (`Content-Encoding`): send it uncompressed.",
        ),
        (
            ApiError::invalid("applicant.email", "must be an email address"),
            "A field, query parameter or header is wrong; `field` names it.",
        ),
        (
            ApiError::UnknownField {
                field: "colour".into(),
            },
            "A field the API does not know: refused, never ignored.",
        ),
        (
            ApiError::IdempotencyKeyReused,
            "The `Idempotency-Key` was used with a different request.",
        ),
        file(FileError::Empty, "The uploaded file is empty."),
        file(
            FileError::Unsupported {
                detected: Detected::Gif,
            },
            "The file's bytes are not JPEG, PNG, WebP, HEIC or PDF.",
        ),
        file(FileError::Truncated, "The file ends early."),
        file(
            FileError::TooManyPixels {
                width: 0,
                height: 0,
                limit: 0,
            },
            "The image has too many pixels (a decompression bomb is refused from its header).",
        ),
        file(
            FileError::HeicNotDecodable,
            "A HEIC image this server cannot decode.",
        ),
        file(
            FileError::PdfNotRenderable,
            "A PDF this server cannot render.",
        ),
        file(
            FileError::DecodeFailed("…".into()),
            "The image does not decode.",
        ),
        (
            ApiError::RateLimited { retry_after: 1 },
            "The key's request rate was exceeded; wait `Retry-After` seconds.",
        ),
        (
            ApiError::Internal("…".into()),
            "Kyra's fault; the answer's `x-request-id` finds it in the logs.",
        ),
        (
            ApiError::ScreeningUnavailable,
            "Screening before any sanctions/PEP list was imported; with `Retry-After`.",
        ),
        (
            ApiError::Unavailable,
            "The server is stopping or cannot reach its database; with `Retry-After`.",
        ),
    ]
}

/// Compile-time proof that [`error_catalogue`] can name every variant.
#[allow(dead_code)]
fn covers(error: &ApiError) {
    match error {
        ApiError::MissingApiKey
        | ApiError::AuthScheme { .. }
        | ApiError::InvalidApiKey
        | ApiError::RevokedApiKey
        | ApiError::BrowserOrigin
        | ApiError::NotFound(_)
        | ApiError::RouteNotFound
        | ApiError::MethodNotAllowed
        | ApiError::MalformedJson(_)
        | ApiError::InvalidField { .. }
        | ApiError::UnknownField { .. }
        | ApiError::UnsupportedMediaType
        | ApiError::UnsupportedContentEncoding(_)
        | ApiError::PayloadTooLarge { .. }
        | ApiError::InvalidTransition(_)
        | ApiError::ConcurrentChange
        | ApiError::IdempotencyKeyReused
        | ApiError::IdempotencyInFlight
        | ApiError::RateLimited { .. }
        | ApiError::File(_)
        | ApiError::MalformedMultipart
        | ApiError::UnsupportedMultipart
        | ApiError::ScreeningUnavailable
        | ApiError::DocumentRequired
        | ApiError::SelfieRequired
        | ApiError::LivenessRequired
        | ApiError::EndpointDisabled { .. }
        | ApiError::Unavailable
        | ApiError::Internal(_) => {}
    }
}

/// The applicant-facing English text of each reason (`reason-<CODE>` in the journey's Fluent
/// file), which the page quotes so tenants see what their applicants are told.
fn applicant_messages(ftl: &str) -> BTreeMap<String, String> {
    ftl.lines()
        .filter_map(|line| line.strip_prefix("reason-"))
        .filter_map(|rest| rest.split_once(" = "))
        .map(|(code, text)| (code.trim().to_owned(), text.trim().to_owned()))
        .collect()
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Retryable => "retryable",
        Severity::Review => "review",
        Severity::Final => "final",
    }
}

/// The page.
pub fn markdown(ftl: &str) -> String {
    let messages = applicant_messages(ftl);
    let mut out = String::from(
        "# Reference: reason codes, problem codes, events\n\n\
         Generated from the server's code by `server/src/api/reference.rs` (its test fails when \
         this page is stale; `KYRA_BLESS=1 cargo test -p kyra-server reference` rewrites it). The \
         same lists are enums in the OpenAPI document (`ReasonCode`, problem `code`s per \
         operation, `webhooks`).\n\n",
    );
    out.push_str(
        "## Reason codes\n\n\
         A verification's `reason_codes` and each check's `reason_codes` come from this registry. \
         A code's meaning never changes once published. `severity` is the default effect on the \
         decision (a flow's rules may differ): `retryable` declines with a retry, `review` sends \
         the case to a person, `final` declines for good. `suggested action` is what the \
         compliance view tells your backend.\n\n\
         | code | check | severity | retryable | suggested action | meaning | what the applicant reads (en) |\n\
         |---|---|---|---|---|---|---|\n",
    );
    for r in REASONS {
        let action = serde_json::to_value(r.suggested_action)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "| `{}` | `{}` | {} | {} | `{}` | {} | {} |",
            r.code,
            r.check.as_str(),
            severity(r.severity),
            if r.severity == Severity::Retryable {
                "yes"
            } else {
                "no"
            },
            action,
            r.description,
            messages.get(r.code).map(String::as_str).unwrap_or("—"),
        );
    }
    out.push_str(
        "\n## Problem codes\n\n\
         Every error of the API is `application/problem+json` with one of these `code`s; the \
         OpenAPI document lists, per operation, the codes each status can carry.\n\n\
         | status | code | when | example `detail` |\n|---|---|---|---|\n",
    );
    let mut rows: Vec<(u16, &'static str, &'static str, String)> = error_catalogue()
        .into_iter()
        .map(|(e, when)| (e.status().as_u16(), e.code(), when, e.to_string()))
        .collect();
    rows.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    rows.dedup_by(|a, b| (a.0, a.1) == (b.0, b.1));
    for (status, code, when, detail) in rows {
        let _ = writeln!(
            out,
            "| {status} | `{code}` | {when} | {} |",
            detail.replace('|', "\\|")
        );
    }
    out.push_str(
        "\n## Webhook events\n\n\
         Every delivery is `{type, timestamp, data}`, signed per Standard Webhooks \
         (`docs/webhooks.md`). For `verification.*` and `fraud.flagged`, `data` is the \
         verification object as of the event (`GET /api/v1/verifications/{id}`).\n\n",
    );
    for (kind, when) in crate::api::openapi::EVENT_DESCRIPTIONS {
        let sample = crate::api::openapi::sample_event(kind);
        let _ = write!(
            out,
            "### `{kind}`\n\n{when}\n\n```json\n{}\n```\n\n",
            serde_json::to_string_pretty(&sample).unwrap_or_default()
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn root() -> &'static Path {
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
    }

    #[test]
    fn the_reference_page_is_current() {
        let ftl = std::fs::read_to_string(root().join("app/locales/en/journey.ftl"))
            .expect("read the English journey messages");
        let rendered = markdown(&ftl);
        let path = root().join("docs/reference.md");
        if std::env::var_os("KYRA_BLESS").is_some() {
            std::fs::write(&path, &rendered).expect("write docs/reference.md");
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == rendered,
            "docs/reference.md is stale: run `KYRA_BLESS=1 cargo test -p kyra-server reference`"
        );
    }

    #[test]
    fn every_reason_has_an_applicant_message() {
        let ftl = std::fs::read_to_string(root().join("app/locales/en/journey.ftl"))
            .expect("read the English journey messages");
        let messages = applicant_messages(&ftl);
        for r in REASONS {
            assert!(
                messages.contains_key(r.code),
                "no reason-{} in journey.ftl",
                r.code
            );
        }
    }

    #[test]
    fn every_event_type_is_described_with_a_sample() {
        let described: Vec<&str> = crate::api::openapi::EVENT_DESCRIPTIONS
            .iter()
            .map(|(kind, _)| *kind)
            .collect();
        assert_eq!(described, crate::webhooks::EVENT_TYPES);
        for kind in described {
            assert_eq!(crate::api::openapi::sample_event(kind)["type"], kind);
        }
    }
}
