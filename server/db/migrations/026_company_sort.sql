-- The jobcenter's list sorts by the company's name too (every column sorts, R3.3). The name lives
-- in companies; a copy of its sort key on each order lets one index per list scope serve the sort
-- (keyset: scope, status rank, key, id) without a join or a temporary b-tree. New orders get the key from
-- danishSortKey (server/domain/danish-sort.ts); here existing orders get it in SQL, which lowers
-- ASCII and the Danish letters æ, ø and å the same way (other accented capitals keep their case).
ALTER TABLE job_orders ADD COLUMN company_sort_key TEXT NOT NULL DEFAULT '';

UPDATE job_orders SET company_sort_key = (
  SELECT replace(replace(replace(replace(replace(replace(lower(c.name), 'æ', '{'), 'Æ', '{'), 'ø', '|'), 'Ø', '|'), 'å', '}'), 'Å', '}')
    FROM companies c WHERE c.id = job_orders.company_id
);

-- A renamed company (the admin command or a repair by hand) keeps its orders' sort key true.
CREATE TRIGGER job_orders_company_sort_key AFTER UPDATE OF name ON companies BEGIN
  UPDATE job_orders
     SET company_sort_key = replace(replace(replace(replace(replace(replace(lower(NEW.name), 'æ', '{'), 'Æ', '{'), 'ø', '|'), 'Ø', '|'), 'å', '}'), 'Å', '}')
   WHERE company_id = NEW.id;
END;

-- One index per list scope (the company's own list, every order in the scheme, the jobcenter's own),
-- shaped like the other sorts' (025): scope, status rank, key, id.
CREATE INDEX job_orders_company_by_company ON job_orders(company_id, status_rank, company_sort_key, id);
CREATE INDEX job_orders_all_by_company ON job_orders(status_rank, company_sort_key, id);
CREATE INDEX job_orders_responsible_by_company ON job_orders(responsible_jobcenter_id, status_rank, company_sort_key, id);
