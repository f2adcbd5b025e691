import { Hono } from 'hono';
import * as v from 'valibot';
import { widgetTokenTtlSeconds } from '../../auth/index.ts';
import type { AppEnv } from '../env.ts';
import { mintWidgetToken } from '../../core/identity.ts';
import type { AppDeps } from '../deps.ts';
import { parseOrThrow, readJsonBody } from '../validate.ts';
import { operation } from '../openapi/operation.ts';
import { coreContext } from './context.ts';
import { dateTime, int32, maxId, text } from '../../contract/bounded.ts';

const ForContactPerson = v.pipe(
  v.strictObject({
    contactPersonId: v.pipe(
      v.number('contactPersonId must be a number.'),
      v.integer('contactPersonId must be a whole number.'),
      v.minValue(1, 'contactPersonId is a positive whole number.'),
      v.maxValue(maxId, 'contactPersonId is a positive whole number of at most 10 digits.'),
      v.metadata({ format: 'int64' }),
      v.description('One of the company\'s contact persons (`GET /v1/me`).'),
    ),
  }),
  v.title('ForContactPerson'),
  v.description('With an employer\'s API key: the token acts for this contact person.'),
);

const ForCaseworker = v.pipe(
  v.strictObject({
    caseworker: v.strictObject({
      name: v.pipe(v.string('The name must be text.'), v.trim(), v.minLength(1, 'The caseworker\'s name must be filled in.'), v.maxLength(200, 'The name must be at most 200 characters.')),
    }),
  }),
  v.title('ForCaseworker'),
  v.description('With a jobcenter\'s API key: the token acts for this caseworker, who is named in the log.'),
);

export const CreateSessionSchema = v.pipe(
  v.union([ForContactPerson, ForCaseworker], 'Send either {"contactPersonId": …} (an employer key) or {"caseworker": {"name": …}} (a jobcenter key).'),
  v.description('Which person the widget token acts for: with an employer key `contactPersonId`, with a jobcenter key `caseworker`.'),
  v.metadata({ examples: [{ contactPersonId: 1 }] }),
);

export type CreateSessionInput = v.InferOutput<typeof CreateSessionSchema>;

export const SessionSchema = v.strictObject({
  token: v.pipe(text(2000), v.description('Send as `Authorization: Bearer <token>` from the browser.')),
  tokenType: v.literal('Bearer'),
  expiresAt: dateTime,
  expiresIn: v.pipe(int32(0, 86_400), v.description('Seconds until the token expires.')),
});

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
    const input: CreateSessionInput = parseOrThrow(c.get('principal').kind === 'employer' ? ForContactPerson : ForCaseworker, await readJsonBody(c));
    const session = await mintWidgetToken(coreContext(deps, c), deps.signingSecret, input);
    c.header('cache-control', 'no-store');
    return c.json({ ...session, tokenType: 'Bearer' as const, expiresIn: widgetTokenTtlSeconds }, 201);
  });
}
