import * as v from 'valibot';
import { NextCursorSchema, PageQuerySchema } from './page.ts';
import { dateTime, id, int32, list, patterned, text } from './bounded.ts';
import { jobcenterIdPattern, orderStatuses } from '../../sdk/rules.ts';

const count = (description: string) => v.pipe(int32(0, 2_147_483_647), v.description(description));
const percent = v.pipe(
  v.nullable(int32(0, 2_147_483_647)),
  v.description('Fill rate (besættelsesgrad): hires as a whole percentage of the positions asked for; above 100 when more were hired than asked for; null without positions.'),
);

export const OrderStatsSchema = v.pipe(
  v.strictObject({
    orderId: id,
    occupationTitle: text(200),
    companyName: text(200),
    status: v.picklist(orderStatuses),
    positions: count('Antal stillinger of the order.'),
    createdAt: v.pipe(dateTime, v.description('When the order was created.')),
    firstPlacementAt: v.pipe(dateTime, v.description('This jobcenter\'s first (not withdrawn) placement on the order.')),
    daysToFirstPlacement: count('Whole days (24 hours) from the order\'s creation to this jobcenter\'s first placement.'),
    placements: count('This jobcenter\'s candidates placed on the order, withdrawn ones not counted.'),
    hires: count('Of those, the ones the company recorded as hired (Ansat).'),
    fillRatePercent: percent,
  }),
  v.description('One order as the calling jobcenter\'s own placements on it add up.'),
);
export type OrderStats = v.InferOutput<typeof OrderStatsSchema>;

export const PlacementStatsSchema = v.pipe(
  v.strictObject({
    jobcenter: v.strictObject({ id: patterned(jobcenterIdPattern, 3), name: text(200) }),
    totals: v.pipe(
      v.strictObject({
        orders: count('Orders this jobcenter placed candidates on.'),
        positions: count('Their positions together.'),
        placements: count('This jobcenter\'s placements on them, withdrawn ones not counted.'),
        hires: count('Of those, hired (Ansat).'),
        averageDaysToFirstPlacement: v.pipe(v.nullable(int32(0, 2_147_483_647)), v.description('The mean of the orders\' `daysToFirstPlacement`, rounded to whole days; null without orders.')),
        fillRatePercent: percent,
      }),
      v.description('Over every order, not only this page.'),
    ),
    items: v.pipe(list(OrderStatsSchema, 100), v.description('Per order, newest order first.')),
    nextCursor: v.pipe(NextCursorSchema, v.description('Pass as `cursor` for the next page; null on the last page.')),
  }),
  v.description('The calling jobcenter\'s own placement statistics. Only its own placements count; no other jobcenter\'s are shown or counted.'),
);
export type PlacementStats = v.InferOutput<typeof PlacementStatsSchema>;

export const StatsQuerySchema = PageQuerySchema;
