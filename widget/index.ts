/**
 * The JobAG Orders web components. Importing this module registers every element (each only if
 * its tag is still free):
 *
 * ```html
 * <script type="module" src="https://api.example/dist/jobag.js"></script>
 * <jobag-provider base-url="https://api.example" locale="da">
 *   <jobag-order-list></jobag-order-list>
 *   <jobag-order-form></jobag-order-form>
 * </jobag-provider>
 * ```
 */
// The provider first: elements below it then find their context on the first try.
export { JobagProvider } from './provider.ts';
export { JobagOrderList, type SortKey, type SortOrder } from './order-list.ts';
export { JobagOrderForm } from './order-form.ts';
export { JobagElement } from './base.ts';
export { defineElement } from './registry.ts';
export { ApiError, createWidgetClient, type TokenGetter } from './client.ts';
export { clientContext, localeContext, meContext, ordersChangedContext } from './contexts.ts';
export { CancelEvent, OrderCreatedEvent, OrderOpenEvent, OrderUpdatedEvent } from './events.ts';
export { formatDate, locales, stringsFor, type Locale, type Strings } from './strings.ts';
