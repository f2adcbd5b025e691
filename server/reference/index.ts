import occupationsJson from './occupations.json' with { type: 'json' };
import municipalitiesJson from './municipalities.json' with { type: 'json' };
import postalCodesJson from './postal-codes.json' with { type: 'json' };
import { danishSortKey } from '../domain/danish-sort.ts';

export interface Occupation { code: string; title: string; discoCode: string; discoTitle: string }
export interface Municipality { code: string; name: string; jobcenterName: string; region: string }
export interface PostalCode { city: string; municipalityCodes: string[] }

export const occupations: readonly Occupation[] = occupationsJson;
export const municipalities: readonly Municipality[] = municipalitiesJson;
export const postalCodes: Readonly<Record<string, PostalCode>> = postalCodesJson;

const occupationByCode = new Map(occupations.map((o) => [o.code, o]));
// Lower-cased once: the search runs on every keystroke of the job-title combobox. Made on the
// first search, not at start: ICU lower-casing and sort keys of every title cost the server's
// cold start tens of milliseconds that a process serving orders never needs.
let searchable: { occupation: Occupation; lower: string; sortKey: string }[] | undefined;
const searchList = () =>
  (searchable ??= occupations
    .map((o) => ({ occupation: o, lower: o.title.toLocaleLowerCase('da-DK'), sortKey: danishSortKey(o.title) }))
    .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0)));

export function findOccupation(code: string): Occupation | undefined {
  return occupationByCode.get(code);
}

/**
 * Titles containing `query` anywhere, case-insensitively (R2.1.1: "køk" finds "Køkkenchef" and
 * "Kok, køkkenleder"); titles that start with it come first, then Danish alphabetical order.
 */
export function searchOccupations(query: string, limit: number): Occupation[] {
  const needle = query.trim().toLocaleLowerCase('da-DK');
  const starts: Occupation[] = [];
  const contains: Occupation[] = [];
  for (const entry of searchList()) {
    const at = entry.lower.indexOf(needle);
    if (at === 0) starts.push(entry.occupation);
    else if (at > 0) contains.push(entry.occupation);
  }
  return [...starts, ...contains].slice(0, limit);
}
