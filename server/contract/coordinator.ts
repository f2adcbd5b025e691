import * as v from 'valibot';
import { emailAddress, optionalPhone, requiredText } from './fields.ts';
import { jobcenterIdPattern } from '../../sdk/rules.ts';
import { dateTime, email, patterned, text } from './bounded.ts';

export const AppointCoordinatorSchema = v.pipe(
  v.strictObject({
    name: requiredText(200, 'The coordinator\'s name'),
    email: v.optional(v.nullable(emailAddress)),
    phone: optionalPhone,
  }),
  v.description('Appoint the tovholder: the caseworker at the responsible jobcenter who screens candidates before they are placed (R1.5). Replaces any earlier one.'),
  v.metadata({ examples: [{ name: 'Lone Kristensen', email: 'lone.kristensen@jobcenter.kk.example', phone: '+45 33 66 33 66' }] }),
);

export const CoordinatorSchema = v.pipe(
  v.strictObject({
    name: text(200),
    email: v.nullable(email),
    phone: v.nullable(text(21)),
    appointedAt: v.nullable(dateTime),
    jobcenter: v.pipe(v.strictObject({ id: patterned(jobcenterIdPattern, 3), name: text(200) }), v.description('The responsible jobcenter the coordinator works at.')),
  }),
  v.description('The order\'s tovholder (R4.1), shown to the company and to every jobcenter that wants to propose a candidate.'),
  v.metadata({
    examples: [
      {
        name: 'Lone Kristensen',
        email: 'lone.kristensen@jobcenter.kk.example',
        phone: '+45 33 66 33 66',
        appointedAt: '2026-11-27T09:00:00.000Z',
        jobcenter: { id: '101', name: 'Jobcenter København' },
      },
    ],
  }),
);
export type Coordinator = v.InferOutput<typeof CoordinatorSchema>;
export type AppointCoordinatorInput = v.InferOutput<typeof AppointCoordinatorSchema>;
