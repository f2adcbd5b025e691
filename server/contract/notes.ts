import * as v from 'valibot';
import { requiredText } from './fields.ts';

export const NewNoteSchema = v.pipe(
  v.strictObject({
    text: requiredText(2000, 'The note'),
  }),
  v.description('A note from the responsible jobcenter to the company; it becomes the order\'s latest note (R4.1) and a line in the placement log.'),
  v.metadata({ examples: [{ text: 'Vi har screenet fem kandidater og sender de bedste i denne uge.' }] }),
);
