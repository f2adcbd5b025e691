import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { ContextConsumer } from '@lit/context';
import type { JobagClient, Me } from '../sdk/index.ts';
import { ApiError, createWidgetClient, send, type TokenGetter } from './client.ts';
import { clientContext, localeContext, meContext, ordersChangedContext } from './contexts.ts';
import type { CancelEvent, OrderCreatedEvent, OrderOpenEvent, OrderUpdatedEvent } from './events.ts';
import { stringsFor, type Locale, type Strings } from './strings.ts';
// Joins the page's context root before any element asks for its context.
import './registry.ts';

type JobagEvent = OrderCreatedEvent | OrderUpdatedEvent | CancelEvent | OrderOpenEvent;

/**
 * What every JobAG element shares: its connection (from a `<jobag-provider>`, or its own
 * `base-url` + `getToken`), its language, typed events and the wording of API errors.
 */
export abstract class JobagElement extends LitElement {
  /** The API origin when used without a provider, e.g. `https://api.example`. */
  @property({ attribute: 'base-url' }) accessor baseUrl = '';

  /** Resolves to a widget token from the host's backend, when used without a provider. */
  @property({ attribute: false }) accessor getToken: TokenGetter | undefined = undefined;

  /** `da` (default) or `en`; overrides the provider's locale. */
  @property() accessor locale: Locale | undefined = undefined;

  readonly #clientContext = new ContextConsumer(this, { context: clientContext, subscribe: true });
  readonly #meContext = new ContextConsumer(this, { context: meContext, subscribe: true });
  readonly #localeContext = new ContextConsumer(this, { context: localeContext, subscribe: true });
  /** Bumped by the provider when a sibling created or edited an order. */
  protected readonly ordersChanged = new ContextConsumer(this, { context: ordersChangedContext, subscribe: true });
  #own: { baseUrl: string; getToken: TokenGetter; client: JobagClient } | undefined;

  /** The client in use: the provider's, else one made from this element's own `base-url` and `getToken`. */
  protected get client(): JobagClient | undefined {
    if (this.baseUrl && this.getToken) {
      if (this.#own?.baseUrl !== this.baseUrl || this.#own.getToken !== this.getToken) {
        this.#own = { baseUrl: this.baseUrl, getToken: this.getToken, client: createWidgetClient(this.baseUrl, this.getToken) };
      }
      return this.#own.client;
    }
    return this.#clientContext.value;
  }

  /** The language in use. */
  protected get activeLocale(): Locale {
    return (this.locale ?? this.#localeContext.value) === 'en' ? 'en' : 'da';
  }

  protected get strings(): Strings {
    return stringsFor(this.activeLocale);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A re-attached element reloads whatever its loaders dropped on disconnect.
    this.requestUpdate();
  }

  /** The signed-in user: the provider's shared one, or fetched with this element's own client. */
  protected async loadMe(client: JobagClient, signal: AbortSignal): Promise<Me> {
    const shared = this.#clientContext.value === client ? this.#meContext.value : undefined;
    if (shared) return shared;
    return (await send(client.GET('/v1/me', { signal }))).data;
  }

  /** Fires one of the JobAG events; returns false when a listener called `preventDefault()`. */
  protected emit(event: JobagEvent): boolean {
    return this.dispatchEvent(event);
  }

  /** A failed call in the user's language: by its problem type, else by its status. */
  protected describeError(error: unknown): string {
    const s = this.strings.common;
    if (!(error instanceof ApiError)) return s.unexpected;
    if (error.status === 0) return s.network;
    const problem = error.problem;
    if (problem && Object.hasOwn(this.strings.problems, problem.type)) {
      const message = this.strings.problems[problem.type];
      // A request the element itself got wrong (400, 413, 415): the server's detail helps whoever reports it.
      const technical = error.status === 400 || error.status === 413 || error.status === 415;
      return technical && problem.detail ? `${message} ${problem.detail}` : message;
    }
    // A type this version does not know (a newer server), or no problem body (a proxy): by status.
    if (error.status === 401) return s.unauthorized;
    if (error.status === 403) return s.forbidden;
    if (error.status === 404) return s.notFound;
    if (error.status >= 500) return s.server;
    return error.problem?.detail ?? error.problem?.title ?? s.unexpected;
  }
}
