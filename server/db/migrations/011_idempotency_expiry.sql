-- Stored Idempotency-Key responses are purged once older than the retention (server/housekeeping.ts):
-- the purge finds them by age without reading the whole table.
CREATE INDEX idempotency_keys_created ON idempotency_keys(created_at);
