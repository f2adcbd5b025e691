// Derives server/reference/municipalities.json and postal-codes.json from the dk-postals CSV
// (origin in server/reference/README.md). Run from the repo root:
//   node --import tsx scripts/derive-postals.ts [path/to/dk-postals.csv]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { jobcenterIdPattern, postalCodePattern } from '../sdk/rules.ts';

export interface Municipality { code: string; name: string; jobcenterName: string; region: string }
export interface PostalCode { city: string; municipalityCodes: string[] }

const HEADER = ['AMTS_NR', 'ADRESSERINGSNAVN', 'KOMMUNE_NR', 'ADRESSERINGSNAVN_1', 'POSTNR', 'BYNAVN'];

// Christiansø has a code in the data but is run by the state: not a municipality, no jobcenter.
const NOT_A_MUNICIPALITY = new Set(['411']);

// Official names in the genitive, and the plain form Danes use in "Jobcenter X". Listed by hand:
// a rule stripping a trailing "s" would mangle names that merely end in one (Frederikssund).
const GENITIVE_NAMES: Readonly<Record<string, string>> = {
  'Københavns Kommune': 'København',
  'Nordfyns Kommune': 'Nordfyn',
  'Vesthimmerlands Kommune': 'Vesthimmerland',
  'Bornholms Regionskommune': 'Bornholm',
};

export function plainMunicipalityName(officialName: string): string {
  const genitive = GENITIVE_NAMES[officialName];
  if (genitive !== undefined) return genitive;
  const match = /^(.+?) (?:Kommune|Regionskommune)$/.exec(officialName);
  if (!match?.[1]) throw new Error(`Unexpected municipality name "${officialName}": expected "… Kommune"`);
  return match[1];
}

export interface PostalData { municipalities: Municipality[]; postalCodes: Map<string, PostalCode> }

/** Pure: the dk-postals CSV text (BOM, CRLF, `;`) to municipalities and postal codes, sorted. */
export function derivePostals(csvText: string): PostalData {
  const lines = csvText.replace(/^\uFEFF/, '').split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = lines.shift()?.split(';') ?? [];
  if (header.join(';') !== HEADER.join(';')) {
    throw new Error(`Unexpected header "${header.join(';')}", expected "${HEADER.join(';')}"`);
  }

  const municipalities = new Map<string, Municipality>();
  const postal = new Map<string, { city: string; codes: Set<string> }>();
  lines.forEach((line, index) => {
    const fields = line.split(';').map((f) => f.trim());
    const where = `line ${index + 2}`;
    if (fields.length !== HEADER.length) throw new Error(`${where}: expected ${HEADER.length} fields, got ${fields.length}`);
    const [, region = '', code = '', officialName = '', postalCode = '', city = ''] = fields;
    // A municipality's code is its jobcenter's id.
    if (!jobcenterIdPattern.test(code)) throw new Error(`${where}: municipality code "${code}" is not 3 digits`);
    if (!postalCodePattern.test(postalCode)) throw new Error(`${where}: postal code "${postalCode}" is not 4 digits`);

    if (!NOT_A_MUNICIPALITY.has(code)) {
      const name = plainMunicipalityName(officialName);
      const municipality: Municipality = { code, name, jobcenterName: `Jobcenter ${name}`, region };
      const seen = municipalities.get(code);
      if (seen && (seen.name !== name || seen.region !== region)) {
        throw new Error(`${where}: municipality ${code} is both "${seen.name}, ${seen.region}" and "${name}, ${region}"`);
      }
      municipalities.set(code, municipality);
    }

    const entry = postal.get(postalCode) ?? { city, codes: new Set<string>() };
    if (entry.city !== city) throw new Error(`${where}: postal code ${postalCode} is both "${entry.city}" and "${city}"`);
    if (!NOT_A_MUNICIPALITY.has(code)) entry.codes.add(code);
    postal.set(postalCode, entry);
  });

  const postalCodes = new Map<string, PostalCode>();
  for (const postalCode of [...postal.keys()].sort()) {
    const { city, codes } = postal.get(postalCode)!;
    // Christiansø rows are left out only where a real municipality remains (3760 → Bornholm).
    if (codes.size === 0) throw new Error(`Postal code ${postalCode} has no municipality left`);
    postalCodes.set(postalCode, { city, municipalityCodes: [...codes].sort() });
  }
  const sorted = [...municipalities.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { municipalities: sorted, postalCodes };
}

/** The two files' exact text: 2-space JSON with a trailing newline. */
export function renderPostalFiles(data: PostalData): { municipalities: string; postalCodes: string } {
  // Written by hand because JSON.stringify of an object would put integer-like keys ("1050")
  // before "0783": the file stays in postal-code order.
  const entries = [...data.postalCodes].map(
    ([code, value]) => `  ${JSON.stringify(code)}: ${JSON.stringify(value, null, 2).replace(/\n/g, '\n  ')}`,
  );
  return {
    municipalities: `${JSON.stringify(data.municipalities, null, 2)}\n`,
    postalCodes: `{\n${entries.join(',\n')}\n}\n`,
  };
}

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
// The source is kept in the repository (origin and licence in server/reference/README.md), so a bare clone builds and tests.
export const defaultCsvPath = join(repoRoot, 'server', 'reference', 'source', 'dk-postals.csv');

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const csvPath = process.argv[2] ?? defaultCsvPath;
  const data = derivePostals(readFileSync(csvPath, 'utf8'));
  const files = renderPostalFiles(data);
  const outDir = join(repoRoot, 'server', 'reference');
  writeFileSync(join(outDir, 'municipalities.json'), files.municipalities);
  writeFileSync(join(outDir, 'postal-codes.json'), files.postalCodes);
  const multi = [...data.postalCodes.values()].filter((p) => p.municipalityCodes.length > 1).length;
  console.log(
    `Wrote ${data.municipalities.length} municipalities and ${data.postalCodes.size} postal codes ` +
      `(${multi} span more than one municipality) to ${outDir}`,
  );
}
