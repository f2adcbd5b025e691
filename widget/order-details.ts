// An order's full details (R4.5) as one description list: the receipt after creation (R2.7) and
// the order view show exactly this, so the two can never disagree.
import { css, html, type TemplateResult } from 'lit';
import type { JobOrder } from '../sdk/index.ts';
import { formatDate, type Strings } from './strings.ts';
import './locales/da.form.ts';
import './locales/da.orders.ts';

/** The list's styles; at a phone's width each term sits above its value (WCAG 1.4.10 reflow). */
export const orderDetailsStyles = css`
  .details {
    display: grid;
    grid-template-columns: minmax(0, max-content) minmax(0, 1fr);
    gap: calc(var(--_space) * 0.5) calc(var(--_space) * 2);
    margin: 0;
  }
  .details dt {
    font-weight: 600;
  }
  .details dd {
    margin: 0;
    white-space: pre-line;
    overflow-wrap: anywhere;
  }
  @container jobag (max-width: 34rem) {
    .details {
      grid-template-columns: minmax(0, 1fr);
      gap: 0;
    }
    .details dd {
      margin-block-end: var(--_space);
    }
  }
`;

/** Every term of an order, worded as on the form (R9), in the form's order. */
export function orderDetailRows(order: JobOrder, s: Strings): [term: string, value: string][] {
  const f = s.form;
  const yesNo = (value: boolean) => (value ? s.common.yes : s.common.no);
  const w = order.workplace;
  return [
    [f.id, String(order.id)],
    [f.createdAt, formatDate(order.createdAt)],
    [f.occupation, order.occupation.title],
    [f.jobcenter, order.responsibleJobcenter.name],
    [f.description, order.description],
    [f.positions, String(order.positions)],
    [f.emailOnPlacement, yesNo(order.emailOnPlacement)],
    [f.longTerm, yesNo(order.longTerm)],
    ...(order.longTerm
      ? []
      : ([
          [f.startDate, formatDate(order.startDate) || s.common.notGiven],
          [f.duration, order.durationDays === null ? s.common.notGiven : f.days(order.durationDays)],
          [f.responseDeadline, formatDate(order.responseDeadline) || s.common.notGiven],
          [f.maxCandidates, order.maxCandidates === null ? s.common.notGiven : String(order.maxCandidates)],
        ] as [string, string][])),
    [f.workingTime, s.workingTimes[order.workingTime] + (order.weeklyHours === null ? '' : `, ${f.hoursPerWeek(order.weeklyHours)}`)],
    [f.workingHoursCondition, s.workingHoursConditions[order.workingHoursCondition]],
    [f.responseMethod, s.responseMethods[order.responseMethod]],
    [
      f.workplace,
      [
        w.name,
        [w.street, w.floor && `${f.floor.toLowerCase()} ${w.floor}`, w.door && `${f.door.toLowerCase()} ${w.door}`].filter(Boolean).join(', '),
        `${w.postalCode} ${w.city}`,
        `${f.pNumber} ${w.pNumber}`,
      ].join('\n'),
    ],
    [f.contact, [order.contact.name, order.contact.email, order.contact.phone].filter(Boolean).join('\n')],
    // Why it was closed, when the company said (the reason is optional).
    ...(order.status === 'closed' && order.closeReason ? ([[s.view.closeReason, s.closeReasons[order.closeReason]]] as [string, string][]) : []),
  ];
}

/** The order's details as a `<dl part="details">`. */
export function renderOrderDetails(order: JobOrder, s: Strings): TemplateResult {
  return html`<dl class="details" part="details">${orderDetailRows(order, s).map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}</dl>`;
}
