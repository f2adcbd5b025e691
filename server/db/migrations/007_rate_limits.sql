-- Rate-limit counters shared by every server process on this database, so a limit holds
-- however many processes serve.
-- One row per key (`ip:…`, `auth:…`, `principal:…`) and fixed window; each process adds its
-- counts in batches (server/http/rate-limit.ts), so this is written a few times a second at most.
CREATE TABLE rate_limits (
  key TEXT NOT NULL,
  window_start INTEGER NOT NULL,
  hits INTEGER NOT NULL,
  PRIMARY KEY (key, window_start)
) WITHOUT ROWID;
CREATE INDEX rate_limits_window ON rate_limits(window_start);
