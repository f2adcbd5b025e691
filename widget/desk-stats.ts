import { html, nothing } from 'lit';
import type { PlacementStats } from '../sdk/index.ts';
import type { Strings } from './strings.ts';

export type StatsRow = PlacementStats['items'][number];
export type StatsTotals = PlacementStats['totals'];

/**
 * "Jobcentrets resultater" on the desk: per order the jobcenter placed candidates on,
 * and in total — its placements, hires, days to its first placement and fill rate (hires relative
 * to positions). The numbers are the server's (`GET /v1/placement-stats`), its own placements only.
 */
export function renderDeskStats(rows: StatsRow[], totals: StatsTotals | null, s: Strings, more: { show: boolean; onMore: () => void }) {
  const d = s.desk;
  const c = d.statsColumns;
  if (!rows.length) return html`<p part="stats-empty">${d.statsEmpty}</p>`;
  return html`<p class="help">${d.statsNote}</p>
    <div class="scroll" role="region" aria-labelledby="stats-caption" tabindex="0">
      <table part="stats">
        <caption id="stats-caption">${d.statsCaption}</caption>
        <thead>
          <tr>
            <th scope="col">${c.order}</th>
            <th scope="col">${c.placements}</th>
            <th scope="col">${c.hires}</th>
            <th scope="col">${c.days}</th>
            <th scope="col">${c.fillRate}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (r) => html`<tr data-order=${r.orderId}>
              <th scope="row">${r.orderId} · ${r.occupationTitle} <span class="meta">${r.companyName}</span></th>
              <td>${r.placements}</td>
              <td>${r.hires}</td>
              <td>${d.days(r.daysToFirstPlacement)}</td>
              <td>${d.percent(r.fillRatePercent)}</td>
            </tr>`,
          )}
        </tbody>
        ${totals
          ? html`<tfoot>
              <tr part="stats-total">
                <th scope="row">${d.statsTotal}</th>
                <td>${totals.placements}</td>
                <td>${totals.hires}</td>
                <td>${d.days(totals.averageDaysToFirstPlacement)}</td>
                <td>${d.percent(totals.fillRatePercent)}</td>
              </tr>
            </tfoot>`
          : nothing}
      </table>
    </div>
    ${more.show ? html`<button type="button" part="stats-more" @click=${more.onMore}>${d.statsMore}</button>` : nothing}`;
}
