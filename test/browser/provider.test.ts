import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { JobagOrderList as OrderListClass, defineElement } from '../../widget/index.ts';
import type { JobagOrderForm } from '../../widget/order-form.ts';
import type { JobagOrderList } from '../../widget/order-list.ts';
import type { JobagProvider } from '../../widget/provider.ts';
import { expectAccessible } from './support/a11y.ts';
import { button, field, pickOccupation, ready, root } from './support/form-driver.ts';
import { api, apiBase, me, order, problem, startMocks, tokens, worker } from './support/mock-api.ts';
import { realBaseUrl, realToken } from './support/real-api.ts';

before(startMocks);
afterEach(() => worker.resetHandlers());

interface Page { provider: JobagProvider; list: JobagOrderList; form: JobagOrderForm }

async function page(getToken: JobagProvider['getToken'], baseUrl = apiBase, locale = 'da'): Promise<Page> {
  const provider = await fixture<JobagProvider>(html`
    <jobag-provider base-url=${baseUrl} locale=${locale} .getToken=${getToken}>
      <section><jobag-order-list></jobag-order-list></section>
      <jobag-order-form></jobag-order-form>
    </jobag-provider>
  `);
  const list = provider.querySelector('jobag-order-list')!;
  const form = provider.querySelector('jobag-order-form')!;
  await ready(form);
  await waitUntil(() => list.shadowRoot!.querySelector('tbody tr, .empty:not([aria-hidden]), [role="alert"]'), 'the list never loaded', { timeout: 5000 });
  return { provider, list, form };
}

describe('<jobag-provider>', () => {
  it('shares one client and one /v1/me with every element inside, and fetches the token once', async () => {
    let meRequests = 0;
    worker.use(http.get(api('/v1/me'), () => ((meRequests += 1), HttpResponse.json(me))));
    const { getToken, calls } = tokens();
    const { provider, list, form } = await page(getToken);
    expect(provider.client).to.exist;
    expect(meRequests).to.equal(1);
    expect(calls, 'one token for all requests').to.deep.equal([{}]);
    expect(list.shadowRoot!.querySelectorAll('tbody tr')).to.have.length(2);
    expect(field(form, 'contact.name').value).to.equal('Mette Hansen');
  });

  it('refreshes the token once when the API says it expired, and the request goes through', async () => {
    worker.use(
      http.get(api('/v1/job-orders'), ({ request }) =>
        request.headers.get('authorization') === 'Bearer token-1'
          ? problem(401, 'token-expired', 'The token has expired; fetch a new one.')
          : HttpResponse.json({ items: [order(9)], nextCursor: null }),
      ),
    );
    const { getToken, calls } = tokens();
    const { list } = await page(getToken);
    await waitUntil(() => list.shadowRoot!.querySelector('tbody tr[data-id="9"]'), 'no retry with a fresh token');
    expect(calls).to.deep.include({ refresh: true });
  });

  it('R8.2: switches every element to English, and an element\'s own locale wins', async () => {
    const { getToken } = tokens();
    const { provider, list, form } = await page(getToken);
    provider.locale = 'en';
    await provider.updateComplete;
    await list.updateComplete;
    await form.updateComplete;
    expect(list.shadowRoot!.querySelector('caption')!.textContent).to.equal('Job orders');
    expect(root(form).querySelector('h2')!.textContent).to.equal('Create job order');
    form.locale = 'da';
    await form.updateComplete;
    expect(root(form).querySelector('h2')!.textContent).to.equal('Opret jobordre');
    await expectAccessible(provider);
  });

  it('reloads the lists inside when a form inside created an order', async () => {
    let listRequests = 0;
    worker.use(
      http.get(api('/v1/job-orders'), () => ((listRequests += 1), HttpResponse.json({ items: listRequests > 1 ? [order(42), order(1)] : [order(1)], nextCursor: null }))),
      http.post(api('/v1/job-orders'), () => HttpResponse.json(order(42), { status: 201 })),
    );
    const { getToken } = tokens();
    const { list, form } = await page(getToken);
    await pickOccupation(form, 'køk', 'Køkkenmedhjælper');
    const description = field<HTMLTextAreaElement>(form, 'description');
    description.value = 'Opvask';
    description.dispatchEvent(new Event('input'));
    button(form, 'Opret').click();
    await waitUntil(() => list.shadowRoot!.querySelector('tbody tr[data-id="42"]'), 'the list did not reload');
  });

  it('R8.3: the provider with both elements passes axe; a failing /v1/me is shown by the form', async () => {
    worker.use(http.get(api('/v1/me'), () => problem(500, 'internal', 'Something went wrong on our side.')));
    const { getToken } = tokens();
    const { provider, form } = await page(getToken);
    expect(root(form).querySelector('[role="alert"]')!.textContent).to.contain('Der opstod en fejl hos JobAG');
    await expectAccessible(provider);
  });

  it('defines a tag only while it is free, so a page may load two copies of the bundle', async () => {
    expect(() => defineElement('jobag-order-list', class extends HTMLElement {})).to.not.throw();
    // The built single-file bundle (served by the test server) on top of the source modules: no clash.
    const bundle = '/dist/jobag.all.js';
    await import(bundle);
    expect(customElements.get('jobag-order-list')).to.equal(OrderListClass);
  });

  it('R1.2: against the real API, the list and the form work for a contact person of the company', async () => {
    const { provider, list, form } = await page(realToken(1), realBaseUrl);
    expect(list.shadowRoot!.querySelectorAll('tbody tr').length).to.be.greaterThan(0);
    expect(field(form, 'contact.name').value).to.equal('Mette Hansen');
    expect(field<HTMLSelectElement>(form, 'responsibleJobcenterId').value).to.equal('101');
    await expectAccessible(provider);
  });
});
