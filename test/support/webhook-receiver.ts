// A real HTTP receiver of webhooks on 127.0.0.1 (port 0) that records every delivery attempt.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

export interface ReceivedDelivery {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** What the receiver does with an attempt: answer a status, or never answer (a time-out). */
export type ReceiverBehaviour = (delivery: ReceivedDelivery, attempt: number) => number | 'hang';

export interface WebhookReceiver {
  url: string;
  /** Every attempt, answered or not, in arrival order. */
  attempts: ReceivedDelivery[];
  /** The attempts it answered with a 2xx. */
  accepted: ReceivedDelivery[];
  behave(behaviour: ReceiverBehaviour): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(path = '/hook'): Promise<WebhookReceiver> {
  const attempts: ReceivedDelivery[] = [];
  const accepted: ReceivedDelivery[] = [];
  let behaviour: ReceiverBehaviour = () => 200;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const delivery = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
      attempts.push(delivery);
      const answer = behaviour(delivery, attempts.length);
      if (answer === 'hang') return; // the sender's time-out ends it
      if (answer >= 200 && answer < 300) accepted.push(delivery);
      res.writeHead(answer, { 'content-type': 'text/plain' }).end(String(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}${path}`,
    attempts,
    accepted,
    behave(next) {
      behaviour = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
