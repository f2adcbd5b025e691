// The loader, dist/jobag.js, as built: it defines each element when its tag first
// appears — in the page, added later, or inside a shadow root — fetching only that element's
// chunks, and the English words only when an element is shown in English (R8.2). This page
// imports no element source, so every definition here comes from the built chunks.
import { expect, waitUntil } from '@open-wc/testing';

/** The chunks this page has fetched so far (PerformanceResourceTiming), by their names. */
const fetched = () => performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname).filter((path) => path.startsWith('/dist/'));
const fetchedChunk = (name: string) => fetched().some((path) => new RegExp(`^/dist/chunks/${name}-[\\w-]+\\.js$`).test(path));
const defined = (tag: string) => waitUntil(() => customElements.get(tag), `<${tag}> was never defined`, { timeout: 10_000 });

describe('the loader (dist/jobag.js)', () => {
  let loader: { observe: (root: ShadowRoot) => void };

  before(async () => {
    document.body.innerHTML = '<jobag-order-list></jobag-order-list>';
    const url = '/dist/jobag.js';
    loader = (await import(url)) as typeof loader;
  });

  it('R3: defines an element that is on the page when it loads, fetching its chunk and no other element\'s', async () => {
    await defined('jobag-order-list');
    expect(fetchedChunk('runtime')).to.equal(true);
    expect(fetchedChunk('order-list')).to.equal(true);
    expect(fetchedChunk('order-form')).to.equal(false, 'the form is not on the page');
    expect(fetchedChunk('jobcenter-desk')).to.equal(false);
    expect(customElements.get('jobag-order-form')).to.equal(undefined);
  });

  it('R8.2: the Danish page fetched no English words', async () => {
    const list = document.querySelector('jobag-order-list') as HTMLElement & { updateComplete: Promise<boolean> };
    await list.updateComplete;
    expect(list.shadowRoot!.textContent).to.contain('Elementet mangler forbindelse til JobAG');
    expect(fetchedChunk('en')).to.equal(false);
  });

  it('defines an element appended after load', async () => {
    const log = document.createElement('jobag-placement-log');
    document.body.append(log);
    await defined('jobag-placement-log');
    expect(fetchedChunk('placement-log')).to.equal(true);
    expect(log.shadowRoot).to.not.equal(null);
  });

  it('defines an element inside a JobAG element\'s shadow root, and inside a host\'s shadow root given to observe()', async () => {
    const provider = document.createElement('jobag-provider');
    document.body.append(provider);
    await defined('jobag-provider');
    await waitUntil(() => provider.shadowRoot, 'the provider never rendered');
    provider.shadowRoot!.append(document.createElement('jobag-candidates'));
    await defined('jobag-candidates');

    const host = document.createElement('div');
    const shadow = host.attachShadow({ mode: 'open' });
    document.body.append(host);
    loader.observe(shadow);
    shadow.innerHTML = '<section><jobag-order-view></jobag-order-view></section>';
    await defined('jobag-order-view');
    expect((shadow.querySelector('jobag-order-view') as HTMLElement).shadowRoot).to.not.equal(null);
  });

  it('R8.2: fetches the English words when an element is shown in English, and renders in English from the start', async () => {
    expect(fetchedChunk('en')).to.equal(false);
    const form = document.createElement('jobag-order-form') as HTMLElement & { updateComplete: Promise<boolean> };
    form.setAttribute('locale', 'en');
    document.body.append(form);
    await defined('jobag-order-form');
    await form.updateComplete;
    expect(fetchedChunk('en')).to.equal(true);
    expect(form.shadowRoot!.textContent).to.contain('The element is not connected to JobAG');
    expect(form.shadowRoot!.textContent).to.not.contain('Elementet mangler');
  });
});
