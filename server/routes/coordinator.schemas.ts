import * as v from 'valibot';
import { emailAddress, optionalPhone, requiredText } from '../http/field-schemas.ts';

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
    name: v.string(),
    email: v.nullable(v.string()),
    phone: v.nullable(v.string()),
    appointedAt: v.pipe(v.nullable(v.string()), v.metadata({ format: 'date-time' })),
    jobcenter: v.pipe(v.strictObject({ id: v.string(), name: v.string() }), v.description('The responsible jobcenter the coordinator works at.')),
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
