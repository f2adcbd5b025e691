import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../env.ts';
import type { AppDeps } from '../deps.ts';
import { describeCaller } from '../../core/identity.ts';
import { operation } from '../openapi/operation.ts';
import { coreContext } from './context.ts';
import { cvrPattern, jobcenterIdPattern, pNumberPattern, postalCodePattern } from '../../../sdk/rules.ts';
import { email, id, list, patterned, text } from '../../contract/bounded.ts';

export const ContactPersonSchema = v.strictObject({
  id,
  name: text(200),
  email,
  phone: v.nullable(text(21)),
  workplacePNumber: v.pipe(v.nullable(patterned(pNumberPattern, 10)), v.description('The workplace the person belongs to; a new order\'s workplace is pre-filled from it (R2.5).')),
});

export const MeSchema = v.pipe(
  v.strictObject({
    role: v.pipe(v.picklist(['employer', 'jobcenter']), v.description('Which side the caller is on.')),
    authenticatedAs: v.pipe(
      v.picklist(['contactPerson', 'caseworker', 'apiKey']),
      v.description('A widget token scoped to one person, or an integration\'s API key.'),
    ),
    contactPerson: v.optional(ContactPersonSchema),
    caseworker: v.optional(v.strictObject({ name: text(200) })),
    company: v.optional(
      v.strictObject({
        cvr: patterned(cvrPattern, 8),
        name: text(200),
        workplaces: list(
          v.strictObject({
            pNumber: patterned(pNumberPattern, 10),
            name: text(200),
            street: text(200),
            postalCode: patterned(postalCodePattern, 4),
            city: text(100),
            municipalityCode: patterned(jobcenterIdPattern, 3),
            localJobcenterId: v.pipe(patterned(jobcenterIdPattern, 3), v.description('The jobcenter of the workplace\'s municipality; pre-selects the responsible jobcenter (R2.1.2).')),
          }),
          1000,
        ),
        contactPersons: list(ContactPersonSchema, 1000),
      }),
    ),
    jobcenter: v.optional(v.strictObject({ id: patterned(jobcenterIdPattern, 3), name: text(200) })),
  }),
  v.description('Who the caller is (R1.1).'),
);
export type Me = v.InferOutput<typeof MeSchema>;

const describeGetMe = operation({
  operationId: 'getMe', tag: 'Identity', summary: 'Who am I',
  description: 'The caller: an employer\'s company with its workplaces (P-numbers, local jobcenter) and contact persons, or a jobcenter.',
  responses: { 200: { description: 'The caller.', schema: 'Me' } },
});

export function meRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/', describeGetMe, async (c) => c.json(await describeCaller(coreContext(deps, c))));
}
