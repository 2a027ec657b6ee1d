-- Webhooks: endpoints, one message per (event, endpoint), and the log of every delivery attempt.
-- The `events` table written with each state change is the transactional outbox; `fanned_out_at`
-- marks the events the dispatcher has already turned into messages.

ALTER TABLE events ADD COLUMN fanned_out_at BIGINT;
CREATE INDEX events_fan_out ON events (created_at, id) WHERE fanned_out_at IS NULL;

CREATE TABLE webhook_endpoints (
    id                          TEXT PRIMARY KEY,
    tenant_id                   TEXT NOT NULL REFERENCES tenants(id),
    mode                        TEXT NOT NULL CHECK (mode IN ('test', 'live')),
    url                         TEXT NOT NULL,
    -- JSON array of event types; empty means every event.
    events                      TEXT NOT NULL,
    description                 TEXT,
    -- Signing secrets are needed in plaintext to sign, so they are sealed (bound to the id).
    secret_sealed               TEXT NOT NULL,
    previous_secret_sealed      TEXT,
    previous_secret_expires_at  BIGINT,
    created_at                  BIGINT NOT NULL,
    updated_at                  BIGINT NOT NULL,
    last_success_at             BIGINT,
    last_failure_at             BIGINT,
    failure_streak              BIGINT NOT NULL DEFAULT 0,
    disabled_at                 BIGINT,
    disabled_reason             TEXT,
    deleted_at                  BIGINT
);
CREATE INDEX webhook_endpoints_tenant ON webhook_endpoints (tenant_id, mode);

CREATE TABLE webhook_messages (
    -- The stable `webhook-id` header: the same on every retry of this message.
    id               TEXT PRIMARY KEY,
    endpoint_id      TEXT NOT NULL REFERENCES webhook_endpoints(id),
    event_id         TEXT NOT NULL REFERENCES events(id),
    tenant_id        TEXT NOT NULL,
    mode             TEXT NOT NULL,
    event_type       TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
    attempts         BIGINT NOT NULL DEFAULT 0,
    next_attempt_at  BIGINT NOT NULL,
    claimed_until    BIGINT,
    created_at       BIGINT NOT NULL,
    event_created_at BIGINT NOT NULL,
    last_attempt_at  BIGINT,
    succeeded_at     BIGINT,
    UNIQUE (endpoint_id, event_id)
);
CREATE INDEX webhook_messages_due ON webhook_messages (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_messages_endpoint ON webhook_messages (endpoint_id, created_at);

CREATE TABLE webhook_attempts (
    id                TEXT PRIMARY KEY,
    message_id        TEXT NOT NULL REFERENCES webhook_messages(id),
    endpoint_id       TEXT NOT NULL,
    attempt           BIGINT NOT NULL,
    attempted_at      BIGINT NOT NULL,
    status_code       BIGINT,
    latency_ms        BIGINT NOT NULL,
    -- First 1 KiB of the response body, lossily decoded.
    response_excerpt  TEXT,
    error             TEXT
);
CREATE INDEX webhook_attempts_endpoint ON webhook_attempts (endpoint_id, attempted_at);
CREATE INDEX webhook_attempts_message ON webhook_attempts (message_id, attempted_at);
