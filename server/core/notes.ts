// The responsible jobcenter's notes to the company (R5.4); the company writes its notes with an
// edit (R7.2) or a status change (R4.2).
import type { JobOrderView } from '../contract/job-orders.ts';
import { actorOf } from '../domain/access.ts';
import { inTransaction, valid, type CheckedInput, type CoreContext } from './context.ts';
import { journal } from './journal.ts';
import { expectedVersion, loadOrderFor, orderView, writeChange, type ExpectedVersions } from './orders.ts';

/** The note becomes the order's latest note (R4.1) and a `note` line in the log. */
export async function writeNote(ctx: CoreContext, orderId: number, checked: CheckedInput<{ text: string }>, expected: ExpectedVersions): Promise<JobOrderView> {
  const at = ctx.clock().toISOString();
  return inTransaction(ctx, async (tx) => {
    const current = await loadOrderFor(tx, ctx, orderId, 'write_note');
    const version = expectedVersion(current.order, expected);
    const input = valid(checked);
    const actor = actorOf(ctx.principal);
    const updated = await writeChange(tx, current, version, { latestNote: { text: input.text, by: actor.name } }, at);
    await journal(tx, updated, { kind: 'note', actor, at, version: updated.order.version, description: input.text });
    return orderView(ctx.principal, updated);
  });
}
