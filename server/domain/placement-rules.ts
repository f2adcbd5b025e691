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
    // Everything else the jobcenter typed reaches the company (and the description the log,
    // events and webhooks too): a protected address must not ride along in any of it, however it
    // is written.
    const { address, ...shown } = candidate;
    const needles = addressNeedles(address);
    for (const [path, text] of [['description', description] as const, ...textsOf(shown, 'candidate')]) {
      if (mentionsAddress(text, needles)) {
        errors.push({ path, code: 'protected_address', message: 'This text mentions the candidate\'s protected address (its street, or its postal code and town); remove it.' });
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

/**
 * Text as it reads, not as it is encoded: compatibility forms folded (fullwidth digits and
 * letters, ligatures), lower case, invisible characters (zero-width spaces and joiners, soft
 * hyphens, other default-ignorable ones) dropped, and runs of white space made one space.
 */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\p{Default_Ignorable_Code_Point}\p{Cf}]/gu, '')
    .toLocaleLowerCase('da-DK')
    .replace(/\s+/gu, ' ')
    .trim();
}

/**
 * Only letters and digits, accents dropped: a street still reads as itself when spaced,
 * hyphenated, dotted, run into a URL or written without its accents (`Skjulte-vej`,
 * `S k j u l t e v e j 977`, `https://skjultevej.dk`, `Norre Alle` for `Nørre Allé`'s é).
 */
const squeeze = (text: string) => normaliseText(text).normalize('NFD').replace(/[^\p{L}\p{N}]+/gu, '');

interface AddressNeedles {
  /** The street's name without its number (which covers the name with it). */
  streetName: string | null;
  /** The postal code run into the town's first word (`2400københavn`). */
  postalTown: string | null;
}

function addressNeedles(address: { street: string; postalCode: string; city: string }): AddressNeedles {
  // The name is what comes before the house number (`Skjultevej 977, 2. th.` → `skjultevej`).
  const street = normaliseText(address.street);
  const name = squeeze(street.split(/\p{N}/u)[0] ?? '');
  const postalCode = squeeze(address.postalCode);
  const town = squeeze(normaliseText(address.city).split(/[^\p{L}\p{N}]+/u).find((w) => w.length > 0) ?? '');
  return {
    // Fewer letters than this would refuse ordinary words.
    streetName: name.length >= 4 ? name : null,
    postalTown: postalCode.length > 0 && town.length >= 2 ? postalCode + town : null,
  };
}

function mentionsAddress(text: string, needles: AddressNeedles): boolean {
  const squeezed = squeeze(text);
  if (needles.streetName && squeezed.includes(needles.streetName)) return true;
  if (needles.postalTown) {
    // Not inside a longer number (`12400 København` is another postal code's digits).
    for (let at = squeezed.indexOf(needles.postalTown); at >= 0; at = squeezed.indexOf(needles.postalTown, at + 1)) {
      if (at === 0 || !/\p{N}/u.test(squeezed[at - 1]!)) return true;
    }
  }
  return false;
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
