import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import { parseOrThrow } from '../validate.ts';
import { searchOccupations } from '../../reference/index.ts';
import { operation } from '../openapi/operation.ts';
import { OccupationQuerySchema } from '../../contract/reference.ts';

/** Occupation titles containing the typed letters (R2.1.1). */
const describeSearchOccupations = operation({
  operationId: 'searchOccupations', tag: 'Reference data', summary: 'Search occupation titles',
  description: 'Danish occupation titles (stillingsbetegnelser, DISCO-08) that contain `q` anywhere, case-insensitively; titles starting with `q` first (R2.1.1).',
  query: OccupationQuerySchema,
  responses: { 200: { description: 'Matching titles.', schema: 'OccupationPage' } },
});

export function occupationRoutes() {
  return new Hono<AppEnv>().get('/', describeSearchOccupations, (c) => {
    const query = parseOrThrow(OccupationQuerySchema, c.req.query(), { status: 400 });
    const items = searchOccupations(query.q, query.limit).map(({ code, title, discoCode }) => ({ code, title, discoCode }));
    // Titles change rarely; a short private cache spares the combobox repeated round trips.
    c.header('cache-control', 'private, max-age=300');
    return c.json({ items, nextCursor: null });
  });
}
