// Placements (formidling, R5) and the company's list of placed candidates (R4.4). Order of checks
// for a caller: an order it may not see is not found, the wrong side forbidden, a bad body
// invalid, then the order's state a conflict.
import type { SqlExecutor } from '../db/driver/types.ts';
import { findJobOrder, type OrderRecord } from '../db/job-orders.ts';
import { enqueueEmail } from '../db/outbox.ts';
import { findPlacement, insertPlacement, listPlacements, takeCandidateSlot, withdrawPlacement } from '../db/placements.ts';
import { todayInCopenhagen } from '../../sdk/rules.ts';
import { candidateToStore, checkCandidate, placementRefusal, placementView, type PlacementRecord } from '../domain/placement-rules.ts';
import type { FieldError } from '../contract/problem.ts';
import { Conflict, Invalid, NotFound } from '../domain/errors.ts';
import { placementDedupeKey, placementEmail } from './placement-email.ts';
import type { CreatePlacementInput, PlacementView } from '../contract/placements.ts';
import { actorOf, placementCapabilities, placementScope, requireJobcenter, requireSchemeMember } from '../domain/access.ts';
import type { Principal } from '../domain/principal.ts';
import { inTransaction, valid, type CheckedInput, type CoreContext } from './context.ts';
import { findReplay, idempotencyScope, rememberAnswer, type IdempotencyKey } from './idempotency.ts';
import { journal } from './journal.ts';
import { loadOrderFor, type Created } from './orders.ts';
import { pageById, type Page } from './paging.ts';

const placementLocation = (orderId: number, id: number) => `/v1/job-orders/${orderId}/placements/${id}`;

/** A placed candidate as the caller receives it: filtered for privacy, with what the caller may do to it now. */
export function placementAnswer(principal: Principal, order: OrderRecord, placement: PlacementRecord): PlacementView {
  const facts = { id: order.order.id, companyId: order.companyId, responsibleJobcenter: order.order.responsibleJobcenter };
  return { ...placementView(placement), actions: placementCapabilities(principal, facts, placement) };
}

/**
 * The description of a withdrawal's or an outcome's journal entry: the candidate as the company
 * may see them — the name, never an address — so the log, the event stream and webhooks say whom
 * it concerns; then the jobcenter's reason, if any.
 */
export function candidateDescription(candidate: { name: string }, text: string | null = null): string {
  return text ? `${candidate.name}: ${text}` : candidate.name;
}

/** A conflict naming the field of the order that refuses the placement (R3.5, R2.4.5). */
function refused(reason: FieldError): Conflict {
  return new Conflict(reason.code === 'not_open' ? 'order-not-open' : 'max-candidates-reached', reason.message, [reason]);
}

/**
 * valibot's own messages can quote the input; a candidate's data must never come back in an
 * error (R8.4), so any such message is replaced by a plain one for its code.
 */
function withoutInput(error: FieldError): FieldError {
  if (!/received|Invalid/.test(error.message)) return error;
  const plain: Partial<Record<FieldError['code'], string>> = {
    required: 'This field is required.',
    unknown_field: 'This field is not part of a placement.',
    enum: 'This value is not one of the allowed ones.',
  };
  return { ...error, message: plain[error.code] ?? 'This value is not valid here.' };
}

async function loadPlacementFor(db: SqlExecutor, ctx: CoreContext, order: OrderRecord, placementId: number): Promise<PlacementRecord> {
  const placement = await findPlacement(db, order.order.id, placementId, placementScope(ctx.principal));
  if (!placement) {
    const message = `Placement ${placementId} on job order ${order.order.id} was not found.`;
    throw new NotFound(message, { errors: [{ path: 'placementId', code: 'not_found', message }] });
  }
  return placement;
}

/**
 * Formidling (R5): any signed-up jobcenter places a candidate on an open order below its maximum.
 * The slot, the placement, its log line, its e-mail (R6.2) and the idempotency record commit together.
 */
export async function placeCandidate(
  ctx: CoreContext,
  orderId: number,
  input: CheckedInput<CreatePlacementInput>,
  key: IdempotencyKey | null,
): Promise<Created<PlacementView>> {
  requireSchemeMember(ctx.principal, 'place candidates');
  // Access first (not found, then forbidden), before anything about the key or the body is said.
  await loadOrderFor(ctx.db, ctx, orderId, 'place_candidate');
  const jobcenter = requireJobcenter(ctx.principal);
  const scope = idempotencyScope(jobcenter, `placement:${orderId}`);
  const early = await findReplay(ctx.db, scope, key);
  if (early) return early;
  const now = ctx.clock();
  const at = now.toISOString();
  return inTransaction(
    ctx,
    async (tx) => {
      const replay = await findReplay(tx, scope, key);
      if (replay) return replay;
      const order = await loadOrderFor(tx, ctx, orderId, 'place_candidate');
      const errors = input.value
        ? checkCandidate(input.value.candidate, input.value.description, todayInCopenhagen(now))
        : input.errors;
      if (!input.value || errors.length > 0) throw new Invalid(errors.map(withoutInput));
      const value = input.value;
      // The condition is in the UPDATE: of two jobcenters racing for the last slot, one wins.
      // It returns the order as changed (count, version), and the INSERT the placement's row.
      const updated = await takeCandidateSlot(tx, orderId, at);
      if (!updated) {
        throw refused(placementRefusal(order.order) ?? { path: 'status', code: 'not_open', message: 'The job order takes no candidates now.' });
      }
      const placement = await insertPlacement(tx, {
        jobOrderId: orderId,
        jobcenterId: jobcenter.jobcenterId,
        placedByName: jobcenter.jobcenterName,
        candidate: candidateToStore(value.candidate),
        description: value.description,
        at,
      });
      const id = placement.id;
      await journal(tx, updated, {
        kind: 'placement',
        actor: actorOf(jobcenter),
        at,
        version: updated.order.version,
        description: value.description,
        placement: { id, jobcenterId: jobcenter.jobcenterId },
      });
      if (updated.order.emailOnPlacement) {
        // Same transaction as the placement (R6.2): the e-mail exists exactly when the placement does.
        const email = placementEmail({
          jobOrderId: orderId,
          occupationTitle: updated.order.occupation.title,
          jobcenterName: jobcenter.jobcenterName,
          contactName: updated.order.contact.name,
          candidateCount: updated.order.candidateCount,
        });
        await enqueueEmail(tx, { ...email, dedupeKey: placementDedupeKey(id), to: updated.order.contact.email }, at);
      }
      const view = placementAnswer(jobcenter, order, placement);
      await rememberAnswer(tx, scope, key, { status: 201, body: view, location: placementLocation(orderId, id) }, at);
      return { replayed: false as const, value: view };
    },
    { journal: true, outbox: true },
  );
}

/** Fjernet (R5.3): the placing jobcenter withdraws its candidate; the count drops. */
export async function withdrawCandidate(ctx: CoreContext, orderId: number, placementId: number, checked: CheckedInput<{ reason?: string | null }>): Promise<PlacementView> {
  const at = ctx.clock().toISOString();
  return inTransaction(ctx, async (tx) => {
    const order = await loadOrderFor(tx, ctx, orderId, 'withdraw_placement');
    const placement = await loadPlacementFor(tx, ctx, order, placementId);
    const input = valid(checked);
    const reason = input.reason?.trim() || null;
    if (!(await withdrawPlacement(tx, placement, reason, at))) {
      const message = `Placement ${placement.id} was already withdrawn.`;
      throw new Conflict('already-withdrawn', message, [{ path: 'placementId', code: 'already_withdrawn', message }]);
    }
    const updated = (await findJobOrder(tx, orderId))!;
    await journal(tx, updated, {
      kind: 'withdrawn',
      actor: actorOf(ctx.principal),
      at,
      version: updated.order.version,
      description: candidateDescription(placement.candidate, reason),
      placement: { id: placement.id, jobcenterId: placement.jobcenterId },
    });
    return placementAnswer(ctx.principal, updated, (await findPlacement(tx, orderId, placement.id, { all: true }))!);
  });
}

export function placementLocationOf(placement: PlacementView): string {
  return placementLocation(placement.jobOrderId, placement.id);
}

/** Alle formidlede kandidater (R4.4): the company sees all, a jobcenter those it placed (R8.4). */
export async function listOrderPlacements(ctx: CoreContext, orderId: number, page: { limit: number; cursor?: string }): Promise<Page<PlacementView>> {
  const order = await loadOrderFor(ctx.db, ctx, orderId, 'read');
  const scope = placementScope(ctx.principal);
  return pageById(
    { list: 'placements', sort: 'id', order: 'asc', idOf: (placement) => placement.id },
    page,
    ({ beyondId, limit }) => listPlacements(ctx.db, orderId, scope, { afterId: beyondId ?? 0, limit }),
    (placement: PlacementRecord) => placementAnswer(ctx.principal, order, placement),
  );
}

export async function getPlacement(ctx: CoreContext, orderId: number, placementId: number): Promise<PlacementView> {
  const order = await loadOrderFor(ctx.db, ctx, orderId, 'read');
  return placementAnswer(ctx.principal, order, await loadPlacementFor(ctx.db, ctx, order, placementId));
}
