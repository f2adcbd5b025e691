/**
 * The operator's commands (scripts/admin.ts is their command line): onboard companies, issue and
 * revoke API keys, allow browser origins, sign jobcenters up, enable webhook subscriptions again. Here, not in the script, so tests run
 * the commands in-process on their own database.
 */
import { readFile } from 'node:fs/promises';
import * as v from 'valibot';
import { hashApiKey, newApiKey } from '../auth/index.ts';
import type { Database } from '../db/driver/types.ts';
import { insertApiKey, revokeApiKey } from '../db/credentials.ts';
import { activeDemoKeys } from '../demo/guard.ts';
import { allowOrigin } from '../db/origins.ts';
import type { Tenant } from '../domain/principal.ts';
import { findCompanyByCvr, findJobcenter, insertCompany, setJobcenterSignedUp } from '../db/organisations.ts';
import { issuesToFieldErrors } from '../http/validate.ts';
import { postalCodes } from '../reference/index.ts';
import { enableWebhookSubscriptionAsOperator } from '../core/webhooks.ts';
import type { WebhookUrlPolicy } from '../core/webhook-url-policy.ts';
import { emailPattern, isValidCvr, jobcenterIdPattern, pNumberPattern } from '../../sdk/rules.ts';

/** The CVR check digit (the SDK's rule, which the API applies too). */
export { isValidCvr };

const CompanyFileSchema = v.strictObject({
  cvr: v.pipe(v.string(), v.check(isValidCvr, 'check_digit: The CVR number is 8 digits with a valid check digit.')),
  name: v.pipe(v.string(), v.trim(), v.minLength(1, 'The company name must be filled in.'), v.maxLength(200, 'The company name is at most 200 characters.')),
  workplaces: v.pipe(
    v.array(
      v.strictObject({
        pNumber: v.pipe(v.string(), v.regex(pNumberPattern, 'The P-number is 10 digits.')),
        name: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
        street: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
        postalCode: v.pipe(v.string(), v.check((code) => code in postalCodes, 'Not a Danish postal code.')),
        city: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
        municipalityCode: v.optional(v.pipe(v.string(), v.regex(jobcenterIdPattern, 'The municipality code is 3 digits.'))),
      }),
    ),
    v.minLength(1, 'A company has at least one workplace.'),
    v.maxLength(1000, 'A company has at most 1000 workplaces.'),
  ),
  contactPersons: v.pipe(
    v.array(
      v.strictObject({
        name: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
        email: v.pipe(v.string(), v.trim(), v.maxLength(254), v.regex(emailPattern, 'The e-mail address is not valid.')),
        phone: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(21))), null),
        workplace: v.optional(v.nullable(v.string()), null),
      }),
    ),
    v.minLength(1, 'A company has at least one contact person.'),
    v.maxLength(1000, 'A company has at most 1000 contact persons.'),
  ),
});

/** A mistake in the command line: its message is all the operator needs (exit code 2). */
export class UsageError extends Error {}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function tenantOf(db: Database, args: string[]): Promise<Tenant> {
  const cvr = option(args, '--company');
  const jobcenterId = option(args, '--jobcenter');
  if (cvr) {
    const company = await findCompanyByCvr(db, cvr);
    if (!company) throw new UsageError(`No company with CVR ${cvr}.`);
    return { companyId: company.id };
  }
  if (jobcenterId) {
    if (!(await findJobcenter(db, jobcenterId))) throw new UsageError(`No jobcenter ${jobcenterId}.`);
    return { jobcenterId };
  }
  throw new UsageError('Name the owner: --company <cvr> or --jobcenter <municipality code>.');
}

/** What the webhook commands need of the server's configuration: asked only by them, so other commands run without it. */
export interface AdminOptions {
  webhooks?: () => { serverSecret: string; policy: WebhookUrlPolicy };
}

/** Runs one admin command against `db` and returns what it prints. */
export async function runAdmin(args: string[], db: Database, now = new Date(), options: AdminOptions = {}): Promise<string> {
  const [command, ...rest] = args;
  const at = now.toISOString();
  switch (command) {
    case 'add-company': {
      const file = rest[0];
      if (!file) throw new UsageError('add-company <file.json>');
      const parsed = v.safeParse(CompanyFileSchema, JSON.parse(await readFile(file, 'utf8')), { abortEarly: false });
      if (!parsed.success) throw new UsageError(issuesToFieldErrors(parsed.issues).map((e) => `${e.path}: ${e.message}`).join('\n'));
      const input = parsed.output;
      const workplaces = input.workplaces.map((w) => {
        const candidates = postalCodes[w.postalCode]!.municipalityCodes;
        const municipalityCode = w.municipalityCode ?? (candidates.length === 1 ? candidates[0] : undefined);
        // A postal code that spans municipalities must not pick one silently: the file must say which.
        if (!municipalityCode || !candidates.includes(municipalityCode)) {
          throw new UsageError(`Workplace ${w.pNumber}: postal code ${w.postalCode} lies in municipalities ${candidates.join(', ')}; give "municipalityCode" as one of them.`);
        }
        return { ...w, municipalityCode };
      });
      const id = await db.transaction((tx) => insertCompany(tx, { cvr: input.cvr, name: input.name, workplaces, contactPersons: input.contactPersons }));
      return `Added ${input.name} (CVR ${input.cvr}) as company ${id}.`;
    }
    case 'create-key': {
      const tenant = await tenantOf(db, rest);
      const key = newApiKey();
      const label = option(rest, '--label') ?? `Key created ${at.slice(0, 10)}`;
      const owner = 'companyId' in tenant ? { companyId: tenant.companyId } : { jobcenterId: tenant.jobcenterId };
      await db.transaction((tx) => insertApiKey(tx, { hash: hashApiKey(key), label, owner }, at));
      return `${key}\n(Shown once: only its hash is stored.)`;
    }
    case 'revoke-key': {
      if (!rest[0]) throw new UsageError('revoke-key <key>');
      const revoked = await db.transaction((tx) => revokeApiKey(tx, hashApiKey(rest[0]!), at));
      if (!revoked) throw new UsageError('No active key matches.');
      return 'Revoked.';
    }
    case 'revoke-demo-keys': {
      const active = await activeDemoKeys(db);
      await db.transaction(async (tx) => {
        for (const key of active) await revokeApiKey(tx, hashApiKey(key), at);
      });
      return active.length ? `Revoked ${active.length} demo key(s): ${active.join(', ')}.` : 'No demo key is active.';
    }
    case 'allow-origin': {
      const origin = rest.find((a) => /^https?:\/\//.test(a));
      if (!origin || new URL(origin).origin !== origin) throw new UsageError('Give an origin such as https://portal.example (scheme, host, optional port; no path).');
      const tenant = await tenantOf(db, rest);
      await db.transaction((tx) => allowOrigin(tx, origin, tenant, at));
      return `Allowed ${origin}.`;
    }
    case 'sign-up':
    case 'sign-out': {
      const jobcenter = rest[0] ? await findJobcenter(db, rest[0]) : null;
      if (!jobcenter) throw new UsageError(`${command} <jobcenter id, the 3-digit municipality code>`);
      await db.transaction((tx) => setJobcenterSignedUp(tx, jobcenter.id, command === 'sign-up'));
      return `${jobcenter.name} is ${command === 'sign-up' ? 'signed up for' : 'no longer signed up for'} job orders.`;
    }
    case 'enable-webhook': {
      const id = Number(rest[0]);
      if (!rest[0] || !Number.isSafeInteger(id) || id < 1) throw new UsageError('enable-webhook <subscription id>');
      if (!options.webhooks) throw new UsageError('enable-webhook needs the server\'s JOBAG_SIGNING_SECRET to sign its test ping.');
      const result = await enableWebhookSubscriptionAsOperator(db, id, options.webhooks(), now);
      if (!result) throw new UsageError(`No webhook subscription ${id}.`);
      const { ping } = result;
      return ping.delivered
        ? `Enabled webhook subscription ${id} (${result.subscription.url}); its test ping was answered with HTTP ${ping.status}.`
        : `Enabled webhook subscription ${id} (${result.subscription.url}); its test ping failed: ${ping.error}. Waiting events are retried with back-off.`;
    }
    default:
      throw new UsageError('Commands: add-company, create-key, revoke-key, revoke-demo-keys, allow-origin, sign-up, sign-out, enable-webhook (see the top of scripts/admin.ts).');
  }
}

