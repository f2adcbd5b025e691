import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { hashApiKey, resolveCredential } from '../../auth/index.ts';
import type { Database } from '../../db/driver/types.ts';
import { Unauthorized } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { AppEnv } from '../env.ts';
import { accessEpoch, EpochCache } from './access-epoch.ts';

const bearerPattern = /^Bearer\s+(\S+)$/i;

/**
 * The request's `Authorization: Bearer` credential and its digest (`hashApiKey`), or null when
 * it sent none: hashed once per request, however many layers (the limits by credential,
 * authentication) key on it.
 */
export function bearerOf(c: Context<AppEnv>): { credential: string; digest: string } | null {
  let bearer = c.get('bearer');
  if (bearer === undefined) {
    const credential = bearerPattern.exec(c.req.header('authorization') ?? '')?.[1];
    bearer = credential ? { credential, digest: hashApiKey(credential) } : null;
    c.set('bearer', bearer);
  }
  return bearer;
}

/**
 * Resolves `Authorization: Bearer …` into the request's principal (server/auth resolves the
 * credential itself); anything that names no caller is a 401.
 */
export function authenticate(options: { db: Database; secret: string; now: () => Date }) {
  const { db, secret, now } = options;
  // Resolved credentials, kept while the access epoch stands still (access-epoch.ts): a hit reads
  // one row instead of hashing, verifying and joining, and a revocation by any process still
  // applies on the next request. Only successes are kept; a token's own expiry is checked each time.
  const cache = new EpochCache<Principal>();
  return createMiddleware<AppEnv>(async function authenticateRequest(c, next) {
    const bearer = bearerOf(c);
    if (!bearer) throw new Unauthorized('Send an API key or a widget token as `Authorization: Bearer <token>`.');
    const { credential, digest } = bearer;
    const at = now();
    const epoch = await accessEpoch(c, db);
    // Kept under the credential's hash, so the process holds no API key it has no request for.
    let principal = cache.get(digest, epoch, at.getTime());
    if (!principal) {
      const resolved = await resolveCredential(db, secret, credential, digest, at);
      principal = Object.freeze(resolved.principal);
      cache.set(digest, principal, epoch, resolved.expiresAtMs);
    }
    c.set('principal', principal);
    await next();
  });
}
