// Idle `GET /v1/events` subscribers for the benches (npm run bench, bench/rss-probe.ts): each on
// its own connection, each counting once when its first event arrives.
import { request as httpRequest, type ClientRequest } from 'node:http';

export interface Subscribers {
  /** Resolves when every subscriber has received an event. */
  everyone: Promise<void>;
  /** How many have received one so far. */
  received(): number;
  close(): void;
}

/** Opens `count` event streams as `headers`' caller and resolves once each has sent its first bytes. */
export async function openSubscribers(api: string, headers: Record<string, string>, count: number): Promise<Subscribers> {
  const requests: ClientRequest[] = [];
  let received = 0;
  let allReceived: () => void = () => undefined;
  const everyone = new Promise<void>((resolve) => (allReceived = resolve));
  await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<void>((resolve, reject) => {
          const req = httpRequest(`${api}/v1/events`, { headers: { ...headers, accept: 'text/event-stream' }, agent: false }, (res) => {
            if (res.statusCode !== 200) return reject(new Error(`events: ${res.statusCode}`));
            let seen = false;
            res.on('data', (chunk: Buffer) => {
              if (!seen && chunk.includes('data:')) {
                seen = true;
                if (++received === count) allReceived();
              }
              resolve();
            });
          });
          req.on('error', reject);
          req.end();
          requests.push(req);
        }),
    ),
  );
  return { everyone, received: () => received, close: () => requests.forEach((req) => req.destroy()) };
}
