-- Face checks.
--
-- A liveness frame records the challenge it answered and its place in the capture, so the check
-- scores exactly the frames of one capture, in the order they were filmed (rows written in one
-- request share their `created_at`).
ALTER TABLE documents ADD COLUMN challenge_id TEXT;
ALTER TABLE documents ADD COLUMN frame_index BIGINT;

-- The selfie's face descriptor of each attempt, sealed (bound to the verification): the
-- duplicates check compares a new selfie with the other applicants' of the same tenant and mode.
-- A descriptor is biometric data: it is deleted with the applicant's documents.
CREATE TABLE face_embeddings (
    verification_id   TEXT NOT NULL REFERENCES verifications(id),
    attempt           BIGINT NOT NULL,
    tenant_id         TEXT NOT NULL REFERENCES tenants(id),
    mode              TEXT NOT NULL,
    embedding_sealed  TEXT NOT NULL,
    created_at        BIGINT NOT NULL,
    PRIMARY KEY (verification_id, attempt)
);
CREATE INDEX face_embeddings_tenant ON face_embeddings (tenant_id, mode);
