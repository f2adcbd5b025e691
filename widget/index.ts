/**
 * The JobAG Orders web components. Importing this module registers every element (each only if
 * its tag is still free):
 *
 * ```html
 * <script type="module" src="https://api.example/dist/jobag.js"></script>
 * <jobag-provider base-url="https://api.example" locale="da">
 *   <jobag-order-list></jobag-order-list>
 *   <jobag-order-form></jobag-order-form>
 *   <jobag-order-view order-id="17"></jobag-order-view>
 *   <jobag-placement-log order-id="17"></jobag-placement-log>
 *   <jobag-candidates order-id="17"></jobag-candidates>
 *   <jobag-jobcenter-desk></jobag-jobcenter-desk> <!-- with a caseworker's token -->
 *   <jobag-order-page routing="hash"></jobag-order-page> <!-- list, view, edit and create in one -->
 * </jobag-provider>
 * ```
 */
// The provider first: elements below it then find their context on the first try.
export { JobagProvider } from './provider.ts';
export { JobagOrderList, type SortKey, type SortOrder } from './order-list.ts';
export { JobagOrderForm } from './order-form.ts';
export { JobagOrderView } from './order-view.ts';
export { JobagPlacementLog } from './placement-log.ts';
export { JobagCandidates } from './candidates.ts';
export { JobagJobcenterDesk } from './jobcenter-desk.ts';
export { JobagOrderPage, hashOf, routeFromHash, type OrderPageRoute } from './order-page.ts';
export { JobagElement } from './base.ts';
export { defineElement } from './registry.ts';
export { ApiError, type TokenGetter } from './client.ts';
export { createWidgetClient } from './connect.ts';
export { clientContext, localeContext, meContext, orderChangesContext, ordersChangedContext } from './contexts.ts';
export { OrderChanges, type OrderChange } from './live.ts';
export { CandidateOpenEvent, OutcomeRecordedEvent } from './candidate-events.ts';
export { RouteChangeEvent, type OrderPageScreen } from './order-page-events.ts';
export {
  CancelEvent,
  JobagEvent,
  OrderCopyEvent,
  OrderCreatedEvent,
  OrderEditEvent,
  OrderOpenEvent,
  OrderStatusChangedEvent,
  OrderUpdatedEvent,
} from './events.ts';
export { formatDate, loadStrings, locales, stringsFor, type Locale, type Strings } from './strings.ts';
