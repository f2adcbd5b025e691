// Who is calling, and the tenant it belongs to.

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

export type Employer = Extract<Principal, { kind: 'employer' }>;
export type Jobcenter = Extract<Principal, { kind: 'jobcenter' }>;

/**
 * The organisation whose data a caller works in: a company or a jobcenter. Keys, origins, webhook
 * subscriptions and idempotency keys belong to a tenant; its journal audience is the tenant too.
 */
export type Tenant = { companyId: number } | { jobcenterId: string };

export function tenantOf(principal: Principal): Tenant {
  return principal.kind === 'employer' ? { companyId: principal.companyId } : { jobcenterId: principal.jobcenterId };
}

/**
 * The tenant as one string (`company:7`, `jobcenter:101`), for keys that must not collide between
 * tenants. Stored (idempotency scopes, shared counters), so its form never changes.
 */
export function tenantKey(tenant: Tenant): string {
  return 'companyId' in tenant ? `company:${tenant.companyId}` : `jobcenter:${tenant.jobcenterId}`;
}
