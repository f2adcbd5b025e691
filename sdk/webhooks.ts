// Verifying a webhook delivery on the receiver's side (Standard Webhooks): HMAC-SHA256 with Web
// Crypto, so the same code runs in Node (≥ 20), Deno, workers and browsers, with no dependency.
import type { components } from './schema.d.ts';

/** The body of a delivery: `data` is the LogEntry the `/v1/events` stream sends for the entry. */
export type WebhookEvent = components['schemas']['WebhookEvent'];

/** The signature, id or timestamp is missing, wrong or too old: answer the delivery with a 4xx (it is not retried as yours). */
export class WebhookVerificationError extends Error {
  override name = 'WebhookVerificationError';
}

/** Headers as Fetch (`Headers`), Node (`req.headers`) or a plain object give them. */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

export interface VerifyWebhookOptions {
  /** How far `webhook-timestamp` may be from now, either way (default 300 s: replays of old deliveries are refused). */
  toleranceSeconds?: number;
  /** "Now" (tests). */
  now?: Date;
}

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Compares without stopping at the first difference, so the time taken tells nothing. */
function equalInConstantTime(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** `v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>`, the key being the secret after `whsec_`. */
export async function signWebhook(secret: string, id: string, timestamp: number, body: string | Uint8Array): Promise<string> {
  let key: Uint8Array;
  try {
    key = base64ToBytes(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret);
  } catch {
    throw new WebhookVerificationError('The secret is not a Standard Webhooks secret (whsec_ + base64).');
  }
  if (key.length === 0) throw new WebhookVerificationError('The secret is empty.');
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  const prefix = new TextEncoder().encode(`${id}.${timestamp}.`);
  const message = new Uint8Array(prefix.length + bytes.length);
  message.set(prefix);
  message.set(bytes, prefix.length);
  const hmac = await crypto.subtle.importKey('raw', key as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return `v1,${bytesToBase64(new Uint8Array(await crypto.subtle.sign('HMAC', hmac, message as BufferSource)))}`;
}

/**
 * Checks a delivery and returns its event: the `webhook-signature` must hold a `v1` signature of
 * this body made with `secret` (the one `POST /v1/webhook-subscriptions` showed), and
 * `webhook-timestamp` must be within five minutes of now. Pass the body exactly as received (the
 * raw text or bytes, not a re-serialised object). Throws `WebhookVerificationError` otherwise.
 * Use `webhook-id` to drop a delivery you already handled.
 */
export async function verifyWebhook(secret: string, headers: WebhookHeaders, body: string | Uint8Array, options: VerifyWebhookOptions = {}): Promise<WebhookEvent> {
  const id = header(headers, 'webhook-id');
  const timestampText = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!id || !timestampText || !signatures) throw new WebhookVerificationError('webhook-id, webhook-timestamp and webhook-signature are required.');
  if (!/^\d{1,12}$/.test(timestampText)) throw new WebhookVerificationError('webhook-timestamp is not a Unix time in seconds.');
  const timestamp = Number(timestampText);
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const tolerance = options.toleranceSeconds ?? 300;
  if (now - timestamp > tolerance) throw new WebhookVerificationError('The delivery is too old (webhook-timestamp).');
  if (timestamp - now > tolerance) throw new WebhookVerificationError('The delivery is dated in the future (webhook-timestamp).');
  const expected = await signWebhook(secret, id, timestamp, body);
  const matches = signatures.split(' ').some((candidate) => equalInConstantTime(candidate, expected));
  if (!matches) throw new WebhookVerificationError('No valid signature: the body, id or timestamp was changed, or the secret is another subscription\'s.');
  const text = typeof body === 'string' ? body : new TextDecoder().decode(body);
  try {
    return JSON.parse(text) as WebhookEvent;
  } catch {
    throw new WebhookVerificationError('The signed body is not JSON.');
  }
}
