// Imports STAR's official list of occupation titles (stillingsbetegnelser), sheet Aktive_Stillinger
// of Stillingsbetegnelser.xlsx saved as CSV, into server/reference/occupations.json:
//   node --import tsx scripts/import-occupations.ts path/to/Stillingsbetegnelser.csv [out.json]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface Occupation { code: string; title: string; discoCode: string; discoTitle: string }

const COLUMNS = {
  code: 'StillingsBetegnelseKode',
  title: 'StillingsBetegnelseNavn',
  discoCode: 'DiscoAms08Kode',
  discoTitle: 'DiscoAms08Navn',
} as const;

/** RFC 4180 records: quoted fields may hold the separator, `""` and line breaks. */
function parseRecords(text: string, separator: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === separator) { record.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  if (quoted) throw new Error('Unterminated quoted field at the end of the file');
  if (field !== '' || record.length > 0) { record.push(field); records.push(record); }
  return records;
}

/** Numeric order for digit-only codes of any length; plain string order otherwise. */
export function compareCodes(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b) && a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Pure: STAR's CSV (`;` or `,`, optional BOM, CRLF or LF, any column order, extra columns
 * ignored) to occupations sorted by code. Rows repeating a code with the same values are
 * dropped; the same code with different values is an error. A title listed under two codes is
 * kept once, under the lower code, since the job-title picker must not show it twice.
 */
export function parseStarCsv(text: string): Occupation[] {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  // Excel writes `;` in a Danish locale and `,` elsewhere: the header decides.
  const separator = firstLine.split(';').length >= firstLine.split(',').length ? ';' : ',';
  const [header = [], ...rows] = parseRecords(body, separator);
  const names = header.map((h) => h.trim().toLowerCase());
  const index = {} as Record<keyof typeof COLUMNS, number>;
  for (const key of Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]) {
    const at = names.indexOf(COLUMNS[key].toLowerCase());
    if (at < 0) {
      throw new Error(
        `Missing column "${COLUMNS[key]}" in the header (found: ${header.map((h) => `"${h.trim()}"`).join(', ') || 'nothing'}); ` +
          `expected ${Object.values(COLUMNS).join(', ')}`,
      );
    }
    index[key] = at;
  }

  const byCode = new Map<string, Occupation>();
  rows.forEach((row, i) => {
    if (row.every((f) => f.trim() === '')) return; // Excel's trailing empty rows
    const get = (key: keyof typeof COLUMNS): string => (row[index[key]] ?? '').trim();
    const occupation: Occupation = {
      code: get('code'),
      title: get('title'),
      discoCode: get('discoCode'),
      discoTitle: get('discoTitle'),
    };
    const line = `row ${i + 2}`;
    if (!occupation.code) throw new Error(`${line}: empty ${COLUMNS.code}`);
    if (!occupation.title) throw new Error(`${line}: empty ${COLUMNS.title} for code ${occupation.code}`);
    const seen = byCode.get(occupation.code);
    if (seen && JSON.stringify(seen) !== JSON.stringify(occupation)) {
      throw new Error(`${line}: code ${occupation.code} is both "${seen.title}" and "${occupation.title}"`);
    }
    byCode.set(occupation.code, occupation);
  });

  const titles = new Set<string>();
  return [...byCode.values()]
    .sort((a, b) => compareCodes(a.code, b.code))
    .filter((o) => {
      const key = o.title.toLocaleLowerCase('da-DK');
      if (titles.has(key)) return false;
      titles.add(key);
      return true;
    });
}

export function renderOccupations(occupations: readonly Occupation[]): string {
  return `${JSON.stringify(occupations, null, 2)}\n`;
}

export const defaultOccupationsPath = join(
  dirname(fileURLToPath(import.meta.url)), '..', 'server', 'reference', 'occupations.json',
);

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [csvPath, outPath = defaultOccupationsPath] = process.argv.slice(2);
  if (!csvPath) {
    console.error('Usage: node --import tsx scripts/import-occupations.ts Stillingsbetegnelser.csv [out.json]');
    process.exit(2);
  }
  try {
    const text = readFileSync(csvPath, 'utf8');
    // A "CSV (semikolonsepareret)" export from Excel is Windows-1252, which reads as U+FFFD here.
    if (text.includes('\uFFFD')) throw new Error(`${csvPath} is not UTF-8: save it from Excel as "CSV UTF-8"`);
    const occupations = parseStarCsv(text);
    if (occupations.length === 0) throw new Error(`${csvPath} has a header but no titles`);
    writeFileSync(outPath, renderOccupations(occupations));
    console.log(`Wrote ${occupations.length} occupation titles to ${outPath}`);
  } catch (error) {
    console.error(`import-occupations: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
