// What a page says about a change, said once and only while it holds (R8.4, WCAG 4.1.3): a change
// made on this page is told by the element that made it, not again by the others when the live
// stream brings its copy; and what was said of one order is gone when another opens.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import '../../widget/index.ts';
import type { JobagProvider } from '../../widget/provider.ts';
import { api, apiBase, endStreams, logEntry, openStreams, order, pushEvent, startMocks, tokens, worker } from './support/mock-api.ts';

before(startMocks);
afterEach(() => {
  worker.resetHandlers();
  endStreams();
});

const said = (el: Element) => [...el.shadowRoot!.querySelectorAll('[aria-live="polite"]')].map((p) => p.textContent!.trim()).join(' ');

async function page() {
  let version = 1;
  worker.use(
    http.get(api('/v1/job-orders'), () => HttpResponse.json({ items: [order(7, { version })], nextCursor: null })),
    http.get(api('/v1/job-orders/7'), () => HttpResponse.json(order(7, { version, status: version > 1 ? 'inactive' : 'open' }), { headers: { etag: `"${version}"` } })),
    http.post(api('/v1/job-orders/7/status'), () => {
      version = 2;
      return HttpResponse.json(order(7, { version: 2, status: 'inactive' }), { headers: { etag: '"2"' } });
    }),
  );
  const { getToken } = tokens();
  const provider = await fixture<JobagProvider>(html`
    <jobag-provider base-url=${apiBase} .getToken=${getToken}>
      <jobag-order-list></jobag-order-list>
      <jobag-order-view order-id="7"></jobag-order-view>
      <jobag-placement-log order-id="7"></jobag-placement-log>
    </jobag-provider>
  `);
  const [list, view, log] = ['jobag-order-list', 'jobag-order-view', 'jobag-placement-log'].map((tag) => provider.querySelector(tag)!);
  await waitUntil(() => view!.shadowRoot!.getElementById('new-status') && log!.shadowRoot!.querySelector('tbody tr') && list!.shadowRoot!.querySelector('tbody tr'), 'the page never loaded');
  await waitUntil(() => openStreams() === 1, 'no stream');
  return { list: list!, view: view!, log: log! };
}

/** Changes order 7's status to Midlertidig inaktiv through the view's form and its confirmation. */
async function changeStatus(view: Element) {
  const root = view.shadowRoot!;
  const select = root.getElementById('new-status') as HTMLSelectElement;
  select.value = 'inactive';
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await (view as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
  (root.getElementById('change-status') as HTMLButtonElement).click();
  await waitUntil(() => root.getElementById('confirm-yes'), 'no confirmation');
  (root.getElementById('confirm-yes') as HTMLButtonElement).click();
  await waitUntil(() => root.getElementById('status-message')?.textContent?.trim(), 'no status message');
}

describe('said once, and only while it holds', () => {
  it('R8.4: a status change made here is said by the view alone; the stream\'s copy updates the list and the log without saying it again', async () => {
    const { list, view, log } = await page();
    await changeStatus(view);
    expect(view.shadowRoot!.getElementById('status-message')!.textContent!.trim()).to.equal('Status er ændret til Midlertidig inaktiv.');

    pushEvent(logEntry(61, { orderId: 7, orderVersion: 2, action: 'changed', status: 'inactive' }));
    await waitUntil(() => log.shadowRoot!.querySelectorAll('tbody tr').length === 2, 'the log never showed the change');
    expect(said(list), 'the list does not announce our own change as someone else\'s').to.equal('');
    expect(said(log), 'nor does the log').to.equal('');
    expect(said(view)).to.equal('');

    // A change made elsewhere is still announced.
    pushEvent(logEntry(62, { orderId: 7, orderVersion: 3, action: 'note', description: 'Vi ringer i morgen.', actor: { kind: 'jobcenter', name: 'Jobcenter København', person: 'Lars Holm' } }));
    await waitUntil(() => said(log) !== '', 'the log never announced a change made elsewhere');
    await waitUntil(() => said(list).includes('Jobcenter København'), 'the list never announced a change made elsewhere');
  });

  it('opening another order clears what was said of the last one', async () => {
    const { view } = await page();
    await changeStatus(view);
    pushEvent(logEntry(62, { orderId: 7, orderVersion: 3, action: 'note', actor: { kind: 'jobcenter', name: 'Jobcenter København', person: 'Lars Holm' } }));
    await waitUntil(() => said(view) !== '', 'the view never announced a change made elsewhere');

    view.setAttribute('order-id', '8');
    await waitUntil(() => view.shadowRoot!.textContent!.includes('8'), 'order 8 never opened');
    await (view as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    expect(view.shadowRoot!.getElementById('status-message')?.textContent?.trim() ?? '', 'no status notice of order 7').to.equal('');
    expect(said(view), 'no announcement of order 7').to.equal('');
  });
});
