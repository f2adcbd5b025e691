// The real app, mounted by the test server on this page's own origin (see web-test-runner.config.mjs).
import { createJobagClient } from '../../../sdk/index.ts';
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

/**
 * A fresh open order of the first demo company (Opvaskeassistent, Jobcenter København), made
 * through the SDK with the portal's token, so a test changes an order of its own.
 */
export async function createCompanyOrder(description: string, positions = 1): Promise<number> {
  const jobag = createJobagClient({ baseUrl: realBaseUrl, getToken: realToken(1) });
  const me = (await jobag.GET('/v1/me')).data!;
  const workplace = me.company!.workplaces[0]!;
  const contact = me.contactPerson!;
  const { data, error } = await jobag.POST('/v1/job-orders', {
    params: { header: { 'Idempotency-Key': crypto.randomUUID() } },
    body: {
      occupationCode: '941201',
      responsibleJobcenterId: '101',
      description,
      positions,
      workplace: { pNumber: workplace.pNumber, name: workplace.name, street: workplace.street, postalCode: workplace.postalCode, city: workplace.city },
      contact: { contactPersonId: contact.id, name: contact.name, email: contact.email },
    },
  });
  if (!data) throw new Error(`could not create an order: ${JSON.stringify(error)}`);
  return data.id;
}
