//! Webhooks: tenants learn outcomes by signed HTTP callbacks that are never lost.
//!
//! The `events` table, written in the same transaction as every state change, is the outbox. The
//! [`dispatcher`] fans new events out into one message per matching endpoint, claims due
//! messages, signs them per Standard Webhooks ([`signing`]) and delivers them through the
//! [`ssrf`] guard, retrying on the [`retry`] schedule. [`endpoints`] is the tenant API.

pub mod dispatcher;
pub mod endpoints;
pub mod retry;
pub mod signing;
pub mod ssrf;

/// Every event type a tenant can subscribe to (docs/webhooks.md). Endpoint filters are checked
/// against this list so a typo is refused instead of silently never matching.
pub const EVENT_TYPES: &[&str] = &[
    "verification.created",
    "verification.started",
    "verification.document_uploaded",
    "verification.link_issued",
    "verification.submitted",
    "verification.processing",
    "verification.approved",
    "verification.declined",
    "verification.needs_review",
    "verification.rerun",
    "verification.expired",
    "verification.canceled",
    "verification.completed",
    "fraud.flagged",
    "screening.match",
    "webhook.test",
];
