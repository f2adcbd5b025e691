// Webhook subscriptions: an integration's API key subscribes its tenant — the company or
// the jobcenter — to journal kinds. What is delivered is decided by the access policy's
// `journalEntryVisible`, the same rule as GET …/log and /v1/events (server/workers/webhooks/worker.ts).
import { countSubscriptions, deleteSubscription, insertSubscription, listSubscriptions, type SubscriptionRecord } from '../db/webhooks.ts';
import { tenantOf as tenantOfPrincipal, type Principal, type Tenant } from '../domain/principal.ts';
import { Invalid, NotFound } from '../domain/errors.ts';
import { maxWebhookSubscriptions, type NewWebhookSubscription } from '../contract/webhook-subscriptions.ts';
import { checkWebhookUrl, type WebhookUrlPolicy } from './webhook-url-policy.ts';
import { newWebhookSecret, sealSecret } from './webhook-secret.ts';
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
      return insertSubscription(tx, { tenant, url: check.url.href, events, secretSealed: sealSecret(secret, setup.serverSecret), createdAt });
    },
    { journal: false },
  );
  return {
    id, url: check.url.href, events, createdAt, status: 'active', disabledAt: null, disabledReason: null, consecutiveFailures: 0, lastError: null, secret,
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
