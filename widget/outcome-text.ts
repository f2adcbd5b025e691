// How a placed candidate's outcome reads, for the two elements that show outcomes (the company's
// candidates and the jobcenter desk) and no other: kept out of the runtime every page loads.
import type { NotSuitableReason, Outcome } from '../sdk/rules.ts';
import { formatDate, type Strings } from './strings.ts';

/** A candidate's outcome in words: "Ansat fra 7.12.2026", "Ikke relevant: Sprog", "Til samtale". */
export function outcomeText(o: { outcome: Outcome; startDate: string | null; reason: NotSuitableReason | null }, s: Strings): string {
  const label = s.outcomes[o.outcome];
  if (o.startDate) return s.candidates.hiredFrom(label, formatDate(o.startDate));
  return o.reason ? `${label}: ${s.notSuitableReasons[o.reason]}` : label;
}
