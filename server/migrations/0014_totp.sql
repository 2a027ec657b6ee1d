-- Optional second factor for operators: a TOTP secret (RFC 6238, sealed, bound to the
-- operator) and single-use recovery codes kept only as SHA-256 digests.
--
-- The secret is written when the operator starts setting it up and counts only once
-- `totp_enabled_at` is set (after a first code proved the authenticator has it).
-- `totp_last_step` is the time step of the last code accepted: a code is never accepted twice.
ALTER TABLE operators ADD COLUMN totp_secret_sealed TEXT;
ALTER TABLE operators ADD COLUMN totp_enabled_at BIGINT;
ALTER TABLE operators ADD COLUMN totp_last_step BIGINT;

CREATE TABLE operator_recovery_codes (
    operator_id  TEXT NOT NULL REFERENCES operators(id),
    code_hash    TEXT NOT NULL,
    used_at      BIGINT,
    PRIMARY KEY (operator_id, code_hash)
);
