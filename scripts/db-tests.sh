#!/usr/bin/env bash
# The database-focused node tests, which `npm test` runs a second time on @libsql/client
# (JOBAG_DB_DRIVER=client): the drivers, query plans, list paging, orders, journal, races and several processes.
cd "$(dirname "$0")/.."
echo test/server/db/driver/drivers.test.ts test/server/db/query-plans.test.ts test/server/db/job-order-lists.test.ts test/server/db/journal.test.ts test/job-orders.test.ts test/journal.test.ts test/order-races.test.ts test/processes.test.ts
