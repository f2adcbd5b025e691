import { Hono } from 'hono';
import * as v from 'valibot';
import { requireJobcenter, type AppEnv, type Principal } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { appointCoordinator, findCoordinator, type CoordinatorRecord } from '../db/coordinators.ts';
import { emailAddress, optionalPhone, requiredText } from '../http/field-schemas.ts';
import { HttpProblem } from '../http/problem.ts';
import { parseOrThrow, readJsonBody } from '../http/validate.ts';
import { loadOrder } from './job-orders.ts';
import type { JobOrder } from './job-orders.schemas.ts';

export const AppointCoordinatorSchema = v.pipe(
  v.strictObject({
    name: requiredText(200, 'The coordinator\'s name'),
    email: v.optional(v.nullable(emailAddress)),
    phone: optionalPhone,
  }),
  v.description('Appoint the tovholder: the caseworker at the responsible jobcenter who screens candidates before they are placed (R1.5). Replaces any earlier one.'),
  v.metadata({ examples: [{ name: 'Lone Kristensen', email: 'lone.kristensen@jobcenter.kk.example', phone: '+45 33 66 33 66' }] }),
);

export const CoordinatorSchema = v.pipe(
  v.object({
    name: v.string(),
    email: v.nullable(v.string()),
    phone: v.nullable(v.string()),
    appointedAt: v.pipe(v.nullable(v.string()), v.metadata({ format: 'date-time' })),
    jobcenter: v.pipe(v.object({ id: v.string(), name: v.string() }), v.description('The responsible jobcenter the coordinator works at.')),
  }),
  v.description('The order\'s tovholder (R4.1), shown to the company and to every jobcenter that wants to propose a candidate.'),
  v.metadata({
    examples: [
      {
        name: 'Lone Kristensen',
        email: 'lone.kristensen@jobcenter.kk.example',
        phone: '+45 33 66 33 66',
        appointedAt: '2026-11-27T09:00:00.000Z',
        jobcenter: { id: '101', name: 'Jobcenter København' },
      },
    ],
  }),
);
export type Coordinator = v.InferOutput<typeof CoordinatorSchema>;

/**
 * Only the responsible jobcenter acts as the order's coordinating jobcenter (R1.5). The order is
 * visible to every jobcenter in the scheme (R1.4), so for another jobcenter this is a 403, not a
 * 404: there is no existence to hide.
 */
export function requireResponsible(principal: Principal, order: JobOrder, what: string): void {
  const jobcenter = requireJobcenter(principal);
  if (jobcenter.jobcenterId !== order.responsibleJobcenter.id) {
    const message = `Only ${order.responsibleJobcenter.name}, the responsible jobcenter of job order ${order.id}, may ${what}.`;
    throw new HttpProblem(403, 'not-responsible', message, { errors: [{ path: 'Authorization', code: 'not_responsible', message }] });
  }
}

const toCoordinator = (record: CoordinatorRecord, order: JobOrder): Coordinator => ({ ...record, jobcenter: order.responsibleJobcenter });

/** The tovholder of an order: read by anyone who may see the order, appointed by its responsible jobcenter. */
export function coordinatorRoutes({ db, clock }: AppDeps) {
  const app = new Hono<AppEnv>();

  app.get('/:id/coordinator', async (c) => {
    const order = await loadOrder(db, c);
    const record = await findCoordinator(db, order.id);
    if (!record) {
      const message = `${order.responsibleJobcenter.name} has not appointed a coordinator (tovholder) for job order ${order.id} yet.`;
      throw new HttpProblem(404, 'no-coordinator', message, { errors: [{ path: 'coordinator', code: 'not_appointed', message }] });
    }
    return c.json(toCoordinator(record, order));
  });

  app.put('/:id/coordinator', async (c) => {
    const order = await loadOrder(db, c);
    requireResponsible(c.get('principal'), order, 'appoint its coordinator');
    const input = parseOrThrow(AppointCoordinatorSchema, await readJsonBody(c));
    const at = clock().toISOString();
    const coordinator = { name: input.name, email: input.email || null, phone: input.phone || null };
    await db.transaction((tx) => appointCoordinator(tx, order.id, coordinator, at));
    return c.json(toCoordinator({ ...coordinator, appointedAt: at }, order));
  });

  return app;
}
