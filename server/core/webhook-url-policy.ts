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
  // An IPv6 address outside global unicast (2000::/3), or one of the forms that carry an IPv4
  // address inside (IPv4-compatible ::a.b.c.d, 6to4, Teredo, NAT64), may be routed to that IPv4
  // address by a gateway on the way: refused, whatever the IPv4 address is.
  if (ip.kind() === 'ipv6' && (!ip.match(globalUnicast) || embedsIpv4.some((prefix) => ip.match(prefix)))) {
    return 'is an IPv6 address that is not global unicast or embeds an IPv4 address';
  }
  if (ownAddresses().has(ip.toString())) return 'is an address of this server';
  return null;
}

const globalUnicast = ipaddr.parseCIDR('2000::/3');
/** 6to4 (2002::/16) and Teredo (2001::/32) inside 2000::/3; NAT64 and IPv4-compatible lie outside it. */
const embedsIpv4 = [ipaddr.parseCIDR('2002::/16'), ipaddr.parseCIDR('2001::/32')];

/** The addresses a host (a name or a literal) stands for, normalised (IPv4-mapped as IPv4); none when it does not resolve. */
async function addressesOf(host: string, policy: WebhookUrlPolicy): Promise<string[]> {
  if (ipaddr.isValid(host)) return [ipaddr.process(host).toString()];
  try {
    return (await (policy.resolve ?? systemResolve)(host)).filter((a) => ipaddr.isValid(a)).map((a) => ipaddr.process(a).toString());
  } catch {
    return [];
  }
}

const portOf = (url: URL) => url.port || (url.protocol === 'https:' ? '443' : '80');

/**
 * Whether `url` reaches this server (`ownHost`, the host the request came to), by address, not
 * by how the host is written (`localhost`, `[::ffff:127.0.0.1]`, another name of it). In demo
 * mode the server and its receivers share the loopback address, so there the port decides too:
 * any address of this machine on the server's port is the server.
 */
async function isOwnServer(url: URL, addresses: string[], ownHost: string, policy: WebhookUrlPolicy): Promise<boolean> {
  const own = new URL(`http://${ownHost}`);
  const ownName = hostOf(own).toLowerCase();
  if (!policy.allowLoopback && hostOf(url).toLowerCase() === ownName) return true;
  const ownResolved = new Set(await addressesOf(ownName, policy));
  if (!policy.allowLoopback) return addresses.some((a) => ownResolved.has(a));
  // The request's own host has no port when it came on the default one of its scheme (taken as the url's).
  if (portOf(url) !== (own.port || (url.protocol === 'https:' ? '443' : '80'))) return false;
  const machine = ownAddresses();
  return addresses.some((a) => {
    const range = ipaddr.parse(a).range();
    return ownResolved.has(a) || machine.has(a) || range === 'loopback' || range === 'unspecified';
  });
}

function hostOf(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

/**
 * Checks a webhook URL: absolute http(s), https unless demo mode, no user or password, not this
 * server (`ownHost`, the host the request came to, compared by address), and every address its
 * host resolves to public.
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
  let addresses: string[];
  try {
    addresses = ipaddr.isValid(host) ? [host] : await (policy.resolve ?? systemResolve)(host);
  } catch {
    return { ok: false, code: 'private_address', message: `The url's host ${host.slice(0, 100)} could not be resolved.` };
  }
  if (addresses.length === 0) return { ok: false, code: 'private_address', message: `The url's host ${host.slice(0, 100)} could not be resolved.` };
  if (ownHost !== undefined && (await isOwnServer(url, addresses.filter((a) => ipaddr.isValid(a)).map((a) => ipaddr.process(a).toString()), ownHost, policy))) {
    return { ok: false, code: 'private_address', message: 'The url may not point at this server.' };
  }
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
