import { css } from 'lit';

/**
 * The design tokens and control styles every element shares. Each token is a `--jobag-*` custom
 * property with a fallback, so a host page restyles the elements from outside (custom properties
 * inherit through shadow roots) and nothing else leaks in or out.
 */
export const themeStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    /* Defaults follow the page's color-scheme (inherited): light unless the page says dark. */
    container: jobag / inline-size;
    font-family: var(--jobag-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: var(--jobag-font-size, 1rem);
    line-height: 1.5;
    color: var(--jobag-color-text, light-dark(#1a1a1a, #f2f2f2));
    background: var(--jobag-color-background, transparent);
    --_space: var(--jobag-space, 0.5rem);
    --_radius: var(--jobag-radius, 4px);
    --_primary: var(--jobag-color-primary, light-dark(#0b5394, #8cc4ff));
    --_on-primary: var(--jobag-color-on-primary, light-dark(#ffffff, #0a1a2b));
    --_border: var(--jobag-color-border, light-dark(#6b6b6b, #9a9a9a));
    --_muted: var(--jobag-color-muted, light-dark(#4a4a4a, #c4c4c4));
    --_surface: var(--jobag-color-surface, light-dark(#ffffff, #1e1e1e));
    --_error: var(--jobag-color-error, light-dark(#b3261e, #ffb4ab));
    --_focus: var(--jobag-color-focus, light-dark(#1a5fb4, #99c1f1));
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  h2,
  h3 {
    line-height: 1.25;
    margin: 0 0 calc(var(--_space) * 2);
  }
  h2 {
    font-size: 1.5em;
  }
  h3 {
    font-size: 1.2em;
  }
  label,
  legend {
    font-weight: 600;
  }
  input:not([type='checkbox']):not([type='radio']),
  select,
  textarea {
    font: inherit;
    color: inherit;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 0.75) var(--_space);
    width: 100%;
    max-width: 40rem;
  }
  input:disabled,
  select:disabled,
  textarea:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  input[readonly] {
    background: transparent;
    border-style: dashed;
  }
  [aria-invalid='true'] {
    border-color: var(--_error) !important;
    border-width: 2px !important;
  }
  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible,
  button:focus-visible,
  a:focus-visible,
  [tabindex]:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 0.75) calc(var(--_space) * 2);
    border: 2px solid var(--_primary);
    background: var(--_surface);
    color: var(--_primary);
    font-weight: 600;
  }
  button.primary {
    background: var(--_primary);
    color: var(--_on-primary);
  }
  button:disabled {
    opacity: 0.6;
    cursor: progress;
  }
  a {
    color: var(--_primary);
  }
  .help {
    color: var(--_muted);
    font-size: 0.9em;
    margin: calc(var(--_space) * 0.25) 0 0;
  }
  .error {
    color: var(--_error);
    font-weight: 600;
    margin: calc(var(--_space) * 0.25) 0 0;
  }
  .alert {
    border: 2px solid var(--_error);
    border-radius: var(--_radius);
    padding: var(--_space) calc(var(--_space) * 2);
    margin: 0 0 calc(var(--_space) * 2);
  }
  .notice {
    display: block;
    border: 2px solid var(--_primary);
    border-radius: var(--_radius);
    padding: var(--_space) calc(var(--_space) * 2);
    margin: 0 0 calc(var(--_space) * 2);
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0, 0, 0, 0);
    white-space: nowrap;
    border: 0;
  }
`;
