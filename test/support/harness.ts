import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { createApp } from '../../server/http/app.ts';
import type { Database } from '../../server/db/driver/types.ts';
import { openTestDatabase } from './database.ts';
import { migrate } from '../../server/db/migrate.ts';
import { ensureJobcenters } from '../../server/db/reference-data.ts';
import { loadDemoData, demoKeys } from '../../server/demo/data.ts';
import { checkAgainstContract } from './contract.ts';
import type { WebhookUrlPolicy } from '../../server/core/webhook-url-policy.ts';

export { demoKeys };

export interface TestResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface Harness {
  db: Database;
  app: ReturnType<typeof createApp>;
  /** Moves "now"; tests start on 2026-11-27 10:00 Copenhagen time. */
  setNow(iso: string): void;
  now(): Date;
  request<T = any>(method: string, path: string, options?: { key?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> }): Promise<TestResponse<T>>;
  /** Every body any response of this harness returned, for privacy scans. */
  seenBodies: string[];
  close(): Promise<void>;
}

export const signingSecret = 'test-secret-test-secret-test-secret-123';

/**
 * A fresh app on its own temporary libSQL file, with the demo organisations loaded (no orders).
 * Every response is checked against openapi.yaml; a mismatch fails the request helper itself.
 */
export async function startHarness(options: { now?: string; webhookPolicy?: WebhookUrlPolicy } = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'jobag-test-'));
  const db = await openTestDatabase(join(dir, 'test.db'));
  await migrate(db);
  await ensureJobcenters(db);
  let now = new Date(options.now ?? '2026-11-27T09:00:00Z');
  await loadDemoData(db, now);
  const app = createApp({ db, clock: () => now, signingSecret, corsOrigins: ['https://portal.example'], webhookPolicy: options.webhookPolicy });
  const seenBodies: string[] = [];
  return {
    db,
    app,
    seenBodies,
    setNow(iso) {
      now = new Date(iso);
    },
    now: () => now,
    async request(method, path, opts = {}) {
      const answer = await checkedAnswer(method, path, await app.request(path, requestInit(method, opts)));
      seenBodies.push(answer.text);
      return answer;
    },
    async close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A test request's init: the key as a bearer token, a body as JSON unless it is given raw. */
export function requestInit(method: string, opts: { key?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> }): RequestInit {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.key) headers.authorization = `Bearer ${opts.key}`;
  let body: string | undefined = opts.rawBody;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] ??= 'application/json';
  }
  return { method, headers, body };
}

/** Reads an answer and holds it to the project's rules: below 500, as openapi.yaml says, a 4xx a problem. */
export async function checkedAnswer<T = any>(method: string, path: string, res: Response): Promise<TestResponse<T>> {
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  const parsed = type.includes('json') && text ? JSON.parse(text) : text;
  assert.ok(res.status < 500, `${method} ${path} answered ${res.status}: ${text}`);
  const violations = checkAgainstContract(method, path, res.status, type, parsed);
  assert.deepEqual(violations, [], `response breaks openapi.yaml: ${violations.join('; ')}`);
  if (res.status >= 400) assert.match(type, /^application\/problem\+json/, `${res.status} must be a problem`);
  return { status: res.status, headers: res.headers, body: parsed, text };
}
