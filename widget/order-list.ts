import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { TaskStatus } from '@lit/task';
import type { JobOrder, JobOrderPage, JobagClient, paths } from '../sdk/index.ts';
import { orderStatuses } from '../sdk/rules.ts';
import { JobagElement } from './base.ts';
import { defineElement } from './registry.ts';
import { send } from './client.ts';
import { OrderOpenEvent } from './events.ts';
import type { OrderChange } from './live.ts';
import { orderListStyles } from './order-list.styles.ts';
import { PagedList } from './paging.ts';
import { formatDate, prepareDates, type Said } from './strings.ts';
import { tableStyles } from './table.styles.ts';
import { themeStyles } from './theme.styles.ts';
import './locales/da.list.ts';
import './locales/da.orders.ts';

type ListQuery = NonNullable<paths['/v1/job-orders']['get']['parameters']['query']>;
/** A column the API sorts by (R3.3). */
export type SortKey = NonNullable<ListQuery['sort']>;
export type SortOrder = NonNullable<ListQuery['order']>;

/** The seven columns of R3.2, in order, with the API's sort key of each; the jobcenter's list adds the company after the title. */
const columns: readonly { key: SortKey; number?: boolean }[] = [
  { key: 'id', number: true },
  { key: 'title' },
  { key: 'company' },
  { key: 'contact' },
  { key: 'status' },
  { key: 'updatedAt' },
  { key: 'candidates', number: true },
  { key: 'longTerm' },
];

/**
 * The company's job orders (R3): the seven columns of R3.2, sorted on the server by any column
 * (a heading's button sorts ascending, again descending), filtered by status, paged with the
 * API's cursor ("Vis flere"). The job title opens the order: it fires `jobag-order-open`, and with
 * `href-template` it is also a real link.
 *
 * @summary The job-order list: Jobordrer.
 *
 * @fires jobag-order-open - `OrderOpenEvent`, `detail` `{ id, href }`; cancelable (stops a templated link being followed).
 *
 * @csspart base - The wrapper of everything the element shows.
 * @csspart toolbar - The row with the status filter; `status-filter` the select.
 * @csspart scroll-hint - The hint that the table scrolls sideways to show every column.
 * @csspart table - The `<table>`; `caption`, `header` (each `<th>`), `sort-button`, `row` (each `<tr>` of an order), `cell`.
 * @csspart order-link - The job title link.
 * @csspart status - A status label, also `status-open`, `status-inactive` or `status-closed`.
 * @csspart more - The "Vis flere" button.
 * @csspart empty - The text shown when there are no orders.
 * @csspart error - The error message with its retry button.
 *
 * @cssprop --jobag-font-family, --jobag-font-size - Type.
 * @cssprop --jobag-color-text, --jobag-color-muted, --jobag-color-background, --jobag-color-surface - Text, quiet text, background, controls.
 * @cssprop --jobag-color-primary, --jobag-color-on-primary, --jobag-color-border, --jobag-color-error, --jobag-color-focus - Links and the sorted heading, rules, errors, focus ring.
 * @cssprop --jobag-radius, --jobag-space - Corner radius and the spacing unit.
 *
 * @example
 * ```html
 * <jobag-order-list href-template="/orders/{id}" sort="updatedAt" order="desc"></jobag-order-list>
 * ```
 */
export class JobagOrderList extends JobagElement {
  static override styles = [themeStyles, tableStyles, orderListStyles];

  /** The column sorted by (R3.3). */
  @property() accessor sort: SortKey = 'id';

  /** `asc` or `desc`. */
  @property() accessor order: SortOrder = 'desc';

  /** Only orders with this status; empty for all (R3.5). */
  @property() accessor status: JobOrder['status'] | '' = '';

  /** Orders per page (1–100); "Vis flere" fetches the next page. */
  @property({ attribute: 'page-size', type: Number }) accessor pageSize = 25;

  /** Jobcenter callers: only the orders this jobcenter is responsible for ("Kun mine"). */
  @property({ type: Boolean }) accessor responsible = false;

  /** Shows the company of each order after its title (the jobcenter's side, where orders of many companies meet). */
  @property({ attribute: 'show-company', type: Boolean }) accessor showCompany = false;

  /** Makes each title a real link: `{id}` is replaced by the order's id, e.g. `/orders/{id}`. */
  @property({ attribute: 'href-template' }) accessor hrefTemplate = '';

  /**
   * The first page the host already has for the signed-in person, with the query it asked
   * `GET /v1/job-orders` (e.g. its server put it in the page, as the example portal does): shown at
   * once while the list's own first request is in flight, then replaced by that answer. Used once,
   * and only when `query` is the one that request sends (sort, order, status, page-size, responsible).
   */
  @property({ attribute: false }) accessor firstPage: { query: ListQuery; page: JobOrderPage } | undefined = undefined;

  /** Bumped by a change made elsewhere (the live stream), so the list loads again. */
  @state() accessor revision = 0;
  @state() accessor announcement: Said | null = null;

  readonly #orders = new PagedList<JobOrder, readonly [JobagClient | undefined, SortKey, SortOrder, JobOrder['status'] | '', number, boolean, number]>(this, {
    fetch: ([client, sort, order, status, limit, responsible], cursor, signal) => {
      if (!client) return null;
      // After a change elsewhere, as many rows as were shown, so "Vis flere" pages are not lost.
      const query: ListQuery = { sort, order, limit: cursor ? limit : Math.min(100, Math.max(limit, this.#keepRows)) };
      this.#keepRows = 0;
      if (status) query.status = status;
      if (responsible) query.responsible = 'true';
      if (cursor) query.cursor = cursor;
      const page = send(client.GET('/v1/job-orders', { params: { query }, signal })).then((r) => r.data);
      if (!cursor) this.#showFirstPage(query);
      prepareDates();
      return page;
    },
    args: () => [this.client, this.sort, this.order, this.status, this.pageSize, this.responsible, this.revision] as const,
  });

  #keepRows = 0;
  /** The first page has been asked for (`firstPage` is used only for that request). */
  #asked = false;

  /** The orders shown (all pages loaded so far). */
  get items(): JobOrder[] {
    return this.#orders.items;
  }

  /**
   * Moves focus to an order's title, when it is shown: where a host returns the user after
   * closing the order they opened from here. Returns whether it could.
   */
  focusOrder(id: number): boolean {
    const link = this.renderRoot.querySelector<HTMLElement>(`tr[data-id="${id}"] a`);
    link?.focus();
    return !!link;
  }

  /** Fetches the first page again, e.g. after the host changed an order some other way. */
  reload(): void {
    void this.#orders.reload();
  }

  /** The host's `firstPage`, once, when it answers `query`. */
  #showFirstPage(query: ListQuery): void {
    // Only before the first request: a page given later would be older than what is shown.
    const given = this.#asked ? undefined : this.firstPage;
    this.#asked = true;
    this.firstPage = undefined;
    if (!given) return;
    const asked = Object.entries(query);
    const same = asked.length === Object.keys(given.query).length && asked.every(([key, value]) => String(given.query[key as keyof ListQuery]) === String(value));
    if (same) this.#orders.preview(given.page);
  }

  /** Any change of any order may move it in this list (status, latest action, candidates): load again. */
  protected override orderChanged(change: OrderChange): void {
    this.#keepRows = this.items.length;
    this.revision++;
    const entry = !change.own && change.entry;
    if (entry) this.announcement = (s) => s.view.live(s.log.actions[entry.action], entry.actor.name);
  }

  protected override render() {
    return html`<div class="base" part="base" lang=${this.activeLocale}>${this.#renderContent()}</div>`;
  }

  #renderContent() {
    const s = this.strings;
    if (!this.client) return html`<p class="alert" role="alert">${s.common.notConfigured}</p>`;
    const first = this.#orders.first;
    const loading = first.status === TaskStatus.PENDING || first.status === TaskStatus.INITIAL;
    const status =
      loading ? s.list.loading
      : this.#orders.moreStatus === 'pending' ? s.list.loadingMore
      : first.status === TaskStatus.COMPLETE ? `${s.list.shown(this.items.length)} ${s.list.sortedBy(s.list.columns[this.sort], this.order === 'asc')}`
      : '';
    return html`
      <div class="toolbar" part="toolbar">
        <label for="status-filter">${s.list.statusFilter}</label>
        <select id="status-filter" part="status-filter" @change=${this.#handleStatus}>
          <option value="" ?selected=${this.status === ''}>${s.list.allStatuses}</option>
          ${orderStatuses.map(
            (value) => html`<option value=${value} ?selected=${this.status === value}>${s.statuses[value]}</option>`,
          )}
        </select>
      </div>
      <p role="status" class="visually-hidden">${status}</p>
      <p role="status" aria-live="polite" class="visually-hidden" id="live">${this.announcement?.(this.strings)}</p>
      ${first.status === TaskStatus.ERROR
        ? html`<div class="alert" role="alert" part="error">
            <p>${s.list.loadFailed} ${this.describeError(first.error)}</p>
            <button type="button" @click=${() => this.reload()}>${s.common.retry}</button>
          </div>`
        : loading && !this.items.length
          ? html`<p class="empty" part="empty" aria-hidden="true">${s.list.loading}</p>`
          : this.items.length
            ? this.#renderTable(loading)
            : html`<p class="empty" part="empty">${this.status ? s.list.emptyFiltered(s.statuses[this.status]) : this.showCompany ? s.list.emptyScheme : s.list.empty}</p>`}
      ${this.#orders.moreStatus === 'error'
        ? html`<p class="alert" role="alert" part="error">${this.describeError(this.#orders.moreError)}</p>`
        : nothing}
      ${this.#orders.nextCursor && first.status === TaskStatus.COMPLETE
        ? html`<button type="button" class="more" part="more" aria-disabled=${this.#orders.moreStatus === 'pending' ? 'true' : 'false'} @click=${this.#handleMore}>
            ${s.list.showMore}
          </button>`
        : nothing}
    `;
  }

  #renderTable(busy: boolean) {
    const s = this.strings;
    return html`<p class="scroll-hint" part="scroll-hint" id="scroll-hint">${s.list.scrollHint}</p>
      <div class="scroll" role="region" aria-label=${s.list.scrollRegion} aria-describedby="scroll-hint" tabindex="0">
      <table part="table" aria-busy=${busy ? 'true' : 'false'}>
        <caption part="caption">${this.showCompany ? s.list.jobcenterCaption : s.list.heading}</caption>
        <thead>
          <tr>
            ${columns.map((column) => {
              if (column.key === 'company' && !this.showCompany) return nothing;
              const sorted = column.key === this.sort;
              return html`<th
                scope="col"
                part="header"
                class=${column.number ? 'number' : ''}
                aria-sort=${sorted ? (this.order === 'asc' ? 'ascending' : 'descending') : nothing}
              >
                <button type="button" part="sort-button" data-sort=${column.key} @click=${() => this.#sortBy(column.key)}>
                  ${s.list.columns[column.key]}${sorted ? html`<span class="arrow" aria-hidden="true">${this.order === 'asc' ? '▲' : '▼'}</span>` : nothing}
                </button>
              </th>`;
            })}
          </tr>
        </thead>
        <tbody>
          ${this.items.map((order) => this.#renderRow(order))}
        </tbody>
      </table>
    </div>`;
  }

  #renderRow(order: JobOrder) {
    const s = this.strings;
    const href = this.#hrefOf(order.id);
    return html`<tr part="row" data-id=${order.id}>
      <td part="cell" class="number">${order.id}</td>
      <td part="cell">
        <a part="order-link" href=${href ?? `#jobag-order-${order.id}`} @click=${(event: MouseEvent) => this.#handleOpen(event, order.id, href)}
          >${order.occupation.title}</a
        >
      </td>
      ${this.showCompany ? html`<td part="cell">${order.company.name}</td>` : nothing}
      <td part="cell">${order.contact.name}</td>
      <td part="cell"><span class="status" part="status status-${order.status}">${s.statuses[order.status]}</span></td>
      <td part="cell">${formatDate(order.updatedAt)}</td>
      <td part="cell" class="number">${order.candidateCount}</td>
      <td part="cell">${order.longTerm ? s.common.yes : s.common.no}</td>
    </tr>`;
  }

  #hrefOf(id: number): string | null {
    return this.hrefTemplate ? this.hrefTemplate.replaceAll('{id}', encodeURIComponent(String(id))) : null;
  }

  /** "Vis flere": focus stays on the button while more remain, else moves to the first new order's link. */
  #handleMore = async () => {
    const start = await this.#orders.more();
    await this.updateComplete;
    if (start >= 0 && !this.#orders.nextCursor) this.focusOrder(this.items[start]!.id);
  };

  /** R3.3: a new column sorts ascending; the sorted column again reverses. */
  #sortBy(key: SortKey): void {
    if (key === this.sort) this.order = this.order === 'asc' ? 'desc' : 'asc';
    else {
      this.sort = key;
      this.order = 'asc';
    }
  }

  #handleStatus = (event: Event) => {
    this.status = (event.target as HTMLSelectElement).value as JobOrder['status'] | '';
  };

  /** R3.4: the host decides where an order opens; a templated link is followed unless it says no. */
  #handleOpen(event: MouseEvent, id: number, href: string | null): void {
    const newTab = event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;
    if (href && newTab) return;
    const proceed = this.emit(new OrderOpenEvent(id, href));
    if (!href || !proceed) event.preventDefault();
  }
}

defineElement('jobag-order-list', JobagOrderList);

declare global {
  interface HTMLElementTagNameMap {
    'jobag-order-list': JobagOrderList;
  }
}
