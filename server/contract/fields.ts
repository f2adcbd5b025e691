import * as v from 'valibot';
import { emailMaxLength, emailPattern, phonePattern } from '../../sdk/rules.ts';

// Field validators shared by every request schema. Each carries its own message in plain language,
// naming the field by `label`, so no error ever needs to quote what the client sent.

/** Trimmed text that must not be empty. */
export const requiredText = (max: number, label: string) =>
  v.pipe(
    v.string(`${label} must be text.`),
    v.trim(),
    v.minLength(1, `${label} must be filled in.`),
    v.maxLength(max, `${label} must be at most ${max} characters.`),
  );

/** Trimmed text that may be left out or null. */
export const optionalText = (max: number, label: string) =>
  v.optional(
    v.nullable(v.pipe(v.string(`${label} must be text.`), v.trim(), v.maxLength(max, `${label} must be at most ${max} characters.`))),
  );

/** A whole number within bounds. */
export const wholeNumber = (min: number, max: number, label: string) =>
  v.pipe(
    v.number(`${label} must be a number.`),
    v.integer(`${label} must be a whole number.`),
    v.minValue(min, `${label} must be at least ${min}.`),
    v.maxValue(max, `${label} must be at most ${max}.`),
    v.metadata({ format: max <= 2_147_483_647 && min >= -2_147_483_648 ? 'int32' : 'int64' }),
  );

/** An e-mail address: the SDK's `emailPattern`, which the widgets check too. */
export const emailAddress = v.pipe(
  v.string('The e-mail must be text.'),
  v.trim(),
  v.regex(emailPattern, 'The e-mail address is not valid.'),
  v.maxLength(emailMaxLength, 'The e-mail address is too long.'),
  v.metadata({ format: 'email' }),
);

/** A pattern that also accepts the empty text. */
const orEmpty = (pattern: RegExp) => new RegExp(`^(?:${pattern.source.replace(/^\^|\$$/g, '')})?$`, pattern.flags);

/** A Danish phone number (the SDK's `phonePattern`), optional: left out, null or empty all mean none. */
export const optionalPhone = v.optional(
  v.nullable(
    v.pipe(
      v.string('The phone number must be text.'),
      v.trim(),
      v.regex(orEmpty(phonePattern), 'The phone number must be 8 digits, optionally with +45.'),
      // The pattern allows at most 21 characters; stated for the contract.
      v.metadata({ maxLength: 21 }),
    ),
  ),
);
