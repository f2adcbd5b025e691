import { css } from 'lit';

/**
 * The desk's layout: one column of sections as wide as the host gives (the list's eight columns
 * need it), each action's form and its message together; fields stack at a phone's width.
 */
export const jobcenterDeskStyles = css`
  .base {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: calc(var(--_space) * 3);
  }
  section,
  form,
  fieldset {
    display: grid;
    gap: var(--_space);
    min-width: 0;
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space) calc(var(--_space) * 1.5);
    margin: 0;
  }
  h2,
  h3,
  p {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .field {
    display: grid;
    gap: calc(var(--_space) * 0.5);
  }
  .check {
    display: flex;
    gap: var(--_space);
    align-items: baseline;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }
  textarea {
    min-height: 4rem;
    resize: vertical;
  }
  .status {
    display: inline-block;
    padding: 0 calc(var(--_space) * 0.75);
    border-radius: 999px;
    border: 1px solid currentColor;
  }
  ul.placements {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_space);
  }
  ul.placements li {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: center;
    justify-content: space-between;
    border-bottom: 1px solid var(--_border);
    padding-block-end: var(--_space);
  }
  .meta {
    color: var(--_muted);
    font-size: 0.9em;
  }
`;
