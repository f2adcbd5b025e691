// Keyset paging for every list that can grow: the one cursor codec, and a page of a list kept in
// id order. A cursor is opaque to clients (base64url JSON), bound to its list, sort and direction,
// and checked strictly on the way back: anything we did not make — another list's cursor, a number
// like 1e309, a wrong type — is refused naming `cursor`.
import { cursorPattern } from '../contract/page.ts';
import { InvalidParameters } from '../domain/errors.ts';

/** Where a page ended: the sort value of its last row and that row's id (the tie-breaker). */
export interface CursorPosition {
  value: string | number;
  id: number;
}

/** What a cursor is bound to: the list, its sort and direction, and the kind of the sort value. */
export interface CursorBinding {
  list: 'orders' | 'log' | 'placements' | 'stats';
  sort: string;
  order: 'asc' | 'desc';
  value: 'integer' | 'text';
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const invalid = (message: string) => new InvalidParameters(message, [{ path: 'cursor', code: 'invalid', message }]);

export function encodeCursor(binding: CursorBinding, at: CursorPosition): string {
  return Buffer.from(JSON.stringify([binding.list, binding.sort, binding.order, at.value, at.id])).toString('base64url');
}

export function decodeCursor(text: string, binding: CursorBinding): CursorPosition {
  const notOurs = 'The cursor is not one this API made for this list; start again without it.';
  if (!cursorPattern.test(text)) throw invalid(notOurs);
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalid(notOurs);
  }
  if (!Array.isArray(parts) || parts.length !== 5 || parts[0] !== binding.list) throw invalid(notOurs);
  const [, sort, order, value, id] = parts as [string, unknown, unknown, unknown, unknown];
  if (sort !== binding.sort || order !== binding.order) {
    throw invalid('The cursor belongs to another sort order; keep sort and order as on the first page.');
  }
  const validValue = binding.value === 'integer' ? Number.isSafeInteger(value) : typeof value === 'string' && value.length <= 400;
  if (!validValue || !Number.isSafeInteger(id) || (id as number) < 0) throw invalid(notOurs);
  return { value: value as string | number, id: id as number };
}

/**
 * One page of a list kept in id order (the log and the placements oldest first, the statistics
 * newest first): reads one row more than asked to know whether another page follows, and binds
 * the cursor to the list it came from. `read` gets the id the page starts beyond (null on the
 * first page) in the list's direction.
 */
export async function pageById<R, T>(
  list: Omit<CursorBinding, 'value'> & { list: 'log' | 'placements' | 'stats'; idOf: (row: R) => number },
  page: { limit: number; cursor?: string | undefined },
  read: (from: { beyondId: number | null; limit: number }) => Promise<R[]>,
  view: (row: R) => T,
): Promise<Page<T>> {
  const binding: CursorBinding = { list: list.list, sort: list.sort, order: list.order, value: 'integer' };
  const beyondId = page.cursor === undefined ? null : decodeCursor(page.cursor, binding).id;
  const rows = await read({ beyondId, limit: page.limit + 1 });
  const shown = rows.slice(0, page.limit);
  const last = shown.at(-1);
  const more = rows.length > page.limit && last !== undefined;
  return { items: shown.map(view), nextCursor: more ? encodeCursor(binding, { value: list.idOf(last), id: list.idOf(last) }) : null };
}
