import type { Database } from '../db/driver/types.ts';
import type { Clock } from '../domain/calendar.ts';
import type { Logger } from './middleware/request-log.ts';
import type { FloodConfig } from '../config/index.ts';
import type { WebhookUrlPolicy } from '../core/webhook-url-policy.ts';

/** What every route needs from the outside world; tests pass their own clock and database. */
export interface AppDeps {
  db: Database;
  clock: Clock;
  /** The HMAC secret that signs widget tokens. */
  signingSecret: string;
  /** Origins allowed to call the API from a browser (CORS). */
  corsOrigins: readonly string[];
  /** Called after a change queued e-mail, so a running outbox worker sends it now, not at its next poll. */
  outboxChanged?: () => void;
  /** Called after a change appended to the journal, so this process's event stream reads it now, not at its next poll. */
  journalChanged?: () => void;
  /** Where the one line per request goes (pino); without it only errors are logged, to stdout. */
  logger?: Logger;
  /** Demo mode only: the key /docs fills into "try it". */
  docsDemoKey?: string;
  /** Rate limits and the request time-out (`Config.floods`); without it, their defaults. */
  floods?: FloodConfig;
  /** Where webhooks may point; without it the production rule (https, public addresses only). Demo mode allows http and 127.0.0.1. */
  webhookPolicy?: WebhookUrlPolicy;
}
