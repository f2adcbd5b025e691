import { createContext } from '@lit/context';
import type { JobagClient, Me } from '../sdk/index.ts';
import type { Locale } from './strings.ts';
import type { OrderChanges } from './live.ts';

// String keys, not symbols: an element from one bundle must find a provider from another bundle
// (a page may load the served dist/jobag.js beside an app bundled from the npm build).

/** The SDK client every element inside a `<jobag-provider>` uses. */
export const clientContext = createContext<JobagClient | undefined>('jobag:client');

/** The signed-in user (`GET /v1/me`), fetched once by the provider and shared; a promise so a failure reaches each element. */
export const meContext = createContext<Promise<Me> | undefined>('jobag:me');

/** The interface language (R8.2). */
export const localeContext = createContext<Locale | undefined>('jobag:locale');

/** Grows whenever an element inside the provider created or edited an order, so lists reload. */
export const ordersChangedContext = createContext<number | undefined>('jobag:orders-changed');

/** The page's order changes and its one live event stream (`GET /v1/events`), opened by the provider. */
export const orderChangesContext = createContext<OrderChanges | undefined>('jobag:order-changes');
