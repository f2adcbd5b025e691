// <jobag-order-page>: list → view → edit → back in one tag, against the real app: the
// browser's back and forward buttons with routing="hash", a deep link, a keyboard-only path, and
// axe (WCAG 2.1 A/AA) on every screen in Danish and English, light and dark, at 320 px (R8.3).
// Mounted with fixtureSync: fixture waits for a frame, which a background test tab never paints.
import { expect, fixtureSync, html, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../widget/index.ts';
import type { RouteChangeEvent } from '../../widget/order-page-events.ts';
import type { JobagOrderForm } from '../../widget/order-form.ts';
import type { JobagOrderList } from '../../widget/order-list.ts';
import { hashOf, routeFromHash, type JobagOrderPage } from '../../widget/order-page.ts';
import { expectAccessible } from './support/a11y.ts';
import { field, fill } from './support/form-driver.ts';
import { createCompanyOrder, realBaseUrl, realToken } from './support/real-api.ts';

const bare = () => history.replaceState(null, '', `${location.pathname}${location.search}`);
beforeEach(bare);
afterEach(async () => {
  bare();
  await setViewport({ width: 800, height: 600 });
});

const root = (page: JobagOrderPage) => page.shadowRoot!;
const list = (page: JobagOrderPage) => root(page).querySelector<JobagOrderList>('jobag-order-list');
const view = (page: JobagOrderPage) => root(page).querySelector('jobag-order-view');
const form = (page: JobagOrderPage) => root(page).querySelector<JobagOrderForm>('jobag-order-form');
const text = (node: Element | ShadowRoot) => node.textContent!.replace(/\s+/g, ' ').trim();

/** The element that has focus, through every shadow root. */
function focused(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** An order of the first demo company, so this file edits its own. */
const companyOrder = (description: string) => createCompanyOrder(description);

function mount(routing: 'hash' | 'none', locale = 'da'): { page: JobagOrderPage; routes: string[] } {
  const routes: string[] = [];
  const page = fixtureSync<JobagOrderPage>(html`<jobag-order-page
    routing=${routing}
    locale=${locale}
    base-url=${realBaseUrl}
    .getToken=${realToken(1)}
    @jobag-route-change=${(event: RouteChangeEvent) => routes.push(hashOf(event.detail))}
  ></jobag-order-page>`);
  return { page, routes };
}

const orderLink = (page: JobagOrderPage, id: number) => list(page)?.shadowRoot?.querySelector<HTMLAnchorElement>(`tr[data-id="${id}"] a`) ?? null;
const viewHeading = (page: JobagOrderPage) => view(page)?.shadowRoot?.getElementById('view-heading') ?? null;
const formHeading = (page: JobagOrderPage) => form(page)?.shadowRoot?.getElementById('form-heading') ?? null;
const pageHeading = (page: JobagOrderPage) => root(page).getElementById('page-heading');

async function shiftTab(): Promise<void> {
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ up: 'Shift' });
}

async function onView(page: JobagOrderPage, id: number): Promise<void> {
  await waitUntil(() => viewHeading(page)?.textContent?.includes(String(id)) && focused() === viewHeading(page), `order ${id} never opened with its heading focused`, { timeout: 10_000 });
}

describe('the hash routes of <jobag-order-page>', () => {
  it('reads and writes #/orders, #/orders/new, #/orders/17, #/orders/17/edit; anything else is the list', () => {
    for (const hash of ['#/orders', '#/orders/new', '#/orders/17', '#/orders/17/edit']) expect(hashOf(routeFromHash(hash))).to.equal(hash);
    for (const hash of ['', '#', '#main', '#/orders/0', '#/orders/-1', '#/orders/17/delete', '#/orders/1e3', '#/orders/99999999999999999999']) {
      expect(routeFromHash(hash), hash).to.deep.equal({ screen: 'list', orderId: null });
    }
    expect(routeFromHash('#/orders/17/')).to.deep.equal({ screen: 'view', orderId: 17 });
  });
});

describe('<jobag-order-page> against the real app', () => {
  it('R3.4, R4, R4.3, R7: list → view → edit → save → view → back button → list → forward, the hash and focus following', async function () {
    this.timeout(40_000);
    const id = await companyOrder('Opvask, fra ordresiden.');
    const { page, routes } = mount('hash');
    await waitUntil(() => orderLink(page, id), 'the list never showed the order', { timeout: 10_000 });
    // A real link (open it in a new tab), to this document's deep link.
    expect(orderLink(page, id)!.getAttribute('href')).to.equal(`${location.pathname}${location.search}#/orders/${id}`);
    const entries = history.length;

    orderLink(page, id)!.click();
    await onView(page, id);
    expect(location.hash).to.equal(`#/orders/${id}`);
    expect(history.length).to.equal(entries + 1);
    // R4.3: the formidlingslog under the view, with its Oprettet entry; R4.4: the candidates.
    await waitUntil(() => root(page).querySelector('jobag-placement-log')?.shadowRoot?.querySelector('tbody tr'), 'no log', { timeout: 10_000 });
    expect(root(page).querySelector('jobag-candidates')).to.exist;
    expect(text(root(page).querySelector('[role="status"]')!)).to.equal(`Viser jobordre ${id}`);

    view(page)!.shadowRoot!.getElementById('edit')!.click();
    await waitUntil(() => formHeading(page) && focused() === formHeading(page), 'the edit form never opened with its heading focused', { timeout: 10_000 });
    expect(location.hash).to.equal(`#/orders/${id}/edit`);
    expect(view(page)).to.equal(null);
    const editor = form(page)!;
    await waitUntil(() => field<HTMLTextAreaElement>(editor, 'description')?.value === 'Opvask, fra ordresiden.', 'the form never filled in', { timeout: 10_000 });
    await fill(editor, 'description', 'Opvask og klargøring, rettet på ordresiden.');
    editor.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();

    // Saved: back at the order (the edit entry left the history, so back goes to the list).
    await onView(page, id);
    await waitUntil(() => text(view(page)!.shadowRoot!).includes('rettet på ordresiden'), 'the view does not show the edit', { timeout: 10_000 });
    expect(location.hash).to.equal(`#/orders/${id}`);

    history.back();
    await waitUntil(() => list(page) && focused() === orderLink(page, id), 'the back button did not return to the row of the order', { timeout: 10_000 });
    expect(routeFromHash(location.hash).screen).to.equal('list');
    history.forward();
    await onView(page, id);
    expect(routes).to.deep.equal(['#/orders', `#/orders/${id}`, `#/orders/${id}/edit`, `#/orders/${id}`, '#/orders', `#/orders/${id}`]);
  });

  it('R3.4: a deep link opens straight at the order, without taking focus; its back button returns to the list', async function () {
    this.timeout(20_000);
    const id = await companyOrder('Opvask, dybt link.');
    location.hash = `#/orders/${id}`;
    const before = document.activeElement;
    const { page, routes } = mount('hash');
    await waitUntil(() => viewHeading(page)?.textContent?.includes(String(id)), 'the deep link did not open the order', { timeout: 10_000 });
    expect(document.activeElement).to.equal(before);
    expect(routes).to.deep.equal([`#/orders/${id}`]);
    // Nothing of ours before it in the history: the page's back button replaces the entry.
    const entries = history.length;
    root(page).getElementById('back')!.click();
    await waitUntil(() => list(page) && focused() === orderLink(page, id), 'back did not show the list at the order', { timeout: 10_000 });
    expect(location.hash).to.equal('#/orders');
    expect(history.length).to.equal(entries);
  });

  it('R2, R2.7: "Opret jobordre" opens the create form (#/orders/new); "Fortryd" returns to the list', async function () {
    this.timeout(20_000);
    const { page } = mount('hash');
    await waitUntil(() => pageHeading(page), 'no list');
    root(page).getElementById('create')!.click();
    await waitUntil(() => formHeading(page) && focused() === formHeading(page), 'the create form never opened', { timeout: 10_000 });
    expect(location.hash).to.equal('#/orders/new');
    expect(formHeading(page)!.textContent).to.equal('Opret jobordre');
    [...form(page)!.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Fortryd')!.click();
    await waitUntil(() => list(page) && focused() === pageHeading(page), 'Fortryd did not return to the list', { timeout: 10_000 });
    expect(routeFromHash(location.hash).screen).to.equal('list');
  });

  it('R8.3: keyboard only (routing="none", the URL untouched): Tab to a title, Enter; Tab to "Rediger jobordre", Enter; Shift+Tab back, Enter, twice, back on the title', async function () {
    this.timeout(40_000);
    const id = await companyOrder('Opvask, med tastaturet.');
    const { page } = mount('none');
    await waitUntil(() => orderLink(page, id), 'the list never showed the order', { timeout: 10_000 });
    pageHeading(page)!.focus();
    for (let i = 0; i < 40 && focused() !== orderLink(page, id); i++) await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal(orderLink(page, id));
    await sendKeys({ press: 'Enter' });
    await onView(page, id);

    for (let i = 0; i < 10 && focused()?.id !== 'edit'; i++) await sendKeys({ press: 'Tab' });
    expect(focused()?.id).to.equal('edit');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => formHeading(page) && focused() === formHeading(page), 'Enter on "Rediger jobordre" did not open the form', { timeout: 10_000 });

    await shiftTab();
    expect(focused()).to.equal(root(page).getElementById('back'));
    expect(focused()!.textContent!.trim()).to.equal('Tilbage til jobordren');
    await sendKeys({ press: 'Enter' });
    await onView(page, id);
    await shiftTab();
    expect(focused()!.textContent!.trim()).to.equal('Tilbage til jobordrer');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => focused() === orderLink(page, id), 'back did not return to the row of the order opened', { timeout: 10_000 });
    expect(location.hash).to.equal('');
  });

  it('R8.2, R8.3: axe clean on every screen in Danish and English, light and dark, at 320 px; nothing scrolls sideways', async function () {
    this.timeout(90_000); // axe over four screens, four times, on a shared machine
    const id = await companyOrder('Opvask, til axe.');
    await setViewport({ width: 320, height: 640 });
    for (const [locale, scheme] of [['da', 'light'], ['en', 'dark'], ['da', 'dark'], ['en', 'light']] as const) {
      const wrapper = fixtureSync<HTMLElement>(html`<div style="color-scheme: ${scheme}; background: ${scheme === 'dark' ? '#121212' : '#fff'}">
        <jobag-order-page locale=${locale} base-url=${realBaseUrl} .getToken=${realToken(1)}></jobag-order-page>
      </div>`);
      const page = wrapper.querySelector('jobag-order-page')!;
      const screens = [
        ['list', () => list(page)?.shadowRoot?.querySelector('tbody tr')],
        ['view', () => viewHeading(page) && root(page).querySelector('jobag-placement-log')?.shadowRoot?.querySelector('tbody tr')],
        ['edit', () => form(page)?.shadowRoot?.querySelector('form')],
        ['new', () => form(page)?.shadowRoot?.querySelector('form')],
      ] as const;
      for (const [screen, ready] of screens) {
        if (screen !== 'list') page.navigate(screen, screen === 'new' ? null : id);
        await waitUntil(ready, `${locale} ${scheme}: the ${screen} screen never loaded`, { timeout: 10_000 });
        await expectAccessible(wrapper);
        expect(page.scrollWidth, `${locale} ${scheme} ${screen} fits 320 px`).to.be.at.most(320);
        expect(document.documentElement.scrollWidth, `${locale} ${scheme} ${screen}: no sideways scroll`).to.be.at.most(320);
      }
    }
  });
});
