import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import { appointCoordinator, getCoordinator } from '../../core/coordinator.ts';
import type { AppDeps } from '../deps.ts';
import { checkBody, etagOfVersion, ifMatchOf, pathId } from '../request.ts';
import { readJsonBody } from '../validate.ts';
import { AppointCoordinatorSchema } from '../../contract/coordinator.ts';
import { coreContext } from './context.ts';
import { OrderPathSchema } from '../../contract/parameters.ts';
import { ifMatchParam, operation } from '../openapi/operation.ts';

const describeGet = operation({
  operationId: 'getCoordinator', tag: 'Jobcenter side', summary: 'The tovholder',
  description: 'The coordinator (tovholder) the responsible jobcenter appointed (R1.5, R4.1), with contact details, for the company and for every jobcenter that wants to propose a candidate.',
  path: OrderPathSchema,
  responses: {
    200: { description: 'The coordinator.', schema: 'Coordinator' },
    404: { description: 'No such order (or another company\'s), or no coordinator appointed yet (`/problems/no-coordinator`).', schema: 'Problem' },
  },
});

const describeAppoint = operation({
  operationId: 'appointCoordinator', tag: 'Jobcenter side', summary: 'Appoint the tovholder',
  description: 'The responsible jobcenter appoints (or replaces) the caseworker who coordinates the order (R1.5); the company sees the name as the order\'s `coordinator`. Logged as *coordinator_appointed*; moves the order\'s version and latest action.',
  path: OrderPathSchema,
  headers: [ifMatchParam('412')],
  body: 'AppointCoordinator',
  responses: {
    200: { description: 'The coordinator now appointed.', schema: 'Coordinator', headers: { ETag: 'The order\'s new version.' } },
    403: { description: 'A company (`/problems/forbidden`), or a jobcenter that is not responsible for the order (`/problems/not-responsible`).', schema: 'Problem' },
    412: { description: 'The order changed since the `If-Match` ETag was read.', schema: 'Problem' },
  },
});

/** The tovholder of an order (R1.5, R4.1): read by anyone who may see the order, appointed by its responsible jobcenter. */
export function coordinatorRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.get('/:id/coordinator', describeGet, async (c) => c.json(await getCoordinator(coreContext(deps, c), pathId(c, 'id'))));

  app.put('/:id/coordinator', describeAppoint, async (c) => {
    const id = pathId(c, 'id');
    const input = checkBody(AppointCoordinatorSchema, await readJsonBody(c));
    const { coordinator, version } = await appointCoordinator(coreContext(deps, c), id, input, ifMatchOf(c));
    return c.json(coordinator, 200, { etag: etagOfVersion(version) });
  });

  return app;
}
