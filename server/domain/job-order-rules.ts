import type { FieldError } from '../http/problem.ts';

/** The fields the rules of R2 and R7 look at, after an edit has been merged onto the stored order. */
export interface OrderTerms {
  longTerm: boolean;
  startDate: string | null;
  durationDays: number | null;
  responseDeadline: string | null;
  maxCandidates: number | null;
  workingTime: 'unspecified' | 'part_time' | 'full_time';
  weeklyHours: number | null;
}

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
export function checkTerms(terms: OrderTerms, today: string, checkStartDate = true): FieldError[] {
  const errors: FieldError[] = [];
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
