import * as v from 'valibot';
import { toJsonSchema, type ConversionConfig } from '@valibot/to-json-schema';
import type { Hono } from 'hono';
import { generateSpecs } from 'hono-openapi';
import { stringify } from 'yaml';
import { FieldErrorSchema, ProblemSchema } from '../../contract/problem.ts';
import {
  CopyJobOrderSchema,
  CreateJobOrderSchema,
  JobOrderPageSchema,
  NewJobOrderSchema,
  JobOrderSchema,
  StatusChangeSchema,
  UpdateJobOrderSchema,
} from '../../contract/job-orders.ts';
import { JobcenterPageSchema, JobcenterSchema } from '../routes/jobcenters.ts';
import { AppointCoordinatorSchema, CoordinatorSchema } from '../../contract/coordinator.ts';
import { LogEntrySchema, LogPageSchema } from '../../contract/log.ts';
import { NewNoteSchema } from '../../contract/notes.ts';
import { CreatePlacementSchema, PlacementOutcomeSchema, PlacementPageSchema, PlacementSchema, RecordOutcomeSchema, WithdrawPlacementSchema } from '../../contract/placements.ts';
import { ContactPersonSchema, MeSchema } from '../routes/me.ts';
import { OccupationPageSchema, OccupationSchema } from '../routes/occupations.ts';
import { CreateSessionSchema, SessionSchema } from '../routes/sessions.ts';
import { PostalCodeSchema } from '../routes/postal-codes.ts';
import {
  CreatedWebhookSubscriptionSchema,
  NewWebhookSubscriptionSchema,
  WebhookEventSchema,
  WebhookSubscriptionListSchema,
  WebhookSubscriptionSchema,
} from '../../contract/webhook-subscriptions.ts';
import { componentHeaders } from './operation.ts';
import { OrderStatsSchema, PlacementStatsSchema } from '../../contract/stats.ts';

type Schema = v.GenericSchema;

/** Named shapes: each becomes `#/components/schemas/<Name>` and is referenced wherever it is used. */
export const components: Record<string, Schema> = {
  Problem: ProblemSchema,
  FieldError: FieldErrorSchema,
  JobOrder: JobOrderSchema,
  JobOrderPage: JobOrderPageSchema,
  CreateJobOrder: CreateJobOrderSchema,
  CopyJobOrder: CopyJobOrderSchema,
  NewJobOrder: NewJobOrderSchema,
  UpdateJobOrder: UpdateJobOrderSchema,
  StatusChange: StatusChangeSchema,
  LogEntry: LogEntrySchema,
  LogPage: LogPageSchema,
  Placement: PlacementSchema,
  PlacementPage: PlacementPageSchema,
  CreatePlacement: CreatePlacementSchema,
  WithdrawPlacement: WithdrawPlacementSchema,
  RecordOutcome: RecordOutcomeSchema,
  PlacementOutcome: PlacementOutcomeSchema,
  PlacementStats: PlacementStatsSchema,
  OrderStats: OrderStatsSchema,
  Coordinator: CoordinatorSchema,
  AppointCoordinator: AppointCoordinatorSchema,
  NewNote: NewNoteSchema,
  Me: MeSchema,
  ContactPerson: ContactPersonSchema,
  Occupation: OccupationSchema,
  OccupationPage: OccupationPageSchema,
  Jobcenter: JobcenterSchema,
  JobcenterPage: JobcenterPageSchema,
  PostalCode: PostalCodeSchema,
  CreateSession: CreateSessionSchema,
  Session: SessionSchema,
  NewWebhookSubscription: NewWebhookSubscriptionSchema,
  WebhookSubscription: WebhookSubscriptionSchema,
  CreatedWebhookSubscription: CreatedWebhookSubscriptionSchema,
  WebhookSubscriptionList: WebhookSubscriptionListSchema,
  WebhookEvent: WebhookEventSchema,
  Health: v.strictObject({ status: v.literal('ok'), database: v.literal('ok') }),
};

const info = {
  title: 'JobAG Orders API',
  version: '1.0.0',
  summary: 'Job orders (jobordrer) between Danish companies and jobcenters.',
  description: [
    'Companies ask a municipal jobcenter for staff by creating a job order; jobcenters appoint a coordinator (tovholder) and place candidates; the company follows it all in the placement log.',
    '',
    '**Authentication.** Every `/v1` call sends `Authorization: Bearer <credential>`: an API key (server-to-server) or a widget token from `POST /v1/sessions` (browser).',
    '',
    '**Errors.** Every 4xx and 5xx is `application/problem+json` (RFC 9457). Field rules answer 422 with `errors[]`, one entry per broken rule, `path` naming the field (`workplace.postalCode`). Malformed JSON and bad query parameters answer 400. Another tenant\'s object answers 404.',
    '',
    '**Dates.** `YYYY-MM-DD`; "today" is the date in Europe/Copenhagen. Timestamps are ISO 8601 UTC.',
  ].join('\n'),
};

function conversion(typeMode: 'input' | 'output'): ConversionConfig {
  return {
    target: 'draft-2020-12',
    typeMode,
    errorMode: 'ignore',
    definitions: components,
    overrideRef: (context) => `#/components/schemas/${context.referenceId}`,
  };
}

/** The component names used as request bodies: they are described as clients send them (defaults optional). */
function requestBodyNames(paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> } }>>): Set<string> {
  const names = new Set<string>();
  for (const methods of Object.values(paths)) {
    for (const op of Object.values(methods)) {
      const ref = op.requestBody?.content?.['application/json']?.schema?.$ref;
      if (ref) names.add(ref.split('/').at(-1)!);
    }
  }
  return names;
}

/**
 * Builds the OpenAPI 3.1 document: the operations each route declares where it is defined
 * (`operation(…)` in server/http/routes, collected by hono-openapi's `generateSpecs`), and the
 * components converted from the server's own valibot schemas.
 */
export async function buildOpenApiDocument(app: Hono<any>): Promise<Record<string, unknown>> {
  const generated = (await generateSpecs(app, { documentation: { info }, excludeStaticFile: false })) as unknown as { paths: Record<string, Record<string, any>> };
  // The API first, then the operational routes (health, contract, docs).
  const paths = Object.fromEntries(Object.entries(generated.paths).sort(([a], [b]) => Number(!a.startsWith('/v1/')) - Number(!b.startsWith('/v1/'))));
  const inputs = requestBodyNames(paths);
  const schemas: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(components)) {
    // Convert the named schema itself, not a reference to it.
    const { [name]: _self, ...others } = components;
    const json = toJsonSchema(schema, { ...conversion(inputs.has(name) ? 'input' : 'output'), definitions: others }) as Record<string, unknown>;
    delete json.$schema;
    delete json.$defs; // every definition is a component already
    schemas[name] = json;
  }
  const tags = [...new Set(Object.values(paths).flatMap((methods) => Object.values(methods).flatMap((op) => op.tags as string[])))];
  return {
    openapi: '3.1.0',
    info,
    servers: [{ url: 'http://localhost:8787', description: 'npm start (demo data)' }],
    security: [{ bearer: [] }],
    tags: tags.map((name) => ({ name })),
    paths,
    components: {
      schemas,
      headers: componentHeaders,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API key, or a widget token from POST /v1/sessions.' } },
    },
  };
}

/** openapi.yaml's text of a document. */
export function contractYaml(document: Record<string, unknown>): string {
  return `# Generated by \`npm run gen\` from the routes' descriptions and the server's valibot schemas (server/http/openapi/document.ts). Do not edit.\n${stringify(document, { lineWidth: 0, aliasDuplicateObjects: false })}`;
}
