import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../env.ts';
import type { AppDeps } from '../deps.ts';
import { jobcentersInDanishOrder } from '../../core/jobcenters.ts';
import { parseOrThrow } from '../validate.ts';
import { operation } from '../openapi/operation.ts';
import { jobcenterIdPattern } from '../../../sdk/rules.ts';
import { cursorPattern } from '../../contract/page.ts';
import { list, patterned, text } from '../../contract/bounded.ts';

export const JobcenterSchema = v.pipe(
  v.strictObject({
    id: v.pipe(patterned(jobcenterIdPattern, 3), v.description('The municipality code, e.g. "101".')),
    name: text(200),
    municipalityCode: patterned(jobcenterIdPattern, 3),
    signedUp: v.pipe(v.boolean(), v.description('Signed up for job orders (tilmeldt jobordre); only these can be responsible (R1.3).')),
  }),
  v.metadata({ examples: [{ id: '101', name: 'Jobcenter København', municipalityCode: '101', signedUp: true }] }),
);
export const JobcenterPageSchema = v.strictObject({ items: list(JobcenterSchema, 200), nextCursor: v.nullable(patterned(cursorPattern, 600)) });
export const JobcenterQuerySchema = v.strictObject({
  signedUp: v.optional(v.picklist(['true', 'false'], 'signedUp is true or false.')),
});

const describeListJobcenters = operation({
  operationId: 'listJobcenters', tag: 'Reference data', summary: 'List jobcenters',
  description: 'One jobcenter per municipality; `signedUp` tells which can be chosen as responsible (R1.3).',
  parameters: [{ name: 'signedUp', in: 'query', description: 'Only signed-up (true) or not signed-up (false) jobcenters.', schema: { type: 'string', enum: ['true', 'false'] } }],
  responses: { 200: { description: 'Jobcenters in Danish alphabetical order.', schema: 'JobcenterPage' } },
});

export function jobcenterRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/', describeListJobcenters, async (c) => {
    const query = parseOrThrow(JobcenterQuerySchema, c.req.query(), { status: 400 });
    const items = await jobcentersInDanishOrder(deps, query.signedUp === undefined ? undefined : query.signedUp === 'true');
    return c.json({ items, nextCursor: null });
  });
}
