import { css } from 'lit';

/**
 * The tables of the list, the log and the desk. On a narrow screen a wide table scrolls sideways
 * inside its own named, keyboard-focusable region, never the page (WCAG 1.4.10 lets a data table
 * scroll in two dimensions, but the user must be able to tell): a shadow shows at each edge where
 * columns are cut. The shadows are fixed to the region (`scroll`) and covered by surface-coloured
 * patches that travel with the content (`local`), so an edge with nothing beyond it shows none.
 */
export const tableStyles = css`
  .scroll {
    overflow-x: auto;
    background:
      linear-gradient(90deg, var(--_surface) 40%, #0000) left / 2em 100% local,
      linear-gradient(270deg, var(--_surface) 40%, #0000) right / 2em 100% local,
      radial-gradient(farthest-side at 0, #0005, #0000) left / 0.9em 100% scroll,
      radial-gradient(farthest-side at 100%, #0005, #0000) right / 0.9em 100% scroll;
    background-repeat: no-repeat;
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
  thead th {
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
