import * as v from 'valibot';
import { id, list } from './bounded.ts';

/** `GET /healthz`: the server answers and so does its database. */
export const HealthSchema = v.strictObject({
  status: v.literal('ok'),
  database: v.literal('ok'),
  webhooks: v.pipe(
    v.strictObject({
      secrets: v.pipe(
        v.picklist(['ok', 'unreadable']),
        v.description('`unreadable`: some active subscriptions\' secrets were sealed under another JOBAG_SIGNING_SECRET (servers sharing a database with different secrets); this server leaves their deliveries to a server that has it.'),
      ),
      unreadableSubscriptions: v.pipe(list(id, 100_000), v.description('Their ids.')),
    }),
    v.description('Whether this server can sign every active webhook subscription\'s deliveries.'),
  ),
});
