-- The journal read by audience through an index, never by a scan of everyone's entries: the
-- event stream's catch-up (Last-Event-ID) and the placement log read only what the caller may
-- see (server/domain/access.ts, journalEntryVisible). A company's entries are journal_company;
-- a jobcenter sees every 'scheme' entry and the 'placement' entries of the candidates it placed,
-- two index ranges that server/db/journal.ts reads side by side and merges in id order.
CREATE INDEX journal_scheme ON journal(audience, id);
CREATE INDEX journal_placing ON journal(placing_jobcenter_id, id) WHERE audience = 'placement';
