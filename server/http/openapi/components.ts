import * as v from 'valibot';
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
import { AppointCoordinatorSchema, CoordinatorSchema } from '../../contract/coordinator.ts';
import { LogEntrySchema, LogPageSchema } from '../../contract/log.ts';
import { NewNoteSchema } from '../../contract/notes.ts';
import { CreatePlacementSchema, PlacementOutcomeSchema, PlacementPageSchema, PlacementSchema, RecordOutcomeSchema, WithdrawPlacementSchema } from '../../contract/placements.ts';
import { ContactPersonSchema, CreateSessionSchema, MeSchema, SessionSchema } from '../../contract/identity.ts';
import { JobcenterPageSchema, JobcenterSchema, OccupationPageSchema, OccupationSchema, PostalCodeSchema } from '../../contract/reference.ts';
import {
  CreatedWebhookSubscriptionSchema,
  EnabledWebhookSubscriptionSchema,
  NewWebhookSubscriptionSchema,
  WebhookPingSchema,
  WebhookEventSchema,
  WebhookSubscriptionListSchema,
  WebhookSubscriptionSchema,
} from '../../contract/webhook-subscriptions.ts';
import { OrderStatsSchema, PlacementStatsSchema } from '../../contract/stats.ts';
import { HealthSchema } from '../../contract/health.ts';

/** Named shapes: each becomes `#/components/schemas/<Name>` and is referenced wherever it is used. */
export const components = {
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
  EnabledWebhookSubscription: EnabledWebhookSubscriptionSchema,
  WebhookPing: WebhookPingSchema,
  Health: HealthSchema,
} satisfies Record<string, v.GenericSchema>;

/** A component's name: a route that names one the contract does not have fails the type check. */
export type ComponentName = keyof typeof components;
