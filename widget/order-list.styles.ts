import { css } from 'lit';

export const orderListStyles = css`
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
    margin-block-end: calc(var(--_space) * 2);
  }
  .toolbar select {
    width: auto;
  }
  .scroll {
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  table[aria-busy='true'] tbody {
    opacity: 0.6;
  }
  caption {
    text-align: start;
    font-size: 1.2em;
    font-weight: 600;
    padding-block-end: var(--_space);
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
    padding: 0;
  }
  th button {
    display: inline-flex;
    align-items: center;
    gap: 0.35em;
    width: 100%;
    border: 0;
    border-radius: 0;
    background: none;
    color: inherit;
    padding: calc(var(--_space) * 0.75) var(--_space);
    text-align: start;
    font-weight: 700;
  }
  th button:hover {
    text-decoration: underline;
  }
  th[aria-sort] button {
    color: var(--_primary);
  }
  .number {
    text-align: end;
  }
  th.number button {
    justify-content: flex-end;
  }
  .arrow {
    font-size: 0.8em;
    min-width: 1em;
  }
  .status {
    display: inline-block;
    padding: 0 calc(var(--_space) * 0.75);
    border-radius: 999px;
    border: 1px solid currentColor;
    white-space: nowrap;
  }
  .more {
    margin-block-start: calc(var(--_space) * 2);
  }
  .empty {
    color: var(--_muted);
  }
`;
