// End to end: the example portal page (its built bundle, its strict CSP, its own token route) on
// the real API, driven like a user: create an order, find it in the list, sort, open it.
import { expect, waitUntil } from '@open-wc/testing';
import type { JobagOrderForm } from '../../widget/order-form.ts';
import type { JobagOrderList } from '../../widget/order-list.ts';
import { button, field, options, root } from './support/form-driver.ts';

async function openPortal(): Promise<Document> {
  const frame = document.createElement('iframe');
  frame.style.width = '1200px';
  frame.style.height = '900px';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = '/examples/';
  document.body.append(frame);
  await loaded;
  return frame.contentDocument!;
}

const rowIds = (list: JobagOrderList) => [...list.shadowRoot!.querySelectorAll<HTMLTableRowElement>('tbody tr')].map((r) => Number(r.dataset.id));
const sortButton = (list: JobagOrderList, key: string) => list.shadowRoot!.querySelector<HTMLButtonElement>(`button[data-sort="${key}"]`)!;
const input = (el: JobagOrderForm, path: string, value: string) => {
  const control = field<HTMLInputElement | HTMLTextAreaElement>(el, path);
  control.value = value;
  control.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
};

describe('the example portal (examples/portal) end to end', () => {
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

    // R3.4: open it; the portal shows it in the form for editing (R7).
    list.shadowRoot!.querySelector<HTMLAnchorElement>(`tbody tr[data-id="${id}"] a`)!.click();
    await waitUntil(() => root(form).querySelector('h2')?.textContent === 'Rediger jobordre' && field(form, 'occupationCode')?.value === 'Opvasker', 'the order did not open', {
      timeout: 10_000,
    });
    expect(form.orderId).to.equal(id);
    expect(field<HTMLTextAreaElement>(form, 'description').value).to.equal('Afløser i opvasken til julefrokosterne.');

    // R8.2: the portal's language switch reaches the widgets.
    const locale = doc.getElementById('locale') as HTMLSelectElement;
    locale.value = 'en';
    locale.dispatchEvent(new Event('change'));
    await waitUntil(() => list.shadowRoot!.querySelector('caption')?.textContent === 'Job orders');
    expect(root(form).querySelector('h2')!.textContent).to.equal('Edit job order');
    expect(doc.documentElement.lang).to.equal('en');
    expect(violations, 'no Content-Security-Policy violations').to.deep.equal([]);
  });
});
