//! Prefixed, opaque identifiers (`vrf_01jh…`). One newtype per concept so a tenant id can never be
//! passed where a verification id is expected.

use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        // Not every id type is parsed from input or read back yet.
        #[allow(dead_code)]
        impl $name {
            /// A new random, time-ordered id.
            pub fn generate() -> Self {
                $name(format!("{}{}", $prefix, ulid::Ulid::new().to_string().to_lowercase()))
            }

            /// Accepts a string only if it has this id's prefix and a well-formed ULID body.
            pub fn parse(s: &str) -> Option<Self> {
                let body = s.strip_prefix($prefix)?;
                (body.len() == 26 && ulid::Ulid::from_string(body).is_ok()).then(|| $name(s.to_owned()))
            }

            /// Wraps a value read back from our own database.
            pub fn from_db(s: String) -> Self {
                $name(s)
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                id_schema($prefix)
            }
        }

        impl utoipa::ToSchema for $name {}
    };
}

id_type!(/// An organisation using Kyra.
    TenantId, "ten_");
id_type!(/// A tenant's configured journey and rules.
    FlowId, "flw_");
id_type!(/// An API key's public identifier (never the secret).
    KeyId, "key_");
id_type!(/// One applicant journey and its decision.
    VerificationId, "vrf_");
id_type!(/// A recorded consent.
    ConsentId, "cns_");
id_type!(/// An uploaded document (image or PDF).
    DocumentId, "doc_");
id_type!(/// A single-use liveness challenge (the movement the applicant is asked to make).
    ChallengeId, "lvc_");
id_type!(/// One check run of one verification attempt; also its durable job.
    CheckId, "chk_");
id_type!(/// A decision taken on the checks of one attempt.
    DecisionId, "dec_");
id_type!(/// A state change; the source of webhooks.
    EventId, "evt_");
id_type!(/// One entry of the hash-chained audit log.
    AuditId, "aud_");
id_type!(/// A tenant's webhook receiver URL with its signing secret.
    WebhookEndpointId, "whe_");
id_type!(/// One event to deliver to one endpoint; its id is the stable `webhook-id` header.
    MessageId, "msg_");
id_type!(/// One HTTP delivery attempt of a message.
    AttemptId, "att_");
id_type!(/// One imported version of one sanctions/PEP list.
    ListVersionId, "lsv_");
id_type!(/// A subject under ongoing sanctions/PEP monitoring.
    MonitoredId, "mon_");
id_type!(/// A person of a tenant who signs in to the console.
    OperatorId, "opr_");
id_type!(/// An operator's decision on an attempt in review.
    ReviewId, "rev_");

/// The OpenAPI schema of an id: the exact shape [`generate`](VerificationId::generate) produces
/// (a lower-case ULID, whose first character is at most `7`), so clients and fuzzers can tell a
/// well-formed id from a malformed one.
fn id_schema(prefix: &str) -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
    use utoipa::openapi::schema::{ObjectBuilder, Type};
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(format!("^{prefix}[0-7][0-9a-hjkmnp-tv-z]{{25}}$")))
        .examples([format!("{prefix}01jh7x9k2q8m4c5t6v7w8y9z0a")])
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_ids_parse_back() {
        let id = VerificationId::generate();
        assert!(id.as_str().starts_with("vrf_"));
        assert_eq!(VerificationId::parse(id.as_str()), Some(id));
    }

    #[test]
    fn generated_ids_match_their_documented_pattern() {
        let id = WebhookEndpointId::generate();
        let body = &id.as_str()["whe_".len()..];
        assert_eq!(body.len(), 26);
        assert!(body.starts_with(|c: char| ('0'..='7').contains(&c)), "{id}");
        assert!(
            body.chars()
                .all(|c| c.is_ascii_digit() || (c.is_ascii_lowercase() && !"ilou".contains(c))),
            "{id}"
        );
    }

    #[test]
    fn wrong_prefix_or_body_is_refused() {
        let id = TenantId::generate();
        assert!(VerificationId::parse(id.as_str()).is_none());
        assert!(VerificationId::parse("vrf_").is_none());
        assert!(VerificationId::parse("vrf_../../etc/passwd").is_none());
        assert!(VerificationId::parse("vrf_!!!!!!!!!!!!!!!!!!!!!!!!!!").is_none());
    }
}
