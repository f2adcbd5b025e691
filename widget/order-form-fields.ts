// The order form's fields (R2, R7): one template per kind of control, each tied to its label,
// help text and error (aria-describedby), and the words of every field by its API path, so an
// error summary is worded in the current language whatever is on screen (R8.2).
import { html, nothing, type TemplateResult } from 'lit';
import { readText, type Draft, type FieldProblem, type FormData, type TextPath } from './order-draft.ts';
import { orderTextLimits, type Me } from '../sdk/index.ts';
import type { ErrorCode, Strings } from './strings.ts';
import './locales/da.errors.ts';
import './locales/da.form-only.ts';

type Company = NonNullable<Me['company']>;

/** The longest text the API takes in each field, so the field stops there rather than the server refusing it. */
const maxLengths: Partial<Record<string, number>> = orderTextLimits;

/** What the fields read from the form on each render, and what they call back. */
export interface FieldsHost {
  readonly draft: Draft;
  /** Editing a stored order (R7): the responsible jobcenter is fixed. */
  readonly editing: boolean;
  readonly problems: FieldProblem[];
  readonly strings: Strings;
}

export interface FieldHandlers {
  text: (event: Event) => void;
  email: (event: Event) => void;
  longTerm: (event: Event) => void;
  select: (event: Event) => void;
  jobcenter: (event: Event) => void;
  workplace: (event: Event) => void;
  contactPerson: (event: Event) => void;
  clearWorkplace: () => void;
  clearContact: () => void;
}

export class OrderFields {
  constructor(
    private readonly host: () => FieldsHost,
    private readonly on: FieldHandlers,
  ) {}

  private get draft(): Draft {
    return this.host().draft;
  }

  private get problems(): FieldProblem[] {
    return this.host().problems;
  }

  private get strings(): Strings {
    return this.host().strings;
  }

  text(
    path: TextPath,
    label: string,
    options: { type?: 'text' | 'date' | 'email' | 'tel'; required?: boolean; multiline?: boolean; numeric?: boolean; disabled?: boolean; min?: string; help?: string; autocomplete?: string } = {},
  ): TemplateResult {
    const id = `f-${path}`;
    const invalid = this.problemFor(path) ? 'true' : 'false';
    // A long text shows how much of its limit is used: the limit is told before it is reached.
    const max = options.multiline ? maxLengths[path] : undefined;
    const describedBy = this.describedBy(path, options.help !== undefined, max ? `c-${path}` : '');
    const value = readText(this.draft, path);
    return html`<div class="field" part="field">
      <label for=${id}>${label}${options.required ? html`<span class="star" aria-hidden="true"> *</span>` : nothing}</label>
      ${options.multiline
        ? html`<textarea
            id=${id}
            name=${path}
            maxlength=${maxLengths[path] ?? nothing}
            ?required=${options.required}
            aria-invalid=${invalid}
            aria-describedby=${describedBy || nothing}
            .value=${value}
            @input=${this.on.text}
          ></textarea>`
        : html`<input
            id=${id}
            name=${path}
            type=${options.type ?? 'text'}
            inputmode=${options.numeric ? 'numeric' : nothing}
            autocomplete=${options.autocomplete ?? 'off'}
            min=${options.min ?? nothing}
            maxlength=${maxLengths[path] ?? nothing}
            ?required=${options.required}
            ?disabled=${options.disabled}
            aria-invalid=${invalid}
            aria-describedby=${describedBy || nothing}
            .value=${value}
            @input=${this.on.text}
          />`}
      ${options.help ? html`<p class="help" id="h-${path}">${options.help}</p>` : nothing}
      ${max ? html`<p class="help" part="counter" id="c-${path}">${this.strings.form.characters(value.length, max)}</p>` : nothing} ${this.error(path)}
    </div>`;
  }

  check(key: 'emailOnPlacement' | 'longTerm', label: string, help: string) {
    return html`<div class="check" part="field">
      <input
        type="checkbox"
        id="f-${key}"
        name=${key}
        .checked=${this.draft[key]}
        aria-describedby="h-${key}"
        @change=${key === 'longTerm' ? this.on.longTerm : this.on.email}
      />
      <div>
        <label for="f-${key}">${label}</label>
        <p class="help" id="h-${key}">${help}</p>
      </div>
    </div>`;
  }

  select<K extends 'workingHoursCondition' | 'responseMethod'>(key: K, label: string, values: readonly Draft[K][], labels: Readonly<Record<Draft[K], string>>) {
    return html`<div class="field" part="field">
      <label for="f-${key}">${label}</label>
      <select id="f-${key}" name=${key} @change=${this.on.select}>
        ${values.map((value) => html`<option value=${value} ?selected=${this.draft[key] === value}>${labels[value]}</option>`)}
      </select>
    </div>`;
  }

  error(path: string) {
    const problem = this.problemFor(path);
    return problem ? html`<p class="error" part="error" id="e-${path}">${this.message(problem)}</p>` : nothing;
  }

  describedBy(path: string, help: boolean, extra = ''): string {
    return [help ? `h-${path}` : '', extra, this.problemFor(path) ? `e-${path}` : ''].filter(Boolean).join(' ');
  }

  problemFor(path: string): FieldProblem | undefined {
    return this.problems.find((p) => p.path === path);
  }

  /** An error in the user's language: this field's own wording, else the code's, else the server's text. */
  message(problem: FieldProblem): string {
    const s = this.strings;
    const own = s.fieldErrors[`${problem.path}:${problem.code}`];
    if (own !== undefined && Object.hasOwn(s.fieldErrors, `${problem.path}:${problem.code}`)) return own;
    if (Object.hasOwn(s.errors, problem.code)) return s.errors[problem.code as ErrorCode];
    return problem.message ?? s.common.unexpected;
  }

  /** Ansvarligt jobcenter (R2.1.2): signed-up ones only, the local one pre-selected; read-only when editing (R7.1). */
  jobcenter(data: Pick<FormData, 'order' | 'jobcenters'>, company: Company) {
    const s = this.strings.form;
    if (this.host().editing) {
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
        aria-invalid=${this.problemFor('responsibleJobcenterId') ? 'true' : 'false'}
        aria-describedby=${this.describedBy('responsibleJobcenterId', true, local && !local.signedUp ? 'n-responsibleJobcenterId' : '')}
        @change=${this.on.jobcenter}
      >
        <option value="" ?selected=${this.draft.responsibleJobcenterId === ''}>${s.jobcenterChoose}</option>
        ${signedUp.map((j) => html`<option value=${j.id} ?selected=${j.id === this.draft.responsibleJobcenterId}>${j.name}</option>`)}
      </select>
      <p class="help" id="h-responsibleJobcenterId">${s.jobcenterHelp}</p>
      ${local && !local.signedUp ? html`<p class="help" id="n-responsibleJobcenterId">${s.jobcenterNotSignedUp(local.name)}</p>` : nothing}
      ${this.error('responsibleJobcenterId')}
    </div>`;
  }

  /** Arbejdssted (R2.5): the P-number drop-down, name and address, "Ryd felter". */
  workplace(company: Company) {
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
                aria-invalid=${this.problemFor('workplace.pNumber') ? 'true' : 'false'}
                aria-describedby=${this.describedBy('workplace.pNumber', false)}
                @change=${this.on.workplace}
              >
                ${pNumber === '' ? html`<option value="" selected></option>` : nothing}
                ${company.workplaces.map(
                  (w) => html`<option value=${w.pNumber} ?selected=${w.pNumber === pNumber}>${w.pNumber} – ${w.name}</option>`,
                )}
              </select>
              ${this.error('workplace.pNumber')}
            </div>`
          : html`<p class="static">${s.pNumber}: ${pNumber}</p>`}
        ${this.text('workplace.name', s.workplaceName, { required: true, autocomplete: 'organization' })}
        ${this.text('workplace.street', s.street, { required: true, autocomplete: 'address-line1' })}
        <div class="row">
          ${this.text('workplace.floor', s.floor)} ${this.text('workplace.door', s.door)}
        </div>
        <div class="row">
          ${this.text('workplace.postalCode', s.postalCode, { required: true, numeric: true, autocomplete: 'postal-code' })}
          ${this.text('workplace.city', s.city, { required: true, autocomplete: 'address-level2' })}
        </div>
        <button type="button" class="clear" aria-label=${s.clearWorkplace} @click=${this.on.clearWorkplace}>${s.clearFields}</button>
      </fieldset>
    `;
  }

  /** Kontaktperson (R2.6): the drop-down, name, e-mail and phone, "Ryd felter". */
  contact(company: Company) {
    const s = this.strings.form;
    const id = this.draft.contact.contactPersonId;
    return html`
      <fieldset part="section">
        <legend>${s.contact}</legend>
        ${company.contactPersons.length > 1
          ? html`<div class="field" part="field">
              <label for="f-contact.contactPersonId">${s.contactChoose}</label>
              <select id="f-contact.contactPersonId" name="contact.contactPersonId" @change=${this.on.contactPerson}>
                ${company.contactPersons.map((p) => html`<option value=${String(p.id)} ?selected=${p.id === id}>${p.name}</option>`)}
                <option value="" ?selected=${id === null}>${s.contactOther}</option>
              </select>
            </div>`
          : nothing}
        ${this.text('contact.name', s.contactName, { required: true, autocomplete: 'name' })}
        <div class="row">
          ${this.text('contact.email', s.email, { required: true, type: 'email', autocomplete: 'email' })}
          ${this.text('contact.phone', s.phone, { type: 'tel', autocomplete: 'tel' })}
        </div>
        <button type="button" class="clear" aria-label=${s.clearContact} @click=${this.on.clearContact}>${s.clearFields}</button>
      </fieldset>
    `;
  }

  /** A field's name for the error summary, from the catalogue of the language in use (never from the screen). */
  labelOf(path: string): string {
    const f = this.strings.form;
    const own: Record<string, string> = {
      occupationCode: f.occupation,
      responsibleJobcenterId: f.jobcenter,
      durationDays: f.duration,
      'workplace.pNumber': f.workplaceChoose,
      'workplace.name': `${f.workplace}: ${f.workplaceName}`,
      'contact.contactPersonId': f.contactChoose,
      'contact.name': `${f.contact}: ${f.contactName}`,
    };
    if (Object.hasOwn(own, path)) return own[path]!;
    // Every other field's label has the field's own name (`startDate`, `workplace.city` under Arbejdssted).
    const words = f as unknown as Record<string, unknown>;
    const [section, key] = path.split('.');
    const label = words[key ?? path];
    return typeof label !== 'string' || !Object.hasOwn(words, key ?? path) ? path : key ? `${words[section!] as string}: ${label}` : label;
  }
}
