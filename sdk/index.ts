/**
 * The typed JobAG Orders client, for HR systems (Node) and the widgets (browser).
 *
 * @example
 * const jobag = createJobagClient({ baseUrl: 'http://localhost:8787', apiKey: process.env.JOBAG_KEY });
 * const { data, error } = await jobag.GET('/v1/job-orders', { params: { query: { sort: 'updatedAt' } } });
 */
import type { components } from './schema.d.ts';

export type { components, paths } from './schema.d.ts';
/** The rules a client can check before sending (formats, dates, R2.4 terms) and the contract's error codes. */
export * from './rules.ts';
/** The live event stream (`GET /v1/events`) read with fetch: `subscribeToEvents({ baseUrl, apiKey | getToken, onEvent })`. */
export { subscribeToEvents, EventStreamError, type EventStream, type EventStreamOptions, type EventStreamReset } from './events.ts';
export { verifyWebhook, signWebhook, WebhookVerificationError, type WebhookEvent, type WebhookHeaders, type VerifyWebhookOptions } from './webhooks.ts';
export type Schemas = components['schemas'];
export type JobOrder = Schemas['JobOrder'];
export type JobOrderPage = Schemas['JobOrderPage'];
export type CreateJobOrder = Schemas['CreateJobOrder'];
export type UpdateJobOrder = Schemas['UpdateJobOrder'];
export type StatusChange = Schemas['StatusChange'];
export type LogEntry = Schemas['LogEntry'];
export type Me = Schemas['Me'];
export type Occupation = Schemas['Occupation'];
export type Jobcenter = Schemas['Jobcenter'];
export type Problem = Schemas['Problem'];
export type FieldError = Schemas['FieldError'];
export type Placement = Schemas['Placement'];
export type CreatePlacement = Schemas['CreatePlacement'];
export type Coordinator = Schemas['Coordinator'];
export type WebhookSubscription = Schemas['WebhookSubscription'];
export type CreatedWebhookSubscription = Schemas['CreatedWebhookSubscription'];
export type CopyJobOrder = Schemas['CopyJobOrder'];
export type RecordOutcome = Schemas['RecordOutcome'];
export type PlacementStats = Schemas['PlacementStats'];

/** The client: retries, an Idempotency-Key on every create, a time-out, and typed failures (see docs/api.md, "The SDK"). */
export { createJobagClient, type JobagClientOptions, type RetryOptions } from './resilient-client.ts';
/** The base client (its own module, so the widgets' runtime holds it without the rules, the event stream and the retries). */
export { etagOf, type JobagClient } from './client.ts';
export { JobagNetworkError, JobagHttpError, type NetworkFailureKind } from './errors.ts';
export { paginate, pages, type PagedPath, type PageItem, type PageInit } from './paginate.ts';
