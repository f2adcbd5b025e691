import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import { getPlacement, listOrderPlacements, placeCandidate, placementLocationOf, withdrawCandidate } from '../../core/placements.ts';
import type { AppDeps } from '../deps.ts';
import { checkBody, idempotencyKeyOf, pathId, replayResponse } from '../request.ts';
import { parseOrThrow, readJsonBody } from '../validate.ts';
import { coreContext } from './context.ts';
import { PageQuerySchema } from '../../contract/page.ts';
import { CreatePlacementSchema, RecordOutcomeSchema, WithdrawPlacementSchema } from '../../contract/placements.ts';
import { recordPlacementOutcome } from '../../core/outcomes.ts';
import { OrderPathSchema, PlacementPathSchema } from '../../contract/parameters.ts';
import { idempotencyKeyParam, operation } from '../openapi/operation.ts';

const describeList = operation({
  operationId: 'listPlacements', tag: 'Jobcenter side', summary: 'Placed candidates',
  description: 'Alle formidlede kandidater (R4.4), oldest first, paged, withdrawn ones with `withdrawnAt`. The company sees every candidate placed on its order; a jobcenter sees only those it placed itself (R8.4). Filtered on the server: a searchable CV is shown, an address-protected person\'s address never is.',
  path: OrderPathSchema,
  query: PageQuerySchema,
  responses: { 200: { description: 'One page of placed candidates.', schema: 'PlacementPage' } },
});

const describeGet = operation({
  operationId: 'getPlacement', tag: 'Jobcenter side', summary: 'One placed candidate',
  description: 'The candidate as R4.4 allows: with a searchable CV the CV; name and birth year; the address unless the person has address protection; the website and contact details when given.',
  path: PlacementPathSchema,
  responses: {
    200: { description: 'The candidate.', schema: 'Placement' },
    404: { description: 'No such order or placement, or one the caller may not see.', schema: 'Problem' },
  },
});

const describePlace = operation({
  operationId: 'createPlacement', tag: 'Jobcenter side', summary: 'Place a candidate',
  description: 'Formidling (R5): any signed-up jobcenter places a candidate on an open order. Logged as *placement* with the jobcenter\'s name and the caseworker (R4.3); the order\'s `candidateCount`, `updatedAt` and `version` move on; with `emailOnPlacement` the contact person gets an e-mail (R6). A candidate without a CV is placed with contact details (R5.2). An address-protected person\'s address is discarded on arrival.',
  path: OrderPathSchema,
  headers: [idempotencyKeyParam('placing the candidate twice')],
  body: 'CreatePlacement',
  responses: {
    201: { description: 'Placed; `Location` points at the placement.', schema: 'Placement', headers: { Location: 'The placement\'s URL.' } },
    403: { description: 'A company (`/problems/forbidden`), or a jobcenter not signed up for job orders (`/problems/not-signed-up`).', schema: 'Problem' },
    409: { description: 'The order is not open (`/problems/order-not-open`, R3.5) or already has `maxCandidates` placed candidates (`/problems/max-candidates-reached`, R2.4.5); `errors[0].path` names `status` or `maxCandidates`.', schema: 'Problem' },
  },
});

const describeWithdraw = operation({
  operationId: 'withdrawPlacement', tag: 'Jobcenter side', summary: 'Withdraw a candidate',
  description: 'Fjernet (R5.3): the jobcenter that placed the candidate withdraws them; logged as *withdrawn* with the reason, and the order\'s `candidateCount` drops. The body may be `{}` or empty.',
  path: PlacementPathSchema,
  body: 'WithdrawPlacement',
  responses: {
    200: { description: 'The placement, now with `withdrawnAt`.', schema: 'Placement' },
    404: { description: 'No such order or placement, or another jobcenter\'s placement.', schema: 'Problem' },
    409: { description: 'Already withdrawn (`/problems/already-withdrawn`).', schema: 'Problem' },
  },
});

const describeOutcome = operation({
  operationId: 'recordPlacementOutcome', tag: 'Job orders', summary: 'Record a candidate\'s outcome',
  description:
    'What became of a placed candidate: `hired` Ansat (with `startDate`), `interviewed` Til samtale, `not_suitable` Ikke relevant ' +
    '(optionally with a `reason` from a short list), `no_show` Mødte ikke op. Only the company that owns the order records it; a later outcome ' +
    'replaces the earlier one, and sending the current outcome again changes nothing. Logged as *outcome*, which — like the placement — ' +
    'only the company and the jobcenter that placed the candidate see (R8.4). The order\'s version does not change.',
  path: PlacementPathSchema,
  body: 'RecordOutcome',
  responses: {
    200: { description: 'The placement with its `outcome`.', schema: 'Placement' },
    403: { description: 'A jobcenter (`/problems/forbidden`): the outcome is the company\'s to record.', schema: 'Problem' },
    404: { description: 'No such order or placement, or another company\'s.', schema: 'Problem' },
    409: { description: 'The candidate was withdrawn (`/problems/already-withdrawn`); `errors[0].path` is `placementId`.', schema: 'Problem' },
    422: { description: '`startDate` missing for `hired` (`required`) or sent for another outcome (`not_applicable`); `reason` sent for an outcome other than `not_suitable` (`not_applicable`); or a value not in its list.', schema: 'Problem' },
  },
});

/** Placements (formidling, R5) and the placed candidates (R4.4), under `/v1/job-orders`. */
export function placementRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.get('/:id/placements', describeList, async (c) => {
    const id = pathId(c, 'id');
    const page = parseOrThrow(PageQuerySchema, c.req.query(), { status: 400 });
    return c.json(await listOrderPlacements(coreContext(deps, c), id, page));
  });

  app.get('/:id/placements/:placementId', describeGet, async (c) => {
    return c.json(await getPlacement(coreContext(deps, c), pathId(c, 'id'), pathId(c, 'placementId')));
  });

  app.post('/:id/placements', describePlace, async (c) => {
    const id = pathId(c, 'id');
    const raw = await readJsonBody(c);
    const result = await placeCandidate(coreContext(deps, c), id, checkBody(CreatePlacementSchema, raw), idempotencyKeyOf(c, raw));
    if (result.replayed) return replayResponse(result);
    return c.json(result.value, 201, { location: placementLocationOf(result.value) });
  });

  app.post('/:id/placements/:placementId/withdraw', describeWithdraw, async (c) => {
    const id = pathId(c, 'id');
    const placementId = pathId(c, 'placementId');
    // The reason is optional, so an empty body without a content type means "no reason".
    const empty = !c.req.header('content-type') && (await c.req.text()) === '';
    const input = checkBody(WithdrawPlacementSchema, empty ? {} : await readJsonBody(c));
    return c.json(await withdrawCandidate(coreContext(deps, c), id, placementId, input));
  });

  app.post('/:id/placements/:placementId/outcome', describeOutcome, async (c) => {
    const id = pathId(c, 'id');
    const placementId = pathId(c, 'placementId');
    const input = checkBody(RecordOutcomeSchema, await readJsonBody(c));
    return c.json(await recordPlacementOutcome(coreContext(deps, c), id, placementId, input));
  });

  return app;
}
