-- The console lists a tenant's verifications across both modes, newest first, and finds them
-- by reference id: the API's indexes lead with the mode, which the console does not filter by
-- (measured on 100,000 rows: the unfiltered list sorted every row of the tenant).
CREATE INDEX verifications_console_list ON verifications (tenant_id, created_at, id);
CREATE INDEX verifications_console_reference ON verifications (tenant_id, reference_id);
