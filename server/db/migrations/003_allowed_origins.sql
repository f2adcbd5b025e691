-- Browser origins each tenant may embed the widgets on (CORS, architecture "Cross-origin embedding").
CREATE TABLE allowed_origins (
  id INTEGER PRIMARY KEY,
  origin TEXT NOT NULL,
  company_id INTEGER REFERENCES companies(id),
  jobcenter_id TEXT REFERENCES jobcenters(id),
  created_at TEXT NOT NULL,
  CHECK ((company_id IS NULL) <> (jobcenter_id IS NULL))
);
CREATE UNIQUE INDEX allowed_origins_company ON allowed_origins(company_id, origin) WHERE company_id IS NOT NULL;
CREATE UNIQUE INDEX allowed_origins_jobcenter ON allowed_origins(jobcenter_id, origin) WHERE jobcenter_id IS NOT NULL;
CREATE INDEX allowed_origins_origin ON allowed_origins(origin);
