// Who the caller is (GET /v1/me) and widget tokens for one person (POST /v1/sessions).
import { signWidgetToken } from '../auth/index.ts';
import { findCompanyOfContactPerson } from '../db/credentials.ts';
import { findCompany } from '../db/organisations.ts';
import { Invalid, NotFound } from '../domain/errors.ts';
import type { CreateSessionInput, Me } from '../contract/identity.ts';
import { requireApiKey, requireSchemeMember } from '../domain/access.ts';
import type { CoreContext } from './context.ts';

/** The caller: a jobcenter, or an employer's company with its workplaces and people (R1.1). */
export async function describeCaller(ctx: CoreContext): Promise<Me> {
  const { principal } = ctx;
  if (principal.kind === 'jobcenter') {
    const me: Me = {
      role: 'jobcenter',
      authenticatedAs: principal.via === 'token' ? 'caseworker' : 'apiKey',
      jobcenter: { id: principal.jobcenterId, name: principal.jobcenterName },
    };
    if (principal.caseworkerName) me.caseworker = { name: principal.caseworkerName };
    return me;
  }
  const company = await findCompany(ctx.db, principal.companyId);
  if (!company) throw NotFound.of('The company');
  const person = company.contactPersons.find((p) => p.id === principal.contactPersonId);
  const me: Me = {
    role: 'employer',
    authenticatedAs: principal.via === 'token' ? 'contactPerson' : 'apiKey',
    company: { cvr: company.cvr, name: company.name, workplaces: company.workplaces, contactPersons: company.contactPersons },
  };
  if (person) me.contactPerson = person;
  return me;
}

/**
 * A widget token for one person of the key's organisation: a contact person of the company, or a
 * named caseworker of the jobcenter. Only an API key mints tokens; a token never does.
 */
export async function mintWidgetToken(ctx: CoreContext, signingSecret: string, input: CreateSessionInput): Promise<{ token: string; expiresAt: string }> {
  const principal = requireApiKey(ctx.principal);
  const now = ctx.clock();
  if (principal.kind === 'employer') {
    if (!('contactPersonId' in input)) {
      throw new Invalid([{ path: 'contactPersonId', code: 'required', message: 'An employer key makes tokens for one of the company\'s contact persons.' }]);
    }
    if (!(await findCompanyOfContactPerson(ctx.db, principal.companyId, input.contactPersonId))) {
      throw new Invalid([{ path: 'contactPersonId', code: 'unknown', message: 'The contact person is not one of the company\'s.' }]);
    }
    return signWidgetToken(signingSecret, { kind: 'employer', companyId: principal.companyId, contactPersonId: input.contactPersonId, keyId: principal.keyId }, now);
  }
  if (!('caseworker' in input)) {
    throw new Invalid([{ path: 'caseworker', code: 'required', message: 'A jobcenter key makes tokens for a caseworker: send {"caseworker": {"name": "…"}}.' }]);
  }
  // A caseworker's token is for work in the scheme; it also ends when the jobcenter signs out.
  requireSchemeMember(principal, 'create widget tokens');
  return signWidgetToken(signingSecret, { kind: 'jobcenter', jobcenterId: principal.jobcenterId, caseworkerName: input.caseworker.name, keyId: principal.keyId }, now);
}
