import { JobagEvent } from './events.ts';

// Its own module, in the order page's chunk: pages without it do not carry it.

/** A screen of `<jobag-order-page>`: the list, one order, its edit form, or the create form. */
export type OrderPageScreen = 'list' | 'view' | 'edit' | 'new';

/**
 * `<jobag-order-page>` moved to another screen (by the user, the back button or a deep link);
 * `detail` `{ screen, orderId }`. The document title is the host's: set it here if wanted.
 */
export class RouteChangeEvent extends JobagEvent<{ screen: OrderPageScreen; orderId: number | null }> {
  static readonly type = 'jobag-route-change';
  constructor(screen: OrderPageScreen, orderId: number | null) {
    super(RouteChangeEvent.type, { screen, orderId });
  }
}

declare global {
  interface HTMLElementEventMap {
    'jobag-route-change': RouteChangeEvent;
  }
}
