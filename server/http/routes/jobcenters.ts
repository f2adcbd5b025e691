import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import type { AppDeps } from '../deps.ts';
import { jobcentersInDanishOrder } from '../../core/jobcenters.ts';
import { parseOrThrow } from '../validate.ts';
import { operation } from '../openapi/operation.ts';
import { JobcenterQuerySchema } from '../../contract/reference.ts';

const describeListJobcenters = operation({
  operationId: 'listJobcenters', tag: 'Reference data', summary: 'List jobcenters',
  description: 'One jobcenter per municipality; `signedUp` tells which can be chosen as responsible (R1.3).',
  query: JobcenterQuerySchema,
  responses: { 200: { description: 'Jobcenters in Danish alphabetical order.', schema: 'JobcenterPage' } },
});

export function jobcenterRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/', describeListJobcenters, async (c) => {
    const query = parseOrThrow(JobcenterQuerySchema, c.req.query(), { status: 400 });
    const items = await jobcentersInDanishOrder(deps, query.signedUp === undefined ? undefined : query.signedUp === 'true');
    return c.json({ items, nextCursor: null });
  });
}
