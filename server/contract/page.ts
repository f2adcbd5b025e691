import * as v from 'valibot';
import { list, patterned } from './bounded.ts';
import { wholeNumberParameter } from './parameters.ts';

/** A cursor as the contract states it: opaque, URL-safe (what it encodes is server/core/paging.ts's). */
export const cursorPattern = /^[A-Za-z0-9_-]{1,600}$/;

/** A page's `nextCursor`: the cursor of the next page, or null on the last one. */
export const NextCursorSchema = v.nullable(patterned(cursorPattern, 600));

const limitMessage = 'limit is a whole number from 1 to 100.';

/** `limit` as a query parameter: 1–100, `defaultLimit` when absent. */
export const LimitSchema = (defaultLimit: string) =>
  v.optional(v.pipe(wholeNumberParameter(100, limitMessage), v.description(`Page size, 1–100 (default ${defaultLimit}).`)), defaultLimit);

/** `cursor`: the `nextCursor` of the page before, opaque and URL-safe. */
export const CursorSchema = v.optional(
  v.pipe(
    v.string(),
    v.regex(cursorPattern, 'cursor is the nextCursor of a page before; start again without it.'),
    v.metadata({ minLength: 1, maxLength: 600 }),
    v.description('The `nextCursor` of the page before, unchanged; a cursor of another list or sort is a 400.'),
  ),
);

/** The query of every list that pages by id, oldest first (the log, the placements). */
export const PageQuerySchema = v.strictObject({ limit: LimitSchema('50'), cursor: CursorSchema });

/** A page of any list: its items and the cursor of the next page. */
export const PageOf = <T extends v.GenericSchema>(item: T, description: string) =>
  v.strictObject({
    items: v.pipe(list(item, 100), v.description(description)),
    nextCursor: v.pipe(NextCursorSchema, v.description('Pass as `cursor` for the next page; null on the last page.')),
  });
