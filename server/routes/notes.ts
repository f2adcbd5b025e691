import { Hono } from 'hono';
import * as v from 'valibot';
import { actorOf, type AppEnv } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { appendLog, findJobOrder } from '../db/job-orders.ts';
import { recordJobcenterNote } from '../db/notes.ts';
import { requiredText } from '../http/field-schemas.ts';
import { parseOrThrow, readJsonBody } from '../http/validate.ts';
import { requireResponsible } from './coordinator.ts';
import { etagOf, loadOrder } from './job-orders.ts';

export const NewNoteSchema = v.pipe(
  v.strictObject({
    text: requiredText(2000, 'The note'),
  }),
  v.description('A note from the responsible jobcenter to the company; it becomes the order\'s latest note (R4.1) and a line in the placement log.'),
  v.metadata({ examples: [{ text: 'Vi har screenet fem kandidater og sender de bedste i denne uge.' }] }),
);

/** The responsible jobcenter's notes (R5.4). The company writes its notes with an edit or a status change. */
export function noteRoutes({ db, clock }: AppDeps) {
  return new Hono<AppEnv>().post('/:id/notes', async (c) => {
    const order = await loadOrder(db, c);
    const principal = c.get('principal');
    requireResponsible(principal, order, 'write notes on it');
    const input = parseOrThrow(NewNoteSchema, await readJsonBody(c));
    const at = clock().toISOString();
    const actor = actorOf(principal);
    const updated = await db.transaction(async (tx) => {
      await recordJobcenterNote(tx, order.id, { text: input.text, by: actor.name }, at);
      await appendLog(tx, { jobOrderId: order.id, at, actor, action: 'note', description: input.text });
      return (await findJobOrder(tx, order.id, { jobcenterId: order.responsibleJobcenter.id, responsibleOnly: true }))!;
    });
    return c.json(updated, 200, { etag: etagOf(updated) });
  });
}
