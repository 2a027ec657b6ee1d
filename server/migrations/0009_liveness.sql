-- Active liveness challenges. The server picks the movement the applicant must make, so a
-- replayed or pre-recorded clip cannot know it in advance; each challenge is good for one
-- capture (`used_at`) and for a short time only (`expires_at`). The frames of a capture are
-- documents of type `liveness_frame` of the same verification and attempt.
CREATE TABLE liveness_challenges (
    id               TEXT PRIMARY KEY,
    verification_id  TEXT NOT NULL REFERENCES verifications(id),
    attempt          BIGINT NOT NULL,
    kind             TEXT NOT NULL,
    created_at       BIGINT NOT NULL,
    expires_at       BIGINT NOT NULL,
    used_at          BIGINT
);
CREATE INDEX liveness_challenges_verification ON liveness_challenges (verification_id, attempt);
