import { listJobcenters } from '../db/organisations.ts';
import type { Jobcenter } from '../contract/reference.ts';
import type { CoreContext } from './context.ts';

const danish = new Intl.Collator('da-DK');

/** The 98 jobcenters in Danish alphabetical order, optionally only those (not) signed up (R1.3). */
export async function jobcentersInDanishOrder(ctx: Pick<CoreContext, 'db'>, signedUp?: boolean): Promise<Jobcenter[]> {
  const items = await listJobcenters(ctx.db, signedUp);
  return items.sort((a, b) => danish.compare(a.name, b.name));
}
