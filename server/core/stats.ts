// A jobcenter's own numbers: per order it placed candidates on, and in total — its
// placements, the hires among them, days from the order to its first placement, fill rate.
// Only the calling jobcenter's placements count; another jobcenter's never show (R8.4).
import { listOrderStats, statsTotals, type OrderStatsRow } from '../db/stats.ts';
import type { PlacementStats } from '../contract/stats.ts';
import { requireJobcenter, requireSchemeMember } from '../domain/access.ts';
import type { CoreContext } from './context.ts';
import { pageById } from './paging.ts';

/** Fill rate: hires as a whole percentage of the positions asked for; null without positions. */
export function fillRatePercent(hires: number, positions: number): number | null {
  return positions > 0 ? Math.round((100 * hires) / positions) : null;
}

export async function placementStats(ctx: CoreContext, page: { limit: number; cursor?: string }): Promise<PlacementStats> {
  requireSchemeMember(ctx.principal, 'see placement statistics');
  const jobcenter = requireJobcenter(ctx.principal);
  const [orders, totals] = await Promise.all([
    pageById(
      { list: 'stats', sort: 'orderId', order: 'desc', idOf: (row: OrderStatsRow) => row.orderId },
      page,
      ({ beyondId, limit }) => listOrderStats(ctx.db, jobcenter.jobcenterId, { beforeOrderId: beyondId, limit }),
      view,
    ),
    statsTotals(ctx.db, jobcenter.jobcenterId),
  ]);
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
    ...orders,
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
