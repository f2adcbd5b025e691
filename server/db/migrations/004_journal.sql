-- The journal: one append-only table of everything that happened to an order, written
-- in the same transaction as the change. The placement log, the live event stream and (later)
-- webhooks are reads of it. It replaces job_order_log, whose rows are carried over.

CREATE TABLE journal (
  -- Monotonic: SQLite has one writer at a time, so ids commit in order and a reader that has seen
  -- id N never later sees a smaller one appear (what `Last-Event-ID` resumption relies on).
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  job_order_id INTEGER NOT NULL REFERENCES job_orders(id),
  -- Copied from the order so the audience filter needs no join.
  company_id INTEGER NOT NULL REFERENCES companies(id),
  responsible_jobcenter_id TEXT NOT NULL REFERENCES jobcenters(id),
  kind TEXT NOT NULL CHECK (kind IN ('created', 'edited', 'status_changed', 'coordinator_appointed', 'note', 'placement', 'withdrawn')),
  at TEXT NOT NULL,
  actor_kind TEXT NOT NULL CHECK (actor_kind IN ('company', 'jobcenter')),
  -- The organisation (company or jobcenter name) and the person: the contact person or caseworker
  -- a widget token names; NULL for an integration's API key.
  actor_name TEXT NOT NULL,
  actor_person TEXT,
  description TEXT NOT NULL DEFAULT '',
  status TEXT CHECK (status IS NULL OR status IN ('open', 'inactive', 'closed')),
  placement_id INTEGER REFERENCES placements(id),
  -- Who may see the entry besides the company: 'scheme' = every signed-up jobcenter (R1.4);
  -- 'placement' = the jobcenter that placed the candidate (R8.4).
  audience TEXT NOT NULL CHECK (audience IN ('scheme', 'placement')),
  placing_jobcenter_id TEXT REFERENCES jobcenters(id),
  order_version INTEGER NOT NULL
);
CREATE INDEX journal_order ON journal(job_order_id, id);
CREATE INDEX journal_company ON journal(company_id, id);

INSERT INTO journal (id, job_order_id, company_id, responsible_jobcenter_id, kind, at, actor_kind, actor_name, actor_person,
                     description, status, placement_id, audience, placing_jobcenter_id, order_version)
SELECT l.id, l.job_order_id, o.company_id, o.responsible_jobcenter_id,
       CASE WHEN l.action = 'changed' AND l.status IS NOT NULL THEN 'status_changed'
            WHEN l.action = 'changed' THEN 'edited'
            ELSE l.action END,
       l.at, l.actor_kind, l.actor_name, NULL, l.description, l.status, l.placement_id,
       CASE WHEN l.action IN ('placement', 'withdrawn') THEN 'placement' ELSE 'scheme' END,
       p.jobcenter_id, o.version
  FROM job_order_log l
  JOIN job_orders o ON o.id = l.job_order_id
  LEFT JOIN placements p ON p.id = l.placement_id
 ORDER BY l.id;

DROP TABLE job_order_log;
