/** The clock is injected so tests can move "today" (R8.1). */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

const copenhagenDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Copenhagen',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in Europe/Copenhagen as `YYYY-MM-DD` (R8.1): a Danish user's "today". */
export function todayInCopenhagen(now: Date): string {
  return copenhagenDate.format(now);
}

/** True for a real calendar date written `YYYY-MM-DD` (rejects 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
