// An address-protected person's address must not reach the company through the free text of a
// placement, however it is written: with invisible characters, fullwidth digits, other case or
// spacing, the street without its number, the postal code and town, or the street in a URL.
// A property test makes the disguises; ordinary text without the address still goes through.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkCandidate, normaliseText } from '../server/domain/placement-rules.ts';
import type { CandidateInput } from '../server/contract/placements.ts';
import { demoKeys, startHarness, type Harness } from './support/harness.ts';
import { validOrder } from './support/orders.ts';

const A = demoKeys.employerA;
const KK = demoKeys.jobcenter101; // responsible for validOrder()

const address = { street: 'Skjultevej 977', postalCode: '2400', city: 'København NV' };
const cv = { headline: 'Køkkenmedhjælper', summary: 'Fem år i travle køkkener.', experience: [], education: [], skills: ['Opvask'] };
const protectedPerson = (): CandidateInput => ({
  name: 'Sara Nielsen', birthYear: 1989, addressProtected: true, address: { ...address }, cvSearchable: true, cv: structuredClone(cv), phone: '+45 40 11 22 33',
});

/** Where free text goes in a placement body, and how to put text there. */
const fields = {
  description: (body: { description: string; candidate: CandidateInput }, text: string) => { body.description = text; },
  'candidate.name': (body: { candidate: CandidateInput }, text: string) => { body.candidate.name = text; },
  'candidate.website': (body: { candidate: CandidateInput }, text: string) => { body.candidate.website = text; },
  'candidate.cv.headline': (body: { candidate: CandidateInput }, text: string) => { body.candidate.cv!.headline = text; },
  'candidate.cv.summary': (body: { candidate: CandidateInput }, text: string) => { body.candidate.cv!.summary = text; },
  'candidate.cv.skills.0': (body: { candidate: CandidateInput }, text: string) => { body.candidate.cv!.skills[0] = text; },
} as const;
type Field = keyof typeof fields;

const invisible = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u034F'];
const toFullwidth = (s: string, letters: boolean) => s.replace(letters ? /[0-9A-Za-z]/g : /[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
/** Separators the website field can carry (a URL has no white space). */
const urlSafe = (separator: string) => (/\s/.test(separator) ? '-' : separator);

/** A disguised form of the protected address, the field it goes in, and the text around it. */
const disguise = fc.record({
  form: fc.constantFrom('Skjultevej 977', 'Skjultevej', 'skjultevej 977, 2. th.', '2400 København NV', '2400 København', '2400, København'),
  cases: fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
  hidden: fc.array(fc.tuple(fc.nat(40), fc.constantFrom(...invisible)), { maxLength: 5 }),
  width: fc.constantFrom('plain', 'digits', 'all'),
  separator: fc.constantFrom(' ', '  ', '\u00A0', '\u3000', '\t', ' \n ', '-', '.'),
  field: fc.constantFrom(...(Object.keys(fields) as Field[])),
  before: fc.constantFrom('', 'Bor på ', 'Adresse: ', 'Kontakt via ', 'Tæt ved '),
  after: fc.constantFrom('', ' i nærheden', '. Kan starte mandag.', '!'),
});

type Disguise = typeof disguise extends fc.Arbitrary<infer T> ? T : never;

function disguised(d: Disguise): string {
  const separator = d.field === 'candidate.website' ? urlSafe(d.separator) : d.separator;
  let text = [...d.form.replace(/ /g, separator)].map((c, i) => (d.cases[i % d.cases.length] ? c.toUpperCase() : c.toLowerCase())).join('');
  if (d.width !== 'plain') text = toFullwidth(text, d.width === 'all');
  for (const [at, mark] of d.hidden) {
    if (d.field === 'candidate.website' && /\s/.test(mark)) continue;
    const i = at % (text.length + 1);
    text = text.slice(0, i) + mark + text.slice(i);
  }
  if (d.field === 'candidate.website') return `https://portal.example/${text.replace(/\s/g, '-')}`;
  return `${d.before}${text}${d.after}`;
}

/** Ordinary Danish text: none of it is the street, nor the postal code beside the town. */
const words = ['Kan', 'starte', 'mandag', 'erfaring', 'køkken', 'lager', 'vej', 'gade', 'København', 'Aarhus', 'bor', 'tæt', 'på', 'Nørrebro', 'skjult', 'talent', '12', '2100', '977', 'timer', 'uge', 'Valby', 'cykel'];
const ordinary = fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 12 }).map((w) => w.join(' '));

describe('the protected address in free text', () => {
  let h: Harness;
  let order: number;
  before(async () => {
    h = await startHarness();
    const res = await h.request('POST', '/v1/job-orders', { key: A, body: { ...validOrder(), maxCandidates: null } });
    assert.equal(res.status, 201, res.text);
    order = res.body.id;
  });
  after(() => h.close());

  it('normalises what text reads as: compatibility forms, case, invisible characters and runs of space', () => {
    assert.equal(normaliseText('  Ｓｋｊｕｌｔｅ\u200Bvej\u00AD  ９７７\t'), 'skjultevej 977');
    assert.equal(normaliseText('2400\u3000KØBENHAVN\u00A0NV'), '2400 københavn nv');
  });

  it('every disguised form is refused with 422 naming its field (property, through the API)', async () => {
    await fc.assert(
      fc.asyncProperty(disguise, async (d) => {
        const body = { candidate: protectedPerson(), description: 'Et godt match.' };
        fields[d.field](body, disguised(d));
        const res = await h.request('POST', `/v1/job-orders/${order}/placements`, { key: KK, body });
        assert.equal(res.status, 422, `${JSON.stringify(disguised(d))} in ${d.field}: ${res.status} ${res.text.slice(0, 200)}`);
        assert.deepEqual(res.body.errors.map((e: { path: string; code: string }) => [e.path, e.code]), [[d.field, 'protected_address']]);
        assert.ok(!res.text.toLowerCase().includes('skjultevej'), 'the refusal does not quote the address');
      }),
      { numRuns: 150, seed: Number(process.env.FUZZ_SEED ?? 20_26) },
    );
    // The town, other numbers and a website of the person's own are no address.
    const body = { candidate: { ...protectedPerson(), website: 'https://portal.example/sara-nielsen' }, description: 'Bor i København, 12 km fra Valby; kan starte uge 2.' };
    const res = await h.request('POST', `/v1/job-orders/${order}/placements`, { key: KK, body });
    assert.equal(res.status, 201, res.text);
  });

  it('the rule refuses the same disguises in every field, and passes ordinary text without the address (properties)', () => {
    fc.assert(
      fc.property(disguise, (d) => {
        const body = { candidate: protectedPerson(), description: 'Et godt match.' };
        fields[d.field](body, disguised(d));
        const errors = checkCandidate(body.candidate, body.description, '2026-12-01');
        assert.deepEqual(errors.map((e) => [e.path, e.code]), [[d.field, 'protected_address']], JSON.stringify(disguised(d)));
      }),
      { numRuns: 1_000 },
    );
    fc.assert(
      fc.property(ordinary, fc.constantFrom(...(Object.keys(fields) as Field[]).filter((f) => f !== 'candidate.website')), (text, field) => {
        const body = { candidate: protectedPerson(), description: 'Et godt match.' };
        fields[field](body, text);
        assert.deepEqual(checkCandidate(body.candidate, body.description, '2026-12-01'), [], text);
      }),
      { numRuns: 500 },
    );
  });
});
