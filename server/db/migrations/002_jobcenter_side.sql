-- The jobcenter side: when the coordinator was appointed, outbox rows that were given
-- up on, and indexes for lists that span every company (a jobcenter sees all orders, R1.4).

ALTER TABLE job_orders ADD COLUMN coordinator_appointed_at TEXT;

-- An e-mail that failed `maxAttempts` times stops being retried; it stays for an operator to see.
ALTER TABLE outbox ADD COLUMN failed_at TEXT;
CREATE INDEX outbox_pending ON outbox(next_attempt_at, id) WHERE sent_at IS NULL AND failed_at IS NULL;

-- A jobcenter reads the placements it made itself.
CREATE INDEX placements_jobcenter ON placements(jobcenter_id, job_order_id, id);

-- Keyset pagination over all orders, for jobcenter callers.
CREATE INDEX job_orders_all_title ON job_orders(title_sort_key, id);
CREATE INDEX job_orders_all_contact ON job_orders(contact_sort_key, id);
CREATE INDEX job_orders_all_status ON job_orders(status_rank, id);
CREATE INDEX job_orders_all_updated ON job_orders(updated_at, id);
CREATE INDEX job_orders_all_candidates ON job_orders(candidate_count, id);
CREATE INDEX job_orders_all_long_term ON job_orders(long_term, id);
