// /docs as a person sees it: the real app's reference page, rendered by RapiDoc from
// openapi.yaml with every asset from this server — the operations are there, Markdown is rendered
// (no raw ** or backticks), and "try it" is offered. The page itself may not be framed
// or opened by another page (frame-ancestors 'none', COOP), so the test takes the page's own
// <rapi-doc> element and its script and renders them here; its CSP is tested in trust-http.
import { expect, waitUntil } from '@open-wc/testing';

describe('/docs, the API reference', () => {
  it('renders the operations and the Markdown of the contract, loading nothing from elsewhere', async function () {
    this.timeout(30000);
    const html = await (await fetch('/docs')).text();
    const page = new DOMParser().parseFromString(html, 'text/html');
    const script = page.querySelector('script[src]')!.getAttribute('src')!;
    expect(script).to.equal('/docs/rapidoc.js');
    await new Promise((resolve, reject) => {
      const tag = Object.assign(document.createElement('script'), { src: script, onload: resolve, onerror: reject });
      document.head.append(tag);
    });
    const element = document.importNode(page.querySelector('rapi-doc')!, true) as HTMLElement;
    element.style.height = '900px';
    document.body.append(element);
    const reference = () => element.shadowRoot;
    await waitUntil(() => reference()?.textContent?.includes('Create a job order'), 'no operation rendered', { timeout: 20000 });
    const text = reference()!.textContent!;
    expect(text.includes('/v1/job-orders'), 'the path').to.equal(true);
    expect(text.includes('Opret jobordre (R2)'), 'the description').to.equal(true);
    // Markdown rendered: the description's **Authentication.** is bold, not asterisks.
    const strong = [...reference()!.querySelectorAll('strong, b')].map((s) => s.textContent?.trim());
    expect(strong).to.include('Authentication.');
    expect(text.includes('**Authentication.**'), 'raw Markdown').to.equal(false);
    // Schemas render as an operation scrolls into view, which a background test page never paints;
    // here: the request's authentication scheme, described from the contract's security scheme.
    expect(text.includes('Bearer Token in Authorization header'), 'the security scheme').to.equal(true);
    expect(element.getAttribute('allow-try'), '"try it" offered').to.equal('true');
    // Everything it loaded came from this origin (fonts included: load-fonts is off).
    const foreign = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .map((e) => e.name)
      .filter((url) => new URL(url).origin !== location.origin);
    expect(foreign).to.deep.equal([]);
    element.remove();
  });
});
