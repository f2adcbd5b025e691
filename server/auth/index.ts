import { createHash, randomBytes } from 'node:crypto';
import { sign, verify } from 'hono/jwt';
import { createMiddleware } from 'hono/factory';
import type { Database } from '../db/driver/client.ts';
import { findApiKeyOwner, findCompanyOfContactPerson, isApiKeyActive } from '../db/credentials.ts';
import { accessEpoch, EpochCache } from '../http/middleware/access-epoch.ts';
import { findJobcenter } from '../db/organisations.ts';
import { HttpProblem } from '../http/problem.ts';

/** Who is calling. `via` tells an integration's API key from a widget token scoped to one person. */
export type Principal =
  | {
      kind: 'employer';
      companyId: number;
      companyName: string;
      /** The contact person a widget token acts for; null for an integration's API key. */
      contactPersonId: number | null;
      contactPersonName: string | null;
      via: 'apiKey' | 'token';
      /** The API key used, or the one that minted the widget token: a token lives only as long as its key. */
      keyId: number;
    }
  | {
      kind: 'jobcenter';
      jobcenterId: string;
      jobcenterName: string;
      /** Joined the job-order scheme (R1.3); read once per request with the credential. */
      signedUp: boolean;
      caseworkerName: string | null;
      via: 'apiKey' | 'token';
      /** The API key used, or the one that minted the widget token. */
      keyId: number;
    };

export type AppEnv = { Variables: { principal: Principal; requestId: string; accessEpoch: number } };

/** API keys are long random secrets, so one SHA-256 is a sound way to store them (no brute force). */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function newApiKey(): string {
  return `jobag_${randomBytes(32).toString('base64url')}`;
}

interface TokenClaims {
  [key: string]: unknown;
  typ: 'widget';
  kind: 'employer' | 'jobcenter';
  org: string;
  cp?: number;
  cw?: string;
  /** The id of the API key that minted the token; the token is refused once that key is revoked. */
  kid: number;
  exp: number;
  iat: number;
}

export const widgetTokenTtlSeconds = 600;

/** Signs a widget token: short-lived and scoped to one contact person or caseworker. */
export async function signWidgetToken(
  secret: string,
  scope:
    | { kind: 'employer'; companyId: number; contactPersonId: number; keyId: number }
    | { kind: 'jobcenter'; jobcenterId: string; caseworkerName: string; keyId: number },
  now: Date,
  ttlSeconds = widgetTokenTtlSeconds,
): Promise<{ token: string; expiresAt: string }> {
  const iat = Math.floor(now.getTime() / 1000);
  const claims: TokenClaims =
    scope.kind === 'employer'
      ? { typ: 'widget', kind: 'employer', org: String(scope.companyId), cp: scope.contactPersonId, kid: scope.keyId, iat, exp: iat + ttlSeconds }
      : { typ: 'widget', kind: 'jobcenter', org: scope.jobcenterId, cw: scope.caseworkerName, kid: scope.keyId, iat, exp: iat + ttlSeconds };
  return { token: await sign(claims, secret, 'HS256'), expiresAt: new Date((iat + ttlSeconds) * 1000).toISOString() };
}

const unauthorized = (detail: string, slug: 'unauthorized' | 'token-expired' = 'unauthorized') =>
  new HttpProblem(401, slug, detail, { headers: { 'www-authenticate': 'Bearer realm="jobag"' } });

/**
 * Resolves `Authorization: Bearer …` into a principal: a signed widget token (three dot-separated
 * parts) or an API key. A revoked key, a bad signature and an expired token are all 401; an
 * expired token says so (`/problems/token-expired`) so a widget knows to fetch a fresh one.
 */
export function authenticate(options: { db: Database; secret: string; now: () => Date }) {
  const { db, secret, now } = options;
  // Resolved credentials, kept while the access epoch stands still (http/access-epoch.ts): a hit
  // reads one row instead of hashing, verifying and joining, and a revocation by any process still
  // applies on the next request. Only successes are kept; a token's own expiry is checked each time.
  const cache = new EpochCache<Principal>();
  return createMiddleware<AppEnv>(async function authenticateRequest(c, next) {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw unauthorized('Send an API key or a widget token as `Authorization: Bearer <token>`.');
    const credential = match[1];
    const at = now();
    const epoch = await accessEpoch(c, db);
    // Kept under the credential's hash, so the process holds no API key it has no request for.
    const digest = hashApiKey(credential);
    let principal = cache.get(digest, epoch, at.getTime());
    if (!principal) {
      const resolved = credential.split('.').length === 3 ? await principalFromToken(db, secret, credential, at) : { principal: await principalFromApiKey(db, digest), expiresAtMs: Infinity };
      principal = Object.freeze(resolved.principal);
      cache.set(digest, principal, epoch, resolved.expiresAtMs);
    }
    c.set('principal', principal);
    await next();
  });
}

async function principalFromToken(db: Database, secret: string, token: string, now: Date): Promise<{ principal: Principal; expiresAtMs: number }> {
  let claims: TokenClaims;
  try {
    // Times are checked below against the injected clock, not the library's own.
    claims = (await verify(token, secret, { alg: 'HS256', exp: false, iat: false, nbf: false })) as TokenClaims;
  } catch {
    throw unauthorized('The token is not valid.');
  }
  if (claims.typ !== 'widget' || typeof claims.exp !== 'number' || typeof claims.iat !== 'number') throw unauthorized('The token is not valid.');
  if (claims.iat * 1000 > now.getTime() + 60_000) throw unauthorized('The token is not valid yet.');
  if (claims.exp * 1000 <= now.getTime()) throw unauthorized('The token has expired; fetch a new one.', 'token-expired');
  // A token follows the key that minted it: revoked (in any process, by scripts/admin.ts) means
  // refused on the next request (the revocation moves the access epoch, so no cached principal stands).
  const owner = { companyId: claims.kind === 'employer' ? Number(claims.org) : null, jobcenterId: claims.kind === 'jobcenter' ? claims.org : null };
  if (!Number.isSafeInteger(claims.kid) || !(await isApiKeyActive(db, claims.kid, owner))) {
    throw unauthorized('The token is no longer valid: the API key that made it was revoked.');
  }
  if (claims.kind === 'employer') {
    const company = await findCompanyOfContactPerson(db, Number(claims.org), claims.cp ?? -1);
    if (!company) throw unauthorized('The token is not valid.');
    const principal: Principal = {
      kind: 'employer',
      companyId: company.id,
      companyName: company.name,
      contactPersonId: claims.cp ?? null,
      contactPersonName: company.personName,
      via: 'token',
      keyId: claims.kid,
    };
    return { principal, expiresAtMs: claims.exp * 1000 };
  }
  const jobcenter = await findJobcenter(db, claims.org);
  if (!jobcenter) throw unauthorized('The token is not valid.');
  // A caseworker's token is for work in the scheme: signing the jobcenter out ends it at once.
  if (!jobcenter.signedUp) throw unauthorized(`The token is no longer valid: ${jobcenter.name} is not signed up for job orders.`);
  const principal: Principal = { kind: 'jobcenter', jobcenterId: jobcenter.id, jobcenterName: jobcenter.name, signedUp: jobcenter.signedUp, caseworkerName: claims.cw ?? null, via: 'token', keyId: claims.kid };
  return { principal, expiresAtMs: claims.exp * 1000 };
}

async function principalFromApiKey(db: Database, keyHash: string): Promise<Principal> {
  const owner = await findApiKeyOwner(db, keyHash);
  if (!owner) throw unauthorized('The API key is not valid.');
  return owner.kind === 'company'
    ? { kind: 'employer', companyId: owner.id, companyName: owner.name, contactPersonId: null, contactPersonName: null, via: 'apiKey', keyId: owner.keyId }
    : { kind: 'jobcenter', jobcenterId: owner.id, jobcenterName: owner.name, signedUp: owner.signedUp, caseworkerName: null, via: 'apiKey', keyId: owner.keyId };
}
