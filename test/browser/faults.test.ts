// Faults once found in the widgets, each as a test that fails without its fix.
import { expect, fixture, fixtureSync, html, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import type { JobOrderPage } from '../../sdk/index.ts';
import '../../widget/index.ts';
import type { JobagOrderForm } from '../../widget/order-form.ts';
import type { JobagOrderList } from '../../widget/order-list.ts';
import { expectAccessible } from './support/a11y.ts';
import { button, field, fill, ready, root } from './support/form-driver.ts';
import { api, apiBase, order, problem, startMocks, tokens, worker } from './support/mock-api.ts';
import { realToken } from './support/real-api.ts';

before(startMocks);
afterEach(async () => {
  worker.resetHandlers();
  await setViewport({ width: 800, height: 600 });
});

const longEmail = 'mette.hansen.koekkenchef.vesterbro.og.frederiksberg@nordlys-koekken-eksempel.example';

async function createForm(): Promise<JobagOrderForm> {
  const { getToken } = tokens();
  return ready(await fixture<JobagOrderForm>(html`<jobag-order-form base-url=${apiBase} .getToken=${getToken}></jobag-order-form>`));
}

async function list(): Promise<JobagOrderList> {
  const { getToken } = tokens();
  const el = await fixture<JobagOrderList>(html`<jobag-order-list base-url=${apiBase} .getToken=${getToken}></jobag-order-list>`);
  await waitUntil(() => el.shadowRoot!.querySelector('tbody tr, [role="alert"]'), 'list never loaded');
  return el;
}

/** True when nothing inside the element reaches past its right edge (WCAG 1.4.10 reflow). */
function overflowing(el: HTMLElement): string[] {
  const right = el.getBoundingClientRect().right + 0.5;
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>('*')]
    .filter((node) => node.getClientRects().length && node.getBoundingClientRect().right > right)
    .map((node) => `${node.localName}${node.id ? `#${node.id}` : ''}: ${node.textContent!.trim().slice(0, 40)}`);
}

describe('faults once found in the widgets', () => {
  it('(a) R2.4.2: typing a new date over one already in the field keeps it; a briefly incomplete segment is not written back', async () => {
    const el = await createForm();
    await fill(el, 'startDate', '2027-03-15');
    const input = field(el, 'startDate');
    input.focus();
    // Clear the first segment (month or day, by the browser's locale) and type it again.
    await sendKeys({ press: 'Backspace' });
    await el.updateComplete;
    await sendKeys({ type: '04' });
    await el.updateComplete;
    expect(input.value, 'the other segments survived the incomplete moment').to.match(/^2027-0[34]-(15|04)$/);
    expect(input.value).to.not.equal('2027-03-15');
  });

  it('(b) R2.7, WCAG 1.4.10: the receipt reflows at 390 px, long values wrap and both buttons stay on screen', async () => {
    worker.use(
      http.post(api('/v1/job-orders'), () =>
        HttpResponse.json(order(42, { contact: { contactPersonId: 1, name: 'Mette Hansen', email: longEmail, phone: null } }), { status: 201 }),
      ),
    );
    await setViewport({ width: 390, height: 800 });
    const el = await createForm();
    el.style.display = 'block';
    // The API's answer is what the receipt shows; the form's own checks need a chosen title.
    await fill(el, 'occupationCode', 'køk');
    await waitUntil(() => root(el).querySelector('[role="option"]'));
    root(el).querySelector<HTMLElement>('[role="option"]')!.click();
    await fill(el, 'description', 'Opvask');
    button(el, 'Opret').click();
    await waitUntil(() => root(el).querySelector('[part="receipt"]'), 'no receipt');
    await el.updateComplete;
    expect(root(el).querySelector('[part="receipt"]')!.textContent).to.contain(longEmail);
    expect(overflowing(el)).to.deep.equal([]);
    expect(document.documentElement.scrollWidth, 'the page does not scroll sideways').to.be.at.most(390);
  });

  it('(b) WCAG 1.4.10: on a phone the error summary\'s entries read as lines of text, each within its item', async () => {
    await setViewport({ width: 320, height: 800 });
    const el = await createForm();
    await fill(el, 'description', '');
    await fill(el, 'contact.email', 'mette@');
    button(el, 'Opret').click();
    await waitUntil(() => root(el).querySelector('[part="error-summary"] li button'));
    for (const entry of root(el).querySelectorAll<HTMLButtonElement>('[part="error-summary"] li button')) {
      expect(['start', 'left']).to.include(getComputedStyle(entry).textAlign);
      const item = entry.closest('li')!.getBoundingClientRect();
      expect(entry.getBoundingClientRect().right).to.be.at.most(item.right + 0.5);
    }
    expect(overflowing(el)).to.deep.equal([]);
  });

  it('(b) R3.2: on a phone the list says its columns scroll sideways; on a desktop it does not need to', async () => {
    await setViewport({ width: 390, height: 800 });
    const el = await list();
    const hint = el.shadowRoot!.querySelector<HTMLElement>('[part="scroll-hint"]')!;
    expect(getComputedStyle(hint).display).to.not.equal('none');
    expect(hint.textContent).to.equal('Rul vandret for at se alle kolonner.');
    const region = el.shadowRoot!.querySelector('.scroll')!;
    expect(region.getAttribute('role')).to.equal('region');
    expect(region.getAttribute('aria-describedby')).to.equal(hint.id);
    await expectAccessible(el);
    await setViewport({ width: 1280, height: 800 });
    await waitUntil(() => getComputedStyle(hint).display === 'none', 'hint still shown on a desktop');
  });

  it('(c) R3.1: after "Vis flere" focus goes to the first new order when the button goes, never to the page body', async () => {
    worker.use(
      http.get(api('/v1/job-orders'), ({ request }) =>
        HttpResponse.json<JobOrderPage>(
          new URL(request.url).searchParams.get('cursor') === 'c2' ? { items: [order(1)], nextCursor: null } : { items: [order(3), order(2)], nextCursor: 'c2' },
        ),
      ),
    );
    const el = await list();
    await waitUntil(() => el.shadowRoot!.querySelector('[part="more"]'));
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="more"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.shadowRoot!.querySelectorAll('tbody tr').length === 3);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="more"]')).to.equal(null);
    // Compared as booleans: chai describing a whole custom element on failure stalls the page.
    expect(document.activeElement === document.body, 'focus fell to the page body').to.equal(false);
    expect(el.shadowRoot!.activeElement === el.shadowRoot!.querySelector('tr[data-id="1"] a'), 'focus on the first new order').to.equal(true);
  });

  it('(d) R8.2: switching language while errors are shown re-words the whole summary in the new language', async () => {
    const el = await createForm();
    await fill(el, 'description', '');
    await fill(el, 'positions', '');
    button(el, 'Opret').click();
    await waitUntil(() => root(el).querySelector('[part="error-summary"]'));
    el.locale = 'en';
    await el.updateComplete;
    const summary = root(el).querySelector('[part="error-summary"]')!.textContent!.replace(/\s+/g, ' ');
    expect(summary).to.contain('Number of positions to fill');
    expect(summary).to.not.match(/Antal stillinger|Beskriv opgaven|Feltet skal|Skriv antal/);
  });

  it('(e) a page whose origin is not allowed is told so, in the element and in the console for the host developer', async () => {
    worker.use(
      http.get(api('/v1/job-orders'), () =>
        problem(403, 'origin-not-allowed', 'The origin http://localhost is not allowed for this account; ask the operator to allow it.'),
      ),
    );
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
    try {
      const el = await list();
      expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('Denne side har ikke adgang til JobAG');
      expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.not.contain('ingen forbindelse');
      await el.updateComplete;
      expect(warnings.filter((w) => w.includes('jobag-order-list') && w.includes(location.origin) && w.includes('allow-origin'))).to.have.length(1);
    } finally {
      console.warn = warn;
    }
  });

  it('(e) the browser hiding a refused origin (no CORS on the preflight) is still told as a refused origin, not as "no connection"', async () => {
    // The real app on this page's host under another name: another origin that no tenant allowed.
    const other = new URL(location.href);
    other.hostname = other.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
    try {
      const el = await fixture<JobagOrderList>(html`<jobag-order-list base-url=${other.origin} .getToken=${realToken(1)}></jobag-order-list>`);
      await waitUntil(() => el.shadowRoot!.querySelector('[role="alert"]'), 'no message', { timeout: 5000 });
      expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('Denne side har ikke adgang til JobAG').and.not.contain('ingen forbindelse');
      expect(warnings.some((w) => w.includes(location.origin) && w.includes('allow-origin'))).to.equal(true);
    } finally {
      console.warn = warn;
    }
  });

  it('(f) R8.3: standalone elements on a dark page follow its color-scheme and pass axe (contrast included)', async function () {
    this.timeout(45_000); // axe over a whole form, twice, on a shared machine
    const { getToken } = tokens();
    const page = fixtureSync<HTMLElement>(html`
      <div style="color-scheme: dark; background: #121212; color: #eee; padding: 8px">
        <jobag-order-list base-url=${apiBase} .getToken=${getToken}></jobag-order-list>
        <jobag-order-form base-url=${apiBase} .getToken=${getToken}></jobag-order-form>
      </div>
    `);
    const listEl = page.querySelector('jobag-order-list')!;
    const form = page.querySelector('jobag-order-form')!;
    await ready(form);
    await waitUntil(() => listEl.shadowRoot!.querySelector('tbody tr'));
    await expectAccessible(page);
    form.locale = 'en';
    listEl.locale = 'en';
    await form.updateComplete;
    await expectAccessible(page);
  });
});
