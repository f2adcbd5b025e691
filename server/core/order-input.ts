// The rules of an order's body that need more than its shape: the company it belongs to, the
// reference data and the database (R1.7, R2.1, R2.5, R2.6), and the terms merged for an edit (R7).
import type { SqlExecutor } from '../db/driver/types.ts';
import type { JobOrderFields } from '../db/job-orders.ts';
import { findCompany, findCompanyByCvr, findJobcenter, type Company } from '../db/organisations.ts';
import type { FieldError } from '../contract/problem.ts';
import { NotFound } from '../domain/errors.ts';
import { findOccupation, postalCodes } from '../reference/index.ts';
import type { Principal } from '../domain/principal.ts';
import type { CreateJobOrderInput, JobOrder, UpdateJobOrderInput } from '../contract/job-orders.ts';
import { isCalendarDate, isValidCvr, jobcenterIdPattern, pNumberPattern, postalCodePattern, type OrderTerms } from '../../sdk/rules.ts';
import { isRecord } from './context.ts';

/** The date and working-time fields as sent, read leniently so their rules are reported beside the schema's. */
export function termsFromRaw(raw: Record<string, unknown>): OrderTerms {
  const date = (x: unknown) => (typeof x === 'string' && isCalendarDate(x) ? x : null);
  const int = (x: unknown) => (typeof x === 'number' && Number.isInteger(x) ? x : null);
  return {
    longTerm: raw.longTerm === true,
    startDate: date(raw.startDate),
    durationDays: int(raw.durationDays),
    responseDeadline: date(raw.responseDeadline),
    maxCandidates: int(raw.maxCandidates),
    workingTime: raw.workingTime === 'part_time' || raw.workingTime === 'full_time' ? raw.workingTime : 'unspecified',
    weeklyHours: int(raw.weeklyHours),
  };
}

/** An edit's terms: what it sends (null clears) over what is stored. */
export function mergeTerms(current: JobOrder, raw: Record<string, unknown>): OrderTerms {
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
export async function companyOfNewOrder(db: SqlExecutor, principal: Principal, raw: Record<string, unknown>): Promise<{ company: Company | null; errors: FieldError[] }> {
  const cvr = raw.companyCvr;
  if (principal.kind === 'employer') {
    const company = await findCompany(db, principal.companyId);
    if (!company) throw NotFound.of('The company');
    const errors: FieldError[] = cvr === undefined
      ? []
      : [{ path: 'companyCvr', code: 'unknown_field', message: 'A company creates orders for itself; leave companyCvr out.' }];
    return { company, errors };
  }
  if (cvr === undefined) {
    return { company: null, errors: [{ path: 'companyCvr', code: 'required', message: 'A jobcenter creating an order names the company by its CVR number (R1.7).' }] };
  }
  if (typeof cvr !== 'string' || !isValidCvr(cvr)) return { company: null, errors: [] }; // the schema reports it
  const company = await findCompanyByCvr(db, cvr);
  return company
    ? { company, errors: [] }
    : { company: null, errors: [{ path: 'companyCvr', code: 'unknown', message: 'No company with this CVR number uses job orders.' }] };
}

/** Rules that look things up: the title, the jobcenter, the company's own workplaces and people. */
export async function referenceErrors(db: SqlExecutor, raw: Record<string, unknown>, company: Company, mode: 'create' | 'edit'): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (typeof raw.occupationCode === 'string' && raw.occupationCode.trim() !== '' && !findOccupation(raw.occupationCode.trim())) {
    errors.push({ path: 'occupationCode', code: 'unknown', message: 'Choose a job title from the list of occupations.' });
  }
  if (mode === 'create' && typeof raw.responsibleJobcenterId === 'string') {
    const jobcenter = await findJobcenter(db, raw.responsibleJobcenterId);
    if (!jobcenter) {
      // A malformed id is the schema's to report; a well-formed unknown one is ours.
      if (jobcenterIdPattern.test(raw.responsibleJobcenterId)) errors.push({ path: 'responsibleJobcenterId', code: 'unknown', message: 'There is no jobcenter with that id.' });
    } else if (!jobcenter.signedUp) {
      errors.push({ path: 'responsibleJobcenterId', code: 'not_signed_up', message: `${jobcenter.name} has not signed up for job orders; choose a signed-up jobcenter.` });
    }
  }
  if (isRecord(raw.workplace)) {
    const w = raw.workplace;
    if (typeof w.pNumber === 'string' && !company.workplaces.some((x) => x.pNumber === w.pNumber) && pNumberPattern.test(w.pNumber)) {
      errors.push({ path: 'workplace.pNumber', code: 'unknown', message: 'The P-number is not one of the company\'s workplaces.' });
    }
    if (typeof w.postalCode === 'string' && postalCodePattern.test(w.postalCode) && !postalCodes[w.postalCode]) {
      errors.push({ path: 'workplace.postalCode', code: 'unknown', message: 'There is no Danish postal code with these digits.' });
    }
  }
  if (isRecord(raw.contact) && typeof raw.contact.contactPersonId === 'number') {
    const id = raw.contact.contactPersonId;
    if (!company.contactPersons.some((p) => p.id === id)) {
      errors.push({ path: 'contact.contactPersonId', code: 'unknown', message: 'The contact person is not one of the company\'s.' });
    }
  }
  return errors;
}

type WorkplaceInput = CreateJobOrderInput['workplace'];
type ContactInput = CreateJobOrderInput['contact'];

const workplaceOf = (w: WorkplaceInput): JobOrder['workplace'] => ({ ...w, floor: w.floor || null, door: w.door || null });
const contactOf = (c: ContactInput): JobOrder['contact'] => ({ ...c, contactPersonId: c.contactPersonId ?? null, phone: c.phone || null });

/** A new order's stored fields, its terms already normalised (R2.4.1, R2.4.2). */
export function fieldsOfNewOrder(input: CreateJobOrderInput, terms: OrderTerms): JobOrderFields {
  const occupation = findOccupation(input.occupationCode)!;
  return {
    ...terms,
    occupationCode: occupation.code,
    occupationTitle: occupation.title,
    description: input.description,
    positions: input.positions,
    emailOnPlacement: input.emailOnPlacement,
    workingHoursCondition: input.workingHoursCondition,
    responseMethod: input.responseMethod,
    workplace: workplaceOf(input.workplace),
    contact: contactOf(input.contact),
  };
}

/** An edited order's stored fields: what the edit sent over what is stored (R7.1). */
export function fieldsOfEdit(current: JobOrder, input: UpdateJobOrderInput, terms: OrderTerms): JobOrderFields {
  const occupation = input.occupationCode ? findOccupation(input.occupationCode)! : current.occupation;
  return {
    ...terms,
    occupationCode: occupation.code,
    occupationTitle: occupation.title,
    description: input.description ?? current.description,
    positions: input.positions ?? current.positions,
    emailOnPlacement: input.emailOnPlacement ?? current.emailOnPlacement,
    workingHoursCondition: input.workingHoursCondition ?? current.workingHoursCondition,
    responseMethod: input.responseMethod ?? current.responseMethod,
    workplace: input.workplace ? workplaceOf(input.workplace) : current.workplace,
    contact: input.contact ? contactOf(input.contact) : current.contact,
  };
}
