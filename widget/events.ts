import type { JobOrder } from '../sdk/index.ts';

/**
 * The events the JobAG elements fire. Each is an `Event` subclass that bubbles and crosses shadow
 * roots, so a host page can listen on the element, on a provider or on `document`.
 *
 * @example
 * form.addEventListener('jobag-order-created', (event) => console.log(event.detail.id));
 */
export abstract class JobagEvent<D> extends Event {
  constructor(type: string, readonly detail: D, cancelable = false) {
    super(type, { bubbles: true, composed: true, cancelable });
  }
}

/** An order was created (R2.7); `detail` is the stored order, receipt shown. */
export class OrderCreatedEvent extends JobagEvent<JobOrder> {
  static readonly type = 'jobag-order-created';
  constructor(order: JobOrder) {
    super(OrderCreatedEvent.type, order);
  }
}

/** An order was edited (R7.4); `detail` is the order as stored now. */
export class OrderUpdatedEvent extends JobagEvent<JobOrder> {
  static readonly type = 'jobag-order-updated';
  constructor(order: JobOrder) {
    super(OrderUpdatedEvent.type, order);
  }
}

/**
 * The user pressed "Fortryd" (R2.7). Cancelable: unless the host calls `preventDefault()`, a create
 * form goes back to its defaults; an edit form is left as it is for the host to close.
 */
export class CancelEvent extends JobagEvent<{ orderId: number | null }> {
  static readonly type = 'jobag-cancel';
  constructor(orderId: number | null) {
    super(CancelEvent.type, { orderId }, true);
  }
}

/**
 * The user opened an order from the list (R3.4). Cancelable: with `href-template` the link is
 * followed unless the host calls `preventDefault()` (client-side routing); without one it never is.
 */
export class OrderOpenEvent extends JobagEvent<{ id: number; href: string | null }> {
  static readonly type = 'jobag-order-open';
  constructor(readonly id: number, href: string | null) {
    super(OrderOpenEvent.type, { id, href }, true);
  }
}

/**
 * The user pressed "Rediger jobordre" in the order view (R4.2). Cancelable: unless the host calls
 * `preventDefault()` (to route to its own edit page), the view opens the order form in place.
 */
export class OrderEditEvent extends JobagEvent<{ id: number }> {
  static readonly type = 'jobag-order-edit';
  constructor(id: number) {
    super(OrderEditEvent.type, { id }, true);
  }
}

/** The order's status was changed from the order view (R4.2, R7.5); `detail` is the order as stored now. */
export class OrderStatusChangedEvent extends JobagEvent<JobOrder> {
  static readonly type = 'jobag-order-status-changed';
  constructor(order: JobOrder) {
    super(OrderStatusChangedEvent.type, order);
  }
}

/**
 * The user pressed "Kopiér jobordre" in the order view. Cancelable: unless the host
 * calls `preventDefault()` (to copy on its own page), the view opens the order form in place,
 * prefilled from the order; its save creates the copy with `copyOf`.
 */
export class OrderCopyEvent extends JobagEvent<{ id: number }> {
  static readonly type = 'jobag-order-copy';
  constructor(id: number) {
    super(OrderCopyEvent.type, { id }, true);
  }
}

declare global {
  interface HTMLElementEventMap {
    'jobag-order-created': OrderCreatedEvent;
    'jobag-order-updated': OrderUpdatedEvent;
    'jobag-cancel': CancelEvent;
    'jobag-order-open': OrderOpenEvent;
    'jobag-order-edit': OrderEditEvent;
    'jobag-order-status-changed': OrderStatusChangedEvent;
    'jobag-order-copy': OrderCopyEvent;
  }
}
