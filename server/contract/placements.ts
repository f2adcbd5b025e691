import * as v from 'valibot';
import { postalCodePattern } from '../../sdk/rules.ts';
import { emailAddress, optionalPhone, optionalText, requiredText } from './fields.ts';
import { PageOf } from './page.ts';
import { date, dateTime, email, id, int32, patterned, statedMaxLength, text } from './bounded.ts';
import { jobcenterIdPattern, notSuitableReasons, outcomes } from '../../sdk/rules.ts';
import { IsoDateSchema } from './job-orders.ts';

// Every validator here carries its own message (see field-schemas.ts): valibot's defaults quote the input
// ("… but received "Skjultevej 9""), and a candidate's data must never come back in an error.

const yearMonth = (label: string) =>
  v.optional(
    v.nullable(
      v.pipe(
        v.string(`${label} must be text written YYYY-MM.`),
        v.regex(/^(19|20)\d{2}-(0[1-9]|1[0-2])$/, `${label} is written YYYY-MM, e.g. 2021-08.`),
        statedMaxLength(7),
      ),
    ),
  );
const list = <T extends v.GenericSchema>(item: T, max: number, label: string) =>
  v.optional(
    v.pipe(v.array(item, `${label} must be a list.`), v.maxLength(max, `${label} may have at most ${max} entries.`)),
    [],
  );

export const CandidateAddressSchema = v.pipe(
  v.strictObject({
    street: requiredText(200, 'The street'),
    postalCode: v.pipe(v.string('The postal code must be text.'), v.regex(postalCodePattern, 'The postal code is 4 digits.'), statedMaxLength(4)),
    city: requiredText(100, 'The city'),
  }),
  v.description('The candidate\'s address. For an address-protected person it is discarded on arrival: never stored, never shown (R4.4, R8.4).'),
);

const ExperienceSchema = v.strictObject({
  title: requiredText(200, 'The job title'),
  employer: requiredText(200, 'The employer'),
  from: yearMonth('The start month'),
  to: yearMonth('The end month'),
  description: optionalText(2000, 'The description'),
});

const EducationSchema = v.strictObject({
  title: requiredText(200, 'The education'),
  institution: optionalText(200, 'The institution'),
  year: v.optional(
    v.nullable(
      v.pipe(
        v.number('The year must be a number.'),
        v.integer('The year must be a whole number.'),
        v.minValue(1900, 'The year must be 1900 or later.'),
        v.maxValue(2100, 'The year must be 2100 or earlier.'),
        v.metadata({ format: 'int32' }),
      ),
    ),
  ),
});

export const CvSchema = v.pipe(
  v.strictObject({
    headline: requiredText(200, 'The CV headline'),
    summary: requiredText(5000, 'The CV summary'),
    experience: list(ExperienceSchema, 50, 'Experience'),
    education: list(EducationSchema, 30, 'Education'),
    skills: list(requiredText(100, 'A skill'), 50, 'Skills'),
  }),
  v.description('A CV as a CV search on the job board shows it.'),
);

const website = v.pipe(
  v.string('The website must be text.'),
  v.trim(),
  v.maxLength(500, 'The website address must be at most 500 characters.'),
  // Only http(s): the widgets render it as a link, and `javascript:` would be a script.
  v.regex(/^https?:\/\/[^\s/$.?#][^\s]*$/i, 'The website must be an http:// or https:// address.'),
);

export const CandidateInputSchema = v.pipe(
  v.strictObject({
    name: requiredText(200, 'The candidate\'s name'),
    birthYear: v.pipe(
      v.number('The birth year must be a number.'),
      v.integer('The birth year must be a whole number.'),
      v.minValue(1900, 'The birth year must be 1900 or later.'),
      v.maxValue(2100, 'The birth year must be 2100 or earlier.'),
      v.metadata({ format: 'int32' }),
    ),
    addressProtected: v.pipe(v.boolean('addressProtected must be true or false.'), v.description('Adressebeskyttelse: the address never leaves the server (R4.4).')),
    address: v.optional(v.nullable(CandidateAddressSchema)),
    cvSearchable: v.pipe(v.boolean('cvSearchable must be true or false.'), v.description('A searchable CV is shown to the company; then `cv` is required (R4.4).')),
    cv: v.optional(v.nullable(CvSchema)),
    website: v.optional(v.nullable(website)),
    email: v.optional(v.nullable(emailAddress)),
    phone: optionalPhone,
  }),
  v.description('The person placed. Without a CV, give contact details instead (R5.2).'),
);

export const CreatePlacementSchema = v.pipe(
  v.strictObject({
    candidate: CandidateInputSchema,
    description: v.pipe(requiredText(5000, 'The description'), v.description('The text for the company, shown in the placement log (R5.3).')),
  }),
  v.description('Place a candidate on a job order (formidling, R5). Send `Idempotency-Key` so a retry never places twice.'),
  v.metadata({
    examples: [
      {
        candidate: {
          name: 'Amir Haddad',
          birthYear: 1994,
          addressProtected: false,
          address: { street: 'Nørrebrogade 101', postalCode: '2200', city: 'København N' },
          cvSearchable: true,
          cv: {
            headline: 'Køkkenmedhjælper med fem års erfaring',
            summary: 'Vant til travle aftener, opvask og klargøring.',
            experience: [{ title: 'Køkkenmedhjælper', employer: 'Café Nord', from: '2020-03', to: null }],
            education: [{ title: 'Hygiejnebevis', institution: 'AMU', year: 2019 }],
            skills: ['Opvask', 'Klargøring', 'Hygiejne'],
          },
          phone: '+45 31 22 44 55',
        },
        description: 'Amir har søgt netop denne type job og kan starte med det samme.',
      },
    ],
  }),
);
export type CreatePlacementInput = v.InferOutput<typeof CreatePlacementSchema>;
export type CandidateInput = CreatePlacementInput['candidate'];

export const WithdrawPlacementSchema = v.pipe(
  v.strictObject({ reason: optionalText(2000, 'The reason') }),
  v.description('Withdraw a placed candidate (Fjernet, R5.3); the reason is shown in the placement log.'),
  v.metadata({ examples: [{ reason: 'Kandidaten har fået andet arbejde.' }] }),
);

export const RecordOutcomeSchema = v.pipe(
  v.strictObject({
    outcome: v.pipe(
      v.picklist(outcomes, `The outcome is one of ${outcomes.join(', ')}.`),
      v.description('`hired` Ansat, `interviewed` Til samtale, `not_suitable` Ikke relevant, `no_show` Mødte ikke op.'),
    ),
    startDate: v.optional(v.nullable(v.pipe(IsoDateSchema, v.description('Required for `hired` (the first working day), refused for the others.')))),
    reason: v.optional(
      v.nullable(
        v.pipe(
          v.picklist(notSuitableReasons, `The reason is one of ${notSuitableReasons.join(', ')}.`),
          v.description('Only for `not_suitable`, and optional there: lacking qualifications, lacking experience, language, availability / hours, other.'),
        ),
      ),
    ),
  }),
  v.description('What became of a placed candidate. A later outcome replaces the earlier one; each is logged as *outcome*.'),
  v.metadata({ examples: [{ outcome: 'hired', startDate: '2026-12-07' }, { outcome: 'not_suitable', reason: 'language' }] }),
);
export type RecordOutcomeInput = v.InferOutput<typeof RecordOutcomeSchema>;

/** A placement's outcome as clients receive it. */
export const PlacementOutcomeSchema = v.pipe(
  v.strictObject({
    outcome: v.picklist(outcomes),
    startDate: v.pipe(v.nullable(date), v.description('For `hired`: the first working day.')),
    reason: v.pipe(v.nullable(v.picklist(notSuitableReasons)), v.description('For `not_suitable`, when the company gave one.')),
    at: v.pipe(dateTime, v.description('When the company recorded it.')),
  }),
  v.description('The latest outcome the company recorded for the candidate.'),
);

// ---- What clients receive ----

/** What a caller may do to a placed candidate now, as the server decides it (server/domain/access.ts). */
export const placementCapabilities = ['withdraw', 'recordOutcome'] as const;
export type PlacementCapability = (typeof placementCapabilities)[number];

const placementEntries = {
  id,
  jobOrderId: id,
  name: text(200),
  birthYear: int32(1900, 2100),
  address: v.pipe(
    v.optional(v.strictObject({ street: text(200), postalCode: patterned(postalCodePattern, 4), city: text(100) })),
    v.description('Absent when the person has address protection or none was given (R4.4).'),
  ),
  cv: v.pipe(v.optional(CvSchema), v.description('Present only when the CV is searchable (R4.4).')),
  website: v.nullable(text(500)),
  email: v.pipe(v.nullable(email), v.description('Contact details the jobcenter forwarded, e.g. for a candidate without a CV (R5.2).')),
  phone: v.nullable(text(21)),
  description: v.pipe(text(5000), v.description('The jobcenter\'s text for the company.')),
  placedBy: v.pipe(v.strictObject({ id: patterned(jobcenterIdPattern, 3), name: text(200) }), v.description('The jobcenter that placed the candidate.')),
  placedAt: dateTime,
  withdrawnAt: v.pipe(v.nullable(dateTime), v.description('When the candidate was withdrawn (Fjernet); null while placed.')),
  outcome: v.pipe(v.nullable(PlacementOutcomeSchema), v.description('What became of the candidate; null until the company records it.')),
};

/** A placement's own data, the same for every caller who may see it. */
const PlacementDataSchema = v.strictObject(placementEntries);
export type Placement = v.InferOutput<typeof PlacementDataSchema>;

export const PlacementSchema = v.pipe(
  v.strictObject({
    ...placementEntries,
    actions: v.pipe(
      v.array(v.picklist(placementCapabilities)),
      v.maxLength(placementCapabilities.length),
      v.description(
        'What the caller may do to this candidate now: `withdraw` for the jobcenter that placed them, `recordOutcome` for the order\'s company; ' +
          'neither once the candidate is withdrawn.',
      ),
    ),
  }),
  v.description(
    'A placed candidate (formidlet kandidat), filtered for privacy on the server: the company the candidate was placed with sees it, ' +
      'and so does the jobcenter that placed it; nobody else (R8.4).',
  ),
  v.metadata({
    examples: [
      {
        id: 3,
        jobOrderId: 17,
        name: 'Amir Haddad',
        birthYear: 1994,
        address: { street: 'Nørrebrogade 101', postalCode: '2200', city: 'København N' },
        cv: { headline: 'Køkkenmedhjælper med fem års erfaring', summary: 'Vant til travle aftener.', experience: [], education: [], skills: ['Opvask'] },
        website: null,
        email: null,
        phone: '+45 31 22 44 55',
        description: 'Amir kan starte med det samme.',
        placedBy: { id: '101', name: 'Jobcenter København' },
        placedAt: '2026-11-27T09:00:00.000Z',
        withdrawnAt: null,
        outcome: { outcome: 'hired', startDate: '2026-12-07', reason: null, at: '2026-12-02T13:00:00.000Z' },
        actions: ['recordOutcome'],
      },
    ],
  }),
);
/** A placed candidate as a caller receives it: its data and the caller's `actions`. */
export type PlacementView = v.InferOutput<typeof PlacementSchema>;
export type Cv = v.InferOutput<typeof CvSchema>;

export const PlacementPageSchema = PageOf(PlacementSchema, 'Oldest first; withdrawn candidates included with `withdrawnAt`.');
