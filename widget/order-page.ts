import { css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { Task, TaskStatus } from '@lit/task';
import { JobagElement } from './base.ts';
import { CancelEvent, OrderCreatedEvent, OrderEditEvent, OrderOpenEvent } from './events.ts';
import { RouteChangeEvent, type OrderPageScreen } from './order-page-events.ts';
import './candidates.ts';
import './order-form.ts';
import type { JobagOrderList } from './order-list.ts';
import './order-list.ts';
import './order-view.ts';
import './placement-log.ts';
import { defineElement } from './registry.ts';
import type { Said } from './strings.ts';
import { themeStyles } from './theme.styles.ts';
import './locales/da.page.ts';

/** Where `<jobag-order-page>` is: a screen, and the order it shows (view and edit only). */
export interface OrderPageRoute {
  readonly screen: OrderPageScreen;
  readonly orderId: number | null;
}

const listRoute: OrderPageRoute = { screen: 'list', orderId: null };

/**
 * The route a location hash names: `#/orders`, `#/orders/new`, `#/orders/17`, `#/orders/17/edit`.
 * Anything else (no hash, the host's own anchors) is the list.
 */
export function routeFromHash(hash: string): OrderPageRoute {
  const match = /^#\/orders(?:\/(?:(new)|([1-9]\d{0,14})(\/edit)?))?\/?$/.exec(hash);
  if (match?.[1]) return { screen: 'new', orderId: null };
  if (match?.[2]) return { screen: match[3] ? 'edit' : 'view', orderId: Number(match[2]) };
  return listRoute;
}

/** The location hash of a route (the inverse of `routeFromHash`). */
export function hashOf(route: OrderPageRoute): string {
  switch (route.screen) {
    case 'new':
      return '#/orders/new';
    case 'view':
      return `#/orders/${route.orderId}`;
    case 'edit':
      return `#/orders/${route.orderId}/edit`;
    default:
      return '#/orders';
  }
}

/** How long the page waits for a new screen's heading (its data loading) before leaving focus where it is. */
const headingWaitMs = 20_000;

/**
 * The whole job-order feature in one tag, for portals that want it at once: the list (R3); an
 * order's title opens the order (R4: summary, status with a note, details, then its formidlingslog
 * and candidates, R4.3, R4.4); "Rediger jobordre" opens the form in edit mode (R7) and "Opret
 * jobordre" in create mode (R2); saving or "Fortryd" returns to the order or the list.
 *
 * With `routing="hash"` the screen lives in `location.hash` (`#/orders/17`, `#/orders/17/edit`,
 * `#/orders/new`), so the browser's back and forward buttons work, a link opens straight at an order,
 * and an order's title is a real link (open it in a new tab). Use one such page per document. With
 * `routing="none"` (the default: nothing of the host's URL is touched) the screen is internal.
 *
 * On every change of screen focus moves to the new screen's heading and the change is announced
 * politely (WCAG 2.4.3, 4.1.3); the first screen takes no focus. The document title is the host's:
 * it may follow `jobag-route-change`.
 *
 * @summary The job-order page: list, view, edit and create in one element, with hash routing.
 *
 * @fires jobag-route-change - `RouteChangeEvent`, `detail` `{ screen, orderId }` (`screen` is `list`, `view`, `edit` or `new`), also for the first screen.
 * @fires jobag-order-open - From the list inside (`OrderOpenEvent`); the page opens the order itself.
 * @fires jobag-order-created - From the form inside (`OrderCreatedEvent`).
 * @fires jobag-order-updated - From the form inside (`OrderUpdatedEvent`).
 * @fires jobag-order-status-changed - From the order view inside (`OrderStatusChangedEvent`).
 *
 * @csspart base - The wrapper of everything the element shows.
 * @csspart bar - The row above each screen with its heading or back button.
 * @csspart heading - The list screen's heading.
 * @csspart create - The "Opret jobordre" button.
 * @csspart back - The back button ("Tilbage til jobordrer" / "Tilbage til jobordren").
 * @csspart open-created - The button that opens an order just created.
 *
 * @cssprop --jobag-color-text, --jobag-color-primary, --jobag-color-on-primary, --jobag-color-border, --jobag-color-focus - As the other elements (see the README).
 *
 * @example
 * ```html
 * <jobag-provider base-url="https://api.example">
 *   <jobag-order-page routing="hash"></jobag-order-page>
 * </jobag-provider>
 * ```
 */
export class JobagOrderPage extends JobagElement {
  static override styles = [
    themeStyles,
    css`
      .base {
        display: grid;
        gap: calc(var(--_space) * 3);
        min-width: 0;
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: var(--_space);
      }
      h2 {
        margin: 0;
        overflow-wrap: anywhere;
      }
    `,
  ];

  /** `hash`: the screen lives in `location.hash` (back button, deep links); `none`: internal. */
  @property() accessor routing: 'hash' | 'none' = 'none';

  /** The screen shown and its order. */
  @state() accessor route: OrderPageRoute = listRoute;
  @state() accessor announcement: Said | null = null;
  /** The order just created on the create screen, to open it from its receipt. */
  @state() accessor createdId: number | null = null;

  /**
   * Who is signed in: "Opret jobordre" is offered to a company's contact person, not once the API
   * refused the page (an origin the company has not allowed) or the user has no company.
   */
  readonly #me = new Task(this, { task: ([client], { signal }) => (client ? this.loadMe(client, signal) : undefined), args: () => [this.client] as const });

  /** The hashes this page pushed, newest last: "back" within the page is the browser's back when it can be. */
  #trail: string[] = [];
  /** Bumped on every change of screen, so a wait for an older screen's heading gives up. */
  #navigation = 0;
  #announced = false;

  /** Shows a screen, as the user would get there: a new history entry with `routing="hash"`. */
  navigate(screen: OrderPageScreen, orderId: number | null = null): void {
    const route = screen === 'view' || screen === 'edit' ? { screen, orderId } : { screen, orderId: null };
    if ((screen === 'view' || screen === 'edit') && !(Number.isSafeInteger(orderId) && orderId! > 0)) throw new RangeError(`navigate('${screen}') needs an order id.`);
    this.#go(route, 'push');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.#handleHashChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.#handleHashChange);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A deep link opens straight at its screen (and a page switched to hash routing takes the URL's).
    if (changed.has('routing') && this.routing === 'hash') {
      this.route = routeFromHash(location.hash);
      this.#trail = [hashOf(this.route)];
    }
  }

  protected override updated(): void {
    if (!this.#announced) {
      this.#announced = true;
      this.emit(new RouteChangeEvent(this.route.screen, this.route.orderId));
    }
  }

  protected override render() {
    return html`<div class="base" part="base" lang=${this.activeLocale}>
      <p role="status" aria-live="polite" class="visually-hidden">${this.announcement?.(this.strings)}</p>
      ${keyed(hashOf(this.route), this.#renderScreen())}
    </div>`;
  }

  #renderScreen() {
    const p = this.strings.page;
    const { screen, orderId } = this.route;
    if (screen === 'list') {
      return html`<section aria-labelledby="page-heading">
        <div class="bar" part="bar">
          <h2 id="page-heading" part="heading" tabindex="-1">${p.heading}</h2>
          ${this.#me.status === TaskStatus.ERROR || (this.#me.value && !this.#me.value.company)
            ? nothing
            : html`<button type="button" class="primary" part="create" id="create" @click=${() => this.#go({ screen: 'new', orderId: null }, 'push')}>${p.create}</button>`}
        </div>
        <jobag-order-list
          href-template=${this.routing === 'hash' ? `${location.pathname}${location.search}#/orders/{id}` : nothing}
          .baseUrl=${this.baseUrl}
          .getToken=${this.getToken}
          .locale=${this.locale}
          @jobag-order-open=${this.#handleOpen}
        ></jobag-order-list>
      </section>`;
    }
    const back =
      screen === 'edit'
        ? html`<button type="button" part="back" id="back" @click=${() => this.#go({ screen: 'view', orderId }, 'up')}>${p.backToOrder}</button>`
        : html`<button type="button" part="back" id="back" @click=${() => this.#go(listRoute, 'up')}>${p.back}</button>`;
    if (screen === 'view') {
      return html`<div class="bar" part="bar">${back}</div>
        <jobag-order-view order-id=${orderId!} .baseUrl=${this.baseUrl} .getToken=${this.getToken} .locale=${this.locale} @jobag-order-edit=${this.#handleEdit}></jobag-order-view>
        <jobag-placement-log order-id=${orderId!} .baseUrl=${this.baseUrl} .getToken=${this.getToken} .locale=${this.locale}></jobag-placement-log>
        <jobag-candidates order-id=${orderId!} .baseUrl=${this.baseUrl} .getToken=${this.getToken} .locale=${this.locale}></jobag-candidates>`;
    }
    return html`<div class="bar" part="bar">${back}</div>
      <jobag-order-form
        order-id=${screen === 'edit' ? orderId! : nothing}
        .baseUrl=${this.baseUrl}
        .getToken=${this.getToken}
        .locale=${this.locale}
        @jobag-order-created=${this.#handleCreated}
        @jobag-order-updated=${() => this.#go({ screen: 'view', orderId }, 'up')}
        @jobag-cancel=${this.#handleCancel}
      ></jobag-order-form>
      ${this.createdId !== null
        ? html`<div class="bar" part="bar">
            <button type="button" class="primary" part="open-created" @click=${() => this.#go({ screen: 'view', orderId: this.createdId }, 'push')}>
              ${p.openCreated(this.createdId)}
            </button>
          </div>`
        : nothing}`;
  }

  /** R3.4: the page opens the order itself (a new-tab click on the title's link never gets here). */
  #handleOpen = (event: OrderOpenEvent) => {
    event.preventDefault();
    this.#go({ screen: 'view', orderId: event.detail.id }, 'push');
  };

  /** R4.2: "Rediger jobordre" opens the edit screen, not the form inside the view. */
  #handleEdit = (event: OrderEditEvent) => {
    event.preventDefault();
    this.#go({ screen: 'edit', orderId: event.detail.id }, 'push');
  };

  #handleCreated = (event: OrderCreatedEvent) => {
    this.createdId = event.detail.id;
  };

  /** "Fortryd": an edit returns to its order, a new order to the list. */
  #handleCancel = (event: CancelEvent) => {
    event.preventDefault();
    const { screen, orderId } = this.route;
    this.#go(screen === 'edit' ? { screen: 'view', orderId } : listRoute, 'up');
  };

  #replacing = false;

  /**
   * `push` adds a screen; `up` returns to a screen (the order from its form, the list from an
   * order), through the browser's history when the page came from there, so back and forward
   * stay true to what the user did.
   */
  #go(route: OrderPageRoute, how: 'push' | 'up'): void {
    if (this.routing !== 'hash') {
      this.#show(route);
      return;
    }
    const hash = hashOf(route);
    if (how === 'up' && this.#trail.at(-2) === hash) {
      history.back();
    } else if (how === 'up') {
      this.#replacing = true;
      location.replace(`${location.pathname}${location.search}${hash}`);
    } else if (location.hash === hash) {
      this.#show(route);
    } else {
      location.hash = hash;
    }
  }

  #handleHashChange = () => {
    if (this.routing !== 'hash') return;
    const route = routeFromHash(location.hash);
    const hash = hashOf(route);
    if (this.#replacing) this.#trail.pop();
    else if (this.#trail.at(-2) === hash) this.#trail.pop();
    if (this.#trail.at(-1) !== hash) this.#trail.push(hash);
    this.#replacing = false;
    if (hash !== hashOf(this.route)) this.#show(route);
  };

  #show(route: OrderPageRoute): void {
    if (route.screen !== 'new') this.createdId = null;
    const from = this.route.orderId;
    this.route = route;
    this.announcement = ({ page: { shown } }) =>
      route.screen === 'view' ? shown.view(route.orderId!)
      : route.screen === 'edit' ? shown.edit(route.orderId!)
      : route.screen === 'new' ? shown.create
      : shown.list;
    this.emit(new RouteChangeEvent(route.screen, route.orderId));
    void this.#focusHeading(++this.#navigation, from);
  }

  /**
   * Focus to the new screen's heading; back on the list, to the row of the order just left, where
   * the user was before opening it. An order, a form or the list shows it once loaded: until then
   * the back button (the list's heading) holds focus, as the link or button pressed is gone, and
   * focus moves on only if the user has not moved it meanwhile.
   */
  async #focusHeading(navigation: number, from: number | null): Promise<void> {
    await this.updateComplete;
    const root = this.renderRoot as ShadowRoot;
    const { screen } = this.route;
    const holder = root.getElementById(screen === 'list' ? 'page-heading' : 'back');
    holder?.focus();
    if (screen === 'list' && from === null) return;
    const child = root.querySelector(screen === 'list' ? 'jobag-order-list' : screen === 'view' ? 'jobag-order-view' : 'jobag-order-form');
    const until = Date.now() + headingWaitMs;
    while (navigation === this.#navigation && Date.now() < until) {
      const target = screen === 'list' ? undefined : child?.shadowRoot?.getElementById(screen === 'view' ? 'view-heading' : 'form-heading');
      const mine = root.activeElement === holder || root.activeElement === null;
      if (screen === 'list' ? (child as JobagOrderList | null)?.items.length : target) {
        if (mine) target ? target.focus() : (child as JobagOrderList).focusOrder(from!);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

defineElement('jobag-order-page', JobagOrderPage);

declare global {
  interface HTMLElementTagNameMap {
    'jobag-order-page': JobagOrderPage;
  }
}
