-- Tenant API v1: decisions on the verification, kept attempts, idempotency, audit request ids.

ALTER TABLE verifications ADD COLUMN decline_type TEXT;
ALTER TABLE verifications ADD COLUMN reason_codes TEXT NOT NULL DEFAULT '[]';
ALTER TABLE verifications ADD COLUMN risk_flags TEXT NOT NULL DEFAULT '[]';
ALTER TABLE verifications ADD COLUMN requested_checks TEXT NOT NULL DEFAULT '[]';
CREATE INDEX verifications_expiry ON verifications (status, expires_at);

-- Earlier attempts of a verification, snapshotted when it is rerun.
CREATE TABLE verification_attempts (
    verification_id  TEXT NOT NULL REFERENCES verifications(id),
    attempt          BIGINT NOT NULL,
    status           TEXT NOT NULL,
    decline_type     TEXT,
    reason_codes     TEXT NOT NULL,
    risk_flags       TEXT NOT NULL,
    started_at       BIGINT NOT NULL,
    submitted_at     BIGINT,
    completed_at     BIGINT,
    ended_at         BIGINT NOT NULL,
    PRIMARY KEY (verification_id, attempt)
);

-- Responses remembered for `Idempotency-Key` replays. The body is sealed: a create response
-- carries the client token.
CREATE TABLE idempotency_keys (
    tenant_id      TEXT NOT NULL,
    mode           TEXT NOT NULL,
    idem_key       TEXT NOT NULL,
    request_hash   TEXT NOT NULL,
    status_code    BIGINT,
    response       TEXT,
    created_at     BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, mode, idem_key)
);
CREATE INDEX idempotency_keys_age ON idempotency_keys (created_at);

ALTER TABLE events ADD COLUMN request_id TEXT;
