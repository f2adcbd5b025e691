// The real app, mounted by the test server on this page's own origin (see web-test-runner.config.mjs).
import type { TokenGetter } from '../../../widget/client.ts';

export const realBaseUrl = location.origin;

/** Gets a widget token the way the example portal does: from its backend route, which holds the demo key. */
export function realToken(contactPersonId = 1): TokenGetter {
  return async () => {
    const response = await fetch('/examples/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ contactPersonId }),
    });
    if (!response.ok) throw new Error(`token route answered ${response.status}`);
    return response.text();
  };
}

/** A caseworker's token at Jobcenter København, from the desk page's backend route (which holds the jobcenter's key). */
export function caseworkerToken(name = 'Lars Holm'): TokenGetter {
  return async () => {
    const response = await fetch('/examples/caseworker-token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name }),
    });
    if (!response.ok) throw new Error(`caseworker token route answered ${response.status}`);
    return response.text();
  };
}
