// Credentials: API keys (random, shown once, stored hashed) and widget tokens (signed, short-lived,
// scoped to one person), and how either resolves into the principal that calls.
import { createHash, randomBytes } from 'node:crypto';
import { sign, verify } from 'hono/jwt';
import type { Database } from '../db/driver/types.ts';
import { findApiKeyOwner, findCompanyOfContactPerson, isApiKeyActive } from '../db/credentials.ts';
import { findJobcenter } from '../db/organisations.ts';
import { Unauthorized } from '../domain/errors.ts';
import type { Principal, Tenant } from '../domain/principal.ts';

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

/** A principal and until when it holds (a token's expiry; an API key's never, until revoked). */
export interface ResolvedCredential {
  principal: Principal;
  expiresAtMs: number;
}

/**
 * Resolves a bearer credential into a principal: a signed widget token (three dot-separated
 * parts) or an API key, given the credential's digest (`hashApiKey`). A revoked key, a bad
 * signature and an expired token are all `Unauthorized`; an expired token says so
 * (`token-expired`) so a widget knows to fetch a fresh one.
 */
export function resolveCredential(db: Database, secret: string, credential: string, digest: string, now: Date): Promise<ResolvedCredential> {
  return credential.split('.').length === 3 ? principalFromToken(db, secret, credential, now) : principalFromApiKey(db, digest);
}

async function principalFromToken(db: Database, secret: string, token: string, now: Date): Promise<ResolvedCredential> {
  let claims: TokenClaims;
  try {
    // Times are checked below against the injected clock, not the library's own.
    claims = (await verify(token, secret, { alg: 'HS256', exp: false, iat: false, nbf: false })) as TokenClaims;
  } catch {
    throw new Unauthorized('The token is not valid.');
  }
  if (claims.typ !== 'widget' || typeof claims.exp !== 'number' || typeof claims.iat !== 'number') throw new Unauthorized('The token is not valid.');
  if (claims.iat * 1000 > now.getTime() + 60_000) throw new Unauthorized('The token is not valid yet.');
  if (claims.exp * 1000 <= now.getTime()) throw new Unauthorized('The token has expired; fetch a new one.', 'token-expired');
  // A token follows the key that minted it: revoked (in any process, by scripts/admin.ts) means
  // refused on the next request (the revocation moves the access epoch, so no cached principal stands).
  const owner: Tenant = claims.kind === 'employer' ? { companyId: Number(claims.org) } : { jobcenterId: claims.org };
  if (!Number.isSafeInteger(claims.kid) || !(await isApiKeyActive(db, claims.kid, owner))) {
    throw new Unauthorized('The token is no longer valid: the API key that made it was revoked.');
  }
  if (claims.kind === 'employer') {
    const company = await findCompanyOfContactPerson(db, Number(claims.org), claims.cp ?? -1);
    if (!company) throw new Unauthorized('The token is not valid.');
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
  if (!jobcenter) throw new Unauthorized('The token is not valid.');
  // A caseworker's token is for work in the scheme: signing the jobcenter out ends it at once.
  if (!jobcenter.signedUp) throw new Unauthorized(`The token is no longer valid: ${jobcenter.name} is not signed up for job orders.`);
  const principal: Principal = { kind: 'jobcenter', jobcenterId: jobcenter.id, jobcenterName: jobcenter.name, signedUp: jobcenter.signedUp, caseworkerName: claims.cw ?? null, via: 'token', keyId: claims.kid };
  return { principal, expiresAtMs: claims.exp * 1000 };
}

async function principalFromApiKey(db: Database, keyHash: string): Promise<ResolvedCredential> {
  const owner = await findApiKeyOwner(db, keyHash);
  if (!owner) throw new Unauthorized('The API key is not valid.');
  const principal: Principal =
    owner.kind === 'company'
      ? { kind: 'employer', companyId: owner.id, companyName: owner.name, contactPersonId: null, contactPersonName: null, via: 'apiKey', keyId: owner.keyId }
      : { kind: 'jobcenter', jobcenterId: owner.id, jobcenterName: owner.name, signedUp: owner.signedUp, caseworkerName: null, via: 'apiKey', keyId: owner.keyId };
  return { principal, expiresAtMs: Infinity };
}
