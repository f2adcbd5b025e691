// The committed reference data (server/reference/*.json) and the scripts that make it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultCsvPath, derivePostals, renderPostalFiles, repoRoot } from '../../../scripts/derive-postals.ts';
import { parseStarCsv, renderOccupations, type Occupation } from '../../../scripts/import-occupations.ts';
import { buildOccupations } from '../../../scripts/occupations-source.ts';

interface Municipality { code: string; name: string; jobcenterName: string; region: string }
interface PostalCode { city: string; municipalityCodes: string[] }

const referenceDir = join(repoRoot, 'server', 'reference');
const readText = (name: string): string => readFileSync(join(referenceDir, name), 'utf8');
const municipalities = JSON.parse(readText('municipalities.json')) as Municipality[];
const postalCodes = JSON.parse(readText('postal-codes.json')) as Record<string, PostalCode>;
const occupations = JSON.parse(readText('occupations.json')) as Occupation[];

test('98 municipalities with unique 3-digit codes, Christiansø left out', () => {
  assert.equal(municipalities.length, 98);
  assert.equal(new Set(municipalities.map((m) => m.code)).size, 98);
  for (const m of municipalities) {
    assert.match(m.code, /^\d{3}$/);
    assert.equal(m.jobcenterName, `Jobcenter ${m.name}`);
    assert.doesNotMatch(m.name, /Kommune|Regionskommune/);
    assert.match(m.region, /^Region (Hovedstaden|Sjælland|Syddanmark|Midtjylland|Nordjylland)$/);
  }
  const byCode = new Map(municipalities.map((m) => [m.code, m]));
  assert.deepEqual(byCode.get('101'), { code: '101', name: 'København', jobcenterName: 'Jobcenter København', region: 'Region Hovedstaden' });
  assert.equal(byCode.get('751')?.name, 'Aarhus');
  assert.equal(byCode.get('400')?.jobcenterName, 'Jobcenter Bornholm');
  // Names that end in "s" without being genitive stay whole.
  assert.equal(byCode.get('250')?.name, 'Frederikssund');
  assert.equal(byCode.get('173')?.name, 'Lyngby-Taarbæk');
  assert.equal(byCode.get('480')?.name, 'Nordfyn');
  assert.equal(byCode.has('411'), false);
});

test('every postal code maps to known municipalities, sorted, never empty', () => {
  const known = new Set(municipalities.map((m) => m.code));
  const codes = Object.keys(postalCodes);
  assert.equal(codes.length, 1121);
  for (const code of codes) {
    const entry = postalCodes[code]!;
    assert.match(code, /^\d{4}$/);
    assert.ok(entry.city, `${code} has a city`);
    assert.ok(entry.municipalityCodes.length > 0, `${code} has a municipality`);
    assert.deepEqual([...entry.municipalityCodes].sort(), entry.municipalityCodes, `${code} codes sorted`);
    for (const m of entry.municipalityCodes) assert.ok(known.has(m), `${code} → unknown municipality ${m}`);
  }
  assert.deepEqual(postalCodes['7100'], { city: 'Vejle', municipalityCodes: ['630', '766'] });
  assert.deepEqual(postalCodes['8000']?.municipalityCodes, ['751']);
  assert.deepEqual(postalCodes['3760']?.municipalityCodes, ['400']); // Gudhjem, without Christiansø
  assert.deepEqual(postalCodes['0783'], { city: 'Facility', municipalityCodes: ['101'] });
  const multi = codes.filter((c) => postalCodes[c]!.municipalityCodes.length > 1);
  assert.equal(multi.length, 237);
});

test('the committed postal JSON is exactly what derive-postals makes of the CSV', () => {
  // The CSV is in the repository (server/reference/source/), so this runs on any clone.
  assert.ok(existsSync(defaultCsvPath), `source CSV not found at ${defaultCsvPath}`);
  const files = renderPostalFiles(derivePostals(readFileSync(defaultCsvPath, 'utf8')));
  assert.equal(files.municipalities, readText('municipalities.json'));
  assert.equal(files.postalCodes, readText('postal-codes.json'));
});

test('derivePostals rejects a wrong header and keeps multi-municipality codes', () => {
  assert.throws(() => derivePostals('POSTNR;BYNAVN\r\n7100;Vejle\r\n'), /Unexpected header/);
  const csv =
    '\uFEFFAMTS_NR;ADRESSERINGSNAVN;KOMMUNE_NR;ADRESSERINGSNAVN_1;POSTNR;BYNAVN\r\n' +
    '1083;Region Syddanmark;630;Vejle Kommune;7100;Vejle\r\n' +
    '1082;Region Midtjylland;766;Hedensted Kommune;7100;Vejle\r\n' +
    '1084;Region Hovedstaden;411;Christiansø;3760;Gudhjem\r\n' +
    '1084;Region Hovedstaden;400;Bornholms Regionskommune;3760;Gudhjem\r\n';
  const data = derivePostals(csv);
  assert.deepEqual(data.municipalities.map((m) => `${m.code} ${m.jobcenterName}`), [
    '400 Jobcenter Bornholm', '630 Jobcenter Vejle', '766 Jobcenter Hedensted',
  ]);
  assert.deepEqual(data.postalCodes.get('7100')?.municipalityCodes, ['630', '766']);
  assert.deepEqual(data.postalCodes.get('3760')?.municipalityCodes, ['400']);
});

test('occupations: at least 450, unique codes and titles, all ten major groups', () => {
  assert.ok(occupations.length >= 450, `${occupations.length} titles`);
  assert.equal(new Set(occupations.map((o) => o.code)).size, occupations.length);
  assert.equal(new Set(occupations.map((o) => o.title.toLocaleLowerCase('da-DK'))).size, occupations.length);
  for (const o of occupations) {
    assert.match(o.code, /^\d{6}$/);
    assert.match(o.discoCode, /^\d{4}$/);
    assert.ok(o.code.startsWith(o.discoCode), `${o.code} is in group ${o.discoCode}`);
    assert.ok(o.title.trim() === o.title && o.title !== '' && o.discoTitle !== '');
  }
  const sorted = [...occupations].sort((a, b) => (a.code < b.code ? -1 : 1));
  assert.deepEqual(occupations.map((o) => o.code), sorted.map((o) => o.code));
  assert.deepEqual(new Set(occupations.map((o) => o.discoCode[0])), new Set('0123456789'));
  const byCode = new Map(occupations.map((o) => [o.code, o]));
  assert.equal(byCode.get('512001')?.title, 'Kok');
  assert.equal(byCode.get('512001')?.discoTitle, 'Kokke');
});

test('occupations: "køk" finds several titles, case-insensitively', () => {
  const found = occupations.filter((o) => o.title.toLocaleLowerCase('da-DK').includes('køk')).map((o) => o.title);
  assert.ok(found.length >= 3, found.join(', '));
  for (const title of ['Køkkenchef', 'Køkkenmedhjælper', 'Kok, køkkenleder']) assert.ok(found.includes(title), title);
});

test('the committed occupations.json is exactly what occupations-source makes', () => {
  assert.equal(renderOccupations(buildOccupations()), readText('occupations.json'));
});

test('parseStarCsv: `;`, BOM, CRLF, quoted field with a comma, extra columns, duplicates', () => {
  const csv =
    '\uFEFFStillingsBetegnelseKode;StillingsBetegnelseNavn;DiscoAms08Kode;DiscoAms08Navn;Hotjob\r\n' +
    '9412001;Køkkenmedhjælper;9412;Køkkenmedhjælpere;Ja\r\n' +
    '5120002;"Kok, køkkenleder";5120;Kokke;Nej\r\n' +
    '5120001;Kok;5120;Kokke;Ja\r\n' +
    '5120001;Kok;5120;Kokke;Ja\r\n' +
    ';;;;\r\n';
  assert.deepEqual(parseStarCsv(csv), [
    { code: '5120001', title: 'Kok', discoCode: '5120', discoTitle: 'Kokke' },
    { code: '5120002', title: 'Kok, køkkenleder', discoCode: '5120', discoTitle: 'Kokke' },
    { code: '9412001', title: 'Køkkenmedhjælper', discoCode: '9412', discoTitle: 'Køkkenmedhjælpere' },
  ]);
});

test('parseStarCsv: `,` separator, LF, "" inside quotes, columns in another order', () => {
  const csv =
    'DiscoAms08Navn,DiscoAms08Kode,StillingsBetegnelseNavn,StillingsBetegnelseKode\n' +
    '"Kokke, m.fl.",5120,"Kok ""à la carte""",100\n' +
    'Kokke,5120,Kok,20\n';
  assert.deepEqual(parseStarCsv(csv).map((o) => [o.code, o.title, o.discoTitle]), [
    ['20', 'Kok', 'Kokke'],
    ['100', 'Kok "à la carte"', 'Kokke, m.fl.'],
  ]);
});

test('parseStarCsv: a wrong header names the missing column; conflicting codes fail', () => {
  assert.throws(
    () => parseStarCsv('StillingsBetegnelseKode;Titel;DiscoAms08Kode;DiscoAms08Navn\r\n1;Kok;5120;Kokke\r\n'),
    /Missing column "StillingsBetegnelseNavn"/,
  );
  assert.throws(
    () => parseStarCsv('StillingsBetegnelseKode;StillingsBetegnelseNavn;DiscoAms08Kode;DiscoAms08Navn\r\n1;Kok;5120;Kokke\r\n1;Bager;7512;Bagere\r\n'),
    /code 1 is both "Kok" and "Bager"/,
  );
});
