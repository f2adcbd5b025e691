import { cursorPattern } from '../contract/page.ts';
import { HttpProblem } from './problem.ts';

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

const invalid = (message: string) => new HttpProblem(400, 'invalid-parameters', message, { errors: [{ path: 'cursor', code: 'invalid', message }] });

/**
 * The one cursor codec for every list that can grow. Opaque to clients (base64url JSON), bound
 * to its list, sort and direction, and validated strictly on the way back: anything we did not
 * make — another list's cursor, a number like 1e309, a wrong type — is a 400 naming `cursor`.
 */
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
