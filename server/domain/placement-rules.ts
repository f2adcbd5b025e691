import type { FieldError } from '../contract/problem.ts';
import type { NotSuitableReason, Outcome } from '../../sdk/rules.ts';
import { postalCodes } from '../reference/index.ts';
import type { JobOrder } from '../contract/job-orders.ts';
import type { CandidateInput, Cv, Placement } from '../contract/placements.ts';

/** Why an order takes no (more) candidates: a conflict naming the field that decides it, or null. */
export function placementRefusal(order: Pick<JobOrder, 'id' | 'status' | 'candidateCount' | 'maxCandidates'>): FieldError | null {
  // R3.5 (project decision): only an open order takes candidates.
  if (order.status !== 'open') {
    const label = order.status === 'inactive' ? 'temporarily inactive (Midlertidig inaktiv)' : 'closed (Lukket)';
    return { path: 'status', code: 'not_open', message: `Job order ${order.id} is ${label}; candidates can only be placed on an open order.` };
  }
  // R2.4.5: the company asked to see at most this many candidates; withdrawn ones do not count.
  if (order.maxCandidates !== null && order.candidateCount >= order.maxCandidates) {
    return {
      path: 'maxCandidates',
      code: 'max_candidates_reached',
      message: `Job order ${order.id} already has its maximum of ${order.maxCandidates} placed candidates.`,
    };
  }
  return null;
}

/** The rules of a candidate that the schema cannot see: they need today's date or compare fields. */
export function checkCandidate(candidate: CandidateInput, description: string, today: string): FieldError[] {
  const errors: FieldError[] = [];
  const year = Number(today.slice(0, 4));
  // Danish law lets 13-year-olds take light work; anything younger is a typing error.
  if (candidate.birthYear > year - 13) {
    errors.push({ path: 'candidate.birthYear', code: 'too_young', message: 'The birth year makes the candidate younger than 13.' });
  }
  if (candidate.cvSearchable && !candidate.cv) {
    errors.push({ path: 'candidate.cv', code: 'required', message: 'A searchable CV must be sent as `cv`; otherwise set cvSearchable to false.' });
  }
  if (!candidate.addressProtected && candidate.address && !postalCodes[candidate.address.postalCode]) {
    // Not quoting the digits: a candidate's data never comes back in an error.
    errors.push({ path: 'candidate.address.postalCode', code: 'unknown', message: 'There is no Danish postal code with these digits.' });
  }
  if (candidate.addressProtected && candidate.address) {
    // Everything else the jobcenter typed reaches the company (and the description the log too):
    // a protected address must not ride along in any of it.
    const { address, ...shown } = candidate;
    for (const [path, text] of [['description', description] as const, ...textsOf(shown, 'candidate')]) {
      if (mentions(text, address.street)) {
        errors.push({ path, code: 'protected_address', message: 'This text mentions the candidate\'s protected address; remove it.' });
      }
    }
  }
  return errors;
}

/** Every string in a value, with its dotted path. */
function textsOf(value: unknown, path: string): (readonly [string, string])[] {
  if (typeof value === 'string') return [[path, value]];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => textsOf(inner, `${path}.${key}`));
}

function mentions(text: string, street: string): boolean {
  const normalize = (s: string) => s.toLocaleLowerCase('da-DK').replace(/\s+/g, ' ').trim();
  const needle = normalize(street);
  return needle.length >= 4 && normalize(text).includes(needle);
}

/**
 * What is kept of a candidate. An address-protected person's address and a CV that is not
 * searchable are dropped on arrival: data that is never stored can never leak (R4.4, R8.4).
 */
export function candidateToStore(candidate: CandidateInput): StoredCandidate {
  const address = !candidate.addressProtected && candidate.address ? candidate.address : null;
  return {
    name: candidate.name,
    birthYear: candidate.birthYear,
    addressProtected: candidate.addressProtected,
    address,
    cvSearchable: candidate.cvSearchable,
    cv: candidate.cvSearchable ? (candidate.cv ?? null) : null,
    website: candidate.website || null,
    email: candidate.email || null,
    phone: candidate.phone || null,
  };
}

export interface StoredCandidate {
  name: string;
  birthYear: number;
  addressProtected: boolean;
  address: { street: string; postalCode: string; city: string } | null;
  cvSearchable: boolean;
  cv: Cv | null;
  website: string | null;
  email: string | null;
  phone: string | null;
}

export interface PlacementRecord {
  id: number;
  jobOrderId: number;
  jobcenterId: string;
  placedByName: string;
  candidate: StoredCandidate;
  description: string;
  placedAt: string;
  withdrawnAt: string | null;
  /** The latest outcome the company recorded; null until it records one. */
  outcome: { outcome: Outcome; startDate: string | null; reason: NotSuitableReason | null; at: string } | null;
}

/**
 * A placement as it may leave the server (R4.4): the CV only when searchable, the address
 * never for an address-protected person (checked again here, whatever was stored).
 */
export function placementView(record: PlacementRecord): Placement {
  const { candidate } = record;
  const view: Placement = {
    id: record.id,
    jobOrderId: record.jobOrderId,
    name: candidate.name,
    birthYear: candidate.birthYear,
    website: candidate.website,
    email: candidate.email,
    phone: candidate.phone,
    description: record.description,
    placedBy: { id: record.jobcenterId, name: record.placedByName },
    placedAt: record.placedAt,
    withdrawnAt: record.withdrawnAt,
    outcome: record.outcome,
  };
  if (!candidate.addressProtected && candidate.address) view.address = candidate.address;
  if (candidate.cvSearchable && candidate.cv) view.cv = candidate.cv;
  return view;
}
