import { css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { TaskStatus } from '@lit/task';
import type { JobagClient, Placement } from '../sdk/index.ts';
import { JobagElement } from './base.ts';
import { ApiError, send } from './client.ts';
import { CandidateOpenEvent, OutcomeRecordedEvent } from './candidate-events.ts';
import { notSuitableReasons, outcomes, type NotSuitableReason, type Outcome } from '../sdk/rules.ts';
import type { OrderChange } from './live.ts';
import { PagedList } from './paging.ts';
import { defineElement } from './registry.ts';
import { outcomeText } from './outcome-text.ts';
import { formatDate, type Said } from './strings.ts';
import { themeStyles } from './theme.styles.ts';
import './locales/da.candidates.ts';
import './locales/da.orders.ts';

/**
 * "Alle formidlede kandidater" of one order (R4.4): every placed candidate, withdrawn ones marked
 * (Fjernet). A name opens the candidate in place: a searchable CV laid out as a CV; otherwise
 * name, address and year of birth — an address-protected person's address is never sent by the
 * server, so none is shown (R8.4) — the website as a link and the contact details the jobcenter
 * forwarded (R5.2). Each candidate's outcome shows beside the name; the open candidate
 * has a small form for the company to record it — Ansat with its start date, Til samtale, Ikke
 * relevant with an optional reason, Mødte ikke op. The form shows when the candidate's `actions`
 * offer `recordOutcome` — the server's answer: the company's, while the candidate is placed — so a
 * jobcenter that placed the candidate sees the outcome read-only. Placements,
 * withdrawals and outcomes made elsewhere appear live.
 *
 * @summary The placed candidates of a job order, and one candidate.
 *
 * @fires jobag-candidate-open - `CandidateOpenEvent`, `detail` `{ orderId, placementId }`.
 * @fires jobag-outcome-recorded - `OutcomeRecordedEvent`, `detail` the placement with its new outcome.
 *
 * @csspart base - The wrapper of everything the element shows.
 * @csspart list - The `<ul>` of candidates; `candidate` each item, `candidate-link` each name, `withdrawn` the mark.
 * @csspart candidate-view - The open candidate; `cv` the CV, `back` the button back to the list.
 * @csspart outcome - A candidate's outcome; `outcome-form` the form that records it.
 * @csspart more - The "Vis flere" button.
 * @csspart empty - The text shown when none are placed.
 * @csspart error - An error message.
 *
 * @example
 * ```html
 * <jobag-candidates order-id="17"></jobag-candidates>
 * ```
 */
export class JobagCandidates extends JobagElement {
  static override styles = [
    themeStyles,
    css`
      .base {
        display: grid;
        gap: calc(var(--_space) * 2);
        max-width: 48rem;
      }
      ul.candidates {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--_space);
      }
      .outcome-form {
        display: grid;
        gap: var(--_space);
        padding: var(--_space);
        border: 1px solid var(--_border);
        border-radius: 4px;
      }
      .field {
        display: grid;
        gap: calc(var(--_space) * 0.5);
      }
      ul.candidates li {
        border-bottom: 1px solid var(--_border);
        padding-block-end: var(--_space);
      }
      .link {
        border: 0;
        padding: 0;
        background: none;
        color: var(--_primary);
        text-decoration: underline;
        text-align: start;
        overflow-wrap: anywhere;
      }
      .mark {
        display: inline-block;
        margin-inline-start: var(--_space);
        padding: 0 calc(var(--_space) * 0.75);
        border: 1px solid currentColor;
        border-radius: 999px;
        font-size: 0.9em;
      }
      .meta {
        display: block;
        color: var(--_muted);
        font-size: 0.9em;
      }
      h2,
      h3,
      h4,
      p {
        margin: 0;
        overflow-wrap: anywhere;
      }
      article {
        display: grid;
        gap: calc(var(--_space) * 1.5);
      }
      dl {
        display: grid;
        grid-template-columns: minmax(0, max-content) minmax(0, 1fr);
        gap: calc(var(--_space) * 0.5) calc(var(--_space) * 2);
        margin: 0;
      }
      dt {
        font-weight: 600;
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
        white-space: pre-line;
      }
      .cv ul {
        margin: 0;
        padding-inline-start: 1.25rem;
      }
      .cv section {
        display: grid;
        gap: calc(var(--_space) * 0.5);
      }
      @container jobag (max-width: 30rem) {
        dl {
          grid-template-columns: minmax(0, 1fr);
          gap: 0;
        }
        dd {
          margin-block-end: var(--_space);
        }
      }
    `,
  ];

  /** The order whose candidates to show. */
  @property({ attribute: 'order-id', type: Number }) accessor orderId: number | null = null;

  /** Candidates per page (1–100). */
  @property({ attribute: 'page-size', type: Number }) accessor pageSize = 50;

  /** The open candidate's placement id, or null for the list. */
  @property({ attribute: 'placement-id', type: Number }) accessor placementId: number | null = null;

  @state() accessor revision = 0;
  @state() accessor announcement: Said | null = null;
  /** The outcome form of the open candidate. */
  @state() accessor outcomeChoice: Outcome | '' = '';
  @state() accessor outcomeStart = '';
  @state() accessor outcomeReason: NotSuitableReason | '' = '';
  @state() accessor outcomeProblem: { field: string; message: Said } | null = null;
  @state() accessor outcomeMessage: Said | null = null;
  @state() accessor savingOutcome = false;

  readonly #placements = new PagedList<Placement, readonly [JobagClient | undefined, number | null, number, number]>(this, {
    fetch: ([client, id, limit], cursor, signal) =>
      client && id !== null && id !== undefined
        ? send(client.GET('/v1/job-orders/{id}/placements', { params: { path: { id }, query: cursor ? { limit, cursor } : { limit } }, signal })).then((r) => r.data)
        : null,
    args: () => [this.client, this.orderId, this.pageSize, this.revision] as const,
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Another order: what was said of the last one's candidates does not hold for it.
    if (changed.has('orderId')) this.announcement = this.outcomeMessage = this.outcomeProblem = null;
  }

  protected override orderChanged(change: OrderChange): void {
    if (!change.reset && (change.orderId !== this.orderId || (change.action !== 'placement' && change.action !== 'withdrawn' && change.action !== 'outcome'))) return;
    this.revision++;
    const entry = !change.own && change.entry;
    if (entry) this.announcement = (s) => s.candidates.live(s.log.actions[entry.action]);
  }

  protected override render() {
    return html`<div class="base" part="base" lang=${this.activeLocale}>
      <p role="status" aria-live="polite" class="visually-hidden">${this.announcement?.(this.strings)}</p>
      ${this.#renderContent()}
    </div>`;
  }

  #renderContent() {
    const s = this.strings.candidates;
    if (!this.client) return html`<p class="alert" role="alert">${this.strings.common.notConfigured}</p>`;
    const first = this.#placements.first;
    if (first.status === TaskStatus.ERROR) {
      return html`<div class="alert" role="alert" part="error">
        <p>${s.loadFailed} ${this.describeError(first.error)}</p>
        <button type="button" @click=${() => this.#placements.reload()}>${this.strings.common.retry}</button>
      </div>`;
    }
    const items = this.#placements.items;
    if (!items.length && first.status !== TaskStatus.COMPLETE) return html`<p class="empty" part="empty">${s.loading}</p>`;
    const open = this.placementId === null ? undefined : items.find((p) => p.id === this.placementId);
    if (open) return this.#renderCandidate(open);
    const withdrawn = items.filter((p) => p.withdrawnAt).length;
    return html`<section aria-labelledby="candidates-heading">
      <h2 id="candidates-heading">${s.heading}</h2>
      ${items.length
        ? html`<p class="meta">${s.count(items.length, withdrawn)}</p>
            <ul class="candidates" part="list">
              ${items.map(
                (p) => html`<li part="candidate">
                  <button type="button" class="link" part="candidate-link" data-id=${p.id} @click=${() => this.#open(p.id)}>${p.name}</button>
                  ${p.withdrawnAt ? html`<span class="mark" part="withdrawn">${s.withdrawn} ${formatDate(p.withdrawnAt)}</span>` : nothing}
                  ${p.outcome ? html`<span class="mark" part="outcome">${this.#outcomeText(p.outcome)}</span>` : nothing}
                  <span class="meta">${s.placedBy(p.placedBy.name, formatDate(p.placedAt))}</span>
                </li>`,
              )}
            </ul>`
        : html`<p class="empty" part="empty">${s.empty}</p>`}
      ${this.#placements.moreStatus === 'error' ? html`<p class="alert" role="alert" part="error">${this.describeError(this.#placements.moreError)}</p>` : nothing}
      ${this.#placements.nextCursor
        ? html`<button type="button" class="more" part="more" @click=${this.#handleMore}>${s.showMore}</button>`
        : nothing}
    </section>`;
  }

  #renderCandidate(p: Placement) {
    const s = this.strings.candidates;
    const rows: [string, unknown][] = [];
    if (!p.cv) {
      rows.push([s.birthYear, String(p.birthYear)]);
      rows.push([s.address, p.address ? `${p.address.street}\n${p.address.postalCode} ${p.address.city}` : s.noAddress]);
    }
    if (p.website) rows.push([s.website, webLink(p.website)]);
    if (p.email) rows.push([s.email, html`<a href="mailto:${p.email}">${p.email}</a>`]);
    if (p.phone) rows.push([s.phone, p.phone]);
    if (p.description) rows.push([s.jobcenterText, p.description]);
    return html`<article part="candidate-view" aria-labelledby="candidate-heading">
      <div><button type="button" part="back" id="back" @click=${this.#close}>${s.back}</button></div>
      <h2 id="candidate-heading" tabindex="-1">
        ${p.name}${p.withdrawnAt ? html`<span class="mark" part="withdrawn">${s.withdrawn} ${formatDate(p.withdrawnAt)}</span>` : nothing}
      </h2>
      <p class="meta">${s.placedBy(p.placedBy.name, formatDate(p.placedAt))}</p>
      <p part="outcome"><strong>${s.outcome}:</strong> ${p.outcome ? this.#outcomeText(p.outcome) : s.outcomeNone}</p>
      ${p.actions.includes('recordOutcome') ? this.#renderOutcomeForm(p) : nothing}
      ${p.cv ? this.#renderCv(p.cv, p.birthYear) : nothing}
      ${rows.length ? html`<dl>${rows.map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}</dl>` : nothing}
    </article>`;
  }

  #outcomeText(o: NonNullable<Placement['outcome']>): string {
    return outcomeText(o, this.strings);
  }

  /** "Registrér udfald": the outcome, its start date for Ansat, an optional reason for Ikke relevant. */
  #renderOutcomeForm(p: Placement) {
    const s = this.strings.candidates;
    const chosen = this.outcomeChoice || p.outcome?.outcome || '';
    const problem = this.outcomeProblem;
    const invalid = (field: string) => (problem?.field === field ? 'true' : 'false');
    const describedBy = (field: string, help = '') => [help, problem?.field === field ? 'outcome-problem' : ''].filter(Boolean).join(' ') || nothing;
    return html`<form part="outcome-form" class="outcome-form" novalidate aria-labelledby="outcome-heading" @submit=${(e: SubmitEvent) => this.#saveOutcome(e, p)}>
      <h3 id="outcome-heading">${s.outcomeHeading}</h3>
      <p role="status" id="outcome-message" tabindex="-1" class=${this.outcomeMessage ? 'notice' : 'visually-hidden'}>${this.outcomeMessage?.(this.strings)}</p>
      ${problem ? html`<p class="alert" role="alert" id="outcome-problem" part="error">${problem.message(this.strings)}</p>` : nothing}
      <div class="field">
        <label for="outcome">${s.outcome} *</label>
        <select id="outcome" aria-invalid=${invalid('outcome')} aria-describedby=${describedBy('outcome')} @change=${this.#handleOutcome}>
          <option value="" ?selected=${!chosen}>${s.outcomeChoose}</option>
          ${outcomes.map((o) => html`<option value=${o} ?selected=${o === chosen}>${this.strings.outcomes[o]}</option>`)}
        </select>
      </div>
      ${chosen === 'hired'
        ? html`<div class="field">
            <label for="outcome-start">${s.startDate} *</label>
            <input id="outcome-start" type="date" aria-invalid=${invalid('startDate')} aria-describedby=${describedBy('startDate')}
              .value=${this.outcomeStart || p.outcome?.startDate || ''} @input=${this.#handleOutcomeStart} />
          </div>`
        : nothing}
      ${chosen === 'not_suitable'
        ? html`<div class="field">
            <label for="outcome-reason">${s.reason}</label>
            <select id="outcome-reason" aria-invalid=${invalid('reason')} aria-describedby=${describedBy('reason')} @change=${this.#handleOutcomeReason}>
              <option value="" ?selected=${!(this.outcomeReason || p.outcome?.reason)}>${s.reasonNone}</option>
              ${notSuitableReasons.map((r) => html`<option value=${r} ?selected=${r === (this.outcomeReason || p.outcome?.reason)}>${this.strings.notSuitableReasons[r]}</option>`)}
            </select>
          </div>`
        : nothing}
      <div><button type="submit" class="primary" id="save-outcome" aria-disabled=${this.savingOutcome ? 'true' : 'false'}>${this.savingOutcome ? this.strings.form.saving : s.saveOutcome}</button></div>
    </form>`;
  }

  #handleOutcome = (event: Event) => {
    this.outcomeChoice = (event.target as HTMLSelectElement).value as Outcome | '';
    this.outcomeProblem = null;
  };

  #handleOutcomeStart = (event: Event) => {
    this.outcomeStart = (event.target as HTMLInputElement).value;
    this.outcomeProblem = null;
  };

  #handleOutcomeReason = (event: Event) => {
    this.outcomeReason = (event.target as HTMLSelectElement).value as NotSuitableReason | '';
  };

  #resetOutcomeForm(): void {
    this.outcomeChoice = '';
    this.outcomeStart = '';
    this.outcomeReason = '';
    this.outcomeProblem = null;
  }

  async #saveOutcome(event: SubmitEvent, p: Placement): Promise<void> {
    event.preventDefault();
    const client = this.client;
    if (!client || this.savingOutcome) return;
    const outcome = this.outcomeChoice || p.outcome?.outcome || '';
    const startDate = this.outcomeStart || p.outcome?.startDate || '';
    const reason = this.outcomeReason || p.outcome?.reason || '';
    this.outcomeMessage = null;
    if (!outcome) return this.#showOutcomeProblem('outcome', (s) => s.candidates.outcomeRequired);
    if (outcome === 'hired' && !startDate) return this.#showOutcomeProblem('startDate', (s) => s.candidates.startDateRequired);
    const body = { outcome, ...(outcome === 'hired' ? { startDate } : {}), ...(outcome === 'not_suitable' && reason ? { reason } : {}) };
    this.savingOutcome = true;
    try {
      const { data } = await send(client.POST('/v1/job-orders/{id}/placements/{placementId}/outcome', { params: { path: { id: p.jobOrderId, placementId: p.id } }, body }));
      this.#resetOutcomeForm();
      this.#placements.replace((x) => x.id === data.id, data);
      this.outcomeMessage = (t) => t.candidates.outcomeSaved(data.name, outcomeText(data.outcome!, t));
      this.emit(new OutcomeRecordedEvent(data));
      this.publishChange({ orderId: data.jobOrderId, action: 'outcome' });
      await this.updateComplete;
      this.#focusId('outcome-message');
    } catch (error) {
      // A field's own message when the server named one (e.g. 409 already withdrawn, 422 startDate).
      const broken = error instanceof ApiError ? error.problem?.errors?.[0] : undefined;
      const target = broken?.path === 'startDate' || broken?.path === 'reason' ? broken.path : 'outcome';
      await this.#showOutcomeProblem(target, (t) =>
        broken
          ? (t.fieldErrors[`${broken.path}:${broken.code}`] ?? (Object.hasOwn(t.errors, broken.code) ? t.errors[broken.code] : this.describeError(error)))
          : this.describeError(error),
      );
    } finally {
      this.savingOutcome = false;
    }
  }

  async #showOutcomeProblem(field: string, message: Said): Promise<void> {
    this.outcomeProblem = { field, message };
    await this.updateComplete;
    this.#focusId(field === 'startDate' ? 'outcome-start' : field === 'reason' ? 'outcome-reason' : 'outcome');
  }

  #focusId(id: string): void {
    (this.renderRoot as ShadowRoot).getElementById(id)?.focus();
  }

  /** The CV as a CV search shows it (R4.4): headline, summary, experience, education, skills. */
  #renderCv(cv: NonNullable<Placement['cv']>, birthYear: number) {
    const s = this.strings.candidates;
    // A job with a start and no end is the current one: "2021-03 – nu".
    const span = (from?: string | null, to?: string | null) => (from && !to ? `${from} – ${s.now}` : [from, to].filter(Boolean).join(' – '));
    return html`<div class="cv" part="cv">
      <h3>${s.cv}: ${cv.headline}</h3>
      <p>${cv.summary}</p>
      <p class="meta">${s.birthYear}: ${birthYear}</p>
      ${cv.experience?.length
        ? html`<section><h4>${s.experience}</h4><ul>
            ${cv.experience.map(
              (e) => html`<li><strong>${e.title}</strong>, ${e.employer}${span(e.from, e.to) ? html` <span class="meta">${span(e.from, e.to)}</span>` : nothing}
                ${e.description ? html`<p>${e.description}</p>` : nothing}</li>`,
            )}
          </ul></section>`
        : nothing}
      ${cv.education?.length
        ? html`<section><h4>${s.education}</h4><ul>
            ${cv.education.map((e) => html`<li>${e.title}${e.institution ? `, ${e.institution}` : ''}${e.year ? ` (${e.year})` : ''}</li>`)}
          </ul></section>`
        : nothing}
      ${cv.skills?.length ? html`<section><h4>${s.skills}</h4><ul>${cv.skills.map((skill) => html`<li>${skill}</li>`)}</ul></section>` : nothing}
    </div>`;
  }

  async #open(placementId: number): Promise<void> {
    this.placementId = placementId;
    this.#resetOutcomeForm();
    this.outcomeMessage = null;
    if (this.orderId !== null) this.emit(new CandidateOpenEvent(this.orderId, placementId));
    await this.updateComplete;
    (this.renderRoot as ShadowRoot).getElementById('candidate-heading')?.focus();
  }

  #close = async () => {
    const id = this.placementId;
    this.placementId = null;
    await this.updateComplete;
    (this.renderRoot as ShadowRoot).querySelector<HTMLElement>(`button[data-id="${id}"]`)?.focus();
  };

  #handleMore = async () => {
    const start = await this.#placements.more();
    await this.updateComplete;
    if (start >= 0 && !this.#placements.nextCursor) {
      (this.renderRoot as ShadowRoot).querySelectorAll<HTMLElement>('button.link')[start]?.focus();
    }
  };
}

/** Only an http(s) address becomes a link: a jobcenter's text never runs as script in the company's page. */
function webLink(address: string) {
  let url: URL | undefined;
  try {
    url = new URL(address);
  } catch {
    url = undefined;
  }
  return url && (url.protocol === 'https:' || url.protocol === 'http:') ? html`<a href=${url.href} rel="noopener noreferrer">${address}</a>` : address;
}

defineElement('jobag-candidates', JobagCandidates);

declare global {
  interface HTMLElementTagNameMap {
    'jobag-candidates': JobagCandidates;
  }
}
