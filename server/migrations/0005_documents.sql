-- Uploaded documents. The bytes live in the file store, sealed; this row is their index.
CREATE TABLE documents (
    id               TEXT PRIMARY KEY,
    verification_id  TEXT NOT NULL REFERENCES verifications(id),
    tenant_id        TEXT NOT NULL REFERENCES tenants(id),
    attempt          BIGINT NOT NULL,
    document_type    TEXT NOT NULL,
    side             TEXT,
    issuing_country  TEXT,
    format           TEXT NOT NULL,
    sha256           TEXT NOT NULL,
    size_bytes       BIGINT NOT NULL,
    width            BIGINT,
    height           BIGINT,
    created_at       BIGINT NOT NULL
);
CREATE INDEX documents_verification ON documents (verification_id);
CREATE INDEX documents_hash ON documents (tenant_id, sha256);
