import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import { notFound } from '../problem.ts';
import { parseOrThrow } from '../validate.ts';
import { municipalities, postalCodes } from '../../reference/index.ts';
import { operation } from '../openapi/operation.ts';
import { PostalCodePathSchema } from '../../contract/parameters.ts';

const municipalityName = new Map(municipalities.map((m) => [m.code, m.name]));

/** Postal code → city and municipalities, so a form can fill in the city as the code is typed. */
const describeGetPostalCode = operation({
  operationId: 'getPostalCode', tag: 'Reference data', summary: 'Look up a postal code',
  description: 'The city and every municipality of a Danish postal code. A code that spans several municipalities lists them all; nothing picks one silently.',
  path: PostalCodePathSchema,
  responses: { 200: { description: 'The postal code.', schema: 'PostalCode' }, 404: { description: 'No such postal code.', schema: 'Problem' } },
});

export function postalCodeRoutes() {
  return new Hono<AppEnv>().get('/:code', describeGetPostalCode, (c) => {
    const code = parseOrThrow(PostalCodePathSchema.entries.code, c.req.param('code'), { status: 400, prefix: 'code' });
    const entry = postalCodes[code];
    if (!entry) throw notFound(`Postal code ${code}`);
    c.header('cache-control', 'private, max-age=86400');
    return c.json({
      code,
      city: entry.city,
      municipalities: entry.municipalityCodes.map((m) => ({ code: m, name: municipalityName.get(m) ?? m })),
    });
  });
}
