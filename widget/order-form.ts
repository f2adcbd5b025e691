import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { addDays, etagOf, longTermFields, todayInCopenhagen, type JobOrder, type Jobcenter, type Me } from '../sdk/index.ts';
import { JobagElement } from './base.ts';
import { defineElement } from './registry.ts';
import { ApiError, send } from './client.ts';
import { CancelEvent, OrderCreatedEvent, OrderUpdatedEvent } from './events.ts';
import { Loader } from './loader.ts';
import { OccupationCombobox } from './occupation-combobox.ts';
import {
  bodyOf,
  checkDraft,
  contactDraft,
  draftFromOrder,
  emptyContact,
  emptyWorkplace,
  newDraft,
  patchOf,
  preselectedJobcenter,
  readText,
  withText,
  workplaceDraft,
  type Draft,
  type FieldProblem,
  type TextPath,
} from './order-draft.ts';
import { orderFormStyles } from './order-form.styles.ts';
import { appendPrintFrame, printReceipt, receiptStyles, renderReceipt } from './order-receipt.ts';
import type { ErrorCode } from './strings.ts';
import { themeStyles } from './theme.styles.ts';

type Company = NonNullable<Me['company']>;

interface FormData { me: Me; jobcenters: Jobcenter[]; order: JobOrder | null; etag: string | undefined }

/**
 * Creates a job order (R2) or, with `order-id`, edits one (R7). Validates before sending and shows
 * every error the API reports next to its field, moving focus to the first; what the user typed
 * is never lost. After creation it shows a printable receipt (kvittering).
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
  static override styles = [themeStyles, orderFormStyles, receiptStyles];

  /** Edit this order (R7) instead of creating a new one. */
  @property({ attribute: 'order-id', type: Number }) accessor orderId: number | null = null;

  /** Pre-fills a new order's task description, e.g. the host page's quick-start text (R2.2). */
  @property() accessor description = '';

  @state() accessor draft: Draft = newDraft(todayInCopenhagen());
  @state() accessor problems: FieldProblem[] = [];
  @state() accessor saving = false;
  @state() accessor formError = '';
  @state() accessor conflict = false;
  @state() accessor notice = '';
  @state() accessor receipt: JobOrder | null = null;

  readonly #data = new Loader<FormData>(this);
  readonly #occupation = new OccupationCombobox(this, {
    search: async (q, signal) => (await send(this.client!.GET('/v1/occupations', { params: { query: { q } }, signal }))).data.items,
    onChoose: () => this.#clearProblems('occupationCode'),
  });
  #loadedWith: readonly unknown[] = [];
  #etag: string | undefined;
  #jobcenterChosen = false;
  #idempotency: { body: string; key: string } | undefined;
  #printFrame: HTMLIFrameElement | undefined;

  private get editing(): boolean {
    // Removing the attribute makes it null; a host may also set undefined.
    return this.orderId !== null && this.orderId !== undefined;
  }

  /** Goes back to an empty form (create) or the stored order (edit), as after "Fortryd". */
  reset(): void {
    this.receipt = null;
    if (this.#data.value) this.#fill(this.#data.value, false);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#printFrame?.remove();
    this.#printFrame = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const client = this.client;
    const key = [client, this.orderId];
    if (client && (this.#data.status === 'initial' || key.some((k, i) => k !== this.#loadedWith[i]))) {
      this.#loadedWith = key;
      if (changed.has('orderId')) this.receipt = null;
      void this.#load(false);
    }
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
    if (this.receipt) return renderReceipt(this.receipt, this.strings, { print: this.#handlePrint, newOrder: this.#handleNewOrder });
    return this.#data.render({
      initial: () => html`<p role="status">${s.form.loadingOrder}</p>`,
      pending: () => html`<p role="status">${s.form.loadingOrder}</p>`,
      error: (error) => html`
        <div class="alert" role="alert">
          <p>${this.editing ? s.form.loadFailed : ''} ${this.describeError(error)}</p>
          <button type="button" @click=${() => this.#load(false)}>${s.common.retry}</button>
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
        <h2 id="form-heading">${this.editing ? s.editHeading : s.createHeading}</h2>
        <p class="help">${this.strings.common.requiredNote}</p>
        ${this.problems.length ? this.#renderSummary(unplaced) : nothing}
        ${this.formError ? html`<p class="alert" role="alert" part="form-error">${this.formError}</p>` : nothing}
        ${this.conflict
          ? html`<div class="alert" role="alert" part="conflict">
              <p>${s.conflict}</p>
              <button type="button" @click=${this.#handleReload}>${s.reload}</button>
            </div>`
          : nothing}
        <p role="status" class=${this.notice ? 'notice' : 'visually-hidden'}>${this.notice}</p>

        <div class="field" part="field">
          <label for="f-occupationCode">${s.occupation}<span class="star" aria-hidden="true"> *</span></label>
          ${this.#occupation.render(
            { input: 'f-occupationCode', listbox: 'occupation-listbox', describedBy: this.#describedBy('occupationCode', true) },
            {
              listbox: s.suggestions,
              searching: s.occupationSearching,
              suggestions: s.occupationSuggestions,
              none: s.occupationNone,
              failed: s.occupationFailed,
            },
            this.#problemFor('occupationCode') !== undefined,
          )}
          <p class="help" id="h-occupationCode">${s.occupationHelp}</p>
          ${this.#renderError('occupationCode')}
        </div>

        ${this.#renderJobcenter(data, company)}
        ${this.#text('description', s.description, { required: true, multiline: true, help: s.descriptionHelp })}
        ${this.#text('positions', s.positions, { required: true, numeric: true })}
        ${this.#check('emailOnPlacement', s.emailOnPlacement, s.emailOnPlacementHelp)}

        <fieldset part="section">
          <legend>${s.terms}</legend>
          ${this.#check('longTerm', s.longTerm, s.longTermHelp)}
          <div class="row">
            ${this.#text('startDate', s.startDate, { type: 'date', min: today, disabled: d.longTerm, help: s.startDateHelp })}
            ${this.#text('durationDays', s.duration, { numeric: true, disabled: d.longTerm, help: s.durationHelp })}
          </div>
          <div class="row">
            ${this.#text('responseDeadline', s.responseDeadline, { type: 'date', min: addDays(today, 1), disabled: d.longTerm, help: s.responseDeadlineHelp })}
            ${this.#text('maxCandidates', s.maxCandidates, { numeric: true, disabled: d.longTerm, help: s.maxCandidatesHelp })}
          </div>
          <fieldset class="choices" part="field">
            <legend>${s.workingTime}</legend>
            ${(Object.keys(this.strings.workingTimes) as JobOrder['workingTime'][]).map(
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
          ${d.workingTime === 'part_time' ? this.#text('weeklyHours', s.weeklyHours, { numeric: true, help: s.weeklyHoursHelp }) : nothing}
          <div class="row">
            ${this.#select('workingHoursCondition', s.workingHoursCondition, this.strings.workingHoursConditions)}
            ${this.#select('responseMethod', s.responseMethod, this.strings.responseMethods)}
          </div>
        </fieldset>

        ${this.#renderWorkplace(company)} ${this.#renderContact(company)}
        ${this.editing ? this.#text('note', s.note, { multiline: true, help: s.noteHelp }) : nothing}

        <div class="actions" part="actions">
          <button type="submit" class="primary" part="submit" aria-disabled=${this.saving ? 'true' : 'false'}>
            ${this.saving ? s.saving : this.editing ? s.update : s.create}
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
            (p) => html`<li><button type="button" @click=${() => this.#focusField(p.path)}>${this.#labelOf(p.path)}: ${this.#message(p)}</button></li>`,
          )}
          ${unplaced.map((p) => html`<li>${this.#message(p)}</li>`)}
        </ul>
      </div>
    `;
  }

  #renderJobcenter(data: FormData, company: Company) {
    const s = this.strings.form;
    if (this.editing) {
      const name = data.order?.responsibleJobcenter.name ?? '';
      return html`<div class="field" part="field">
        <label for="f-responsibleJobcenterId">${s.jobcenter}</label>
        <input id="f-responsibleJobcenterId" type="text" readonly .value=${name} aria-describedby="h-responsibleJobcenterId" />
        <p class="help" id="h-responsibleJobcenterId">${s.jobcenterReadonly}</p>
      </div>`;
    }
    const signedUp = data.jobcenters.filter((j) => j.signedUp);
    const workplace = company.workplaces.find((w) => w.pNumber === this.draft.workplace.pNumber);
    const local = data.jobcenters.find((j) => j.id === workplace?.localJobcenterId);
    return html`<div class="field" part="field">
      <label for="f-responsibleJobcenterId">${s.jobcenter}<span class="star" aria-hidden="true"> *</span></label>
      <select
        id="f-responsibleJobcenterId"
        name="responsibleJobcenterId"
        required
        aria-invalid=${this.#problemFor('responsibleJobcenterId') ? 'true' : 'false'}
        aria-describedby=${this.#describedBy('responsibleJobcenterId', true, local && !local.signedUp ? 'n-responsibleJobcenterId' : '')}
        @change=${this.#handleJobcenter}
      >
        <option value="" ?selected=${this.draft.responsibleJobcenterId === ''}>${s.jobcenterChoose}</option>
        ${signedUp.map((j) => html`<option value=${j.id} ?selected=${j.id === this.draft.responsibleJobcenterId}>${j.name}</option>`)}
      </select>
      <p class="help" id="h-responsibleJobcenterId">${s.jobcenterHelp}</p>
      ${local && !local.signedUp ? html`<p class="help" id="n-responsibleJobcenterId">${s.jobcenterNotSignedUp(local.name)}</p>` : nothing}
      ${this.#renderError('responsibleJobcenterId')}
    </div>`;
  }

  #renderWorkplace(company: Company) {
    const s = this.strings.form;
    const pNumber = this.draft.workplace.pNumber;
    return html`
      <fieldset part="section">
        <legend>${s.workplace}</legend>
        ${company.workplaces.length > 1
          ? html`<div class="field" part="field">
              <label for="f-workplace.pNumber">${s.workplaceChoose}<span class="star" aria-hidden="true"> *</span></label>
              <select
                id="f-workplace.pNumber"
                name="workplace.pNumber"
                required
                aria-invalid=${this.#problemFor('workplace.pNumber') ? 'true' : 'false'}
                aria-describedby=${this.#describedBy('workplace.pNumber', false)}
                @change=${this.#handleWorkplace}
              >
                ${pNumber === '' ? html`<option value="" selected></option>` : nothing}
                ${company.workplaces.map(
                  (w) => html`<option value=${w.pNumber} ?selected=${w.pNumber === pNumber}>${w.pNumber} – ${w.name}</option>`,
                )}
              </select>
              ${this.#renderError('workplace.pNumber')}
            </div>`
          : html`<p class="static">${s.pNumber}: ${pNumber}</p>`}
        ${this.#text('workplace.name', s.workplaceName, { required: true, autocomplete: 'organization' })}
        ${this.#text('workplace.street', s.street, { required: true, autocomplete: 'address-line1' })}
        <div class="row">
          ${this.#text('workplace.floor', s.floor)} ${this.#text('workplace.door', s.door)}
        </div>
        <div class="row">
          ${this.#text('workplace.postalCode', s.postalCode, { required: true, numeric: true, autocomplete: 'postal-code' })}
          ${this.#text('workplace.city', s.city, { required: true, autocomplete: 'address-level2' })}
        </div>
        <button type="button" class="clear" aria-label=${s.clearWorkplace} @click=${this.#handleClearWorkplace}>${s.clearFields}</button>
      </fieldset>
    `;
  }

  #renderContact(company: Company) {
    const s = this.strings.form;
    const id = this.draft.contact.contactPersonId;
    return html`
      <fieldset part="section">
        <legend>${s.contact}</legend>
        ${company.contactPersons.length > 1
          ? html`<div class="field" part="field">
              <label for="f-contact.contactPersonId">${s.contactChoose}</label>
              <select id="f-contact.contactPersonId" name="contact.contactPersonId" @change=${this.#handleContactPerson}>
                ${company.contactPersons.map((p) => html`<option value=${String(p.id)} ?selected=${p.id === id}>${p.name}</option>`)}
                <option value="" ?selected=${id === null}>${s.contactOther}</option>
              </select>
            </div>`
          : nothing}
        ${this.#text('contact.name', s.contactName, { required: true, autocomplete: 'name' })}
        <div class="row">
          ${this.#text('contact.email', s.email, { required: true, type: 'email', autocomplete: 'email' })}
          ${this.#text('contact.phone', s.phone, { type: 'tel', autocomplete: 'tel' })}
        </div>
        <button type="button" class="clear" aria-label=${s.clearContact} @click=${this.#handleClearContact}>${s.clearFields}</button>
      </fieldset>
    `;
  }

  // ---- field templates ----

  #text(
    path: TextPath,
    label: string,
    options: { type?: 'text' | 'date' | 'email' | 'tel'; required?: boolean; multiline?: boolean; numeric?: boolean; disabled?: boolean; min?: string; help?: string; autocomplete?: string } = {},
  ): TemplateResult {
    const id = `f-${path}`;
    const invalid = this.#problemFor(path) ? 'true' : 'false';
    const describedBy = this.#describedBy(path, options.help !== undefined);
    const value = readText(this.draft, path);
    return html`<div class="field" part="field">
      <label for=${id}>${label}${options.required ? html`<span class="star" aria-hidden="true"> *</span>` : nothing}</label>
      ${options.multiline
        ? html`<textarea
            id=${id}
            name=${path}
            ?required=${options.required}
            aria-invalid=${invalid}
            aria-describedby=${describedBy || nothing}
            .value=${value}
            @input=${this.#handleText}
          ></textarea>`
        : html`<input
            id=${id}
            name=${path}
            type=${options.type ?? 'text'}
            inputmode=${options.numeric ? 'numeric' : nothing}
            autocomplete=${options.autocomplete ?? 'off'}
            min=${options.min ?? nothing}
            ?required=${options.required}
            ?disabled=${options.disabled}
            aria-invalid=${invalid}
            aria-describedby=${describedBy || nothing}
            .value=${value}
            @input=${this.#handleText}
          />`}
      ${options.help ? html`<p class="help" id="h-${path}">${options.help}</p>` : nothing} ${this.#renderError(path)}
    </div>`;
  }

  #check(key: 'emailOnPlacement' | 'longTerm', label: string, help: string) {
    return html`<div class="check" part="field">
      <input
        type="checkbox"
        id="f-${key}"
        name=${key}
        .checked=${this.draft[key]}
        aria-describedby="h-${key}"
        @change=${key === 'longTerm' ? this.#handleLongTerm : this.#handleEmail}
      />
      <div>
        <label for="f-${key}">${label}</label>
        <p class="help" id="h-${key}">${help}</p>
      </div>
    </div>`;
  }

  #select<K extends 'workingHoursCondition' | 'responseMethod'>(key: K, label: string, labels: Readonly<Record<Draft[K], string>>) {
    return html`<div class="field" part="field">
      <label for="f-${key}">${label}</label>
      <select id="f-${key}" name=${key} @change=${this.#handleSelect}>
        ${(Object.keys(labels) as Draft[K][]).map((value) => html`<option value=${value} ?selected=${this.draft[key] === value}>${labels[value]}</option>`)}
      </select>
    </div>`;
  }

  #renderError(path: string) {
    const problem = this.#problemFor(path);
    return problem ? html`<p class="error" part="error" id="e-${path}">${this.#message(problem)}</p>` : nothing;
  }

  #describedBy(path: string, help: boolean, extra = ''): string {
    return [help ? `h-${path}` : '', extra, this.#problemFor(path) ? `e-${path}` : ''].filter(Boolean).join(' ');
  }

  #problemFor(path: string): FieldProblem | undefined {
    return this.problems.find((p) => p.path === path);
  }

  /** An error in the user's language: this field's own wording, else the code's, else the server's text. */
  #message(problem: FieldProblem): string {
    const s = this.strings;
    const own = s.fieldErrors[`${problem.path}:${problem.code}`];
    if (own !== undefined && Object.hasOwn(s.fieldErrors, `${problem.path}:${problem.code}`)) return own;
    if (Object.hasOwn(s.errors, problem.code)) return s.errors[problem.code as ErrorCode];
    return problem.message ?? s.common.unexpected;
  }

  #labelOf(path: string): string {
    const label = this.renderRoot.querySelector<HTMLElement>(`label[for="${CSS.escape(`f-${path}`)}"]`);
    return (label?.textContent ?? path).replace(/\s*\*\s*$/, '').trim();
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

  #focusField(path: string): void {
    this.#fieldOf(path)?.focus();
  }

  // ---- draft ----

  #clearProblems(...paths: string[]): void {
    if (this.problems.some((p) => paths.includes(p.path))) this.problems = this.problems.filter((p) => !paths.includes(p.path));
  }

  async #load(keepNote: boolean): Promise<void> {
    const client = this.client;
    if (!client) return;
    const id = this.editing ? this.orderId! : undefined;
    const data = await this.#data.run(async (signal) => {
      const [me, jobcenters, order] = await Promise.all([
        this.loadMe(client, signal),
        send(client.GET('/v1/jobcenters', { signal })).then((r) => r.data.items),
        id === undefined ? null : send(client.GET('/v1/job-orders/{id}', { params: { path: { id } }, signal })),
      ]);
      return { me, jobcenters, order: order?.data ?? null, etag: order ? etagOf(order.response) : undefined };
    });
    if (data) this.#fill(data, keepNote);
  }

  #fill(data: FormData, keepNote: boolean): void {
    this.problems = [];
    this.formError = '';
    this.conflict = false;
    this.notice = '';
    if (data.order) {
      this.#etag = data.etag;
      this.draft = draftFromOrder(data.order, keepNote ? this.draft.note : '');
      this.#occupation.set(data.order.occupation);
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
    if (this.saving) return;
    const client = this.client;
    const data = this.#data.value;
    if (!client || !data) return;
    this.formError = '';
    this.notice = '';
    const problems = checkDraft(this.draft, {
      occupation: this.#occupation.chosen,
      occupationText: this.#occupation.text,
      editing: this.editing,
      original: data.order,
      today: todayInCopenhagen(),
    });
    if (problems.length) return this.#showProblems(problems);
    this.problems = [];
    this.saving = true;
    try {
      if (data.order) {
        const id = data.order.id;
        const { data: order, response } = await send(
          client.PATCH('/v1/job-orders/{id}', {
            params: { path: { id }, header: this.#etag ? { 'If-Match': this.#etag } : {} },
            body: patchOf(this.draft, this.#occupation.chosen, data.order),
          }),
        );
        this.#etag = etagOf(response);
        this.#data.value = { ...data, order };
        this.draft = draftFromOrder(order, '');
        this.notice = this.strings.form.updated;
        this.emit(new OrderUpdatedEvent(order));
      } else {
        const body = bodyOf(this.draft, this.#occupation.chosen);
        // One key per body: a retry after a lost answer never creates a second order.
        const text = JSON.stringify(body);
        if (this.#idempotency?.body !== text) this.#idempotency = { body: text, key: newIdempotencyKey() };
        const { data: order } = await send(
          client.POST('/v1/job-orders', { params: { header: { 'Idempotency-Key': this.#idempotency.key } }, body }),
        );
        this.#idempotency = undefined;
        this.receipt = order;
        this.emit(new OrderCreatedEvent(order));
        await this.updateComplete;
        (this.renderRoot as ShadowRoot).getElementById('receipt-heading')?.focus();
      }
    } catch (error) {
      if (error instanceof ApiError && (error.status === 400 || error.status === 422) && error.problem?.errors?.length) {
        await this.#showProblems(error.problem.errors);
      } else if (error instanceof ApiError && error.status === 412) {
        this.conflict = true;
      } else {
        this.formError = this.describeError(error);
      }
    } finally {
      this.saving = false;
    }
  };

  #handleReload = async () => {
    // Reload the stored order; the note the user wrote for the jobcenter is kept (R7.2) and
    // focus returns to it, since the button that had focus is gone.
    await this.#load(true);
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
    if (!receipt) return;
    this.#printFrame?.remove();
    this.#printFrame = appendPrintFrame();
    printReceipt(this.#printFrame, receipt, this.activeLocale, `${this.strings.form.receipt} ${this.receipt?.id ?? ''}`);
  };

  #handleText = (event: Event) => {
    const input = event.target as HTMLInputElement | HTMLTextAreaElement;
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
    const data = this.#data.value;
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
    const person = this.#data.value?.me.company?.contactPersons.find((p) => p.id === id);
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
