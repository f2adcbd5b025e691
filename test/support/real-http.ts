// The harness's app behind a real HTTP server on 127.0.0.1 (port 0), for tests that go over the
// wire: every answer is checked against openapi.yaml, must be < 500, and a 4xx a problem.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { createParser } from 'eventsource-parser';
import { checkedAnswer, requestInit, type Harness, type TestResponse } from './harness.ts';

export interface RealHttp {
  url: string;
  request<T = any>(method: string, path: string, options?: { key?: string; body?: unknown; headers?: Record<string, string> }): Promise<TestResponse<T>>;
  /** The events of `GET path` (an event stream) from `Last-Event-ID: 0`, until `count` arrived. */
  events(path: string, key: string, count: number): Promise<any[]>;
  close(): Promise<void>;
}

export async function startRealHttp(h: Harness): Promise<RealHttp> {
  const server = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    request: async (method, path, opts = {}) => checkedAnswer(method, path, await fetch(url + path, requestInit(method, opts))),
    async events(path, key, count) {
      const controller = new AbortController();
      // A bound, not a wait: the read ends as soon as `count` events are in.
      const timer = setTimeout(() => controller.abort(), 5_000);
      const found: any[] = [];
      try {
        const res = await fetch(url + path, { headers: { authorization: `Bearer ${key}`, 'last-event-id': '0' }, signal: controller.signal });
        assert.equal(res.status, 200);
        const parser = createParser({ onEvent: (e) => found.push(JSON.parse(e.data)) });
        const decoder = new TextDecoder();
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          parser.feed(decoder.decode(chunk, { stream: true }));
          if (found.length >= count) break;
        }
      } catch (error) {
        if (!controller.signal.aborted) throw error;
      } finally {
        clearTimeout(timer);
        controller.abort();
      }
      return found;
    },
    async close() {
      await new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections();
      });
    },
  };
}
