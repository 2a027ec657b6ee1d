-- Retention of the delivery log: finished messages and their attempts are removed once older than
-- `[webhooks] retention_days`. These indexes let the purge find them without scanning.
CREATE INDEX webhook_attempts_time ON webhook_attempts (attempted_at);
CREATE INDEX webhook_messages_finished ON webhook_messages (created_at) WHERE status <> 'pending';
