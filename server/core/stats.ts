// A jobcenter's own numbers (issue 12): per order it placed candidates on, and in total — its
// placements, the hires among them, days from the order to its first placement, fill rate.
// Only the calling jobcenter's placements count; another jobcenter's never show (R8.4).
import { listOrderStats, statsTotals, type OrderStatsRow } from '../db/stats.ts';
import { decodeCursor, encodeCursor, type CursorBinding } from '../http/cursor.ts';
import type { PlacementStats } from '../contract/stats.ts';
import { requireJobcenter, requireSchemeMember } from './access.ts';
import type { CoreContext } from './context.ts';

/** Fill rate: hires as a whole percentage of the positions asked for; null without positions. */
export function fillRatePercent(hires: number, positions: number): number | null {
  return positions > 0 ? Math.round((100 * hires) / positions) : null;
}

const binding: CursorBinding = { list: 'stats', sort: 'orderId', order: 'desc', value: 'integer' };

export async function placementStats(ctx: CoreContext, page: { limit: number; cursor?: string }): Promise<PlacementStats> {
  requireSchemeMember(ctx.principal, 'see placement statistics');
  const jobcenter = requireJobcenter(ctx.principal);
  const before = page.cursor === undefined ? null : decodeCursor(page.cursor, binding).id;
  const [rows, totals] = await Promise.all([
    listOrderStats(ctx.db, jobcenter.jobcenterId, { beforeOrderId: before, limit: page.limit + 1 }),
    statsTotals(ctx.db, jobcenter.jobcenterId),
  ]);
  const shown = rows.slice(0, page.limit);
  const last = shown.at(-1);
  return {
    jobcenter: { id: jobcenter.jobcenterId, name: jobcenter.jobcenterName },
    totals: {
      orders: totals.orders,
      positions: totals.positions,
      placements: totals.placements,
      hires: totals.hires,
      averageDaysToFirstPlacement: totals.averageDays === null ? null : Math.round(totals.averageDays),
      fillRatePercent: fillRatePercent(totals.hires, totals.positions),
    },
    items: shown.map(view),
    nextCursor: rows.length > page.limit && last ? encodeCursor(binding, { value: last.orderId, id: last.orderId }) : null,
  };
}

function view(row: OrderStatsRow): PlacementStats['items'][number] {
  return {
    orderId: row.orderId,
    occupationTitle: row.occupationTitle,
    companyName: row.companyName,
    status: row.status,
    positions: row.positions,
    createdAt: row.createdAt,
    firstPlacementAt: row.firstPlacementAt,
    daysToFirstPlacement: row.daysToFirstPlacement,
    placements: row.placements,
    hires: row.hires,
    fillRatePercent: fillRatePercent(row.hires, row.positions),
  };
}
