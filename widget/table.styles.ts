import { css } from 'lit';

/**
 * The tables of the list, the log and the candidates. On a narrow screen a wide table scrolls
 * sideways inside its own region (keyboard-focusable) and, where the columns cannot all fit, a
 * visible hint says so (WCAG 1.4.10: a data table may
 * scroll in two dimensions, but the user must be able to tell).
 */
export const tableStyles = css`
  .scroll {
    overflow-x: auto;
    max-width: 100%;
  }
  .scroll:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .scroll-hint {
    display: none;
    color: var(--_muted);
    font-size: 0.9em;
    margin: 0 0 var(--_space);
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  table[aria-busy='true'] tbody {
    opacity: 0.6;
  }
  caption,
  .caption {
    text-align: start;
    font-size: 1.2em;
    font-weight: 600;
    padding-block-end: var(--_space);
    margin: 0;
  }
  th,
  td {
    text-align: start;
    padding: calc(var(--_space) * 0.75) var(--_space);
    border-bottom: 1px solid var(--_border);
    vertical-align: top;
  }
  th {
    white-space: nowrap;
  }
  .number {
    text-align: end;
  }
  .more {
    margin-block-start: calc(var(--_space) * 2);
  }
  .empty {
    color: var(--_muted);
  }
`;
