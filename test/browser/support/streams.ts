// Watches the page's live event streams against the real app. A `GET /v1/events` answered 200
// means the server has fixed where the stream starts, so a change made after it reaches the
// stream: tests wait for that instead of "letting the stream connect" for a while.
import { waitUntil } from '@open-wc/testing';

let opened = 0;
const pageFetch = globalThis.fetch;
globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
  const response = await pageFetch.call(globalThis, input, init);
  const url = new URL(input instanceof Request ? input.url : String(input), location.href);
  if (response.ok && url.pathname === '/v1/events') opened++;
  return response;
};

/** How many streams this page has opened so far: a mark to wait from. */
export const streamsOpened = () => opened;

/** Waits until `count` streams have opened since `mark`. */
export const streamsOpen = (mark: number, count: number) =>
  waitUntil(() => opened >= mark + count, `${count} live stream(s) never opened`, { timeout: 10_000 });
