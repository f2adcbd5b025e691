// Webhook subscriptions: an integration's API key subscribes its tenant — the company or
// the jobcenter — to journal kinds. What is delivered is decided by the access policy's
// `journalEntryVisible`, the same rule as GET …/log and /v1/events (server/workers/webhooks/worker.ts).
import {
  countSubscriptions,
  deleteSubscription,
  enableSubscription,
  findSubscription,
  insertSubscription,
  listSubscriptions,
  sealedSecrets,
  type SubscriptionRecord,
} from '../db/webhooks.ts';
import type { Database, SqlExecutor } from '../db/driver/types.ts';
import { tenantOf as tenantOfPrincipal, type Principal, type Tenant } from '../domain/principal.ts';
import { Invalid, NotFound } from '../domain/errors.ts';
import { maxWebhookSubscriptions, type NewWebhookSubscription } from '../contract/webhook-subscriptions.ts';
import { checkWebhookUrl, type WebhookUrlPolicy } from './webhook-url-policy.ts';
import { newWebhookSecret, openSecret, sealSecret } from './webhook-secret.ts';
import { sendSigned } from './webhook-send.ts';
import { requireIntegrationKey, requireSchemeMember } from '../domain/access.ts';
import { inTransaction, type CoreContext } from './context.ts';

export interface WebhookSubscriptionView {
  id: number;
  url: string;
  events: SubscriptionRecord['events'];
  createdAt: string;
  status: 'active' | 'disabled';
  disabledAt: string | null;
  disabledReason: string | null;
  consecutiveFailures: number;
  lastError: string | null;
  pausedUntil: string | null;
}

export interface WebhookSetup {
  policy: WebhookUrlPolicy;
  /** The server's signing secret: seals each subscription's secret. */
  serverSecret: string;
  /** The host the request came to (`host[:port]`): a subscription may not point back at it. */
  ownHost: string | undefined;
}

/** Whose subscriptions a caller manages: only an API key's, of a tenant in the scheme (else `Forbidden`). */
export function tenantOf(principal: Principal, what: string): Tenant {
  requireIntegrationKey(principal, what);
  requireSchemeMember(principal, what);
  return tenantOfPrincipal(principal);
}

function viewOf(s: SubscriptionRecord): WebhookSubscriptionView {
  return {
    id: s.id,
    url: s.url,
    events: s.events,
    createdAt: s.createdAt,
    status: s.disabledAt ? 'disabled' : 'active',
    disabledAt: s.disabledAt,
    disabledReason: s.disabledReason,
    consecutiveFailures: s.consecutiveFailures,
    lastError: s.lastError === null ? null : s.lastError.slice(0, 600),
    // Only a failing, active subscription waits; a stale time from before a success means nothing.
    pausedUntil: s.disabledAt === null && s.consecutiveFailures > 0 ? s.pausedUntil : null,
  };
}

export async function createWebhookSubscription(
  ctx: CoreContext,
  input: NewWebhookSubscription,
  setup: WebhookSetup,
): Promise<WebhookSubscriptionView & { secret: string }> {
  const tenant = tenantOf(ctx.principal, 'manage webhook subscriptions');
  const check = await checkWebhookUrl(input.url, setup.policy, setup.ownHost);
  if (!check.ok) throw new Invalid([{ path: 'url', code: check.code, message: check.message }]);
  const events = [...new Set(input.events)];
  const secret = newWebhookSecret();
  const createdAt = ctx.clock().toISOString();
  const id = await inTransaction(
    ctx,
    async (tx) => {
      if ((await countSubscriptions(tx, tenant)) >= maxWebhookSubscriptions) {
        const message = `At most ${maxWebhookSubscriptions} webhook subscriptions per company or jobcenter; delete one first.`;
        throw new Invalid([{ path: '(body)', code: 'too_many', message }]);
      }
      const secretSealed = sealSecret(secret, setup.serverSecret);
      return insertSubscription(tx, { tenant, url: check.url.href, events, secretSealed, createdAt, createdByKeyId: ctx.principal.keyId });
    },
    { journal: false },
  );
  return {
    id, url: check.url.href, events, createdAt, status: 'active', disabledAt: null, disabledReason: null, consecutiveFailures: 0, lastError: null, pausedUntil: null, secret,
  };
}

export async function listWebhookSubscriptions(ctx: CoreContext): Promise<WebhookSubscriptionView[]> {
  const tenant = tenantOf(ctx.principal, 'see webhook subscriptions');
  return (await listSubscriptions(ctx.db, tenant)).map(viewOf);
}

/** Deletes a subscription; another tenant's is not found, like one that does not exist. */
export async function deleteWebhookSubscription(ctx: CoreContext, id: number): Promise<void> {
  const tenant = tenantOf(ctx.principal, 'manage webhook subscriptions');
  const deleted = await inTransaction(ctx, (tx) => deleteSubscription(tx, tenant, id), { journal: false });
  if (!deleted) throw NotFound.of(`Webhook subscription ${id}`);
}

/** What the test ping of a re-enabled subscription met at the receiver. */
export interface PingResult {
  delivered: boolean;
  status: number | null;
  error: string | null;
}

/** The body of a test ping: Standard Webhooks' shape, with `type` `ping` (never a journal kind). */
export function pingPayload(subscriptionId: number, at: Date): string {
  return JSON.stringify({ type: 'ping', timestamp: at.toISOString(), data: { subscriptionId } });
}

/**
 * Enables a subscription again and sends it a signed test ping. It is enabled whatever the ping
 * meets: what waited is then delivered with the usual back-off, and the ping's outcome tells the
 * caller at once whether the receiver is back.
 */
async function enableAndPing(
  db: Database,
  subscription: SubscriptionRecord,
  byKeyId: number | null,
  setup: Pick<WebhookSetup, 'policy' | 'serverSecret'>,
  now: Date,
): Promise<PingResult> {
  await db.transaction((tx) => enableSubscription(tx, subscription.id, byKeyId));
  const secret = openSecret(subscription.secretSealed, setup.serverSecret);
  if (!secret) {
    return { delivered: false, status: null, error: 'This server cannot read the subscription\'s signing secret (it was sealed under another JOBAG_SIGNING_SECRET); a server with that secret delivers it.' };
  }
  const sent = await sendSigned(
    { url: subscription.url, secret, msgId: `msg_${subscription.id}_ping_${now.getTime()}`, payload: pingPayload(subscription.id, now) },
    setup.policy,
    now,
    pingTimeoutMs,
  );
  return sent.ok ? { delivered: true, status: sent.status, error: null } : { delivered: false, status: sent.status, error: sent.error };
}

/** The ping waits no longer than a delivery attempt does. */
const pingTimeoutMs = 10_000;

/** Enables a disabled (or failing) subscription of the caller's and pings it; the caller's key becomes the one it answers to. */
export async function enableWebhookSubscription(
  ctx: CoreContext,
  id: number,
  setup: Pick<WebhookSetup, 'policy' | 'serverSecret'>,
): Promise<WebhookSubscriptionView & { ping: PingResult }> {
  const tenant = tenantOf(ctx.principal, 'manage webhook subscriptions');
  const subscription = await findSubscription(ctx.db, id, tenant);
  if (!subscription) throw NotFound.of(`Webhook subscription ${id}`);
  const ping = await enableAndPing(ctx.db, subscription, ctx.principal.keyId, setup, ctx.clock());
  ctx.journalChanged?.();
  const after = await findSubscription(ctx.db, id, tenant);
  return { ...viewOf(after ?? subscription), ping };
}

/** The operator's re-enable (scripts/admin.ts): any tenant's subscription; the key it answers to stays. */
export async function enableWebhookSubscriptionAsOperator(
  db: Database,
  id: number,
  setup: Pick<WebhookSetup, 'policy' | 'serverSecret'>,
  now: Date,
): Promise<{ subscription: WebhookSubscriptionView; ping: PingResult } | null> {
  const subscription = await findSubscription(db, id);
  if (!subscription) return null;
  const ping = await enableAndPing(db, subscription, null, setup, now);
  return { subscription: viewOf((await findSubscription(db, id)) ?? subscription), ping };
}

// Opening a sealed secret costs an AES-GCM decryption; /healthz asks often, and a sealed value
// never changes, so each answer is remembered for the server secret it was asked under.
const openable = new Map<string, boolean>();

/**
 * The active subscriptions whose secret this server cannot open: sealed under another
 * JOBAG_SIGNING_SECRET (servers sharing a database with different secrets). Their deliveries wait
 * for a server that can; /healthz reports them.
 */
export async function unreadableWebhookSecrets(db: SqlExecutor, serverSecret: string): Promise<number[]> {
  const unreadable: number[] = [];
  for (const s of await sealedSecrets(db)) {
    if (s.disabled) continue;
    const key = `${serverSecret}\0${s.secretSealed}`;
    let ok = openable.get(key);
    if (ok === undefined) {
      ok = openSecret(s.secretSealed, serverSecret) !== null;
      if (openable.size > 10_000) openable.clear();
      openable.set(key, ok);
    }
    if (!ok) unreadable.push(s.id);
  }
  return unreadable;
}
