import type { Database, SqlExecutor } from '../db/driver/types.ts';
import type { Clock } from '../domain/calendar.ts';
import type { FieldError } from '../contract/problem.ts';
import { Invalid } from '../domain/errors.ts';
import type { Principal } from '../domain/principal.ts';

/** What a command or query runs with: the database, the clock, and who is asking. */
export interface CoreContext {
  db: Database;
  clock: Clock;
  principal: Principal;
  /** Called after a commit that appended to the journal, so this process's event stream looks now. */
  journalChanged?: () => void;
  /** Called after a commit that queued e-mail, so a running outbox worker sends it now. */
  outboxChanged?: () => void;
}

/**
 * A request body as the route read it: the schema's output when it passed, every broken field
 * rule otherwise, and the raw object so a command can check its other rules and report them all
 * at once (R2: "all broken fields at once").
 */
export interface CheckedInput<T> {
  value: T | null;
  errors: FieldError[];
  raw: Record<string, unknown>;
}

/**
 * Runs one command's work in one write transaction and tells the rest of the process afterwards.
 * Between BEGIN and COMMIT `work` awaits nothing but database calls.
 */
export async function inTransaction<T>(
  ctx: CoreContext,
  work: (tx: SqlExecutor) => Promise<T>,
  effects: { journal?: boolean; outbox?: boolean } = { journal: true },
): Promise<T> {
  const result = await ctx.db.transaction(work);
  if (effects.journal) ctx.journalChanged?.();
  if (effects.outbox) ctx.outboxChanged?.();
  return result;
}

/** The checked body's value, or `Invalid` with every broken rule; called once access has been checked. */
export function valid<T>(input: CheckedInput<T>): T {
  if (input.value === null || input.errors.length > 0) throw new Invalid(input.errors);
  return input.value;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
