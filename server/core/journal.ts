import type { SqlExecutor } from '../db/driver/types.ts';
import { appendJournal, type JournalRecord } from '../db/journal.ts';
import type { JournalKind, LogAction } from '../contract/journal.ts';
import type { OrderRecord } from '../db/job-orders.ts';
import { audienceOfKind, type Actor } from '../domain/access.ts';

const actionOf: Record<JournalKind, LogAction> = {
  created: 'created',
  status_changed: 'changed',
  placement: 'placement',
  withdrawn: 'withdrawn',
  edited: 'edited',
  note: 'note',
  coordinator_appointed: 'coordinator_appointed',
  outcome: 'outcome',
};

/** One line of the placement log and one event of the stream: the same read of the journal. */
export interface LogEntryView {
  id: number;
  orderId: number;
  orderVersion: number;
  at: string;
  actor: { kind: 'company' | 'jobcenter'; name: string; person: string | null };
  action: LogAction;
  description: string;
  status: 'open' | 'inactive' | 'closed' | null;
  placementId: number | null;
  outcome: JournalRecord['outcome'];
  closeReason: JournalRecord['closeReason'];
  copyOf: number | null;
}

export function logEntryOf(r: JournalRecord): LogEntryView {
  return {
    id: r.id,
    orderId: r.jobOrderId,
    orderVersion: r.orderVersion,
    at: r.at,
    actor: r.actor,
    action: actionOf[r.kind],
    description: r.description,
    status: r.status,
    placementId: r.placementId,
    outcome: r.outcome,
    closeReason: r.closeReason,
    copyOf: r.copyOf,
  };
}

/**
 * Appends what a command did to the journal, in the command's transaction. The audience is
 * decided by the access policy from the kind; `version` is the order's version after the change.
 */
export async function journal(
  tx: SqlExecutor,
  order: OrderRecord,
  entry: {
    kind: JournalKind;
    actor: Actor;
    at: string;
    version: number;
    description?: string;
    status?: JournalRecord['status'];
    placement?: { id: number; jobcenterId: string };
    outcome?: JournalRecord['outcome'];
    closeReason?: JournalRecord['closeReason'];
    copyOf?: number | null;
  },
): Promise<void> {
  await appendJournal(tx, {
    jobOrderId: order.order.id,
    companyId: order.companyId,
    responsibleJobcenterId: order.order.responsibleJobcenter.id,
    kind: entry.kind,
    at: entry.at,
    actor: { kind: entry.actor.kind, name: entry.actor.name, person: entry.actor.person },
    description: entry.description ?? '',
    status: entry.status ?? null,
    placementId: entry.placement?.id ?? null,
    audience: audienceOfKind(entry.kind),
    placingJobcenterId: entry.placement?.jobcenterId ?? null,
    orderVersion: entry.version,
    outcome: entry.outcome ?? null,
    closeReason: entry.closeReason ?? null,
    copyOf: entry.copyOf ?? null,
  });
}
