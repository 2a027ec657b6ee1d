-- The operator console: the people of a tenant who review cases, their sessions, and the
-- decisions they take.

-- An operator signs in with an email (unique in the deployment, stored lowercased) and a
-- password kept only as an argon2id PHC string. `session_epoch` is written into every session
-- at sign-in; bumping it (sign out everywhere, password reset, disabling) ends them all.
CREATE TABLE operators (
    id             TEXT PRIMARY KEY,
    tenant_id      TEXT NOT NULL REFERENCES tenants(id),
    email          TEXT NOT NULL,
    role           TEXT NOT NULL,
    password_hash  TEXT NOT NULL,
    session_epoch  BIGINT NOT NULL DEFAULT 0,
    disabled_at    BIGINT,
    last_login_at  BIGINT,
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL
);
CREATE UNIQUE INDEX operators_email ON operators (email);
CREATE INDEX operators_tenant ON operators (tenant_id);

-- Console sessions (tower-sessions records). The key is the SHA-256 of the cookie's session id,
-- so reading this table does not hand out live sessions.
CREATE TABLE console_sessions (
    id_hash     TEXT PRIMARY KEY,
    data        TEXT NOT NULL,
    expires_at  BIGINT NOT NULL
);
CREATE INDEX console_sessions_expiry ON console_sessions (expires_at);

-- A reviewer's decision on an attempt the rules sent to review: one per attempt. The note is
-- sealed (bound to the verification): reviewers write about the applicant.
CREATE TABLE reviews (
    id               TEXT PRIMARY KEY,
    verification_id  TEXT NOT NULL REFERENCES verifications(id),
    tenant_id        TEXT NOT NULL REFERENCES tenants(id),
    attempt          BIGINT NOT NULL,
    operator_id      TEXT NOT NULL REFERENCES operators(id),
    outcome          TEXT NOT NULL,
    reason_codes     TEXT NOT NULL,
    note_sealed      TEXT NOT NULL,
    created_at       BIGINT NOT NULL,
    UNIQUE (verification_id, attempt)
);

-- Who is working a case of the review queue, so two reviewers do not decide the same one.
-- A claim lapses after a while (see `review::CLAIM_MS`) so a case is never stuck with someone
-- who went home.
CREATE TABLE review_claims (
    verification_id  TEXT PRIMARY KEY REFERENCES verifications(id),
    operator_id      TEXT NOT NULL REFERENCES operators(id),
    claimed_at       BIGINT NOT NULL
);

-- Who took the current outcome: `rules`, or `operator:<opr_…>`.
ALTER TABLE verifications ADD COLUMN decided_by TEXT;
UPDATE verifications SET decided_by = 'rules'
    WHERE id IN (SELECT verification_id FROM decisions)
      AND status IN ('approved', 'declined', 'needs_review');

-- The review queue (oldest submission first) and the console's status filters.
CREATE INDEX verifications_status ON verifications (tenant_id, status, submitted_at);
