// One signed POST to a subscriber: the worker's deliveries and the test ping of a re-enabled
// subscription go out the same way, so a receiver that verifies one verifies the other.
import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Webhook } from 'standardwebhooks';
import { checkWebhookUrl, pinnedLookup, type WebhookUrlPolicy } from './webhook-url-policy.ts';

/** POSTs `body` to `url`, connecting to the checked `address`; resolves with the status code. No redirect is followed. */
function post(url: URL, address: string, headers: OutgoingHttpHeaders, body: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, { method: 'POST', headers, lookup: pinnedLookup(address), agent: false }, (res) => {
      // The status line decides; the body is never read.
      resolve(res.statusCode ?? 0);
      res.destroy();
    });
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    req.on('error', reject);
    req.on('close', () => clearTimeout(timer));
    req.end(body);
  });
}

export type SendOutcome = { ok: true; status: number } | { ok: false; status: number | null; error: string };

/**
 * Signs `payload` under `msgId` with the subscription's secret and POSTs it. The url is checked
 * again now (the host may resolve elsewhere than when the subscription was made) and the
 * connection goes to the address that was checked. A 2xx is a success.
 */
export async function sendSigned(
  target: { url: string; secret: string; msgId: string; payload: string },
  policy: WebhookUrlPolicy,
  now: Date,
  timeoutMs: number,
): Promise<SendOutcome> {
  const check = await checkWebhookUrl(target.url, policy);
  if (!check.ok) return { ok: false, status: null, error: `Refused to connect: ${check.message}` };
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'JobAG-Webhooks/1',
    'webhook-id': target.msgId,
    'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    'webhook-signature': new Webhook(target.secret).sign(target.msgId, now, target.payload),
  };
  let status: number;
  try {
    status = await post(check.url, check.addresses[0]!, headers, target.payload, timeoutMs);
  } catch (error) {
    return { ok: false, status: null, error: `No answer: ${String((error as Error)?.message ?? error).slice(0, 300)}` };
  }
  if (status < 200 || status > 299) {
    return { ok: false, status, error: status >= 300 && status < 400 ? `HTTP ${status}: redirects are not followed` : `HTTP ${status}` };
  }
  return { ok: true, status };
}
