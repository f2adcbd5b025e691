-- Indexes for every list shape the API offers, so no list, log or placements query
-- scans a table or sorts in a temporary b-tree (test/query-plans.test.ts checks every shape).
-- 001 and 002 cover each sort (keyset: sort column, then id) per company and over all orders.
-- Here: a status filter combined with any sort, per company and over all orders, and the
-- jobcenter's `responsible=true` with any sort, with and without a status filter.

-- Company lists with ?status=
CREATE INDEX job_orders_company_status_id ON job_orders(company_id, status, id);
CREATE INDEX job_orders_company_status_title ON job_orders(company_id, status, title_sort_key, id);
CREATE INDEX job_orders_company_status_contact ON job_orders(company_id, status, contact_sort_key, id);
CREATE INDEX job_orders_company_status_updated ON job_orders(company_id, status, updated_at, id);
CREATE INDEX job_orders_company_status_candidates ON job_orders(company_id, status, candidate_count, id);
CREATE INDEX job_orders_company_status_long_term ON job_orders(company_id, status, long_term, id);

-- Jobcenter lists over every order with ?status=
CREATE INDEX job_orders_all_status_id ON job_orders(status, id);
CREATE INDEX job_orders_all_status_title ON job_orders(status, title_sort_key, id);
CREATE INDEX job_orders_all_status_contact ON job_orders(status, contact_sort_key, id);
CREATE INDEX job_orders_all_status_updated ON job_orders(status, updated_at, id);
CREATE INDEX job_orders_all_status_candidates ON job_orders(status, candidate_count, id);
CREATE INDEX job_orders_all_status_long_term ON job_orders(status, long_term, id);

-- The jobcenter's own orders (?responsible=true), every sort; (responsible_jobcenter_id, id) is in 001.
CREATE INDEX job_orders_responsible_title ON job_orders(responsible_jobcenter_id, title_sort_key, id);
CREATE INDEX job_orders_responsible_contact ON job_orders(responsible_jobcenter_id, contact_sort_key, id);
CREATE INDEX job_orders_responsible_status ON job_orders(responsible_jobcenter_id, status_rank, id);
CREATE INDEX job_orders_responsible_updated ON job_orders(responsible_jobcenter_id, updated_at, id);
CREATE INDEX job_orders_responsible_candidates ON job_orders(responsible_jobcenter_id, candidate_count, id);
CREATE INDEX job_orders_responsible_long_term ON job_orders(responsible_jobcenter_id, long_term, id);

-- ... and with ?status=
CREATE INDEX job_orders_responsible_status_id ON job_orders(responsible_jobcenter_id, status, id);
CREATE INDEX job_orders_responsible_status_title ON job_orders(responsible_jobcenter_id, status, title_sort_key, id);
CREATE INDEX job_orders_responsible_status_contact ON job_orders(responsible_jobcenter_id, status, contact_sort_key, id);
CREATE INDEX job_orders_responsible_status_updated ON job_orders(responsible_jobcenter_id, status, updated_at, id);
CREATE INDEX job_orders_responsible_status_candidates ON job_orders(responsible_jobcenter_id, status, candidate_count, id);
CREATE INDEX job_orders_responsible_status_long_term ON job_orders(responsible_jobcenter_id, status, long_term, id);
