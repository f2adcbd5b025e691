import { expect, fixture, fixtureSync, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import type { JobOrder } from '../../sdk/index.ts';
import '../../widget/index.ts';
import type { JobagOrderView } from '../../widget/order-view.ts';
import { expectAccessible } from './support/a11y.ts';
import { api, apiBase, logEntry, order, problem, pushEvent, startMocks, tokens, worker } from './support/mock-api.ts';

before(startMocks);
afterEach(async () => {
  worker.resetHandlers();
  await setViewport({ width: 800, height: 600 });
});

const root = (el: JobagOrderView) => el.shadowRoot!;
const text = (node: Element | ShadowRoot) => node.textContent!.replace(/\s+/g, ' ').trim();
const summary = (el: JobagOrderView) =>
  Object.fromEntries([...root(el).querySelectorAll('[part="summary"] dt')].map((dt) => [text(dt), text(dt.nextElementSibling!)]));
const byId = <T extends HTMLElement>(el: JobagOrderView, id: string) => root(el).getElementById(id) as T;

async function view(changes: Partial<JobOrder> = {}, attrs: { locale?: string } = {}): Promise<JobagOrderView> {
  worker.use(http.get(api('/v1/job-orders/7'), () => HttpResponse.json(order(7, changes), { headers: { etag: '"1"' } })));
  const { getToken } = tokens();
  const el = await fixture<JobagOrderView>(
    html`<jobag-order-view order-id="7" base-url=${apiBase} locale=${attrs.locale ?? 'da'} .getToken=${getToken}></jobag-order-view>`,
  );
  await waitUntil(() => root(el).querySelector('[part="summary"], [role="alert"]'), 'the view never loaded');
  return el;
}

describe('<jobag-order-view> with a mocked API', () => {
  it('offers exactly the order\'s actions: a jobcenter reading it may copy, not edit or change its status', async () => {
    const el = await view({ actions: ['copy', 'appointCoordinator', 'note', 'place'] });
    expect(Boolean(byId(el, 'copy')), 'Kopiér jobordre').to.equal(true);
    expect(byId(el, 'edit'), 'no Rediger jobordre').to.equal(null);
    expect(root(el).querySelector('[part="status-form"]'), 'no status form').to.equal(null);
    await expectAccessible(el);
    const company = await view({ actions: ['edit', 'changeStatus', 'copy'] });
    expect([Boolean(byId(company, 'edit')), Boolean(byId(company, 'copy')), Boolean(root(company).querySelector('[part="status-form"]'))]).to.deep.equal([true, true, true]);
  });

  it('R4.1, R9: the summary shows status, Oprettelsesdato, E-mail ved formidling, the latest note with date and author, Kontaktperson, Ansvarligt jobcenter and Tovholder', async () => {
    const el = await view({ latestNote: { text: 'Vi har fundet to kandidater.', at: '2026-11-26T10:00:00.000Z', by: 'Jobcenter København' } });
    expect(text(root(el).querySelector('h2')!)).to.equal('Jobordre 7: Køkkenmedhjælper');
    expect(summary(el)).to.deep.equal({
      Status: 'Åben',
      Oprettelsesdato: '20.11.2026',
      'E-mail ved formidling': 'Ja',
      'Seneste note': 'Vi har fundet to kandidater. 26.11.2026, Jobcenter København',
      Kontaktperson: 'Mette Hansen',
      'Ansvarligt jobcenter': 'Jobcenter København',
      Tovholder: 'Ikke udpeget endnu',
    });
    await expectAccessible(el);
  });

  it('R4.5: the details are the receipt\'s renderer: every term as created or last edited', async () => {
    const el = await view({ coordinator: 'Anna Berg' });
    expect(summary(el).Tovholder).to.equal('Anna Berg');
    const details = [...root(el).querySelectorAll('[part="details"] dt')].map((dt) => text(dt));
    expect(details).to.include.members(['Beskriv opgaven, der skal udføres', 'Job startdato', 'Arbejdssted', 'Kontaktperson', 'Svarmåde']);
    expect(text(root(el).querySelector('[part="details"]')!)).to.contain('Opvask og klargøring.').and.contain('Vesterbrogade 12');
  });

  it('R4.2, R7.5: "Status på jobordre" asks to confirm, sends the status and the note with If-Match and shows the result without a reload (keyboard only)', async () => {
    const sent: { body: unknown; ifMatch: string | null }[] = [];
    worker.use(
      http.post(api('/v1/job-orders/7/status'), async ({ request }) => {
        sent.push({ body: await request.json(), ifMatch: request.headers.get('if-match') });
        return HttpResponse.json(order(7, { status: 'closed', version: 2, latestNote: { text: 'Stillingen er besat.', at: new Date().toISOString(), by: 'Mette Hansen' } }), { headers: { etag: '"2"' } });
      }),
    );
    const el = await view();
    const changed = oneEvent(el, 'jobag-order-status-changed');
    byId<HTMLSelectElement>(el, 'new-status').focus();
    await sendKeys({ press: 'ArrowDown' }); // Midlertidig inaktiv
    await sendKeys({ press: 'ArrowDown' }); // Lukket
    await sendKeys({ press: 'Tab' });
    // Closing asks why: Lukkeårsag comes before the note.
    expect(root(el).activeElement!.id).to.equal('close-reason');
    await sendKeys({ press: 'ArrowDown' }); // Besat med formidlet kandidat
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Stillingen er besat.' });
    await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement!.id).to.equal('change-status');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(text(root(el).querySelector('[part="confirm"]')!)).to.contain('Vil du skifte status fra Åben til Lukket?');
    expect(root(el).activeElement!.id, 'focus on the confirmation, on its safe choice').to.equal('confirm-no');
    expect(sent, 'nothing sent before confirming').to.have.length(0);
    await expectAccessible(el);
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(root(el).activeElement!.id).to.equal('confirm-yes');
    await sendKeys({ press: 'Enter' });
    const event = await changed;
    expect(event.detail.status).to.equal('closed');
    expect(sent).to.deep.equal([{ body: { status: 'closed', note: 'Stillingen er besat.', closeReason: 'filled_by_placement' }, ifMatch: '"1"' }]);
    await el.updateComplete;
    expect(summary(el).Status).to.equal('Lukket');
    expect(summary(el)['Seneste note']).to.contain('Stillingen er besat.');
    expect(text(byId(el, 'status-message'))).to.equal('Status er ændret til Lukket.');
    expect(root(el).activeElement!.id).to.equal('status-message');
    expect(byId<HTMLTextAreaElement>(el, 'status-note').value).to.equal('');
  });

  it('R4.2: a 412 is handled as the form does: told, reload offered, the note kept and focused', async () => {
    let gets = 0;
    worker.use(
      http.get(api('/v1/job-orders/7'), () => ((gets += 1), HttpResponse.json(order(7, { version: gets, status: gets > 1 ? 'inactive' : 'open' }), { headers: { etag: `"${gets}"` } }))),
      http.post(api('/v1/job-orders/7/status'), () => problem(412, 'stale-version', 'The order has changed since you read it.')),
    );
    const { getToken } = tokens();
    const el = await fixture<JobagOrderView>(html`<jobag-order-view order-id="7" base-url=${apiBase} .getToken=${getToken}></jobag-order-view>`);
    await waitUntil(() => root(el).querySelector('[part="summary"]'));
    const select = byId<HTMLSelectElement>(el, 'new-status');
    select.value = 'closed';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    const reason = byId<HTMLSelectElement>(el, 'close-reason');
    reason.value = 'no_longer_needed';
    reason.dispatchEvent(new Event('change'));
    const note = byId<HTMLTextAreaElement>(el, 'status-note');
    note.value = 'Vi lukker.';
    note.dispatchEvent(new Event('input'));
    byId(el, 'change-status').click();
    await el.updateComplete;
    byId(el, 'confirm-yes').click();
    await waitUntil(() => root(el).querySelector('[part="conflict"]'), 'no conflict message');
    expect(text(root(el).querySelector('[part="conflict"]')!)).to.contain('Jobordren er ændret af en anden');
    await expectAccessible(el);
    root(el).querySelector<HTMLButtonElement>('[part="conflict"] button')!.click();
    await waitUntil(() => summary(el).Status === 'Midlertidig inaktiv', 'not reloaded');
    await el.updateComplete;
    expect(byId<HTMLTextAreaElement>(el, 'status-note').value).to.equal('Vi lukker.');
    expect(root(el).activeElement!.id).to.equal('status-note');
  });

  it('R4.2, R7: "Rediger jobordre" fires a cancelable jobag-order-edit; unprevented it opens the form in place, "Fortryd" comes back', async () => {
    const el = await view();
    el.addEventListener('jobag-order-edit', (event) => event.preventDefault(), { once: true });
    const first = oneEvent(el, 'jobag-order-edit');
    byId(el, 'edit').click();
    expect((await first).detail).to.deep.equal({ id: 7 });
    await el.updateComplete;
    expect(root(el).querySelector('jobag-order-form'), 'the host routes it itself').to.equal(null);
    byId(el, 'edit').click();
    await el.updateComplete;
    const form = root(el).querySelector('jobag-order-form')!;
    expect(form.orderId).to.equal(7);
    await waitUntil(() => form.shadowRoot!.querySelector('form'), 'the form never loaded');
    expect(text(form.shadowRoot!.querySelector('h2')!)).to.equal('Rediger jobordre');
    [...form.shadowRoot!.querySelectorAll('button')].find((b) => text(b) === 'Fortryd')!.click();
    await el.updateComplete;
    expect(root(el).querySelector('jobag-order-form')).to.equal(null);
    expect(root(el).activeElement!.id).to.equal('edit');
  });

  it('live: a change made elsewhere shows without a reload, is announced politely and leaves focus where it was', async () => {
    let version = 1;
    worker.use(
      http.get(api('/v1/job-orders/7'), () =>
        HttpResponse.json(order(7, { version, coordinator: version > 1 ? 'Anna Berg' : null }), { headers: { etag: `"${version}"` } }),
      ),
    );
    const { getToken } = tokens();
    const el = await fixture<JobagOrderView>(html`<jobag-order-view order-id="7" base-url=${apiBase} .getToken=${getToken}></jobag-order-view>`);
    await waitUntil(() => root(el).querySelector('[part="summary"]'));
    byId(el, 'status-note').focus();
    version = 2;
    const started = Date.now();
    await waitUntil(() => {
      pushEvent(logEntry(50, { orderId: 7, orderVersion: 2, action: 'coordinator_appointed', description: 'Anna Berg', actor: { kind: 'jobcenter', name: 'Jobcenter København', person: 'Lars Holm' } }));
      return summary(el).Tovholder === 'Anna Berg';
    }, 'the change never showed', { timeout: 2000, interval: 200 });
    expect(Date.now() - started).to.be.below(2000);
    const live = root(el).querySelector('[aria-live="polite"]')!;
    expect(text(live)).to.equal('Jobordren er opdateret: Tovholder udpeget (Jobcenter København).');
    expect(root(el).activeElement!.id, 'focus not stolen').to.equal('status-note');
  });

  for (const scheme of ['light', 'dark'] as const) {
    for (const locale of ['da', 'en'] as const) {
      it(`R8.2, R8.3: passes axe in ${locale}, ${scheme}, and reflows at 320 px`, async function () {
        this.timeout(30_000);
        await setViewport({ width: 320, height: 800 });
        worker.use(http.get(api('/v1/job-orders/7'), () => HttpResponse.json(order(7), { headers: { etag: '"1"' } })));
        const { getToken } = tokens();
        const page = fixtureSync<HTMLElement>(html`<div style="color-scheme: ${scheme}; background: ${scheme === 'dark' ? '#121212' : '#fff'}">
          <jobag-order-view order-id="7" base-url=${apiBase} locale=${locale} .getToken=${getToken}></jobag-order-view>
        </div>`);
        const el = page.querySelector('jobag-order-view')!;
        await waitUntil(() => root(el).querySelector('[part="summary"]'));
        if (locale === 'en') expect(text(root(el))).to.contain('Job order status').and.contain('Not appointed yet').and.contain('Note to the jobcenter');
        await expectAccessible(page);
        expect(document.documentElement.scrollWidth).to.be.at.most(320);
      });
    }
  }

  it('says the order was not found (404) and offers to try again', async () => {
    worker.use(http.get(api('/v1/job-orders/7'), () => problem(404, 'not-found', 'Job order 7 was not found.')));
    const { getToken } = tokens();
    const el = await fixture<JobagOrderView>(html`<jobag-order-view order-id="7" base-url=${apiBase} .getToken=${getToken}></jobag-order-view>`);
    await waitUntil(() => root(el).querySelector('[role="alert"]'));
    expect(text(root(el).querySelector('[role="alert"]')!)).to.contain('Jobordren kunne ikke hentes.').and.contain('Jobordren blev ikke fundet.');
  });
});
