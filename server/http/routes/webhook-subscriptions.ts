import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import { createWebhookSubscription, deleteWebhookSubscription, enableWebhookSubscription, listWebhookSubscriptions, tenantOf } from '../../core/webhooks.ts';
import type { AppDeps } from '../deps.ts';
import { pathId } from '../request.ts';
import { parseOrThrow, readJsonBody } from '../validate.ts';
import { operation } from '../openapi/operation.ts';
import { WebhookSubscriptionPathSchema } from '../../contract/parameters.ts';
import { strictWebhookPolicy } from '../../core/webhook-url-policy.ts';
import { coreContext } from './context.ts';
import { maxWebhookSubscriptions, NewWebhookSubscriptionSchema } from '../../contract/webhook-subscriptions.ts';

const who = 'Only an integration\'s API key (not a widget token) of a company, or of a jobcenter in the scheme, manages its own subscriptions.';

const describeCreate = operation({
  operationId: 'createWebhookSubscription', tag: 'Webhooks', summary: 'Subscribe to webhooks',
  description:
    `Every new journal entry of the chosen kinds that this API key may read (the same rule as the placement log and \`/v1/events\`) is POSTed to \`url\` as a \`WebhookEvent\`, signed per Standard Webhooks with the returned secret — shown only here. ${who} ` +
    `At most ${maxWebhookSubscriptions} per company or jobcenter. Deliveries: exactly once per entry and subscription, in journal order per order, retried with back-off per subscription: a failed attempt pauses all of the subscription's deliveries until its next step (5 s, 30 s, 2 min, 10 min, 1 h, 2 h, 4 h, 8 h, …), so an outage costs one attempt per step; 15 failed steps in a row or 24 h without success disable it (\`disabledReason\`), keeping what is undelivered for \`POST …/{id}/enable\`. Revoking the API key that made it disables it too. ` +
    'A 2xx answer within 10 s is a success; redirects are not followed.',
  body: 'NewWebhookSubscription',
  responses: {
    201: { description: 'The subscription and its signing secret.', schema: 'CreatedWebhookSubscription' },
    403: { description: 'A widget token, or a jobcenter not in the scheme.', schema: 'Problem' },
    422: { description: 'A bad `url` (`format`; `insecure_url`: not https; `private_address`: this server, or a private, loopback, link-local, CGNAT, multicast or unresolvable address), an unknown event kind (`enum`), or too many subscriptions (`too_many`).', schema: 'Problem' },
  },
});

const describeList = operation({
  operationId: 'listWebhookSubscriptions', tag: 'Webhooks', summary: 'List webhook subscriptions',
  description: `The caller's subscriptions, oldest first, with their delivery health (never the secret). ${who}`,
  responses: {
    200: { description: 'The subscriptions.', schema: 'WebhookSubscriptionList' },
    403: { description: 'A widget token, or a jobcenter not in the scheme.', schema: 'Problem' },
  },
});

const describeDelete = operation({
  operationId: 'deleteWebhookSubscription', tag: 'Webhooks', summary: 'Delete a webhook subscription',
  description: `Stops deliveries at once; deliveries not yet sent are dropped. ${who}`,
  path: WebhookSubscriptionPathSchema,
  responses: {
    204: { description: 'Deleted.' },
    403: { description: 'A widget token, or a jobcenter not in the scheme.', schema: 'Problem' },
    404: { description: 'No such subscription of the caller\'s.', schema: 'Problem' },
  },
});

const describeEnable = operation({
  operationId: 'enableWebhookSubscription', tag: 'Webhooks', summary: 'Enable a webhook subscription again',
  description:
    'Makes a disabled (or failing) subscription active again as if it had never failed, and sends its url a signed test ping (`WebhookPing`) at once; the answer says what the ping met. ' +
    'Events that waited while it was disabled are then delivered in journal order per order. The calling API key becomes the one it answers to: revoking that key disables it again. ' +
    `${who}`,
  path: WebhookSubscriptionPathSchema,
  responses: {
    200: { description: 'Enabled; `ping` tells whether the receiver accepted the test ping.', schema: 'EnabledWebhookSubscription' },
    403: { description: 'A widget token, or a jobcenter not in the scheme.', schema: 'Problem' },
    404: { description: 'No such subscription of the caller\'s.', schema: 'Problem' },
  },
});

/** Webhook subscriptions of an integration; the deliveries are server/workers/webhooks/worker.ts's. */
export function webhookSubscriptionRoutes(deps: AppDeps) {
  const policy = deps.webhookPolicy ?? strictWebhookPolicy;
  return new Hono<AppEnv>()
    .post('/', describeCreate, async (c) => {
      const ctx = coreContext(deps, c);
      // Who may is decided before the body is judged: a widget token learns nothing of the rules.
      tenantOf(ctx.principal, 'manage webhook subscriptions');
      const body = await readJsonBody(c);
      const input = parseOrThrow(NewWebhookSubscriptionSchema, body);
      const created = await createWebhookSubscription(ctx, input, { policy, serverSecret: deps.signingSecret, ownHost: new URL(c.req.url).host });
      return c.json(created, 201);
    })
    .get('/', describeList, async (c) => c.json({ items: await listWebhookSubscriptions(coreContext(deps, c)) }))
    .post('/:subscriptionId/enable', describeEnable, async (c) => {
      const ctx = coreContext(deps, c);
      tenantOf(ctx.principal, 'manage webhook subscriptions');
      return c.json(await enableWebhookSubscription(ctx, pathId(c, 'subscriptionId'), { policy, serverSecret: deps.signingSecret }), 200);
    })
    .delete('/:subscriptionId', describeDelete, async (c) => {
      const ctx = coreContext(deps, c);
      tenantOf(ctx.principal, 'manage webhook subscriptions');
      await deleteWebhookSubscription(ctx, pathId(c, 'subscriptionId'));
      return c.body(null, 204);
    });
}
