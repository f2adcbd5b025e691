-- Webhooks for HR systems: an integration's subscriptions to journal kinds,
-- and one delivery row per journal entry and subscription, sent by a leased worker like the outbox.

CREATE TABLE webhook_subscriptions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  -- The tenant that owns it: a company or a jobcenter (the API key's), never both.
  company_id INTEGER REFERENCES companies(id),
  jobcenter_id TEXT REFERENCES jobcenters(id),
  url TEXT NOT NULL,
  -- A JSON array of journal kinds.
  events TEXT NOT NULL,
  -- The signing secret, AES-256-GCM under a key derived from the server's signing secret: it must
  -- be readable to sign, and is shown to the subscriber only once.
  secret_sealed TEXT NOT NULL,
  created_at TEXT NOT NULL,
  -- The dispatcher's cursor: every journal entry up to this id has its delivery row (or was not for this subscription).
  after_journal_id INTEGER NOT NULL,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  failing_since TEXT,
  last_error TEXT,
  disabled_at TEXT,
  disabled_reason TEXT,
  CHECK ((company_id IS NULL) <> (jobcenter_id IS NULL))
);
CREATE INDEX webhook_subscriptions_company ON webhook_subscriptions(company_id);
CREATE INDEX webhook_subscriptions_jobcenter ON webhook_subscriptions(jobcenter_id);

CREATE TABLE webhook_deliveries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  subscription_id INTEGER NOT NULL REFERENCES webhook_subscriptions(id) ON DELETE CASCADE,
  journal_id INTEGER NOT NULL REFERENCES journal(id),
  job_order_id INTEGER NOT NULL,
  -- The body, fixed when the row is made: every retry sends the same bytes under the same webhook-id.
  payload TEXT NOT NULL,
  created_at TEXT NOT NULL,
  next_attempt_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  lease_owner TEXT,
  lease_until TEXT,
  delivered_at TEXT,
  -- Set when its subscription was disabled or deleted while it waited: it is never sent.
  abandoned_at TEXT,
  last_error TEXT,
  -- Exactly once per entry and subscription: a second dispatcher (another process) cannot add it again.
  UNIQUE (subscription_id, journal_id)
);
-- What the claim looks for: due, unsent rows; and per (subscription, order) the oldest unsent one.
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(next_attempt_at) WHERE delivered_at IS NULL AND abandoned_at IS NULL;
CREATE INDEX webhook_deliveries_order ON webhook_deliveries(subscription_id, job_order_id, journal_id) WHERE delivered_at IS NULL AND abandoned_at IS NULL;
