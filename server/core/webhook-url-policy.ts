// Where a webhook may point (SSRF, OWASP API7): checked when a subscription is made and again
// before every delivery, on the addresses the host name resolves to then. The delivery connects
// to the very address that was checked (see `pinnedLookup`), so a DNS answer that changes between
// the check and the connection (DNS rebinding) cannot steer it inside.
import { lookup } from 'node:dns/promises';
import { networkInterfaces } from 'node:os';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

export interface WebhookUrlPolicy {
  /** Demo mode (tests, the examples): `http:` and a receiver on the loopback address are allowed. */
  allowLoopback: boolean;
  /** Resolves a host name to its addresses; replaced in tests that must not depend on DNS. */
  resolve?: (host: string) => Promise<string[]>;
}

/** The production rule: https, public addresses only. */
export const strictWebhookPolicy: WebhookUrlPolicy = { allowLoopback: false };

export type UrlRefusalCode = 'format' | 'insecure_url' | 'private_address';
export type UrlCheck =
  | { ok: true; url: URL; addresses: string[] }
  | { ok: false; code: UrlRefusalCode; message: string };

const resolveTimeoutMs = 5_000;

async function systemResolve(host: string): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('DNS lookup timed out')), resolveTimeoutMs);
  });
  try {
    const answers = await Promise.race([lookup(host, { all: true, verbatim: true }), timeout]);
    return answers.map((a) => a.address);
  } finally {
    clearTimeout(timer);
  }
}

/** This machine's own addresses: a webhook may not call the server itself. */
function ownAddresses(): Set<string> {
  const own = new Set<string>();
  for (const list of Object.values(networkInterfaces())) for (const i of list ?? []) own.add(ipaddr.process(i.address).toString());
  return own;
}

/** Why an address is refused, or null when a webhook may be sent to it. */
export function addressRefusal(address: string, policy: WebhookUrlPolicy): string | null {
  if (!ipaddr.isValid(address)) return 'is not an IP address';
  // ipaddr.process turns an IPv4-mapped IPv6 address (::ffff:10.0.0.1) into the IPv4 one.
  const ip = ipaddr.process(address);
  const range = ip.range();
  if (range === 'loopback' && policy.allowLoopback) return null;
  // Only ordinary public unicast: private, loopback, link-local (cloud metadata), unique-local,
  // CGNAT, multicast, unspecified, reserved and the v6 ranges that embed a v4 address are refused.
  if (range !== 'unicast') return `is a ${range} address`;
  if (ownAddresses().has(ip.toString())) return 'is an address of this server';
  return null;
}

function hostOf(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

/**
 * Checks a webhook URL: absolute http(s), https unless demo mode, no user or password, not this
 * server (`ownHost`, the host the request came to), and every address its host resolves to public.
 */
export async function checkWebhookUrl(raw: string, policy: WebhookUrlPolicy, ownHost?: string): Promise<UrlCheck> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, code: 'format', message: 'The url must be an absolute URL, e.g. https://hr.example.dk/jobag-webhook.' };
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowLoopback)) {
    return { ok: false, code: 'insecure_url', message: policy.allowLoopback ? 'The url must start with https:// or http://.' : 'The url must start with https://: deliveries carry data about job orders.' };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, code: 'format', message: 'The url may not contain a user name or password; the signature authenticates each delivery.' };
  }
  const host = hostOf(url);
  if (ownHost !== undefined) {
    const own = new URL(`http://${ownHost}`);
    // In demo mode another port of the loopback address is a receiver of its own; otherwise the host name alone decides.
    const same = policy.allowLoopback ? url.host.toLowerCase() === own.host.toLowerCase() : hostOf(own).toLowerCase() === host.toLowerCase();
    if (same) return { ok: false, code: 'private_address', message: 'The url may not point at this server.' };
  }
  let addresses: string[];
  try {
    addresses = ipaddr.isValid(host) ? [host] : await (policy.resolve ?? systemResolve)(host);
  } catch {
    return { ok: false, code: 'private_address', message: `The url's host ${host.slice(0, 100)} could not be resolved.` };
  }
  if (addresses.length === 0) return { ok: false, code: 'private_address', message: `The url's host ${host.slice(0, 100)} could not be resolved.` };
  for (const address of addresses) {
    const why = addressRefusal(address, policy);
    if (why) return { ok: false, code: 'private_address', message: `The url's host resolves to ${address}, which ${why}; webhooks go to public addresses only.` };
  }
  return { ok: true, url, addresses };
}

/** A `lookup` for node:http(s) that answers with the address already checked, never asking DNS again. */
export function pinnedLookup(address: string): LookupFunction {
  const family = ipaddr.parse(address).kind() === 'ipv6' ? 6 : 4;
  return ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  }) as unknown as LookupFunction;
}
