-- One index per (scope, sort key) for the order lists, instead of one per (scope, sort key,
-- filter): every create writes every index on job_orders, and an edit or placement rewrites the
-- ones whose columns it changes.
--
-- Each index leads with the scope (company_id, responsible_jobcenter_id, or nothing for every
-- order in the scheme), then status_rank, then the sort column and id. A list with ?status= is
-- one range of it, read forwards or backwards; a list without is the merge of its three status
-- ranges, each already in sort order (server/db/job-orders.ts). Either way a page reads about
-- as many index entries as it returns, however rare the status and however it correlates with
-- the sort: skipping the other statuses on a sort-only index can walk most of the table (old
-- orders are closed, so "open, least recently updated first" would pass every closed one).
--
-- Sorting by status and by id share the (scope, status_rank, id) indexes; the list of every
-- order by id walks the table itself. A jobcenter's own orders (?responsible=true) keep a scope
-- of their own: as a filter over every order, a small municipality's first page would walk
-- nearly all of them. test/server/db/query-plans.test.ts holds each list shape to its index.

DROP INDEX IF EXISTS job_orders_company_id;
DROP INDEX IF EXISTS job_orders_company_title;
DROP INDEX IF EXISTS job_orders_company_contact;
DROP INDEX IF EXISTS job_orders_company_updated;
DROP INDEX IF EXISTS job_orders_company_candidates;
DROP INDEX IF EXISTS job_orders_company_long_term;
DROP INDEX IF EXISTS job_orders_jobcenter;
DROP INDEX IF EXISTS job_orders_all_title;
DROP INDEX IF EXISTS job_orders_all_contact;
DROP INDEX IF EXISTS job_orders_all_updated;
DROP INDEX IF EXISTS job_orders_all_candidates;
DROP INDEX IF EXISTS job_orders_all_long_term;
DROP INDEX IF EXISTS job_orders_all_status_id;
DROP INDEX IF EXISTS job_orders_all_status_title;
DROP INDEX IF EXISTS job_orders_all_status_contact;
DROP INDEX IF EXISTS job_orders_all_status_updated;
DROP INDEX IF EXISTS job_orders_all_status_candidates;
DROP INDEX IF EXISTS job_orders_all_status_long_term;
DROP INDEX IF EXISTS job_orders_responsible_title;
DROP INDEX IF EXISTS job_orders_responsible_contact;
DROP INDEX IF EXISTS job_orders_responsible_updated;
DROP INDEX IF EXISTS job_orders_responsible_candidates;
DROP INDEX IF EXISTS job_orders_responsible_long_term;
DROP INDEX IF EXISTS job_orders_responsible_status_id;
DROP INDEX IF EXISTS job_orders_responsible_status_title;
DROP INDEX IF EXISTS job_orders_responsible_status_contact;
DROP INDEX IF EXISTS job_orders_responsible_status_updated;
DROP INDEX IF EXISTS job_orders_responsible_status_candidates;
DROP INDEX IF EXISTS job_orders_responsible_status_long_term;

-- Kept as they are: job_orders_company_status (company_id, status_rank, id),
-- job_orders_all_status (status_rank, id), job_orders_responsible_status (responsible_jobcenter_id, status_rank, id).

CREATE INDEX job_orders_company_by_title ON job_orders(company_id, status_rank, title_sort_key, id);
CREATE INDEX job_orders_company_by_contact ON job_orders(company_id, status_rank, contact_sort_key, id);
CREATE INDEX job_orders_company_by_updated ON job_orders(company_id, status_rank, updated_at, id);
CREATE INDEX job_orders_company_by_candidates ON job_orders(company_id, status_rank, candidate_count, id);
CREATE INDEX job_orders_company_by_long_term ON job_orders(company_id, status_rank, long_term, id);

CREATE INDEX job_orders_all_by_title ON job_orders(status_rank, title_sort_key, id);
CREATE INDEX job_orders_all_by_contact ON job_orders(status_rank, contact_sort_key, id);
CREATE INDEX job_orders_all_by_updated ON job_orders(status_rank, updated_at, id);
CREATE INDEX job_orders_all_by_candidates ON job_orders(status_rank, candidate_count, id);
CREATE INDEX job_orders_all_by_long_term ON job_orders(status_rank, long_term, id);

CREATE INDEX job_orders_responsible_by_title ON job_orders(responsible_jobcenter_id, status_rank, title_sort_key, id);
CREATE INDEX job_orders_responsible_by_contact ON job_orders(responsible_jobcenter_id, status_rank, contact_sort_key, id);
CREATE INDEX job_orders_responsible_by_updated ON job_orders(responsible_jobcenter_id, status_rank, updated_at, id);
CREATE INDEX job_orders_responsible_by_candidates ON job_orders(responsible_jobcenter_id, status_rank, candidate_count, id);
CREATE INDEX job_orders_responsible_by_long_term ON job_orders(responsible_jobcenter_id, status_rank, long_term, id);
