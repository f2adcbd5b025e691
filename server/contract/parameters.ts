import * as v from 'valibot';
import { postalCodePattern } from '../../sdk/rules.ts';
import { maxId } from './bounded.ts';

/** An id as the contract writes it in a path or query: a positive whole number of at most 10 digits. */
export const idPattern = /^[1-9]\d{0,9}$/;

// Path and query parameters arrive as text; each schema reads the text as the value it stands for,
// and the contract states that value (the schema after the transform is what it describes).

/** An id parameter: the contract states it as the id range. */
export const idParameter = (name: string, description: string) =>
  v.pipe(
    v.string(),
    v.regex(idPattern, `${name} is a positive whole number.`),
    v.transform(Number),
    v.number(),
    v.integer(),
    v.minValue(1),
    v.maxValue(maxId),
    v.metadata({ format: 'int64' }),
    v.description(description),
  );

/** A whole-number query parameter of 1–`max`; the digits are checked first, so text is one error (`format`). */
export const wholeNumberParameter = (max: number, message: string) =>
  v.pipe(
    v.string(),
    v.regex(new RegExp(`^\\d{1,${String(max).length}}$`), message),
    v.transform(Number),
    v.number(),
    v.integer(message),
    v.minValue(1, message),
    v.maxValue(max, message),
    v.metadata({ format: 'int32' }),
  );

/** Every id a path names, each checked by its own schema so a bad one is named. */
export const pathIds = {
  id: idParameter('id', 'The job order\'s id.'),
  placementId: idParameter('placementId', 'The placement\'s id.'),
  subscriptionId: idParameter('subscriptionId', 'The subscription\'s id.'),
};
export type PathIdName = keyof typeof pathIds;

export const OrderPathSchema = v.strictObject({ id: pathIds.id });
export const PlacementPathSchema = v.strictObject({ id: pathIds.id, placementId: pathIds.placementId });
export const WebhookSubscriptionPathSchema = v.strictObject({ subscriptionId: pathIds.subscriptionId });

export const PostalCodePathSchema = v.strictObject({
  code: v.pipe(
    v.string(),
    v.regex(postalCodePattern, 'A postal code is 4 digits.'),
    v.metadata({ minLength: 4, maxLength: 4, examples: ['7100'] }),
    v.description('Four digits.'),
  ),
});
