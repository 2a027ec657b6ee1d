-- The audit log: who changed what, outside a verification's own event trail (webhook endpoints,
-- API keys, tenants, flows, screening monitoring). Append-only and hash-chained: each entry's
-- `hash` covers its fields and the previous entry's hash, so editing or deleting an entry breaks
-- every later hash (`kyra audit verify` finds where). Entries never hold secrets or PII.
CREATE TABLE audit_log (
    seq          BIGINT PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    tenant_id    TEXT,
    mode         TEXT,
    actor        TEXT NOT NULL,
    action       TEXT NOT NULL,
    target_type  TEXT NOT NULL,
    target_id    TEXT NOT NULL,
    request_id   TEXT,
    details      TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL
);
CREATE INDEX audit_log_tenant ON audit_log (tenant_id, mode, seq);
