import { LitElement, css, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import type { JobagClient, Me } from '../sdk/index.ts';
import { defineElement } from './registry.ts';
import { send, tokenSource, type TokenGetter } from './client.ts';
import { createWidgetClient } from './connect.ts';
import { clientContext, localeContext, meContext, orderChangesContext, ordersChangedContext } from './contexts.ts';
import { OrderChanges } from './live.ts';
import { loadStrings, type Locale } from './strings.ts';

/**
 * Shares one SDK client, the signed-in user (`GET /v1/me`) and the language with every JobAG
 * element inside it. The token from `getToken` is reused until the API says it expired; then
 * `getToken({ refresh: true })` is called once and the request retried. It opens one live event
 * stream (`GET /v1/events`) for the whole page, as soon as an element inside wants live updates,
 * and shares it: a change made here or anywhere else reaches every list, view and log inside.
 *
 * @summary Connects the JobAG elements inside it to the API.
 * @slot - The JobAG elements (and anything else).
 *
 * @example
 * ```html
 * <jobag-provider base-url="https://api.example" locale="da">
 *   <jobag-order-list></jobag-order-list>
 *   <jobag-order-form></jobag-order-form>
 * </jobag-provider>
 * <script type="module">
 *   document.querySelector('jobag-provider').getToken = () => fetch('/my-backend/jobag-token').then((r) => r.text());
 * </script>
 * ```
 */
export class JobagProvider extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** The API origin, e.g. `https://api.example`. */
  @property({ attribute: 'base-url' }) accessor baseUrl = '';

  /** Resolves to a widget token minted by the host's backend (`POST /v1/sessions`). */
  @property({ attribute: false }) accessor getToken: TokenGetter | undefined = undefined;

  /** `da` (default) or `en` for every element inside. */
  @property() accessor locale: Locale = 'da';

  readonly #client = new ContextProvider(this, { context: clientContext });
  readonly #me = new ContextProvider(this, { context: meContext });
  readonly #locale = new ContextProvider(this, { context: localeContext, initialValue: 'da' });
  readonly #changes = new ContextProvider(this, { context: ordersChangedContext, initialValue: 0 });
  readonly #orderChanges = new ContextProvider(this, { context: orderChangesContext });

  /** The shared client, once `base-url` and `getToken` are set. */
  get client(): JobagClient | undefined {
    return this.#client.value;
  }

  /** The signed-in user, shared with the elements inside. */
  get me(): Promise<Me> | undefined {
    return this.#me.value;
  }

  /** Fetches the signed-in user again (e.g. after the host switched user without a new `getToken`). */
  refresh(): void {
    const client = this.#client.value;
    if (!client) return;
    const me = send(client.GET('/v1/me')).then((r) => r.data);
    // Each element reports a failure itself; this only keeps the rejection from going unhandled.
    me.catch(() => undefined);
    this.#me.setValue(me);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale')) {
      // Fetched now, beside the elements' own chunks, rather than when the first one renders.
      loadStrings(this.locale)?.catch(() => undefined);
      this.#locale.setValue(this.locale === 'en' ? 'en' : 'da');
    }
    if (changed.has('baseUrl') || changed.has('getToken')) {
      this.#orderChanges.value?.close();
      const token = this.getToken ? tokenSource(this.getToken) : undefined;
      const connected = this.baseUrl && token ? { baseUrl: this.baseUrl, getToken: token } : undefined;
      this.#client.setValue(connected ? createWidgetClient(connected.baseUrl, connected.getToken, { shared: true }) : undefined);
      const bump = () => this.#changes.setValue((this.#changes.value ?? 0) + 1);
      this.#orderChanges.setValue(connected ? new OrderChanges(connected, bump) : undefined);
      if (this.#client.value) this.refresh();
      else this.#me.setValue(undefined);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#orderChanges.value?.close();
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}

defineElement('jobag-provider', JobagProvider);

declare global {
  interface HTMLElementTagNameMap {
    'jobag-provider': JobagProvider;
  }
}
