import type { Row, SqlExecutor, SqlArgs } from './driver/types.ts';
import type { JobOrder } from '../contract/job-orders.ts';
import type { OrderScope } from '../domain/access.ts';
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

/**
 * The row `findJobOrder` reads (the order and the names it joins), returned by the statement that
 * wrote it: no second statement to read back what was just written, on the hot path of every write.
 */
export const returningOrder = `RETURNING *,
  (SELECT name FROM jobcenters WHERE id = responsible_jobcenter_id) AS jobcenter_name,
  (SELECT cvr FROM companies WHERE id = company_id) AS company_cvr,
  (SELECT name FROM companies WHERE id = company_id) AS company_name`;

/** The record of a row returned with `returningOrder`. */
export const orderRecordOf = (row: Row): OrderRecord => ({ order: toJobOrder(row), companyId: Number(row.company_id) });

/** Inserts a new order and returns it as `findJobOrder` would read it. */
export async function insertJobOrder(
  tx: SqlExecutor,
  order: JobOrderFields & { companyId: number; companyName: string; responsibleJobcenterId: string; createdBy: JobOrder['createdBy']; at: string },
): Promise<OrderRecord> {
  const columns = {
    ...fieldColumns(order),
    company_id: order.companyId,
    // The company's name as the jobcenter's list sorts it; a company keeps its name for good.
    company_sort_key: danishSortKey(order.companyName),
    responsible_jobcenter_id: order.responsibleJobcenterId,
    status: 'open',
    status_rank: statusRank.open,
    created_at: order.at,
    updated_at: order.at,
    created_by_kind: order.createdBy.kind,
    created_by_name: order.createdBy.name,
  };
  const names = Object.keys(columns);
  // One step (`queryOne`): SQLite makes every change of a RETURNING statement in its first step, so collecting the rest would only cost time.
  const row = await tx.queryOne(`INSERT INTO job_orders (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')}) ${returningOrder}`, Object.values(columns));
  if (!row) throw new Error('insert returned no row');
  return orderRecordOf(row);
}

/** What one command changes on an order; anything left out stays as it is. */
export interface OrderChange {
  fields?: JobOrderFields;
  status?: JobOrder['status'];
  /** Written with every status change: the reason when closing, null otherwise. */
  closeReason?: JobOrder['closeReason'];
  latestNote?: { text: string; by: string };
  coordinator?: { name: string; email: string | null; phone: string | null };
}

/**
 * Writes a change only if the order is still at `expectedVersion` — the condition is part of the
 * UPDATE, so two writers can never overwrite each other unseen — and moves version and latest
 * action on. Returns false when the version had moved on (the caller answers 412).
 */
export async function updateJobOrder(tx: SqlExecutor, id: number, expectedVersion: number, change: OrderChange, at: string): Promise<boolean> {
  const columns: Record<string, string | number | null> = change.fields ? fieldColumns(change.fields) : {};
  if (change.status) Object.assign(columns, { status: change.status, status_rank: statusRank[change.status] });
  if (change.closeReason !== undefined) columns.close_reason = change.closeReason;
  if (change.latestNote) Object.assign(columns, { latest_note_text: change.latestNote.text, latest_note_at: at, latest_note_by: change.latestNote.by });
  if (change.coordinator) {
    const c = change.coordinator;
    Object.assign(columns, { coordinator_name: c.name, coordinator_email: c.email, coordinator_phone: c.phone, coordinator_appointed_at: at });
  }
  const names = Object.keys(columns);
  const result = await tx.run(
    `UPDATE job_orders SET ${names.map((n) => `${n} = ?, `).join('')}updated_at = ?, version = version + 1 WHERE id = ? AND version = ?`,
    [...Object.values(columns), at, id, expectedVersion],
  );
  return result.changes === 1;
}

/**
 * The SQL form of `orderInScope` (server/domain/access.ts, the policy), so a page is read by an
 * index; test/server/db/access-sql.test.ts holds the two to the same rows.
 */
function scopeWhere(scope: OrderScope): { sql: string; args: (string | number)[] } {
  if ('companyId' in scope) return { sql: 'o.company_id = ?', args: [scope.companyId] };
  // Every order reaches every jobcenter in the scheme (R1.4); `responsibleOnly` narrows to its own.
  return scope.responsibleOnly ? { sql: 'o.responsible_jobcenter_id = ?', args: [scope.jobcenterId] } : { sql: '1 = 1', args: [] };
}

/** An order with the one fact the access policy needs that clients never see: its company's id. */
export interface OrderRecord {
  order: JobOrder;
  companyId: number;
}

/** An order by id, whoever asks: the access policy (server/domain/access.ts) decides who may see it. */
export async function findJobOrder(db: SqlExecutor, id: number): Promise<OrderRecord | null> {
  const row = await db.queryOne(`${selectOrder} WHERE o.id = ?`, [id]);
  return row ? orderRecordOf(row) : null;
}

/**
 * The JSON of an order row `o` with its jobcenter `j` and company `c` (the `JobOrder` of the
 * contract, exactly what `toJobOrder` makes), built by SQLite: stored in `job_orders.json` by the
 * triggers of server/db/order-json.ts, a read answers with that text as it is — no row object, no
 * `JobOrder` object, no `JSON.stringify`. `test/server/db/order-json.test.ts` holds it equal to
 * `toJobOrder` for every field.
 */
const bool = (column: string) => `json(CASE ${column} WHEN 1 THEN 'true' ELSE 'false' END)`;
export const orderJsonSql = `json_object(
    'id', o.id, 'version', o.version, 'status', o.status, 'createdAt', o.created_at, 'updatedAt', o.updated_at,
    'occupation', json_object('code', o.occupation_code, 'title', o.occupation_title),
    'responsibleJobcenter', json_object('id', o.responsible_jobcenter_id, 'name', j.name),
    'company', json_object('cvr', c.cvr, 'name', c.name),
    'description', o.description, 'positions', o.positions,
    'emailOnPlacement', ${bool('o.email_on_placement')}, 'longTerm', ${bool('o.long_term')},
    'startDate', o.start_date, 'durationDays', o.duration_days, 'responseDeadline', o.response_deadline,
    'maxCandidates', o.max_candidates, 'workingTime', o.working_time, 'weeklyHours', o.weekly_hours,
    'workingHoursCondition', o.working_hours_condition, 'responseMethod', o.response_method,
    'workplace', json_object('pNumber', o.workplace_p_number, 'name', o.workplace_name, 'street', o.workplace_street,
      'floor', o.workplace_floor, 'door', o.workplace_door, 'postalCode', o.workplace_postal_code, 'city', o.workplace_city),
    'contact', json_object('contactPersonId', o.contact_person_id, 'name', o.contact_name, 'email', o.contact_email, 'phone', o.contact_phone),
    'coordinator', o.coordinator_name, 'candidateCount', o.candidate_count,
    'latestNote', json(CASE WHEN o.latest_note_text IS NULL THEN NULL
      ELSE json_object('text', o.latest_note_text, 'at', o.latest_note_at, 'by', o.latest_note_by) END),
    'createdBy', json_object('kind', o.created_by_kind, 'name', o.created_by_name),
    'closeReason', o.close_reason)`;

/** An order's JSON text for an answer, with what the access policy and the ETag need beside it. */
export interface OrderJson extends OrderFacts {
  json: string;
  version: number;
}

/** What the access policy and the rules need of an order beside its JSON, read from the same row. */
export interface OrderFacts {
  id: number;
  companyId: number;
  responsibleJobcenterId: string;
  status: JobOrder['status'];
  candidateCount: number;
  maxCandidates: number | null;
}

const factsColumns = 'o.id, o.company_id, o.responsible_jobcenter_id, o.status, o.candidate_count, o.max_candidates';
type FactsRow = { id: number; company_id: number; responsible_jobcenter_id: string; status: string; candidate_count: number; max_candidates: number | null };
const factsOf = (row: FactsRow): OrderFacts => ({
  id: Number(row.id),
  companyId: Number(row.company_id),
  responsibleJobcenterId: String(row.responsible_jobcenter_id),
  status: row.status as JobOrder['status'],
  candidateCount: Number(row.candidate_count),
  maxCandidates: row.max_candidates === null ? null : Number(row.max_candidates),
});

// One string, made once: the driver's statement cache hashes it once, not on every read. The JSON
// is the stored one (server/db/order-json.ts): one row by primary key, no joins.
const selectOrderJsonById = `SELECT o.json, o.version, ${factsColumns} FROM job_orders o WHERE o.id = ?`;

/** `findJobOrder` for a read that answers with the order as it is (GET): the JSON text, not an object. */
export async function findJobOrderJson(db: SqlExecutor, id: number): Promise<OrderJson | null> {
  const row = await db.queryOne<FactsRow & { json: string; version: number }>(selectOrderJsonById, [id]);
  return row ? { ...factsOf(row), json: row.json, version: Number(row.version) } : null;
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
  company: 'o.company_sort_key',
} as const;
export type SortKey = keyof typeof sortColumns;
/** Every sort key a list offers. */
export const sortKeys = Object.keys(sortColumns) as SortKey[];

export interface ListParams {
  sort: SortKey;
  order: 'asc' | 'desc';
  status?: JobOrder['status'];
  limit: number;
  after?: { value: string | number; id: number };
}

/**
 * The statement of one list page. Each (scope, sort) has one index, (scope, status_rank, sort
 * column, id) (migration 025): a status filter is one range of it; without one, the page is the
 * merge of the three status ranges, each read in sort order — SQLite merges ordered arms of a
 * UNION ALL without sorting. Either way a page reads about as many index entries as it returns,
 * however rare the status is or however it goes with the sort column.
 */
export function listStatement(scope: OrderScope, params: ListParams): { sql: string; args: (string | number)[] } {
  const where = scopeWhere(scope);
  // With a status filter every row has the same status rank, so sorting by status is sorting by
  // id: said so here, it is the same (scope, status_rank, id) range either way.
  const sort = params.status && params.sort === 'status' ? 'id' : params.sort;
  const column = sortColumns[sort];
  const cmp = params.order === 'asc' ? '>' : '<';
  const direction = params.order === 'asc' ? 'ASC' : 'DESC';
  const everyOrder = where.args.length === 0;

  /** The conditions and arguments of one range: the scope, a status (or none), the cursor. */
  const range = (rank: number | undefined): { sql: string; args: (string | number)[] } => {
    const conditions = [where.sql];
    const args: (string | number)[] = [...where.args];
    if (rank !== undefined) {
      conditions.push('o.status_rank = ?');
      args.push(rank);
    }
    if (params.after) {
      // A row-value comparison, which SQLite turns into a range on the (…, sort, id) index.
      if (sort === 'id') {
        conditions.push(`o.id ${cmp} ?`);
        args.push(params.after.id);
      } else {
        conditions.push(`(${column}, o.id) ${cmp} (?, ?)`);
        args.push(params.after.value, params.after.id);
      }
    } else if (sort === 'id' && everyOrder && rank === undefined) {
      // Every order by id: said as a range, it is a walk of the table itself (SEARCH, not SCAN).
      conditions.push('o.id > 0');
    }
    return { sql: conditions.join(' AND '), args };
  };
  // Each item as its stored JSON text (server/db/order-json.ts), with the sort value and id of the row for the cursor.
  const select = `SELECT o.json, ${column} AS sort_value, ${factsColumns} FROM job_orders o WHERE `;

  // One range: a status filter; sorting by status, whose index is already in that order; every
  // order by id, which is the table's own order.
  if (params.status || sort === 'status' || (sort === 'id' && everyOrder)) {
    const one = range(params.status ? statusRank[params.status] : undefined);
    const orderBy = sort === 'id' ? `o.id ${direction}` : `${column} ${direction}, o.id ${direction}`;
    return { sql: `${select}${one.sql} ORDER BY ${orderBy} LIMIT ?`, args: [...one.args, params.limit + 1] };
  }
  const arms = Object.values(statusRank).map((rank) => range(rank));
  const orderBy = sort === 'id' ? `id ${direction}` : `sort_value ${direction}, id ${direction}`;
  return {
    sql: `${arms.map((arm) => `${select}${arm.sql}`).join(' UNION ALL ')} ORDER BY ${orderBy} LIMIT ?`,
    args: [...arms.flatMap((arm) => arm.args), params.limit + 1],
  };
}

/** One page of orders (each as its JSON text, with its facts at the same index) plus the sort value of its last row, for the next cursor. */
export async function listJobOrders(
  db: SqlExecutor,
  scope: OrderScope,
  params: ListParams,
): Promise<{ items: string[]; facts: OrderFacts[]; last: { value: string | number; id: number } | null; more: boolean }> {
  const { sql, args } = listStatement(scope, params);
  const rows = await db.query<FactsRow & { json: string; sort_value: string | number }>(sql, args as SqlArgs);
  const more = rows.length > params.limit;
  const page = rows.slice(0, params.limit);
  const lastRow = page.at(-1);
  return {
    items: page.map((row) => row.json),
    facts: page.map(factsOf),
    last: lastRow ? { value: lastRow.sort_value, id: lastRow.id } : null,
    more,
  };
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
    closeReason: (str(r.close_reason) as JobOrder['closeReason']) ?? null,
  };
}
