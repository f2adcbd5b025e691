// Live updates through one event stream per page: the provider opens it, every element
// inside shares it; a reconnect after a token refresh resumes with Last-Event-ID.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import '../../widget/index.ts';
import type { JobagProvider } from '../../widget/provider.ts';
import { api, apiBase, endStreams, eventRequests, logEntry, noStats, openStreams, order, placement, problem, pushEvent, pushReset, startMocks, tokens, worker } from './support/mock-api.ts';

before(startMocks);
afterEach(() => {
  worker.resetHandlers();
  endStreams();
});

const shadowText = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

describe('live updates', () => {
  it('the provider opens ONE /v1/events stream for list, view, log and candidates, and each updates within 2 s of a change elsewhere', async () => {
    let candidates = 0;
    worker.use(
      http.get(api('/v1/job-orders'), () => HttpResponse.json({ items: [order(7, { candidateCount: candidates })], nextCursor: null })),
      http.get(api('/v1/job-orders/7'), () => HttpResponse.json(order(7, { version: 1 + candidates, candidateCount: candidates }), { headers: { etag: `"${1 + candidates}"` } })),
      http.get(api('/v1/job-orders/7/placements'), () => HttpResponse.json({ items: candidates ? [placement(1, { jobOrderId: 7 })] : [], nextCursor: null })),
    );
    eventRequests.length = 0;
    const { getToken } = tokens();
    const provider = await fixture<JobagProvider>(html`
      <jobag-provider base-url=${apiBase} .getToken=${getToken}>
        <jobag-order-list></jobag-order-list>
        <jobag-order-view order-id="7"></jobag-order-view>
        <jobag-placement-log order-id="7"></jobag-placement-log>
        <jobag-candidates order-id="7"></jobag-candidates>
      </jobag-provider>
    `);
    const [list, view, log, people] = ['jobag-order-list', 'jobag-order-view', 'jobag-placement-log', 'jobag-candidates'].map((tag) => provider.querySelector(tag)!);
    await waitUntil(() => view!.shadowRoot!.querySelector('[part="summary"]') && log!.shadowRoot!.querySelector('tbody tr') && people!.shadowRoot!.querySelector('h2'));
    await waitUntil(() => openStreams() === 1, 'no stream');
    expect(eventRequests, 'one stream for the whole page').to.have.length(1);
    expect(eventRequests[0]!.headers.get('authorization')).to.equal('Bearer token-1');

    candidates = 1;
    const started = Date.now();
    pushEvent(logEntry(60, { orderId: 7, orderVersion: 2, action: 'placement', placementId: 1, description: 'Mira kan starte mandag.', actor: { kind: 'jobcenter', name: 'Jobcenter København', person: 'Lars Holm' } }));
    await waitUntil(
      () =>
        list!.shadowRoot!.querySelector('tbody tr td:nth-child(6)')!.textContent!.trim() === '1' &&
        log!.shadowRoot!.querySelectorAll('tbody tr').length === 2 &&
        people!.shadowRoot!.querySelector('[part="candidate-link"]') !== null,
      'not every element updated',
      { timeout: 2000 },
    );
    expect(Date.now() - started).to.be.below(2000);
    expect(shadowText(log!)).to.contain('Formidling');
    expect(shadowText(people!)).to.contain('Mira Jensen');
    for (const el of [list!, view!, log!, people!]) {
      expect(el.shadowRoot!.querySelector('[aria-live="polite"]'), `${el.localName} announces politely`).to.exist;
    }
    expect(eventRequests, 'still one stream').to.have.length(1);
  });

  it('a reset (the stream too far behind to replay) makes list, view, log, candidates and the desk load again: no change is missed', async () => {
    let missed = false;
    let statsAsked = 0;
    let orderAsked = 0;
    worker.use(
      http.get(api('/v1/job-orders'), () => HttpResponse.json({ items: [order(7, { candidateCount: missed ? 1 : 0 })], nextCursor: null })),
      http.get(api('/v1/job-orders/7'), () => {
        orderAsked++;
        return HttpResponse.json(order(7, { version: missed ? 2 : 1, candidateCount: missed ? 1 : 0 }), { headers: { etag: missed ? '"2"' : '"1"' } });
      }),
      http.get(api('/v1/job-orders/7/log'), () =>
        HttpResponse.json({ items: [logEntry(1, { orderId: 7 }), ...(missed ? [logEntry(60, { orderId: 7, action: 'placement', description: 'Mira kan starte mandag.' })] : [])], nextCursor: null }),
      ),
      http.get(api('/v1/job-orders/7/placements'), () => HttpResponse.json({ items: missed ? [placement(1, { jobOrderId: 7 })] : [], nextCursor: null })),
      http.get(api('/v1/placement-stats'), () => {
        statsAsked++;
        return HttpResponse.json(noStats);
      }),
    );
    eventRequests.length = 0;
    const { getToken } = tokens();
    const provider = await fixture<JobagProvider>(html`
      <jobag-provider base-url=${apiBase} .getToken=${getToken}>
        <jobag-order-list></jobag-order-list>
        <jobag-order-view order-id="7"></jobag-order-view>
        <jobag-placement-log order-id="7"></jobag-placement-log>
        <jobag-candidates order-id="7"></jobag-candidates>
        <jobag-jobcenter-desk></jobag-jobcenter-desk>
      </jobag-provider>
    `);
    const [list, view, log, people] = ['jobag-order-list', 'jobag-order-view', 'jobag-placement-log', 'jobag-candidates'].map((tag) => provider.querySelector(tag)!);
    await waitUntil(() => view!.shadowRoot!.querySelector('[part="summary"]') && log!.shadowRoot!.querySelector('tbody tr') && people!.shadowRoot!.querySelector('h2') && list!.shadowRoot!.querySelector('tbody tr'));
    await waitUntil(() => statsAsked > 0 && openStreams() === 1, 'no stream');
    const statsBefore = statsAsked;
    const orderBefore = orderAsked;
    // Changes happened that the stream will not replay: the server says so with a reset.
    missed = true;
    pushReset(500);
    await waitUntil(
      () =>
        list!.shadowRoot!.querySelector('tbody tr td:nth-child(6)')!.textContent!.trim() === '1' &&
        log!.shadowRoot!.querySelectorAll('tbody tr').length === 2 &&
        people!.shadowRoot!.querySelector('[part="candidate-link"]') !== null &&
        statsAsked > statsBefore &&
        orderAsked > orderBefore,
      'an element kept showing what it had before the reset',
      { timeout: 3000 },
    );
    expect(shadowText(log!)).to.contain('Mira kan starte mandag.');
    expect(eventRequests, 'the stream goes on: no reconnect').to.have.length(1);
  });

  it('a reconnect after a token refresh misses nothing: the reader resumes with Last-Event-ID and the fresh token', async () => {
    let expired = false;
    worker.use(
      http.get(api('/v1/events'), ({ request }) => {
        if (expired && request.headers.get('authorization') === 'Bearer token-1') {
          eventRequests.push(request);
          return problem(401, 'token-expired', 'The token has expired; fetch a new one.');
        }
        return undefined; // the default stream
      }),
    );
    eventRequests.length = 0;
    const { getToken, calls } = tokens();
    const provider = await fixture<JobagProvider>(html`
      <jobag-provider base-url=${apiBase} .getToken=${getToken}><jobag-placement-log order-id="7"></jobag-placement-log></jobag-provider>
    `);
    const log = provider.querySelector('jobag-placement-log')!;
    await waitUntil(() => openStreams() === 1 && log.shadowRoot!.querySelector('tbody tr'), 'no stream');
    pushEvent(logEntry(70, { orderId: 7, action: 'note', description: 'Første note.' }));
    await waitUntil(() => log.shadowRoot!.querySelectorAll('tbody tr').length === 2);
    // The server ends the stream (as it does every ten minutes) and the token has expired meanwhile.
    expired = true;
    endStreams();
    await waitUntil(() => openStreams() === 1, 'never reconnected', { timeout: 4000 });
    expect(calls).to.deep.include({ refresh: true });
    const resumed = eventRequests.at(-1)!;
    expect(resumed.headers.get('authorization')).to.equal('Bearer token-2');
    expect(resumed.headers.get('last-event-id')).to.equal('70');
    pushEvent(logEntry(71, { orderId: 7, action: 'note', description: 'Anden note.' }));
    await waitUntil(() => log.shadowRoot!.querySelectorAll('tbody tr').length === 3, 'the entry after the reconnect never arrived');
  });

  it('a standalone element opens its own stream, and none is opened by a page with only a form', async () => {
    eventRequests.length = 0;
    const { getToken } = tokens();
    const form = await fixture(html`<jobag-order-form base-url=${apiBase} .getToken=${getToken}></jobag-order-form>`);
    await waitUntil(() => form.shadowRoot!.querySelector('form'));
    const log = await fixture(html`<jobag-placement-log order-id="7" base-url=${apiBase} .getToken=${getToken}></jobag-placement-log>`);
    await waitUntil(() => openStreams() === 1, 'no own stream');
    // The form came first: had it opened a stream, its request would be here before the log's.
    expect(eventRequests, 'only the log asked for a stream').to.have.length(1);
    log.remove();
    await waitUntil(() => openStreams() === 0, 'the stream outlived its element');
  });
});
