import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { actorOf, requireEmployer, requireSignedUp, type AppEnv, type Principal } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import type { SqlExecutor } from '../db/client.ts';
import {
  appendLog,
  findJobOrder,
  insertJobOrder,
  listJobOrders,
  listLog,
  setLatestNote,
  updateJobOrderFields,
  updateJobOrderStatus,
  type JobOrderFields,
  type OrderScope,
} from '../db/job-orders.ts';
import { findCompany, findCompanyByCvr, findJobcenter, type Company } from '../db/organisations.ts';
import { isCalendarDate, todayInCopenhagen } from '../domain/calendar.ts';
import { checkTerms, normalizeTerms, type OrderTerms } from '../domain/job-order-rules.ts';
import { HttpProblem, notFound, validationProblem, type FieldError } from '../http/problem.ts';
import { findReplay, idempotentRequest, rememberResponse } from '../http/idempotency.ts';
import { issuesToFieldErrors, parseOrThrow, readJsonBody } from '../http/validate.ts';
import { findOccupation, postalCodes } from '../reference/index.ts';
import {
  CreateJobOrderSchema,
  ListJobOrdersQuerySchema,
  StatusChangeSchema,
  UpdateJobOrderSchema,
  type JobOrder,
} from './job-orders.schemas.ts';

const IdSchema = v.pipe(v.string(), v.regex(/^[1-9]\d{0,9}$/, 'The id is a positive whole number.'), v.transform(Number));

export function orderScope(principal: Principal, responsibleOnly = false): OrderScope {
  return principal.kind === 'employer'
    ? { companyId: principal.companyId }
    : { jobcenterId: principal.jobcenterId, responsibleOnly };
}

export const etagOf = (order: JobOrder) => `"${order.version}"`;

/** Loads an order the caller may see, or 404 — another tenant's order looks like no order (R1.6). */
export async function loadOrder(db: SqlExecutor, c: Context<AppEnv>): Promise<JobOrder> {
  const id = parseOrThrow(IdSchema, c.req.param('id'), { status: 400, prefix: 'id' });
  const principal = c.get('principal');
  // R1.4: orders reach the jobcenters that have joined the scheme, not every jobcenter.
  if (principal.kind === 'jobcenter') requireSignedUp(principal, 'see job orders');
  const order = await findJobOrder(db, id, orderScope(principal));
  if (!order) throw notFound(`Job order ${id}`);
  return order;
}

export function jobOrderRoutes(deps: AppDeps) {
  const { db, clock } = deps;
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const principal = c.get('principal');
    if (principal.kind === 'jobcenter') requireSignedUp(principal, 'see job orders');
    const query = parseOrThrow(ListJobOrdersQuerySchema, c.req.query(), { status: 400 });
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, query.sort, query.order);
    const page = await listJobOrders(db, orderScope(principal, query.responsible === 'true'), {
      sort: query.sort,
      order: query.order,
      status: query.status,
      limit: query.limit,
      after,
    });
    const nextCursor = page.more && page.last ? encodeCursor({ s: query.sort, o: query.order, v: page.last.value, i: page.last.id }) : null;
    return c.json({ items: page.items, nextCursor });
  });

  app.post('/', async (c) => {
    const principal = c.get('principal');
    if (principal.kind === 'jobcenter') requireSignedUp(principal, 'create job orders');
    const raw = await readJsonBody(c);
    const scope = principal.kind === 'employer' ? `company:${principal.companyId}` : `jobcenter:${principal.jobcenterId}`;
    const idempotency = idempotentRequest(c, scope, raw);
    const replay = await findReplay(db, idempotency);
    if (replay) return replay;

    const now = clock();
    const today = todayInCopenhagen(now);
    const { company, errors: companyErrors } = await companyOfNewOrder(db, principal, raw);
    const result = v.safeParse(CreateJobOrderSchema, raw, { abortEarly: false });
    const errors = [
      ...companyErrors,
      ...(result.success ? [] : issuesToFieldErrors(result.issues)),
      ...(company ? await referenceErrors(db, raw, company, 'create') : []),
      ...checkTerms(termsFromRaw(raw), today),
    ];
    if (!result.success || !company || errors.length > 0) throw validationProblem(errors);
    const input = result.output;
    const occupation = findOccupation(input.occupationCode)!;
    const terms = normalizeTerms(
      {
        longTerm: input.longTerm,
        startDate: input.startDate ?? null,
        durationDays: input.durationDays ?? null,
        responseDeadline: input.responseDeadline ?? null,
        maxCandidates: input.maxCandidates ?? null,
        workingTime: input.workingTime,
        weeklyHours: input.weeklyHours ?? null,
      },
      today,
    );
    const fields: JobOrderFields = {
      ...terms,
      occupationCode: occupation.code,
      occupationTitle: occupation.title,
      description: input.description,
      positions: input.positions,
      emailOnPlacement: input.emailOnPlacement,
      workingHoursCondition: input.workingHoursCondition,
      responseMethod: input.responseMethod,
      workplace: { ...input.workplace, floor: input.workplace.floor || null, door: input.workplace.door || null },
      contact: { ...input.contact, contactPersonId: input.contact.contactPersonId ?? null, phone: input.contact.phone || null },
    };
    const at = now.toISOString();
    const actor = actorOf(principal);
    // The key is checked again inside the write transaction: of two racing retries, the second
    // sees the first's row and replays it instead of creating a second order.
    const outcome = await db.transaction(async (tx) => {
      const replay = await findReplay(tx, idempotency);
      if (replay) return replay;
      // R1.7: when a jobcenter creates the order, `actor` names it as the creator in the log.
      const id = await insertJobOrder(tx, { ...fields, companyId: company.id, responsibleJobcenterId: input.responsibleJobcenterId, createdBy: actor, at });
      await appendLog(tx, { jobOrderId: id, at, actor, action: 'created', description: '' });
      const created = (await findJobOrder(tx, id, { companyId: company.id }))!;
      await rememberResponse(tx, idempotency, { status: 201, body: created, location: `/v1/job-orders/${id}`, at });
      return created;
    });
    if (outcome instanceof Response) return outcome;
    return c.json(outcome, 201, { location: `/v1/job-orders/${outcome.id}`, etag: etagOf(outcome) });
  });

  app.get('/:id', async (c) => {
    const order = await loadOrder(db, c);
    const etag = etagOf(order);
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, { etag });
    return c.json(order, 200, { etag });
  });

  app.patch('/:id', async (c) => {
    const principal = requireEmployer(c.get('principal'));
    const current = await loadOrder(db, c);
    const raw = await readJsonBody(c);
    checkIfMatch(c.req.header('if-match'), current);
    const company = await findCompany(db, principal.companyId);
    if (!company) throw notFound('The company');
    const now = clock();
    const today = todayInCopenhagen(now);
    const result = v.safeParse(UpdateJobOrderSchema, raw, { abortEarly: false });
    const rawObject = isRecord(raw) ? raw : {};
    const merged = mergeTerms(current, rawObject);
    const errors = [
      ...(result.success ? [] : issuesToFieldErrors(result.issues)),
      ...(await referenceErrors(db, raw, company, 'edit')),
      // R7.3 applies to a start date the edit sends; an untouched stored date is left alone.
      ...checkTerms(merged, today, 'startDate' in rawObject),
    ];
    if (typeof rawObject.responsibleJobcenterId === 'string' && rawObject.responsibleJobcenterId !== current.responsibleJobcenter.id) {
      errors.push({ path: 'responsibleJobcenterId', code: 'immutable', message: 'The responsible jobcenter cannot be changed after creation (R7.1).' });
    }
    if (!result.success || errors.length > 0) throw validationProblem(errors);
    const input = result.output;
    const occupation = input.occupationCode ? findOccupation(input.occupationCode)! : { code: current.occupation.code, title: current.occupation.title };
    const terms = normalizeTerms(merged, today);
    const fields: JobOrderFields = {
      ...terms,
      occupationCode: occupation.code,
      occupationTitle: occupation.title,
      description: input.description ?? current.description,
      positions: input.positions ?? current.positions,
      emailOnPlacement: input.emailOnPlacement ?? current.emailOnPlacement,
      workingHoursCondition: input.workingHoursCondition ?? current.workingHoursCondition,
      responseMethod: input.responseMethod ?? current.responseMethod,
      workplace: input.workplace
        ? { ...input.workplace, floor: input.workplace.floor || null, door: input.workplace.door || null }
        : current.workplace,
      contact: input.contact
        ? { ...input.contact, contactPersonId: input.contact.contactPersonId ?? null, phone: input.contact.phone || null }
        : current.contact,
    };
    const at = now.toISOString();
    const actor = actorOf(principal);
    const note = input.note?.trim() || null;
    const updated = await db.transaction(async (tx) => {
      if (!(await updateJobOrderFields(tx, current.id, fields, current.version, at))) return null;
      if (note) await setLatestNote(tx, current.id, { text: note, by: actor.name }, at);
      await appendLog(tx, { jobOrderId: current.id, at, actor, action: 'changed', description: note ?? '' });
      return findJobOrder(tx, current.id, orderScope(principal));
    });
    if (!updated) throw staleVersion();
    return c.json(updated, 200, { etag: etagOf(updated) });
  });

  app.post('/:id/status', async (c) => {
    const principal = requireEmployer(c.get('principal'));
    const current = await loadOrder(db, c);
    const input = parseOrThrow(StatusChangeSchema, await readJsonBody(c));
    checkIfMatch(c.req.header('if-match'), current);
    const note = input.note?.trim() || null;
    if (input.status === current.status && !note) return c.json(current, 200, { etag: etagOf(current) });
    const at = clock().toISOString();
    const actor = actorOf(principal);
    const updated = await db.transaction(async (tx) => {
      await updateJobOrderStatus(tx, current.id, input.status, note ? { text: note, by: actor.name } : null, at);
      await appendLog(tx, { jobOrderId: current.id, at, actor, action: 'changed', description: note ?? '', status: input.status });
      return (await findJobOrder(tx, current.id, orderScope(principal)))!;
    });
    return c.json(updated, 200, { etag: etagOf(updated) });
  });

  app.get('/:id/log', async (c) => {
    const order = await loadOrder(db, c);
    return c.json({ items: await listLog(db, order.id), nextCursor: null });
  });

  return app;
}

/** `If-Match` is optional; when sent it must name the current version, else 412 (no lost update). */
function checkIfMatch(header: string | undefined, current: JobOrder): void {
  if (header === undefined || header.trim() === '*') return;
  const tags = header.split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (!tags.includes(etagOf(current))) throw staleVersion();
}

const staleVersion = () =>
  new HttpProblem(412, 'stale-version', 'The job order was changed by someone else since you read it. Reload it and apply your change again.');

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The date/working-time fields as sent, read leniently so their rules can be reported alongside schema errors. */
function termsFromRaw(raw: unknown): OrderTerms {
  const r = isRecord(raw) ? raw : {};
  const date = (x: unknown) => (typeof x === 'string' && isCalendarDate(x) ? x : null);
  const int = (x: unknown) => (typeof x === 'number' && Number.isInteger(x) ? x : null);
  return {
    longTerm: r.longTerm === true,
    startDate: date(r.startDate),
    durationDays: int(r.durationDays),
    responseDeadline: date(r.responseDeadline),
    maxCandidates: int(r.maxCandidates),
    workingTime: r.workingTime === 'part_time' || r.workingTime === 'full_time' ? r.workingTime : 'unspecified',
    weeklyHours: int(r.weeklyHours),
  };
}

/** An edit's terms: what it sends (null clears) over what is stored. */
function mergeTerms(current: JobOrder, raw: Record<string, unknown>): OrderTerms {
  const sent = termsFromRaw(raw);
  const pick = <K extends keyof OrderTerms>(key: K): OrderTerms[K] => (key in raw ? sent[key] : current[key]);
  return {
    longTerm: pick('longTerm'),
    startDate: pick('startDate'),
    durationDays: pick('durationDays'),
    responseDeadline: pick('responseDeadline'),
    maxCandidates: pick('maxCandidates'),
    workingTime: pick('workingTime'),
    weeklyHours: pick('weeklyHours'),
  };
}

/**
 * Whose order is being created: an employer's own company, or — for a jobcenter creating it on
 * the company's behalf after a phone call (R1.7) — the company named by `companyCvr`.
 */
async function companyOfNewOrder(db: SqlExecutor, principal: Principal, raw: unknown): Promise<{ company: Company | null; errors: FieldError[] }> {
  const cvr = isRecord(raw) ? raw.companyCvr : undefined;
  if (principal.kind === 'employer') {
    const company = await findCompany(db, principal.companyId);
    if (!company) throw notFound('The company');
    const errors: FieldError[] = cvr === undefined
      ? []
      : [{ path: 'companyCvr', code: 'unknown_field', message: 'A company creates orders for itself; leave companyCvr out.' }];
    return { company, errors };
  }
  if (cvr === undefined) {
    return { company: null, errors: [{ path: 'companyCvr', code: 'required', message: 'A jobcenter creating an order names the company by its CVR number (R1.7).' }] };
  }
  if (typeof cvr !== 'string' || !/^\d{8}$/.test(cvr)) return { company: null, errors: [] }; // the schema reports it
  const company = await findCompanyByCvr(db, cvr);
  return company
    ? { company, errors: [] }
    : { company: null, errors: [{ path: 'companyCvr', code: 'unknown', message: 'No company with this CVR number uses job orders.' }] };
}

/** Rules that look things up: the title, the jobcenter, the company's own workplaces and people. */
async function referenceErrors(db: SqlExecutor, raw: unknown, company: Company, mode: 'create' | 'edit'): Promise<FieldError[]> {
  const r = isRecord(raw) ? raw : {};
  const errors: FieldError[] = [];
  if (typeof r.occupationCode === 'string' && r.occupationCode.trim() !== '' && !findOccupation(r.occupationCode.trim())) {
    errors.push({ path: 'occupationCode', code: 'unknown', message: 'Choose a job title from the list of occupations.' });
  }
  if (mode === 'create' && typeof r.responsibleJobcenterId === 'string' && /^\d{3}$/.test(r.responsibleJobcenterId)) {
    const jobcenter = await findJobcenter(db, r.responsibleJobcenterId);
    if (!jobcenter) errors.push({ path: 'responsibleJobcenterId', code: 'unknown', message: 'There is no jobcenter with that id.' });
    else if (!jobcenter.signedUp) {
      errors.push({ path: 'responsibleJobcenterId', code: 'not_signed_up', message: `${jobcenter.name} has not signed up for job orders; choose a signed-up jobcenter.` });
    }
  }
  if (isRecord(r.workplace)) {
    const w = r.workplace;
    if (typeof w.pNumber === 'string' && /^\d{10}$/.test(w.pNumber) && !company.workplaces.some((x) => x.pNumber === w.pNumber)) {
      errors.push({ path: 'workplace.pNumber', code: 'unknown', message: 'The P-number is not one of the company\'s workplaces.' });
    }
    if (typeof w.postalCode === 'string' && /^\d{4}$/.test(w.postalCode) && !postalCodes[w.postalCode]) {
      errors.push({ path: 'workplace.postalCode', code: 'unknown', message: 'There is no Danish postal code ' + w.postalCode + '.' });
    }
  }
  if (isRecord(r.contact) && typeof r.contact.contactPersonId === 'number') {
    const id = r.contact.contactPersonId;
    if (!company.contactPersons.some((p) => p.id === id)) {
      errors.push({ path: 'contact.contactPersonId', code: 'unknown', message: 'The contact person is not one of the company\'s.' });
    }
  }
  return errors;
}

interface Cursor { s: string; o: string; v: string | number; i: number }

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** A cursor is only valid for the sort it was made for; anything else is a 400 naming `cursor`. */
function decodeCursor(text: string, sort: string, order: string): { value: string | number; id: number } {
  const bad = (message: string) =>
    new HttpProblem(400, 'invalid-parameters', message, { errors: [{ path: 'cursor', code: 'invalid', message }] });
  let cursor: Cursor;
  try {
    cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Cursor;
  } catch {
    throw bad('The cursor is not one this API made; start again without it.');
  }
  if (!isRecord(cursor) || typeof cursor.i !== 'number' || !(typeof cursor.v === 'string' || typeof cursor.v === 'number')) {
    throw bad('The cursor is not one this API made; start again without it.');
  }
  if (cursor.s !== sort || cursor.o !== order) throw bad('The cursor belongs to another sort order; keep sort and order as on the first page.');
  return { value: cursor.v, id: cursor.i };
}
