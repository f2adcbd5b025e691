// The order form's draft: what the user typed, how it becomes an API body, and the checks made
// before sending. Pure data and functions, no Lit, so the form element keeps only its UI.
import {
  checkTerms,
  orderNumberLimits,
  pastDatesOfCopy,
  emailPattern,
  phonePattern,
  pNumberPattern,
  postalCodePattern,
  type CreateJobOrder,
  type FieldError,
  type JobOrder,
  type Jobcenter,
  type Me,
  type UpdateJobOrder,
} from '../sdk/index.ts';
import type { ChosenOccupation } from './occupation-combobox.ts';
import type { ErrorCode } from './strings.ts';

type Company = NonNullable<Me['company']>;
type Workplace = Company['workplaces'][number];
type ContactPerson = Company['contactPersons'][number];

export interface WorkplaceDraft { pNumber: string; name: string; street: string; floor: string; door: string; postalCode: string; city: string }
export interface ContactDraft { contactPersonId: number | null; name: string; email: string; phone: string }

/** What the form stands on: the user, the jobcenters and, when editing, the stored order. */
export interface FormData { me: Me; jobcenters: Jobcenter[]; order: JobOrder | null; etag: string | undefined; /** With `copy-of`: the order copied. */ source?: JobOrder | null }

/** What the user has typed, as typed: numbers stay text until sent, so nothing typed is ever lost. */
export interface Draft {
  responsibleJobcenterId: string;
  description: string;
  positions: string;
  emailOnPlacement: boolean;
  longTerm: boolean;
  startDate: string;
  durationDays: string;
  responseDeadline: string;
  maxCandidates: string;
  workingTime: JobOrder['workingTime'];
  weeklyHours: string;
  workingHoursCondition: JobOrder['workingHoursCondition'];
  responseMethod: JobOrder['responseMethod'];
  workplace: WorkplaceDraft;
  contact: ContactDraft;
  note: string;
}

/** The draft's text fields by the API's own dotted paths, so a server error lands on its field. */
export type TextPath =
  | 'description' | 'positions' | 'startDate' | 'durationDays' | 'responseDeadline' | 'maxCandidates' | 'weeklyHours' | 'note'
  | `workplace.${Exclude<keyof WorkplaceDraft, 'pNumber'>}` | `contact.${Exclude<keyof ContactDraft, 'contactPersonId'>}`;

/** A field error, from the form's own checks (no message) or from the API (with its text). */
export type FieldProblem = Pick<FieldError, 'path' | 'code'> & { message?: string };


export const emptyWorkplace = (pNumber = ''): WorkplaceDraft => ({ pNumber, name: '', street: '', floor: '', door: '', postalCode: '', city: '' });
export const emptyContact = (): ContactDraft => ({ contactPersonId: null, name: '', email: '', phone: '' });

export function workplaceDraft(w: Workplace): WorkplaceDraft {
  return { pNumber: w.pNumber, name: w.name, street: w.street, floor: '', door: '', postalCode: w.postalCode, city: w.city };
}

export function contactDraft(p: ContactPerson): ContactDraft {
  return { contactPersonId: p.id, name: p.name, email: p.email, phone: p.phone ?? '' };
}

export function newDraft(today: string): Draft {
  return {
    responsibleJobcenterId: '',
    description: '',
    positions: '1',
    emailOnPlacement: true,
    longTerm: false,
    startDate: today,
    durationDays: '',
    responseDeadline: '',
    maxCandidates: '',
    workingTime: 'unspecified',
    weeklyHours: '',
    workingHoursCondition: 'normal',
    responseMethod: 'unspecified',
    workplace: emptyWorkplace(),
    contact: emptyContact(),
    note: '',
  };
}

export function draftFromOrder(order: JobOrder, note: string): Draft {
  const text = (value: number | string | null) => (value === null ? '' : String(value));
  return {
    responsibleJobcenterId: order.responsibleJobcenter.id,
    description: order.description,
    positions: String(order.positions),
    emailOnPlacement: order.emailOnPlacement,
    longTerm: order.longTerm,
    startDate: text(order.startDate),
    durationDays: text(order.durationDays),
    responseDeadline: text(order.responseDeadline),
    maxCandidates: text(order.maxCandidates),
    workingTime: order.workingTime,
    weeklyHours: text(order.weeklyHours),
    workingHoursCondition: order.workingHoursCondition,
    responseMethod: order.responseMethod,
    workplace: { ...order.workplace, floor: order.workplace.floor ?? '', door: order.workplace.door ?? '' },
    contact: { ...order.contact, phone: order.contact.phone ?? '' },
    note,
  };
}

/**
 * A new order's draft copied from another (Kopiér jobordre): its fields, with the dates
 * that have passed left out (by the rule the server applies, so the start date becomes today,
 * R2.4.2) and a responsible jobcenter that has left the scheme left for the user to choose (R1.3).
 */
export function draftFromCopy(source: JobOrder, jobcenters: Jobcenter[], today: string): Draft {
  const draft = draftFromOrder(source, '');
  for (const field of pastDatesOfCopy(source, today)) draft[field] = field === 'startDate' ? today : '';
  const jobcenter = jobcenters.find((j) => j.id === source.responsibleJobcenter.id);
  if (!jobcenter?.signedUp) draft.responsibleJobcenterId = '';
  return draft;
}

/** The responsible jobcenter a workplace suggests: its local one, when signed up (R2.1.2). */
export function preselectedJobcenter(workplace: Workplace | undefined, jobcenters: Jobcenter[]): string {
  const local = jobcenters.find((j) => j.id === workplace?.localJobcenterId);
  return local?.signedUp ? local.id : '';
}

/** A text field's value by its dotted path. */
export function readText(d: Draft, path: TextPath): string {
  const [group, key] = path.split('.') as [string, string | undefined];
  const draft = d as unknown as Record<string, unknown>;
  return String(key === undefined ? draft[group] : (draft[group] as Record<string, unknown>)[key]);
}

/** A new draft with one text field changed: a new object, so Lit sees the change. */
export function withText(d: Draft, path: TextPath, value: string): Draft {
  const [group, key] = path.split('.') as [string, string | undefined];
  const draft = { ...d } as unknown as Record<string, unknown>;
  if (key === undefined) draft[group] = value;
  else draft[group] = { ...(draft[group] as Record<string, unknown>), [key]: value };
  return draft as unknown as Draft;
}

const wholeNumber = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : null);
const optionalNumber = (text: string) => (text.trim() === '' ? null : wholeNumber(text));

/** A draft as the API's create body: text to numbers, empty to null, long-term terms left out. */
export function bodyOf(d: Draft, occupation: ChosenOccupation | null): CreateJobOrder {
  const date = (text: string) => (d.longTerm || text === '' ? null : text);
  const termNumber = (text: string) => (d.longTerm ? null : optionalNumber(text));
  const optional = (text: string) => (text.trim() === '' ? null : text.trim());
  return {
    occupationCode: occupation?.code ?? '',
    responsibleJobcenterId: d.responsibleJobcenterId,
    description: d.description.trim(),
    positions: wholeNumber(d.positions) ?? 0,
    emailOnPlacement: d.emailOnPlacement,
    longTerm: d.longTerm,
    startDate: date(d.startDate),
    durationDays: termNumber(d.durationDays),
    responseDeadline: date(d.responseDeadline),
    maxCandidates: termNumber(d.maxCandidates),
    workingTime: d.workingTime,
    weeklyHours: d.workingTime === 'part_time' ? optionalNumber(d.weeklyHours) : null,
    workingHoursCondition: d.workingHoursCondition,
    responseMethod: d.responseMethod,
    workplace: {
      pNumber: d.workplace.pNumber,
      name: d.workplace.name.trim(),
      street: d.workplace.street.trim(),
      floor: optional(d.workplace.floor),
      door: optional(d.workplace.door),
      postalCode: d.workplace.postalCode.trim(),
      city: d.workplace.city.trim(),
    },
    contact: {
      contactPersonId: d.contact.contactPersonId,
      name: d.contact.name.trim(),
      email: d.contact.email.trim(),
      phone: optional(d.contact.phone),
    },
  };
}

/** An edit sends only what changed (R7), so an untouched past start date is not refused (R7.3). */
export function patchOf(d: Draft, occupation: ChosenOccupation | null, order: JobOrder): UpdateJobOrder {
  // The responsible jobcenter cannot change (R7.1): it is never sent.
  const { responsibleJobcenterId: _fixed, ...now } = bodyOf(d, occupation);
  const was: Record<string, unknown> = bodyOf(draftFromOrder(order, ''), order.occupation);
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(now)) {
    if (JSON.stringify(value) !== JSON.stringify(was[key])) patch[key] = value;
  }
  const note = d.note.trim();
  if (note) patch.note = note;
  return patch as UpdateJobOrder;
}

/** What the checks need besides the draft. */
export interface CheckContext {
  /** The title chosen from the suggestions, and what is typed in the field. */
  occupation: ChosenOccupation | null;
  occupationText: string;
  /** Editing: the jobcenter is fixed, and `original` is the stored order. */
  editing: boolean;
  original: JobOrder | null | undefined;
  /** `YYYY-MM-DD` in Copenhagen. */
  today: string;
}

/** The rules the API enforces, checked first so most mistakes never cost a round trip (R2, R7.3). */
export function checkDraft(d: Draft, context: CheckContext): FieldProblem[] {
  const { today, original } = context;
  const problems: FieldProblem[] = [];
  const add = (path: string, code: ErrorCode) => problems.push({ path, code });
  const required = (path: TextPath) => {
    if (readText(d, path).trim() === '') add(path, 'required');
  };
  const count = (path: keyof typeof orderNumberLimits) => {
    const text = readText(d, path).trim();
    if (text === '') return;
    const n = wholeNumber(text);
    if (n === null) add(path, 'integer');
    else if (n < orderNumberLimits[path].min) add(path, 'too_small');
    else if (n > orderNumberLimits[path].max) add(path, 'too_big');
  };

  if (!context.occupation) add('occupationCode', context.occupationText.trim() ? 'choose_from_list' : 'required');
  if (!context.editing && d.responsibleJobcenterId === '') add('responsibleJobcenterId', 'required');
  required('description');
  if (d.positions.trim() === '') add('positions', 'required');
  else count('positions');
  // R2.4.2, R2.4.4, R7.3: the API's own date rules. An edit that leaves a stored start date alone is not refused for it.
  const startChanged = !original || original.startDate !== (d.startDate || null);
  const terms = {
    longTerm: d.longTerm,
    startDate: d.startDate || null,
    durationDays: null,
    responseDeadline: d.responseDeadline || null,
    maxCandidates: null,
    workingTime: d.workingTime,
    weeklyHours: null, // sent only with part time (see bodyOf), so R2.4.7 cannot break here
  };
  for (const { path, code } of checkTerms(terms, today, startChanged)) add(path, code);
  if (!d.longTerm) {
    count('durationDays');
    count('maxCandidates');
  }
  if (d.workingTime === 'part_time') count('weeklyHours');
  if (!pNumberPattern.test(d.workplace.pNumber)) add('workplace.pNumber', d.workplace.pNumber ? 'format' : 'required');
  required('workplace.name');
  required('workplace.street');
  if (d.workplace.postalCode.trim() === '') add('workplace.postalCode', 'required');
  else if (!postalCodePattern.test(d.workplace.postalCode.trim())) add('workplace.postalCode', 'format');
  required('workplace.city');
  required('contact.name');
  if (d.contact.email.trim() === '') add('contact.email', 'required');
  else if (!emailPattern.test(d.contact.email.trim())) add('contact.email', 'format');
  if (d.contact.phone.trim() !== '' && !phonePattern.test(d.contact.phone.trim())) add('contact.phone', 'format');
  return problems;
}
