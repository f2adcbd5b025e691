// The tovholder (R1.5, R4.1): appointed by the responsible jobcenter, read by whoever sees the order.
import { findCoordinator } from '../db/coordinators.ts';
import { NotFound } from '../domain/errors.ts';
import type { AppointCoordinatorInput, Coordinator } from '../contract/coordinator.ts';
import { actorOf } from '../domain/access.ts';
import { inTransaction, valid, type CheckedInput, type CoreContext } from './context.ts';
import { journal } from './journal.ts';
import { expectedVersion, loadOrderFor, writeChange, type ExpectedVersions } from './orders.ts';

export async function getCoordinator(ctx: CoreContext, orderId: number): Promise<Coordinator> {
  const { order } = await loadOrderFor(ctx.db, ctx, orderId, 'read');
  const record = await findCoordinator(ctx.db, order.id);
  if (!record) {
    const message = `${order.responsibleJobcenter.name} has not appointed a coordinator (tovholder) for job order ${order.id} yet.`;
    throw new NotFound(message, { slug: 'no-coordinator', errors: [{ path: 'coordinator', code: 'not_appointed', message }] });
  }
  return { ...record, jobcenter: order.responsibleJobcenter };
}

/** Appoints (or replaces) the tovholder; the log says who was appointed and by whom. */
export async function appointCoordinator(
  ctx: CoreContext,
  orderId: number,
  checked: CheckedInput<AppointCoordinatorInput>,
  expected: ExpectedVersions,
): Promise<{ coordinator: Coordinator; version: number }> {
  const at = ctx.clock().toISOString();
  return inTransaction(ctx, async (tx) => {
    const current = await loadOrderFor(tx, ctx, orderId, 'appoint_coordinator');
    const version = expectedVersion(current.order, expected);
    const input = valid(checked);
    const coordinator = { name: input.name, email: input.email || null, phone: input.phone || null };
    const updated = await writeChange(tx, current, version, { coordinator }, at);
    await journal(tx, updated, { kind: 'coordinator_appointed', actor: actorOf(ctx.principal), at, version: updated.order.version, description: coordinator.name });
    return { coordinator: { ...coordinator, appointedAt: at, jobcenter: updated.order.responsibleJobcenter }, version: updated.order.version };
  });
}
