import { css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { TaskStatus } from '@lit/task';
import type { LogEntry } from '../sdk/index.ts';
import { JobagElement } from './base.ts';
import { send } from './client.ts';
import type { OrderChange } from './live.ts';
import { PagedList } from './paging.ts';
import { defineElement } from './registry.ts';
import { formatDate, type Said } from './strings.ts';
import { tableStyles } from './table.styles.ts';
import { themeStyles } from './theme.styles.ts';
import './locales/da.orders.ts';

/**
 * The formidlingslog of one order (R4.3): Oprettet af, Beskrivelse, Handlingstype, Handlingsdato,
 * oldest first, paged with the API's cursor ("Vis flere"). The action types are the guide's words
 * (Oprettet, Ændret, Formidling, Fjernet) and the journal's others (Redigeret, Note, Tovholder
 * udpeget); "Oprettet af" names the organisation and, when known, the person. New entries made
 * elsewhere appear live and are announced politely.
 *
 * @summary The placement log (formidlingslog) of a job order.
 *
 * @csspart base - The wrapper of everything the element shows.
 * @csspart table - The `<table>`; `caption`, `header`, `row` (each entry), `cell`.
 * @csspart action - The action type of an entry, also `action-created`, `action-placement`, ….
 * @csspart more - The "Vis flere" button.
 * @csspart empty - The text shown when the log is empty.
 * @csspart error - An error message.
 *
 * @example
 * ```html
 * <jobag-placement-log order-id="17"></jobag-placement-log>
 * ```
 */
export class JobagPlacementLog extends JobagElement {
  static override styles = [
    themeStyles,
    tableStyles,
    css`
      .action {
        white-space: nowrap;
      }
      .person {
        display: block;
        color: var(--_muted);
        font-size: 0.9em;
      }
      td.description {
        white-space: pre-line;
        overflow-wrap: anywhere;
        min-width: 12rem;
      }
    `,
  ];

  /** The order whose log to show. */
  @property({ attribute: 'order-id', type: Number }) accessor orderId: number | null = null;

  /** Entries per page (1–100). */
  @property({ attribute: 'page-size', type: Number }) accessor pageSize = 50;

  @state() accessor announcement: Said | null = null;

  readonly #log = new PagedList<LogEntry, readonly [ReturnType<() => JobagElement['client']>, number | null, number]>(this, {
    fetch: ([client, id, limit], cursor, signal) =>
      client && id !== null && id !== undefined
        ? send(client.GET('/v1/job-orders/{id}/log', { params: { path: { id }, query: cursor ? { limit, cursor } : { limit } }, signal })).then((r) => r.data)
        : null,
    args: () => [this.client, this.orderId, this.pageSize] as const,
  });

  protected override orderChanged(change: OrderChange): void {
    if (change.reset) void this.#log.reload();
    if (change.orderId !== this.orderId || !change.entry) return;
    if (this.#log.append(change.entry, (a, b) => a.id === b.id) && !change.own) {
      const entry = change.entry;
      this.announcement = (s) => s.log.added(s.log.actions[entry.action], entry.actor.name);
    }
  }

  protected override render() {
    const s = this.strings;
    const first = this.#log.first;
    const busy = first.status === TaskStatus.PENDING;
    return html`<div class="base" part="base" lang=${this.activeLocale}>
      <p role="status" aria-live="polite" class="visually-hidden">${this.announcement?.(s) || (this.#log.moreStatus === 'pending' ? s.log.loadingMore : '')}</p>
      ${!this.client
        ? html`<p class="alert" role="alert">${s.common.notConfigured}</p>`
        : first.status === TaskStatus.ERROR
          ? html`<div class="alert" role="alert" part="error">
              <p>${s.log.loadFailed} ${this.describeError(first.error)}</p>
              <button type="button" @click=${() => this.#log.reload()}>${s.common.retry}</button>
            </div>`
          : this.#log.items.length
            ? this.#renderTable(busy)
            : busy || first.status === TaskStatus.INITIAL
              ? html`<p class="empty loading" part="empty">${s.log.loading}</p>`
              : html`<h2 class="caption">${s.log.heading}</h2><p class="empty" part="empty">${s.log.empty}</p>`}
      ${this.#log.moreStatus === 'error' ? html`<p class="alert" role="alert" part="error">${this.describeError(this.#log.moreError)}</p>` : nothing}
      ${this.#log.nextCursor && first.status === TaskStatus.COMPLETE
        ? html`<button type="button" class="more" part="more" id="more" aria-disabled=${this.#log.moreStatus === 'pending' ? 'true' : 'false'} @click=${this.#handleMore}>
            ${s.log.showMore}
          </button>`
        : nothing}
    </div>`;
  }

  #renderTable(busy: boolean) {
    const s = this.strings;
    const c = s.log.columns;
    return html`<div class="scroll" role="region" aria-labelledby="log-caption" tabindex="0">
      <table part="table" aria-busy=${busy ? 'true' : 'false'}>
        <caption part="caption" id="log-caption">${s.log.heading}</caption>
        <thead>
          <tr>
            <th scope="col" part="header">${c.actor}</th>
            <th scope="col" part="header">${c.description}</th>
            <th scope="col" part="header">${c.action}</th>
            <th scope="col" part="header">${c.at}</th>
          </tr>
        </thead>
        <tbody>
          ${this.#log.items.map(
            (entry, index) => html`<tr part="row" data-id=${entry.id} data-index=${index} tabindex="-1">
              <td part="cell">${entry.actor.name}${entry.actor.person ? html` <span class="person">${entry.actor.person}</span>` : nothing}</td>
              <td part="cell" class="description">${this.#describe(entry)}</td>
              <td part="cell"><span class="action" part="action action-${entry.action}">${s.log.actions[entry.action]}</span></td>
              <td part="cell">${formatDate(entry.at)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  /**
   * A status change says its new status (and, closing, why) beside the note (R7.5); an
   * outcome names the candidate and says what became of them; a withdrawal's description names
   * the candidate and the reason; a new order says so (R4.3: created and received by the
   * jobcenter), a copy names the order it was copied from.
   */
  #describe(entry: LogEntry): string {
    const s = this.strings;
    const lines: string[] = [];
    if (entry.action === 'changed' && entry.status) lines.push(s.log.statusTo(s.statuses[entry.status]));
    if (entry.closeReason) lines.push(s.log.closeReason(s.closeReasons[entry.closeReason]));
    if (entry.action === 'created') lines.push(entry.copyOf ? s.log.copiedFrom(entry.copyOf) : s.log.created);
    const o = entry.outcome;
    if (o) {
      lines.push(`${s.outcomes[o.outcome]}.`);
      if (o.startDate) lines.push(s.log.outcomeStart(formatDate(o.startDate)));
      if (o.reason) lines.push(`${s.notSuitableReasons[o.reason]}.`);
    }
    // An outcome's description is the candidate's name (the server's), so it leads: whom it concerns, then what.
    return (entry.action === 'outcome' ? [entry.description, ...lines] : [...lines, entry.description]).filter(Boolean).join('\n');
  }

  /** "Vis flere": focus stays on the button while more remain, else moves to the first new row. */
  #handleMore = async () => {
    const start = await this.#log.more();
    await this.updateComplete;
    if (start >= 0 && !this.#log.nextCursor) {
      (this.renderRoot as ShadowRoot).querySelector<HTMLElement>(`tr[data-index="${start}"]`)?.focus();
    }
  };
}

defineElement('jobag-placement-log', JobagPlacementLog);

declare global {
  interface HTMLElementTagNameMap {
    'jobag-placement-log': JobagPlacementLog;
  }
}
