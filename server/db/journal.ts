import type { Row, SqlExecutor } from './driver/types.ts';
import type { JournalAudience } from '../domain/access.ts';
import type { CloseReason, Outcome } from '../../sdk/rules.ts';
import type { JournalKind } from '../contract/journal.ts';
import type { JobOrder } from '../contract/job-orders.ts';
import type { LogEntry } from '../contract/log.ts';

/** One row of the journal, as stored. */
export interface JournalRecord {
  id: number;
  jobOrderId: number;
  companyId: number;
  responsibleJobcenterId: string;
  kind: JournalKind;
  at: string;
  actor: LogEntry['actor'];
  description: string;
  status: JobOrder['status'] | null;
  placementId: number | null;
  audience: 'scheme' | 'placement';
  placingJobcenterId: string | null;
  orderVersion: number;
  /** kind 'outcome': what became of the candidate. */
  outcome: { outcome: Outcome; startDate: string | null; reason: string | null } | null;
  /** kind 'status_changed' to closed: why. */
  closeReason: CloseReason | null;
  /** kind 'created' of a copy (Kopiér jobordre): the order it was copied from. */
  copyOf: number | null;
}

export type NewJournalEntry = Omit<JournalRecord, 'id'>;

export async function appendJournal(tx: SqlExecutor, e: NewJournalEntry): Promise<number> {
  const result = await tx.run(
    `INSERT INTO journal (job_order_id, company_id, responsible_jobcenter_id, kind, at, actor_kind, actor_name, actor_person,
                          description, status, placement_id, audience, placing_jobcenter_id, order_version,
                          outcome, outcome_start_date, outcome_reason, close_reason, copy_of)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      e.jobOrderId, e.companyId, e.responsibleJobcenterId, e.kind, e.at, e.actor.kind, e.actor.name, e.actor.person,
      e.description, e.status, e.placementId, e.audience, e.placingJobcenterId, e.orderVersion,
      e.outcome?.outcome ?? null, e.outcome?.startDate ?? null, e.outcome?.reason ?? null, e.closeReason, e.copyOf,
    ],
  );
  if (result.lastInsertId === null) throw new Error('journal insert returned no id');
  return result.lastInsertId;
}

/**
 * The SQL form of `journalEntryVisible` (server/domain/access.ts, the policy), so a page is read
 * by an index; test/server/db/access-sql.test.ts holds the two to the same rows.
 */
function audienceWhere(audience: JournalAudience): { sql: string; args: (string | number)[] } {
  if ('companyId' in audience) return { sql: 'company_id = ?', args: [audience.companyId] };
  return { sql: "(audience = 'scheme' OR placing_jobcenter_id = ?)", args: [audience.jobcenterId] };
}

/** One order's entries the audience may see, oldest first, after `afterId` (keyset paging). */
export async function listJournalOfOrder(
  db: SqlExecutor,
  jobOrderId: number,
  audience: JournalAudience,
  page: { afterId: number; limit: number },
): Promise<JournalRecord[]> {
  const where = audienceWhere(audience);
  const rows = await db.query(
    `SELECT * FROM journal WHERE job_order_id = ? AND id > ? AND ${where.sql} ORDER BY id LIMIT ?`,
    [jobOrderId, page.afterId, ...where.args, page.limit],
  );
  return rows.map(toJournalRecord);
}

/**
 * The entries the audience may see after `afterId` (of one order, with `jobOrderId`), oldest
 * first, at most `limit`: a stream's catch-up, a batch at a time. Each part is an index range
 * (migration 026), so a caller who may see few of many entries costs few rows, never a scan.
 */
export async function readVisibleJournalAfter(
  db: SqlExecutor,
  audience: JournalAudience,
  page: { afterId: number; limit: number; jobOrderId?: number | undefined },
): Promise<JournalRecord[]> {
  if (page.jobOrderId !== undefined) return listJournalOfOrder(db, page.jobOrderId, audience, page);
  const parts = visibleRanges(audience, page.afterId);
  const rows: Row[] = [];
  for (const part of parts) rows.push(...(await db.query(`SELECT * FROM journal WHERE ${part.sql} ORDER BY id LIMIT ?`, [...part.args, page.limit])));
  // The ranges are disjoint: the first `limit` of their union are among the first `limit` of each.
  if (parts.length > 1) rows.sort((a, b) => Number(a.id) - Number(b.id));
  return rows.slice(0, page.limit).map(toJournalRecord);
}

/**
 * How many entries the audience may see after `afterId` (of one order, with `jobOrderId`),
 * counted up to `atMost`: the count stops there, so it costs at most that many index steps
 * however large the journal is.
 */
export async function countVisibleJournalAfter(
  db: SqlExecutor,
  audience: JournalAudience,
  page: { afterId: number; atMost: number; jobOrderId?: number | undefined },
): Promise<number> {
  const parts =
    page.jobOrderId === undefined
      ? visibleRanges(audience, page.afterId)
      : [orderRange(audience, page.jobOrderId, page.afterId)];
  let count = 0;
  for (const part of parts) {
    const rows = await db.query(`SELECT COUNT(*) AS n FROM (SELECT id FROM journal WHERE ${part.sql} LIMIT ?)`, [...part.args, page.atMost]);
    count += Number(rows[0]?.n ?? 0);
  }
  return Math.min(count, page.atMost);
}

/**
 * `audienceWhere` after `afterId` as disjoint index ranges: a company's entries; for a jobcenter
 * the 'scheme' entries and the 'placement' entries it placed (`audience` is one of the two, so
 * `audience = 'scheme' OR placing_jobcenter_id = ?` is exactly their union).
 */
function visibleRanges(audience: JournalAudience, afterId: number): { sql: string; args: (string | number)[] }[] {
  if ('companyId' in audience) return [{ sql: 'company_id = ? AND id > ?', args: [audience.companyId, afterId] }];
  return [
    { sql: "audience = 'scheme' AND id > ?", args: [afterId] },
    { sql: "audience = 'placement' AND placing_jobcenter_id = ? AND id > ?", args: [audience.jobcenterId, afterId] },
  ];
}

/** One order's entries the audience may see after `afterId`, by the order's index (journal_order). */
function orderRange(audience: JournalAudience, jobOrderId: number, afterId: number): { sql: string; args: (string | number)[] } {
  // `+company_id`: not an index choice, so the order's own (far narrower) range is the one read.
  const where = 'companyId' in audience ? { sql: '+company_id = ?', args: [audience.companyId] } : audienceWhere(audience);
  return { sql: `job_order_id = ? AND id > ? AND ${where.sql}`, args: [jobOrderId, afterId, ...where.args] };
}

/** Every entry after `afterId`, oldest first: what the live feed fans out (filtered per listener). */
export async function readJournalAfter(db: SqlExecutor, afterId: number, limit: number): Promise<JournalRecord[]> {
  const rows = await db.query('SELECT * FROM journal WHERE id > ? ORDER BY id LIMIT ?', [afterId, limit]);
  return rows.map(toJournalRecord);
}

/** The newest entry's id (0 for none): where a stream that resumes nothing starts. */
export async function latestJournalId(db: SqlExecutor): Promise<number> {
  const rows = await db.query('SELECT MAX(id) AS id FROM journal');
  return Number(rows[0]?.id ?? 0);
}

function toJournalRecord(r: Row): JournalRecord {
  return {
    id: Number(r.id),
    jobOrderId: Number(r.job_order_id),
    companyId: Number(r.company_id),
    responsibleJobcenterId: String(r.responsible_jobcenter_id),
    kind: r.kind as JournalKind,
    at: String(r.at),
    actor: { kind: r.actor_kind as 'company' | 'jobcenter', name: String(r.actor_name), person: r.actor_person === null ? null : String(r.actor_person) },
    description: String(r.description),
    status: r.status === null ? null : (r.status as NonNullable<JournalRecord['status']>),
    placementId: r.placement_id === null ? null : Number(r.placement_id),
    audience: r.audience as JournalRecord['audience'],
    placingJobcenterId: r.placing_jobcenter_id === null ? null : String(r.placing_jobcenter_id),
    orderVersion: Number(r.order_version),
    outcome: r.outcome === null || r.outcome === undefined
      ? null
      : { outcome: r.outcome as Outcome, startDate: r.outcome_start_date === null ? null : String(r.outcome_start_date), reason: r.outcome_reason === null ? null : String(r.outcome_reason) },
    closeReason: r.close_reason === null || r.close_reason === undefined ? null : (r.close_reason as CloseReason),
    copyOf: r.copy_of === null || r.copy_of === undefined ? null : Number(r.copy_of),
  };
}
