import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  addDays,
  etagOf,
  longTermFields,
  responseMethods,
  todayInCopenhagen,
  workingHoursConditions,
  workingTimes,
  type JobOrder,
  type Me,
} from '../sdk/index.ts';
import { JobagElement } from './base.ts';
import { defineElement } from './registry.ts';
import { send } from './client.ts';
import { CancelEvent, OrderCreatedEvent, OrderUpdatedEvent } from './events.ts';
import { Task, initialState } from '@lit/task';
import { VersionedSave } from './versioned-save.ts';
import { OccupationCombobox } from './occupation-combobox.ts';
import {
  bodyOf,
  checkDraft,
  contactDraft,
  draftFromCopy,
  draftFromOrder,
  emptyContact,
  emptyWorkplace,
  newDraft,
  patchOf,
  preselectedJobcenter,
  withText,
  workplaceDraft,
  type Draft,
  type FieldProblem,
  type FormData,
  type TextPath,
} from './order-draft.ts';
import { orderFormStyles } from './order-form.styles.ts';
import { orderDetailsStyles } from './order-details.ts';
import { receiptStyles } from './order-form.styles.ts';
import { OrderFields } from './order-form-fields.ts';
import { themeStyles } from './theme.styles.ts';
import { lazyModule } from './lazy-module.ts';
import type { Said } from './strings.ts';
import './locales/da.form.ts';
import './locales/da.errors.ts';
import './locales/da.orders.ts';
import './locales/da.form-only.ts';

type Company = NonNullable<Me['company']>;


/** The receipt (R2.7), a chunk of its own: fetched while the first order is being created. */
const receiptChunk = lazyModule(() => import('./order-receipt.ts'));

/**
 * Creates a job order (R2), with `copy-of` one prefilled from another (Kopiér jobordre:
 * dates that have passed are left out, a responsible jobcenter that left the scheme must be chosen
 * again; the save sends `copyOf`), or, with `order-id`, edits one (R7). Validates before sending and shows
 * every error the API reports next to its field, moving focus to the first; what the user typed
 * is never lost. After creation it shows a printable receipt (kvittering). With the `autofocus`
 * attribute (a form opened by the user's action) its heading takes focus once the form is there.
 *
 * @summary The job-order form: Opret jobordre / Rediger jobordre.
 *
 * @fires jobag-order-created - `OrderCreatedEvent`, `detail` the created `JobOrder`.
 * @fires jobag-order-updated - `OrderUpdatedEvent`, `detail` the edited `JobOrder`.
 * @fires jobag-cancel - `CancelEvent` on "Fortryd", `detail.orderId`; cancelable (a create form resets unless prevented).
 *
 * @csspart base - The wrapper of everything the element shows.
 * @csspart form - The `<form>`.
 * @csspart section - Each fieldset (Datoer og vilkår, Arbejdssted, Kontaktperson).
 * @csspart field - Each label + control + help + error group.
 * @csspart error - A field's error message.
 * @csspart error-summary - The list of errors above the form.
 * @csspart form-error - An error of the whole form (not of one field), at its top.
 * @csspart conflict - The message when someone else saved the order first (412), with its reload button.
 * @csspart copy-intro - The text above a form that copies another order.
 * @csspart combobox - The job-title combobox; `listbox`, `option`, `option-active` its popup.
 * @csspart actions - The row of buttons; `submit` and `cancel` the buttons.
 * @csspart receipt - The receipt shown after creation; `print` its print button.
 *
 * @cssprop --jobag-font-family, --jobag-font-size - Type.
 * @cssprop --jobag-color-text, --jobag-color-muted, --jobag-color-background, --jobag-color-surface - Text, help text, background, controls.
 * @cssprop --jobag-color-primary, --jobag-color-on-primary - Buttons, links, the highlighted suggestion.
 * @cssprop --jobag-color-border, --jobag-color-error, --jobag-color-focus - Borders, errors, focus ring.
 * @cssprop --jobag-radius, --jobag-space - Corner radius and the spacing unit.
 *
 * @example
 * ```html
 * <jobag-order-form description="Opvask og klargøring"></jobag-order-form>
 * <jobag-order-form order-id="17"></jobag-order-form>
 * ```
 */
export class JobagOrderForm extends JobagElement {
  static override styles = [themeStyles, orderFormStyles, orderDetailsStyles, receiptStyles];

  /** Edit this order (R7) instead of creating a new one. */
  @property({ attribute: 'order-id', type: Number }) accessor orderId: number | null = null;

  /** Kopiér jobordre: a new order prefilled from this one; ignored with `order-id`. */
  @property({ attribute: 'copy-of', type: Number }) accessor copyOf: number | null = null;

  /** Pre-fills a new order's task description, e.g. the host page's quick-start text (R2.2). */
  @property() accessor description = '';

  @state() accessor draft: Draft = newDraft(todayInCopenhagen());
  @state() accessor problems: FieldProblem[] = [];
  /** A failed save's message, worded when shown. */
  @state() accessor formError: Said | null = null;
  /** Bumped to load the stored order again (after a conflict). */
  @state() accessor revision = 0;
  @state() accessor notice: Said | null = null;
  @state() accessor receipt: JobOrder | null = null;

  /** What the form stands on: the user, the jobcenters and, when editing, the stored order. */
  readonly #data = new Task(this, {
    task: async ([client, id, , copyOf], { signal }): Promise<FormData | typeof initialState> => {
      if (!client) return initialState;
      const [me, jobcenters, order, source] = await Promise.all([
        this.loadMe(client, signal),
        send(client.GET('/v1/jobcenters', { signal })).then((r) => r.data.items),
        id === null ? null : send(client.GET('/v1/job-orders/{id}', { params: { path: { id } }, signal })),
        copyOf === null ? null : send(client.GET('/v1/job-orders/{id}', { params: { path: { id: copyOf } }, signal })).then((r) => r.data),
      ]);
      return { me, jobcenters, order: order?.data ?? null, etag: order ? etagOf(order.response) : undefined, source };
    },
    args: () => [this.client, this.editing ? this.orderId! : null, this.revision, this.#copying ? this.copyOf! : null] as const,
    onComplete: (data) => {
      this.#loaded = data;
      this.#fill(data, this.#keepNote);
      this.#keepNote = false;
      // Opened by the user (e.g. "Rediger jobordre" in a view, whose button is gone): focus goes to
      // what they opened, once, when it is there; never on a later reload.
      if (this.autofocus && !this.#focused) {
        this.#focused = true;
        void this.updateComplete.then(() => (this.renderRoot as ShadowRoot).getElementById('form-heading')?.focus());
      }
    },
  });
  readonly #save = new VersionedSave(this);
  #loaded: FormData | undefined;
  #keepNote = false;
  #focused = false;
  readonly #fields = new OrderFields(() => ({ draft: this.draft, problems: this.problems, strings: this.strings, editing: this.editing }), {
    text: (event) => this.#handleText(event),
    email: (event) => this.#handleEmail(event),
    longTerm: (event) => this.#handleLongTerm(event),
    select: (event) => this.#handleSelect(event),
    jobcenter: (event) => this.#handleJobcenter(event),
    workplace: (event) => this.#handleWorkplace(event),
    contactPerson: (event) => this.#handleContactPerson(event),
    clearWorkplace: () => void this.#handleClearWorkplace(),
    clearContact: () => void this.#handleClearContact(),
  });
  readonly #occupation = new OccupationCombobox(this, {
    search: async (q, signal) => (await send(this.client!.GET('/v1/occupations', { params: { query: { q } }, signal }))).data.items,
    onChoose: () => this.#clearProblems('occupationCode'),
  });
  #jobcenterChosen = false;
  #idempotency: { body: string; key: string } | undefined;
  #printFrame: HTMLIFrameElement | undefined;

  get #copying(): boolean {
    return !this.editing && this.copyOf !== null && this.copyOf !== undefined;
  }

  private get editing(): boolean {
    // Removing the attribute makes it null; a host may also set undefined.
    return this.orderId !== null && this.orderId !== undefined;
  }

  /** Goes back to an empty form (create) or the stored order (edit), as after "Fortryd". */
  reset(): void {
    this.receipt = null;
    if (this.#loaded) this.#fill(this.#loaded, false);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#printFrame?.remove();
    this.#printFrame = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('orderId') && changed.get('orderId') !== undefined) this.receipt = null;
    if (changed.has('description') && !this.editing && changed.get('description') !== undefined) {
      this.draft = { ...this.draft, description: this.description };
    }
  }

  protected override render() {
    return html`<div class="base" part="base" lang=${this.activeLocale}>${this.#renderContent()}</div>`;
  }

  #renderContent() {
    const s = this.strings;
    if (!this.client) return html`<p class="alert" role="alert">${s.common.notConfigured}</p>`;
    if (this.receipt && receiptChunk.module) return receiptChunk.module.renderReceipt(this.receipt, this.strings, { print: this.#handlePrint, newOrder: this.#handleNewOrder });
    return this.#data.render({
      initial: () => html`<p role="status">${s.form.loadingOrder}</p>`,
      pending: () => html`<p role="status">${s.form.loadingOrder}</p>`,
      error: (error) => html`
        <div class="alert" role="alert">
          <p>${this.editing ? s.form.loadFailed : ''} ${this.describeError(error)}</p>
          <button type="button" @click=${() => this.#data.run()}>${s.common.retry}</button>
        </div>
      `,
      complete: (data) => (data.me.company ? this.#renderForm(data, data.me.company) : html`<p class="alert" role="alert">${s.form.employerOnly}</p>`),
    });
  }

  #renderForm(data: FormData, company: Company) {
    const s = this.strings.form;
    const d = this.draft;
    const today = todayInCopenhagen();
    const unplaced = this.problems.filter((p) => !this.#isRendered(p.path));
    return html`
      <form part="form" novalidate aria-labelledby="form-heading" @submit=${this.#handleSubmit}>
        <h2 id="form-heading" tabindex="-1">${this.editing ? s.editHeading : data.source ? s.copyHeading(data.source.id) : s.createHeading}</h2>
        ${data.source ? html`<p class="help" part="copy-intro">${s.copyIntro}</p>` : nothing}
        <p class="help">${this.strings.common.requiredNote}</p>
        ${this.problems.length ? this.#renderSummary(unplaced) : nothing}
        ${this.formError ? html`<p class="alert" role="alert" part="form-error">${this.formError(this.strings)}</p>` : nothing}
        ${this.#save.conflict
          ? html`<div class="alert" role="alert" part="conflict">
              <p>${s.conflict}</p>
              <button type="button" @click=${this.#handleReload}>${s.reload}</button>
            </div>`
          : nothing}
        <p role="status" class=${this.notice ? 'notice' : 'visually-hidden'}>${this.notice?.(this.strings)}</p>

        <div class="field" part="field">
          <label for="f-occupationCode">${s.occupation}<span class="star" aria-hidden="true"> *</span></label>
          ${this.#occupation.render(
            { input: 'f-occupationCode', listbox: 'occupation-listbox', describedBy: this.#fields.describedBy('occupationCode', true) },
            {
              listbox: s.suggestions,
              searching: s.occupationSearching,
              suggestions: s.occupationSuggestions,
              none: s.occupationNone,
              failed: s.occupationFailed,
            },
            this.#fields.problemFor('occupationCode') !== undefined,
          )}
          <p class="help" id="h-occupationCode">${s.occupationHelp}</p>
          ${this.#fields.error('occupationCode')}
        </div>

        ${this.#fields.jobcenter(data, company)}
        ${this.#fields.text('description', s.description, { required: true, multiline: true, help: s.descriptionHelp })}
        ${this.#fields.text('positions', s.positions, { required: true, numeric: true })}
        ${this.#fields.check('emailOnPlacement', s.emailOnPlacement, s.emailOnPlacementHelp)}

        <fieldset part="section">
          <legend>${s.terms}</legend>
          ${this.#fields.check('longTerm', s.longTerm, s.longTermHelp)}
          <div class="row">
            ${this.#fields.text('startDate', s.startDate, { type: 'date', min: today, disabled: d.longTerm, help: s.startDateHelp })}
            ${this.#fields.text('durationDays', s.duration, { numeric: true, disabled: d.longTerm, help: s.durationHelp })}
          </div>
          <div class="row">
            ${this.#fields.text('responseDeadline', s.responseDeadline, { type: 'date', min: addDays(today, 1), disabled: d.longTerm, help: s.responseDeadlineHelp })}
            ${this.#fields.text('maxCandidates', s.maxCandidates, { numeric: true, disabled: d.longTerm, help: s.maxCandidatesHelp })}
          </div>
          <fieldset class="choices" part="field">
            <legend>${s.workingTime}</legend>
            ${workingTimes.map(
              (value) => html`<div class="check radio">
                <input
                  type="radio"
                  id="f-workingTime-${value}"
                  name="workingTime"
                  .value=${value}
                  .checked=${d.workingTime === value}
                  @change=${this.#handleWorkingTime}
                />
                <label for="f-workingTime-${value}">${this.strings.workingTimes[value]}</label>
              </div>`,
            )}
          </fieldset>
          ${d.workingTime === 'part_time' ? this.#fields.text('weeklyHours', s.weeklyHours, { numeric: true, help: s.weeklyHoursHelp }) : nothing}
          <div class="row">
            ${this.#fields.select('workingHoursCondition', s.workingHoursCondition, workingHoursConditions, this.strings.workingHoursConditions)}
            ${this.#fields.select('responseMethod', s.responseMethod, responseMethods, this.strings.responseMethods)}
          </div>
        </fieldset>

        ${this.#fields.workplace(company)} ${this.#fields.contact(company)}
        ${this.editing ? this.#fields.text('note', s.note, { multiline: true, help: s.noteHelp }) : nothing}

        <div class="actions" part="actions">
          <button type="submit" class="primary" part="submit" aria-disabled=${this.#save.saving ? 'true' : 'false'}>
            ${this.#save.saving ? s.saving : this.editing ? s.update : data.source ? s.copyCreate : s.create}
          </button>
          <button type="button" part="cancel" @click=${this.#handleCancel}>${s.cancel}</button>
        </div>
      </form>
    `;
  }

  #renderSummary(unplaced: FieldProblem[]) {
    const placed = this.problems.filter((p) => !unplaced.includes(p));
    return html`
      <div class="alert summary" part="error-summary" id="error-summary" tabindex="-1">
        <p>${this.strings.form.errorSummary(this.problems.length)}</p>
        <ul>
          ${placed.map(
            (p) => html`<li><button type="button" @click=${() => this.#focusField(p.path)}>${this.#summaryLine(p)}</button></li>`,
          )}
          ${unplaced.map((p) => html`<li>${this.#fields.message(p)}</li>`)}
        </ul>
      </div>
    `;
  }

  #isRendered(path: string): boolean {
    return this.#fieldOf(path) !== null;
  }

  #fieldOf(path: string): HTMLElement | null {
    const root = this.renderRoot as ShadowRoot;
    if (path === 'workingTime') return root.getElementById(`f-workingTime-${this.draft.workingTime}`);
    const field = root.getElementById(`f-${path}`);
    return field && !(field as HTMLInputElement).disabled ? field : null;
  }

  /** "Field: message", unless the message already names its field ("Job startdato skal være …"). */
  #summaryLine(problem: FieldProblem): string {
    const label = this.#fields.labelOf(problem.path);
    const message = this.#fields.message(problem);
    return message.startsWith(label) ? message : `${label}: ${message}`;
  }

  #focusField(path: string): void {
    this.#fieldOf(path)?.focus();
  }

  // ---- draft ----

  #clearProblems(...paths: string[]): void {
    if (this.problems.some((p) => paths.includes(p.path))) this.problems = this.problems.filter((p) => !paths.includes(p.path));
  }

  #fill(data: FormData, keepNote: boolean): void {
    this.problems = [];
    this.formError = this.notice = null;
    this.#save.reset(data.etag);
    if (data.order) {
      this.draft = draftFromOrder(data.order, keepNote ? this.draft.note : '');
      this.#occupation.set(data.order.occupation);
      return;
    }
    if (data.source) {
      this.draft = draftFromCopy(data.source, data.jobcenters, todayInCopenhagen());
      this.#occupation.set(data.source.occupation);
      this.#jobcenterChosen = true;
      this.#idempotency = undefined;
      return;
    }
    const company = data.me.company;
    // R2.5: the signed-in contact person's own workplace, else the company's first.
    const ownPNumber = data.me.contactPerson?.workplacePNumber;
    const workplace = company?.workplaces.find((w) => w.pNumber === ownPNumber) ?? company?.workplaces[0];
    const person = data.me.contactPerson ?? (company?.contactPersons.length === 1 ? company.contactPersons[0] : undefined);
    this.draft = {
      ...newDraft(todayInCopenhagen()),
      description: this.description,
      responsibleJobcenterId: preselectedJobcenter(workplace, data.jobcenters),
      workplace: workplace ? workplaceDraft(workplace) : emptyWorkplace(),
      contact: person ? contactDraft(person) : emptyContact(),
    };
    this.#jobcenterChosen = false;
    this.#idempotency = undefined;
    this.#occupation.set(null);
  }

  // ---- validation and sending ----

  async #showProblems(problems: FieldProblem[]): Promise<void> {
    this.problems = problems;
    await this.updateComplete;
    // Focus the first broken field in reading order; errors without a field focus the summary.
    const first = (this.renderRoot as ShadowRoot).querySelector<HTMLElement>('[aria-invalid="true"]:not(:disabled)');
    (first ?? (this.renderRoot as ShadowRoot).getElementById('error-summary'))?.focus();
  }

  #handleSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (this.#save.saving) return;
    const client = this.client;
    const data = this.#loaded;
    if (!client || !data) return;
    // Fetched beside the request, so the receipt shows as soon as the order is created.
    if (!this.editing) receiptChunk.load().catch(() => undefined);
    this.formError = this.notice = null;
    const problems = checkDraft(this.draft, {
      occupation: this.#occupation.chosen,
      occupationText: this.#occupation.text,
      editing: this.editing,
      original: data.order,
      today: todayInCopenhagen(),
    });
    if (problems.length) return this.#showProblems(problems);
    this.problems = [];
    const original = data.order;
    let result;
    if (original) {
      const body = patchOf(this.draft, this.#occupation.chosen, original);
      result = await this.#save.save((ifMatch) => client.PATCH('/v1/job-orders/{id}', { params: { path: { id: original.id }, header: ifMatch }, body }));
    } else {
      // A copy sends what the form shows and names its source (the body's fields win on the server).
      const body = data.source ? { ...bodyOf(this.draft, this.#occupation.chosen), copyOf: data.source.id } : bodyOf(this.draft, this.#occupation.chosen);
      // One key per body: a retry after a lost answer never creates a second order.
      const text = JSON.stringify(body);
      if (this.#idempotency?.body !== text) this.#idempotency = { body: text, key: newIdempotencyKey() };
      const key = this.#idempotency.key;
      result = await this.#save.save(() => client.POST('/v1/job-orders', { params: { header: { 'Idempotency-Key': key } }, body }));
    }
    if (!result) return;
    if (!result.ok) {
      if (result.problems) await this.#showProblems(result.problems);
      else if (this.#save.error) {
        const error = this.#save.error;
        this.formError = () => this.describeError(error);
      }
      return;
    }
    const order = result.data;
    if (original) {
      this.#loaded = { ...data, order };
      this.draft = draftFromOrder(order, '');
      this.notice = (s) => s.form.updated;
      this.emit(new OrderUpdatedEvent(order));
      this.publishChange({ orderId: order.id, action: 'edited' });
    } else {
      this.#idempotency = undefined;
      await receiptChunk.load().catch(() => undefined);
      this.receipt = order;
      this.emit(new OrderCreatedEvent(order));
      this.publishChange({ orderId: order.id, action: 'created' });
      await this.updateComplete;
      (this.renderRoot as ShadowRoot).getElementById('receipt-heading')?.focus();
    }
  };

  #handleReload = async () => {
    // Reload the stored order; the note the user wrote for the jobcenter is kept (R7.2) and
    // focus returns to it, since the button that had focus is gone.
    this.#keepNote = true;
    this.revision++;
    await this.updateComplete;
    await this.#data.taskComplete.catch(() => undefined);
    await this.updateComplete;
    this.#focusField('note');
  };

  #handleCancel = () => {
    const id = this.editing ? this.orderId! : null;
    if (this.emit(new CancelEvent(id))) this.reset();
  };

  #handleNewOrder = async () => {
    this.reset();
    await this.updateComplete;
    this.#focusField('occupationCode');
  };

  /** Prints only the receipt (R2.7), from a hidden frame this element removes when it leaves the page. */
  #handlePrint = () => {
    const receipt = (this.renderRoot as ShadowRoot).querySelector('.receipt');
    if (!receipt || !receiptChunk.module) return;
    this.#printFrame?.remove();
    this.#printFrame = receiptChunk.module.appendPrintFrame();
    receiptChunk.module.printReceipt(this.#printFrame, receipt, this.activeLocale, `${this.strings.form.receipt} ${this.receipt?.id ?? ''}`);
  };

  #handleText = (event: Event) => {
    const input = event.target as HTMLInputElement | HTMLTextAreaElement;
    // A date field reports '' while one of its segments is briefly incomplete (typing over a day,
    // a month). Storing that and writing it back would wipe the other segments, and the order
    // would be saved with today's date. Only a real value, or a field really emptied, is kept.
    if (input instanceof HTMLInputElement && input.type === 'date' && input.value === '' && input.validity.badInput) return;
    this.draft = withText(this.draft, input.name as TextPath, input.value);
    this.#clearProblems(input.name);
  };

  #handleEmail = (event: Event) => {
    this.draft = { ...this.draft, emailOnPlacement: (event.target as HTMLInputElement).checked };
  };

  /** R2.4.1: long-term disables the four fields and clears what was typed in them. */
  #handleLongTerm = (event: Event) => {
    const longTerm = (event.target as HTMLInputElement).checked;
    const cleared = Object.fromEntries(longTermFields.map((key) => [key, '']));
    this.draft = longTerm ? { ...this.draft, ...cleared, longTerm } : { ...this.draft, longTerm, startDate: todayInCopenhagen() };
    this.#clearProblems(...longTermFields);
  };

  /** R2.4.7: whole hours belong to part time only; leaving it clears them. */
  #handleWorkingTime = (event: Event) => {
    const workingTime = (event.target as HTMLInputElement).value as JobOrder['workingTime'];
    this.draft = { ...this.draft, workingTime, weeklyHours: workingTime === 'part_time' ? this.draft.weeklyHours : '' };
    this.#clearProblems('workingTime', 'weeklyHours');
  };

  #handleSelect = (event: Event) => {
    const select = event.target as HTMLSelectElement;
    this.draft = { ...this.draft, [select.name]: select.value };
  };

  #handleJobcenter = (event: Event) => {
    this.#jobcenterChosen = true;
    this.draft = { ...this.draft, responsibleJobcenterId: (event.target as HTMLSelectElement).value };
    this.#clearProblems('responsibleJobcenterId');
  };

  /** Another P-number fills in its name and address, and (until the user chose one) its local jobcenter. */
  #handleWorkplace = (event: Event) => {
    const pNumber = (event.target as HTMLSelectElement).value;
    const data = this.#loaded;
    const workplace = data?.me.company?.workplaces.find((w) => w.pNumber === pNumber);
    if (!data || !workplace) return;
    this.draft = {
      ...this.draft,
      workplace: workplaceDraft(workplace),
      responsibleJobcenterId:
        this.editing || this.#jobcenterChosen ? this.draft.responsibleJobcenterId : preselectedJobcenter(workplace, data.jobcenters),
    };
    this.#clearProblems('workplace.pNumber', 'workplace.name', 'workplace.street', 'workplace.postalCode', 'workplace.city');
  };

  #handleContactPerson = (event: Event) => {
    const id = Number((event.target as HTMLSelectElement).value);
    const person = this.#loaded?.me.company?.contactPersons.find((p) => p.id === id);
    this.draft = { ...this.draft, contact: person ? contactDraft(person) : { ...this.draft.contact, contactPersonId: null } };
    this.#clearProblems('contact.name', 'contact.email', 'contact.phone');
  };

  /** "Ryd felter" (R2.5): empties name and address for typing by hand; the P-number stays. */
  #handleClearWorkplace = async () => {
    this.draft = { ...this.draft, workplace: emptyWorkplace(this.draft.workplace.pNumber) };
    await this.updateComplete;
    this.#focusField('workplace.name');
  };

  /** "Ryd felter" (R2.6): a contact person typed by hand is not one of the company's. */
  #handleClearContact = async () => {
    this.draft = { ...this.draft, contact: emptyContact() };
    await this.updateComplete;
    this.#focusField('contact.name');
  };
}

function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID needs a secure context; a plain-http intranet page still deserves a unique key.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

defineElement('jobag-order-form', JobagOrderForm);

declare global {
  interface HTMLElementTagNameMap {
    'jobag-order-form': JobagOrderForm;
  }
}
