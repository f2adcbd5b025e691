// Job orders: the commands create, edit and change status (R2, R7, R3.5), and the queries that
// read orders and their log (R3, R4). Each command is one transaction: read the order, apply the
// access policy, check the version, apply the rules, write, append to the journal.
import type { SqlExecutor } from '../db/driver/types.ts';
import { findJobOrder, findJobOrderJson, insertJobOrder, listJobOrders, type OrderFacts, type OrderJson, updateJobOrder, type OrderChange, type OrderRecord, type SortKey } from '../db/job-orders.ts';
import { listJournalOfOrder } from '../db/journal.ts';
import { findCompany } from '../db/organisations.ts';
import { checkCloseReason, checkTerms, normalizeTerms, pastDatesOfCopy, todayInCopenhagen } from '../../sdk/rules.ts';
import { Invalid, NotFound, PreconditionRequired, StaleVersion } from '../domain/errors.ts';
import type { CreateJobOrderInput, JobOrder, JobOrderView, UpdateJobOrderInput } from '../contract/job-orders.ts';
import { actorOf, authorizeOrder, journalAudience, orderCapabilities, orderScope, requireSchemeMember, type OrderAction, type OrderCapabilityFacts } from '../domain/access.ts';
import type { Principal } from '../domain/principal.ts';
import { inTransaction, valid, type CheckedInput, type CoreContext } from './context.ts';
import { findReplay, idempotencyScope, rememberAnswer, type IdempotencyKey, type Replay } from './idempotency.ts';
import { journal, logEntryOf, type LogEntryView } from './journal.ts';
import { decodeCursor, encodeCursor, pageById, type CursorBinding, type Page } from './paging.ts';
import { companyOfNewOrder, fieldsOfEdit, fieldsOfNewOrder, mergeTerms, referenceErrors, termsFromRaw } from './order-input.ts';

/** The versions an `If-Match` named; `'any'` for `*`; undefined when none was sent. */
export type ExpectedVersions = readonly number[] | 'any' | undefined;

/**
 * An edit or a status change by an integration (API key) must say which version it changes
 * (`PreconditionRequired` without `If-Match`), so an HR system cannot overwrite a change it never
 * saw by forgetting the header; `If-Match: *` says "whatever is current". Widget tokens may leave it out
 * (the widgets always send the ETag they read).
 */
function requireExpectation(ctx: CoreContext, expected: ExpectedVersions): void {
  if (expected === undefined && ctx.principal.via === 'apiKey') {
    const message = 'Send the ETag you read as If-Match (or `If-Match: *` to change whatever version is current).';
    throw new PreconditionRequired(`This change needs If-Match: ${message}`, [{ path: 'If-Match', code: 'required', message }]);
  }
}

/** Loads an order for one action of the caller: `NotFound` when it may not see it, `Forbidden` when it may not act. */
export async function loadOrderFor(db: SqlExecutor, ctx: CoreContext, id: number, action: OrderAction): Promise<OrderRecord> {
  requireSchemeMember(ctx.principal);
  const record = await findJobOrder(db, id);
  if (!record) throw NotFound.of(`Job order ${id}`);
  authorizeOrder(ctx.principal, { id, companyId: record.companyId, responsibleJobcenter: record.order.responsibleJobcenter }, action);
  return record;
}

export const staleVersion = () =>
  new StaleVersion('The job order was changed by someone else since you read it. Reload it and apply your change again.', [
    { path: 'If-Match', code: 'stale_version', message: 'The order has a newer version than the one you sent.' },
  ]);

/** The version the write must find: the one the caller read (If-Match), else the one just read. */
export function expectedVersion(current: JobOrder, expected: ExpectedVersions): number {
  if (Array.isArray(expected) && !expected.includes(current.version)) throw staleVersion();
  return current.version;
}

/** Writes one change with the version condition in the UPDATE; a lost race is `StaleVersion`, never an overwrite. */
export async function writeChange(tx: SqlExecutor, record: OrderRecord, version: number, change: OrderChange, at: string): Promise<OrderRecord> {
  if (!(await updateJobOrder(tx, record.order.id, version, change, at))) throw staleVersion();
  return (await findJobOrder(tx, record.order.id))!;
}

export type Created<T> = { replayed: false; value: T } | Replay;

function capabilityFactsOf(record: OrderRecord): OrderCapabilityFacts {
  const o = record.order;
  return { id: o.id, companyId: record.companyId, responsibleJobcenter: o.responsibleJobcenter, status: o.status, candidateCount: o.candidateCount, maxCandidates: o.maxCandidates };
}

/** An order as the caller receives it: its data and what the policy lets the caller do to it now. */
export function orderView(principal: Principal, record: OrderRecord): JobOrderView {
  return { ...record.order, actions: orderCapabilities(principal, capabilityFactsOf(record)) };
}

/** `orderView` for an order's stored JSON text: the actions are appended to the object, the rest is not parsed. */
function orderJsonView(principal: Principal, json: string, facts: OrderFacts): string {
  const { responsibleJobcenterId, ...rest } = facts;
  // The jobcenter's name only words a refusal, and no refusal leaves `orderCapabilities`.
  const actions = orderCapabilities(principal, { ...rest, responsibleJobcenter: { id: responsibleJobcenterId, name: '' } });
  return `${json.slice(0, json.lastIndexOf('}'))},"actions":${JSON.stringify(actions)}}`;
}

/** Opret jobordre (R2); by a jobcenter on a company's behalf with `companyCvr` (R1.7). */
export async function createJobOrder(ctx: CoreContext, input: CheckedInput<CreateJobOrderInput>, key: IdempotencyKey | null): Promise<Created<JobOrderView>> {
  return create(ctx, key, async () => ({ input, copyOf: null }));
}

/**
 * Kopiér jobordre: a new order prefilled from one the caller may read. The body's
 * fields win over the source's; dates that would be in the past are cleared; then the result
 * is checked and created exactly like a new order (R2, R2.4), in the same transaction as the read
 * of the source. `check` is the route's check of a create body, applied to the merged one.
 */
export async function copyJobOrder(
  ctx: CoreContext,
  body: CheckedInput<unknown>,
  check: (merged: Record<string, unknown>) => CheckedInput<CreateJobOrderInput>,
  key: IdempotencyKey | null,
): Promise<Created<JobOrderView>> {
  const sourceId = body.raw.copyOf;
  const copyOfError = body.errors.filter((e) => e.path === 'copyOf');
  return create(ctx, key, async (tx, today) => {
    // Without a readable id there is nothing to copy: say so (with every other broken field).
    if (copyOfError.length > 0 || typeof sourceId !== 'number') throw new Invalid(body.errors);
    const source = await loadOrderFor(tx, ctx, sourceId, 'read');
    const { copyOf: _copyOf, ...sent } = body.raw;
    const merged: Record<string, unknown> = { ...copiedFields(source, ctx, today), ...sent };
    const input = check(merged);
    // The copy body's own shape errors (an unknown field, say) count too; the merged check repeats the rest.
    const paths = new Set(input.errors.map((e) => `${e.path}:${e.code}`));
    const extra = body.errors.filter((e) => !paths.has(`${e.path}:${e.code}`));
    return { input: { ...input, errors: [...extra, ...input.errors], value: extra.length > 0 ? null : input.value }, copyOf: sourceId };
  });
}

/** The fields of `source` a copy starts from (not status, candidates, tovholder, notes, log). */
function copiedFields(record: OrderRecord, ctx: CoreContext, today: string): Record<string, unknown> {
  const o = record.order;
  const fields: Record<string, unknown> = {
    occupationCode: o.occupation.code,
    responsibleJobcenterId: o.responsibleJobcenter.id,
    description: o.description,
    positions: o.positions,
    emailOnPlacement: o.emailOnPlacement,
    longTerm: o.longTerm,
    startDate: o.startDate,
    durationDays: o.durationDays,
    responseDeadline: o.responseDeadline,
    maxCandidates: o.maxCandidates,
    workingTime: o.workingTime,
    weeklyHours: o.weeklyHours,
    workingHoursCondition: o.workingHoursCondition,
    responseMethod: o.responseMethod,
    workplace: { ...o.workplace },
    contact: { ...o.contact },
  };
  for (const field of pastDatesOfCopy(o, today)) fields[field] = null;
  // A jobcenter copies on the company's behalf (R1.7): the source names the company.
  if (ctx.principal.kind === 'jobcenter') fields.companyCvr = o.company.cvr;
  return fields;
}

/** One create, plain or copied: checks, writes the order and its *created* entry, remembers the answer. */
async function create(
  ctx: CoreContext,
  key: IdempotencyKey | null,
  prepare: (tx: SqlExecutor, today: string) => Promise<{ input: CheckedInput<CreateJobOrderInput>; copyOf: number | null }>,
): Promise<Created<JobOrderView>> {
  const { principal } = ctx;
  requireSchemeMember(principal, 'create job orders');
  const scope = idempotencyScope(principal);
  const early = await findReplay(ctx.db, scope, key);
  if (early) return early;
  const now = ctx.clock();
  const today = todayInCopenhagen(now);
  const at = now.toISOString();
  return inTransaction(ctx, async (tx) => {
    const replay = await findReplay(tx, scope, key);
    if (replay) return replay;
    const { input, copyOf } = await prepare(tx, today);
    const { company, errors: companyErrors } = await companyOfNewOrder(tx, principal, input.raw);
    const errors = [
      ...companyErrors,
      ...input.errors,
      ...(company ? await referenceErrors(tx, input.raw, company, 'create') : []),
      ...checkTerms(termsFromRaw(input.raw), today),
    ];
    if (!input.value || !company || errors.length > 0) throw new Invalid(errors);
    const value = input.value;
    const terms = normalizeTerms(
      {
        longTerm: value.longTerm,
        startDate: value.startDate ?? null,
        durationDays: value.durationDays ?? null,
        responseDeadline: value.responseDeadline ?? null,
        maxCandidates: value.maxCandidates ?? null,
        workingTime: value.workingTime,
        weeklyHours: value.weeklyHours ?? null,
      },
      today,
    );
    const actor = actorOf(principal);
    const created = await insertJobOrder(tx, {
      ...fieldsOfNewOrder(value, terms),
      companyId: company.id,
      companyName: company.name,
      responsibleJobcenterId: value.responsibleJobcenterId,
      createdBy: { kind: actor.kind, name: actor.name },
      at,
    });
    const id = created.order.id;
    // R1.7: when a jobcenter creates the order, the actor names it as the creator in the log.
    await journal(tx, created, { kind: 'created', actor, at, version: created.order.version, copyOf });
    const view = orderView(principal, created);
    await rememberAnswer(tx, scope, key, { status: 201, body: view, location: `/v1/job-orders/${id}` }, at);
    return { replayed: false as const, value: view };
  });
}

/** Rediger jobordre (R7): only the fields sent change; the responsible jobcenter never (R7.1). */
export async function editJobOrder(ctx: CoreContext, id: number, input: CheckedInput<UpdateJobOrderInput>, expected: ExpectedVersions): Promise<JobOrderView> {
  requireExpectation(ctx, expected);
  const now = ctx.clock();
  const today = todayInCopenhagen(now);
  const at = now.toISOString();
  return inTransaction(ctx, async (tx) => {
    const current = await loadOrderFor(tx, ctx, id, 'edit');
    const version = expectedVersion(current.order, expected);
    const company = await findCompany(tx, current.companyId);
    if (!company) throw NotFound.of('The company');
    const { raw } = input;
    const merged = mergeTerms(current.order, raw);
    const errors = [
      ...input.errors,
      ...(await referenceErrors(tx, raw, company, 'edit')),
      // R7.3 applies to a start date the edit sends; an untouched stored date is left alone.
      ...checkTerms(merged, today, 'startDate' in raw),
    ];
    if (typeof raw.responsibleJobcenterId === 'string' && raw.responsibleJobcenterId !== current.order.responsibleJobcenter.id) {
      errors.push({ path: 'responsibleJobcenterId', code: 'immutable', message: 'The responsible jobcenter cannot be changed after creation (R7.1).' });
    }
    if (!input.value || errors.length > 0) throw new Invalid(errors);
    const note = input.value.note?.trim() || null;
    const actor = actorOf(ctx.principal);
    const change: OrderChange = { fields: fieldsOfEdit(current.order, input.value, normalizeTerms(merged, today)) };
    // R7.2: the note to the jobcenter becomes the order's latest note (R4.1).
    if (note) change.latestNote = { text: note, by: actor.name };
    const updated = await writeChange(tx, current, version, change, at);
    await journal(tx, updated, { kind: 'edited', actor, at, version: updated.order.version, description: note ?? '' });
    return orderView(ctx.principal, updated);
  });
}

/** Status på jobordre (R4.2, R7.5, R3.5) with an optional note, and a close reason when closing; logged as Ændret. */
export async function changeJobOrderStatus(
  ctx: CoreContext,
  id: number,
  checked: CheckedInput<{ status: JobOrder['status']; note?: string | null; closeReason?: JobOrder['closeReason'] | undefined }>,
  expected: ExpectedVersions,
): Promise<JobOrderView> {
  requireExpectation(ctx, expected);
  const at = ctx.clock().toISOString();
  return inTransaction(ctx, async (tx) => {
    const current = await loadOrderFor(tx, ctx, id, 'change_status');
    const version = expectedVersion(current.order, expected);
    const ruleErrors = checked.value ? checkCloseReason(checked.value.status, checked.value.closeReason, checked.value.note) : [];
    const input = valid({ ...checked, errors: [...checked.errors, ...ruleErrors] });
    const note = input.note?.trim() || null;
    // Closed again without a reason keeps the one given; any other status has none.
    const closeReason = input.status !== 'closed'
      ? null
      : input.closeReason !== undefined ? input.closeReason : current.order.status === 'closed' ? current.order.closeReason : null;
    // The same status without a note (or a new reason) changes nothing: no new version, no log line.
    if (input.status === current.order.status && !note && closeReason === current.order.closeReason) return orderView(ctx.principal, current);
    const actor = actorOf(ctx.principal);
    const change: OrderChange = { status: input.status, closeReason };
    if (note) change.latestNote = { text: note, by: actor.name };
    const updated = await writeChange(tx, current, version, change, at);
    await journal(tx, updated, { kind: 'status_changed', actor, at, version: updated.order.version, description: note ?? '', status: input.status, closeReason });
    return orderView(ctx.principal, updated);
  });
}

/** One order for a read (R3), as the JSON text the answer carries (stored by the database, not rebuilt per read) with the caller's actions. */
export async function getJobOrder(ctx: CoreContext, id: number): Promise<OrderJson> {
  requireSchemeMember(ctx.principal);
  const found = await findJobOrderJson(ctx.db, id);
  if (!found) throw NotFound.of(`Job order ${id}`);
  authorizeOrder(ctx.principal, { id, companyId: found.companyId, responsibleJobcenter: { id: found.responsibleJobcenterId, name: '' } }, 'read');
  return { ...found, json: orderJsonView(ctx.principal, found.json, found) };
}

/** The value kind of each sort column, so a cursor's value is checked against it. */
const sortValueKinds: Record<SortKey, CursorBinding['value']> = {
  id: 'integer',
  title: 'text',
  contact: 'text',
  status: 'integer',
  updatedAt: 'text',
  candidates: 'integer',
  longTerm: 'integer',
  company: 'text',
};

/** The caller's orders (R3.1–R3.3), each as its JSON text (`orderJsonSql`); a jobcenter sees the scheme's (R1.4), or with `responsibleOnly` its own. */
export async function listOrders(
  ctx: CoreContext,
  query: { sort: SortKey; order: 'asc' | 'desc'; status?: JobOrder['status']; limit: number; cursor?: string; responsibleOnly?: boolean },
): Promise<Page<string>> {
  const scope = orderScope(ctx.principal, query.responsibleOnly ?? false);
  const binding: CursorBinding = { list: 'orders', sort: query.sort, order: query.order, value: sortValueKinds[query.sort] };
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, binding);
  const page = await listJobOrders(ctx.db, scope, { sort: query.sort, order: query.order, status: query.status, limit: query.limit, after });
  return { items: page.items.map((json, i) => orderJsonView(ctx.principal, json, page.facts[i]!)), nextCursor: page.more && page.last ? encodeCursor(binding, page.last) : null };
}

/** The placement log (R4.3): the journal entries of one order the caller may see, oldest first. */
export async function readOrderLog(ctx: CoreContext, id: number, page: { limit: number; cursor?: string }): Promise<Page<LogEntryView>> {
  await loadOrderFor(ctx.db, ctx, id, 'read');
  const audience = journalAudience(ctx.principal);
  return pageById(
    { list: 'log', sort: 'id', order: 'asc', idOf: (entry) => entry.id },
    page,
    ({ beyondId, limit }) => listJournalOfOrder(ctx.db, id, audience, { afterId: beyondId ?? 0, limit }),
    logEntryOf,
  );
}
