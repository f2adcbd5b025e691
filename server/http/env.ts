import type { Principal } from '../domain/principal.ts';

/** The variables every request's context carries, set by the middleware (`c.get('principal')`). */
export type AppEnv = { Variables: { principal: Principal; requestId: string; accessEpoch: number } };
