import type { Strings } from './catalogue.ts';
import { copenhagenTimeZone } from '../sdk/time-zone.ts';
import { da } from './locales/da.ts';
import { lazyModule } from './lazy-module.ts';

export type { ErrorCode, ProblemType, Strings } from './catalogue.ts';

/** The interface languages (R8.2): Danish is the default. */
export type Locale = 'da' | 'en';
export const locales: readonly Locale[] = ['da', 'en'];

/**
 * A message an element keeps on screen (a notice, an announcement, a refusal), worded from the
 * catalogue each time it renders: switched to another language, it speaks that one (R8.2).
 */
export type Said = (s: Strings) => string;

// The Danish words every element uses are always there; each element brings its own
// (`addStrings('da', …)` in locales/da.<part>.ts, imported by the element's module). The English
// catalogue is one chunk of its own, fetched only when a page uses it.
const danish: Record<string, object> = { ...da };
const english = lazyModule(() => import('./locales/en.ts'));

/** Adds the words of an element to a locale's catalogue, section by section; called by the module that holds them. */
export function addStrings(locale: 'da', part: { [Section in keyof Strings]?: Partial<Strings[Section]> }): void {
  if (locale !== 'da') return;
  for (const [section, words] of Object.entries(part)) danish[section] = { ...danish[section], ...words };
}

/**
 * Loads the catalogue of a locale that is not loaded yet (English, on first use); undefined when
 * there is nothing to wait for. The elements wait for it before they render in that locale.
 */
export function loadStrings(locale: string | undefined): Promise<void> | undefined {
  return locale === 'en' && !english.module ? english.load() : undefined;
}

/**
 * The catalogue of a locale; anything unknown falls back to Danish, the default, and so does
 * English until `loadStrings('en')` has loaded it.
 */
export function stringsFor(locale: string | undefined): Strings {
  // Complete for every element that is defined: it imported its own words.
  return locale === 'en' && english.module ? english.module.en : (danish as unknown as Strings);
}

// Made on first use, not when the runtime chunk is evaluated: a page's first Intl.DateTimeFormat
// loads ICU's data, work that must not stand between the runtime and the elements' first requests.
let dateTime: Intl.DateTimeFormat | undefined;
const dateFormat = () => (dateTime ??= new Intl.DateTimeFormat('da-DK', { timeZone: copenhagenTimeZone, day: '2-digit', month: '2-digit', year: 'numeric' }));

/**
 * Makes the date formatter in a task of its own, for an element whose request has just left: the
 * main thread has nothing else to do until the answer, whose rows then need it.
 */
export function prepareDates(): void {
  if (!dateTime) setTimeout(dateFormat, 0);
}

/**
 * A date as Danish users read it, `27.11.2026`, in either locale: the orders are Danish and the
 * day-first dotted form is unambiguous. A date-time is shown as its day in Copenhagen (R8.1).
 */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const plain = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (plain) return `${plain[3]}.${plain[2]}.${plain[1]}`;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat().format(date).replace(/\//g, '.');
}
