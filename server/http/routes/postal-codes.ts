import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../env.ts';
import { notFound } from '../problem.ts';
import { postalCodePattern } from '../../../sdk/rules.ts';
import { parseOrThrow } from '../validate.ts';
import { municipalities, postalCodes } from '../../reference/index.ts';
import { operation } from '../openapi/operation.ts';
import { jobcenterIdPattern } from '../../../sdk/rules.ts';
import { list, patterned, text } from '../../contract/bounded.ts';

export const PostalCodeSchema = v.pipe(
  v.strictObject({
    code: patterned(postalCodePattern, 4),
    city: text(100),
    municipalities: v.pipe(
      list(v.strictObject({ code: patterned(jobcenterIdPattern, 3), name: text(200) }), 10),
      v.description('Every municipality the postal code reaches; more than one means the user must choose (e.g. 7100 Vejle: Vejle and Hedensted).'),
    ),
  }),
  v.metadata({ examples: [{ code: '7100', city: 'Vejle', municipalities: [{ code: '630', name: 'Vejle' }, { code: '766', name: 'Hedensted' }] }] }),
);

const CodeSchema = v.pipe(v.string(), v.regex(postalCodePattern, 'A postal code is 4 digits.'));
const municipalityName = new Map(municipalities.map((m) => [m.code, m.name]));

/** Postal code → city and municipalities, so a form can fill in the city as the code is typed. */
const describeGetPostalCode = operation({
  operationId: 'getPostalCode', tag: 'Reference data', summary: 'Look up a postal code',
  description: 'The city and every municipality of a Danish postal code. A code that spans several municipalities lists them all; nothing picks one silently.',
  parameters: [{ name: 'code', in: 'path', required: true, description: 'Four digits.', schema: { type: 'string', minLength: 4, maxLength: 4, pattern: postalCodePattern.source, examples: ['7100'] } }],
  responses: { 200: { description: 'The postal code.', schema: 'PostalCode' }, 404: { description: 'No such postal code.', schema: 'Problem' } },
});

export function postalCodeRoutes() {
  return new Hono<AppEnv>().get('/:code', describeGetPostalCode, (c) => {
    const code = parseOrThrow(CodeSchema, c.req.param('code'), { status: 400, prefix: 'code' });
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
