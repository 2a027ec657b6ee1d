-- Unenrolling a monitored subject. The row is kept, not deleted: the hits already reported for
-- it reference it, and an auditor must be able to tell when monitoring stopped and who stopped it.
-- Monitoring skips rows with `unenrolled_at` set.
ALTER TABLE screening_monitored ADD COLUMN unenrolled_at BIGINT;
-- The audit actor (`api_key:key_…`) and the `x-request-id` of the request that unenrolled it.
ALTER TABLE screening_monitored ADD COLUMN unenrolled_by TEXT;
ALTER TABLE screening_monitored ADD COLUMN unenrolled_request_id TEXT;
