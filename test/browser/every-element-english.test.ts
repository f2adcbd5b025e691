// One language at a time (R8.2): every element, driven through its states — loaded, empty, failed,
// each action's notice or refusal, confirmations, live announcements, "live updates paused" — shows
// no word of the other language, whether it started in that language or was switched to it after
// the notice appeared. The data (names, titles, addresses, free text) is Danish in both and left out.
import { expect, fixtureSync, html, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import '../../widget/index.ts';
import { OrderCreatedEvent } from '../../widget/events.ts';
import type { JobagElement } from '../../widget/base.ts';
import { api, apiBase, endStreams, logEntry, me, occupations, jobcenters, order, placement, problem, pushEvent, startMocks, tokens, worker } from './support/mock-api.ts';

before(startMocks);
afterEach(() => worker.resetHandlers());

/**
 * Words only the Danish catalogue uses; and any æ, ø or å, once the data is left out. (JavaScript's
 * `\b` knows no æøå, so a word with one of them is caught by the letter itself.)
 */
const danishOnly =
  /\b(jobordre\w*|opret\w*|gem\w*|fortryd|tovholder\w*|formidl\w*|kandidat\w*|udfald|fjern\w*|ansvarlig\w*|virksomhed\w*|kontaktperson\w*|arbejdssted|beskriv\w*|ikke|og|er|af|med|til|udpeg\w*|henter|vis|luk\w*|dato|antal|seneste|tilbage|jobcentr\w*|ja|nej|fejl|felter|udfyld|skal|kvittering|udskriv|kopi\w*|nu|liveopdateringer)\b|[æøå]/i;
/** Words only the English catalogue uses. */
const englishOnly =
  /\b(job orders?|created|appoint\w*|coordinator|candidates?|save\w*|cancel|back|loading|the|and|of|is|was|withdraw\w*|placed?|show more|outcome|jobcentre|try again|errors?|updated|copy|now|paused|fill in|reason)\b/i;

/** Free text this test itself sends or receives. */
const extraData = ['Lars Holm', 'Sofie Berg', 'Anna Berg', 'Sofie kan starte med det samme.', 'Vi holder pause.', 'Café Nord', 'Køkkenmedhjælper', 'Opvask og anretning.'];

/** Human data of the fixtures (anything with a capital, a space or a Danish letter), longest first: not UI words. */
const data = (() => {
  const found = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string' && /[A-ZÆØÅ\sæøå]/.test(value) && value.length > 1) found.add(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk([me, occupations, jobcenters, order(7), placement(3), logEntry(1), extraData]);
  return [...found].sort((a, b) => b.length - a.length);
})();

/** Everything an element says, its nested elements and hidden live regions included, without the data. */
function words(node: Element | ShadowRoot): string {
  const parts: string[] = [];
  const visit = (n: Node): void => {
    if (n.nodeType === Node.TEXT_NODE) parts.push(n.textContent ?? '');
    if (!(n instanceof Element || n instanceof ShadowRoot || n instanceof DocumentFragment)) return;
    if (n instanceof Element) {
      if (n.localName === 'style' || n.localName === 'script') return;
      for (const name of ['aria-label', 'title', 'placeholder', 'alt']) parts.push(n.getAttribute(name) ?? '');
      if (n.shadowRoot) visit(n.shadowRoot);
    }
    n.childNodes.forEach(visit);
  };
  visit(node);
  let text = ` ${parts.join(' ')} `.replace(/\s+/g, ' ');
  for (const datum of data) text = text.replaceAll(datum, ' ');
  return text;
}

/** Waits until the element speaks only `locale` (it may be loading English), then says so or shows what is left. */
async function expectOnly(el: JobagElement, locale: 'da' | 'en', state: string): Promise<void> {
  const other = locale === 'en' ? danishOnly : englishOnly;
  await waitUntil(() => !other.test(words(el.shadowRoot!)), '', { timeout: 3000 }).catch(() => undefined);
  const match = other.exec(words(el.shadowRoot!));
  expect(match, `${state} in ${locale}: "${match?.[0]}" in …${words(el.shadowRoot!).slice(Math.max(0, (match?.index ?? 0) - 80), (match?.index ?? 0) + 80)}…`).to.equal(null);
}

const $ = <T extends HTMLElement = HTMLElement>(el: Element, selector: string): T | null => el.shadowRoot!.querySelector<T>(selector);
const until = (check: () => unknown, what: string) => waitUntil(check, what, { timeout: 5000 });

function type(el: Element, id: string, value: string): void {
  const control = $<HTMLInputElement>(el, `#${CSS.escape(id)}`)!;
  control.value = value;
  control.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

function choose(el: Element, id: string, value: string): void {
  const select = $<HTMLSelectElement>(el, `#${CSS.escape(id)}`)!;
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

function mount<T extends JobagElement>(tag: string, locale: string, attrs: Record<string, string> = {}): T {
  const el = document.createElement(tag) as T;
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  el.setAttribute('locale', locale);
  el.baseUrl = apiBase;
  el.getToken = tokens().getToken;
  fixtureSync(html`<div></div>`).append(el);
  return el;
}

/**
 * Runs `drive` in each language; after every step it names, the element speaks only that
 * language, and, switched to the other, only the other (a notice made before the switch included).
 */
function inBothLanguages(name: string, drive: (el: JobagElement, step: (state: string) => Promise<void>) => Promise<void>, make: (locale: string) => JobagElement) {
  for (const [first, second] of [['en', 'da'], ['da', 'en']] as const) {
    it(`${name}: started in ${first}, switched to ${second}`, async function () {
      this.timeout(30_000);
      const el = make(first);
      await drive(el, async (state) => {
        await expectOnly(el, el.locale as 'da' | 'en', state);
        const back = el.locale!;
        el.locale = back === 'en' ? 'da' : 'en';
        await expectOnly(el, el.locale, `${state}, switched`);
        el.locale = back;
        await el.updateComplete;
      });
      // And it ends in the other language, where it stays.
      el.locale = second;
      await expectOnly(el, second, 'at the end');
    });
  }
}

const changed = (id: number, orderId: number, action: 'changed' | 'placement' | 'outcome' | 'note' = 'changed') =>
  logEntry(id, { orderId, orderVersion: 50 + id, action, status: action === 'changed' ? 'inactive' : null, actor: { kind: 'jobcenter', name: 'Jobcenter København', person: 'Lars Holm' } });

describe('every element in one language at a time', () => {
  inBothLanguages(
    '<jobag-order-list>: loaded, a live change, empty, failed',
    async (el, step) => {
      await until(() => $(el, 'tbody tr'), 'the list never loaded');
      await step('loaded');
      pushEvent(changed(101, 2));
      await until(() => $(el, '#live')?.textContent, 'no live announcement');
      await step('a live change announced');
      worker.use(http.get(api('/v1/job-orders'), () => HttpResponse.json({ items: [], nextCursor: null })));
      (el as unknown as { revision: number }).revision++;
      await until(() => !$(el, 'tbody tr'), 'the list never emptied');
      await step('empty');
      worker.use(http.get(api('/v1/job-orders'), () => problem(500, 'internal', 'Boom.')));
      (el as unknown as { revision: number }).revision++;
      await until(() => $(el, '[role="alert"]'), 'no failure');
      await step('failed');
    },
    (locale) => mount('jobag-order-list', locale),
  );

  inBothLanguages(
    '<jobag-order-view>: loaded, refusals, the confirmation, the new status, a 422, a live change, a copy',
    async (el, step) => {
      let version = 1;
      worker.use(
        http.get(api('/v1/job-orders/7'), () => HttpResponse.json(order(7, { version, status: version > 1 ? 'inactive' : 'open' }), { headers: { etag: `"${version}"` } })),
        http.post(api('/v1/job-orders/7/status'), async ({ request }) => {
          const body = (await request.json()) as { status: string };
          if (body.status === 'closed') return problem(422, 'validation', 'Nope.', [{ path: 'note', code: 'too_big', message: 'Noten er for lang.' }]);
          version = 2;
          return HttpResponse.json(order(7, { version, status: 'inactive' }), { headers: { etag: '"2"' } });
        }),
      );
      await until(() => $(el, '[part="summary"]'), 'the view never loaded');
      await step('loaded');
      $<HTMLButtonElement>(el, '#change-status')!.click();
      await until(() => $(el, '[part="error"]'), 'no same-status refusal');
      await step('the same status refused');
      choose(el, 'new-status', 'closed');
      await el.updateComplete;
      $<HTMLButtonElement>(el, '#change-status')!.click();
      await until(() => $(el, '[part="error"]'), 'no close-reason refusal');
      await step('closing without a reason refused');
      choose(el, 'close-reason', 'filled_by_placement');
      await el.updateComplete;
      $<HTMLButtonElement>(el, '#change-status')!.click();
      await until(() => $(el, '#confirm-yes'), 'no confirmation');
      await step('the confirmation');
      $<HTMLButtonElement>(el, '#confirm-yes')!.click();
      await until(() => $(el, '[part="error"]'), 'no 422');
      await step("the server's field error");
      choose(el, 'new-status', 'inactive');
      await el.updateComplete;
      $<HTMLButtonElement>(el, '#change-status')!.click();
      await until(() => $(el, '#confirm-yes'), 'no confirmation');
      $<HTMLButtonElement>(el, '#confirm-yes')!.click();
      await until(() => $(el, '#status-message.notice'), 'no new-status notice');
      await step('the new status');
      pushEvent(changed(102, 7, 'note'));
      await until(() => $(el, '[aria-live="polite"]')?.textContent, 'no live announcement');
      await step('a live change announced');
      $<HTMLButtonElement>(el, '#copy')!.click();
      await until(() => $(el, 'jobag-order-form'), 'the copy form never opened');
      $(el, 'jobag-order-form')!.dispatchEvent(new OrderCreatedEvent(order(8)));
      await until(() => $(el, '#status-message.notice'), 'no copy notice');
      await step('the copy made');
    },
    (locale) => mount('jobag-order-view', locale, { 'order-id': '7' }),
  );

  inBothLanguages(
    '<jobag-placement-log>: every kind of entry, a live one, failed',
    async (el, step) => {
      const entries = [
        logEntry(1, { orderId: 7 }),
        logEntry(2, { orderId: 7, action: 'created', copyOf: 6 }),
        logEntry(3, { orderId: 7, action: 'changed', status: 'closed', closeReason: 'filled_by_placement', description: 'Vi holder pause.' }),
        logEntry(4, { orderId: 7, action: 'outcome', outcome: { outcome: 'hired', startDate: '2027-01-04', reason: null }, description: 'Sofie Berg' }),
        logEntry(5, { orderId: 7, action: 'coordinator_appointed', description: 'Lars Holm' }),
      ];
      worker.use(http.get(api('/v1/job-orders/7/log'), () => HttpResponse.json({ items: entries, nextCursor: null })));
      await until(() => el.shadowRoot!.querySelectorAll('tbody tr').length === 5, 'the log never loaded');
      await step('loaded');
      pushEvent(changed(103, 7));
      await until(() => $(el, '[aria-live="polite"]')?.textContent, 'no live announcement');
      await step('a live entry announced');
    },
    (locale) => mount('jobag-placement-log', locale, { 'order-id': '7' }),
  );

  inBothLanguages(
    '<jobag-candidates>: the list, a CV, refusals, the saved outcome, a live change',
    async (el, step) => {
      const cv = { headline: 'Køkkenmedhjælper', summary: 'Opvask og anretning.', experience: [{ title: 'Køkkenmedhjælper', employer: 'Café Nord', from: '2021-03', to: null }] };
      worker.use(
        http.get(api('/v1/job-orders/7/placements'), () => HttpResponse.json({ items: [placement(3, { jobOrderId: 7, cv } as never)], nextCursor: null })),
        http.post(api('/v1/job-orders/7/placements/3/outcome'), () =>
          HttpResponse.json(placement(3, { jobOrderId: 7, cv, outcome: { outcome: 'hired', startDate: '2027-01-04', reason: null, recordedAt: '2026-12-01T10:00:00.000Z' } } as never)),
        ),
      );
      await until(() => $(el, 'button[data-id="3"]'), 'the candidates never loaded');
      await step('the list');
      $<HTMLButtonElement>(el, 'button[data-id="3"]')!.click();
      await until(() => $(el, '[part="cv"]'), 'the candidate never opened');
      await step('the candidate with a current job');
      $<HTMLButtonElement>(el, '#save-outcome')!.click();
      await until(() => $(el, '#outcome-problem'), 'no refusal');
      await step('no outcome chosen');
      choose(el, 'outcome', 'hired');
      await el.updateComplete;
      $<HTMLButtonElement>(el, '#save-outcome')!.click();
      await until(() => $(el, '#outcome-problem')?.textContent, 'no start-date refusal');
      await step('no start date');
      type(el, 'outcome-start', '2027-01-04');
      $<HTMLButtonElement>(el, '#save-outcome')!.click();
      await until(() => $(el, '#outcome-message.notice'), 'no saved notice');
      await step('the outcome saved');
      pushEvent(changed(104, 7, 'placement'));
      await until(() => $(el, '[aria-live="polite"]')?.textContent, 'no live announcement');
      await step('a live change announced');
    },
    (locale) => mount('jobag-candidates', locale, { 'order-id': '7' }),
  );

  inBothLanguages(
    '<jobag-jobcenter-desk>: the list, an order, every action and refusal, a live change',
    async (el, step) => {
      const placed = [placement(3, { jobOrderId: 7, name: 'Sofie Berg' })];
      worker.use(
        http.get(api('/v1/job-orders/7/placements'), () => HttpResponse.json({ items: placed, nextCursor: null })),
        http.put(api('/v1/job-orders/7/coordinator'), () =>
          HttpResponse.json({ name: 'Anna Berg', email: null, phone: null, appointedAt: null, jobcenter: { id: '101', name: 'Jobcenter København' } }, { headers: { etag: '"2"' } }),
        ),
        http.post(api('/v1/job-orders/7/placements'), () => problem(409, 'order-not-open', 'Not open.')),
        http.post(api('/v1/job-orders/7/placements/3/withdraw'), () => HttpResponse.json(placement(3, { jobOrderId: 7, name: 'Sofie Berg', withdrawnAt: '2026-12-01T10:00:00.000Z' }))),
        http.post(api('/v1/job-orders/7/notes'), () => HttpResponse.json(order(7), { headers: { etag: '"3"' } })),
      );
      await until(() => $(el, 'jobag-order-list')?.shadowRoot?.querySelector('tbody tr'), 'the list never loaded');
      await step('the list and its results');
      el.setAttribute('order-id', '7');
      await until(() => $(el, '[part="summary"]'), 'the order never opened');
      await step('an order');
      $<HTMLButtonElement>(el, '#place')!.click();
      await until(() => $(el, '[part="error-summary"]'), 'no error summary');
      await step('the candidate form sent empty');
      $<HTMLButtonElement>(el, '#appoint')!.click();
      await until(() => $(el, '#coordinator-error'), 'no coordinator refusal');
      await step('no coordinator named');
      type(el, 'coordinator-name', 'Anna Berg');
      $<HTMLButtonElement>(el, '#appoint')!.click();
      await until(() => $(el, '#coordinator-message'), 'no appointment notice');
      await step('the coordinator appointed');
      for (const [id, value] of [['candidate-name', 'Sofie Berg'], ['candidate-birth-year', '1990'], ['candidate-description', 'Sofie kan starte med det samme.']]) type(el, id!, value!);
      $<HTMLButtonElement>(el, '#place')!.click();
      await until(() => $(el, '#place-error'), 'no placement refusal');
      await step('the placement refused (order not open)');
      $<HTMLButtonElement>(el, '[part="withdraw"]')!.click();
      await until(() => $(el, '#withdraw-yes'), 'no confirmation');
      await step('the withdrawal confirmation');
      $<HTMLButtonElement>(el, '#withdraw-yes')!.click();
      await until(() => $(el, '#withdraw-message'), 'no withdrawal notice');
      await step('the candidate withdrawn');
      type(el, 'note-text', 'Vi holder pause.');
      $<HTMLButtonElement>(el, '#send-note')!.click();
      await until(() => $(el, '#note-message'), 'no note notice');
      await step('the note sent');
      // The stream brings the copy of our own note first (said already, so not announced), then another's.
      pushEvent(changed(104, 7, 'note'));
      pushEvent(changed(105, 7, 'note'));
      await until(() => $(el, '[aria-live="polite"]')?.textContent, 'no live announcement');
      await step('a live change announced');
    },
    (locale) => mount('jobag-jobcenter-desk', locale),
  );

  inBothLanguages(
    '<jobag-order-form>: the stored order, every error at once, a failed save, the update',
    async (el, step) => {
      let fail = true;
      worker.use(
        http.patch(api('/v1/job-orders/7'), () => (fail ? problem(500, 'internal', 'Boom.') : HttpResponse.json(order(7, { version: 2 }), { headers: { etag: '"2"' } }))),
        http.post(api('/v1/job-orders'), () => HttpResponse.json(order(42), { status: 201 })),
      );
      await until(() => $(el, '#form-heading'), 'the form never loaded');
      await step('the stored order to edit');
      type(el, 'f-description', '');
      $<HTMLButtonElement>(el, '[part="submit"]')!.click();
      await until(() => $(el, '[part="error-summary"]'), 'no error summary');
      await step('the error summary');
      type(el, 'f-description', 'Opvask og anretning.');
      $<HTMLButtonElement>(el, '[part="submit"]')!.click();
      await until(() => $(el, '[part="form-error"]'), 'no failure');
      await step('a failed save');
      fail = false;
      $<HTMLButtonElement>(el, '[part="submit"]')!.click();
      await until(() => $(el, 'p.notice[role="status"]'), 'no update notice');
      await step('the update saved');
    },
    (locale) => mount('jobag-order-form', locale, { 'order-id': '7' }),
  );

  inBothLanguages(
    '<jobag-order-page>: the list, the create screen',
    async (el, step) => {
      await until(() => $(el, 'jobag-order-list')?.shadowRoot?.querySelector('tbody tr'), 'the list never loaded');
      await step('the list');
      $<HTMLButtonElement>(el, '#create')!.click();
      await until(() => $(el, 'jobag-order-form')?.shadowRoot?.querySelector('#form-heading'), 'no create form');
      await step('the create screen');
    },
    (locale) => mount('jobag-order-page', locale),
  );

  inBothLanguages(
    'live updates paused, on an element under a provider',
    async (el, step) => {
      await until(() => $(el, 'tbody tr'), 'the list never loaded');
      worker.use(http.get(api('/v1/events'), () => HttpResponse.error()));
      endStreams();
      await until(() => $(el, 'output[part="live-status"]')?.textContent, 'never paused');
      await step('paused');
    },
    (locale) => {
      const provider = document.createElement('jobag-provider');
      provider.setAttribute('base-url', apiBase);
      provider.getToken = tokens().getToken;
      provider.locale = locale as 'da' | 'en';
      const list = document.createElement('jobag-order-list');
      list.locale = locale as 'da' | 'en';
      provider.append(list);
      fixtureSync(html`<div></div>`).append(provider);
      return list;
    },
  );
});
