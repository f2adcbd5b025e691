import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import type { CoreContext } from '../../core/context.ts';
import type { AppDeps } from '../deps.ts';

/** The core's context for one request: the app's database and clock, and who is calling. */
export function coreContext(deps: AppDeps, c: Context<AppEnv>): CoreContext {
  return {
    db: deps.db,
    clock: deps.clock,
    principal: c.get('principal'),
    journalChanged: deps.journalChanged,
    outboxChanged: deps.outboxChanged,
  };
}
