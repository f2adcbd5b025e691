import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import { readOrderLog } from '../../core/orders.ts';
import type { AppDeps } from '../deps.ts';
import { pathId } from '../request.ts';
import { parseOrThrow } from '../validate.ts';
import { coreContext } from './context.ts';
import { PageQuerySchema } from '../../contract/page.ts';
import { OrderPathSchema } from '../../contract/parameters.ts';
import { operation } from '../openapi/operation.ts';

const describeLog = operation({
  operationId: 'getJobOrderLog', tag: 'Job orders', summary: 'The placement log',
  description: 'Formidlingslog (R4.3), oldest entry first, paged: a read of the order\'s journal. The guide\'s four action types keep their words — `created` Oprettet, `changed` Ændret (status changes only), `placement` Formidling, `withdrawn` Fjernet — and `edited`, `note` and `coordinator_appointed` name the rest. A placement or withdrawal is shown to the company and to the jobcenter that placed the candidate (R8.4).',
  path: OrderPathSchema,
  query: PageQuerySchema,
  responses: { 200: { description: 'One page of log entries.', schema: 'LogPage' } },
});

/** The placement log (formidlingslog, R4.3): a read of the order's journal, oldest first, paged. */
export function logRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/:id/log', describeLog, async (c) => {
    const id = pathId(c, 'id');
    const page = parseOrThrow(PageQuerySchema, c.req.query(), { status: 400 });
    return c.json(await readOrderLog(coreContext(deps, c), id, page));
  });
}
