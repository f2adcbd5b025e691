-- Cheaper writes: every index on job_orders is written by every create, edit and placement.
-- A company's list with ?status= walks the company's own sort index (001/002: company, sort
-- column, id) and skips the other statuses: a range, no temporary b-tree, at most the company's
-- orders. These six per-company status indexes bought nothing the plans need
-- (test/query-plans.test.ts still checks every shape).
DROP INDEX IF EXISTS job_orders_company_status_id;
DROP INDEX IF EXISTS job_orders_company_status_title;
DROP INDEX IF EXISTS job_orders_company_status_contact;
DROP INDEX IF EXISTS job_orders_company_status_updated;
DROP INDEX IF EXISTS job_orders_company_status_candidates;
DROP INDEX IF EXISTS job_orders_company_status_long_term;
