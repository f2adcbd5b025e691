import * as v from 'valibot';
import { toJsonSchema, type ConversionConfig } from '@valibot/to-json-schema';
import { stringify } from 'yaml';
import { FieldErrorSchema, ProblemSchema } from '../http/problem.ts';
import {
  CreateJobOrderSchema,
  JobOrderPageSchema,
  JobOrderSchema,
  LogEntrySchema,
  LogPageSchema,
  StatusChangeSchema,
  UpdateJobOrderSchema,
  listSorts,
  statuses,
} from '../routes/job-orders.schemas.ts';
import { JobcenterPageSchema, JobcenterSchema } from '../routes/jobcenters.ts';
import { AppointCoordinatorSchema, CoordinatorSchema } from '../routes/coordinator.ts';
import { NewNoteSchema } from '../routes/notes.ts';
import { CreatePlacementSchema, PlacementPageSchema, PlacementSchema, WithdrawPlacementSchema } from '../routes/placements.schemas.ts';
import { ContactPersonSchema, MeSchema } from '../routes/me.ts';
import { OccupationPageSchema, OccupationSchema } from '../routes/occupations.ts';
import { CreateSessionSchema, SessionSchema } from '../routes/sessions.ts';
import { PostalCodeSchema } from '../routes/postal-codes.ts';

type Schema = v.GenericSchema;

/** Named shapes: each becomes `#/components/schemas/<Name>` and is referenced wherever it is used. */
export const components: Record<string, Schema> = {
  Problem: ProblemSchema,
  FieldError: FieldErrorSchema,
  JobOrder: JobOrderSchema,
  JobOrderPage: JobOrderPageSchema,
  CreateJobOrder: CreateJobOrderSchema,
  UpdateJobOrder: UpdateJobOrderSchema,
  StatusChange: StatusChangeSchema,
  LogEntry: LogEntrySchema,
  LogPage: LogPageSchema,
  Placement: PlacementSchema,
  PlacementPage: PlacementPageSchema,
  CreatePlacement: CreatePlacementSchema,
  WithdrawPlacement: WithdrawPlacementSchema,
  Coordinator: CoordinatorSchema,
  AppointCoordinator: AppointCoordinatorSchema,
  NewNote: NewNoteSchema,
  Me: MeSchema,
  ContactPerson: ContactPersonSchema,
  Occupation: OccupationSchema,
  OccupationPage: OccupationPageSchema,
  Jobcenter: JobcenterSchema,
  JobcenterPage: JobcenterPageSchema,
  PostalCode: PostalCodeSchema,
  CreateSession: CreateSessionSchema,
  Session: SessionSchema,
  Health: v.object({ status: v.literal('ok'), database: v.literal('ok') }),
};

export interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header';
  description: string;
  required?: boolean;
  schema: Record<string, unknown>;
}

export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** False for the few routes open without a credential. */
  auth?: boolean;
  parameters?: Parameter[];
  body?: string;
  responses: Record<number, { description: string; schema?: string; headers?: Record<string, string>; contentType?: string }>;
}

const idParam: Parameter = { name: 'id', in: 'path', required: true, description: 'The job order\'s id.', schema: { type: 'integer', minimum: 1 } };
const placementIdParam: Parameter = { name: 'placementId', in: 'path', required: true, description: 'The placement\'s id.', schema: { type: 'integer', minimum: 1 } };

export const operations: Operation[] = [
  {
    method: 'get', path: '/v1/me', operationId: 'getMe', tag: 'Identity', summary: 'Who am I',
    description: 'The caller: an employer\'s company with its workplaces (P-numbers, local jobcenter) and contact persons, or a jobcenter.',
    responses: { 200: { description: 'The caller.', schema: 'Me' } },
  },
  {
    method: 'post', path: '/v1/sessions', operationId: 'createSession', tag: 'Identity', summary: 'Mint a widget token',
    description: 'Server-to-server: exchange an API key for a signed token that expires within minutes and acts for one contact person (employer key) or caseworker (jobcenter key). Give only the token to the browser.',
    body: 'CreateSession',
    responses: { 201: { description: 'The token.', schema: 'Session' } },
  },
  {
    method: 'get', path: '/v1/occupations', operationId: 'searchOccupations', tag: 'Reference data', summary: 'Search occupation titles',
    description: 'Danish occupation titles (stillingsbetegnelser, DISCO-08) that contain `q` anywhere, case-insensitively; titles starting with `q` first (R2.1.1).',
    parameters: [
      { name: 'q', in: 'query', required: true, description: 'At least three letters.', schema: { type: 'string', minLength: 3, examples: ['køk'] } },
      { name: 'limit', in: 'query', description: 'At most this many titles (1–50, default 20).', schema: { type: 'integer', minimum: 1, maximum: 50, default: 20 } },
    ],
    responses: { 200: { description: 'Matching titles.', schema: 'OccupationPage' } },
  },
  {
    method: 'get', path: '/v1/jobcenters', operationId: 'listJobcenters', tag: 'Reference data', summary: 'List jobcenters',
    description: 'One jobcenter per municipality; `signedUp` tells which can be chosen as responsible (R1.3).',
    parameters: [{ name: 'signedUp', in: 'query', description: 'Only signed-up (true) or not signed-up (false) jobcenters.', schema: { type: 'string', enum: ['true', 'false'] } }],
    responses: { 200: { description: 'Jobcenters in Danish alphabetical order.', schema: 'JobcenterPage' } },
  },
  {
    method: 'get', path: '/v1/postal-codes/{code}', operationId: 'getPostalCode', tag: 'Reference data', summary: 'Look up a postal code',
    description: 'The city and every municipality of a Danish postal code. A code that spans several municipalities lists them all; nothing picks one silently.',
    parameters: [{ name: 'code', in: 'path', required: true, description: 'Four digits.', schema: { type: 'string', pattern: '^\\d{4}$', examples: ['7100'] } }],
    responses: { 200: { description: 'The postal code.', schema: 'PostalCode' }, 404: { description: 'No such postal code.', schema: 'Problem' } },
  },
  {
    method: 'get', path: '/v1/job-orders', operationId: 'listJobOrders', tag: 'Job orders', summary: 'List job orders',
    description: 'An employer sees its company\'s orders (the same list for every contact person, R1.2, R3.1); a jobcenter sees every order in the scheme (R1.4). Sortable by every column of R3.2, keyset-paginated.',
    parameters: [
      { name: 'sort', in: 'query', description: 'The column to sort by (R3.3).', schema: { type: 'string', enum: [...listSorts], default: 'id' } },
      { name: 'order', in: 'query', description: 'Ascending or descending.', schema: { type: 'string', enum: ['asc', 'desc'], default: 'desc' } },
      { name: 'status', in: 'query', description: 'Only orders with this status.', schema: { type: 'string', enum: [...statuses] } },
      { name: 'limit', in: 'query', description: 'Page size, 1–100 (default 25).', schema: { type: 'integer', minimum: 1, maximum: 100, default: 25 } },
      { name: 'cursor', in: 'query', description: 'The `nextCursor` of the previous page (same sort and order).', schema: { type: 'string' } },
      { name: 'responsible', in: 'query', description: 'Jobcenter callers: only orders this jobcenter is responsible for.', schema: { type: 'string', enum: ['true', 'false'] } },
    ],
    responses: { 200: { description: 'One page of orders.', schema: 'JobOrderPage' } },
  },
  {
    method: 'post', path: '/v1/job-orders', operationId: 'createJobOrder', tag: 'Job orders', summary: 'Create a job order',
    description: 'Opret jobordre (R2). Every rule is checked on the server and all broken fields are reported at once. Send an `Idempotency-Key` so a retry after a lost response never creates a second order. A signed-up jobcenter may create an order on a company\'s behalf (R1.7) by adding `companyCvr`; the log then names the jobcenter as creator.',
    parameters: [{ name: 'Idempotency-Key', in: 'header', description: 'Any unique string (1–255 chars); a retry with the same key and body replays the first response.', schema: { type: 'string', maxLength: 255 } }],
    body: 'CreateJobOrder',
    responses: {
      201: { description: 'Created; `Location` points at the order.', schema: 'JobOrder', headers: { Location: 'The new order\'s URL.', ETag: 'The order\'s version.' } },
    },
  },
  {
    method: 'get', path: '/v1/job-orders/{id}', operationId: 'getJobOrder', tag: 'Job orders', summary: 'Get a job order',
    description: 'The order with its summary fields (R4.1, R4.5). Another company\'s order is a 404.',
    parameters: [idParam],
    responses: { 200: { description: 'The order.', schema: 'JobOrder', headers: { ETag: 'Send back as `If-Match` when editing.' } }, 304: { description: 'Not modified since the `If-None-Match` ETag.' } },
  },
  {
    method: 'patch', path: '/v1/job-orders/{id}', operationId: 'updateJobOrder', tag: 'Job orders', summary: 'Edit a job order',
    description: 'Rediger jobordre (R7): any field but the responsible jobcenter. A start date sent in the past fails naming `startDate` (R7.3). Logged as *changed*, with the optional note.',
    parameters: [idParam, { name: 'If-Match', in: 'header', description: 'The ETag you read; a stale one answers 412 so no edit is lost.', schema: { type: 'string' } }],
    body: 'UpdateJobOrder',
    responses: { 200: { description: 'The edited order.', schema: 'JobOrder', headers: { ETag: 'The new version.' } }, 412: { description: 'Changed by someone else meanwhile.', schema: 'Problem' } },
  },
  {
    method: 'post', path: '/v1/job-orders/{id}/status', operationId: 'changeJobOrderStatus', tag: 'Job orders', summary: 'Change the status',
    description: 'Åben / Midlertidig inaktiv / Lukket (R3.5, R4.2, R7.5), with an optional note to the jobcenter; logged as *changed*. A closed order can be reopened.',
    parameters: [idParam, { name: 'If-Match', in: 'header', description: 'Optional ETag check, as for edits.', schema: { type: 'string' } }],
    body: 'StatusChange',
    responses: { 200: { description: 'The order with its new status.', schema: 'JobOrder' }, 412: { description: 'Changed by someone else meanwhile.', schema: 'Problem' } },
  },
  {
    method: 'get', path: '/v1/job-orders/{id}/log', operationId: 'getJobOrderLog', tag: 'Job orders', summary: 'The placement log',
    description: 'Formidlingslog (R4.3), oldest entry first.',
    parameters: [idParam],
    responses: { 200: { description: 'All log entries.', schema: 'LogPage' } },
  },
  {
    method: 'get', path: '/v1/job-orders/{id}/coordinator', operationId: 'getCoordinator', tag: 'Jobcenter side', summary: 'The tovholder',
    description: 'The coordinator (tovholder) the responsible jobcenter appointed (R1.5, R4.1), with contact details, for the company and for every jobcenter that wants to propose a candidate.',
    parameters: [idParam],
    responses: {
      200: { description: 'The coordinator.', schema: 'Coordinator' },
      404: { description: 'No such order (or another company\'s), or no coordinator appointed yet (`/problems/no-coordinator`).', schema: 'Problem' },
    },
  },
  {
    method: 'put', path: '/v1/job-orders/{id}/coordinator', operationId: 'appointCoordinator', tag: 'Jobcenter side', summary: 'Appoint the tovholder',
    description: 'The responsible jobcenter appoints (or replaces) the caseworker who coordinates the order (R1.5); the company sees the name as the order\'s `coordinator`. Moves the order\'s version and latest action.',
    parameters: [idParam],
    body: 'AppointCoordinator',
    responses: {
      200: { description: 'The coordinator now appointed.', schema: 'Coordinator' },
      403: { description: 'A company (`/problems/forbidden`), or a jobcenter that is not responsible for the order (`/problems/not-responsible`).', schema: 'Problem' },
    },
  },
  {
    method: 'get', path: '/v1/job-orders/{id}/placements', operationId: 'listPlacements', tag: 'Jobcenter side', summary: 'Placed candidates',
    description: 'Alle formidlede kandidater (R4.4), oldest first, withdrawn ones with `withdrawnAt`. The company sees every candidate placed on its order; a jobcenter sees only those it placed itself (R8.4). Filtered on the server: a searchable CV is shown, an address-protected person\'s address never is.',
    parameters: [idParam],
    responses: { 200: { description: 'The placed candidates.', schema: 'PlacementPage' } },
  },
  {
    method: 'post', path: '/v1/job-orders/{id}/placements', operationId: 'createPlacement', tag: 'Jobcenter side', summary: 'Place a candidate',
    description: 'Formidling (R5): any signed-up jobcenter places a candidate on an open order. Logged as *placement* with the jobcenter\'s name (R4.3); the order\'s `candidateCount`, `updatedAt` and `version` move on; with `emailOnPlacement` the contact person gets an e-mail (R6). A candidate without a CV is placed with contact details (R5.2). An address-protected person\'s address is discarded on arrival.',
    parameters: [idParam, { name: 'Idempotency-Key', in: 'header', description: 'Any unique string (1–255 chars); a retry with the same key and body replays the first response instead of placing twice.', schema: { type: 'string', maxLength: 255 } }],
    body: 'CreatePlacement',
    responses: {
      201: { description: 'Placed; `Location` points at the placement.', schema: 'Placement', headers: { Location: 'The placement\'s URL.' } },
      403: { description: 'A company (`/problems/forbidden`), or a jobcenter not signed up for job orders (`/problems/not-signed-up`).', schema: 'Problem' },
      409: { description: 'The order is not open (`/problems/order-not-open`, R3.5) or already has `maxCandidates` placed candidates (`/problems/max-candidates-reached`, R2.4.5); `errors[0].path` names `status` or `maxCandidates`.', schema: 'Problem' },
    },
  },
  {
    method: 'get', path: '/v1/job-orders/{id}/placements/{placementId}', operationId: 'getPlacement', tag: 'Jobcenter side', summary: 'One placed candidate',
    description: 'The candidate as R4.4 allows: with a searchable CV the CV; name and birth year; the address unless the person has address protection; the website and contact details when given.',
    parameters: [idParam, placementIdParam],
    responses: {
      200: { description: 'The candidate.', schema: 'Placement' },
      404: { description: 'No such order or placement, or one the caller may not see.', schema: 'Problem' },
    },
  },
  {
    method: 'post', path: '/v1/job-orders/{id}/placements/{placementId}/withdraw', operationId: 'withdrawPlacement', tag: 'Jobcenter side', summary: 'Withdraw a candidate',
    description: 'Fjernet (R5.3): the jobcenter that placed the candidate withdraws them; logged as *withdrawn* with the reason, and the order\'s `candidateCount` drops. The body may be `{}`.',
    parameters: [idParam, placementIdParam],
    body: 'WithdrawPlacement',
    responses: {
      200: { description: 'The placement, now with `withdrawnAt`.', schema: 'Placement' },
      404: { description: 'No such order or placement, or another jobcenter\'s placement.', schema: 'Problem' },
      409: { description: 'Already withdrawn (`/problems/already-withdrawn`).', schema: 'Problem' },
    },
  },
  {
    method: 'post', path: '/v1/job-orders/{id}/notes', operationId: 'addJobOrderNote', tag: 'Jobcenter side', summary: 'Write a note',
    description: 'The responsible jobcenter writes a note to the company (R5.4): it becomes the order\'s `latestNote` (R4.1) and a *note* line in the placement log. The company writes its notes with an edit or a status change.',
    parameters: [idParam],
    body: 'NewNote',
    responses: {
      200: { description: 'The order with its new latest note.', schema: 'JobOrder', headers: { ETag: 'The order\'s new version.' } },
      403: { description: 'A company, or a jobcenter that is not responsible for the order (`/problems/not-responsible`).', schema: 'Problem' },
    },
  },
  {
    method: 'get', path: '/openapi.yaml', operationId: 'getOpenApi', tag: 'Operations', summary: 'This contract', auth: false,
    responses: { 200: { description: 'The OpenAPI 3.1 document.', contentType: 'application/yaml' } },
  },
  {
    method: 'get', path: '/docs', operationId: 'getDocs', tag: 'Operations', summary: 'The readable API reference', auth: false,
    responses: { 200: { description: 'An HTML page generated from this contract.', contentType: 'text/html' } },
  },
  {
    method: 'get', path: '/healthz', operationId: 'health', tag: 'Operations', summary: 'Liveness and database check', auth: false,
    responses: { 200: { description: 'Up, and the database answers.', schema: 'Health' }, 503: { description: 'The database does not answer.', schema: 'Problem' } },
  },
];

const info = {
  title: 'JobAG Orders API',
  version: '1.0.0',
  summary: 'Job orders (jobordrer) between Danish companies and jobcenters.',
  description: [
    'Companies ask a municipal jobcenter for staff by creating a job order; jobcenters appoint a coordinator (tovholder) and place candidates; the company follows it all in the placement log.',
    '',
    '**Authentication.** Every `/v1` call sends `Authorization: Bearer <credential>`: an API key (server-to-server) or a widget token from `POST /v1/sessions` (browser).',
    '',
    '**Errors.** Every 4xx and 5xx is `application/problem+json` (RFC 9457). Field rules answer 422 with `errors[]`, one entry per broken rule, `path` naming the field (`workplace.postalCode`). Malformed JSON and bad query parameters answer 400. Another tenant\'s object answers 404.',
    '',
    '**Dates.** `YYYY-MM-DD`; "today" is the date in Europe/Copenhagen. Timestamps are ISO 8601 UTC.',
  ].join('\n'),
};

function conversion(typeMode: 'input' | 'output'): ConversionConfig {
  return {
    target: 'draft-2020-12',
    typeMode,
    errorMode: 'ignore',
    definitions: components,
    overrideRef: (context) => `#/components/schemas/${context.referenceId}`,
  };
}

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/** Builds the OpenAPI 3.1 document from the server's own valibot schemas and operation list. */
export function buildOpenApiDocument(): Record<string, unknown> {
  const schemas: Record<string, unknown> = {};
  // Request bodies are described as clients send them (defaults optional), responses as sent back.
  const inputs = new Set(operations.flatMap((op) => (op.body ? [op.body] : [])));
  for (const [name, schema] of Object.entries(components)) {
    // Convert the named schema itself, not a reference to it.
    const { [name]: _self, ...others } = components;
    const json = toJsonSchema(schema, { ...conversion(inputs.has(name) ? 'input' : 'output'), definitions: others }) as Record<string, unknown>;
    delete json.$schema;
    delete json.$defs; // every definition is a component already
    schemas[name] = json;
  }
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const responses: Record<string, unknown> = {};
    for (const [status, r] of Object.entries(op.responses)) {
      const entry: Record<string, unknown> = { description: r.description };
      if (r.schema) {
        const type = r.contentType ?? (r.schema === 'Problem' ? 'application/problem+json' : 'application/json');
        entry.content = { [type]: { schema: { $ref: `#/components/schemas/${r.schema}` } } };
      } else if (r.contentType) {
        entry.content = { [r.contentType]: { schema: { type: 'string' } } };
      }
      if (r.headers) entry.headers = Object.fromEntries(Object.entries(r.headers).map(([h, d]) => [h, { description: d, schema: { type: 'string' } }]));
      responses[status] = entry;
    }
    if (op.auth !== false) {
      responses['400'] ??= problemResponse('Malformed JSON or a bad query parameter.');
      responses['401'] ??= problemResponse('No credential, or an invalid or expired one (`/problems/token-expired`).');
      responses['403'] ??= problemResponse('The caller\'s side may not do this.');
      if (op.path.includes('{id}')) responses['404'] ??= problemResponse('No such order, or another tenant\'s.');
      if (op.body) {
        responses['415'] ??= problemResponse('The body is not JSON.');
        responses['422'] ??= problemResponse('Some fields break a rule; `errors[]` names each.');
      }
    }
    responses['500'] ??= problemResponse('An unexpected error; details are logged, never returned.');
    const operation: Record<string, unknown> = {
      operationId: op.operationId,
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      tags: [op.tag],
      ...(op.parameters ? { parameters: op.parameters } : {}),
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${op.body}` } } } } } : {}),
      responses,
      ...(op.auth === false ? { security: [] } : {}),
    };
    (paths[op.path] ??= {})[op.method] = operation;
  }
  return {
    openapi: '3.1.0',
    info,
    servers: [{ url: 'http://localhost:8787', description: 'npm start (demo data)' }],
    security: [{ bearer: [] }],
    tags: [...new Set(operations.map((o) => o.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API key, or a widget token from POST /v1/sessions.' } },
    },
  };
}

export function openApiYaml(): string {
  return `# Generated by \`npm run gen\` from the server's valibot schemas (server/openapi/document.ts). Do not edit.\n${stringify(buildOpenApiDocument(), { lineWidth: 0, aliasDuplicateObjects: false })}`;
}
