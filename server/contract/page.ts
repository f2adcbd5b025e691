import * as v from 'valibot';
import { list, patterned } from './bounded.ts';

/** The cursor's shape in the contract: opaque, URL-safe. */
export const cursorPattern = /^[A-Za-z0-9_-]{1,600}$/;

const limitMessage = 'limit is a whole number from 1 to 100.';

/** `limit` as a query parameter: text of 1–100. */
export const LimitSchema = (defaultLimit: string) =>
  v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/, limitMessage), v.transform(Number), v.minValue(1, limitMessage), v.maxValue(100, limitMessage)), defaultLimit);

/** `cursor`: the `nextCursor` of the page before, opaque and URL-safe. */
export const CursorSchema = v.optional(v.pipe(v.string(), v.regex(cursorPattern, 'cursor is the nextCursor of a page before; start again without it.')));

/** The query of every list that pages by id, oldest first (the log, the placements). */
export const PageQuerySchema = v.strictObject({ limit: LimitSchema('50'), cursor: CursorSchema });

/** A page of any list: its items and the cursor of the next page. */
export const PageOf = <T extends v.GenericSchema>(item: T, description: string) =>
  v.strictObject({
    items: v.pipe(list(item, 100), v.description(description)),
    nextCursor: v.pipe(v.nullable(patterned(cursorPattern, 600)), v.description('Pass as `cursor` for the next page; null on the last page.')),
  });
