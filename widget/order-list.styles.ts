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
  th {
    padding: 0;
  }
  /* Seven columns do not fit a phone: say that the table scrolls sideways. */
  @container jobag (max-width: 48rem) {
    .scroll-hint {
      display: block;
    }
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
  th.number button {
    justify-content: flex-end;
  }
  .arrow {
    font-size: 0.8em;
  }
  .status {
    display: inline-block;
    padding: 0 calc(var(--_space) * 0.75);
    border-radius: 999px;
    border: 1px solid currentColor;
    white-space: nowrap;
  }
`;
