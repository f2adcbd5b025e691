-- Each order's answer, stored: the `JobOrder` JSON of the contract, kept up to date by
-- triggers that server/db/order-json.ts makes from the one expression `orderJsonSql`, so a read
-- answers with one column by primary key instead of building the JSON with two joins each time.
ALTER TABLE job_orders ADD COLUMN json TEXT;

-- What a derived column was last built with; a different fingerprint rebuilds it.
CREATE TABLE derived_state (
  name TEXT PRIMARY KEY,
  fingerprint TEXT NOT NULL
);
