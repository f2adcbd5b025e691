// A connection that heals: when the API stops accepting the page's token (a server restarted with
// a new signing secret) the elements ask the host's getToken again, the stream resumes where it
// left off, and the user sees live updates paused meanwhile, never a request to sign in.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import '../../widget/index.ts';
import type { JobagProvider } from '../../widget/provider.ts';
import { api, apiBase, endStreams, eventRequests, logEntry, openStreams, order, problem, pushEvent, startMocks, tokens, worker } from './support/mock-api.ts';

before(startMocks);
afterEach(() => {
  worker.resetHandlers();
  endStreams();
});

const text = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
const pausedNote = (el: Element) => el.shadowRoot!.querySelector('output[part="live-status"]');
const signInAgain = /Log ind igen|sign in again/;

/**
 * An API that, once `restart()` is called, is unreachable until `comeBack()`, and then refuses
 * every token minted before it came back, as a server with a new signing secret does.
 */
function restartingApi(calls: unknown[]) {
  let down = false;
  let validFrom = 1;
  const refused = (request: Request) => {
    const n = Number(request.headers.get('authorization')?.replace('Bearer token-', ''));
    return n < validFrom ? problem(401, 'unauthorized', 'The token is not valid.') : undefined;
  };
  worker.use(
    http.all(api('/v1/*'), ({ request }) => {
      if (down) return HttpResponse.error();
      const answer = refused(request);
      if (answer && new URL(request.url).pathname === '/v1/events') eventRequests.push(request);
      return answer;
    }),
  );
  return {
    restart() {
      down = true;
      endStreams();
    },
    /** Back up, accepting only tokens from `firstValid` on (by default: those minted from now on). */
    comeBack(firstValid = calls.length + 1) {
      down = false;
      validFrom = firstValid;
    },
  };
}

describe('a connection that heals', () => {
  it('after a restart with a new signing secret: paused on every element, then the stream resumes with a fresh token and Last-Event-ID', async () => {
    worker.use(http.get(api('/v1/job-orders'), () => HttpResponse.json({ items: [order(7)], nextCursor: null })));
    eventRequests.length = 0;
    const { getToken, calls } = tokens();
    const api_ = restartingApi(calls);
    const provider = await fixture<JobagProvider>(html`
      <jobag-provider base-url=${apiBase} .getToken=${getToken}>
        <jobag-order-list></jobag-order-list>
        <jobag-placement-log order-id="7"></jobag-placement-log>
      </jobag-provider>
    `);
    const list = provider.querySelector('jobag-order-list')!;
    const log = provider.querySelector('jobag-placement-log')!;
    await waitUntil(() => openStreams() === 1 && log.shadowRoot!.querySelector('tbody tr') && list.shadowRoot!.querySelector('tbody tr'), 'no stream');
    pushEvent(logEntry(70, { orderId: 7, action: 'note', description: 'Før genstart.' }));
    await waitUntil(() => log.shadowRoot!.querySelectorAll('tbody tr').length === 2);
    expect(pausedNote(log)?.textContent ?? '', 'nothing paused while the stream is open').to.equal('');

    api_.restart();
    await waitUntil(() => [list, log].every((el) => /Liveopdateringer er på pause/.test(pausedNote(el)?.textContent ?? '')), 'no element said live updates are paused', { timeout: 5000 });
    const note = pausedNote(log)!;
    expect(note.localName, 'a polite live region').to.equal('output');
    expect(note.getBoundingClientRect().height, 'visible').to.be.above(0);

    api_.comeBack();
    await waitUntil(() => openStreams() === 1, 'the stream never resumed', { timeout: 8000 });
    expect(calls, 'getToken asked again').to.deep.include({ refresh: true });
    const resumed = eventRequests.at(-1)!;
    expect(Number(resumed.headers.get('authorization')!.replace('Bearer token-', '')), 'with a token minted after the restart').to.be.at.least(calls.length);
    expect(resumed.headers.get('last-event-id')).to.equal('70');
    await waitUntil(() => [list, log].every((el) => pausedNote(el)!.textContent === ''), 'the paused note stayed');
    pushEvent(logEntry(71, { orderId: 7, action: 'note', description: 'Efter genstart.' }));
    await waitUntil(() => log.shadowRoot!.querySelectorAll('tbody tr').length === 3, 'the entry after the restart never arrived');
    for (const el of [list, log]) expect(text(el)).not.to.match(signInAgain);
  });

  it('a request with a token the API no longer accepts asks getToken again and goes through', async () => {
    const { getToken, calls } = tokens();
    worker.use(http.get(api('/v1/job-orders'), () => HttpResponse.json({ items: [order(9)], nextCursor: null })));
    restartingApi(calls).comeBack(2); // token-1 was minted before the restart: refused
    const provider = await fixture<JobagProvider>(html`<jobag-provider base-url=${apiBase} .getToken=${getToken}><jobag-order-list></jobag-order-list></jobag-provider>`);
    const list = provider.querySelector('jobag-order-list')!;
    await waitUntil(() => list.shadowRoot!.querySelector('tbody tr[data-id="9"], [role="alert"]'), 'the list never loaded', { timeout: 5000 });
    expect(list.shadowRoot!.querySelector('tbody tr[data-id="9"]'), text(list)).to.exist;
    expect(calls).to.deep.include({ refresh: true });
    expect(text(list)).not.to.match(signInAgain);
  });

  it('asks the user to sign in again only when getToken itself fails', async () => {
    worker.use(http.get(api('/v1/job-orders'), () => problem(401, 'unauthorized', 'The token is not valid.')));
    let asked = 0;
    const getToken = async (options?: { refresh?: boolean }) => {
      asked += 1;
      if (options?.refresh) throw new Error('the portal session ended');
      return 'token-1';
    };
    const provider = await fixture<JobagProvider>(html`<jobag-provider base-url=${apiBase} .getToken=${getToken}><jobag-order-list></jobag-order-list></jobag-provider>`);
    const list = provider.querySelector('jobag-order-list')!;
    await waitUntil(() => list.shadowRoot!.querySelector('[role="alert"]'), 'no error shown', { timeout: 5000 });
    expect(asked, 'a refresh was tried').to.be.at.least(2);
    expect(text(list)).to.match(/Log ind igen/);
  });
});
