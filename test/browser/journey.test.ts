// The guide's journey against the real app on this page's origin: create → view → status with a
// note → the log says Ændret; a placement made through the API (as a jobcenter) appears live in the
// view, the log and the candidates within 2 s; a protected address never reaches the DOM.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../widget/index.ts';
import type { JobagOrderForm } from '../../widget/order-form.ts';
import type { JobagProvider } from '../../widget/provider.ts';
import { expectAccessible } from './support/a11y.ts';
import { button, fill, pickOccupation, ready } from './support/form-driver.ts';
import { createCompanyOrder, realBaseUrl, realToken } from './support/real-api.ts';
import { streamsOpen, streamsOpened } from './support/streams.ts';

const text = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

/** The jobcenter side, as a caseworker system would call it (server to server in real life). */
async function asJobcenter(path: string, body: unknown): Promise<Response> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { authorization: 'Bearer demo_jobcenter_101', 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  return response;
}

describe('the journey against the real app', () => {
  it('R2.7, R4.1, R4.2, R4.3, R7.5: create → view → status with a note → the log shows Ændret', async () => {
    const provider = await fixture<JobagProvider>(html`<jobag-provider base-url=${realBaseUrl} .getToken=${realToken(1)}>
      <jobag-order-form></jobag-order-form>
    </jobag-provider>`);
    const form = await ready(provider.querySelector<JobagOrderForm>('jobag-order-form')!);
    await pickOccupation(form, 'køk', 'Køkkenchef');
    await fill(form, 'description', 'Menuplanlægning, rejsen gennem vejledningen.');
    const created = oneEvent(form, 'jobag-order-created');
    button(form, 'Opret').click();
    const order = (await created).detail;

    const view = document.createElement('jobag-order-view');
    view.orderId = order.id;
    const log = document.createElement('jobag-placement-log');
    log.orderId = order.id;
    provider.append(view, log);
    await waitUntil(() => view.shadowRoot!.querySelector('[part="summary"]'), 'no view', { timeout: 5000 });
    expect(text(view)).to.contain(`Jobordre ${order.id}: Køkkenchef`).and.contain('Åben').and.contain('Ikke udpeget endnu');
    await waitUntil(() => log.shadowRoot!.querySelector('tbody tr'), 'no log', { timeout: 5000 });
    expect(text(log)).to.contain('Oprettet').and.contain('Mette Hansen');

    const root = view.shadowRoot!;
    const select = root.getElementById('new-status') as HTMLSelectElement;
    select.value = 'inactive';
    select.dispatchEvent(new Event('change'));
    const note = root.getElementById('status-note') as HTMLTextAreaElement;
    note.value = 'Vi holder pause til januar.';
    note.dispatchEvent(new Event('input'));
    (root.getElementById('change-status') as HTMLButtonElement).click();
    await view.updateComplete;
    const changed = oneEvent(view, 'jobag-order-status-changed');
    (root.getElementById('confirm-yes') as HTMLButtonElement).click();
    expect((await changed).detail.status).to.equal('inactive');
    await view.updateComplete;
    expect(text(view)).to.contain('Status er ændret til Midlertidig inaktiv.').and.contain('Vi holder pause til januar.');
    await waitUntil(() => text(log).includes('Ændret'), 'the log never said Ændret', { timeout: 2000 });
    const last = [...log.shadowRoot!.querySelectorAll('tbody tr')].at(-1)!;
    expect(last.textContent).to.contain('Ændret').and.contain('Vi holder pause til januar.');
    await expectAccessible(provider);
  });

  it('R4.4, R5.3, R8.4: a placement made through the API appears live in view, log and candidates within 2 s; the protected address is never in the DOM', async () => {
    // A fresh open order of its own (R3.5: only an open order takes placements).
    const id = await createCompanyOrder('Opvask, til en formidling.');
    const mark = streamsOpened();
    const provider = await fixture<JobagProvider>(html`<jobag-provider base-url=${realBaseUrl} .getToken=${realToken(1)}>
      <jobag-order-view order-id=${id}></jobag-order-view>
      <jobag-placement-log order-id=${id}></jobag-placement-log>
      <jobag-candidates order-id=${id}></jobag-candidates>
    </jobag-provider>`);
    const view = provider.querySelector('jobag-order-view')!;
    const log = provider.querySelector('jobag-placement-log')!;
    const people = provider.querySelector('jobag-candidates')!;
    await waitUntil(
      () => view.shadowRoot!.querySelector('[part="summary"]') && log.shadowRoot!.querySelector('tbody tr') && people.shadowRoot!.querySelector('h2'),
      'the elements never loaded',
      { timeout: 5000 },
    );
    const before = log.shadowRoot!.querySelectorAll('tbody tr').length;
    // The provider's one stream is open before the change is made.
    await streamsOpen(mark, 1);
    const name = `Sofie Beskyttet ${Date.now()}`;
    const started = Date.now();
    await asJobcenter(`/v1/job-orders/${id}/placements`, {
      candidate: {
        name,
        birthYear: 1990,
        addressProtected: true,
        address: { street: 'Hemmeligvej 13', postalCode: '2200', city: 'København N' },
        cvSearchable: false,
        phone: '+45 31 41 59 26',
      },
      description: 'Sofie kan starte med det samme.',
    });
    await waitUntil(
      () =>
        text(people).includes(name) &&
        log.shadowRoot!.querySelectorAll('tbody tr').length > before &&
        text(log).includes('Sofie kan starte med det samme.'),
      'the placement did not arrive live everywhere',
      { timeout: 2000, interval: 50 },
    );
    expect(Date.now() - started).to.be.below(2000);
    expect(text(log)).to.contain('Formidling').and.contain('Jobcenter København');
    const link = [...people.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="candidate-link"]')].find((b) => b.textContent === name)!;
    link.click();
    await people.updateComplete;
    expect(text(people)).to.contain('1990').and.contain('+45 31 41 59 26');
    for (const el of [view, log, people]) {
      expect(el.shadowRoot!.innerHTML, `${el.localName} never shows the protected address`).to.not.contain('Hemmeligvej');
    }
    expect(document.body.innerHTML).to.not.contain('Hemmeligvej');
    await expectAccessible(provider);
  });
});
