// Outcomes, close reasons and copies on the real app (this page's origin), two sides at once: the company's page (provider,
// view, log, candidates) and Jobcenter København's desk (its results in the list, the order opened,
// its candidates read-only), beside Jobcenter Aarhus's desk. København places a candidate → the
// company records Ansat with a start date → the desk shows the outcome and its numbers change live
// (within 2 s, through /v1/events); Aarhus sees none of it (R8.4). The company closes the order
// with a reason → both logs say it. Kopiér jobordre → the form opens prefilled → saved → the view
// shows the new order and its log says it is a copy. axe in da and en on each new state.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { addDays, todayInCopenhagen } from '../../sdk/index.ts';
import '../../widget/index.ts';
import type { JobagCandidates } from '../../widget/candidates.ts';
import type { JobagJobcenterDesk } from '../../widget/jobcenter-desk.ts';
import type { JobagOrderForm } from '../../widget/order-form.ts';
import type { JobagOrderView } from '../../widget/order-view.ts';
import type { JobagPlacementLog } from '../../widget/placement-log.ts';
import type { JobagProvider } from '../../widget/provider.ts';
import { expectAccessible } from './support/a11y.ts';
import { createCompanyOrder, caseworkerToken, otherJobcenterToken, realBaseUrl, realToken } from './support/real-api.ts';
import { streamsOpen, streamsOpened } from './support/streams.ts';

const text = (node: Element | ShadowRoot | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const byId = <T extends HTMLElement>(el: Element, id: string) => el.shadowRoot!.getElementById(id) as T;
const choose = (select: HTMLSelectElement, value: string) => {
  select.value = value;
  select.dispatchEvent(new Event('change'));
};
const type = (control: HTMLInputElement | HTMLTextAreaElement, value: string) => {
  control.value = value;
  control.dispatchEvent(new Event('input'));
};
/** dd.mm.yyyy, as the widgets show a date. */
const shown = (iso: string) => iso.split('-').reverse().join('.');

/** A fresh open order of the company's (R3.5: only an open order takes placements), two positions. */
const createOrder = (description: string) => createCompanyOrder(description, 2);

/** axe on each element, in Danish and in English (R8.2, R8.3); the providers go back to Danish. */
async function accessibleInBoth(providers: JobagProvider[], elements: Element[], english: () => boolean): Promise<void> {
  for (const locale of ['da', 'en'] as const) {
    for (const provider of providers) provider.locale = locale;
    await Promise.all(providers.map((p) => p.updateComplete));
    if (locale === 'en') await waitUntil(english, 'the elements never switched to English', { timeout: 3000 });
    for (const el of elements) await expectAccessible(el);
  }
  for (const provider of providers) provider.locale = 'da';
  await Promise.all(providers.map((p) => p.updateComplete));
}

/** The desk's results row of one order: [placements, hires, days, fill rate], or null without one. */
function statsRow(desk: JobagJobcenterDesk, orderId: number): string[] | null {
  const row = desk.shadowRoot!.querySelector(`[part="stats"] tr[data-order="${orderId}"]`);
  return row ? [...row.querySelectorAll('td')].map((td) => text(td)) : null;
}

function statsTotal(desk: JobagJobcenterDesk): { placements: number; hires: number } | null {
  const row = desk.shadowRoot!.querySelector('[part="stats-total"]');
  if (!row) return null;
  const [placements, hires] = [...row.querySelectorAll('td')].map((td) => Number(text(td)));
  return { placements: placements!, hires: hires! };
}

describe('on the real app: outcomes, close reasons and Kopiér jobordre, company and jobcenters side by side', () => {
  it('R4.4, R5, R8.4: the company records Ansat; København\'s desk shows it and its results change live; Aarhus sees nothing; close with a reason; copy', async function () {
    this.timeout(60_000);
    const id = await createOrder(`Opvask, udfald ${Date.now()}.`);
    const mark = streamsOpened();

    // The company's page, as the example portal composes it (its host follows a copy, as portal.js does).
    const company = await fixture<JobagProvider>(html`<jobag-provider base-url=${realBaseUrl} .getToken=${realToken(1)}>
      <jobag-order-view order-id=${id}></jobag-order-view>
      <jobag-placement-log order-id=${id}></jobag-placement-log>
      <jobag-candidates order-id=${id}></jobag-candidates>
    </jobag-provider>`);
    const view = company.querySelector<JobagOrderView>('jobag-order-view')!;
    const log = company.querySelector<JobagPlacementLog>('jobag-placement-log')!;
    const people = company.querySelector<JobagCandidates>('jobag-candidates')!;
    view.addEventListener('jobag-order-created', (event) => {
      log.orderId = event.detail.id;
      people.orderId = event.detail.id;
    });

    // København's caseworker: the desk's list with Jobcentrets resultater, the order opened on a
    // second desk, and the candidates element as a jobcenter sees it.
    const kk = await fixture<JobagProvider>(html`<jobag-provider base-url=${realBaseUrl} .getToken=${caseworkerToken('Lars Holm')}>
      <jobag-jobcenter-desk id="kk-list"></jobag-jobcenter-desk>
      <jobag-jobcenter-desk id="kk-order" order-id=${id}></jobag-jobcenter-desk>
      <jobag-candidates order-id=${id}></jobag-candidates>
    </jobag-provider>`);
    const kkList = kk.querySelector<JobagJobcenterDesk>('#kk-list')!;
    const kkOrder = kk.querySelector<JobagJobcenterDesk>('#kk-order')!;
    const kkPeople = kk.querySelector<JobagCandidates>('jobag-candidates')!;
    const kkLog = () => kkOrder.shadowRoot!.querySelector<JobagPlacementLog>('jobag-placement-log');

    // Aarhus's caseworker, with the same order open.
    const aar = await fixture<JobagProvider>(html`<jobag-provider base-url=${realBaseUrl} .getToken=${otherJobcenterToken()}>
      <jobag-jobcenter-desk order-id=${id}></jobag-jobcenter-desk>
    </jobag-provider>`);
    const aarDesk = aar.querySelector<JobagJobcenterDesk>('jobag-jobcenter-desk')!;
    const aarLog = () => aarDesk.shadowRoot!.querySelector<JobagPlacementLog>('jobag-placement-log');

    await waitUntil(
      () =>
        view.shadowRoot!.querySelector('[part="summary"]') &&
        log.shadowRoot!.querySelector('tbody tr') &&
        people.shadowRoot!.querySelector('h2') &&
        kkList.shadowRoot!.querySelector('[part="stats"], [part="stats-empty"]') &&
        kkOrder.shadowRoot!.querySelector('[part="place-form"]') &&
        kkLog()?.shadowRoot!.querySelector('tbody tr') &&
        aarLog()?.shadowRoot!.querySelector('tbody tr'),
      'the three pages never loaded',
      { timeout: 10_000 },
    );
    expect(statsRow(kkList, id), 'no results for an order København has not placed on').to.equal(null);
    const before = statsTotal(kkList) ?? { placements: 0, hires: 0 };
    // The three providers' streams are open before anything changes.
    await streamsOpen(mark, 3);

    // København places a candidate through its desk (R5.1): the company sees it and the results gain a row, live.
    const name = `Mira Udfald ${Date.now()}`;
    const d = kkOrder.shadowRoot!;
    type(d.getElementById('candidate-name') as HTMLInputElement, name);
    type(d.getElementById('candidate-birth-year') as HTMLInputElement, '1994');
    type(d.getElementById('candidate-phone') as HTMLInputElement, '+45 22 33 44 55');
    type(d.getElementById('candidate-description') as HTMLTextAreaElement, 'Mira har stået i opvask i to år.');
    let started = Date.now();
    (d.getElementById('place') as HTMLButtonElement).click();
    await waitUntil(
      () => text(people.shadowRoot).includes(name) && statsRow(kkList, id)?.slice(0, 2).join() === '1,0',
      'the placement never reached the company and the results live',
      { timeout: 2000, interval: 50 },
    );
    expect(Date.now() - started, 'placement → company and results').to.be.below(2000);
    expect(statsRow(kkList, id)).to.deep.equal(['1', '0', '0 dage', '0 %']);

    // The company opens the candidate: the outcome form is its own.
    people.shadowRoot!.querySelector<HTMLButtonElement>('[part="candidate-link"]')!.click();
    await waitUntil(() => byId(people, 'outcome'), 'the company has no outcome form', { timeout: 5000 });
    choose(byId(people, 'outcome'), 'hired');
    await people.updateComplete;
    const startDate = addDays(todayInCopenhagen(), 14);
    type(byId<HTMLInputElement>(people, 'outcome-start'), startDate);
    await people.updateComplete;
    started = Date.now();
    byId(people, 'save-outcome').click();
    const hired = `Ansat fra ${shown(startDate)}`;
    await waitUntil(() => text(byId(people, 'outcome-message')).includes(hired), 'the outcome was never saved', { timeout: 5000 });

    // Live on København's side within 2 s: the desk's own candidate, its results, the candidates element.
    await waitUntil(
      () =>
        text(kkOrder.shadowRoot!.querySelector('[part="placements"] [part="outcome"]')) === `Udfald: ${hired}` &&
        statsRow(kkList, id)?.slice(0, 2).join() === '1,1' &&
        text(kkPeople.shadowRoot).includes(hired) &&
        text(kkLog()?.shadowRoot).includes(`Ansat. Start ${shown(startDate)}.`),
      'the outcome did not reach the desk live',
      { timeout: 2000, interval: 50 },
    );
    expect(Date.now() - started, 'outcome → desk, results and log').to.be.below(2000);
    expect(statsRow(kkList, id)).to.deep.equal(['1', '1', '0 dage', '50 %']);
    const after = statsTotal(kkList)!;
    // Other tests may place for København meanwhile; this one's own adds at least one of each.
    expect(after.placements).to.be.at.least(before.placements + 1);
    expect(after.hires).to.be.at.least(before.hires + 1);
    await waitUntil(() => text(log.shadowRoot).includes(`Ansat. Start ${shown(startDate)}.`), 'the company\'s log never said Udfald', { timeout: 2000 });

    // The placing jobcenter sees the outcome read-only: no form, so no 403 beside one.
    kkPeople.shadowRoot!.querySelector<HTMLButtonElement>('[part="candidate-link"]')!.click();
    await waitUntil(() => kkPeople.shadowRoot!.querySelector('[part="candidate-view"]'), 'the jobcenter never opened the candidate');
    expect(text(kkPeople.shadowRoot!.querySelector('[part="candidate-view"] [part="outcome"]'))).to.equal(`Udfald: ${hired}`);
    // Once the signed-in user is known and the element has rendered after it, the form had its chance.
    await kk.me;
    await kkPeople.updateComplete;
    // (A boolean: chai would spend minutes describing an element in a failure message.)
    expect(Boolean(kkPeople.shadowRoot!.querySelector('[part="outcome-form"]')), 'no outcome form for a jobcenter').to.equal(false);

    // R8.4: Aarhus placed nobody here; none of it reaches its desk — not the candidate, not the outcome.
    expect(text(aarLog()!.shadowRoot)).to.not.contain('Udfald').and.not.contain(name);
    expect(text(aarDesk.shadowRoot)).to.not.contain(name);
    expect(Boolean(aarDesk.shadowRoot!.querySelector('[part="placements"]')), 'Aarhus has no own candidates on it').to.equal(false);
    aarDesk.shadowRoot!.getElementById('back')!.click();
    await waitUntil(() => aarDesk.shadowRoot!.querySelector('[part="stats"], [part="stats-empty"]'), 'Aarhus\'s results never loaded', { timeout: 5000 });
    expect(statsRow(aarDesk, id), 'not in Aarhus\'s results').to.equal(null);

    await accessibleInBoth([company, kk], [people, kkList, kkOrder, kkPeople], () =>
      text(people.shadowRoot).includes('Hired from') && text(kkList.shadowRoot).includes('The jobcenter\'s results') && text(kkOrder.shadowRoot).includes('Outcome: Hired from'),
    );

    // The company closes the order: Behovet er bortfaldet. Both logs say it.
    await waitUntil(() => (view as unknown as { order?: { version: number } }).order !== undefined, 'the view has no order');
    await waitUntil(() => text(view.shadowRoot!.querySelector('[part="summary"]')).includes('1'), 'the view never counted the candidate');
    const r = view.shadowRoot!;
    choose(r.getElementById('new-status') as HTMLSelectElement, 'closed');
    await view.updateComplete;
    choose(r.getElementById('close-reason') as HTMLSelectElement, 'no_longer_needed');
    await view.updateComplete;
    (r.getElementById('change-status') as HTMLButtonElement).click();
    await view.updateComplete;
    (r.getElementById('confirm-yes') as HTMLButtonElement).click();
    await waitUntil(() => text(r.getElementById('status-message')).includes('Lukket'), 'the order was never closed', { timeout: 5000 });
    const closed = 'Status: Lukket. Lukkeårsag: Behovet er bortfaldet.';
    await waitUntil(() => text(log.shadowRoot).includes(closed) && text(kkLog()?.shadowRoot).includes(closed), 'the logs never said why it closed', {
      timeout: 2000,
    });
    const summary = Object.fromEntries([...r.querySelectorAll('[part="summary"] dt')].map((dt) => [text(dt), text(dt.nextElementSibling)]));
    expect(summary['Lukkeårsag']).to.equal('Behovet er bortfaldet');
    await accessibleInBoth([company, kk], [view, log, kkOrder], () => text(log.shadowRoot).includes('Reason for closing: No longer needed.'));

    // Kopiér jobordre: the form opens in place, prefilled; saved, the view shows the copy with a new id.
    (r.getElementById('copy') as HTMLButtonElement).click();
    await view.updateComplete;
    const form = r.querySelector<JobagOrderForm>('jobag-order-form')!;
    expect(form.getAttribute('copy-of')).to.equal(String(id));
    await waitUntil(() => form.shadowRoot!.querySelector('form'), 'the copy form never loaded', { timeout: 5000 });
    expect(text(form.shadowRoot!.querySelector('h2'))).to.equal(`Kopiér jobordre ${id}`);
    expect(byId<HTMLTextAreaElement>(form, 'f-description').value).to.match(/^Opvask, udfald \d+\.$/);
    expect(byId<HTMLInputElement>(form, 'f-positions').value).to.equal('2');
    await accessibleInBoth([company], [form], () => text(form.shadowRoot!.querySelector('h2')).startsWith('Copy job order'));
    form.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitUntil(() => view.orderId !== id && r.getElementById('view-heading'), 'the copy never opened', { timeout: 5000 });
    const copy = view.orderId!;
    expect(copy).to.be.greaterThan(id);
    expect(text(r.getElementById('status-message'))).to.equal(`Jobordre ${copy} er oprettet som kopi af jobordre ${id}.`);
    expect(text(r.getElementById('view-heading'))).to.contain(`Jobordre ${copy}`);
    expect(text(r.querySelector('[part="summary"]'))).to.contain('Åben');
    await waitUntil(() => log.orderId === copy && text(log.shadowRoot).includes(`Kopi af jobordre ${id}.`), 'the copy\'s log never said it is a copy', { timeout: 5000 });
    await waitUntil(() => text(people.shadowRoot).includes('Alle formidlede kandidater'), 'the candidates never followed the copy');
    expect(text(people.shadowRoot), 'a copy has no candidates of its own').to.not.contain(name);
    await accessibleInBoth([company], [view, log], () => text(log.shadowRoot).includes(`Copy of job order ${id}.`));
  });
});
