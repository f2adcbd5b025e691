import { css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { JobOrder } from '../sdk/index.ts';
import { closeReasons, orderStatuses, type CloseReason } from '../sdk/rules.ts';
import { JobagElement } from './base.ts';
import { OrderCopyEvent, OrderEditEvent, OrderStatusChangedEvent, type OrderCreatedEvent } from './events.ts';
import type { OrderChange } from './live.ts';
import { orderDetailsStyles, renderOrderDetails } from './order-details.ts';
import { defineElement } from './registry.ts';
import { formatDate, type Said } from './strings.ts';
import { themeStyles } from './theme.styles.ts';
import { VersionedSave, versionedOrder } from './versioned-save.ts';
import './locales/da.form.ts';
import './locales/da.orders.ts';

type Status = JobOrder['status'];

/**
 * One job order as its company sees it (R4): the summary with the latest update (R4.1), "Status på
 * jobordre" with an optional "Note til jobcentret" (R4.2, R7.5: confirmed, sent with `If-Match`, the
 * result shown at once; a 412 offers to reload and keeps the note), "Rediger jobordre" (R4.2, R7:
 * the order form in place unless the host prevents `jobag-order-edit`), "Kopiér jobordre" (the
 * order form in place, prefilled from this order, unless the host prevents `jobag-order-copy`; the copy
 * then opens here), and the full details (R4.5). Closing asks why (Lukkeårsag; Andet needs a note).
 * Each of these actions shows only when the order's `actions` (the server's answer for this caller) name it.
 * Follows the live event stream: a change made elsewhere shows within a second or two, announced
 * politely, without moving focus.
 *
 * @summary The order view: summary, status, edit and details of one job order.
 *
 * @fires jobag-order-edit - `OrderEditEvent`, `detail.id`; cancelable (prevent it to edit elsewhere).
 * @fires jobag-order-copy - `OrderCopyEvent`, `detail.id`; cancelable (prevent it to copy elsewhere).
 * @fires jobag-order-created - From the copy form opened in place, `detail` the new order.
 * @fires jobag-order-status-changed - `OrderStatusChangedEvent`, `detail` the order with its new status.
 * @fires jobag-order-updated - From the form opened in place, `detail` the edited order.
 *
 * @csspart base - The wrapper of everything the element shows.
 * @csspart summary - The summary's `<dl>` (R4.1); `details` the full details' `<dl>` (R4.5).
 * @csspart status - The status label, also `status-open`, `status-inactive` or `status-closed`.
 * @csspart edit - The "Rediger jobordre" button; `copy` the "Kopiér jobordre" button.
 * @csspart status-form - The "Status på jobordre" form; `confirm` its confirmation, `conflict` a 412's message.
 * @csspart error - An error message.
 *
 * @cssprop --jobag-color-text, --jobag-color-primary, --jobag-color-border, --jobag-color-error - As the other elements (see the README).
 *
 * @example
 * ```html
 * <jobag-order-view order-id="17"></jobag-order-view>
 * ```
 */
export class JobagOrderView extends JobagElement {
  static override styles = [
    themeStyles,
    orderDetailsStyles,
    css`
      .base {
        display: grid;
        gap: calc(var(--_space) * 3);
        max-width: 48rem;
      }
      section {
        display: grid;
        gap: calc(var(--_space) * 1.5);
        min-width: 0;
      }
      h2,
      h3 {
        margin: 0;
        overflow-wrap: anywhere;
      }
      .status {
        display: inline-block;
        padding: 0 calc(var(--_space) * 0.75);
        border-radius: 999px;
        border: 1px solid currentColor;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: var(--_space);
      }
      form {
        display: grid;
        gap: var(--_space);
      }
      textarea {
        min-height: 5rem;
        resize: vertical;
      }
      .field {
        display: grid;
        gap: calc(var(--_space) * 0.5);
      }
      p {
        margin: 0;
      }
      .note-meta {
        display: block;
        white-space: normal;
      }
    `,
  ];

  /** The order to show. */
  @property({ attribute: 'order-id', type: Number }) accessor orderId: number | null = null;

  @state() accessor order: JobOrder | null = null;
  @state() accessor editing = false;
  /** "Kopiér jobordre": the order form is open in place, prefilled from this order. */
  @state() accessor copying = false;
  @state() accessor closeReason: CloseReason | '' = '';
  @state() accessor newStatus: Status | '' = '';
  @state() accessor note = '';
  @state() accessor confirming = false;
  @state() accessor statusMessage: Said | null = null;
  @state() accessor statusProblem: Said | null = null;
  /** What the polite live region says about changes made elsewhere. */
  @state() accessor announcement: Said | null = null;
  @state() accessor revision = 0;

  readonly #save = new VersionedSave(this);
  readonly #load = versionedOrder(this, this.#save, () => [this.client, this.orderId, this.revision] as const, (order) => {
    this.order = order;
  });


  protected override willUpdate(changed: PropertyValues<this>): void {
    // Another order opened: what was said of the last one does not hold for it (a copy's notice comes with its id).
    if (changed.has('orderId') && !changed.has('statusMessage')) this.statusMessage = this.statusProblem = this.announcement = null;
  }

  protected override orderChanged(change: OrderChange): void {
    if ((!change.reset && change.orderId !== this.orderId) || !this.order) return;
    // Our own change, or one we already show: nothing new.
    if (change.entry && change.entry.orderVersion <= this.order.version && change.action !== 'placement' && change.action !== 'withdrawn') return;
    this.revision++;
    const entry = !change.own && change.entry;
    if (entry) this.announcement = (s) => s.view.live(s.log.actions[entry.action], entry.actor.name);
  }

  protected override render() {
    return html`<div class="base" part="base" lang=${this.activeLocale}>
      <p role="status" aria-live="polite" class="visually-hidden">${this.announcement?.(this.strings)}</p>
      ${this.#renderContent()}
    </div>`;
  }

  #renderContent() {
    const s = this.strings;
    if (!this.client) return html`<p class="alert" role="alert">${s.common.notConfigured}</p>`;
    // While a newer version loads, the one shown stays (no flicker, focus kept).
    if (this.order && this.order.id === this.orderId) {
      if (this.copying) return this.#renderCopying(this.order);
      return this.editing ? this.#renderEditing(this.order) : this.#renderOrder(this.order);
    }
    return this.#load.render({
      initial: () => html`<p role="status">${s.view.loading}</p>`,
      pending: () => html`<p role="status">${s.view.loading}</p>`,
      error: (error) => html`<div class="alert" role="alert" part="error">
        <p>${s.view.loadFailed} ${this.describeError(error)}</p>
        <button type="button" @click=${() => this.#load.run()}>${s.common.retry}</button>
      </div>`,
      complete: () => nothing,
    });
  }

  #renderOrder(order: JobOrder) {
    const s = this.strings;
    const v = s.view;
    const note = order.latestNote;
    // The server says what this caller may do to the order now; nothing else is offered.
    const can = (action: JobOrder['actions'][number]) => order.actions.includes(action);
    return html`
      <section aria-labelledby="view-heading">
        <h2 id="view-heading" tabindex="-1">${v.heading(order.id, order.occupation.title)}</h2>
        <h3>${v.summary}</h3>
        <dl class="details" part="summary">
          <dt>${v.status}</dt>
          <dd><span class="status" part="status status-${order.status}">${s.statuses[order.status]}</span></dd>
          <dt>${s.form.createdAt}</dt>
          <dd>${formatDate(order.createdAt)}</dd>
          <dt>${s.form.emailOnPlacement}</dt>
          <dd>${order.emailOnPlacement ? s.common.yes : s.common.no}</dd>
          <dt>${v.latestNote}</dt>
          <dd>${note ? html`${note.text} <span class="help note-meta">${v.noteMeta(formatDate(note.at), note.by)}</span>` : v.noNote}</dd>
          <dt>${s.form.contact}</dt>
          <dd>${order.contact.name}</dd>
          <dt>${s.form.jobcenter}</dt>
          <dd>${order.responsibleJobcenter.name}</dd>
          <dt>${v.coordinator}</dt>
          <dd>${order.coordinator ?? v.coordinatorNone}</dd>
          ${order.status === 'closed' && order.closeReason ? html`<dt>${v.closeReason}</dt><dd>${s.closeReasons[order.closeReason]}</dd>` : nothing}
        </dl>
        <div class="actions">
          ${can('edit') ? html`<button type="button" part="edit" id="edit" @click=${this.#handleEdit}>${v.edit}</button>` : nothing}
          ${can('copy') ? html`<button type="button" part="copy" id="copy" @click=${this.#handleCopy}>${v.copy}</button>` : nothing}
        </div>
      </section>
      ${can('changeStatus') ? this.#renderStatusForm(order) : nothing}
      <section aria-labelledby="details-heading">
        <h3 id="details-heading">${v.details}</h3>
        ${renderOrderDetails(order, s)}
      </section>
    `;
  }

  #renderStatusForm(order: JobOrder) {
    const s = this.strings;
    const v = s.view;
    const chosen = this.newStatus || order.status;
    // Closing asks why, so the jobcenters can count why orders end; "Andet" says it in the note.
    const closing = chosen === 'closed' && order.status !== 'closed';
    const noteRequired = closing && this.closeReason === 'other';
    const problem = this.statusProblem?.(s);
    const error = problem || (this.#save.error ? this.describeError(this.#save.error) : '');
    return html`<section aria-labelledby="status-heading">
      <form part="status-form" novalidate @submit=${this.#handleStatusSubmit}>
        <h3 id="status-heading">${v.statusHeading}</h3>
        <p role="status" id="status-message" tabindex="-1" class=${this.statusMessage ? 'notice' : 'visually-hidden'}>${this.statusMessage?.(s)}</p>
        ${error ? html`<p class="alert" role="alert" part="error">${error}</p>` : nothing}
        ${this.#save.conflict
          ? html`<div class="alert" role="alert" part="conflict">
              <p>${v.conflict}</p>
              <button type="button" @click=${this.#handleReload}>${v.reload}</button>
            </div>`
          : nothing}
        <div class="field">
          <label for="new-status">${v.newStatus}</label>
          <select id="new-status" @change=${this.#handleStatusChoice} ?disabled=${this.confirming}>
            ${orderStatuses.map((value) => html`<option value=${value} ?selected=${value === chosen}>${s.statuses[value]}</option>`)}
          </select>
        </div>
        ${closing
          ? html`<div class="field">
              <label for="close-reason">${v.closeReason} *</label>
              <select id="close-reason" aria-describedby="close-reason-help" aria-invalid=${problem === v.closeReasonRequired ? 'true' : 'false'}
                ?disabled=${this.confirming} @change=${this.#handleCloseReason}>
                <option value="" ?selected=${!this.closeReason}>${v.closeReasonChoose}</option>
                ${closeReasons.map((value) => html`<option value=${value} ?selected=${value === this.closeReason}>${s.closeReasons[value]}</option>`)}
              </select>
              <p class="help" id="close-reason-help">${v.closeReasonHelp}</p>
            </div>`
          : nothing}
        <div class="field">
          <label for="status-note">${v.note}${noteRequired ? ' *' : ''}</label>
          <textarea id="status-note" aria-describedby="status-note-help" aria-invalid=${problem === v.closeNoteRequired ? 'true' : 'false'}
            .value=${this.note} ?readonly=${this.confirming} @input=${this.#handleNote}></textarea>
          <p class="help" id="status-note-help">${v.noteHelp}</p>
        </div>
        ${this.confirming
          ? html`<div class="notice" part="confirm" role="group" aria-labelledby="confirm-text" @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.#handleConfirmCancel()}>
              <p id="confirm-text">${v.confirm(s.statuses[order.status], s.statuses[chosen])}</p>
              <div class="actions">
                <button type="button" class="primary" id="confirm-yes" aria-disabled=${this.#save.saving ? 'true' : 'false'} @click=${this.#handleConfirm}>
                  ${this.#save.saving ? s.form.saving : v.confirmYes}
                </button>
                <button type="button" id="confirm-no" @click=${this.#handleConfirmCancel}>${v.confirmNo}</button>
              </div>
            </div>`
          : html`<div class="actions"><button type="submit" class="primary" id="change-status">${v.changeStatus}</button></div>`}
      </form>
    </section>`;
  }

  #renderEditing(order: JobOrder) {
    return html`<jobag-order-form autofocus
      order-id=${order.id}
      .baseUrl=${this.baseUrl}
      .getToken=${this.getToken}
      .locale=${this.locale}
      @jobag-order-updated=${this.#handleEdited}
      @jobag-cancel=${this.#handleEditCancel}
    ></jobag-order-form>`;
  }

  /** The form's code, fetched on the first edit (most views are never edited); `updateComplete` waits for it. */
  #opening: Promise<void> | undefined;

  protected override async getUpdateComplete(): Promise<boolean> {
    await this.#opening;
    return super.getUpdateComplete();
  }

  #renderCopying(order: JobOrder) {
    return html`<jobag-order-form autofocus
      copy-of=${order.id}
      .baseUrl=${this.baseUrl}
      .getToken=${this.getToken}
      .locale=${this.locale}
      @jobag-order-created=${this.#handleCopied}
      @jobag-cancel=${this.#handleCopyCancel}
    ></jobag-order-form>`;
  }

  #handleCopy = () => {
    if (!this.order || !this.emit(new OrderCopyEvent(this.order.id))) return;
    this.#opening = import('./order-form.ts').then(
      () => {
        this.copying = true;
      },
      console.error,
    );
  };

  /** The copy was created: it opens here, and the event goes on to the host (it may list it). */
  #handleCopied = async (event: OrderCreatedEvent) => {
    const source = this.order?.id ?? 0;
    this.copying = false;
    this.order = event.detail;
    this.orderId = event.detail.id;
    const id = event.detail.id;
    this.statusMessage = (s) => s.view.copied(id, source);
    await this.updateComplete;
    this.#focus('status-message');
  };

  #handleCopyCancel = async (event: Event) => {
    // The form would reset itself; here "Fortryd" leaves the copy.
    event.preventDefault();
    this.copying = false;
    await this.updateComplete;
    this.#focus('copy');
  };

  #handleCloseReason = (event: Event) => {
    this.closeReason = (event.target as HTMLSelectElement).value as CloseReason | '';
    this.statusProblem = null;
  };

  #handleEdit = () => {
    if (!this.order || !this.emit(new OrderEditEvent(this.order.id))) return;
    this.#opening = import('./order-form.ts').then(
      () => {
        this.editing = true;
      },
      console.error,
    );
  };

  #handleEdited = async () => {
    this.editing = false;
    this.revision++;
    await this.updateComplete;
    this.#focus('edit');
  };

  #handleEditCancel = async () => {
    this.editing = false;
    await this.updateComplete;
    this.#focus('edit');
  };

  #handleStatusChoice = (event: Event) => {
    this.newStatus = (event.target as HTMLSelectElement).value as Status;
    this.statusProblem = null;
  };

  #handleNote = (event: Event) => {
    this.note = (event.target as HTMLTextAreaElement).value;
  };

  #handleStatusSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!this.order) return;
    this.statusMessage = null;
    if ((this.newStatus || this.order.status) === this.order.status) {
      this.statusProblem = (s) => s.view.sameStatus;
      await this.updateComplete;
      this.#focus('new-status');
      return;
    }
    // The widget asks why an order is closed (the API leaves it optional for older clients).
    if (this.newStatus === 'closed' && !this.closeReason) return this.#refuse((s) => s.view.closeReasonRequired, 'close-reason');
    if (this.newStatus === 'closed' && this.closeReason === 'other' && !this.note.trim()) return this.#refuse((s) => s.view.closeNoteRequired, 'status-note');
    this.statusProblem = null;
    this.confirming = true;
    await this.updateComplete;
    // The safe choice first: Enter twice must not close an order.
    this.#focus('confirm-no');
  };

  async #refuse(message: Said, field: string): Promise<void> {
    this.statusProblem = message;
    await this.updateComplete;
    this.#focus(field);
  }

  #handleConfirmCancel = async () => {
    this.confirming = false;
    await this.updateComplete;
    this.#focus('change-status');
  };

  #handleConfirm = async () => {
    const client = this.client;
    const order = this.order;
    const status = this.newStatus;
    if (!client || !order || !status) return;
    const note = this.note.trim();
    const closeReason = status === 'closed' && this.closeReason ? this.closeReason : undefined;
    const body = { status, ...(note ? { note } : {}), ...(closeReason ? { closeReason } : {}) };
    const result = await this.#save.save((ifMatch) => client.POST('/v1/job-orders/{id}/status', { params: { path: { id: order.id }, header: ifMatch }, body }));
    if (!result) return;
    this.confirming = false;
    if (result.ok) {
      this.order = result.data;
      this.note = '';
      this.newStatus = '';
      this.closeReason = '';
      const status = result.data.status;
      this.statusMessage = (s) => s.view.statusChanged(s.statuses[status]);
      this.emit(new OrderStatusChangedEvent(result.data));
      this.publishChange({ orderId: result.data.id, action: 'changed' });
      await this.updateComplete;
      this.#focus('status-message');
    } else {
      // By code in the language in use; the server's own (Danish) text for a code this version does not
      // know, or in Danish when the error words are not loaded (this element alone does not load them).
      const problems = result.problems;
      if (problems) this.statusProblem = (s) => problems.map((p) => s.errors?.[p.code] ?? p.message).join(' ');
      await this.updateComplete;
      this.#focus(this.#save.conflict ? 'status-note' : 'change-status');
    }
  };

  /** After a 412: the stored order again; the note the user wrote stays, and focus returns to it. */
  #handleReload = async () => {
    this.revision++;
    await this.#load.taskComplete.catch(() => undefined);
    await this.updateComplete;
    this.#focus('status-note');
  };

  #focus(id: string): void {
    (this.renderRoot as ShadowRoot).getElementById(id)?.focus();
  }
}

defineElement('jobag-order-view', JobagOrderView);

declare global {
  interface HTMLElementTagNameMap {
    'jobag-order-view': JobagOrderView;
  }
}
