// The jobcenter desk (R1.4, R1.5, R5, R8.4): with msw for its states and the server's refusals,
// and against the real app with a caseworker's token beside the company's own elements. Pages are
// mounted with fixtureSync: fixture waits for a frame, which a background test tab never paints.
import { expect, fixtureSync, html, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import '../../widget/index.ts';
import type { JobagJobcenterDesk } from '../../widget/jobcenter-desk.ts';
import type { JobagOrderList } from '../../widget/order-list.ts';
import { expectAccessible } from './support/a11y.ts';
import { api, apiBase, order, placement, problem, pushEvent, logEntry, openStreams, startMocks, tokens, worker } from './support/mock-api.ts';
import { createCompanyOrder, caseworkerToken, realBaseUrl, realToken } from './support/real-api.ts';
import { streamsOpen, streamsOpened } from './support/streams.ts';
/** waitUntil with room for a loaded machine: a request and its render can take more than its default second. */
const until: typeof waitUntil = (condition, message, options) => waitUntil(condition, message, { timeout: 5000, ...options });

before(startMocks);
afterEach(async () => {
  worker.resetHandlers();
    await setViewport({ width: 800, height: 600 });
});

const text = (node: Element | ShadowRoot) => node.textContent!.replace(/\s+/g, ' ').trim();
const root = (desk: JobagJobcenterDesk) => desk.shadowRoot!;
const list = (desk: JobagJobcenterDesk) => root(desk).querySelector<JobagOrderList>('jobag-order-list')!;

function type(desk: JobagJobcenterDesk, id: string, value: string): void {
  const control = root(desk).getElementById(id) as HTMLInputElement | HTMLTextAreaElement;
  control.value = value;
  control.dispatchEvent(new Event('input', { bubbles: true }));
}

/** The placement form with a candidate who lives at Hemmeligvej 13 (before address protection is chosen). */
function fillCandidate(desk: JobagJobcenterDesk, name: string): void {
  type(desk, 'candidate-name', name);
  type(desk, 'candidate-birth-year', '1990');
  type(desk, 'candidate-street', 'Hemmeligvej 13');
  type(desk, 'candidate-postal-code', '2200');
  type(desk, 'candidate-city', 'København N');
  type(desk, 'candidate-phone', '+45 31 41 59 26');
  type(desk, 'candidate-description', 'Sofie kan starte med det samme.');
}

function click(desk: JobagJobcenterDesk, id: string): void {
  (root(desk).getElementById(id) as HTMLElement).click();
}

async function deskOnList(locale = 'da'): Promise<JobagJobcenterDesk> {
  const { getToken } = tokens();
  const desk = fixtureSync<JobagJobcenterDesk>(html`<jobag-jobcenter-desk locale=${locale} base-url=${apiBase} .getToken=${getToken}></jobag-jobcenter-desk>`);
  await until(() => list(desk)?.shadowRoot?.querySelector('tbody tr'), 'the list never loaded');
  return desk;
}

async function deskOnOrder(locale = 'da'): Promise<JobagJobcenterDesk> {
  const { getToken } = tokens();
  const desk = fixtureSync<JobagJobcenterDesk>(html`<jobag-jobcenter-desk order-id="7" locale=${locale} base-url=${apiBase} .getToken=${getToken}></jobag-jobcenter-desk>`);
  await until(() => root(desk).querySelector('[part="summary"]'), 'the order never loaded');
  return desk;
}

describe('<jobag-jobcenter-desk> with a mocked API', () => {
  it('R1.4, R9: the scheme\'s orders with a company column; "Kun mine" asks for responsible=true; a title opens the order in place', async () => {
    const queries: URLSearchParams[] = [];
    worker.use(
      http.get(api('/v1/job-orders'), ({ request }) => {
        const query = new URL(request.url).searchParams;
        queries.push(query);
        if (query.get('responsible') === 'true') return HttpResponse.json({ items: [], nextCursor: null });
        return HttpResponse.json({ items: [order(7, { company: { cvr: '12345674', name: 'Havnens Bageri' } })], nextCursor: null });
      }),
    );
    const desk = await deskOnList();
    const headers = [...list(desk).shadowRoot!.querySelectorAll('th')].map((th) => text(th));
    expect(headers.slice(0, 3)).to.deep.equal(['Id▼', 'Jobtitel/Beskrivelse', 'Virksomhed']);
    expect(text(list(desk).shadowRoot!.querySelector('tbody tr')!)).to.contain('Havnens Bageri');
    expect(queries[0]!.has('responsible')).to.equal(false);
    click(desk, 'mine');
    await until(() => list(desk).shadowRoot!.querySelector('[part="empty"]')?.textContent === 'Der er ingen jobordrer at vise.', 'Kun mine never asked for responsible=true');
    await expectAccessible(desk);
    click(desk, 'mine');
    await until(() => list(desk).shadowRoot!.querySelector('tbody tr'), 'all orders never came back');

    list(desk).shadowRoot!.querySelector<HTMLAnchorElement>('[part="order-link"]')!.click();
    await until(() => root(desk).querySelector('[part="summary"]'), 'the order never opened');
    expect(desk.orderId).to.equal(7);
    expect(text(root(desk).querySelector('[part="summary"]')!)).to.contain('Nordlys Køkken ApS').and.contain('Ikke udpeget endnu');
    await until(() => root(desk).activeElement?.id === 'order-heading', 'focus did not move to the opened order');
    click(desk, 'back');
    await until(() => list(desk)?.shadowRoot?.querySelector('tbody tr'), 'back never showed the list');
  });

  it('R1.5: appoint the tovholder with If-Match; a 403 (not responsible) is explained beside the form in Danish and English', async () => {
    const sent: { ifMatch: string | null; body: unknown }[] = [];
    let refuse = true;
    worker.use(
      http.put(api('/v1/job-orders/7/coordinator'), async ({ request }) => {
        sent.push({ ifMatch: request.headers.get('if-match'), body: await request.json() });
        if (refuse) return problem(403, 'not-responsible', 'Only the responsible jobcenter.');
        return HttpResponse.json({ name: 'Anna Berg', email: null, phone: null, appointedAt: null, jobcenter: { id: '101', name: 'Jobcenter København' } }, { headers: { etag: '"2"' } });
      }),
    );
    const desk = await deskOnOrder();
    click(desk, 'appoint');
    await desk.updateComplete;
    expect(text(root(desk).getElementById('coordinator-error')!)).to.equal('Udfyld Tovholderens navn.');
    expect(sent).to.have.length(0);
    type(desk, 'coordinator-name', 'Anna Berg');
    click(desk, 'appoint');
    await until(() => root(desk).getElementById('coordinator-error')?.textContent?.includes('ansvarlige'), 'no 403 message');
    expect(text(root(desk).getElementById('coordinator-error')!)).to.equal('Kun det ansvarlige jobcenter kan gøre dette.');
    expect(sent[0]).to.deep.equal({ ifMatch: '"1"', body: { name: 'Anna Berg', email: null, phone: null } });
    desk.locale = 'en';
    click(desk, 'appoint');
    await until(() => sent.length === 2 && root(desk).getElementById('coordinator-error')?.textContent?.includes('responsible'), 'no English 403 message');
    refuse = false;
    click(desk, 'appoint');
    await until(() => root(desk).getElementById('coordinator-message'), 'no confirmation');
    expect(text(root(desk).getElementById('coordinator-message')!)).to.equal('Anna Berg is appointed coordinator.');
  });

  it('R5.2, R8.4, R2.4.5, R3.5: address protection clears the address and never sends it; 409s explained; one Idempotency-Key per submitted form', async () => {
    const sent: { key: string | null; body: { candidate: Record<string, unknown> } }[] = [];
    const answers = [problem(409, 'order-not-open', 'Not open.'), problem(409, 'max-candidates-reached', 'Max reached.')];
    worker.use(
      http.post(api('/v1/job-orders/7/placements'), async ({ request }) => {
        sent.push({ key: request.headers.get('idempotency-key'), body: (await request.json()) as never });
        return answers.shift() ?? HttpResponse.json(placement(9, { name: 'Sofie Berg', address: undefined as never }), { status: 201 });
      }),
    );
    const desk = await deskOnOrder();
    fillCandidate(desk, 'Sofie Berg');
    click(desk, 'address-protected');
    await desk.updateComplete;
    for (const id of ['candidate-street', 'candidate-postal-code', 'candidate-city']) {
      const input = root(desk).getElementById(id) as HTMLInputElement;
      expect(input.value, id).to.equal('');
      expect(input.disabled, id).to.equal(true);
    }
    click(desk, 'place');
    await until(() => root(desk).getElementById('place-error'), 'no 409 message');
    expect(text(root(desk).getElementById('place-error')!)).to.equal('Jobordren er ikke åben, så der kan ikke formidles kandidater til den.');
    click(desk, 'place');
    await until(() => sent.length === 2 && root(desk).getElementById('place-error')?.textContent?.includes('højeste'), 'no max-candidates message');
    // The same form sent again is the same placement: the key is kept, so a lost answer never places twice.
    expect(sent[1]!.key).to.equal(sent[0]!.key);
    type(desk, 'candidate-description', 'Sofie kan starte mandag.');
    click(desk, 'place');
    await until(() => root(desk).getElementById('place-message'), 'no confirmation');
    expect(sent[2]!.key).to.be.a('string').and.not.equal(sent[0]!.key);
    expect(sent[2]!.body.candidate).to.deep.equal({
      name: 'Sofie Berg',
      birthYear: 1990,
      addressProtected: true,
      cvSearchable: false,
      email: null,
      phone: '+45 31 41 59 26',
      website: null,
    });
    expect(JSON.stringify(sent)).to.not.contain('Hemmeligvej');
    expect(text(root(desk).getElementById('place-message')!)).to.equal('Sofie Berg er formidlet.');
  });

  it('R5.3, R5.4: withdraw the jobcenter\'s own candidate and write a note; a live change reloads the order, announced politely', async () => {
    const calls: string[] = [];
    let coordinator: string | null = null;
    worker.use(
      http.get(api('/v1/job-orders/7'), () => HttpResponse.json(order(7, { coordinator, candidateCount: 1 }), { headers: { etag: '"1"' } })),
      http.get(api('/v1/job-orders/7/placements'), () => HttpResponse.json({ items: [placement(3, { jobOrderId: 7 })], nextCursor: null })),
      http.post(api('/v1/job-orders/7/placements/3/withdraw'), () => {
        calls.push('withdraw');
        return HttpResponse.json(placement(3, { withdrawnAt: '2026-11-27T12:00:00.000Z' }));
      }),
      http.post(api('/v1/job-orders/7/notes'), async ({ request }) => {
        calls.push(`note ${((await request.json()) as { text: string }).text}`);
        return HttpResponse.json(order(7), { status: 201 });
      }),
    );
    const desk = await deskOnOrder();
    await until(() => root(desk).querySelector('[part="withdraw"]'), 'no own candidate');
    (root(desk).querySelector('[part="withdraw"]') as HTMLButtonElement).click();
    await until(() => root(desk).getElementById('withdraw-yes'), 'no confirmation');
    click(desk, 'withdraw-yes');
    await until(() => root(desk).getElementById('withdraw-message'), 'no withdrawal message');
    expect(text(root(desk).getElementById('withdraw-message')!)).to.equal('Mira Jensen er fjernet.');
    type(desk, 'note-text', 'Vi ringer mandag.');
    click(desk, 'send-note');
    await until(() => root(desk).getElementById('note-message'), 'no note message');
    expect(calls).to.deep.equal(['withdraw', 'note Vi ringer mandag.']);

    await until(() => openStreams() >= 1, 'the desk never opened its stream');
    coordinator = 'Anna Berg';
    pushEvent(logEntry(40, { orderId: 7, orderVersion: 9, action: 'coordinator_appointed', description: 'Anna Berg', actor: { kind: 'jobcenter', name: 'Jobcenter København', person: null } }));
    await until(() => root(desk).getElementById('coordinator')?.textContent === 'Anna Berg', 'the live change never showed', { timeout: 2000 });
    expect(text(root(desk).querySelector('[aria-live="polite"]')!)).to.contain('Jobcenter København');
  });

  it('offers exactly the order\'s actions: another jobcenter\'s order has no tovholder or note form, a closed one no placement form', async () => {
    let answer = order(7, { responsibleJobcenter: { id: '751', name: 'Jobcenter Aarhus' }, actions: ['copy', 'place'] });
    worker.use(http.get(api('/v1/job-orders/7'), () => HttpResponse.json(answer, { headers: { etag: `"${answer.version}"` } })));
    const desk = await deskOnOrder();
    const shown = () => ({
      coordinator: Boolean(root(desk).querySelector('[part="coordinator-form"]')),
      place: Boolean(root(desk).querySelector('[part="place-form"]')),
      note: Boolean(root(desk).querySelector('[part="note-form"]')),
    });
    expect(shown()).to.deep.equal({ coordinator: false, place: true, note: false });
    expect(text(root(desk))).to.not.contain('Udpeg tovholder').and.not.contain('Send note');
    await expectAccessible(desk);
    // The responsible jobcenter on a closed order: it coordinates, but places no candidate.
    answer = order(7, { version: 2, status: 'closed', actions: ['copy', 'appointCoordinator', 'note'] });
    desk.revision++;
    await until(() => shown().coordinator, 'the closed order never loaded');
    expect(shown()).to.deep.equal({ coordinator: true, place: false, note: true });
    expect(text(root(desk))).to.not.contain('Formidl kandidat');
  });

  it('a refusal shows the message without the API\'s field path', async () => {
    worker.use(
      http.post(api('/v1/job-orders/7/notes'), () =>
        problem(403, 'not-responsible', 'Only the responsible jobcenter.', [{ path: 'Authorization', code: 'not_responsible', message: 'Only the responsible jobcenter.' }]),
      ),
    );
    const desk = await deskOnOrder();
    type(desk, 'note-text', 'Vi ringer mandag.');
    click(desk, 'send-note');
    await until(() => root(desk).getElementById('note-error'), 'no refusal');
    expect(text(root(desk).getElementById('note-error')!)).to.equal('Kun det ansvarlige jobcenter kan gøre dette.');
  });

  it('R5.3: "Fjern" asks first with an optional reason, starts on Fortryd, Escape cancels; after it focus moves to the next candidate, then the heading', async () => {
    const sent: unknown[] = [];
    const withdrawn = new Set<number>();
    const own = () => [3, 4].map((id) => placement(id, { jobOrderId: 7, name: id === 3 ? 'Mira Jensen' : 'Bo Lund', actions: withdrawn.has(id) ? [] : ['withdraw'], withdrawnAt: withdrawn.has(id) ? '2026-11-27T12:00:00.000Z' : null }));
    worker.use(
      http.get(api('/v1/job-orders/7/placements'), () => HttpResponse.json({ items: own(), nextCursor: null })),
      http.post(api('/v1/job-orders/7/placements/:pid/withdraw'), async ({ request, params }) => {
        sent.push(await request.json());
        withdrawn.add(Number(params.pid));
        return HttpResponse.json(own().find((p) => p.id === Number(params.pid))!);
      }),
    );
    const desk = await deskOnOrder();
    await until(() => root(desk).querySelectorAll('[part="withdraw"]').length === 2, 'no own candidates');
    const fjern = (id: number) => root(desk).querySelector<HTMLButtonElement>(`[part="withdraw"][data-id="${id}"]`);
    const active = () => root(desk).activeElement as HTMLElement | null;

    fjern(3)!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => root(desk).querySelector('[part="withdraw-confirm"]'), 'no confirmation');
    expect(text(root(desk).getElementById('withdraw-confirm-text')!)).to.equal('Vil du fjerne Mira Jensen fra jobordren?');
    expect(active()?.id, 'starts on the safe choice').to.equal('withdraw-no');
    await expectAccessible(desk);
    // Enter on the first focus cancels: nothing is withdrawn by pressing Enter twice.
    await sendKeys({ press: 'Enter' });
    await until(() => !root(desk).querySelector('[part="withdraw-confirm"]'), 'Fortryd never closed it');
    expect(active()).to.equal(fjern(3));
    await sendKeys({ press: 'Enter' });
    await until(() => root(desk).querySelector('[part="withdraw-confirm"]'), 'no confirmation again');
    (root(desk).getElementById('withdraw-reason') as HTMLTextAreaElement).focus();
    await sendKeys({ press: 'Escape' });
    await until(() => !root(desk).querySelector('[part="withdraw-confirm"]'), 'Escape never cancelled');
    expect(active(), 'back on the button that asked').to.equal(fjern(3));
    expect(sent).to.deep.equal([]);

    await sendKeys({ press: 'Enter' });
    await until(() => root(desk).getElementById('withdraw-reason'), 'no reason field');
    type(desk, 'withdraw-reason', 'Har fået andet arbejde.');
    click(desk, 'withdraw-yes');
    await until(() => root(desk).getElementById('withdraw-message'), 'no withdrawal message');
    expect(sent).to.deep.equal([{ reason: 'Har fået andet arbejde.' }]);
    await until(() => active() === fjern(4), 'focus never moved to the next candidate');
    expect(fjern(3)).to.equal(null);

    await sendKeys({ press: 'Enter' });
    await until(() => root(desk).getElementById('withdraw-yes'), 'no confirmation for the last one');
    click(desk, 'withdraw-yes');
    await until(() => active()?.id === 'own-heading', 'focus never moved to the list\'s heading');
    expect(sent).to.deep.equal([{ reason: 'Har fået andet arbejde.' }, {}]);
    expect(document.activeElement).to.equal(desk);
  });

  it('R8.3: keyboard only — Space checks address protection, Enter sends the tovholder form', async () => {
    const sent: unknown[] = [];
    worker.use(
      http.put(api('/v1/job-orders/7/coordinator'), async ({ request }) => {
        sent.push(await request.json());
        return HttpResponse.json({ name: 'Anna Berg', email: null, phone: null, appointedAt: null, jobcenter: { id: '101', name: 'Jobcenter København' } });
      }),
    );
    const desk = await deskOnOrder();
    type(desk, 'candidate-street', 'Hemmeligvej 13');
    (root(desk).getElementById('address-protected') as HTMLInputElement).focus();
    await sendKeys({ press: 'Space' });
    await desk.updateComplete;
    expect((root(desk).getElementById('address-protected') as HTMLInputElement).checked).to.equal(true);
    expect((root(desk).getElementById('candidate-street') as HTMLInputElement).value).to.equal('');
    (root(desk).getElementById('coordinator-name') as HTMLInputElement).focus();
    await sendKeys({ type: 'Anna Berg' });
    await sendKeys({ press: 'Enter' });
    await until(() => root(desk).getElementById('coordinator-message'), 'Enter did not send the form');
    expect(sent).to.deep.equal([{ name: 'Anna Berg', email: null, phone: null }]);
  });

  it('R8.2, R8.3: axe clean in Danish and English, light and dark, at 320 px; fields reflow', async function () {
    this.timeout(30_000); // axe over the whole desk, four times, on a shared machine
    await setViewport({ width: 320, height: 640 });
    for (const [locale, scheme] of [['da', 'light'], ['en', 'dark'], ['da', 'dark'], ['en', 'light']] as const) {
      const { getToken } = tokens();
      const page = fixtureSync<HTMLElement>(html`<div style="color-scheme: ${scheme}; background: ${scheme === 'dark' ? '#121212' : '#fff'}">
        <jobag-jobcenter-desk order-id="7" locale=${locale} base-url=${apiBase} .getToken=${getToken}></jobag-jobcenter-desk>
      </div>`);
      const desk = page.querySelector('jobag-jobcenter-desk')!;
      await until(() => root(desk).querySelector('[part="summary"]'), 'the order never loaded');
      await expectAccessible(page);
      expect(desk.scrollWidth, `${locale} ${scheme} fits 320 px`).to.be.at.most(320);
    }
  });
});

describe('<jobag-jobcenter-desk> against the real app', () => {
  const companyOrder = () => createCompanyOrder('Opvask, fra skrivebordet.');

  it('R5.2, R8.4: a caseworker places a candidate with address protection; the company\'s candidates show it live, the address nowhere in the DOM', async function () {
    this.timeout(30_000);
    const id = await companyOrder();
    const mark = streamsOpened();
    const page = fixtureSync<HTMLDivElement>(html`<div>
      <jobag-provider base-url=${realBaseUrl} .getToken=${caseworkerToken('Lars Holm')}><jobag-jobcenter-desk order-id=${id}></jobag-jobcenter-desk></jobag-provider>
      <jobag-provider base-url=${realBaseUrl} .getToken=${realToken(1)}><jobag-candidates order-id=${id}></jobag-candidates></jobag-provider>
    </div>`);
    const desk = page.querySelector('jobag-jobcenter-desk')!;
    const people = page.querySelector('jobag-candidates')!;
    await until(() => root(desk).querySelector('[part="summary"]') && people.shadowRoot!.querySelector('h2'), 'the elements never loaded', { timeout: 5000 });
    // Both providers' streams are open before anything changes.
    await streamsOpen(mark, 2);
    const name = `Sofie Skjult ${Date.now()}`;
    fillCandidate(desk, name);
    click(desk, 'address-protected');
    await desk.updateComplete;
    click(desk, 'place');
    await until(() => root(desk).getElementById('place-message'), `not placed: ${root(desk).getElementById('place-error')?.textContent}`, { timeout: 5000 });
    await until(() => text(people.shadowRoot!).includes(name), 'the company never saw the candidate live', { timeout: 2000, interval: 50 });
    [...people.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="candidate-link"]')].find((b) => b.textContent === name)!.click();
    await people.updateComplete;
    expect(text(people.shadowRoot!)).to.contain('1990').and.contain('+45 31 41 59 26');
    const everything = [desk, people, ...root(desk).querySelectorAll('*')].map((el) => el.shadowRoot?.innerHTML ?? '').join('') + document.body.innerHTML;
    expect(everything).to.not.contain('Hemmeligvej');
    for (const input of root(desk).querySelectorAll('input')) expect(input.value).to.not.contain('Hemmeligvej');
    await expectAccessible(page);
  });

  it('R1.5, R4.1: a caseworker appoints the tovholder; the company\'s order view shows the name live', async function () {
    this.timeout(30_000);
    const id = await companyOrder();
    const mark = streamsOpened();
    const page = fixtureSync<HTMLDivElement>(html`<div>
      <jobag-provider base-url=${realBaseUrl} .getToken=${caseworkerToken('Lars Holm')}><jobag-jobcenter-desk order-id=${id}></jobag-jobcenter-desk></jobag-provider>
      <jobag-provider base-url=${realBaseUrl} .getToken=${realToken(1)}><jobag-order-view order-id=${id}></jobag-order-view></jobag-provider>
    </div>`);
    const desk = page.querySelector('jobag-jobcenter-desk')!;
    const view = page.querySelector('jobag-order-view')!;
    await until(() => root(desk).querySelector('[part="summary"]') && view.shadowRoot!.querySelector('[part="summary"]'), 'the elements never loaded', { timeout: 5000 });
    expect(text(view.shadowRoot!)).to.contain('Ikke udpeget endnu');
    await streamsOpen(mark, 2);
    type(desk, 'coordinator-name', 'Anna Tovholder');
    click(desk, 'appoint');
    await until(() => root(desk).getElementById('coordinator-message'), `not appointed: ${root(desk).getElementById('coordinator-error')?.textContent}`, { timeout: 5000 });
    await until(() => text(view.shadowRoot!).includes('Anna Tovholder'), 'the order view never showed the tovholder', { timeout: 2000, interval: 50 });
    expect(root(desk).getElementById('coordinator')!.textContent).to.equal('Anna Tovholder');
  });
});
