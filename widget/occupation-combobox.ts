import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { occupationQueryMinLength, type Occupation } from '../sdk/index.ts';

/** The chosen title: what an order stores of an occupation. */
export type ChosenOccupation = Pick<Occupation, 'code' | 'title'>;

/**
 * The job-title field of the order form as an ARIA 1.2 combobox with a list popup (R2.1.1):
 * suggestions once three letters are typed, searched after a pause in typing, and only the
 * answer to the latest search shown (earlier ones are aborted and ignored). Keyboard: Down/Up
 * move through the suggestions, Enter chooses, Escape closes. It renders into the form's own
 * shadow root, so `aria-activedescendant` and the error's `aria-describedby` resolve.
 */
export class OccupationCombobox implements ReactiveController {
  /** What the user typed (or the chosen title). */
  text = '';
  chosen: ChosenOccupation | null = null;
  options: Occupation[] = [];
  expanded = false;
  active = -1;
  state: 'idle' | 'searching' | 'done' | 'failed' = 'idle';
  #timer: ReturnType<typeof setTimeout> | undefined;
  #abort: AbortController | undefined;
  #search = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly config: {
      search: (query: string, signal: AbortSignal) => Promise<Occupation[]>;
      onChoose: (occupation: ChosenOccupation | null) => void;
      /** Milliseconds of quiet typing before a search. */
      debounce?: number;
    },
  ) {
    host.addController(this);
  }

  /** Sets the field from outside (an order being edited, a reset). */
  set(occupation: ChosenOccupation | null): void {
    this.#cancel();
    this.chosen = occupation;
    this.text = occupation?.title ?? '';
    this.#close();
    this.state = 'idle';
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.#cancel();
  }

  render(
    ids: { input: string; listbox: string; describedBy: string },
    labels: { listbox: string; searching: string; suggestions: (count: number) => string; none: string; failed: string },
    invalid: boolean,
  ): TemplateResult {
    const optionId = (index: number) => `${ids.listbox}-${index}`;
    const announcement =
      this.state === 'searching' ? labels.searching
      : this.state === 'failed' ? labels.failed
      : this.state === 'done' ? (this.options.length ? labels.suggestions(this.options.length) : labels.none)
      : '';
    return html`
      <div class="combobox" part="combobox">
        <input
          id=${ids.input}
          name="occupationCode"
          type="text"
          role="combobox"
          autocomplete="off"
          spellcheck="false"
          required
          aria-autocomplete="list"
          aria-expanded=${this.expanded ? 'true' : 'false'}
          aria-controls=${ids.listbox}
          aria-activedescendant=${this.expanded && this.active >= 0 ? optionId(this.active) : nothing}
          aria-invalid=${invalid ? 'true' : 'false'}
          aria-describedby=${ids.describedBy}
          .value=${this.text}
          @input=${this.#handleInput}
          @keydown=${this.#handleKeydown}
          @blur=${this.#handleBlur}
        />
        <ul id=${ids.listbox} role="listbox" aria-label=${labels.listbox} part="listbox" ?hidden=${!this.expanded}>
          ${this.options.map(
            (option, index) => html`<li
              id=${optionId(index)}
              role="option"
              part=${index === this.active ? 'option option-active' : 'option'}
              aria-selected=${index === this.active ? 'true' : 'false'}
              @mousedown=${(event: Event) => event.preventDefault()}
              @click=${() => this.#choose(option)}
            >${option.title}</li>`,
          )}
        </ul>
        <p class="visually-hidden" role="status">${announcement}</p>
      </div>
    `;
  }

  #handleInput = (event: Event) => {
    this.text = (event.target as HTMLInputElement).value;
    if (this.chosen && this.chosen.title !== this.text) {
      this.chosen = null;
      this.config.onChoose(null);
    }
    this.#cancel();
    if (this.text.trim().length < occupationQueryMinLength) {
      this.options = [];
      this.#close();
      this.state = 'idle';
    } else {
      this.state = 'searching';
      this.#timer = setTimeout(() => void this.#run(this.text.trim()), this.config.debounce ?? 250);
    }
    this.host.requestUpdate();
  };

  async #run(query: string): Promise<void> {
    const search = ++this.#search;
    const abort = (this.#abort = new AbortController());
    try {
      const options = await this.config.search(query, abort.signal);
      // A slower answer to an earlier query must never replace the latest one.
      if (search !== this.#search) return;
      this.options = options;
      this.active = -1;
      this.expanded = options.length > 0;
      this.state = 'done';
    } catch {
      if (search !== this.#search) return;
      this.options = [];
      this.#close();
      this.state = 'failed';
    }
    this.host.requestUpdate();
  }

  #handleKeydown = (event: KeyboardEvent) => {
    const count = this.options.length;
    switch (event.key) {
      case 'ArrowDown':
        if (count === 0) return;
        event.preventDefault();
        if (!this.expanded || event.altKey) {
          this.expanded = true;
          if (event.altKey) break;
        }
        this.active = (this.active + 1) % count;
        break;
      case 'ArrowUp':
        if (count === 0) return;
        event.preventDefault();
        this.expanded = true;
        this.active = this.active <= 0 ? count - 1 : this.active - 1;
        break;
      case 'Enter':
        // Enter on a highlighted suggestion chooses it and must not submit the form.
        if (this.expanded && this.active >= 0) {
          event.preventDefault();
          this.#choose(this.options[this.active]!);
        }
        return;
      case 'Escape':
        if (this.expanded) {
          event.preventDefault();
          event.stopPropagation();
          this.#close();
        }
        break;
      default:
        return;
    }
    this.host.requestUpdate();
  };

  /** Leaving the field with a suggestion's exact title typed ("opvasker") chooses it. */
  #handleBlur = () => {
    const typed = this.text.trim().toLowerCase();
    const exact = this.chosen ? undefined : this.options.find((o) => o.title.toLowerCase() === typed);
    if (exact) this.#choose(exact);
    this.#close();
    this.host.requestUpdate();
  };

  #choose(option: Occupation): void {
    this.chosen = { code: option.code, title: option.title };
    this.text = option.title;
    this.#close();
    this.state = 'idle';
    this.config.onChoose(this.chosen);
    this.host.requestUpdate();
  }

  #close(): void {
    this.expanded = false;
    this.active = -1;
  }

  #cancel(): void {
    clearTimeout(this.#timer);
    this.#abort?.abort();
    this.#search++;
  }
}
