-- Tenants, flows, API keys, verifications, consents and the event log.
-- Times are Unix milliseconds (UTC); ids are prefixed ULIDs; secrets are stored as hex SHA-256.

CREATE TABLE tenants (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    created_at  BIGINT NOT NULL
);

CREATE TABLE flows (
    id          TEXT PRIMARY KEY,
    tenant_id   TEXT NOT NULL REFERENCES tenants(id),
    name        TEXT NOT NULL,
    version     BIGINT NOT NULL,
    config      TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX flows_tenant ON flows (tenant_id);

CREATE TABLE api_keys (
    id            TEXT PRIMARY KEY,
    tenant_id     TEXT NOT NULL REFERENCES tenants(id),
    flow_id       TEXT NOT NULL REFERENCES flows(id),
    mode          TEXT NOT NULL CHECK (mode IN ('test', 'live')),
    prefix        TEXT NOT NULL,
    secret_hash   TEXT NOT NULL UNIQUE,
    created_at    BIGINT NOT NULL,
    last_used_at  BIGINT,
    revoked_at    BIGINT
);
CREATE INDEX api_keys_tenant ON api_keys (tenant_id);

CREATE TABLE verifications (
    id                 TEXT PRIMARY KEY,
    tenant_id          TEXT NOT NULL REFERENCES tenants(id),
    flow_id            TEXT NOT NULL REFERENCES flows(id),
    flow_version       BIGINT NOT NULL,
    mode               TEXT NOT NULL CHECK (mode IN ('test', 'live')),
    status             TEXT NOT NULL,
    step               TEXT NOT NULL,
    reference_id       TEXT,
    applicant_sealed   TEXT,
    locale             TEXT,
    return_url         TEXT,
    metadata           TEXT NOT NULL,
    client_token_hash  TEXT NOT NULL,
    attempt            BIGINT NOT NULL,
    max_attempts       BIGINT NOT NULL,
    sequence           BIGINT NOT NULL,
    created_at         BIGINT NOT NULL,
    updated_at         BIGINT NOT NULL,
    expires_at         BIGINT NOT NULL,
    submitted_at       BIGINT,
    completed_at       BIGINT
);
CREATE INDEX verifications_list ON verifications (tenant_id, mode, created_at, id);
CREATE INDEX verifications_reference ON verifications (tenant_id, mode, reference_id);

CREATE TABLE consents (
    id               TEXT PRIMARY KEY,
    verification_id  TEXT NOT NULL REFERENCES verifications(id),
    text_version     TEXT NOT NULL,
    accepted_at      BIGINT NOT NULL,
    ip               TEXT,
    user_agent       TEXT
);
CREATE INDEX consents_verification ON consents (verification_id);

CREATE TABLE events (
    id               TEXT PRIMARY KEY,
    tenant_id        TEXT NOT NULL REFERENCES tenants(id),
    mode             TEXT NOT NULL,
    verification_id  TEXT REFERENCES verifications(id),
    sequence         BIGINT NOT NULL,
    type             TEXT NOT NULL,
    actor            TEXT NOT NULL,
    payload          TEXT NOT NULL,
    created_at       BIGINT NOT NULL
);
CREATE INDEX events_verification ON events (verification_id, sequence);
