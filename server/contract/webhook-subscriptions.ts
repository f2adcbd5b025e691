import * as v from 'valibot';
import { journalKinds } from './journal.ts';
import { LogEntrySchema } from './log.ts';
import { dateTime, id, int32, list, patterned, text } from './bounded.ts';

/** How many subscriptions one company or jobcenter may have. */
export const maxWebhookSubscriptions = 10;
export const maxWebhookUrlLength = 2000;

// The kinds a subscriber chooses from are the journal's own list, so the description cannot name
// fewer kinds than the enum allows.
const kindDescription = `A journal kind: ${journalKinds.map((kind) => `\`${kind}\``).join(', ')}.`;

export const NewWebhookSubscriptionSchema = v.pipe(
  v.strictObject({
    url: v.pipe(
      v.string('The url must be text.'),
      v.trim(),
      v.minLength(1, 'The url must be filled in.'),
      v.maxLength(maxWebhookUrlLength, `The url must be at most ${maxWebhookUrlLength} characters.`),
      v.metadata({ format: 'uri' }),
      v.description('Where each event is POSTed. https, on a public address (not this server, not a private, loopback, link-local or CGNAT one); in demo mode http and 127.0.0.1 are allowed too.'),
    ),
    events: v.pipe(
      v.array(v.pipe(v.picklist(journalKinds, 'An event is one of the journal kinds.'), v.description(kindDescription)), 'events must be a list of journal kinds.'),
      v.minLength(1, 'Choose at least one event kind.'),
      v.maxLength(journalKinds.length, `At most ${journalKinds.length} event kinds (each once).`),
      v.description('The journal kinds to receive.'),
    ),
  }),
  v.description('A webhook subscription: the url receives a signed POST for every new journal entry of these kinds that the API key may read.'),
  v.metadata({ examples: [{ url: 'https://hr.example.dk/jobag-webhook', events: ['placement', 'withdrawn', 'status_changed'] }] }),
);
export type NewWebhookSubscription = v.InferOutput<typeof NewWebhookSubscriptionSchema>;

const subscriptionEntries = {
  id,
  url: text(maxWebhookUrlLength),
  events: list(v.picklist(journalKinds), journalKinds.length),
  createdAt: dateTime,
  status: v.pipe(
    v.picklist(['active', 'disabled']),
    v.description('`disabled` after 15 failed back-off steps in a row or 24 h without a success, or when the API key that made it was revoked (see `disabledReason`). Undelivered events are kept: `POST …/{id}/enable` resumes with them.'),
  ),
  disabledAt: v.nullable(dateTime),
  disabledReason: v.pipe(v.nullable(text(1000)), v.description('Why deliveries stopped: how many back-off steps failed in a row and the last error, or the revoked key.')),
  consecutiveFailures: v.pipe(int32(0, 2_147_483_647), v.description('Failed back-off steps since the last successful delivery (one attempt per step, however many events wait).')),
  lastError: v.pipe(v.nullable(text(600)), v.description('The last failed attempt\'s error (an HTTP status, a time-out, a refused address); null after a success.')),
  pausedUntil: v.pipe(v.nullable(dateTime), v.description('While failing: no delivery is attempted before this time (the next back-off step); null when healthy or disabled.')),
};

export const WebhookSubscriptionSchema = v.pipe(v.strictObject(subscriptionEntries), v.description('A webhook subscription. The secret is never shown again after the 201.'));

export const CreatedWebhookSubscriptionSchema = v.pipe(
  v.strictObject({
    ...subscriptionEntries,
    secret: v.pipe(
      patterned(/^whsec_[A-Za-z0-9+/=]{40,100}$/, 100),
      v.description('The signing secret (Standard Webhooks, `whsec_` + base64). Shown only in this answer: store it, and verify every delivery with it (the SDK\'s `verifyWebhook`).'),
    ),
  }),
  v.description('The new subscription with its signing secret, shown this once.'),
);

export const EnabledWebhookSubscriptionSchema = v.pipe(
  v.strictObject({
    ...subscriptionEntries,
    ping: v.pipe(
      v.strictObject({
        delivered: v.pipe(v.boolean(), v.description('The receiver answered the ping with a 2xx.')),
        status: v.pipe(v.nullable(int32(0, 999)), v.description('The HTTP status it answered; null when it did not answer.')),
        error: v.pipe(v.nullable(text(600)), v.description('Why the ping failed; null when delivered.')),
      }),
      v.description('The signed test ping sent on enabling: a `WebhookPing` body, verified like any delivery.'),
    ),
  }),
  v.description('The subscription, active again, and what its test ping met. It is enabled whatever the ping met; waiting events follow with the usual back-off.'),
);

export const WebhookPingSchema = v.pipe(
  v.strictObject({
    type: v.literal('ping'),
    timestamp: dateTime,
    data: v.strictObject({ subscriptionId: id }),
  }),
  v.description('The body of the test ping a subscription gets when it is enabled again: signed like a delivery (`webhook-id` `msg_<subscription>_ping_<ms>`), never a journal entry. Answer it with a 2xx.'),
);

export const WebhookSubscriptionListSchema = v.strictObject({
  items: list(WebhookSubscriptionSchema, maxWebhookSubscriptions),
});

export const WebhookEventSchema = v.pipe(
  v.strictObject({
    type: v.pipe(v.picklist(journalKinds), v.description('The journal kind.')),
    timestamp: v.pipe(dateTime, v.description('When it happened (the entry\'s `at`).')),
    data: LogEntrySchema,
  }),
  v.description(
    'The body of a webhook delivery (Standard Webhooks): `data` is the same `LogEntry` as the `/v1/events` event of the entry, filtered by the same policy. ' +
      'Headers: `webhook-id` (`msg_<subscription>_<entry>`, the same on every retry), `webhook-timestamp` (Unix seconds), `webhook-signature` (`v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`).',
  ),
);
export type WebhookEvent = v.InferOutput<typeof WebhookEventSchema>;
