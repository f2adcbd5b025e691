import * as v from 'valibot';
import { emailMaxLength } from '../../sdk/rules.ts';

// What the server sends is bounded like what it accepts: every string a
// maxLength, every integer a format and a range, every list a maxItems. The harness checks every
// response of the test suites against these, so a value outside them fails a test.

/** The contract's id range (`idPattern`: at most 10 digits). */
export const maxId = 9_999_999_999;

/** Text of at most `max` characters. */
export const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
/** Text of at most `max` characters matching `pattern`. */
export const patterned = (pattern: RegExp, max: number) => v.pipe(v.string(), v.maxLength(max), v.regex(pattern));
/** A whole number within 32 bits. */
export const int32 = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max), v.metadata({ format: 'int32' }));
/** A sequential id. */
export const id = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(maxId), v.metadata({ format: 'int64' }));
/** An ISO 8601 UTC timestamp. */
export const dateTime = v.pipe(v.string(), v.maxLength(30), v.metadata({ format: 'date-time' }));
/** A calendar date, YYYY-MM-DD. */
export const date = v.pipe(v.string(), v.maxLength(10), v.metadata({ format: 'date' }));
/** An e-mail address as stored (checked on the way in). */
export const email = v.pipe(v.string(), v.maxLength(emailMaxLength), v.metadata({ format: 'email' }));
/**
 * The maxLength of a field whose pattern (or check) already bounds its length: stated in the
 * contract, enforced by that pattern, so a wrong value is one error (`format`), not two.
 */
export const statedMaxLength = (max: number) => v.metadata<string, { maxLength: number }>({ maxLength: max });
/** A list of at most `max` items. */
export const list = <T extends v.GenericSchema>(item: T, max: number) => v.pipe(v.array(item), v.maxLength(max));
