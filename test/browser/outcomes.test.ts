// Outcomes, close reasons and copies in the widgets, with a mocked API: "Kopiér jobordre" from the order view (the form in
// place, prefilled, passed dates left out, the save sends copyOf), the close reason asked when
// closing, a candidate's outcome shown and recorded in <jobag-candidates>, the placement log's
// words for outcomes, close reasons and copies, and the desk's results — axe-clean in da and en.
import { expect, fixtureSync, html, oneEvent, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import type { PlacementStats } from '../../sdk/index.ts';
import '../../widget/index.ts';
import type { JobagCandidates } from '../../widget/candidates.ts';
import type { JobagJobcenterDesk } from '../../widget/jobcenter-desk.ts';
import type { JobagOrderForm } from '../../widget/order-form.ts';
import type { JobagOrderView } from '../../widget/order-view.ts';
import type { JobagPlacementLog } from '../../widget/placement-log.ts';
import type { JobagProvider } from '../../widget/provider.ts';
import { expectAccessible } from './support/a11y.ts';
import { api, apiBase, isoInDays, isoToday, logEntry, order, placement, problem, startMocks, tokens, worker } from './support/mock-api.ts';

before(startMocks);
afterEach(() => worker.resetHandlers());

const text = (node: Element | ShadowRoot) => node.textContent!.replace(/\s+/g, ' ').trim();
const byId = <T extends HTMLElement>(el: Element, id: string) => el.shadowRoot!.getElementById(id) as T;
const choose = (select: HTMLSelectElement, value: string) => {
  select.value = value;
  select.dispatchEvent(new Event('change'));
};

async function mountView(locale: string): Promise<JobagOrderView> {
  const { getToken } = tokens();
  const el = fixtureSync<JobagOrderView>(html`<jobag-order-view order-id="7" locale=${locale} base-url=${apiBase} .getToken=${getToken}></jobag-order-view>`);
  await waitUntil(() => el.shadowRoot!.querySelector('[part="summary"]'), 'the view never loaded');
  return el;
}

describe('Kopiér jobordre in <jobag-order-view>', () => {
  for (const locale of ['da', 'en']) {
    it(`opens the order form in place, prefilled; passed dates are left out (R2.4.2); the save sends copyOf and the copy opens (${locale})`, async () => {
      // The source started in the past and its deadline has passed.
      const source = order(7, { startDate: isoInDays(-3), responseDeadline: isoInDays(-1), positions: 4, description: 'Opvask til julefrokosterne.' });
      const sent: unknown[] = [];
      worker.use(
        http.get(api('/v1/job-orders/7'), () => HttpResponse.json(source, { headers: { etag: '"1"' } })),
        http.post(api('/v1/job-orders'), async ({ request }) => {
          const body = (await request.json()) as Record<string, unknown>;
          sent.push(body);
          return HttpResponse.json(order(12, { ...source, id: 12, startDate: isoToday(), responseDeadline: null }), { status: 201, headers: { etag: '"1"', location: '/v1/job-orders/12' } });
        }),
        http.get(api('/v1/job-orders/12'), () => HttpResponse.json(order(12, { startDate: isoToday(), responseDeadline: null, positions: 4 }), { headers: { etag: '"1"' } })),
      );
      const view = await mountView(locale);
      const copyEvent = oneEvent(view, 'jobag-order-copy');
      byId(view, 'copy').click();
      expect((await copyEvent).detail.id).to.equal(7);
      await view.updateComplete;
      const form = view.shadowRoot!.querySelector<JobagOrderForm>('jobag-order-form')!;
      expect(form.getAttribute('copy-of')).to.equal('7');
      await waitUntil(() => form.shadowRoot!.querySelector('form'), 'the copy form never loaded');
      const heading = text(form.shadowRoot!.querySelector('h2')!);
      expect(heading).to.equal(locale === 'da' ? 'Kopiér jobordre 7' : 'Copy job order 7');
      expect(byId<HTMLInputElement>(form, 'f-startDate').value, 'a passed start date becomes today').to.equal(isoToday());
      expect(byId<HTMLInputElement>(form, 'f-responseDeadline').value, 'a passed deadline is left out').to.equal('');
      expect(byId<HTMLInputElement>(form, 'f-positions').value).to.equal('4');
      expect(byId<HTMLTextAreaElement>(form, 'f-description').value).to.equal('Opvask til julefrokosterne.');
      await expectAccessible(view);
      const created = oneEvent(view, 'jobag-order-created');
      form.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
      expect((await created).detail.id).to.equal(12);
      expect(sent).to.have.length(1);
      const body = sent[0] as Record<string, unknown>;
      expect(body.copyOf).to.equal(7);
      expect(body.positions).to.equal(4);
      expect(body.responseDeadline ?? null).to.equal(null);
      await waitUntil(() => view.shadowRoot!.getElementById('view-heading'), 'the copy never opened');
      expect(view.orderId).to.equal(12);
      expect(text(byId(view, 'status-message'))).to.equal(locale === 'da' ? 'Jobordre 12 er oprettet som kopi af jobordre 7.' : 'Job order 12 was created as a copy of job order 7.');
      await expectAccessible(view);
    });
  }

  it('a host may copy elsewhere: preventing jobag-order-copy keeps the view; Fortryd in the copy form returns to the view', async () => {
    const view = await mountView('da');
    view.addEventListener('jobag-order-copy', (e) => e.preventDefault(), { once: true });
    byId(view, 'copy').click();
    await view.updateComplete;
    expect(view.shadowRoot!.querySelector('jobag-order-form')).to.equal(null);
    byId(view, 'copy').click();
    await view.updateComplete;
    const form = view.shadowRoot!.querySelector<JobagOrderForm>('jobag-order-form')!;
    await waitUntil(() => form.shadowRoot!.querySelector('form'), 'the copy form never loaded');
    [...form.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === 'Fortryd')!.click();
    await waitUntil(() => byId(view, 'copy'), 'Fortryd never returned to the view');
    expect(view.shadowRoot!.activeElement!.id).to.equal('copy');
  });
});

describe('the close reason', () => {
  for (const locale of ['da', 'en']) {
    it(`closing asks why; Andet needs a note; the reason is sent and shown (${locale})`, async () => {
      const sent: unknown[] = [];
      worker.use(
        http.post(api('/v1/job-orders/7/status'), async ({ request }) => {
          sent.push(await request.json());
          return HttpResponse.json(order(7, { status: 'closed', closeReason: 'other', version: 2 }), { headers: { etag: '"2"' } });
        }),
      );
      const view = await mountView(locale);
      choose(byId(view, 'new-status'), 'closed');
      await view.updateComplete;
      expect(byId(view, 'close-reason'), 'Lukkeårsag appears when closing').to.exist;
      byId(view, 'change-status').click();
      await view.updateComplete;
      expect(view.shadowRoot!.activeElement!.id).to.equal('close-reason');
      expect(text(view.shadowRoot!.querySelector('[part="error"]')!)).to.equal(locale === 'da' ? 'Vælg en lukkeårsag.' : 'Choose a reason for closing.');
      expect(byId(view, 'close-reason').getAttribute('aria-invalid')).to.equal('true');
      await expectAccessible(view);
      choose(byId(view, 'close-reason'), 'other');
      byId(view, 'change-status').click();
      await view.updateComplete;
      expect(view.shadowRoot!.activeElement!.id, 'Andet asks for the note').to.equal('status-note');
      const note = byId<HTMLTextAreaElement>(view, 'status-note');
      note.value = 'Afdelingen lukker.';
      note.dispatchEvent(new Event('input'));
      byId(view, 'change-status').click();
      await view.updateComplete;
      byId(view, 'confirm-yes').click();
      await waitUntil(() => sent.length === 1 && byId(view, 'status-message').textContent, 'never sent');
      expect(sent[0]).to.deep.equal({ status: 'closed', note: 'Afdelingen lukker.', closeReason: 'other' });
      await view.updateComplete;
      const summary = Object.fromEntries([...view.shadowRoot!.querySelectorAll('[part="summary"] dt')].map((dt) => [text(dt), text(dt.nextElementSibling!)]));
      expect(locale === 'da' ? summary['Lukkeårsag'] : summary['Reason for closing']).to.equal(locale === 'da' ? 'Andet' : 'Other');
      expect(byId(view, 'close-reason'), 'no reason asked once closed').to.equal(null);
      await expectAccessible(view);
    });
  }
});

async function mountCandidates(locale: string, placementId: number | null = null): Promise<JobagCandidates> {
  const { getToken } = tokens();
  const el = fixtureSync<JobagCandidates>(
    html`<jobag-candidates order-id="7" placement-id=${placementId ?? ''} locale=${locale} base-url=${apiBase} .getToken=${getToken}></jobag-candidates>`,
  );
  await waitUntil(() => el.shadowRoot!.querySelector('[part="list"], [part="candidate-view"]'), 'the candidates never loaded');
  return el;
}

describe('outcomes in <jobag-candidates>', () => {
  const placements = () => [
    placement(1, { jobOrderId: 7, name: 'Mira Jensen', outcome: { outcome: 'hired', startDate: '2026-12-07', reason: null, at: '2026-12-02T10:00:00.000Z' } }),
    placement(2, { jobOrderId: 7, name: 'Ole Lund', outcome: { outcome: 'not_suitable', startDate: null, reason: 'language', at: '2026-12-02T10:00:00.000Z' } }),
    placement(3, { jobOrderId: 7, name: 'Pia Holm' }),
    placement(4, { jobOrderId: 7, name: 'Rasmus Bo', withdrawnAt: '2026-12-01T10:00:00.000Z' }),
  ];

  for (const locale of ['da', 'en']) {
    it(`each candidate shows its outcome; the company records one: Ansat needs the start date, the body fits the outcome (${locale})`, async () => {
      const sent: unknown[] = [];
      worker.use(
        http.get(api('/v1/job-orders/7/placements'), () => HttpResponse.json({ items: placements(), nextCursor: null })),
        http.post(api('/v1/job-orders/7/placements/3/outcome'), async ({ request }) => {
          const body = (await request.json()) as { outcome: 'hired'; startDate: string };
          sent.push(body);
          return HttpResponse.json(placement(3, { jobOrderId: 7, name: 'Pia Holm', outcome: { outcome: body.outcome, startDate: body.startDate, reason: null, at: new Date().toISOString() } }));
        }),
      );
      const el = await mountCandidates(locale);
      const marks = [...el.shadowRoot!.querySelectorAll('[part="outcome"]')].map(text);
      expect(marks).to.deep.equal(locale === 'da' ? ['Ansat fra 07.12.2026', 'Ikke relevant: Sprog'] : ['Hired from 07.12.2026', 'Not suitable: Language']);
      await expectAccessible(el);
      el.shadowRoot!.querySelector<HTMLButtonElement>('button[data-id="3"]')!.click();
      await waitUntil(() => byId(el, 'outcome'), 'no outcome form');
      choose(byId(el, 'outcome'), 'hired');
      await el.updateComplete;
      byId(el, 'save-outcome').click();
      await el.updateComplete;
      expect(el.shadowRoot!.activeElement!.id).to.equal('outcome-start');
      expect(byId(el, 'outcome-start').getAttribute('aria-invalid')).to.equal('true');
      expect(sent).to.have.length(0);
      await expectAccessible(el);
      const start = byId<HTMLInputElement>(el, 'outcome-start');
      start.value = '2027-01-04';
      start.dispatchEvent(new Event('input'));
      const recorded = oneEvent(el, 'jobag-outcome-recorded');
      byId(el, 'save-outcome').click();
      expect((await recorded).detail.outcome!.outcome).to.equal('hired');
      expect(sent).to.deep.equal([{ outcome: 'hired', startDate: '2027-01-04' }]);
      await el.updateComplete;
      expect(el.shadowRoot!.activeElement!.id).to.equal('outcome-message');
      expect(text(byId(el, 'outcome-message'))).to.contain(locale === 'da' ? 'Udfald for Pia Holm er gemt: Ansat fra 04.01.2027' : 'The outcome for Pia Holm is saved: Hired from 04.01.2027');
      await expectAccessible(el);
    });
  }

  it('Ikke relevant sends its optional reason only; a withdrawn candidate has no form; a 409 is told beside the form', async () => {
    const sent: unknown[] = [];
    worker.use(
      http.get(api('/v1/job-orders/7/placements'), () => HttpResponse.json({ items: placements(), nextCursor: null })),
      http.post(api('/v1/job-orders/7/placements/3/outcome'), async ({ request }) => {
        sent.push(await request.json());
        return problem(409, 'already-withdrawn', 'Placement 3 was withdrawn.', [{ path: 'placementId', code: 'already_withdrawn', message: 'Withdrawn.' }]);
      }),
    );
    const el = await mountCandidates('da', 3);
    // The form shows once the signed-in user is known to be the company's.
    await waitUntil(() => byId(el, 'outcome'), 'no outcome form');
    choose(byId(el, 'outcome'), 'not_suitable');
    await el.updateComplete;
    choose(byId(el, 'outcome-reason'), 'availability');
    byId(el, 'save-outcome').click();
    await waitUntil(() => el.shadowRoot!.getElementById('outcome-problem'), 'the refusal was never shown');
    expect(sent).to.deep.equal([{ outcome: 'not_suitable', reason: 'availability' }]);
    expect(text(byId(el, 'outcome-problem'))).to.equal('Kandidaten er allerede fjernet.');
    expect(el.shadowRoot!.activeElement!.id).to.equal('outcome');
    await expectAccessible(el);
    byId(el, 'back').click();
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[data-id="4"]')!.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="outcome-form"]'), 'no form for a withdrawn candidate').to.equal(null);
  });

  it('a jobcenter sees the outcome read-only: the server offers it no recordOutcome, so no form and no 403 beside one', async () => {
    const asked: string[] = [];
    worker.use(
      // What the server answers the jobcenter that placed the candidate: it may withdraw, not record the outcome.
      http.get(api('/v1/job-orders/7/placements'), () => HttpResponse.json({ items: placements().slice(0, 1).map((p) => ({ ...p, actions: ['withdraw' as const] })), nextCursor: null })),
      http.post(api('/v1/job-orders/7/placements/1/outcome'), ({ request }) => {
        asked.push(request.url);
        return problem(403, 'forbidden', 'Only the company records outcomes.');
      }),
    );
    for (const locale of ['da', 'en']) {
      const { getToken } = tokens();
      const provider = fixtureSync<JobagProvider>(html`<jobag-provider base-url=${apiBase} .getToken=${getToken} locale=${locale}>
        <jobag-candidates order-id="7" placement-id="1"></jobag-candidates>
      </jobag-provider>`);
      const el = provider.querySelector<JobagCandidates>('jobag-candidates')!;
      await waitUntil(() => el.shadowRoot?.querySelector('[part="candidate-view"]'), 'the candidate never loaded');
      await el.updateComplete;
      expect(text(el.shadowRoot!.querySelector('[part="candidate-view"] [part="outcome"]')!)).to.equal(locale === 'da' ? 'Udfald: Ansat fra 07.12.2026' : 'Outcome: Hired from 07.12.2026');
      expect(Boolean(el.shadowRoot!.querySelector('[part="outcome-form"]')), 'no form for a jobcenter').to.equal(false);
      await expectAccessible(el);
      provider.remove();
    }
    expect(asked).to.deep.equal([]);
  });
});

describe('the placement log describes outcomes, close reasons and copies', () => {
  it('an outcome and a withdrawal naming the candidate first, a close reason and a copy in words (da)', async () => {
    worker.use(
      http.get(api('/v1/job-orders/7/log'), () =>
        HttpResponse.json({
          items: [
            logEntry(1, { orderId: 7, action: 'created', description: '', copyOf: 3 }),
            // The server's description of an outcome is the candidate's name; of a withdrawal, the name and the reason.
            logEntry(2, { orderId: 7, action: 'outcome', description: 'Mira Jensen', placementId: 5, outcome: { outcome: 'hired', startDate: '2026-12-07', reason: null } }),
            logEntry(3, { orderId: 7, action: 'outcome', description: 'Bo Lund', placementId: 6, outcome: { outcome: 'not_suitable', startDate: null, reason: 'lacking_experience' } }),
            logEntry(4, { orderId: 7, action: 'changed', status: 'closed', closeReason: 'filled_by_placement', description: 'Tak for hjælpen.' }),
            logEntry(5, { orderId: 7, action: 'withdrawn', description: 'Amir Haddad: Fik andet job.', placementId: 7 }),
          ],
          nextCursor: null,
        }),
      ),
    );
    const { getToken } = tokens();
    const el = fixtureSync<JobagPlacementLog>(html`<jobag-placement-log order-id="7" base-url=${apiBase} .getToken=${getToken}></jobag-placement-log>`);
    await waitUntil(() => el.shadowRoot!.querySelectorAll('tbody tr').length === 5, 'the log never loaded');
    const rows = [...el.shadowRoot!.querySelectorAll('tbody tr')].map((r) => [...r.querySelectorAll('td')].slice(1, 3).map((td) => text(td)));
    expect(rows).to.deep.equal([
      ['Kopi af jobordre 3.', 'Oprettet'],
      ['Mira Jensen Ansat. Start 07.12.2026.', 'Udfald'],
      ['Bo Lund Ikke relevant. Mangler erfaring.', 'Udfald'],
      ['Status: Lukket. Lukkeårsag: Besat med formidlet kandidat. Tak for hjælpen.', 'Ændret'],
      ['Amir Haddad: Fik andet job.', 'Fjernet'],
    ]);
    await expectAccessible(el);
  });
});

describe('Jobcentrets resultater on <jobag-jobcenter-desk>', () => {
  const stats: PlacementStats = {
    jobcenter: { id: '101', name: 'Jobcenter København' },
    totals: { orders: 2, positions: 3, placements: 3, hires: 2, averageDaysToFirstPlacement: 4, fillRatePercent: 67 },
    items: [
      { orderId: 9, occupationTitle: 'Lagermedarbejder', companyName: 'Havnens Lager', status: 'open', positions: 1, createdAt: '2026-11-27T09:00:00.000Z', firstPlacementAt: '2026-12-02T10:00:00.000Z', daysToFirstPlacement: 5, placements: 1, hires: 1, fillRatePercent: 100 },
      { orderId: 7, occupationTitle: 'Køkkenmedhjælper', companyName: 'Nordlys Køkken ApS', status: 'closed', positions: 2, createdAt: '2026-11-27T09:00:00.000Z', firstPlacementAt: '2026-11-29T15:00:00.000Z', daysToFirstPlacement: 2, placements: 2, hires: 1, fillRatePercent: 50 },
    ],
    nextCursor: null,
  };

  for (const locale of ['da', 'en']) {
    it(`per order and in total: placements, hires, days to first placement, fill rate (${locale})`, async () => {
      worker.use(http.get(api('/v1/placement-stats'), () => HttpResponse.json(stats)));
      const { getToken } = tokens();
      const desk = fixtureSync<JobagJobcenterDesk>(html`<jobag-jobcenter-desk locale=${locale} base-url=${apiBase} .getToken=${getToken}></jobag-jobcenter-desk>`);
      await waitUntil(() => desk.shadowRoot!.querySelector('[part="stats"]'), 'the results never loaded');
      const table = desk.shadowRoot!.querySelector('[part="stats"]')!;
      const rows = [...table.querySelectorAll('tbody tr, tfoot tr')].map((r) => [...r.children].map((c) => text(c)));
      expect(rows).to.deep.equal(
        locale === 'da'
          ? [
              ['9 · Lagermedarbejder Havnens Lager', '1', '1', '5 dage', '100 %'],
              ['7 · Køkkenmedhjælper Nordlys Køkken ApS', '2', '1', '2 dage', '50 %'],
              ['I alt', '3', '2', '4 dage', '67 %'],
            ]
          : [
              ['9 · Lagermedarbejder Havnens Lager', '1', '1', '5 days', '100 %'],
              ['7 · Køkkenmedhjælper Nordlys Køkken ApS', '2', '1', '2 days', '50 %'],
              ['Total', '3', '2', '4 days', '67 %'],
            ],
      );
      await waitUntil(() => desk.shadowRoot!.querySelector('jobag-order-list')?.shadowRoot?.querySelector('tbody tr'), 'the list never loaded');
      await expectAccessible(desk);
    });
  }

  it('an own candidate\'s outcome shows on the opened order', async () => {
    worker.use(
      http.get(api('/v1/job-orders/7/placements'), () =>
        HttpResponse.json({ items: [placement(1, { jobOrderId: 7, name: 'Mira Jensen', outcome: { outcome: 'interviewed', startDate: null, reason: null, at: '2026-12-02T10:00:00.000Z' } })], nextCursor: null }),
      ),
    );
    const { getToken } = tokens();
    const desk = fixtureSync<JobagJobcenterDesk>(html`<jobag-jobcenter-desk order-id="7" base-url=${apiBase} .getToken=${getToken}></jobag-jobcenter-desk>`);
    await waitUntil(() => desk.shadowRoot!.querySelector('[part="placements"] [part="outcome"]'), 'no outcome shown');
    expect(text(desk.shadowRoot!.querySelector('[part="placements"] [part="outcome"]')!)).to.equal('Udfald: Til samtale');
    await expectAccessible(desk);
  });
});
