// A subscription's signing secret: `whsec_` + base64 of 32 random bytes (Standard Webhooks). It is
// shown once, in the 201, and stored sealed (AES-256-GCM under a key derived from the server's
// signing secret): the worker must read it to sign, a copy of the database alone must not.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

const keyOf = (serverSecret: string) => createHash('sha256').update(`jobag webhook secrets\0${serverSecret}`).digest();

export function sealSecret(secret: string, serverSecret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(serverSecret), iv);
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), sealed.toString('base64url')].join('.');
}

/** The secret, or null when it was sealed under another server secret (JOBAG_SIGNING_SECRET changed). */
export function openSecret(sealed: string, serverSecret: string): string | null {
  const [version, iv, tag, data] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || !data) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyOf(serverSecret), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
