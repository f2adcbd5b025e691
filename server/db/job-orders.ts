import type { Row, SqlExecutor, SqlArgs } from './client.ts';
import type { JobOrder, LogEntry } from '../routes/job-orders.schemas.ts';
import { danishSortKey } from '../domain/danish-sort.ts';

/** Everything stored about an order that a create or an edit decides. */
export interface JobOrderFields {
  occupationCode: string;
  occupationTitle: string;
  description: string;
  positions: number;
  emailOnPlacement: boolean;
  longTerm: boolean;
  startDate: string | null;
  durationDays: number | null;
  responseDeadline: string | null;
  maxCandidates: number | null;
  workingTime: JobOrder['workingTime'];
  weeklyHours: number | null;
  workingHoursCondition: JobOrder['workingHoursCondition'];
  responseMethod: JobOrder['responseMethod'];
  workplace: JobOrder['workplace'];
  contact: JobOrder['contact'];
}

const statusRank: Record<JobOrder['status'], number> = { open: 0, inactive: 1, closed: 2 };

const selectOrder = `
  SELECT o.*, j.name AS jobcenter_name, c.cvr AS company_cvr, c.name AS company_name
    FROM job_orders o
    JOIN jobcenters j ON j.id = o.responsible_jobcenter_id
    JOIN companies c ON c.id = o.company_id`;

function fieldColumns(f: JobOrderFields): Record<string, string | number | null> {
  return {
    occupation_code: f.occupationCode,
    occupation_title: f.occupationTitle,
    title_sort_key: danishSortKey(f.occupationTitle),
    description: f.description,
    positions: f.positions,
    email_on_placement: f.emailOnPlacement ? 1 : 0,
    long_term: f.longTerm ? 1 : 0,
    start_date: f.startDate,
    duration_days: f.durationDays,
    response_deadline: f.responseDeadline,
    max_candidates: f.maxCandidates,
    working_time: f.workingTime,
    weekly_hours: f.weeklyHours,
    working_hours_condition: f.workingHoursCondition,
    response_method: f.responseMethod,
    workplace_p_number: f.workplace.pNumber,
    workplace_name: f.workplace.name,
    workplace_street: f.workplace.street,
    workplace_floor: f.workplace.floor,
    workplace_door: f.workplace.door,
    workplace_postal_code: f.workplace.postalCode,
    workplace_city: f.workplace.city,
    contact_person_id: f.contact.contactPersonId,
    contact_name: f.contact.name,
    contact_sort_key: danishSortKey(f.contact.name),
    contact_email: f.contact.email,
    contact_phone: f.contact.phone,
  };
}

export async function insertJobOrder(
  tx: SqlExecutor,
  order: JobOrderFields & { companyId: number; responsibleJobcenterId: string; createdBy: JobOrder['createdBy']; at: string },
): Promise<number> {
  const columns = {
    ...fieldColumns(order),
    company_id: order.companyId,
    responsible_jobcenter_id: order.responsibleJobcenterId,
    status: 'open',
    status_rank: statusRank.open,
    created_at: order.at,
    updated_at: order.at,
    created_by_kind: order.createdBy.kind,
    created_by_name: order.createdBy.name,
  };
  const names = Object.keys(columns);
  const result = await tx.run(
    `INSERT INTO job_orders (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
    Object.values(columns),
  );
  if (result.lastInsertId === null) throw new Error('insert returned no id');
  return result.lastInsertId;
}

/**
 * Writes an edit only if the order is still at `expectedVersion` (compare-and-set), so two
 * editors can never overwrite each other unseen. Returns false when the version moved on.
 */
export async function updateJobOrderFields(
  tx: SqlExecutor,
  id: number,
  fields: JobOrderFields,
  expectedVersion: number,
  at: string,
): Promise<boolean> {
  const columns = fieldColumns(fields);
  const names = Object.keys(columns);
  const result = await tx.run(
    `UPDATE job_orders SET ${names.map((n) => `${n} = ?`).join(', ')}, updated_at = ?, version = version + 1
      WHERE id = ? AND version = ?`,
    [...Object.values(columns), at, id, expectedVersion],
  );
  return result.changes === 1;
}

export async function updateJobOrderStatus(
  tx: SqlExecutor,
  id: number,
  status: JobOrder['status'],
  note: { text: string; by: string } | null,
  at: string,
): Promise<void> {
  await tx.run(
    `UPDATE job_orders SET status = ?, status_rank = ?, updated_at = ?, version = version + 1
       ${note ? ', latest_note_text = ?, latest_note_at = ?, latest_note_by = ?' : ''}
     WHERE id = ?`,
    note ? [status, statusRank[status], at, note.text, at, note.by, id] : [status, statusRank[status], at, id],
  );
}

/** Records a note as the order's latest (R4.1), without touching anything else. */
export async function setLatestNote(tx: SqlExecutor, id: number, note: { text: string; by: string }, at: string): Promise<void> {
  await tx.run('UPDATE job_orders SET latest_note_text = ?, latest_note_at = ?, latest_note_by = ? WHERE id = ?', [note.text, at, note.by, id]);
}

export async function appendLog(
  tx: SqlExecutor,
  entry: {
    jobOrderId: number;
    at: string;
    actor: JobOrder['createdBy'];
    action: LogEntry['action'];
    description: string;
    status?: JobOrder['status'];
    placementId?: number;
  },
): Promise<void> {
  await tx.run(
    `INSERT INTO job_order_log (job_order_id, at, actor_kind, actor_name, action, description, status, placement_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [entry.jobOrderId, entry.at, entry.actor.kind, entry.actor.name, entry.action, entry.description, entry.status ?? null, entry.placementId ?? null],
  );
}

/** Who may see an order: one company's contact persons, or the jobcenter side (R1.4, R1.6). */
export type OrderScope = { companyId: number } | { jobcenterId: string; responsibleOnly: boolean };

function scopeWhere(scope: OrderScope): { sql: string; args: (string | number)[] } {
  if ('companyId' in scope) return { sql: 'o.company_id = ?', args: [scope.companyId] };
  // Every order reaches every jobcenter in the scheme (R1.4); `responsibleOnly` narrows to its own.
  return scope.responsibleOnly ? { sql: 'o.responsible_jobcenter_id = ?', args: [scope.jobcenterId] } : { sql: '1 = 1', args: [] };
}

export async function findJobOrder(db: SqlExecutor, id: number, scope: OrderScope): Promise<JobOrder | null> {
  const where = scopeWhere(scope);
  const rows = await db.query(`${selectOrder} WHERE o.id = ? AND ${where.sql}`, [id, ...where.args]);
  return rows[0] ? toJobOrder(rows[0]) : null;
}

/** The sort columns of R3.2, each paired with `id` so the order is total and keyset paging is stable. */
const sortColumns = {
  id: 'o.id',
  title: 'o.title_sort_key',
  contact: 'o.contact_sort_key',
  status: 'o.status_rank',
  updatedAt: 'o.updated_at',
  candidates: 'o.candidate_count',
  longTerm: 'o.long_term',
} as const;
export type SortKey = keyof typeof sortColumns;

export interface ListParams {
  sort: SortKey;
  order: 'asc' | 'desc';
  status?: JobOrder['status'];
  limit: number;
  after?: { value: string | number; id: number };
}

/** One page of orders plus the sort value of its last row, for the next cursor. */
export async function listJobOrders(
  db: SqlExecutor,
  scope: OrderScope,
  params: ListParams,
): Promise<{ items: JobOrder[]; last: { value: string | number; id: number } | null; more: boolean }> {
  const where = scopeWhere(scope);
  const column = sortColumns[params.sort];
  const conditions = [where.sql];
  const args: (string | number)[] = [...where.args];
  if (params.status) {
    conditions.push('o.status = ?');
    args.push(params.status);
  }
  const cmp = params.order === 'asc' ? '>' : '<';
  if (params.after) {
    if (params.sort === 'id') {
      conditions.push(`o.id ${cmp} ?`);
      args.push(params.after.id);
    } else {
      conditions.push(`(${column} ${cmp} ? OR (${column} = ? AND o.id ${cmp} ?))`);
      args.push(params.after.value, params.after.value, params.after.id);
    }
  }
  const direction = params.order === 'asc' ? 'ASC' : 'DESC';
  const orderBy = params.sort === 'id' ? `o.id ${direction}` : `${column} ${direction}, o.id ${direction}`;
  const rows = await db.query(
    `${selectOrder} WHERE ${conditions.join(' AND ')} ORDER BY ${orderBy} LIMIT ?`,
    [...args, params.limit + 1] as SqlArgs,
  );
  const more = rows.length > params.limit;
  const page = rows.slice(0, params.limit);
  const lastRow = page.at(-1);
  const sortField = column.slice(2);
  return {
    items: page.map(toJobOrder),
    last: lastRow ? { value: lastRow[sortField] as string | number, id: lastRow.id as number } : null,
    more,
  };
}

/** The placement log, oldest first (R4.3). */
export async function listLog(db: SqlExecutor, jobOrderId: number): Promise<LogEntry[]> {
  const rows = await db.query(
    'SELECT id, at, actor_kind, actor_name, action, description, status FROM job_order_log WHERE job_order_id = ? ORDER BY id ASC',
    [jobOrderId],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    at: String(r.at),
    actor: { kind: r.actor_kind as LogEntry['actor']['kind'], name: String(r.actor_name) },
    action: r.action as LogEntry['action'],
    description: String(r.description),
    status: r.status === null ? null : (r.status as JobOrder['status']),
  }));
}

const str = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));
const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

export function toJobOrder(r: Row): JobOrder {
  return {
    id: Number(r.id),
    version: Number(r.version),
    status: r.status as JobOrder['status'],
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
    occupation: { code: String(r.occupation_code), title: String(r.occupation_title) },
    responsibleJobcenter: { id: String(r.responsible_jobcenter_id), name: String(r.jobcenter_name) },
    company: { cvr: String(r.company_cvr), name: String(r.company_name) },
    description: String(r.description),
    positions: Number(r.positions),
    emailOnPlacement: r.email_on_placement === 1,
    longTerm: r.long_term === 1,
    startDate: str(r.start_date),
    durationDays: num(r.duration_days),
    responseDeadline: str(r.response_deadline),
    maxCandidates: num(r.max_candidates),
    workingTime: r.working_time as JobOrder['workingTime'],
    weeklyHours: num(r.weekly_hours),
    workingHoursCondition: r.working_hours_condition as JobOrder['workingHoursCondition'],
    responseMethod: r.response_method as JobOrder['responseMethod'],
    workplace: {
      pNumber: String(r.workplace_p_number),
      name: String(r.workplace_name),
      street: String(r.workplace_street),
      floor: str(r.workplace_floor),
      door: str(r.workplace_door),
      postalCode: String(r.workplace_postal_code),
      city: String(r.workplace_city),
    },
    contact: {
      contactPersonId: num(r.contact_person_id),
      name: String(r.contact_name),
      email: String(r.contact_email),
      phone: str(r.contact_phone),
    },
    coordinator: str(r.coordinator_name),
    candidateCount: Number(r.candidate_count),
    latestNote: r.latest_note_text === null ? null : { text: String(r.latest_note_text), at: String(r.latest_note_at), by: String(r.latest_note_by) },
    createdBy: { kind: r.created_by_kind as 'company' | 'jobcenter', name: String(r.created_by_name) },
  };
}
