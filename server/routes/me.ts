import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { describeCaller } from '../core/identity.ts';
import { operation } from '../openapi/operation.ts';
import { coreContext } from './context.ts';

export const ContactPersonSchema = v.strictObject({
  id: v.number(),
  name: v.string(),
  email: v.string(),
  phone: v.nullable(v.string()),
  workplacePNumber: v.pipe(v.nullable(v.string()), v.description('The workplace the person belongs to; a new order\'s workplace is pre-filled from it (R2.5).')),
});

export const MeSchema = v.pipe(
  v.strictObject({
    role: v.pipe(v.picklist(['employer', 'jobcenter']), v.description('Which side the caller is on.')),
    authenticatedAs: v.pipe(
      v.picklist(['contactPerson', 'caseworker', 'apiKey']),
      v.description('A widget token scoped to one person, or an integration\'s API key.'),
    ),
    contactPerson: v.optional(ContactPersonSchema),
    caseworker: v.optional(v.strictObject({ name: v.string() })),
    company: v.optional(
      v.strictObject({
        cvr: v.string(),
        name: v.string(),
        workplaces: v.array(
          v.strictObject({
            pNumber: v.string(),
            name: v.string(),
            street: v.string(),
            postalCode: v.string(),
            city: v.string(),
            municipalityCode: v.string(),
            localJobcenterId: v.pipe(v.string(), v.description('The jobcenter of the workplace\'s municipality; pre-selects the responsible jobcenter (R2.1.2).')),
          }),
        ),
        contactPersons: v.array(ContactPersonSchema),
      }),
    ),
    jobcenter: v.optional(v.strictObject({ id: v.string(), name: v.string() })),
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
