import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import type { AppDeps } from '../deps.ts';
import { describeCaller } from '../../core/identity.ts';
import { operation } from '../openapi/operation.ts';
import { coreContext } from './context.ts';

const describeGetMe = operation({
  operationId: 'getMe', tag: 'Identity', summary: 'Who am I',
  description: 'The caller: an employer\'s company with its workplaces (P-numbers, local jobcenter) and contact persons, or a jobcenter.',
  responses: { 200: { description: 'The caller.', schema: 'Me' } },
});

export function meRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/', describeGetMe, async (c) => c.json(await describeCaller(coreContext(deps, c))));
}
