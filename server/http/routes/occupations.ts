import { Hono } from 'hono';
import * as v from 'valibot';
import { occupationQueryMinLength } from '../../../sdk/rules.ts';
import type { AppEnv } from '../env.ts';
import { parseOrThrow } from '../validate.ts';
import { searchOccupations } from '../../reference/index.ts';
import { operation } from '../openapi/operation.ts';
import { cursorPattern } from '../../contract/page.ts';
import { list, patterned, text } from '../../contract/bounded.ts';

export const OccupationSchema = v.pipe(
  v.strictObject({
    code: text(20),
    title: text(200),
    discoCode: v.pipe(text(10), v.description('The DISCO-08 unit group.')),
  }),
  v.metadata({ examples: [{ code: '941201', title: 'Køkkenmedhjælper', discoCode: '9412' }] }),
);
export const OccupationPageSchema = v.strictObject({ items: list(OccupationSchema, 50), nextCursor: v.nullable(patterned(cursorPattern, 600)) });

export const OccupationQuerySchema = v.strictObject({
  q: v.pipe(
    v.string('Type at least three letters of the job title.'),
    v.trim(),
    v.minLength(occupationQueryMinLength, 'Type at least three letters of the job title.'),
    v.maxLength(100, 'The search is at most 100 characters.'),
  ),
  limit: v.optional(
    v.pipe(v.string(), v.regex(/^\d{1,2}$/, 'limit is a whole number from 1 to 50.'), v.transform(Number), v.minValue(1, 'limit is a whole number from 1 to 50.'), v.maxValue(50, 'limit is a whole number from 1 to 50.')),
    '20',
  ),
});

/** Occupation titles containing the typed letters (R2.1.1). */
const describeSearchOccupations = operation({
  operationId: 'searchOccupations', tag: 'Reference data', summary: 'Search occupation titles',
  description: 'Danish occupation titles (stillingsbetegnelser, DISCO-08) that contain `q` anywhere, case-insensitively; titles starting with `q` first (R2.1.1).',
  parameters: [
    { name: 'q', in: 'query', required: true, description: `At least ${occupationQueryMinLength} letters.`, schema: { type: 'string', minLength: occupationQueryMinLength, maxLength: 100, examples: ['køk'] } },
    { name: 'limit', in: 'query', description: 'At most this many titles (1–50, default 20).', schema: { type: 'integer', format: 'int32', minimum: 1, maximum: 50, default: 20 } },
  ],
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
