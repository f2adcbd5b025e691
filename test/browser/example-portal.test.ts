// End to end: the example portal page (its built bundle, its strict CSP, its own token route) on
// the real API, driven like a user: create an order, find it in the list, sort, open it.
import { expect, waitUntil } from '@open-wc/testing';
import type { JobagOrderForm } from '../../widget/order-form.ts';
import type { JobagOrderList } from '../../widget/order-list.ts';
import type { JobagJobcenterDesk } from '../../widget/jobcenter-desk.ts';
import { button, field, options, root } from './support/form-driver.ts';
import { openPageFrame } from './support/page-frame.ts';
import { createCompanyOrder } from './support/real-api.ts';

const openPortal = async (path = '/examples/', width = 1200) => (await openPageFrame(path, width)).doc;

/** "Status på jobordre" in the order view, confirmed (R4.2, R7.5). */
async function changeStatus(view: Element & { updateComplete: Promise<boolean> }, status: string, note: string): Promise<void> {
  const r = view.shadowRoot!;
  const select = r.getElementById('new-status') as HTMLSelectElement;
  select.value = status;
  select.dispatchEvent(new Event('change'));
  if (status === 'closed') {
    // The view asks why an order is closed.
    await view.updateComplete;
    const reason = r.getElementById('close-reason') as HTMLSelectElement;
    reason.value = 'filled_by_placement';
    reason.dispatchEvent(new Event('change'));
  }
  const text = r.getElementById('status-note') as HTMLTextAreaElement;
  text.value = note;
  text.dispatchEvent(new Event('input'));
  (r.getElementById('change-status') as HTMLButtonElement).click();
  await view.updateComplete;
  (r.getElementById('confirm-yes') as HTMLButtonElement).click();
  await waitUntil(() => r.getElementById('status-message')?.textContent, 'the status never changed', { timeout: 10_000 });
}

const rowIds = (list: JobagOrderList) => [...list.shadowRoot!.querySelectorAll<HTMLTableRowElement>('tbody tr')].map((r) => Number(r.dataset.id));
const sortButton = (list: JobagOrderList, key: string) => list.shadowRoot!.querySelector<HTMLButtonElement>(`button[data-sort="${key}"]`)!;
const input = (el: JobagOrderForm, path: string, value: string) => {
  const control = field<HTMLInputElement | HTMLTextAreaElement>(el, path);
  control.value = value;
  control.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
};

describe('the example portal (examples/portal) end to end', () => {
  // Each page's live stream holds one of the six connections the browser gives this origin
  // (HTTP/1.1), which later tests' pages, and other test files running beside, need.
  afterEach(() => {
    for (const frame of document.querySelectorAll('iframe')) frame.remove();
  });

  it('R1.2, R2.1.2, R2.2, R2.7, R3.3, R3.4: create an order through the form, see it in the list, sort, open it', async () => {
    const doc = await openPortal();
    const violations: string[] = [];
    doc.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`));
    expect(doc.documentElement.lang).to.equal('da');
    const list = doc.querySelector('jobag-order-list') as JobagOrderList;
    const form = doc.querySelector('jobag-order-form') as JobagOrderForm;
    await waitUntil(() => rowIds(list).length >= 3, 'the portal\'s list never loaded', { timeout: 10_000 });
    // Lit's styles arrive as adopted style sheets, which the strict CSP allows.
    expect(list.shadowRoot!.adoptedStyleSheets.length).to.be.greaterThan(0);
    // The page names the list's and the provider's chunks (and the runtime) for the browser to fetch
    // beside the loader, from the build's manifest; each of them was then fetched exactly once.
    const preloads = [...doc.querySelectorAll<HTMLLinkElement>('link[rel=modulepreload]')].map((link) => new URL(link.href).pathname);
    expect(preloads.some((path) => /^\/dist\/chunks\/runtime-.+\.js$/.test(path))).to.equal(true, preloads.join());
    expect(preloads.some((path) => /^\/dist\/chunks\/order-list-.+\.js$/.test(path))).to.equal(true, preloads.join());
    const fetched = (doc.defaultView!.performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((entry) => new URL(entry.name).pathname);
    for (const path of preloads) expect(fetched.filter((name) => name === path).length).to.equal(1, path);

    // Sign in as Havnens Lager's contact person: no other test writes that company's orders.
    const companyAIds = rowIds(list);
    const user = doc.getElementById('user') as HTMLSelectElement;
    user.value = '3';
    user.dispatchEvent(new Event('change'));
    await waitUntil(() => rowIds(list).length > 0 && !rowIds(list).some((id) => companyAIds.includes(id)), 'the list did not switch company', { timeout: 10_000 });

    // R2.2: quick start carries the text into the form.
    const quickStart = doc.getElementById('quick-start-text') as HTMLTextAreaElement;
    quickStart.value = 'Afløser i opvasken til julefrokosterne.';
    (doc.getElementById('start-order') as HTMLButtonElement).click();
    await waitUntil(() => root(form).querySelector('form'), 'the form never showed', { timeout: 10_000 });
    expect((doc.getElementById('form-section') as HTMLElement).hidden).to.equal(false);
    await waitUntil(() => field<HTMLTextAreaElement>(form, 'description')?.value === 'Afløser i opvasken til julefrokosterne.');

    input(form, 'occupationCode', 'opvask');
    await waitUntil(() => options(form).includes('Opvasker'), 'no suggestions', { timeout: 5000 });
    root(form).querySelector<HTMLElement>('[role="option"]')!.click();
    await form.updateComplete;
    expect(field(form, 'occupationCode').value).to.equal('Opvasker');
    // R2.1.2: Vejle's jobcenter has not signed up, so the portal user must choose one.
    expect(field<HTMLSelectElement>(form, 'responsibleJobcenterId').value).to.equal('');
    const jobcenter = field<HTMLSelectElement>(form, 'responsibleJobcenterId');
    jobcenter.value = '751';
    jobcenter.dispatchEvent(new Event('change'));
    button(form, 'Opret').click();
    await waitUntil(() => root(form).querySelector('[part="receipt"]'), 'no receipt', { timeout: 10_000 });
    const id = Number(root(form).querySelector('[part="receipt"] dd')!.textContent);
    expect(root(form).querySelector('[part="receipt"]')!.textContent).to.contain('Kvittering').and.contain('Opvasker');
    expect(quickStart.value, 'the portal cleared its quick start').to.equal('');

    // R2.8, R3.1: the newest order has the highest id and shows up first in the list.
    await waitUntil(() => rowIds(list)[0] === id, 'the list did not show the new order', { timeout: 10_000 });

    // R3.3: sort by Id ascending, then descending again.
    const ascending = (ids: number[]) => ids.length > 1 && ids.every((id, i) => i === 0 || ids[i - 1]! < id);
    sortButton(list, 'id').click();
    await waitUntil(() => ascending(rowIds(list)) && list.shadowRoot!.querySelector('table[aria-busy="false"]'), 'no ascending sort', { timeout: 5000 });
    expect(rowIds(list).at(-1)).to.equal(id);
    expect(sortButton(list, 'id').closest('th')!.getAttribute('aria-sort')).to.equal('ascending');
    sortButton(list, 'title').click();
    await waitUntil(() => list.shadowRoot!.querySelector('th[aria-sort="ascending"] button[data-sort="title"]'));
    expect(list.shadowRoot!.querySelectorAll('th[aria-sort]')).to.have.length(1);
    sortButton(list, 'id').click();
    await waitUntil(() => ascending(rowIds(list)) && list.shadowRoot!.querySelector('table[aria-busy="false"]'));
    sortButton(list, 'id').click();
    await waitUntil(() => rowIds(list)[0] === id && list.shadowRoot!.querySelector('table[aria-busy="false"]'), 'no descending sort', { timeout: 5000 });

    // R3.4, R4: open it; the portal shows the order view, the formidlingslog and the candidates in the page.
    list.shadowRoot!.querySelector<HTMLAnchorElement>(`tbody tr[data-id="${id}"] a`)!.click();
    const view = doc.querySelector('jobag-order-view')!;
    const log = doc.querySelector('jobag-placement-log')!;
    const people = doc.querySelector('jobag-candidates')!;
    await waitUntil(() => view.shadowRoot!.querySelector('[part="summary"]') && log.shadowRoot!.querySelector('tbody tr') && people.shadowRoot!.querySelector('h2'), 'the order did not open', {
      timeout: 10_000,
    });
    expect((doc.getElementById('order-section') as HTMLElement).hidden).to.equal(false);
    expect(view.shadowRoot!.querySelector('h2')!.textContent).to.contain(`Jobordre ${id}: Opvasker`);
    expect(people.shadowRoot!.querySelector('h2')!.textContent).to.equal('Alle formidlede kandidater');

    // R4.2, R7.5: status with a note; the log says Ændret.
    await changeStatus(view, 'inactive', 'Pause til januar.');
    await waitUntil(() => log.shadowRoot!.textContent!.includes('Ændret') && log.shadowRoot!.textContent!.includes('Pause til januar.'), 'the log never said Ændret', { timeout: 5000 });

    // R8.2: the portal's language switch reaches the widgets.
    const locale = doc.getElementById('locale') as HTMLSelectElement;
    locale.value = 'en';
    locale.dispatchEvent(new Event('change'));
    await waitUntil(() => list.shadowRoot!.querySelector('caption')?.textContent === 'Job orders');
    expect(people.shadowRoot!.querySelector('h2')!.textContent).to.equal('All placed candidates');
    expect(doc.documentElement.lang).to.equal('en');
    expect(violations, 'no Content-Security-Policy violations').to.deep.equal([]);
  });

  it('the page carries its first widget token, so the first requests need no token round trip; later tokens come from the portal\'s backend', async () => {
    // The page is made for its signed-in person: never cached.
    const page = await fetch('/examples/');
    expect(page.headers.get('cache-control')).to.equal('no-store');
    const html = await page.text();
    expect(html).to.match(/<meta name="jobag-token" content="[^"]+" data-contact-person-id="1" \/>/);
    // And the list's first page as that person sees it, which the list shows until its own answer.
    const embedded = /<script type="application\/json" id="jobag-first-orders" data-contact-person-id="1">([^<]*)<\/script>/.exec(html);
    expect(embedded, 'the first page is in the page').to.not.equal(null);
    const first = JSON.parse(embedded![1]!) as { query: Record<string, unknown>; page: { items: { id: number }[] } };
    expect(first.query).to.deep.equal({ sort: 'id', order: 'desc', limit: 25 });
    expect(first.page.items.length).to.be.greaterThan(0);

    const doc = await openPortal();
    const list = doc.querySelector('jobag-order-list') as JobagOrderList;
    await waitUntil(() => rowIds(list).length >= 3, 'the portal\'s list never loaded', { timeout: 10_000 });
    const entries = () => (doc.defaultView!.performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((entry) => ({ path: new URL(entry.name).pathname, start: entry.startTime }));
    const firstOf = (pattern: RegExp) => entries().find((entry) => pattern.test(entry.path));
    expect(firstOf(/^\/examples\/token$/), 'no token request before the list').to.equal(undefined);
    expect(doc.querySelector('meta[name="jobag-token"]'), 'the page script took the token out of the page').to.equal(null);
    expect(doc.getElementById('jobag-first-orders'), 'and the first page').to.equal(null);
    expect(list.firstPage, 'the list used it').to.equal(undefined);
    // The hidden sections' elements are fetched after the list's first request (which now may
    // still be in flight when the first page's rows are shown: a resource is listed once answered).
    await waitUntil(() => firstOf(/^\/v1\/job-orders$/) && firstOf(/^\/dist\/chunks\/order-form-[\w-]+\.js$/), 'the list\'s request or the form\'s chunk never finished', { timeout: 10_000 });
    const listRequest = firstOf(/^\/v1\/job-orders$/)!;
    const formChunk = firstOf(/^\/dist\/chunks\/order-form-[\w-]+\.js$/)!;
    expect(listRequest, 'the list asked the API').to.not.equal(undefined);
    expect(formChunk, 'the hidden form was loaded').to.not.equal(undefined);
    expect(formChunk.start).to.be.greaterThan(listRequest.start);

    // A refresh (the token expired) asks the portal's backend for a new one.
    const provider = doc.querySelector('jobag-provider') as HTMLElement & { getToken: (options?: { refresh?: boolean }) => Promise<string> };
    const fresh = await provider.getToken({ refresh: true });
    expect(fresh).to.be.a('string').and.not.equal('');
    expect(firstOf(/^\/examples\/token$/), 'the refresh went to POST /examples/token').to.not.equal(undefined);
  });

  it('a newcomer finds the outcome form and Kopiér jobordre in the portal, and the guide on both pages', async function () {
    this.timeout(30_000);
    const doc = await openPortal();
    const violations: string[] = [];
    doc.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`));
    expect(doc.querySelectorAll('#try li')).to.have.length(4);
    expect(doc.getElementById('try')!.textContent).to.contain('Kopiér jobordre').and.contain('lukkeårsag').and.contain('udfald');
    const list = doc.querySelector('jobag-order-list') as JobagOrderList;
    await waitUntil(() => rowIds(list).length >= 3, 'the portal\'s list never loaded', { timeout: 10_000 });
    // The demo's Køkkenmedhjælper (oldest first, whatever other tests added), with its placed candidates.
    sortButton(list, 'id').click();
    const demoRow = () => [...list.shadowRoot!.querySelectorAll<HTMLTableRowElement>('tbody tr')].find((r) => r.textContent!.includes('Køkkenmedhjælper'));
    await waitUntil(() => list.shadowRoot!.querySelector('th[aria-sort="ascending"]') && demoRow(), 'no Køkkenmedhjælper in the list', { timeout: 5000 });
    demoRow()!.querySelector('a')!.click();
    const view = doc.querySelector('jobag-order-view')!;
    const people = doc.querySelector('jobag-candidates')!;
    await waitUntil(() => view.shadowRoot!.querySelector('[part="summary"]') && people.shadowRoot!.querySelector('[part="candidate-link"]'), 'the order did not open with its candidates', { timeout: 10_000 });
    // A candidate's name opens the outcome form (the company records outcomes).
    [...people.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="candidate-link"]')].find((b) => b.textContent === 'Amir Haddad')!.click();
    await waitUntil(() => people.shadowRoot!.querySelector('[part="outcome-form"] select#outcome'), 'no outcome form', { timeout: 5000 });
    const outcomeLabels = [...people.shadowRoot!.querySelectorAll<HTMLOptionElement>('#outcome option')].map((o) => o.textContent!.trim());
    expect(outcomeLabels).to.include.members(['Ansat', 'Til samtale', 'Ikke relevant', 'Mødte ikke op']);
    // Kopiér jobordre opens the form in place, prefilled; Fortryd leaves the demo data as it was.
    const copy = view.shadowRoot!.getElementById('copy') as HTMLButtonElement;
    expect(copy.textContent!.trim()).to.equal('Kopiér jobordre');
    copy.click();
    const form = () => view.shadowRoot!.querySelector<JobagOrderForm>('jobag-order-form');
    await waitUntil(() => form()?.shadowRoot!.querySelector('form'), 'the copy form never opened', { timeout: 5000 });
    expect(form()!.shadowRoot!.querySelector('h2')!.textContent).to.match(/^Kopiér jobordre \d+$/);
    expect(field<HTMLTextAreaElement>(form()!, 'description').value).to.contain('Opvask');
    button(form()!, 'Fortryd').click();
    await waitUntil(() => view.shadowRoot!.getElementById('copy'), 'Fortryd never returned to the order');

    const desk = await openPortal('/examples/desk.html');
    desk.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`));
    expect(desk.querySelectorAll('#try li')).to.have.length(3);
    const deskElement = desk.querySelector('jobag-jobcenter-desk') as JobagJobcenterDesk;
    await waitUntil(() => deskElement.shadowRoot!.querySelector('[part="stats"]'), 'the desk page never showed Jobcentrets resultater', { timeout: 10_000 });
    expect(violations, 'no Content-Security-Policy violations').to.deep.equal([]);
  });

  it('R1.5, R4.1, R4.4, R5.3, R7.5, R8.4: the portal and the jobcenter desk page side by side show each other\'s changes live', async function () {
    this.timeout(30_000);
    const id = await createCompanyOrder('Side om side.');
    const [portal, deskPage] = await Promise.all([openPortal('/examples/', 640), openPortal('/examples/desk.html', 640)]);
    const violations: string[] = [];
    for (const doc of [portal, deskPage]) doc.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`));

    const list = portal.querySelector('jobag-order-list') as JobagOrderList;
    await waitUntil(() => rowIds(list).includes(id), 'the portal never listed the order', { timeout: 10_000 });
    list.shadowRoot!.querySelector<HTMLAnchorElement>(`tbody tr[data-id="${id}"] a`)!.click();
    const view = portal.querySelector('jobag-order-view')!;
    const people = portal.querySelector('jobag-candidates')!;
    await waitUntil(() => view.shadowRoot!.querySelector('[part="summary"]') && people.shadowRoot!.querySelector('h2'), 'the portal never opened the order', { timeout: 10_000 });

    const desk = deskPage.querySelector('jobag-jobcenter-desk') as JobagJobcenterDesk;
    const deskList = () => desk.shadowRoot!.querySelector('jobag-order-list') as JobagOrderList | null;
    await waitUntil(() => deskList() && rowIds(deskList()!).includes(id), 'the desk never listed the order', { timeout: 10_000 });
    deskList()!.shadowRoot!.querySelector<HTMLAnchorElement>(`tbody tr[data-id="${id}"] a`)!.click();
    const d = () => desk.shadowRoot!;
    await waitUntil(() => d().querySelector('[part="summary"]'), 'the desk never opened the order', { timeout: 10_000 });
    // Both pages' live streams are open once both show a note made after they opened: notes are
    // made through the API until both pages show one (a note made before a stream opened is missed).
    const ready = 'Begge sider er klar';
    const bothShowANote = () => view.shadowRoot!.textContent!.includes(ready) && d().textContent!.includes(ready);
    const deadline = Date.now() + 10_000;
    for (let n = 1; !bothShowANote(); n++) {
      if (Date.now() > deadline) throw new Error('a page never showed a note live');
      const note = await fetch(`/v1/job-orders/${id}/notes`, {
        method: 'POST',
        headers: { authorization: 'Bearer demo_jobcenter_101', 'content-type': 'application/json' },
        body: JSON.stringify({ text: `${ready} (${n}).` }),
      });
      expect(note.ok, `the note was refused: ${note.status}`).to.equal(true);
      await waitUntil(bothShowANote, '', { timeout: 1000 }).catch(() => undefined);
    }

    const type = (fieldId: string, value: string) => {
      const control = d().getElementById(fieldId) as HTMLInputElement | HTMLTextAreaElement;
      control.value = value;
    };
    // The desk appoints the tovholder: the portal's view shows the name.
    type('coordinator-name', 'Lars Holm');
    (d().getElementById('appoint') as HTMLButtonElement).click();
    await waitUntil(() => view.shadowRoot!.textContent!.includes('Lars Holm'), 'the portal never showed the tovholder', { timeout: 5000 });
    // The desk places a protected candidate: the portal's candidates show the name, never the address.
    type('candidate-name', 'Sofie Side');
    type('candidate-birth-year', '1991');
    type('candidate-street', 'Hemmeligvej 13');
    (d().getElementById('address-protected') as HTMLInputElement).click();
    await desk.updateComplete;
    type('candidate-phone', '+45 31 41 59 26');
    type('candidate-description', 'Kan starte mandag.');
    (d().getElementById('place') as HTMLButtonElement).click();
    await waitUntil(() => people.shadowRoot!.textContent!.includes('Sofie Side'), 'the portal never showed the candidate', { timeout: 5000 });
    expect(people.shadowRoot!.innerHTML + portal.body.innerHTML).to.not.contain('Hemmeligvej');
    // The portal changes the status with a note: the desk shows it. First the view must have read the
    // order again after the placement (its live reload), or the change would carry the older ETag.
    await waitUntil(() => (view as unknown as { order?: { candidateCount: number } }).order?.candidateCount === 1, 'the portal\'s view never reloaded the order', { timeout: 5000 });
    await changeStatus(view as never, 'closed', 'Stillingen er besat.');
    await waitUntil(() => d().querySelector('[part="summary"]')!.textContent!.includes('Lukket') && d().textContent!.includes('Stillingen er besat.'), 'the desk never showed the status', { timeout: 5000 });
    expect(violations, 'no Content-Security-Policy violations').to.deep.equal([]);
  });
});
