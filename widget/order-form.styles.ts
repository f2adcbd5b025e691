import { css } from 'lit';

export const orderFormStyles = css`
  form {
    display: grid;
    gap: calc(var(--_space) * 2);
    max-width: 48rem;
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 2);
    margin: 0;
    display: grid;
    gap: calc(var(--_space) * 2);
    min-width: 0;
  }
  legend {
    font-size: 1.1em;
    padding: 0 var(--_space);
  }
  fieldset.choices {
    border: 0;
    padding: 0;
    gap: calc(var(--_space) * 0.5);
  }
  fieldset.choices legend {
    font-size: 1em;
    padding: 0;
  }
  .field {
    display: grid;
    gap: calc(var(--_space) * 0.5);
    align-content: start;
  }
  /* A field switched off (long-term's four, R2.4.1) is greyed out as a whole: label, help and control. */
  .field:has(:disabled) {
    opacity: 0.6;
  }
  .field input:disabled {
    opacity: 1;
    background: light-dark(#e6e6e6, #333);
  }
  .row {
    display: grid;
    gap: calc(var(--_space) * 2);
    grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr));
  }
  .check {
    display: flex;
    gap: var(--_space);
    align-items: flex-start;
  }
  .check input {
    width: 1.25rem;
    height: 1.25rem;
    margin: 0.15rem 0 0;
    flex: none;
    accent-color: var(--_primary);
  }
  .check label {
    font-weight: 600;
  }
  .radio label {
    font-weight: normal;
  }
  .check .help {
    margin: 0;
  }
  .star {
    color: var(--_error);
  }
  textarea {
    min-height: 8rem;
    resize: vertical;
  }
  .static {
    margin: 0;
  }
  .combobox {
    position: relative;
    max-width: 40rem;
  }
  [role='listbox'] {
    position: absolute;
    z-index: 10;
    inset-inline: 0;
    top: calc(100% + 2px);
    max-height: 16rem;
    overflow-y: auto;
    margin: 0;
    padding: calc(var(--_space) * 0.5) 0;
    list-style: none;
    background: var(--_surface);
    color: var(--jobag-color-text, light-dark(#1a1a1a, #f2f2f2));
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 4px 12px rgb(0 0 0 / 0.15);
  }
  [role='option'] {
    padding: calc(var(--_space) * 0.5) var(--_space);
    cursor: pointer;
  }
  [role='option'][aria-selected='true'] {
    background: var(--_primary);
    color: var(--_on-primary);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }
  .summary ul {
    margin: var(--_space) 0 0;
    padding-inline-start: 1.25rem;
  }
  .summary button {
    border: 0;
    padding: 0;
    background: none;
    color: var(--_error);
    text-decoration: underline;
    font-weight: 600;
    /* A long entry wraps as a line of text on a phone, not as a centred block. */
    text-align: start;
  }
  .summary button,
  .actions button {
    max-width: 100%;
    overflow-wrap: anywhere;
  }
  .summary p {
    margin: 0;
    font-weight: 600;
  }
  .clear {
    justify-self: start;
  }
  @media print {
    /* Printing the host page while a receipt shows prints the receipt, not the buttons. */
    .actions {
      display: none;
    }
    :host {
      color: #000;
      background: #fff;
    }
  }
`;

/** The receipt's styles (its details are `orderDetailsStyles`), adopted up front: the receipt's code is loaded only when needed. */
export const receiptStyles = css`
  .receipt {
    display: grid;
    gap: calc(var(--_space) * 2);
    max-width: 48rem;
    min-width: 0;
  }
  .receipt p {
    margin: 0;
    overflow-wrap: anywhere;
  }
`;
