import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import type { JobOrderPage } from '../../sdk/index.ts';
import '../../widget/index.ts';
import type { JobagOrderList } from '../../widget/order-list.ts';
import { expectAccessible } from './support/a11y.ts';
import { api, apiBase, order, problem, startMocks, tokens, worker } from './support/mock-api.ts';
import { realBaseUrl, realToken } from './support/real-api.ts';

before(startMocks);
afterEach(() => worker.resetHandlers());

const rows = (el: JobagOrderList) => [...el.shadowRoot!.querySelectorAll('tbody tr')] as HTMLTableRowElement[];
const cells = (row: HTMLTableRowElement) => [...row.cells].map((c) => c.textContent!.trim());
const text = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
const headerButton = (el: JobagOrderList, key: string) => el.shadowRoot!.querySelector<HTMLButtonElement>(`button[data-sort="${key}"]`)!;
const sortedHeaders = (el: JobagOrderList) =>
  [...el.shadowRoot!.querySelectorAll('th[aria-sort]')].map((th) => `${th.querySelector('button')!.dataset.sort}:${th.getAttribute('aria-sort')}`);

async function standalone(attributes = ''): Promise<JobagOrderList> {
  const { getToken } = tokens();
  const el = await fixture<JobagOrderList>(html`<jobag-order-list base-url=${apiBase} .getToken=${getToken}></jobag-order-list>`);
  if (attributes) el.setAttribute(attributes.split('=')[0]!, attributes.split('=')[1]!);
  await waitUntil(() => rows(el).length > 0 || el.shadowRoot!.querySelector('.empty:not([aria-hidden]), [role="alert"]'), 'list never loaded');
  return el;
}

/** Records the query of every list request. */
function recordListQueries(page: (query: URLSearchParams) => JobOrderPage): URLSearchParams[] {
  const queries: URLSearchParams[] = [];
  worker.use(
    http.get(api('/v1/job-orders'), ({ request }) => {
      const query = new URL(request.url).searchParams;
      queries.push(query);
      return HttpResponse.json(page(query));
    }),
  );
  return queries;
}

describe('<jobag-order-list> with a mocked API', () => {
  it('R3.2, R9: shows the seven columns with Danish headings, dates 27.11.2026 and status labels', async () => {
    worker.use(
      http.get(api('/v1/job-orders'), () =>
        HttpResponse.json<JobOrderPage>({
          items: [
            order(3, { status: 'closed', occupation: { code: '512003', title: 'Køkkenchef' }, candidateCount: 2, updatedAt: '2026-11-27T23:30:00.000Z' }),
            order(2, { status: 'inactive', longTerm: true, contact: { contactPersonId: 2, name: 'Jonas Østergaard', email: 'j@x.dk', phone: null } }),
            order(1),
          ],
          nextCursor: null,
        }),
      ),
    );
    const el = await standalone();
    const headings = [...el.shadowRoot!.querySelectorAll('th')].map((th) => th.textContent!.trim());
    expect(headings).to.deep.equal(['Id▼', 'Jobtitel/Beskrivelse', 'Kontaktperson', 'Status', 'Seneste handling', 'Kandidater', 'Langvarig']);
    // 23:30 UTC on the 27th is already the 28th in Copenhagen (R8.1).
    expect(cells(rows(el)[0]!)).to.deep.equal(['3', 'Køkkenchef', 'Mette Hansen', 'Lukket', '28.11.2026', '2', 'Nej']);
    expect(cells(rows(el)[1]!)).to.deep.equal(['2', 'Køkkenmedhjælper', 'Jonas Østergaard', 'Midlertidig inaktiv', '27.11.2026', '0', 'Ja']);
    expect(cells(rows(el)[2]!)[3]).to.equal('Åben');
    expect(sortedHeaders(el)).to.deep.equal(['id:descending']);
  });

  it('R8.2, R8.3: passes axe (WCAG 2.1 A/AA) in Danish and in English', async () => {
    const el = await standalone();
    await expectAccessible(el);
    el.locale = 'en';
    await el.updateComplete;
    expect(text(el)).to.contain('Job title/Description').and.contain('Latest action').and.contain('Open');
    expect(el.shadowRoot!.querySelector('[lang]')!.getAttribute('lang')).to.equal('en');
    await expectAccessible(el);
  });

  it('R3.3: sorts on the server from the keyboard, ascending then descending, aria-sort on the sorted heading only', async () => {
    const queries = recordListQueries(() => ({ items: [order(2), order(1)], nextCursor: null }));
    const el = await standalone();
    queries.length = 0;
    el.shadowRoot!.querySelector<HTMLSelectElement>('#status-filter')!.focus();
    await sendKeys({ press: 'Tab' }); // the table's scroll region (a keyboard user scrolls it with the arrow keys)
    expect(el.shadowRoot!.activeElement).to.equal(el.shadowRoot!.querySelector('.scroll[role="region"]'));
    await sendKeys({ press: 'Tab' }); // Id
    await sendKeys({ press: 'Tab' }); // Jobtitel/Beskrivelse
    expect(el.shadowRoot!.activeElement).to.equal(headerButton(el, 'title'));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => queries.length === 1);
    expect(queries[0]!.get('sort')).to.equal('title');
    expect(queries[0]!.get('order')).to.equal('asc');
    await el.updateComplete;
    expect(sortedHeaders(el)).to.deep.equal(['title:ascending']);
    await waitUntil(() => el.shadowRoot!.querySelector('[role="status"]')!.textContent!.includes('Sorteret'));
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal('2 jobordrer vist. Sorteret efter Jobtitel/Beskrivelse, stigende.');
    // Focus stays on the heading while the new page loads, so pressing again reverses.
    expect(el.shadowRoot!.activeElement).to.equal(headerButton(el, 'title'));
    await sendKeys({ press: 'Space' });
    await waitUntil(() => queries.length === 2);
    expect(queries[1]!.get('order')).to.equal('desc');
    await el.updateComplete;
    expect(sortedHeaders(el)).to.deep.equal(['title:descending']);
    headerButton(el, 'updatedAt').click();
    await waitUntil(() => queries.length === 3);
    expect([queries[2]!.get('sort'), queries[2]!.get('order')]).to.deep.equal(['updatedAt', 'asc']);
  });

  it('R3.5: filters by status and says when nothing matches', async () => {
    const queries = recordListQueries((q) => (q.get('status') === 'closed' ? { items: [], nextCursor: null } : { items: [order(1)], nextCursor: null }));
    const el = await standalone();
    const select = el.shadowRoot!.querySelector<HTMLSelectElement>('#status-filter')!;
    select.value = 'closed';
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => el.shadowRoot!.querySelector('.empty'));
    expect(queries.at(-1)!.get('status')).to.equal('closed');
    expect(el.shadowRoot!.querySelector('.empty')!.textContent).to.equal('Der er ingen jobordrer med status Lukket.');
    await expectAccessible(el);
  });

  it('R3.1: "Vis flere" fetches the next page with the API\'s cursor and appends it', async () => {
    const queries = recordListQueries((q) =>
      q.get('cursor') === 'c2' ? { items: [order(1)], nextCursor: null } : { items: [order(3), order(2)], nextCursor: 'c2' },
    );
    const el = await standalone();
    el.pageSize = 2;
    await waitUntil(() => queries.some((q) => q.get('limit') === '2'));
    await waitUntil(() => el.shadowRoot!.querySelector('[part="more"]'), 'no "Vis flere"');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="more"]')!.click();
    await waitUntil(() => rows(el).length === 3);
    expect(queries.at(-1)!.get('cursor')).to.equal('c2');
    expect(queries.at(-1)!.get('limit')).to.equal('2');
    expect(rows(el).map((r) => r.dataset.id)).to.deep.equal(['3', '2', '1']);
    expect(el.shadowRoot!.querySelector('[part="more"]')).to.equal(null);
  });

  it('shows the empty and the loading state', async () => {
    // The answer waits until the test has seen the loading state.
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    worker.use(http.get(api('/v1/job-orders'), async () => {
      await answered;
      return HttpResponse.json({ items: [], nextCursor: null });
    }));
    const { getToken } = tokens();
    const el = await fixture<JobagOrderList>(html`<jobag-order-list base-url=${apiBase} .getToken=${getToken}></jobag-order-list>`);
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal('Henter jobordrer …');
    answer();
    await waitUntil(() => el.shadowRoot!.querySelector('.empty:not([aria-hidden])'));
    expect(text(el)).to.contain('Virksomheden har ingen jobordrer endnu.');
  });

  it('firstPage: the host\'s first page is shown at once, busy, until the list\'s own answer replaces it', async () => {
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const queries: URLSearchParams[] = [];
    worker.use(http.get(api('/v1/job-orders'), async ({ request }) => {
      queries.push(new URL(request.url).searchParams);
      await answered;
      return HttpResponse.json<JobOrderPage>({ items: [order(3), order(2)], nextCursor: 'c2' });
    }));
    const { getToken } = tokens();
    const firstPage = { query: { sort: 'id', order: 'desc', limit: 25 } as const, page: { items: [order(2)], nextCursor: 'old' } };
    const el = await fixture<JobagOrderList>(html`<jobag-order-list base-url=${apiBase} .getToken=${getToken} .firstPage=${firstPage}></jobag-order-list>`);
    await waitUntil(() => rows(el).length === 1, 'the first page was not shown');
    expect(el.shadowRoot!.querySelector('table')!.getAttribute('aria-busy')).to.equal('true');
    expect(el.shadowRoot!.querySelector('[part="more"]'), 'no "Vis flere" before the answer').to.equal(null);
    await waitUntil(() => queries.length === 1, 'the list did not ask the API itself');
    answer();
    await waitUntil(() => rows(el).length === 2, 'the answer did not replace the first page');
    expect(el.shadowRoot!.querySelector('table')!.getAttribute('aria-busy')).to.equal('false');
    expect(el.firstPage, 'used once').to.equal(undefined);
    // One given later is older than the rows shown: a reload does not show it.
    el.firstPage = { query: { sort: 'id', order: 'desc', limit: 25 }, page: { items: [order(1)], nextCursor: null } };
    el.reload();
    await el.updateComplete;
    expect(rows(el).map((r) => r.dataset.id)).to.deep.equal(['3', '2']);
    await waitUntil(() => queries.length === 2);
  });

  it('firstPage: ignored when it answers another query than the list asks', async () => {
    // The answer waits until the test has seen that the first page was not shown meanwhile.
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    worker.use(http.get(api('/v1/job-orders'), async () => {
      await answered;
      return HttpResponse.json<JobOrderPage>({ items: [order(3)], nextCursor: null });
    }));
    const { getToken } = tokens();
    const firstPage = { query: { sort: 'title', order: 'desc', limit: 25 } as const, page: { items: [order(2)], nextCursor: null } };
    const el = await fixture<JobagOrderList>(html`<jobag-order-list base-url=${apiBase} .getToken=${getToken} .firstPage=${firstPage}></jobag-order-list>`);
    await el.updateComplete;
    expect(rows(el).length).to.equal(0);
    answer();
    await waitUntil(() => rows(el).length === 1);
    expect(rows(el)[0]!.dataset.id).to.equal('3');
  });

  for (const [label, respond, message] of [
    ['401', () => problem(401, 'unauthorized', 'The token is not valid.'), 'Du er ikke logget ind'],
    ['500', () => problem(500, 'internal', 'Something went wrong on our side.'), 'Der opstod en fejl hos JobAG'],
    ['network down', () => HttpResponse.error(), 'Der er ingen forbindelse til JobAG'],
  ] as const) {
    it(`shows a ${label} as an error with "Prøv igen", which loads again`, async () => {
      let fail = true;
      worker.use(http.get(api('/v1/job-orders'), () => (fail ? respond() : HttpResponse.json({ items: [order(1)], nextCursor: null }))));
      const el = await standalone();
      const alert = el.shadowRoot!.querySelector('[role="alert"]')!;
      expect(alert.textContent).to.contain('Jobordrerne kunne ikke hentes.').and.contain(message);
      await expectAccessible(el);
      fail = false;
      alert.querySelector('button')!.click();
      await waitUntil(() => rows(el).length === 1);
    });
  }

  it('R3.4: the title fires jobag-order-open with the id and does not navigate', async () => {
    const el = await standalone();
    const link = rows(el)[0]!.querySelector('a')!;
    const opened = oneEvent(el, 'jobag-order-open');
    const click = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true });
    link.dispatchEvent(click);
    const event = await opened;
    expect(event.detail).to.deep.equal({ id: 2, href: null });
    expect(event.composed && event.bubbles).to.equal(true);
    expect(click.defaultPrevented, 'the link is not followed').to.equal(true);
  });

  it('R3.4: href-template makes the title a real link; the host may still route it itself', async () => {
    const el = await standalone();
    el.hrefTemplate = '/orders/{id}';
    await el.updateComplete;
    const link = rows(el)[0]!.querySelector('a')!;
    expect(link.getAttribute('href')).to.equal('/orders/2');
    el.addEventListener('jobag-order-open', (event) => event.preventDefault(), { once: true });
    const opened = oneEvent(el, 'jobag-order-open');
    const click = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true });
    link.dispatchEvent(click);
    expect((await opened).detail).to.deep.equal({ id: 2, href: '/orders/2' });
    expect(click.defaultPrevented, 'the host routed it itself').to.equal(true);
  });

  it('says it is not connected without base-url/getToken or a provider', async () => {
    const el = await fixture<JobagOrderList>(html`<jobag-order-list></jobag-order-list>`);
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('base-url og getToken');
  });
});

describe('<jobag-order-list> against the real API', () => {
  it('R1.2, R3.1, R3.3: shows the company\'s demo orders only and sorts them by Id from the keyboard', async () => {
    const el = await fixture<JobagOrderList>(html`<jobag-order-list base-url=${realBaseUrl} .getToken=${realToken(2)}></jobag-order-list>`);
    await waitUntil(() => rows(el).length >= 3, 'no orders from the real API', { timeout: 5000 });
    const titles = rows(el).map((r) => cells(r)[1]);
    expect(titles).to.include.members(['Køkkenmedhjælper', 'Kok', 'Køkkenchef']);
    expect(titles).to.not.include('Lagermedarbejder'); // Havnens Lager's order
    const ids = rows(el).map((r) => Number(r.dataset.id));
    expect(ids).to.deep.equal([...ids].sort((a, b) => b - a));
    headerButton(el, 'id').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => sortedHeaders(el)[0] === 'id:ascending' && el.shadowRoot!.querySelector('table[aria-busy="false"]'));
    const ascending = rows(el).map((r) => Number(r.dataset.id));
    expect(ascending).to.deep.equal([...ascending].sort((a, b) => a - b));
    expect(ascending[0]).to.equal(1);
    await expectAccessible(el);
  });
});
