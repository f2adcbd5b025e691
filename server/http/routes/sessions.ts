import { Hono } from 'hono';
import { widgetTokenTtlSeconds } from '../../auth/index.ts';
import type { AppEnv } from '../env.ts';
import { mintWidgetToken } from '../../core/identity.ts';
import type { AppDeps } from '../deps.ts';
import { parseOrThrow, readJsonBody } from '../validate.ts';
import { operation } from '../openapi/operation.ts';
import { coreContext } from './context.ts';
import { ForCaseworkerSchema, ForContactPersonSchema, type CreateSessionInput } from '../../contract/identity.ts';

const describeCreateSession = operation({
  operationId: 'createSession', tag: 'Identity', summary: 'Mint a widget token',
  description: 'Server-to-server: exchange an API key for a signed token that expires within minutes and acts for one contact person (employer key) or caseworker (jobcenter key). Give only the token to the browser.',
  body: 'CreateSession',
  responses: { 201: { description: 'The token.', schema: 'Session' } },
});

/**
 * A host portal's backend exchanges its API key for a short-lived token scoped to one person, and
 * hands only that token to the browser. A token can never mint tokens.
 */
export function sessionRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().post('/', describeCreateSession, async (c) => {
    // Each side's own shape, so a wrong field is named (the union of both could only blame the body).
    const input: CreateSessionInput = parseOrThrow(c.get('principal').kind === 'employer' ? ForContactPersonSchema : ForCaseworkerSchema, await readJsonBody(c));
    const session = await mintWidgetToken(coreContext(deps, c), deps.signingSecret, input);
    c.header('cache-control', 'no-store');
    return c.json({ ...session, tokenType: 'Bearer' as const, expiresIn: widgetTokenTtlSeconds }, 201);
  });
}
