-- "Continue on your phone": single-use, short-lived links that hand a journey from one device to
-- another. Only a keyed digest of the handoff token is stored; the client token the phone
-- continues with is sealed (bound to the digest) so the server can hand it over exactly once.
CREATE TABLE handoffs (
    token_digest         TEXT PRIMARY KEY,
    verification_id      TEXT NOT NULL REFERENCES verifications(id),
    tenant_id            TEXT NOT NULL REFERENCES tenants(id),
    client_token_sealed  TEXT NOT NULL,
    created_at           BIGINT NOT NULL,
    expires_at           BIGINT NOT NULL,
    used_at              BIGINT
);
CREATE INDEX handoffs_verification ON handoffs (verification_id, created_at);
