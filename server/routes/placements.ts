import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { actorOf, requireJobcenter, type AppEnv, type Principal } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import type { SqlExecutor } from '../db/client.ts';
import { appendLog, findJobOrder } from '../db/job-orders.ts';
import { findPlacement, insertPlacement, listPlacements, takeCandidateSlot, withdrawPlacement, type PlacementScope } from '../db/placements.ts';
import { todayInCopenhagen } from '../domain/calendar.ts';
import { candidateToStore, checkCandidate, placementRefusal, placementView } from '../domain/placement-rules.ts';
import { HttpProblem, validationProblem, type FieldError } from '../http/problem.ts';
import { findReplay, idempotentRequest, rememberResponse } from '../http/idempotency.ts';
import { issuesToFieldErrors, parseOrThrow, readJsonBody } from '../http/validate.ts';
import { enqueueEmail } from '../db/outbox.ts';
import { placementDedupeKey, placementEmail } from '../mail/placement-email.ts';
import { loadOrder } from './job-orders.ts';
import type { JobOrder } from './job-orders.schemas.ts';
import { CreatePlacementSchema, WithdrawPlacementSchema } from './placements.schemas.ts';

const PlacementIdSchema = v.pipe(v.string(), v.regex(/^[1-9]\d{0,9}$/, 'The placement id is a positive whole number.'), v.transform(Number));

/**
 * The company sees every candidate placed on its order; a jobcenter sees the ones it placed
 * itself — another jobcenter's candidates are personal data it has no need for (R8.4).
 */
function placementScope(principal: Principal): PlacementScope {
  return principal.kind === 'employer' ? { all: true } : { jobcenterId: principal.jobcenterId };
}

async function loadPlacement(db: SqlExecutor, c: Context<AppEnv>, order: JobOrder) {
  const id = parseOrThrow(PlacementIdSchema, c.req.param('placementId'), { status: 400, prefix: 'placementId' });
  const placement = await findPlacement(db, order.id, id, placementScope(c.get('principal')));
  if (!placement) {
    const message = `Placement ${id} on job order ${order.id} was not found.`;
    throw new HttpProblem(404, 'not-found', message, { errors: [{ path: 'placementId', code: 'not_found', message }] });
  }
  return placement;
}

/** 409 naming the field of the order that refuses the placement (R3.5, R2.4.5). */
function refused(reason: FieldError): HttpProblem {
  return new HttpProblem(409, reason.code === 'not_open' ? 'order-not-open' : 'max-candidates-reached', reason.message, { errors: [reason] });
}

/**
 * Placements (formidling, R5) and the company's list of placed candidates (R4.4). Mounted under
 * `/v1/job-orders`. Authorisation order: an order the caller may not see is 404 first, then the
 * wrong side is 403, then the body is checked, then the order's state (409).
 */
export function placementRoutes(deps: AppDeps) {
  const { db, clock } = deps;
  const app = new Hono<AppEnv>();

  app.get('/:id/placements', async (c) => {
    const order = await loadOrder(db, c);
    const items = await listPlacements(db, order.id, placementScope(c.get('principal')));
    return c.json({ items: items.map(placementView), nextCursor: null });
  });

  app.get('/:id/placements/:placementId', async (c) => {
    const order = await loadOrder(db, c);
    return c.json(placementView(await loadPlacement(db, c, order)));
  });

  app.post('/:id/placements', async (c) => {
    const order = await loadOrder(db, c);
    const principal = requireJobcenter(c.get('principal'));
    const raw = await readJsonBody(c);
    const idempotency = idempotentRequest(c, `jobcenter:${principal.jobcenterId}:placement:${order.id}`, raw);
    const replay = await findReplay(db, idempotency);
    if (replay) return replay;

    const now = clock();
    const result = v.safeParse(CreatePlacementSchema, raw, { abortEarly: false });
    const errors = result.success
      ? checkCandidate(result.output.candidate, result.output.description, todayInCopenhagen(now))
      : issuesToFieldErrors(result.issues);
    if (!result.success || errors.length > 0) throw validationProblem(errors.map(withoutInput));
    const input = result.output;
    const early = placementRefusal(order);
    if (early) throw refused(early);

    const at = now.toISOString();
    const actor = actorOf(principal);
    const location = (id: number) => `/v1/job-orders/${order.id}/placements/${id}`;
    // The key is checked again inside the write transaction: of two racing retries, the second
    // sees the first's row and replays it instead of placing the candidate twice.
    const outcome = await db.transaction(async (tx) => {
      const replay = await findReplay(tx, idempotency);
      if (replay) return replay;
      // The guard that counts: another placement may have taken the last slot since we looked.
      if (!(await takeCandidateSlot(tx, order.id, at))) {
        const current = await findJobOrder(tx, order.id, { jobcenterId: principal.jobcenterId, responsibleOnly: false });
        throw refused(placementRefusal(current ?? order) ?? { path: 'status', code: 'not_open', message: 'The job order takes no candidates now.' });
      }
      const id = await insertPlacement(tx, {
        jobOrderId: order.id,
        jobcenterId: principal.jobcenterId,
        placedByName: principal.jobcenterName,
        candidate: candidateToStore(input.candidate),
        description: input.description,
        at,
      });
      await appendLog(tx, { jobOrderId: order.id, at, actor, action: 'placement', description: input.description, placementId: id });
      const updated = (await findJobOrder(tx, order.id, { jobcenterId: principal.jobcenterId, responsibleOnly: false }))!;
      if (updated.emailOnPlacement) {
        // Same transaction as the placement (R6.2): the e-mail exists exactly when the placement does.
        const email = placementEmail({
          jobOrderId: updated.id,
          occupationTitle: updated.occupation.title,
          jobcenterName: principal.jobcenterName,
          contactName: updated.contact.name,
          candidateCount: updated.candidateCount,
        });
        await enqueueEmail(tx, { ...email, dedupeKey: placementDedupeKey(id), to: updated.contact.email }, at);
      }
      const view = placementView((await findPlacement(tx, order.id, id, { all: true }))!);
      await rememberResponse(tx, idempotency, { status: 201, body: view, location: location(id), at });
      return view;
    });
    if (outcome instanceof Response) return outcome;
    deps.outboxChanged?.();
    return c.json(outcome, 201, { location: location(outcome.id) });
  });

  app.post('/:id/placements/:placementId/withdraw', async (c) => {
    const order = await loadOrder(db, c);
    const principal = requireJobcenter(c.get('principal'));
    const placement = await loadPlacement(db, c, order);
    // The reason is optional, so an empty body without a content type means "no reason".
    const empty = !c.req.header('content-type') && (await c.req.text()) === '';
    const input = parseOrThrow(WithdrawPlacementSchema, empty ? {} : await readJsonBody(c));
    const at = clock().toISOString();
    const reason = input.reason?.trim() || null;
    const withdrawn = await db.transaction(async (tx) => {
      if (!(await withdrawPlacement(tx, placement, reason, at))) return null;
      await appendLog(tx, { jobOrderId: order.id, at, actor: actorOf(principal), action: 'withdrawn', description: reason ?? '', placementId: placement.id });
      return (await findPlacement(tx, order.id, placement.id, { all: true }))!;
    });
    if (!withdrawn) {
      const message = `Placement ${placement.id} was already withdrawn.`;
      throw new HttpProblem(409, 'already-withdrawn', message, { errors: [{ path: 'placementId', code: 'already_withdrawn', message }] });
    }
    return c.json(placementView(withdrawn));
  });

  return app;
}

/**
 * valibot's own messages quote the input ("… but received …"); a candidate's data must never come
 * back in an error, so any such message is replaced by a plain one for its code.
 */
function withoutInput(error: FieldError): FieldError {
  if (!/received|Invalid/.test(error.message)) return error;
  const plain: Record<string, string> = {
    required: 'This field is required.',
    unknown_field: 'This field is not part of a placement.',
    enum: 'This value is not one of the allowed ones.',
  };
  return { ...error, message: plain[error.code] ?? 'This value is not valid here.' };
}

