/**
 * A key that sorts text the way a Danish reader expects with plain binary comparison in SQL:
 * case-insensitive, and æ, ø, å after z in that order (SQLite's default collation would put
 * å before æ and every capital before every small letter).
 */
export function danishSortKey(text: string): string {
  return text
    .toLocaleLowerCase('da-DK')
    .replaceAll('æ', '{')
    .replaceAll('ø', '|')
    .replaceAll('å', '}')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}
