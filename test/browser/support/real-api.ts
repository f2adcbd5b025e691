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

/**
 * A caseworker's token at another jobcenter (Jobcenter Aarhus, 751), minted the way its own
 * caseworker system's backend would (it holds that jobcenter's key); the demo key stays in tests.
 */
export function otherJobcenterToken(name = 'Ida Krogh'): TokenGetter {
  return async () => {
    const response = await fetch('/v1/sessions', {
      method: 'POST',
      headers: { authorization: 'Bearer demo_jobcenter_751', 'content-type': 'application/json' },
      body: JSON.stringify({ caseworker: { name } }),
    });
    if (!response.ok) throw new Error(`POST /v1/sessions answered ${response.status}`);
    return ((await response.json()) as { token: string }).token;
  };
}
