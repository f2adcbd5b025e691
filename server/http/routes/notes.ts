import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import { writeNote } from '../../core/notes.ts';
import type { AppDeps } from '../deps.ts';
import { checkBody, etagOfVersion, ifMatchOf, pathId } from '../request.ts';
import { readJsonBody } from '../validate.ts';
import { coreContext } from './context.ts';
import { NewNoteSchema } from '../../contract/notes.ts';
import { OrderPathSchema } from '../../contract/parameters.ts';
import { ifMatchParam, operation } from '../openapi/operation.ts';

const describeNote = operation({
  operationId: 'addJobOrderNote', tag: 'Jobcenter side', summary: 'Write a note',
  description: 'The responsible jobcenter writes a note to the company (R5.4): it becomes the order\'s `latestNote` (R4.1) and a *note* line in the placement log. The company writes its notes with an edit or a status change.',
  path: OrderPathSchema,
  headers: [ifMatchParam('412')],
  body: 'NewNote',
  responses: {
    200: { description: 'The order with its new latest note.', schema: 'JobOrder', headers: { ETag: 'The order\'s new version.' } },
    403: { description: 'A company, or a jobcenter that is not responsible for the order (`/problems/not-responsible`).', schema: 'Problem' },
    412: { description: 'The order changed since the `If-Match` ETag was read.', schema: 'Problem' },
  },
});

/** The responsible jobcenter's notes (R5.4). The company writes its notes with an edit or a status change. */
export function noteRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().post('/:id/notes', describeNote, async (c) => {
    const id = pathId(c, 'id');
    const input = checkBody(NewNoteSchema, await readJsonBody(c));
    const order = await writeNote(coreContext(deps, c), id, input, ifMatchOf(c));
    return c.json(order, 200, { etag: etagOfVersion(order.version) });
  });
}
