import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import type { AppDeps } from '../deps.ts';
import { placementStats } from '../../core/stats.ts';
import { parseOrThrow } from '../validate.ts';
import { operation } from '../openapi/operation.ts';
import { coreContext } from './context.ts';
import { StatsQuerySchema } from '../../contract/stats.ts';

const describeStats = operation({
  operationId: 'getPlacementStats', tag: 'Jobcenter side', summary: 'The jobcenter\'s placement statistics',
  description:
    'For the calling jobcenter, per order it placed candidates on and in total: its placements (withdrawn ones not counted), the hires ' +
    'among them (outcome `hired`), whole days from the order\'s creation to its first placement, and the fill rate — hires as a percentage of ' +
    'the order\'s positions. Only the caller\'s own placements count (R8.4). Orders newest first, paged.',
  query: StatsQuerySchema,
  responses: {
    200: { description: 'The numbers.', schema: 'PlacementStats' },
    403: { description: 'A company (`/problems/forbidden`), or a jobcenter not signed up for job orders (`/problems/not-signed-up`).', schema: 'Problem' },
  },
});

export function statsRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/', describeStats, async (c) => {
    const query = parseOrThrow(StatsQuerySchema, c.req.query(), { status: 400 });
    return c.json(await placementStats(coreContext(deps, c), { limit: query.limit, ...(query.cursor === undefined ? {} : { cursor: query.cursor }) }));
  });
}
