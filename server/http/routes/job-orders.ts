import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import type { AppDeps } from '../deps.ts';
import { changeJobOrderStatus, copyJobOrder, createJobOrder, editJobOrder, getJobOrder, listOrders } from '../../core/orders.ts';
import { isRecord } from '../../core/context.ts';
import { checkBody, etagOfVersion, idempotencyKeyOf, jsonPageText, jsonText, pathId, replayResponse, ifMatchOf } from '../request.ts';
import { parseOrThrow, readJsonBody } from '../validate.ts';
import { OrderPathSchema } from '../../contract/parameters.ts';
import { idempotencyKeyParam, ifMatchParam, operation, type ResponseSpec } from '../openapi/operation.ts';
import { coreContext } from './context.ts';
import { CopyJobOrderSchema, CreateJobOrderSchema, ListJobOrdersQuerySchema, StatusChangeSchema, UpdateJobOrderSchema } from '../../contract/job-orders.ts';

const stale: ResponseSpec = { description: 'Changed by someone else since the `If-Match` ETag was read (`/problems/stale-version`).', schema: 'Problem' };
const preconditionRequired: ResponseSpec = {
  description: 'An integration (API key) sent no `If-Match` (`/problems/precondition-required`): send the ETag you read, or `If-Match: *` to change whatever version is current.',
  schema: 'Problem',
};
const ifMatchRule = ' **`If-Match` is required for API keys** (428 without it), so a change made by someone else since you read the order is never overwritten; widget tokens may leave it out.';

const describeList = operation({
  operationId: 'listJobOrders', tag: 'Job orders', summary: 'List job orders',
  description: 'An employer sees its company\'s orders (the same list for every contact person, R1.2, R3.1); a jobcenter sees every order in the scheme (R1.4). Sortable by every column of R3.2, keyset-paginated (stable while orders are added).',
  query: ListJobOrdersQuerySchema,
  responses: { 200: { description: 'One page of orders.', schema: 'JobOrderPage' } },
});

const describeCreate = operation({
  operationId: 'createJobOrder', tag: 'Job orders', summary: 'Create a job order',
  description: 'Opret jobordre (R2). Every rule is checked on the server and all broken fields are reported at once. Send an `Idempotency-Key` so a retry after a lost response never creates a second order. A signed-up jobcenter may create an order on a company\'s behalf (R1.7) by adding `companyCvr`; the log then names the jobcenter as creator. Logged as *created* (Oprettet). ' +
    'With `copyOf` (Kopiér jobordre) the new order starts as a copy of another one the caller may read: the body\'s fields win, past dates are cleared, then the same rules apply (see `CopyJobOrder`).',
  headers: [idempotencyKeyParam('creating a second order')],
  body: 'NewJobOrder',
  responses: {
    201: { description: 'Created; `Location` points at the order.', schema: 'JobOrder', headers: { Location: 'The new order\'s URL.', ETag: 'The order\'s version.' } },
    404: { description: 'With `copyOf`: no such order, or one the caller may not read (`/problems/not-found`).', schema: 'Problem' },
  },
});

const describeGet = operation({
  operationId: 'getJobOrder', tag: 'Job orders', summary: 'Get a job order',
  description: 'The order with its summary fields (R4.1, R4.5). Another company\'s order is a 404.',
  path: OrderPathSchema,
  responses: { 200: { description: 'The order.', schema: 'JobOrder', headers: { ETag: 'Send back as `If-Match` when changing the order.' } }, 304: { description: 'Not modified since the `If-None-Match` ETag.' } },
});

const describeEdit = operation({
  operationId: 'updateJobOrder', tag: 'Job orders', summary: 'Edit a job order',
  description: 'Rediger jobordre (R7): any field but the responsible jobcenter. A start date sent in the past fails naming `startDate` (R7.3). Logged as *edited*, with the optional note, which becomes the order\'s latest note (R7.2).' + ifMatchRule,
  path: OrderPathSchema,
  headers: [ifMatchParam('412')],
  body: 'UpdateJobOrder',
  responses: { 200: { description: 'The edited order.', schema: 'JobOrder', headers: { ETag: 'The new version.' } }, 412: stale, 428: preconditionRequired },
});

const describeStatus = operation({
  operationId: 'changeJobOrderStatus', tag: 'Job orders', summary: 'Change the status',
  description: 'Status på jobordre: Åben / Midlertidig inaktiv / Lukket (R3.5, R4.2, R7.5), with an optional note to the jobcenter; logged as *changed* (Ændret). A closed order can be reopened. The same status without a note changes nothing.' + ifMatchRule,
  path: OrderPathSchema,
  headers: [ifMatchParam('412')],
  body: 'StatusChange',
  responses: { 200: { description: 'The order with its new status.', schema: 'JobOrder', headers: { ETag: 'The new version.' } }, 412: stale, 428: preconditionRequired },
});

/** Job orders (R2, R3, R4, R7): parse, call the core, shape the answer. */
export function jobOrderRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.get('/', describeList, async (c) => {
    const query = parseOrThrow(ListJobOrdersQuerySchema, c.req.query(), { status: 400 });
    const { responsible, ...rest } = query;
    return jsonText(jsonPageText(await listOrders(coreContext(deps, c), { ...rest, responsibleOnly: responsible === 'true' })), 200);
  });

  app.post('/', describeCreate, async (c) => {
    const raw = await readJsonBody(c);
    const ctx = coreContext(deps, c);
    const key = idempotencyKeyOf(c, raw);
    const result = isRecord(raw) && 'copyOf' in raw
      ? await copyJobOrder(ctx, checkBody(CopyJobOrderSchema, raw), (merged) => checkBody(CreateJobOrderSchema, merged), key)
      : await createJobOrder(ctx, checkBody(CreateJobOrderSchema, raw), key);
    if (result.replayed) return replayResponse(result);
    const order = result.value;
    return c.json(order, 201, { location: `/v1/job-orders/${order.id}`, etag: etagOfVersion(order.version) });
  });

  app.get('/:id', describeGet, async (c) => {
    const order = await getJobOrder(coreContext(deps, c), pathId(c, 'id'));
    const etag = etagOfVersion(order.version);
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, { etag });
    return jsonText(order.json, 200, { etag });
  });

  app.patch('/:id', describeEdit, async (c) => {
    const id = pathId(c, 'id');
    const input = checkBody(UpdateJobOrderSchema, await readJsonBody(c));
    const order = await editJobOrder(coreContext(deps, c), id, input, ifMatchOf(c));
    return c.json(order, 200, { etag: etagOfVersion(order.version) });
  });

  app.post('/:id/status', describeStatus, async (c) => {
    const id = pathId(c, 'id');
    const input = checkBody(StatusChangeSchema, await readJsonBody(c));
    const order = await changeJobOrderStatus(coreContext(deps, c), id, input, ifMatchOf(c));
    return c.json(order, 200, { etag: etagOfVersion(order.version) });
  });

  return app;
}
