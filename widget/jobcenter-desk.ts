import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { TaskStatus } from '@lit/task';
import { type CreatePlacement, type FieldError, type JobOrder, type JobagClient, type Placement } from '../sdk/index.ts';
import { JobagElement } from './base.ts';
import { ApiError, send } from './client.ts';
import type { OrderOpenEvent } from './events.ts';
import { jobcenterDeskStyles } from './jobcenter-desk.styles.ts';
import type { OrderChange } from './live.ts';
import { orderDetailsStyles, renderOrderDetails } from './order-details.ts';
import './order-list.ts';
import { PagedList } from './paging.ts';
import './placement-log.ts';
import { defineElement } from './registry.ts';
import { outcomeText } from './outcome-text.ts';
import { formatDate, type Said, type Strings } from './strings.ts';
import { tableStyles } from './table.styles.ts';
import { themeStyles } from './theme.styles.ts';
import { VersionedSave, versionedOrder } from './versioned-save.ts';
import { renderDeskStats, type StatsRow, type StatsTotals } from './desk-stats.ts';
import './locales/da.list.ts';
import './locales/da.form.ts';
import './locales/da.errors.ts';
import './locales/da.candidates.ts';
import './locales/da.desk.ts';
import './locales/da.orders.ts';

/** The desk's actions, each with its own message beside its form. */
type Action = 'coordinator' | 'place' | 'withdraw' | 'note';
type Outcome = { ok: Said } | { error: Said };
/** The desk's words that name one of its fields. */
type Label = { [K in keyof Strings['desk']]: Strings['desk'][K] extends string ? K : never }[keyof Strings['desk']];
/** A required field left empty: its control, its label and its form. */
type Missing = { id: string; label: Label; action: Action };

/** The journal entries that change "Jobcentrets resultater". */
const statsActions = new Set<OrderChange['action']>(['placement', 'withdrawn', 'outcome']);

/**
 * The caseworker's side (R1.4, R1.5, R5): the scheme's job orders with their company ("Kun mine":
 * only those this jobcenter is responsible for), and one order opened in place with what a
 * jobcenter does to it: appoint the tovholder (sent with `If-Match`), place a candidate (name, year
 * of birth, address protection — its address fields are cleared and never sent —, a searchable CV
 * or contact details only, R5.2; one `Idempotency-Key` per submitted form), withdraw the
 * jobcenter's own candidates (Fjernet, R5.3), write a note to the company (R5.4), and the
 * formidlingslog. Each action shows only when the order's (or the candidate's) `actions` name
 * it — the server's answer for this caller, so another jobcenter's order offers no tovholder or
 * note and a closed order no placement; a refusal that still comes (the order changed meanwhile)
 * is explained next to the action. Withdrawing asks for confirmation with an optional reason,
 * starting on "Fortryd"; Escape cancels. Follows the live
 * stream: a change made elsewhere shows without a reload, announced politely. Above the list,
 * "Jobcentrets resultater": per order and in total, the jobcenter's own placements,
 * hires, days to its first placement and fill rate; each own candidate shows its outcome.
 *
 * @summary The jobcenter desk: the scheme's orders, tovholder, placements, withdrawals and notes.
 *
 * @fires jobag-order-open - From the list inside, `detail` `{ id, href }`; the desk opens the order in place.
 *
 * @csspart base - The wrapper of everything the element shows.
 * @csspart mine - The "Kun mine" checkbox.
 * @csspart summary - The opened order's summary `<dl>`; `details` its full details.
 * @csspart coordinator-form - The tovholder form; `place-form` the candidate form; `note-form` the note form.
 * @csspart placements - The `<ul>` of the jobcenter's own candidates; `withdraw` each withdraw button, `withdraw-confirm` the confirmation.
 * @csspart message - A confirmation of an action; `error` a refusal or failure, next to its action.
 * @csspart error-summary - The candidate form's list of every empty required field, each a link to it.
 * @csspart back - The button back to the list.
 * @csspart stats - The results table; `stats-total` its totals row, `stats-more` its "Vis flere", `stats-empty` the text without results.
 * @csspart outcome - An own candidate's outcome.
 *
 * @cssprop --jobag-color-text, --jobag-color-primary, --jobag-color-border, --jobag-color-error - As the other elements (see the README).
 *
 * @example
 * ```html
 * <jobag-provider base-url="https://api.example">
 *   <jobag-jobcenter-desk mine></jobag-jobcenter-desk>
 * </jobag-provider>
 * ```
 */
export class JobagJobcenterDesk extends JobagElement {
  static override styles = [themeStyles, tableStyles, orderDetailsStyles, jobcenterDeskStyles];

  /** The order opened in place, or null for the list. */
  @property({ attribute: 'order-id', type: Number }) accessor orderId: number | null = null;

  /** "Kun mine": only the orders this jobcenter is responsible for. */
  @property({ type: Boolean }) accessor mine = false;

  @state() accessor revision = 0;
  @state() accessor announcement: Said | null = null;
  /** Address protection is checked on the candidate form: the address fields are empty and disabled. */
  @state() accessor addressProtected = false;
  /** The candidate form's choice (R5.2): a searchable CV, or contact details only. */
  @state() accessor cvSearchable = false;
  @state() accessor outcomes: Partial<Record<Action, Outcome>> = {};
  @state() accessor busy: Action | '' = '';
  /** Required fields left empty at the last submit, until filled: each shows its message, the candidate form lists them all. */
  @state() accessor missing: readonly Missing[] = [];
  /** The candidate whose withdrawal waits for confirmation, or null. */
  @state() accessor confirmingWithdraw: number | null = null;

  readonly #save = new VersionedSave(this);
  readonly #load = versionedOrder(this, this.#save, () => [this.client, this.orderId, this.revision] as const, (order) => {
    this.#order = order;
  });


  /** The candidates this jobcenter placed on the open order (the server shows a jobcenter only its own, R8.4). */
  readonly #placements = new PagedList<Placement, readonly [JobagClient | undefined, number | null, number]>(this, {
    fetch: ([client, id], cursor, signal) =>
      client && id !== null && id !== undefined
        ? send(client.GET('/v1/job-orders/{id}/placements', { params: { path: { id }, query: cursor ? { limit: 100, cursor } : { limit: 100 } }, signal })).then((r) => r.data)
        : null,
    args: () => [this.client, this.orderId, this.revision] as const,
  });

  /** The jobcenter's own numbers, while the list shows; the totals come with each page. */
  readonly #stats = new PagedList<StatsRow, readonly [JobagClient | undefined, boolean, number]>(this, {
    fetch: ([client, listing], cursor, signal) =>
      client && listing
        ? send(client.GET('/v1/placement-stats', { params: { query: cursor ? { limit: 25, cursor } : { limit: 25 } }, signal })).then((r) => {
            this.#statsTotals = r.data.totals;
            return r.data;
          })
        : null,
    args: () => [this.client, this.orderId === null, this.revision] as const,
  });
  #statsTotals: StatsTotals | null = null;

  #order: JobOrder | null = null;
  /** The last placement sent and its key: a retry of the same form reuses the key, so it never places twice. */
  #placing: { body: string; key: string } | undefined;

  protected override orderChanged(change: OrderChange): void {
    // The results follow the live stream while the list shows: the stream brings a jobcenter only
    // its own placements, withdrawals and outcomes (R8.4), each of which changes its numbers.
    if (this.orderId === null && (change.reset || statsActions.has(change.action))) {
      void this.#stats.reload();
      if (change.entry && !change.own) this.announcement = (s) => s.desk.statsLive;
      return;
    }
    if ((!change.reset && change.orderId !== this.orderId) || !this.#order) return;
    this.revision++;
    const entry = !change.own && change.entry;
    if (entry) this.announcement = (s) => s.desk.live(s.log.actions[entry.action], entry.actor.name);
  }

  protected override render() {
    return html`<div class="base" part="base" lang=${this.activeLocale}>
      <p role="status" aria-live="polite" class="visually-hidden">${this.announcement?.(this.strings)}</p>
      ${!this.client
        ? html`<p class="alert" role="alert">${this.strings.common.notConfigured}</p>`
        : this.orderId === null
          ? this.#renderList()
          : this.#renderOrder()}
    </div>`;
  }

  #renderList() {
    const d = this.strings.desk;
    return html`<section aria-labelledby="desk-heading">
      <h2 id="desk-heading" tabindex="-1">${d.heading}</h2>
      <div class="check">
        <input type="checkbox" id="mine" part="mine" .checked=${this.mine} @change=${this.#handleMine} />
        <label for="mine">${d.mine}</label>
      </div>
      ${this.#renderStats()}
      <jobag-order-list
        show-company
        ?responsible=${this.mine}
        .baseUrl=${this.baseUrl}
        .getToken=${this.getToken}
        .locale=${this.locale}
        @jobag-order-open=${this.#handleOpen}
      ></jobag-order-list>
    </section>`;
  }

  #renderStats() {
    const d = this.strings.desk;
    const first = this.#stats.first;
    return html`<section aria-labelledby="stats-heading">
      <h3 id="stats-heading">${d.statsHeading}</h3>
      ${first.status === TaskStatus.ERROR
        ? html`<p class="alert" role="alert" part="error">${d.statsFailed} ${this.describeError(first.error)}</p>`
        : first.status === TaskStatus.COMPLETE || first.value
          ? // While a live change reloads them, the last numbers stay (no flicker, no lost focus).
            renderDeskStats(this.#stats.items, this.#statsTotals, this.strings, { show: this.#stats.nextCursor !== null, onMore: () => void this.#stats.more() })
          : html`<p role="status">${d.statsLoading}</p>`}
    </section>`;
  }

  #renderOrder() {
    const s = this.strings;
    const order = this.#order && this.#order.id === this.orderId ? this.#order : null;
    if (!order) {
      return this.#load.render({
        initial: () => html`<p role="status">${s.desk.loading}</p>`,
        pending: () => html`<p role="status">${s.desk.loading}</p>`,
        error: (error) => html`<div class="alert" role="alert" part="error">
          <p>${s.desk.loadFailed} ${this.describeError(error)}</p>
          <button type="button" @click=${() => this.#load.run()}>${s.common.retry}</button>
        </div>`,
        complete: () => nothing,
      });
    }
    const v = s.view;
    // The server says what this jobcenter may do to the order now; nothing else is offered.
    const can = (action: JobOrder['actions'][number]) => order.actions.includes(action);
    return html`<div class="actions"><button type="button" part="back" id="back" @click=${this.#handleBack}>${s.desk.back}</button></div>
      <section aria-labelledby="order-heading">
        <h2 id="order-heading" tabindex="-1">${v.heading(order.id, order.occupation.title)}</h2>
        <dl class="details" part="summary">
          <dt>${s.desk.company}</dt>
          <dd>${order.company.name}</dd>
          <dt>${v.status}</dt>
          <dd><span class="status">${s.statuses[order.status]}</span></dd>
          <dt>${s.desk.responsible}</dt>
          <dd>${order.responsibleJobcenter.name}</dd>
          <dt>${v.coordinator}</dt>
          <dd id="coordinator">${order.coordinator ?? v.coordinatorNone}</dd>
          <dt>${s.list.columns.candidates}</dt>
          <dd>${order.candidateCount}${order.maxCandidates === null ? '' : ` / ${order.maxCandidates}`}</dd>
          <dt>${v.latestNote}</dt>
          <dd>${order.latestNote ? `${order.latestNote.text} (${v.noteMeta(formatDate(order.latestNote.at), order.latestNote.by)})` : v.noNote}</dd>
        </dl>
        <h3>${v.details}</h3>
        ${renderOrderDetails(order, s)}
      </section>
      ${can('appointCoordinator') ? this.#renderCoordinatorForm() : nothing} ${can('place') ? this.#renderPlaceForm() : nothing}
      ${this.#renderOwnPlacements()} ${can('note') ? this.#renderNoteForm() : nothing}
      <jobag-placement-log order-id=${order.id} .baseUrl=${this.baseUrl} .getToken=${this.getToken} .locale=${this.locale}></jobag-placement-log>`;
  }

  #renderOutcome(action: Action) {
    const outcome = this.outcomes[action];
    if (!outcome) return nothing;
    return 'ok' in outcome
      ? html`<p class="notice" role="status" part="message" id="${action}-message">${outcome.ok(this.strings)}</p>`
      : html`<p class="alert" role="alert" part="error" id="${action}-error">${outcome.error(this.strings)}</p>`;
  }

  #renderCoordinatorForm() {
    const d = this.strings.desk;
    return html`<section aria-labelledby="coordinator-heading">
      <form part="coordinator-form" novalidate @submit=${this.#handleAppoint} @input=${this.#handleInput}>
        <h3 id="coordinator-heading">${d.coordinatorHeading}</h3>
        ${this.#renderOutcome('coordinator')}
        ${this.#save.conflict
          ? html`<div class="alert" role="alert" part="error">
              <p>${d.conflict}</p>
              <button type="button" @click=${() => this.revision++}>${d.reload}</button>
            </div>`
          : nothing}
        ${this.#field('coordinator-name', 'coordinatorName', 'name', { required: true, autocomplete: 'name' })}
        ${this.#field('coordinator-email', 'email', 'email', { type: 'email', autocomplete: 'email' })}
        ${this.#field('coordinator-phone', 'phone', 'phone', { type: 'tel', autocomplete: 'tel' })}
        <div class="actions"><button type="submit" class="primary" id="appoint" aria-disabled=${this.busy === 'coordinator' ? 'true' : 'false'}>${d.appoint}</button></div>
      </form>
    </section>`;
  }

  #renderPlaceForm() {
    const d = this.strings.desk;
    // Every empty required field at once, as the employer's form does, each a link to its field.
    const missing = this.missing.filter((m) => m.action === 'place');
    return html`<section aria-labelledby="place-heading">
      <form part="place-form" novalidate @submit=${this.#handlePlace} @input=${this.#handleInput}>
        <h3 id="place-heading">${d.placeHeading}</h3>
        ${missing.length
          ? html`<div class="alert" role="alert" part="error-summary" id="place-summary">
              <p>${d.errorSummary(missing.length)}</p>
              <ul>
                ${missing.map((m) => html`<li><a href="#${m.id}" @click=${(e: Event) => this.#focusField(e, m.id)}>${d.required(d[m.label])}</a></li>`)}
              </ul>
            </div>`
          : this.#renderOutcome('place')}
        ${this.#field('candidate-name', 'name', 'name', { required: true })}
        ${this.#field('candidate-birth-year', 'birthYear', 'birthYear', { required: true, type: 'number' })}
        <div class="check">
          <input type="checkbox" id="address-protected" name="addressProtected" aria-describedby="address-protected-help" .checked=${this.addressProtected} @change=${this.#handleProtected} />
          <label for="address-protected">${d.addressProtected}</label>
        </div>
        <p class="help" id="address-protected-help">${d.addressProtectedHelp}</p>
        ${this.#field('candidate-street', 'street', 'street', { disabled: this.addressProtected })}
        ${this.#field('candidate-postal-code', 'postalCode', 'postalCode', { disabled: this.addressProtected })}
        ${this.#field('candidate-city', 'city', 'city', { disabled: this.addressProtected })}
        <fieldset>
          <legend>${d.cvChoice}</legend>
          <div class="check">
            <input type="radio" id="cv-searchable" name="cvChoice" value="cv" .checked=${this.cvSearchable} @change=${() => (this.cvSearchable = true)} />
            <label for="cv-searchable">${d.cvSearchable}</label>
          </div>
          <div class="check">
            <input type="radio" id="contact-only" name="cvChoice" value="contact" .checked=${!this.cvSearchable} @change=${() => (this.cvSearchable = false)} />
            <label for="contact-only">${d.contactOnly}</label>
          </div>
        </fieldset>
        ${this.cvSearchable
          ? html`${this.#field('cv-headline', 'cvHeadline', 'cvHeadline', { required: true })}
            ${this.#field('cv-summary', 'cvSummary', 'cvSummary', { required: true, multiline: true })}`
          : html`${this.#field('candidate-email', 'email', 'email', { type: 'email' })} ${this.#field('candidate-phone', 'phone', 'phone', { type: 'tel' })}`}
        ${this.#field('candidate-website', 'website', 'website', { type: 'url' })}
        ${this.#field('candidate-description', 'description', 'description', { required: true, multiline: true })}
        <div class="actions"><button type="submit" class="primary" id="place" aria-disabled=${this.busy === 'place' ? 'true' : 'false'}>${d.place}</button></div>
      </form>
    </section>`;
  }

  #renderOwnPlacements() {
    const d = this.strings.desk;
    const items = this.#placements.items;
    return html`<section aria-labelledby="own-heading">
      <h3 id="own-heading" tabindex="-1">${d.ownHeading}</h3>
      ${this.#renderOutcome('withdraw')}
      ${this.#placements.first.status === TaskStatus.ERROR
        ? html`<p class="alert" role="alert" part="error">${this.describeError(this.#placements.first.error)}</p>`
        : items.length
          ? html`<ul class="placements" part="placements">
              ${items.map(
                (p) => html`<li>
                  <span>${p.name} <span class="meta">${formatDate(p.placedAt)}${p.withdrawnAt ? ` · ${this.strings.candidates.withdrawn} ${formatDate(p.withdrawnAt)}` : ''}</span>
                    ${p.outcome ? html`<span class="meta" part="outcome">${this.strings.candidates.outcome}: ${this.#outcomeText(p.outcome)}</span>` : nothing}</span>
                  ${!p.actions.includes('withdraw')
                    ? nothing
                    : this.confirmingWithdraw === p.id
                      ? this.#renderWithdrawConfirm(p)
                      : html`<button type="button" part="withdraw" data-id=${p.id} @click=${() => this.#handleWithdrawAsk(p)}>${d.withdraw(p.name)}</button>`}
                </li>`,
              )}
            </ul>`
          : html`<p>${d.ownEmpty}</p>`}
    </section>`;
  }

  /** "Fjern …" asks first: an optional reason the company will read, then the safe choice or the withdrawal. */
  #renderWithdrawConfirm(p: Placement) {
    const d = this.strings.desk;
    return html`<div class="notice confirm" part="withdraw-confirm" role="group" aria-labelledby="withdraw-confirm-text" @keydown=${this.#handleWithdrawKey}>
      <p id="withdraw-confirm-text">${d.withdrawConfirm(p.name)}</p>
      <div class="field">
        <label for="withdraw-reason">${d.withdrawReason}</label>
        <textarea id="withdraw-reason" aria-describedby="withdraw-reason-help"></textarea>
        <p class="help" id="withdraw-reason-help">${d.withdrawReasonHelp}</p>
      </div>
      <div class="actions">
        <button type="button" class="primary" id="withdraw-yes" aria-disabled=${this.busy === 'withdraw' ? 'true' : 'false'} @click=${() => this.#handleWithdraw(p)}>
          ${d.withdrawYes(p.name)}
        </button>
        <button type="button" id="withdraw-no" @click=${() => this.#handleWithdrawCancel()}>${d.withdrawNo}</button>
      </div>
    </div>`;
  }

  #outcomeText(o: NonNullable<Placement['outcome']>): string {
    return outcomeText(o, this.strings);
  }

  #renderNoteForm() {
    const d = this.strings.desk;
    return html`<section aria-labelledby="note-heading">
      <form part="note-form" novalidate @submit=${this.#handleNote} @input=${this.#handleInput}>
        <h3 id="note-heading">${d.noteHeading}</h3>
        ${this.#renderOutcome('note')}
        ${this.#field('note-text', 'noteText', 'text', { required: true, multiline: true })}
        <div class="actions"><button type="submit" class="primary" id="send-note" aria-disabled=${this.busy === 'note' ? 'true' : 'false'}>${d.sendNote}</button></div>
      </form>
    </section>`;
  }

  #field(id: string, key: Label, name: string, options: { required?: boolean; type?: string; autocomplete?: string; disabled?: boolean; multiline?: boolean } = {}) {
    const label = this.strings.desk[key];
    const text = options.required ? `${label} *` : label;
    // A field left empty says so beneath itself, and its control points to that message.
    const missing = this.missing.some((m) => m.id === id);
    const invalid = missing ? 'true' : 'false';
    const describedBy = missing ? `${id}-error` : nothing;
    return html`<div class="field">
      <label for=${id}>${text}</label>
      ${options.multiline
        ? html`<textarea id=${id} name=${name} data-label=${key} aria-required=${options.required ? 'true' : 'false'} aria-invalid=${invalid} aria-describedby=${describedBy}></textarea>`
        : html`<input
            id=${id}
            name=${name}
            data-label=${key}
            type=${options.type ?? 'text'}
            autocomplete=${options.autocomplete ?? 'off'}
            aria-required=${options.required ? 'true' : 'false'}
            aria-invalid=${invalid}
            aria-describedby=${describedBy}
            ?disabled=${options.disabled ?? false}
          />`}
      ${missing ? html`<p class="error" id="${id}-error">${this.strings.desk.required(label)}</p>` : nothing}
    </div>`;
  }

  /**
   * The form's values; or null when required fields are empty: each is marked with its message,
   * the first is focused, and the candidate form lists them all (the others say the first beside the action).
   */
  #read(form: HTMLFormElement, action: Action): Record<string, string> | null {
    const values: Record<string, string> = {};
    const missing: Missing[] = [];
    for (const control of form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input[name], textarea[name]')) {
      if (control.type === 'checkbox' || control.type === 'radio' || control.disabled) continue;
      values[control.name] = control.value.trim();
      if (control.getAttribute('aria-required') === 'true' && !values[control.name]) missing.push({ id: control.id, label: control.dataset.label as Label, action });
    }
    this.missing = [...this.missing.filter((m) => m.action !== action), ...missing];
    const first = missing[0];
    if (!first) return values;
    if (action !== 'place') this.outcomes = { ...this.outcomes, [action]: { error: (s: Strings) => s.desk.required(s.desk[first.label]) } };
    void this.updateComplete.then(() => this.#byId(first.id)?.focus());
    return null;
  }

  /** A field filled in again is no longer reported empty. */
  #handleInput = (event: Event) => {
    const id = (event.target as HTMLElement).id;
    if (this.missing.some((m) => m.id === id)) this.missing = this.missing.filter((m) => m.id !== id);
  };

  #focusField(event: Event, id: string): void {
    event.preventDefault();
    this.#byId(id)?.focus();
  }

  /** Runs one action: its message replaces the last one, and the order (version, counts) is read again. */
  async #act(action: Action, run: () => Promise<Said | undefined>): Promise<boolean> {
    if (this.busy) return false;
    this.busy = action;
    try {
      const ok = await run();
      if (ok === undefined) return false;
      this.outcomes = { ...this.outcomes, [action]: { ok } };
      if (this.orderId !== null) this.publishChange({ orderId: this.orderId, action: action === 'coordinator' ? 'coordinator_appointed' : action === 'place' ? 'placement' : action === 'withdraw' ? 'withdrawn' : 'note' });
      this.revision++;
      return true;
    } catch (error) {
      const fields = error instanceof ApiError ? error.problem?.errors : undefined;
      this.outcomes = { ...this.outcomes, [action]: { error: fields?.length ? this.#fieldErrors(fields) : () => this.describeError(error) } };
      return false;
    } finally {
      this.busy = '';
    }
  }

  /** The server's field errors in the user's language (its own text only for a code this version does not know). */
  #fieldErrors(errors: readonly FieldError[]): Said {
    // The path is the API's name for a field, not words for the caseworker: the message says what is wrong.
    return (s) => errors.map((e) => (Object.hasOwn(s.errors, e.code) ? s.errors[e.code] : e.message)).join(' ');
  }

  #handleAppoint = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const values = this.#read(form, 'coordinator');
    const client = this.client;
    const id = this.orderId;
    if (!values || !client || id === null) return;
    const done = await this.#act('coordinator', async () => {
      const result = await this.#save.save((ifMatch) =>
        client.PUT('/v1/job-orders/{id}/coordinator', {
          params: { path: { id }, header: ifMatch },
          body: { name: values.name!, email: values.email || null, phone: values.phone || null },
        }),
      );
      if (!result) return undefined;
      if (!result.ok) {
        if (this.#save.error) throw this.#save.error;
        if (result.problems?.length) this.outcomes = { ...this.outcomes, coordinator: { error: this.#fieldErrors(result.problems) } };
        return undefined;
      }
      return (s) => s.desk.appointed(values.name!);
    });
    if (done) form.reset();
  };

  #handlePlace = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const values = this.#read(form, 'place');
    const client = this.client;
    const id = this.orderId;
    if (!values || !client || id === null) return;
    const address = !this.addressProtected && values.street && values.postalCode && values.city ? { street: values.street, postalCode: values.postalCode, city: values.city } : null;
    const body: CreatePlacement = {
      candidate: {
        name: values.name!,
        birthYear: Number(values.birthYear),
        addressProtected: this.addressProtected,
        // A protected address is never sent (R8.4): the fields are cleared and disabled.
        ...(this.addressProtected ? {} : { address }),
        cvSearchable: this.cvSearchable,
        ...(this.cvSearchable ? { cv: { headline: values.cvHeadline!, summary: values.cvSummary! } } : { email: values.email || null, phone: values.phone || null }),
        website: values.website || null,
      },
      description: values.description!,
    };
    const json = JSON.stringify(body);
    if (this.#placing?.body !== json) this.#placing = { body: json, key: crypto.randomUUID() };
    const key = this.#placing.key;
    const done = await this.#act('place', async () => {
      await send(client.POST('/v1/job-orders/{id}/placements', { params: { path: { id }, header: { 'Idempotency-Key': key } }, body }));
      return (s) => s.desk.placed(body.candidate.name);
    });
    if (done) {
      this.#placing = undefined;
      form.reset();
      this.addressProtected = false;
      this.cvSearchable = false;
    }
  };

  #handleWithdrawAsk = async (placement: Placement) => {
    this.confirmingWithdraw = placement.id;
    await this.updateComplete;
    this.#byId('withdraw-no')?.focus();
  };

  #handleWithdrawCancel = async () => {
    const id = this.confirmingWithdraw;
    this.confirmingWithdraw = null;
    await this.updateComplete;
    (this.renderRoot as ShadowRoot).querySelector<HTMLElement>(`button[part="withdraw"][data-id="${id}"]`)?.focus();
  };

  #handleWithdrawKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    void this.#handleWithdrawCancel();
  };

  #handleWithdraw = async (placement: Placement) => {
    const client = this.client;
    const id = this.orderId;
    if (!client || id === null) return;
    const reason = (this.#byId('withdraw-reason') as HTMLTextAreaElement | null)?.value.trim() ?? '';
    // The candidates still offered for withdrawal after this one: focus moves to the next of them.
    const following = this.#placements.items.filter((p) => p.id > placement.id && p.actions.includes('withdraw')).map((p) => p.id);
    const done = await this.#act('withdraw', async () => {
      const { data } = await send(client.POST('/v1/job-orders/{id}/placements/{placementId}/withdraw', { params: { path: { id, placementId: placement.id } }, body: reason ? { reason } : {} }));
      // The row shows the answer at once (marked Fjernet, nothing more to offer), so focus has its place before the list is read again.
      this.#placements.replace((p) => p.id === data.id, data);
      return (s) => s.desk.withdrawn(placement.name);
    });
    if (!done) return;
    this.confirmingWithdraw = null;
    await this.updateComplete;
    const root = this.renderRoot as ShadowRoot;
    const next = following.map((pid) => root.querySelector<HTMLElement>(`button[part="withdraw"][data-id="${pid}"]`)).find(Boolean);
    (next ?? this.#byId('own-heading'))?.focus();
  };

  #byId(id: string): HTMLElement | null {
    return (this.renderRoot as ShadowRoot).getElementById(id);
  }

  #handleNote = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const values = this.#read(form, 'note');
    const client = this.client;
    const id = this.orderId;
    if (!values || !client || id === null) return;
    const done = await this.#act('note', async () => {
      await send(client.POST('/v1/job-orders/{id}/notes', { params: { path: { id } }, body: { text: values.text! } }));
      return (s) => s.desk.noteSent;
    });
    if (done) form.reset();
  };

  /** R5.2, R8.4: checking address protection empties the address fields; they stay empty and are never sent. */
  #handleProtected = (event: Event) => {
    this.addressProtected = (event.target as HTMLInputElement).checked;
    if (!this.addressProtected) return;
    for (const id of ['candidate-street', 'candidate-postal-code', 'candidate-city']) {
      const input = (this.renderRoot as ShadowRoot).getElementById(id) as HTMLInputElement | null;
      if (input) input.value = '';
    }
  };

  #handleMine = (event: Event) => {
    this.mine = (event.target as HTMLInputElement).checked;
  };

  #handleOpen = async (event: OrderOpenEvent) => {
    event.preventDefault();
    this.outcomes = {};
    this.missing = [];
    this.orderId = event.detail.id;
    // The load starts with the update that follows; the heading is there once it completes.
    await this.updateComplete;
    await this.#load.taskComplete.catch(() => undefined);
    await this.updateComplete;
    (this.renderRoot as ShadowRoot).getElementById('order-heading')?.focus();
  };

  #handleBack = async () => {
    const id = this.orderId;
    this.orderId = null;
    this.#order = null;
    this.outcomes = {};
    this.missing = [];
    await this.updateComplete;
    const list = (this.renderRoot as ShadowRoot).querySelector('jobag-order-list');
    await list?.updateComplete;
    (list?.shadowRoot?.querySelector<HTMLElement>(`tr[data-id="${id}"] a`) ?? (this.renderRoot as ShadowRoot).getElementById('desk-heading'))?.focus();
  };
}

defineElement('jobag-jobcenter-desk', JobagJobcenterDesk);

declare global {
  interface HTMLElementTagNameMap {
    'jobag-jobcenter-desk': JobagJobcenterDesk;
  }
}
