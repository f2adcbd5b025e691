// The React 19 example (examples/react, bundled by the project's build) on the real API: the
// components of `jobag-orders/react` (@lit/react) define their elements before React renders
// them, set their properties (provider's getToken, page's routing) and pass their typed events
// to `on<EventName>` handlers (jobag-route-change sets the document title).
import { expect, waitUntil } from '@open-wc/testing';
import type { JobagOrderList } from '../../widget/order-list.ts';
import type { JobagOrderPage } from '../../widget/order-page.ts';

async function openReactPage(): Promise<{ doc: Document; violations: string[] }> {
  const frame = document.createElement('iframe');
  frame.style.width = '1200px';
  frame.style.height = '900px';
  const violations: string[] = [];
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = '/examples/react.html';
  document.body.append(frame);
  await loaded;
  frame.contentDocument!.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`));
  return { doc: frame.contentDocument!, violations };
}

describe('the React 19 example page (/examples/react.html) on the real API', () => {
  it('R3.1, R3.4, R4: React renders <jobag-order-page> in a provider; rows load, a title opens the order, the typed route event sets the title', async function () {
    this.timeout(30_000);
    const { doc, violations } = await openReactPage();
    await waitUntil(() => doc.querySelector('jobag-order-page'), 'React never rendered the page', { timeout: 10_000 });
    const page = doc.querySelector<JobagOrderPage>('jobag-order-page')!;
    // React 19 set properties, not attributes: the provider got its token getter as a function.
    expect(typeof (doc.querySelector('jobag-provider') as HTMLElement & { getToken?: unknown }).getToken).to.equal('function');
    expect(page.routing).to.equal('hash');
    const list = () => page.shadowRoot!.querySelector<JobagOrderList>('jobag-order-list');
    await waitUntil(() => (list()?.shadowRoot?.querySelectorAll('tbody tr').length ?? 0) >= 3, 'the rows never loaded', { timeout: 10_000 });
    expect(doc.title).to.equal('Jobordrer – React-portal (eksempel)');

    const link = list()!.shadowRoot!.querySelector<HTMLAnchorElement>('tbody tr a')!;
    const id = Number(link.closest('tr')!.dataset.id);
    link.click();
    await waitUntil(() => page.shadowRoot!.querySelector('jobag-order-view')?.shadowRoot?.getElementById('view-heading'), 'the order never opened', { timeout: 10_000 });
    expect(doc.defaultView!.location.hash).to.equal(`#/orders/${id}`);
    await waitUntil(() => doc.title === `Jobordre ${id} – React-portal (eksempel)`, `the title is ${doc.title}`);

    // The language select is React state, passed to the provider as a property.
    const locale = doc.getElementById('locale') as HTMLSelectElement;
    locale.value = 'en';
    locale.dispatchEvent(new Event('change', { bubbles: true }));
    await waitUntil(() => doc.title === `Job order ${id} – React portal (example)` && doc.documentElement.lang === 'en', `the title is ${doc.title}`);
    await waitUntil(() => page.shadowRoot!.getElementById('back')?.textContent?.trim() === 'Back to job orders', 'the page did not switch language');
    expect(violations).to.deep.equal([]);
  });
});
