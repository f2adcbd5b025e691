import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as v from 'valibot';
import * as sdk from '../../sdk/index.ts';
import {
  actorKinds,
  addDays,
  checkTerms,
  cvrPattern,
  emailPattern,
  fieldErrorCodes,
  isCalendarDate,
  isValidCvr,
  jobcenterIdPattern,
  longTermFields,
  normalizeTerms,
  occupationQueryMinLength,
  orderNumberLimits,
  orderSortKeys,
  orderStatuses,
  orderTextLimits,
  phonePattern,
  pNumberPattern,
  postalCodePattern,
  problemTypes,
  responseMethods,
  sortDirections,
  todayInCopenhagen,
  workingHoursConditions,
  workingTimes,
  type OrderTerms,
} from '../../sdk/rules.ts';
import { demoCompanies } from '../../server/demo/data.ts';
import { FieldErrorSchema, ProblemSchema } from '../../server/contract/problem.ts';
import { da } from '../../widget/locales/da.all.ts';
import { en } from '../../widget/locales/en.ts';
import { checkDraft, newDraft, withText, type TextPath } from '../../widget/order-draft.ts';
import { contract } from '../support/contract.ts';
import { demoKeys, startHarness, type Harness } from '../support/harness.ts';
import { validOrder } from '../support/orders.ts';

const terms = (changes: Partial<OrderTerms> = {}): OrderTerms => ({
  longTerm: false,
  startDate: null,
  durationDays: null,
  responseDeadline: null,
  maxCandidates: null,
  workingTime: 'unspecified',
  weeklyHours: null,
  ...changes,
});
const codes = (errors: { path: string; code: string }[]) => errors.map((e) => `${e.path}:${e.code}`);

describe('the SDK\'s rules module: one copy of every rule a client can check', () => {
  it('is exported by the SDK, as HR systems import it', () => {
    assert.equal(sdk.isValidCvr, isValidCvr);
    assert.equal(sdk.todayInCopenhagen, todayInCopenhagen);
    assert.equal(sdk.fieldErrorCodes, fieldErrorCodes);
  });

  it('R1.7: a CVR number is 8 digits with a modulus-11 check digit (weights 2,7,6,5,4,3,2,1)', () => {
    for (const company of demoCompanies) assert.equal(isValidCvr(company.cvr), true, `demo CVR ${company.cvr}`);
    assert.equal(isValidCvr('31415926'), true);
    assert.equal(isValidCvr('27182828'), true);
    assert.equal(isValidCvr('31415927'), false, 'last digit off by one');
    assert.equal(isValidCvr('27182818'), false);
    assert.equal(isValidCvr('12345678'), false);
    for (const bad of ['', '3141592', '314159260', '3141592a', ' 31415926', '31415926 ']) assert.equal(isValidCvr(bad), false, JSON.stringify(bad));
  });

  it('R2.5, R2.1.2: P-number 10 digits, postal code 4, jobcenter id 3, CVR 8 — whole strings only', () => {
    const cases: [RegExp, string[], string[]][] = [
      [pNumberPattern, ['1003456781', '0000000000'], ['100345678', '10034567810', '100345678a', ' 1003456781', '']],
      [postalCodePattern, ['1620', '7100', '0800'], ['162', '16200', '16a0', '']],
      [jobcenterIdPattern, ['101', '751'], ['10', '1010', 'abc', '']],
      [cvrPattern, ['31415926', '12345678'], ['3141592', '314159260', '']],
    ];
    for (const [pattern, good, bad] of cases) {
      for (const value of good) assert.ok(pattern.test(value), `${pattern} accepts ${value}`);
      for (const value of bad) assert.ok(!pattern.test(value), `${pattern} refuses ${JSON.stringify(value)}`);
    }
  });

  it('R2.6: phone is an optional +, then 8–20 digits and spaces', () => {
    for (const ok of ['20304050', '+45 20 30 40 50', '+4520304050', '0045 2030 4050 12345']) assert.ok(phonePattern.test(ok), ok);
    for (const bad of ['2030405', '+45-20-30-40-50', '20 30 40 5a', '++4520304050', '', '1'.repeat(21)]) assert.ok(!phonePattern.test(bad), JSON.stringify(bad));
  });

  it('R2.6: one e-mail rule, the same as valibot\'s email, for the server and the widgets', () => {
    const good = ['mette@nordlys.example', 'mette.hansen@nordlys.example', 'a+b@c.dk', 'first_last@sub-domain.example.com', 'X@Y.ORG'];
    const bad = ['mette', 'mette@', '@nordlys.dk', 'mette@nordlys', 'mette @nordlys.dk', 'mette@nordlys.d', 'a..b@c.dk', 'mette@-nordlys.dk', 'mette@nordlys.dk.'];
    const valibotEmail = v.pipe(v.string(), v.email());
    for (const value of [...good, ...bad]) {
      assert.equal(emailPattern.test(value), good.includes(value), value);
      assert.equal(emailPattern.test(value), v.is(valibotEmail, value), `agrees with valibot on ${value}`);
    }
  });

  it('R2.1.1: occupation suggestions start at three letters', () => {
    assert.equal(occupationQueryMinLength, 3);
  });

  it('R8.1: today is the date in Copenhagen, across its midnight, in winter and summer time', () => {
    assert.equal(todayInCopenhagen(new Date('2026-11-26T22:59:59Z')), '2026-11-26');
    assert.equal(todayInCopenhagen(new Date('2026-11-26T23:00:00Z')), '2026-11-27', 'midnight in Copenhagen (UTC+1)');
    assert.equal(todayInCopenhagen(new Date('2026-11-26T23:30:00Z')), '2026-11-27');
    assert.equal(todayInCopenhagen(new Date('2026-07-01T21:59:00Z')), '2026-07-01');
    assert.equal(todayInCopenhagen(new Date('2026-07-01T22:00:00Z')), '2026-07-02', 'midnight in Copenhagen (UTC+2)');
    assert.match(todayInCopenhagen(), /^\d{4}-\d{2}-\d{2}$/, 'defaults to now');
  });

  it('R2.4.4: addDays crosses months, years and the daylight-saving change; isCalendarDate refuses unreal dates', () => {
    assert.equal(addDays('2026-11-27', 1), '2026-11-28');
    assert.equal(addDays('2026-11-30', 1), '2026-12-01');
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
    assert.equal(addDays('2026-03-28', 2), '2026-03-30');
    assert.equal(addDays('2026-03-01', -1), '2026-02-28');
    assert.equal(isCalendarDate('2028-02-29'), true);
    for (const bad of ['2026-02-29', '2026-02-30', '2026-13-01', '2026-1-01', '27.11.2026', '']) assert.equal(isCalendarDate(bad), false, bad);
  });

  it('R2.4.1: a long-term order clears start date, duration, deadline and max candidates; R2.4.2: else start defaults to today', () => {
    const long = normalizeTerms(terms({ longTerm: true, startDate: '2026-12-01', durationDays: 10, responseDeadline: '2026-11-30', maxCandidates: 5, weeklyHours: 20, workingTime: 'part_time' }), '2026-11-27');
    for (const field of longTermFields) assert.equal(long[field], null, field);
    assert.deepEqual([...longTermFields], ['startDate', 'durationDays', 'responseDeadline', 'maxCandidates']);
    assert.equal(long.weeklyHours, 20, 'working time is kept');
    assert.equal(normalizeTerms(terms(), '2026-11-27').startDate, '2026-11-27');
    assert.equal(normalizeTerms(terms({ startDate: '2026-12-01' }), '2026-11-27').startDate, '2026-12-01');
  });

  it('R7.3: a start date before today is refused with the guide\'s rule; today is fine; an untouched stored one is not checked', () => {
    const today = '2026-11-27';
    assert.deepEqual(codes(checkTerms(terms({ startDate: '2026-11-26' }), today)), ['startDate:past_date']);
    assert.equal(checkTerms(terms({ startDate: '2026-11-26' }), today)[0]!.message, 'The job start date must be today or a future date.');
    assert.deepEqual(checkTerms(terms({ startDate: today }), today), []);
    assert.deepEqual(checkTerms(terms({ startDate: '2026-11-26' }), today, false), []);
    assert.deepEqual(checkTerms(terms({ longTerm: true, startDate: '2026-11-26' }), today), [], 'a long-term order has no start date');
  });

  it('R2.4.4: the response deadline must be after today', () => {
    const today = '2026-11-27';
    assert.deepEqual(codes(checkTerms(terms({ responseDeadline: today }), today)), ['responseDeadline:not_future']);
    assert.deepEqual(codes(checkTerms(terms({ responseDeadline: '2026-11-01' }), today)), ['responseDeadline:not_future']);
    assert.deepEqual(checkTerms(terms({ responseDeadline: '2026-11-28' }), today), []);
  });

  it('R2.4.7: weekly hours only with part time; all broken rules at once', () => {
    const today = '2026-11-27';
    assert.deepEqual(codes(checkTerms(terms({ weeklyHours: 20, workingTime: 'full_time' }), today)), ['weeklyHours:not_part_time']);
    assert.deepEqual(checkTerms(terms({ weeklyHours: 20, workingTime: 'part_time' }), today), []);
    assert.deepEqual(
      codes(checkTerms(terms({ startDate: '2026-11-01', responseDeadline: today, weeklyHours: 5 }), today)),
      ['startDate:past_date', 'responseDeadline:not_future', 'weeklyHours:not_part_time'],
    );
  });
});

describe('the order\'s bounds and value lists: written in the rules, stated by the contract, checked by the form', () => {
  type Schema = { type?: string; enum?: string[]; minimum?: number; maximum?: number; maxLength?: number; anyOf?: Schema[]; properties?: Record<string, Schema> };
  const schemas = contract.components.schemas as Record<string, Schema>;
  /** A property of a schema by its dotted path, past `anyOf [x, null]`. */
  const property = (schema: string, path: string): Schema => {
    let at = schemas[schema]!;
    for (const name of path.split('.')) {
      const next = at.properties?.[name];
      assert.ok(next, `${schema} has no ${path}`);
      at = next.anyOf?.find((s) => s.type !== 'null') ?? next;
    }
    return at;
  };

  it('openapi.yaml states the rules\' bounds for a new order, an edit and an order as sent', () => {
    for (const schema of ['CreateJobOrder', 'UpdateJobOrder', 'JobOrder']) {
      for (const [field, { min, max }] of Object.entries(orderNumberLimits)) {
        assert.deepEqual([property(schema, field).minimum, property(schema, field).maximum], [min, max], `${schema}.${field}`);
      }
      for (const [path, max] of Object.entries(orderTextLimits)) {
        if (path === 'note' && schema !== 'UpdateJobOrder') continue;
        assert.equal(property(schema, path === 'occupationCode' && schema === 'JobOrder' ? 'occupation.code' : path).maxLength, max, `${schema}.${path}`);
      }
    }
    assert.equal(property('StatusChange', 'note').maxLength, orderTextLimits.note);
  });

  it('openapi.yaml lists the rules\' values, in their order', () => {
    for (const schema of ['CreateJobOrder', 'JobOrder']) {
      assert.deepEqual(property(schema, 'workingTime').enum, [...workingTimes]);
      assert.deepEqual(property(schema, 'workingHoursCondition').enum, [...workingHoursConditions]);
      assert.deepEqual(property(schema, 'responseMethod').enum, [...responseMethods]);
    }
    assert.deepEqual(property('JobOrder', 'status').enum, [...orderStatuses]);
    assert.deepEqual(property('StatusChange', 'status').enum, [...orderStatuses]);
    assert.deepEqual(property('JobOrder', 'createdBy.kind').enum, [...actorKinds]);
    assert.deepEqual(property('LogEntry', 'actor.kind').enum, [...actorKinds]);
    const query = Object.fromEntries(
      (contract.paths['/v1/job-orders']!.get as unknown as { parameters: { name: string; schema: Schema }[] }).parameters.map((p) => [p.name, p.schema.enum]),
    );
    assert.deepEqual(query.sort, [...orderSortKeys]);
    assert.deepEqual(query.order, [...sortDirections]);
    assert.deepEqual(query.status, [...orderStatuses]);
  });

  it('the form refuses a number just outside each bound and accepts the bounds themselves, before sending', () => {
    const context = { occupation: { code: '941201', title: 'Opvasker' }, occupationText: 'Opvasker', editing: false, original: null, today: '2026-11-27' };
    const draft = { ...newDraft('2026-11-27'), workingTime: 'part_time' as const };
    const problemsOf = (path: TextPath, value: number) => checkDraft(withText(draft, path, String(value)), context).filter((p) => p.path === path).map((p) => p.code);
    for (const [path, { min, max }] of Object.entries(orderNumberLimits) as [TextPath & keyof typeof orderNumberLimits, { min: number; max: number }][]) {
      assert.deepEqual(problemsOf(path, min), [], `${path} ${min}`);
      assert.deepEqual(problemsOf(path, max), [], `${path} ${max}`);
      assert.deepEqual(problemsOf(path, min - 1), ['too_small'], `${path} ${min - 1}`);
      assert.deepEqual(problemsOf(path, max + 1), ['too_big'], `${path} ${max + 1}`);
    }
  });

  it('R9: the form\'s words for weekly hours name the rules\' bounds', () => {
    const { min, max } = orderNumberLimits.weeklyHours;
    for (const catalogue of [da, en]) {
      assert.ok(catalogue.form.weeklyHoursHelp.includes(`${min}–${max}`), catalogue.form.weeklyHoursHelp);
      assert.ok(catalogue.fieldErrors['weeklyHours:too_big']!.includes(String(max)), catalogue.fieldErrors['weeklyHours:too_big']);
    }
  });
});

describe('error codes and problem types are part of the contract', () => {
  it('lists each code and type once; types are /problems/ paths', () => {
    assert.equal(new Set(fieldErrorCodes).size, fieldErrorCodes.length);
    assert.equal(new Set(problemTypes).size, problemTypes.length);
    for (const type of problemTypes) assert.match(type, /^\/problems\/[a-z]+(-[a-z]+)*$/);
    for (const code of fieldErrorCodes) assert.match(code, /^[a-z]+(_[a-z]+)*$/);
  });

  it('the schemas refuse a code or type not in the lists', () => {
    assert.ok(v.is(FieldErrorSchema, { path: 'startDate', code: 'past_date', message: 'x' }));
    assert.ok(!v.is(FieldErrorSchema, { path: 'startDate', code: 'in_the_past', message: 'x' }));
    assert.ok(v.is(ProblemSchema, { type: '/problems/not-found', title: 'Not found', status: 404 }));
    assert.ok(!v.is(ProblemSchema, { type: '/problems/gone', title: 'Gone', status: 410 }));
  });

  it('R8.2, R9: every error code and every problem type has a Danish and an English message', () => {
    for (const [name, catalogue] of [['da', da], ['en', en]] as const) {
      for (const code of fieldErrorCodes) assert.ok(catalogue.errors[code]?.trim(), `${name} has no message for ${code}`);
      for (const type of problemTypes) assert.ok(catalogue.problems[type]?.trim(), `${name} has no message for ${type}`);
      assert.deepEqual(Object.keys(catalogue.errors).sort(), [...fieldErrorCodes].sort(), `${name}: no message for a code the contract lacks`);
      assert.deepEqual(Object.keys(catalogue.problems).sort(), [...problemTypes].sort(), `${name}: no message for a type the contract lacks`);
    }
    assert.equal(da.errors.past_date, 'Job startdato skal være dags dato eller en fremtidig dato.', 'R7.3 in the guide\'s words');
  });
});

describe('the API applies the same rules (R1.7)', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  it('a jobcenter creating an order for a CVR whose check digit is wrong gets 422 check_digit', async () => {
    const res = await h.request('POST', '/v1/job-orders', { key: demoKeys.jobcenter101, body: validOrder({ companyCvr: '31415927' }) });
    assert.equal(res.status, 422, res.text);
    assert.equal(res.body.type, '/problems/validation');
    assert.deepEqual(codes(res.body.errors), ['companyCvr:check_digit'], 'one error: no lookup of a number that cannot exist');
  });

  it('a CVR with a valid check digit that no company uses is unknown', async () => {
    assert.equal(isValidCvr('12345674'), true);
    const res = await h.request('POST', '/v1/job-orders', { key: demoKeys.jobcenter101, body: validOrder({ companyCvr: '12345674' }) });
    assert.equal(res.status, 422);
    assert.deepEqual(codes(res.body.errors), ['companyCvr:unknown']);
  });

  it('the same order with the company\'s valid CVR is created', async () => {
    const res = await h.request('POST', '/v1/job-orders', { key: demoKeys.jobcenter101, body: validOrder({ companyCvr: '31415926' }) });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.company.cvr, '31415926');
  });

  it('a badly formed CVR is one format error, not also a check-digit error', async () => {
    const res = await h.request('POST', '/v1/job-orders', { key: demoKeys.jobcenter101, body: validOrder({ companyCvr: '3141592' }) });
    assert.equal(res.status, 422);
    assert.deepEqual(codes(res.body.errors).filter((c) => c.startsWith('companyCvr')), ['companyCvr:format']);
  });

  it('R2.4.7, R2.1.3: the server refuses one past the rules\' bounds with the codes the form uses, and takes the bounds', async () => {
    const { max } = orderNumberLimits.weeklyHours;
    const over = await h.request('POST', '/v1/job-orders', {
      key: demoKeys.employerA,
      body: validOrder({ workingTime: 'part_time', weeklyHours: max + 1, description: 'x'.repeat(orderTextLimits.description + 1) }),
    });
    assert.equal(over.status, 422, over.text);
    assert.deepEqual(codes(over.body.errors).sort(), ['description:too_big', 'weeklyHours:too_big']);
    const at = await h.request('POST', '/v1/job-orders', {
      key: demoKeys.employerA,
      body: validOrder({ workingTime: 'part_time', weeklyHours: max, description: 'x'.repeat(orderTextLimits.description) }),
    });
    assert.equal(at.status, 201, at.text);
    assert.equal(at.body.weeklyHours, max);
  });

  it('R2.6: the server and the widgets refuse the same e-mail addresses', async () => {
    const res = await h.request('POST', '/v1/job-orders', {
      key: demoKeys.employerA,
      body: validOrder({ contact: { name: 'Mette Hansen', email: 'mette@nordlys', phone: null } }),
    });
    assert.equal(res.status, 422);
    assert.deepEqual(codes(res.body.errors), ['contact.email:format']);
  });
});
