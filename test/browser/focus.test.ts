// Focus never drops to <body>, keyboard only: each action moves focus to its result, back returns
// to the row opened, and a confirmation starts on its safe choice and closes with Escape.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import '../../widget/index.ts';
import type { JobagOrderView } from '../../widget/order-view.ts';
import { api, apiBase, order, startMocks, tokens, worker } from './support/mock-api.ts';
import { openPageFrame } from './support/page-frame.ts';

before(startMocks);
afterEach(() => worker.resetHandlers());

/** The element that has focus, through every shadow root. */
function focused(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

async function shiftTab(): Promise<void> {
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ up: 'Shift' });
}

async function view(): Promise<JobagOrderView> {
  const { getToken } = tokens();
  const el = await fixture<JobagOrderView>(html`<jobag-order-view order-id="7" base-url=${apiBase} .getToken=${getToken}></jobag-order-view>`);
  await waitUntil(() => el.shadowRoot!.querySelector('[part="summary"]'), 'the order never loaded');
  return el;
}

describe('focus after each action, keyboard only', () => {
  it('the status confirmation starts on "Nej", Enter there and Escape both cancel, nothing is sent', async () => {
    let sent = 0;
    worker.use(http.post(api('/v1/job-orders/7/status'), () => ((sent += 1), HttpResponse.json(order(7, { status: 'inactive' })))));
    const el = await view();
    const r = el.shadowRoot!;
    r.getElementById('new-status')!.focus();
    await sendKeys({ press: 'ArrowDown' }); // Midlertidig inaktiv
    r.getElementById('change-status')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => r.querySelector('[part="confirm"]'), 'no confirmation');
    expect(focused()?.id, 'the safe choice first').to.equal('confirm-no');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !r.querySelector('[part="confirm"]'), 'Enter on the safe choice did not cancel');
    expect(focused()?.id).to.equal('change-status');

    await sendKeys({ press: 'Enter' });
    await waitUntil(() => r.querySelector('[part="confirm"]'), 'no confirmation the second time');
    await shiftTab();
    expect(focused()?.id).to.equal('confirm-yes');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !r.querySelector('[part="confirm"]'), 'Escape did not cancel');
    expect(focused()?.id, 'focus back on the button that asked').to.equal('change-status');
    expect(sent, 'nothing sent').to.equal(0);
  });

  for (const [button, heading] of [
    ['edit', 'Rediger jobordre'],
    ['copy', 'Kopiér jobordre 7'],
  ] as const) {
    it(`Enter on "${button === 'edit' ? 'Rediger' : 'Kopiér'} jobordre" moves focus to the form's heading, not <body>`, async () => {
      const el = await view();
      el.shadowRoot!.getElementById(button)!.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => el.shadowRoot!.querySelector('jobag-order-form')?.shadowRoot?.getElementById('form-heading'), 'the form never opened', { timeout: 5000 });
      const form = el.shadowRoot!.querySelector('jobag-order-form')!;
      await waitUntil(() => focused() === form.shadowRoot!.getElementById('form-heading'), `focus is on ${focused()?.localName}`, { timeout: 5000 });
      expect(form.shadowRoot!.getElementById('form-heading')!.textContent).to.contain(heading);
    });
  }
});

describe('the example portal, keyboard only', () => {
  afterEach(() => {
    for (const frame of document.querySelectorAll('iframe')) frame.remove();
  });

  it('"Tilbage til jobordrer" is a styled button that returns focus to the row opened; the quick start says "Rekrutteringsservice"', async function () {
    this.timeout(30_000);
    const { doc, frame } = await openPageFrame('/examples/');
    expect(doc.getElementById('quick-start-heading')!.textContent).to.equal('Rekrutteringsservice');
    const list = doc.querySelector('jobag-order-list')!;
    const link = () => list.shadowRoot!.querySelector<HTMLAnchorElement>('tbody tr:nth-child(2) a');
    await waitUntil(link, 'the list never loaded', { timeout: 10_000 });
    const id = Number(link()!.closest('tr')!.dataset.id);
    link()!.focus();
    await sendKeys({ press: 'Enter' });
    const back = doc.getElementById('back-to-list') as HTMLButtonElement;
    await waitUntil(() => !(doc.getElementById('order-section') as HTMLElement).hidden, 'the order never opened', { timeout: 10_000 });
    const style = frame.contentWindow!.getComputedStyle(back);
    const plain = frame.contentWindow!.getComputedStyle(doc.body.appendChild(doc.createElement('button')));
    expect(style.borderTopStyle === plain.borderTopStyle && style.backgroundColor === plain.backgroundColor, 'styled, not the default button').to.equal(false);
    back.focus();
    await sendKeys({ press: 'Enter' });
    const active = () => doc.activeElement?.shadowRoot?.activeElement ?? doc.activeElement;
    await waitUntil(() => active() === list.shadowRoot!.querySelector(`tr[data-id="${id}"] a`), `focus went to ${active()?.id || active()?.localName}`, { timeout: 5000 });
  });
});
