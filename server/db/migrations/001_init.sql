-- The first schema. Never edit a landed migration: add the next numbered file instead.

CREATE TABLE companies (
  id INTEGER PRIMARY KEY,
  cvr TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL
);

-- A workplace is a production unit (P-number) of one company; its municipality decides the
-- local jobcenter (a postal code alone may span two municipalities).
CREATE TABLE workplaces (
  p_number TEXT PRIMARY KEY,
  company_id INTEGER NOT NULL REFERENCES companies(id),
  name TEXT NOT NULL,
  street TEXT NOT NULL,
  postal_code TEXT NOT NULL,
  city TEXT NOT NULL,
  municipality_code TEXT NOT NULL
);
CREATE INDEX workplaces_company ON workplaces(company_id);

CREATE TABLE contact_persons (
  id INTEGER PRIMARY KEY,
  company_id INTEGER NOT NULL REFERENCES companies(id),
  workplace_p_number TEXT REFERENCES workplaces(p_number),
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  phone TEXT
);
CREATE INDEX contact_persons_company ON contact_persons(company_id);

-- One jobcenter per municipality; its id is the 3-digit municipality code.
CREATE TABLE jobcenters (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  municipality_code TEXT NOT NULL,
  signed_up INTEGER NOT NULL DEFAULT 0
);

-- API keys are stored as SHA-256 hashes of high-entropy secrets; the secret is shown once.
CREATE TABLE api_keys (
  id INTEGER PRIMARY KEY,
  key_hash TEXT NOT NULL UNIQUE,
  label TEXT NOT NULL,
  company_id INTEGER REFERENCES companies(id),
  jobcenter_id TEXT REFERENCES jobcenters(id),
  created_at TEXT NOT NULL,
  revoked_at TEXT,
  CHECK ((company_id IS NULL) <> (jobcenter_id IS NULL))
);

-- AUTOINCREMENT: ids are sequential and never reused, so the newest order has the highest id (R2.8).
CREATE TABLE job_orders (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  company_id INTEGER NOT NULL REFERENCES companies(id),
  occupation_code TEXT NOT NULL,
  occupation_title TEXT NOT NULL,
  title_sort_key TEXT NOT NULL,
  responsible_jobcenter_id TEXT NOT NULL REFERENCES jobcenters(id),
  description TEXT NOT NULL,
  positions INTEGER NOT NULL,
  email_on_placement INTEGER NOT NULL,
  long_term INTEGER NOT NULL,
  start_date TEXT,
  duration_days INTEGER,
  response_deadline TEXT,
  max_candidates INTEGER,
  working_time TEXT NOT NULL,
  weekly_hours INTEGER,
  working_hours_condition TEXT NOT NULL,
  response_method TEXT NOT NULL,
  workplace_p_number TEXT NOT NULL,
  workplace_name TEXT NOT NULL,
  workplace_street TEXT NOT NULL,
  workplace_floor TEXT,
  workplace_door TEXT,
  workplace_postal_code TEXT NOT NULL,
  workplace_city TEXT NOT NULL,
  contact_person_id INTEGER REFERENCES contact_persons(id),
  contact_name TEXT NOT NULL,
  contact_sort_key TEXT NOT NULL,
  contact_email TEXT NOT NULL,
  contact_phone TEXT,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'inactive', 'closed')),
  status_rank INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_by_kind TEXT NOT NULL,
  created_by_name TEXT NOT NULL,
  coordinator_name TEXT,
  coordinator_email TEXT,
  coordinator_phone TEXT,
  candidate_count INTEGER NOT NULL DEFAULT 0,
  latest_note_text TEXT,
  latest_note_at TEXT,
  latest_note_by TEXT
);
-- Keyset pagination walks (sort column, id) within one company.
CREATE INDEX job_orders_company_id ON job_orders(company_id, id);
CREATE INDEX job_orders_company_title ON job_orders(company_id, title_sort_key, id);
CREATE INDEX job_orders_company_contact ON job_orders(company_id, contact_sort_key, id);
CREATE INDEX job_orders_company_status ON job_orders(company_id, status_rank, id);
CREATE INDEX job_orders_company_updated ON job_orders(company_id, updated_at, id);
CREATE INDEX job_orders_company_candidates ON job_orders(company_id, candidate_count, id);
CREATE INDEX job_orders_company_long_term ON job_orders(company_id, long_term, id);
CREATE INDEX job_orders_jobcenter ON job_orders(responsible_jobcenter_id, id);

-- The placement log (formidlingslog), oldest first by id.
CREATE TABLE job_order_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  job_order_id INTEGER NOT NULL REFERENCES job_orders(id),
  at TEXT NOT NULL,
  actor_kind TEXT NOT NULL CHECK (actor_kind IN ('company', 'jobcenter')),
  actor_name TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('created', 'changed', 'placement', 'withdrawn', 'note')),
  description TEXT NOT NULL DEFAULT '',
  status TEXT,
  placement_id INTEGER
);
CREATE INDEX job_order_log_order ON job_order_log(job_order_id, id);

-- A placed candidate. Address fields of an address-protected person are never stored with the
-- order's data that leaves the server; the API filters on address_protected.
CREATE TABLE placements (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  job_order_id INTEGER NOT NULL REFERENCES job_orders(id),
  jobcenter_id TEXT NOT NULL REFERENCES jobcenters(id),
  placed_by_name TEXT NOT NULL,
  candidate_name TEXT NOT NULL,
  birth_year INTEGER NOT NULL,
  address_protected INTEGER NOT NULL,
  address_street TEXT,
  address_postal_code TEXT,
  address_city TEXT,
  cv_searchable INTEGER NOT NULL,
  cv_json TEXT,
  website TEXT,
  email TEXT,
  phone TEXT,
  description TEXT NOT NULL,
  placed_at TEXT NOT NULL,
  withdrawn_at TEXT,
  withdraw_reason TEXT
);
CREATE INDEX placements_order ON placements(job_order_id, id);

-- Transactional outbox: an e-mail is written with the change that causes it and sent later by a
-- worker that claims rows with a lease, so it is never lost and never sent twice.
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  dedupe_key TEXT NOT NULL UNIQUE,
  to_address TEXT NOT NULL,
  subject TEXT NOT NULL,
  text_body TEXT NOT NULL,
  html_body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  lease_owner TEXT,
  lease_until TEXT,
  sent_at TEXT,
  last_error TEXT
);
CREATE INDEX outbox_due ON outbox(sent_at, next_attempt_at);

-- Idempotency-Key: the first response to a key is stored and replayed for retries.
CREATE TABLE idempotency_keys (
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  response_json TEXT NOT NULL,
  location TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (scope, key)
);
