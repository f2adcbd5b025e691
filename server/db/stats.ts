import type { SqlExecutor } from './driver/types.ts';
import type { JobOrder } from '../contract/job-orders.ts';
import type { OrderStats, PlacementStats } from '../contract/stats.ts';

/** One order as one jobcenter's placements on it add up (withdrawn candidates left out); the fill rate is the core's. */
export type OrderStatsRow = Omit<OrderStats, 'fillRatePercent'>;

export type StatsTotals = Pick<PlacementStats['totals'], 'orders' | 'positions' | 'placements' | 'hires'> & {
  /** The mean of the orders' `daysToFirstPlacement`, unrounded; null without orders. */
  averageDays: number | null;
};

// One jobcenter's placements grouped by order; served by placements_jobcenter_stats (008).
const perOrder = `
  SELECT p.job_order_id AS order_id, COUNT(*) AS placements, SUM(p.outcome = 'hired') AS hires, MIN(p.placed_at) AS first_placed_at
    FROM placements p
   WHERE p.jobcenter_id = ? AND p.withdrawn_at IS NULL
   GROUP BY p.job_order_id`;

/** The jobcenter's orders, newest order first, below `beforeOrderId` (keyset paging). */
export async function listOrderStats(db: SqlExecutor, jobcenterId: string, page: { beforeOrderId: number | null; limit: number }): Promise<OrderStatsRow[]> {
  const rows = await db.query(
    `SELECT s.*, o.created_at, o.positions, o.status, o.occupation_title, c.name AS company_name,
            CAST(julianday(s.first_placed_at) - julianday(o.created_at) AS INTEGER) AS days
       FROM (${perOrder}) s
       JOIN job_orders o ON o.id = s.order_id
       JOIN companies c ON c.id = o.company_id
      WHERE s.order_id < ?
      ORDER BY s.order_id DESC
      LIMIT ?`,
    [jobcenterId, page.beforeOrderId ?? Number.MAX_SAFE_INTEGER, page.limit],
  );
  return rows.map((r) => ({
    orderId: Number(r.order_id),
    occupationTitle: String(r.occupation_title),
    companyName: String(r.company_name),
    status: r.status as JobOrder['status'],
    positions: Number(r.positions),
    createdAt: String(r.created_at),
    firstPlacementAt: String(r.first_placed_at),
    daysToFirstPlacement: Math.max(0, Number(r.days)),
    placements: Number(r.placements),
    hires: Number(r.hires ?? 0),
  }));
}

/** The same numbers over all of the jobcenter's orders. */
export async function statsTotals(db: SqlExecutor, jobcenterId: string): Promise<StatsTotals> {
  const rows = await db.query(
    `SELECT COUNT(*) AS orders, SUM(o.positions) AS positions, SUM(s.placements) AS placements, SUM(s.hires) AS hires,
            AVG(MAX(0, CAST(julianday(s.first_placed_at) - julianday(o.created_at) AS INTEGER))) AS average_days
       FROM (${perOrder}) s
       JOIN job_orders o ON o.id = s.order_id`,
    [jobcenterId],
  );
  const r = rows[0]!;
  return {
    orders: Number(r.orders ?? 0),
    positions: Number(r.positions ?? 0),
    placements: Number(r.placements ?? 0),
    hires: Number(r.hires ?? 0),
    averageDays: r.average_days === null || r.average_days === undefined ? null : Number(r.average_days),
  };
}
