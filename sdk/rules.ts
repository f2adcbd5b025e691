/**
 * The rules a client can check before sending, written once: the server's schemas, the widgets
 * and HR systems all import them from here. Pure TypeScript: no Node, no DOM, no dependencies.
 *
 * @example
 * import { checkTerms, isValidCvr, todayInCopenhagen } from './sdk/index.ts';
 * if (!isValidCvr('31415926')) console.log('check_digit');
 * const errors = checkTerms(terms, todayInCopenhagen()); // [{ path: 'startDate', code: 'past_date', message }]
 */

// ---- Formats ----

/** A P-number (produktionsenhedsnummer) of a workplace: 10 digits. */
export const pNumberPattern = /^\d{10}$/;
/** A CVR number: 8 digits (see `isValidCvr` for the check digit). */
export const cvrPattern = /^\d{8}$/;
/** A Danish postal code: 4 digits. */
export const postalCodePattern = /^\d{4}$/;
/** A jobcenter's id, its municipality code: 3 digits. */
export const jobcenterIdPattern = /^\d{3}$/;
/** A phone number: an optional `+`, then 8–20 digits and spaces (`+45 20 30 40 50`). */
export const phonePattern = /^\+?[0-9 ]{8,20}$/;
/**
 * An e-mail address (the same rule as valibot's `email`): dotted local part of letters, digits,
 * `_`, `+`, `-`; a domain of letters, digits, dots and hyphens ending in a top-level domain of
 * two letters or more. Tested against the trimmed text.
 */
export const emailPattern = /^[\w+-]+(?:\.[\w+-]+)*@[\da-zA-Z]+(?:[.-][\da-zA-Z]+)*\.[a-zA-Z]{2,}$/u;
/** The longest e-mail address a mail server must accept (RFC 5321's path limit less its brackets). */
export const emailMaxLength = 254;

const cvrWeights = [2, 7, 6, 5, 4, 3, 2, 1] as const;

/** A CVR number with a valid check digit: 8 digits whose sum weighted 2,7,6,5,4,3,2,1 is a multiple of 11. */
export function isValidCvr(cvr: string): boolean {
  if (!cvrPattern.test(cvr)) return false;
  let sum = 0;
  for (let i = 0; i < cvrWeights.length; i++) sum += Number(cvr[i]) * cvrWeights[i]!;
  return sum % 11 === 0;
}

/** Occupation suggestions start at three letters (R2.1.1). */
export const occupationQueryMinLength = 3;

// ---- Dates (R8.1) ----

import { copenhagenTimeZone } from './time-zone.ts';

export { copenhagenTimeZone };

// Made on first use: a page's first Intl.DateTimeFormat loads ICU's time-zone and locale data,
// a cost that loading this module must not pay for.
let copenhagenDate: Intl.DateTimeFormat | undefined;

/** Today's date in Europe/Copenhagen as `YYYY-MM-DD` (R8.1): a Danish user's "today". */
export function todayInCopenhagen(now: Date = new Date()): string {
  copenhagenDate ??= new Intl.DateTimeFormat('en-CA', { timeZone: copenhagenTimeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return copenhagenDate.format(now);
}

/** The calendar date `days` after (or before, when negative) an ISO date. */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** True for a real calendar date written `YYYY-MM-DD` (rejects 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

// ---- Error codes and problem types: the contract's lists ----

/**
 * Every `errors[].code` the API sends, plus `choose_from_list`, which only the widgets produce
 * (a job title typed but not chosen from the suggestions). A client can key its messages by these.
 */
export const fieldErrorCodes = [
  // Shape and format (any field)
  'required',
  'type',
  'format',
  'integer',
  'too_small',
  'too_big',
  'enum',
  'unknown_field',
  'invalid',
  'malformed_json',
  'check_digit',
  // Reference and business rules
  'unknown',
  'not_signed_up',
  'immutable',
  'past_date',
  'not_future',
  'not_part_time',
  'too_young',
  'protected_address',
  'not_open',
  'max_candidates_reached',
  'already_withdrawn',
  'not_applicable',
  'not_found',
  'not_appointed',
  'stale_version',
  'not_visible',
  'cursor',
  'reused',
  // Text the API refuses to store (any text field)
  'control_character',
  'unpaired_surrogate',
  // Who may do what
  'not_allowed',
  'not_employer',
  'not_jobcenter',
  'not_responsible',
  // Webhook subscriptions
  'insecure_url',
  'private_address',
  'too_many',
  // Widgets only
  'choose_from_list',
] as const;
export type FieldErrorCode = (typeof fieldErrorCodes)[number];

/** Every problem `type` the API sends (RFC 9457), each a path under `/problems/`. */
export const problemTypes = [
  '/problems/validation',
  '/problems/invalid-parameters',
  '/problems/malformed-json',
  '/problems/unsupported-media-type',
  '/problems/payload-too-large',
  '/problems/invalid-idempotency-key',
  '/problems/idempotency-key-reused',
  '/problems/unauthorized',
  '/problems/token-expired',
  '/problems/forbidden',
  '/problems/origin-not-allowed',
  '/problems/not-signed-up',
  '/problems/not-responsible',
  '/problems/not-found',
  '/problems/no-coordinator',
  '/problems/stale-version',
  '/problems/precondition-required',
  '/problems/method-not-allowed',
  '/problems/order-not-open',
  '/problems/max-candidates-reached',
  '/problems/already-withdrawn',
  '/problems/rate-limited',
  '/problems/internal',
  '/problems/bad-gateway',
  '/problems/unavailable',
] as const;
export type ProblemType = (typeof problemTypes)[number];
/** A problem type without its `/problems/` prefix, e.g. `not-found`. */
export type ProblemSlug = ProblemType extends `/problems/${infer Slug}` ? Slug : never;

export function isFieldErrorCode(code: string): code is FieldErrorCode {
  return (fieldErrorCodes as readonly string[]).includes(code);
}

export function isProblemType(type: string): type is ProblemType {
  return (problemTypes as readonly string[]).includes(type);
}

// ---- The job order's fields: the values each may take (R2, R3, R4.2) ----

/** The order's statuses (R4.2): Åben, Midlertidig inaktiv, Lukket. */
export const orderStatuses = ['open', 'inactive', 'closed'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

/** Working time (R2.4.6); weekly hours go with part time only (R2.4.7). */
export const workingTimes = ['unspecified', 'part_time', 'full_time'] as const;
export type WorkingTime = (typeof workingTimes)[number];

/** Codes of the working-hours conditions (R2.4.8); the widgets show the Danish labels. */
export const workingHoursConditions = ['normal', 'day', 'evening', 'night', 'weekend', 'shifting', 'split'] as const;
export type WorkingHoursCondition = (typeof workingHoursConditions)[number];

/** Codes of the response methods (R2.4.9). `unspecified` and `cvs_sent` both mean CVs are sent. */
export const responseMethods = ['unspecified', 'cvs_sent', 'candidate_calls', 'candidate_applies', 'candidate_visits', 'jobcenter_calls'] as const;
export type ResponseMethod = (typeof responseMethods)[number];

/** The columns a list of orders sorts by (R3.3); `company` is the jobcenter's column of the company's name. */
export const orderSortKeys = ['id', 'title', 'contact', 'status', 'updatedAt', 'candidates', 'longTerm', 'company'] as const;
export type OrderSortKey = (typeof orderSortKeys)[number];

/** A list's sort direction. */
export const sortDirections = ['asc', 'desc'] as const;

/** The two sides of an order, as its creator and as the actor of a log entry: a company or a jobcenter. */
export const actorKinds = ['company', 'jobcenter'] as const;
export type ActorKind = (typeof actorKinds)[number];

/**
 * The bounds of the order's whole numbers (R2.1.4, R2.4.3, R2.4.5, R2.4.7): the API refuses a
 * value outside them (`too_small`, `too_big`), and the form says so before sending. Part-time
 * weekly hours stop at 37, a Danish full-time week.
 */
export const orderNumberLimits = {
  positions: { min: 1, max: 9999 },
  durationDays: { min: 1, max: 3650 },
  maxCandidates: { min: 1, max: 999 },
  weeklyHours: { min: 1, max: 37 },
} as const;

/**
 * The longest text each free-text field of an order takes, in characters after trimming, keyed
 * by the field's path in `errors[]`. Fields bounded by a pattern (P-number, postal code, phone)
 * are left to their pattern.
 */
export const orderTextLimits = {
  occupationCode: 20,
  description: 10000,
  note: 2000,
  'workplace.name': 200,
  'workplace.street': 200,
  'workplace.floor': 20,
  'workplace.door': 20,
  'workplace.city': 100,
  'contact.name': 200,
  'contact.email': emailMaxLength,
} as const;

// ---- The order's terms (R2.4, R7.3) ----

/** A broken rule of one field, as the API reports it in `errors[]`. */
export interface RuleError {
  path: string;
  code: FieldErrorCode;
  message: string;
}

/** The fields the rules of R2 and R7 look at, after an edit has been merged onto the stored order. */
export interface OrderTerms {
  longTerm: boolean;
  startDate: string | null;
  durationDays: number | null;
  responseDeadline: string | null;
  maxCandidates: number | null;
  workingTime: WorkingTime;
  weeklyHours: number | null;
}

/** The four fields a long-term order leaves out (R2.4.1). */
export const longTermFields = ['startDate', 'durationDays', 'responseDeadline', 'maxCandidates'] as const;

/**
 * R2.4.1: a long-term order has no start date, duration, deadline or max candidates — whatever
 * the client sent is cleared. R2.4.2: otherwise the start date defaults to today.
 */
export function normalizeTerms<T extends OrderTerms>(terms: T, today: string): T {
  if (terms.longTerm) {
    return { ...terms, startDate: null, durationDays: null, responseDeadline: null, maxCandidates: null };
  }
  return { ...terms, startDate: terms.startDate ?? today };
}

export const startDateMessage = 'The job start date must be today or a future date.';

/**
 * The date and working-time rules (R2.4.2, R2.4.4, R2.4.7, R7.3), all broken ones at once.
 * `checkStartDate` is false when an edit leaves an already stored start date untouched.
 */
export function checkTerms(terms: OrderTerms, today: string, checkStartDate = true): RuleError[] {
  const errors: RuleError[] = [];
  if (!terms.longTerm) {
    if (checkStartDate && terms.startDate !== null && terms.startDate < today) {
      errors.push({ path: 'startDate', code: 'past_date', message: startDateMessage });
    }
    if (terms.responseDeadline !== null && terms.responseDeadline <= today) {
      errors.push({ path: 'responseDeadline', code: 'not_future', message: 'The response deadline must be a future date (after today).' });
    }
  }
  if (terms.weeklyHours !== null && terms.workingTime !== 'part_time') {
    errors.push({ path: 'weeklyHours', code: 'not_part_time', message: 'Weekly hours can only be given for part-time work.' });
  }
  return errors;
}

// ---- Outcomes and close reasons: what came of a placement, why an order ended ----

/** What became of a placed candidate: Ansat, Til samtale, Ikke relevant, Mødte ikke op. */
export const outcomes = ['hired', 'interviewed', 'not_suitable', 'no_show'] as const;
export type Outcome = (typeof outcomes)[number];

/** Why a candidate was not suitable (Ikke relevant), a short list so it can be counted. */
export const notSuitableReasons = ['lacking_qualifications', 'lacking_experience', 'language', 'availability', 'other'] as const;
export type NotSuitableReason = (typeof notSuitableReasons)[number];

/** Why an order was closed: Besat med formidlet kandidat, Besat på anden vis, Behovet er bortfaldet, Andet. */
export const closeReasons = ['filled_by_placement', 'filled_otherwise', 'no_longer_needed', 'other'] as const;
export type CloseReason = (typeof closeReasons)[number];

/** An outcome as sent, read leniently: the rules below look only at which fields are there. */
export interface OutcomeTerms {
  outcome: Outcome;
  startDate?: string | null | undefined;
  reason?: string | null | undefined;
}

/**
 * An outcome's fields must fit it: `hired` needs the start date and only `hired` has one; a
 * reason belongs to `not_suitable` only (where it may be left out).
 */
export function checkOutcome(terms: OutcomeTerms): RuleError[] {
  const errors: RuleError[] = [];
  const has = (x: unknown) => x !== undefined && x !== null && x !== '';
  if (terms.outcome === 'hired' && !has(terms.startDate)) {
    errors.push({ path: 'startDate', code: 'required', message: 'A hire (Ansat) needs the start date.' });
  }
  if (terms.outcome !== 'hired' && has(terms.startDate)) {
    errors.push({ path: 'startDate', code: 'not_applicable', message: 'Only a hire (Ansat) has a start date.' });
  }
  if (terms.outcome !== 'not_suitable' && has(terms.reason)) {
    errors.push({ path: 'reason', code: 'not_applicable', message: 'Only "not suitable" (Ikke relevant) takes a reason.' });
  }
  return errors;
}

/**
 * A close reason is given when the status becomes closed (optional, so older clients still
 * close orders) and never with another status; `other` (Andet) says what in the note.
 */
export function checkCloseReason(status: OrderStatus, closeReason: CloseReason | null | undefined, note: string | null | undefined): RuleError[] {
  if (closeReason === undefined || closeReason === null) return [];
  if (status !== 'closed') {
    return [{ path: 'closeReason', code: 'not_applicable', message: 'A close reason is only given when the order is closed.' }];
  }
  if (closeReason === 'other' && !(note ?? '').trim()) {
    return [{ path: 'note', code: 'required', message: 'Closing for another reason (Andet) needs a note saying why.' }];
  }
  return [];
}

/**
 * Which dates of an order would be in the past for a copy made today, so the copy leaves them
 * out (Kopiér jobordre): a start date before today, a response deadline not after today.
 */
export function pastDatesOfCopy(terms: Pick<OrderTerms, 'startDate' | 'responseDeadline'>, today: string): ('startDate' | 'responseDeadline')[] {
  const cleared: ('startDate' | 'responseDeadline')[] = [];
  if (terms.startDate !== null && terms.startDate < today) cleared.push('startDate');
  if (terms.responseDeadline !== null && terms.responseDeadline <= today) cleared.push('responseDeadline');
  return cleared;
}
