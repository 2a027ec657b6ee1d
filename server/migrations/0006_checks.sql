-- The checks pipeline: one row per check of an attempt (also its durable job), the decisions
-- taken on them, and the digest of each document's number for duplicate detection.

-- A check run. Rows are inserted `queued` in the same transaction as the submission; a worker
-- claims a row (`running` with a lease), runs the check and stores its result. A lease that
-- runs out (the worker crashed) makes the row claimable again: checks are idempotent.
CREATE TABLE checks (
    id               TEXT PRIMARY KEY,
    verification_id  TEXT NOT NULL REFERENCES verifications(id),
    tenant_id        TEXT NOT NULL REFERENCES tenants(id),
    attempt          BIGINT NOT NULL,
    type             TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('queued', 'running', 'passed', 'failed', 'review', 'error', 'skipped')),
    reason_codes     TEXT NOT NULL DEFAULT '[]',
    score            DOUBLE PRECISION,
    -- Details may hold personal data (MRZ names, list hits): sealed, bound to the check id.
    details_sealed   TEXT,
    runs             BIGINT NOT NULL DEFAULT 0,
    claimed_until    BIGINT,
    created_at       BIGINT NOT NULL,
    started_at       BIGINT,
    finished_at      BIGINT,
    duration_ms      BIGINT,
    UNIQUE (verification_id, attempt, type)
);
CREATE INDEX checks_queue ON checks (status, created_at);

-- Decisions, append-only: the evidence (check results) and the rules version that produced
-- each outcome, so `kyra decisions replay` can re-evaluate them under other rules.
CREATE TABLE decisions (
    id               TEXT PRIMARY KEY,
    verification_id  TEXT NOT NULL REFERENCES verifications(id),
    tenant_id        TEXT NOT NULL REFERENCES tenants(id),
    flow_id          TEXT NOT NULL,
    flow_version     BIGINT NOT NULL,
    attempt          BIGINT NOT NULL,
    attempts_left    BIGINT NOT NULL,
    outcome          TEXT NOT NULL,
    reason_codes     TEXT NOT NULL,
    risk_flags       TEXT NOT NULL,
    -- JSON array of `kyra_checks::decision::CheckResult`: no personal data.
    evidence         TEXT NOT NULL,
    decided_by       TEXT NOT NULL,
    created_at       BIGINT NOT NULL,
    UNIQUE (verification_id, attempt)
);
CREATE INDEX decisions_flow ON decisions (flow_id, created_at);

-- Keyed digest (HMAC under the tenant's key material) of issuing state + type + number, so
-- duplicates are found without storing document numbers in clear.
ALTER TABLE documents ADD COLUMN number_digest TEXT;
CREATE INDEX documents_number ON documents (tenant_id, number_digest);

-- Every version of every flow's configuration. `flows` holds the current one; a verification
-- pins the version it was created on, and its checks and decision use that version's rules.
CREATE TABLE flow_versions (
    flow_id     TEXT NOT NULL REFERENCES flows(id),
    version     BIGINT NOT NULL,
    config      TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (flow_id, version)
);
INSERT INTO flow_versions (flow_id, version, config, created_at)
    SELECT id, version, config, created_at FROM flows;
