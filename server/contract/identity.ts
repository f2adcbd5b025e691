import * as v from 'valibot';
import { cvrPattern, jobcenterIdPattern, pNumberPattern, postalCodePattern } from '../../sdk/rules.ts';
import { dateTime, email, id, int32, list, maxId, patterned, text } from './bounded.ts';

export const ContactPersonSchema = v.strictObject({
  id,
  name: text(200),
  email,
  phone: v.nullable(text(21)),
  workplacePNumber: v.pipe(v.nullable(patterned(pNumberPattern, 10)), v.description('The workplace the person belongs to; a new order\'s workplace is pre-filled from it (R2.5).')),
});
export type ContactPerson = v.InferOutput<typeof ContactPersonSchema>;

export const WorkplaceSchema = v.strictObject({
  pNumber: patterned(pNumberPattern, 10),
  name: text(200),
  street: text(200),
  postalCode: patterned(postalCodePattern, 4),
  city: text(100),
  municipalityCode: patterned(jobcenterIdPattern, 3),
  localJobcenterId: v.pipe(patterned(jobcenterIdPattern, 3), v.description('The jobcenter of the workplace\'s municipality; pre-selects the responsible jobcenter (R2.1.2).')),
});
export type Workplace = v.InferOutput<typeof WorkplaceSchema>;

export const MeSchema = v.pipe(
  v.strictObject({
    role: v.pipe(v.picklist(['employer', 'jobcenter']), v.description('Which side the caller is on.')),
    authenticatedAs: v.pipe(
      v.picklist(['contactPerson', 'caseworker', 'apiKey']),
      v.description('A widget token scoped to one person, or an integration\'s API key.'),
    ),
    contactPerson: v.optional(ContactPersonSchema),
    caseworker: v.optional(v.strictObject({ name: text(200) })),
    company: v.optional(
      v.strictObject({
        cvr: patterned(cvrPattern, 8),
        name: text(200),
        workplaces: list(WorkplaceSchema, 1000),
        contactPersons: list(ContactPersonSchema, 1000),
      }),
    ),
    jobcenter: v.optional(v.strictObject({ id: patterned(jobcenterIdPattern, 3), name: text(200) })),
  }),
  v.description('Who the caller is (R1.1).'),
);
export type Me = v.InferOutput<typeof MeSchema>;

/** With an employer's API key: the contact person a widget token acts for. */
export const ForContactPersonSchema = v.pipe(
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

/** With a jobcenter's API key: the caseworker a widget token acts for. */
export const ForCaseworkerSchema = v.pipe(
  v.strictObject({
    caseworker: v.strictObject({
      name: v.pipe(v.string('The name must be text.'), v.trim(), v.minLength(1, 'The caseworker\'s name must be filled in.'), v.maxLength(200, 'The name must be at most 200 characters.')),
    }),
  }),
  v.title('ForCaseworker'),
  v.description('With a jobcenter\'s API key: the token acts for this caseworker, who is named in the log.'),
);

export const CreateSessionSchema = v.pipe(
  v.union([ForContactPersonSchema, ForCaseworkerSchema], 'Send either {"contactPersonId": …} (an employer key) or {"caseworker": {"name": …}} (a jobcenter key).'),
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
