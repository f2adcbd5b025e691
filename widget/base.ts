import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { ContextConsumer } from '@lit/context';
import type { JobagClient, Me } from '../sdk/index.ts';
import { ApiError, send, tokenSource, type TokenGetter } from './client.ts';
import { clientContext, localeContext, meContext, orderChangesContext, ordersChangedContext } from './contexts.ts';
import { OrderChanges, type OrderChange } from './live.ts';
import { loadStrings, stringsFor, type Locale, type Strings } from './strings.ts';
import { lazyModule } from './lazy-module.ts';
// Joins the page's context root before any element asks for its context.
import './registry.ts';

/** The SDK client's module, fetched by the first element used without a provider (see `scheduleUpdate`). */
const connect = lazyModule(() => import('./connect.ts'));

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
  readonly #changesContext = new ContextConsumer(this, { context: orderChangesContext, subscribe: true });
  #own: { baseUrl: string; getToken: TokenGetter; client: JobagClient; changes: OrderChanges } | undefined;
  #following: { changes: OrderChanges; stop: () => void } | undefined;
  readonly #warned = new WeakSet<object>();
  #pausedNote: HTMLOutputElement | undefined;

  constructor() {
    super();
    // Follows the page's order changes while connected, when the element wants them (see `orderChanged`).
    this.addController({
      hostUpdated: () => this.#follow(),
      hostDisconnected: () => this.#unfollow(),
    });
  }

  /** The client in use: the provider's, else one made from this element's own `base-url` and `getToken`. */
  protected get client(): JobagClient | undefined {
    return this.#ownConnection()?.client ?? this.#clientContext.value;
  }

  /** The page's order changes: the provider's shared stream, else this element's own. */
  protected get changes(): OrderChanges | undefined {
    return this.#ownConnection()?.changes ?? this.#changesContext.value;
  }

  /**
   * Called for every change of an order seen on the page (the live stream, or a sibling's own
   * change). An element that shows orders overrides it; the stream opens only for those.
   */
  protected orderChanged?(change: OrderChange): void;

  /** Tells the page an order changed here, so the lists, views and logs beside this element update at once. */
  protected publishChange(change: OrderChange): void {
    this.changes?.publish({ ...change, source: this });
  }

  #ownConnection() {
    if (!this.baseUrl || !this.getToken || !connect.module) return undefined;
    if (this.#own?.baseUrl !== this.baseUrl || this.#own.getToken !== this.getToken) {
      this.#own?.changes.close();
      const token = tokenSource(this.getToken);
      this.#own = {
        baseUrl: this.baseUrl,
        getToken: this.getToken,
        client: connect.module.createWidgetClient(this.baseUrl, token, { shared: true }),
        changes: new OrderChanges({ baseUrl: this.baseUrl, getToken: token }),
      };
    }
    return this.#own;
  }

  #follow(): void {
    const changes = this.orderChanged ? this.changes : undefined;
    if (this.#following?.changes !== changes && this.isConnected) {
      this.#unfollow();
      if (changes) this.#following = { changes, stop: changes.subscribe((change) => change.source !== this && this.orderChanged?.(change), (paused) => this.#showPaused(paused)) };
    }
    // After a switch of language the note speaks the one in use.
    if (this.#pausedNote?.textContent) this.#showPaused(true);
  }

  #unfollow(): void {
    this.#following?.stop();
    this.#following = undefined;
    this.#showPaused(false);
  }

  /**
   * Says on the element itself, politely, that what it shows may be out of date while the stream
   * is down. Outside the rendered template (every element that follows the stream has it, none
   * renders it); an `<output>`, a polite live region there before it is filled, so it is announced.
   */
  #showPaused(paused: boolean): void {
    let note = this.#pausedNote;
    if (!note) {
      if (!this.#following) return;
      note = this.#pausedNote = document.createElement('output');
      note.part.value = 'live-status';
      this.renderRoot.prepend(note);
    }
    note.textContent = paused ? this.strings.common.livePaused : '';
    note.className = paused ? 'notice' : '';
  }

  /** The language in use. */
  protected get activeLocale(): Locale {
    return (this.locale ?? this.#localeContext.value) === 'en' ? 'en' : 'da';
  }

  protected get strings(): Strings {
    return stringsFor(this.activeLocale);
  }

  /**
   * Renders in English only once its catalogue is loaded (a chunk of its own), so no Danish
   * flashes first; and, used without a provider, only once the SDK client's code is there.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const words = loadStrings(this.activeLocale);
    const connecting = this.baseUrl && this.getToken && !connect.module ? connect.load() : undefined;
    if (!words && !connecting) return super.scheduleUpdate();
    // Should a chunk fail to load, the element still renders: in Danish, or saying what is missing.
    return Promise.allSettled([words, connecting]).then(() => super.scheduleUpdate());
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

  /** Fires one of the JobAG events (`widget/events.ts`); returns false when a listener called `preventDefault()`. */
  protected emit(event: Event): boolean {
    return this.dispatchEvent(event);
  }

  /** A failed call in the user's language: by its problem type, else by its status. */
  protected describeError(error: unknown): string {
    const s = this.strings.common;
    if (!(error instanceof ApiError)) return s.unexpected;
    if (error.status === 0) return s.network;
    const problem = error.problem;
    if (problem?.type === '/problems/origin-not-allowed' && !this.#warned.has(error)) {
      // The host developer needs the truth in the console too: which origin, and who can allow it.
      this.#warned.add(error);
      console.warn(`JobAG <${this.localName}>: ${problem.detail} To allow ${location.origin}: admin.ts allow-origin.`);
    }
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
