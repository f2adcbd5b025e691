import type { Principal } from '../domain/principal.ts';

/** The variables every request's context carries, set by the middleware (`c.get('principal')`). */
export type AppEnv = {
  Variables: {
    principal: Principal;
    requestId: string;
    accessEpoch: number;
    /** The request's bearer credential and its digest (`bearerOf`), or null when it sent none. */
    bearer: { credential: string; digest: string } | null;
    /** The rate limits this request went through, for its `RateLimit` headers (middleware/rate-limit.ts). */
    rateLimits: { name: string; quota: { limit: number; windowSeconds: number }; count: number; resetSeconds: number }[];
  };
};
