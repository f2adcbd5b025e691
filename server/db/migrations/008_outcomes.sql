-- Outcomes, close reasons and copies: what became of a placed candidate, why an order
-- was closed, and which order a new one was copied from.

-- A placement's latest outcome; a later one replaces it (each is a journal entry of its own).
ALTER TABLE placements ADD COLUMN outcome TEXT CHECK (outcome IS NULL OR outcome IN ('hired', 'interviewed', 'not_suitable', 'no_show'));
ALTER TABLE placements ADD COLUMN outcome_start_date TEXT;
ALTER TABLE placements ADD COLUMN outcome_reason TEXT;
ALTER TABLE placements ADD COLUMN outcome_at TEXT;

-- Set when the order is closed, cleared when it is opened or paused again.
ALTER TABLE job_orders ADD COLUMN close_reason TEXT CHECK (close_reason IS NULL OR close_reason IN ('filled_by_placement', 'filled_otherwise', 'no_longer_needed', 'other'));

-- The journal's CHECK on kind is part of its table, so the table is rebuilt with the new kind
-- ('outcome') and the facts the new entries carry. Ids are kept: event streams resume by them.
CREATE TABLE journal_008 (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  job_order_id INTEGER NOT NULL REFERENCES job_orders(id),
  company_id INTEGER NOT NULL REFERENCES companies(id),
  responsible_jobcenter_id TEXT NOT NULL REFERENCES jobcenters(id),
  kind TEXT NOT NULL CHECK (kind IN ('created', 'edited', 'status_changed', 'coordinator_appointed', 'note', 'placement', 'withdrawn', 'outcome')),
  at TEXT NOT NULL,
  actor_kind TEXT NOT NULL CHECK (actor_kind IN ('company', 'jobcenter')),
  actor_name TEXT NOT NULL,
  actor_person TEXT,
  description TEXT NOT NULL DEFAULT '',
  status TEXT CHECK (status IS NULL OR status IN ('open', 'inactive', 'closed')),
  placement_id INTEGER REFERENCES placements(id),
  audience TEXT NOT NULL CHECK (audience IN ('scheme', 'placement')),
  placing_jobcenter_id TEXT REFERENCES jobcenters(id),
  order_version INTEGER NOT NULL,
  -- kind 'outcome': the outcome recorded, with its start date (hired) or reason (not_suitable)
  outcome TEXT CHECK (outcome IS NULL OR outcome IN ('hired', 'interviewed', 'not_suitable', 'no_show')),
  outcome_start_date TEXT,
  outcome_reason TEXT,
  -- kind 'status_changed' to closed: why
  close_reason TEXT CHECK (close_reason IS NULL OR close_reason IN ('filled_by_placement', 'filled_otherwise', 'no_longer_needed', 'other')),
  -- kind 'created' of a copy: the order it was copied from
  copy_of INTEGER REFERENCES job_orders(id)
);
INSERT INTO journal_008 (id, job_order_id, company_id, responsible_jobcenter_id, kind, at, actor_kind, actor_name, actor_person,
                         description, status, placement_id, audience, placing_jobcenter_id, order_version)
SELECT id, job_order_id, company_id, responsible_jobcenter_id, kind, at, actor_kind, actor_name, actor_person,
       description, status, placement_id, audience, placing_jobcenter_id, order_version
  FROM journal ORDER BY id;
DROP TABLE journal;
ALTER TABLE journal_008 RENAME TO journal;
CREATE INDEX journal_order ON journal(job_order_id, id);
CREATE INDEX journal_company ON journal(company_id, id);

-- A jobcenter's statistics read its own placements, order by order.
CREATE INDEX placements_jobcenter_stats ON placements(jobcenter_id, job_order_id) WHERE withdrawn_at IS NULL;
