// Outcomes: what became of a placed candidate — Ansat, Til samtale, Ikke relevant,
// Mødte ikke op — recorded by the company that owns the order. Order of checks as for
// placements: an order the caller may not see is not found, the wrong side forbidden, a
// placement it may not see not found, a bad body invalid, a withdrawn candidate a conflict.
import { findPlacement, recordOutcome } from '../db/placements.ts';
import { checkOutcome, outcomes, type Outcome } from '../../sdk/rules.ts';
import { Conflict, Invalid, NotFound } from '../domain/errors.ts';
import type { PlacementView, RecordOutcomeInput } from '../contract/placements.ts';
import { actorOf, placementScope } from '../domain/access.ts';
import { inTransaction, type CheckedInput, type CoreContext } from './context.ts';
import { journal } from './journal.ts';
import { loadOrderFor } from './orders.ts';
import { candidateDescription, placementAnswer } from './placements.ts';

/**
 * Records the outcome of one placed candidate, its journal entry naming the candidate; a later one replaces the earlier and each is a
 * journal entry seen by the company and the jobcenter that placed the candidate (R8.4). Sending
 * the outcome the candidate already has changes nothing, so a retry logs nothing twice. The
 * order itself does not change (no new version): the outcome belongs to the placement.
 */
export async function recordPlacementOutcome(
  ctx: CoreContext,
  orderId: number,
  placementId: number,
  checked: CheckedInput<RecordOutcomeInput>,
): Promise<PlacementView> {
  const at = ctx.clock().toISOString();
  return inTransaction(ctx, async (tx) => {
    const order = await loadOrderFor(tx, ctx, orderId, 'record_outcome');
    const placement = await findPlacement(tx, orderId, placementId, placementScope(ctx.principal));
    if (!placement) {
      const message = `Placement ${placementId} on job order ${orderId} was not found.`;
      throw new NotFound(message, { errors: [{ path: 'placementId', code: 'not_found', message }] });
    }
    // The fields' fit to the outcome is reported beside the schema's own errors, all at once.
    const outcomeOf = (raw: Record<string, unknown>) =>
      (outcomes as readonly unknown[]).includes(raw.outcome)
        ? checkOutcome({ outcome: raw.outcome as Outcome, startDate: raw.startDate as string | null, reason: raw.reason as string | null })
        : [];
    const errors = [...checked.errors, ...outcomeOf(checked.raw)];
    if (!checked.value || errors.length > 0) throw new Invalid(errors);
    const input = checked.value;
    if (placement.withdrawnAt !== null) throw withdrawn(placement.id);
    const outcome = { outcome: input.outcome, startDate: input.startDate ?? null, reason: input.reason ?? null, at };
    const same = placement.outcome && placement.outcome.outcome === outcome.outcome && placement.outcome.startDate === outcome.startDate && placement.outcome.reason === outcome.reason;
    if (same) return placementAnswer(ctx.principal, order, placement);
    if (!(await recordOutcome(tx, placement.id, outcome))) throw withdrawn(placement.id);
    await journal(tx, order, {
      kind: 'outcome',
      actor: actorOf(ctx.principal),
      at,
      version: order.order.version,
      description: candidateDescription(placement.candidate),
      placement: { id: placement.id, jobcenterId: placement.jobcenterId },
      outcome: { outcome: outcome.outcome, startDate: outcome.startDate, reason: outcome.reason },
    });
    return placementAnswer(ctx.principal, order, (await findPlacement(tx, orderId, placement.id, { all: true }))!);
  });
}

function withdrawn(placementId: number): Conflict {
  const message = `Placement ${placementId} was withdrawn (Fjernet); a withdrawn candidate has no outcome.`;
  return new Conflict('already-withdrawn', message, [{ path: 'placementId', code: 'already_withdrawn', message }]);
}
