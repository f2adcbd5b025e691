import * as v from 'valibot';
import { emailAddress, optionalPhone, optionalText, requiredText, wholeNumber } from './fields.ts';
import {
  actorKinds,
  closeReasons,
  cvrPattern,
  isCalendarDate,
  isValidCvr,
  jobcenterIdPattern,
  orderNumberLimits,
  orderSortKeys,
  orderStatuses,
  orderTextLimits,
  pNumberPattern,
  postalCodePattern,
  responseMethods,
  sortDirections,
  workingHoursConditions,
  workingTimes,
} from '../../sdk/rules.ts';
import { CursorSchema, LimitSchema, PageOf } from './page.ts';
import { date, dateTime, email, id, int32, maxId, patterned, statedMaxLength, text } from './bounded.ts';

export const IsoDateSchema = v.pipe(
  v.string('The date must be text written YYYY-MM-DD.'),
  v.check(isCalendarDate, 'format: The date must be a real date written YYYY-MM-DD.'),
  v.metadata({ format: 'date', maxLength: 10, examples: ['2026-12-01'] }),
);

export const WorkplaceInputSchema = v.pipe(
  v.strictObject({
    pNumber: v.pipe(v.string('The P-number must be text.'), v.regex(pNumberPattern, 'The P-number is 10 digits.'), statedMaxLength(10)),
    name: requiredText(orderTextLimits['workplace.name'], 'The workplace name'),
    street: requiredText(orderTextLimits['workplace.street'], 'The street'),
    floor: optionalText(orderTextLimits['workplace.floor'], 'The floor'),
    door: optionalText(orderTextLimits['workplace.door'], 'The door'),
    postalCode: v.pipe(v.string('The postal code must be text.'), v.regex(postalCodePattern, 'The postal code is 4 digits.'), statedMaxLength(4)),
    city: requiredText(orderTextLimits['workplace.city'], 'The city'),
  }),
  v.description('The workplace (arbejdssted) responsible for the order: one of the company\'s P-numbers (R2.5).'),
);

export const ContactInputSchema = v.pipe(
  v.strictObject({
    contactPersonId: v.optional(v.nullable(wholeNumber(1, maxId, 'The contact person id'))),
    name: requiredText(orderTextLimits['contact.name'], 'The contact name'),
    email: emailAddress,
    phone: optionalPhone,
  }),
  v.description('The contact person for the job (kontaktperson ang. jobbet), R2.6. Name and e-mail are required.'),
);

/** Fields that create and edit share (R2). Rules a client can check too (dates, R2.4) live in `sdk/rules.ts`; those that need the database, in the server's core. */
const orderFields = {
  description: v.pipe(requiredText(orderTextLimits.description, 'The task description'), v.description('Beskriv opgaven, der skal udføres (R2.1.3).')),
  positions: v.pipe(wholeNumber(orderNumberLimits.positions.min, orderNumberLimits.positions.max, 'The number of positions'), v.description('Antal stillinger, der skal besættes (R2.1.4).')),
  emailOnPlacement: v.pipe(v.boolean('Must be true or false.'), v.description('E-mail ved formidling (R2.3). Default true.')),
  longTerm: v.pipe(v.boolean('Must be true or false.'), v.description('Langvarig jobordre (R2.4.1): clears start date, duration, deadline and max candidates.')),
  startDate: v.nullable(v.pipe(IsoDateSchema, v.description('Job startdato (R2.4.2): today or later; defaults to today.'))),
  durationDays: v.nullable(v.pipe(wholeNumber(orderNumberLimits.durationDays.min, orderNumberLimits.durationDays.max, 'The duration'), v.description('Varighed in working days (R2.4.3).'))),
  responseDeadline: v.nullable(v.pipe(IsoDateSchema, v.description('Jobcentrets svarfrist (R2.4.4): after today.'))),
  maxCandidates: v.nullable(v.pipe(wholeNumber(orderNumberLimits.maxCandidates.min, orderNumberLimits.maxCandidates.max, 'The maximum number of candidates'), v.description('Max. antal kandidater (R2.4.5).'))),
  workingTime: v.picklist(workingTimes, `Working time is one of ${workingTimes.join(', ')}.`),
  weeklyHours: v.nullable(v.pipe(wholeNumber(orderNumberLimits.weeklyHours.min, orderNumberLimits.weeklyHours.max, 'Weekly hours'), v.description('Antal hele timer per week, only with part_time (R2.4.7).'))),
  workingHoursCondition: v.picklist(workingHoursConditions, `Working-hours condition is one of ${workingHoursConditions.join(', ')}.`),
  responseMethod: v.picklist(responseMethods, `Response method is one of ${responseMethods.join(', ')}.`),
  workplace: WorkplaceInputSchema,
  contact: ContactInputSchema,
};

const occupationCode = v.pipe(
  v.string('The occupation code must be text.'),
  v.trim(),
  v.minLength(1, 'Choose a job title (stillingsbetegnelse).'),
  v.maxLength(orderTextLimits.occupationCode, `The occupation code is at most ${orderTextLimits.occupationCode} characters.`),
  v.description('A code from `GET /v1/occupations` (R2.1.1).'),
  v.metadata({ examples: ['512001'] }),
);
const jobcenterId = v.pipe(
  v.string('The jobcenter id must be text.'),
  v.regex(jobcenterIdPattern, 'The jobcenter id is the 3-digit municipality code.'),
  statedMaxLength(3),
  v.description('The responsible jobcenter: a signed-up jobcenter\'s id, its municipality code (R2.1.2).'),
  v.metadata({ examples: ['101'] }),
);

const createEntries = {
  companyCvr: v.optional(
    v.pipe(
      v.string('The CVR number must be text.'),
      v.regex(cvrPattern, 'The CVR number is 8 digits.'),
      statedMaxLength(8),
      // Only a well-formed number is checked further, so a typo gets one error, not two.
      v.check((cvr) => !cvrPattern.test(cvr) || isValidCvr(cvr), 'check_digit: The CVR number\'s check digit does not match; check the number for a typing error.'),
      v.description(
        'Jobcenter callers only, and required for them: the company the order is created for (R1.7). A company leaves it out. ' +
          'Its modulus-11 check digit must hold (`check_digit`).',
      ),
      v.metadata({ examples: ['31415926'] }),
    ),
  ),
  occupationCode,
  responsibleJobcenterId: jobcenterId,
  description: orderFields.description,
  positions: orderFields.positions,
  emailOnPlacement: v.optional(orderFields.emailOnPlacement, true),
  longTerm: v.optional(orderFields.longTerm, false),
  startDate: v.optional(orderFields.startDate),
  durationDays: v.optional(orderFields.durationDays),
  responseDeadline: v.optional(orderFields.responseDeadline),
  maxCandidates: v.optional(orderFields.maxCandidates),
  workingTime: v.optional(orderFields.workingTime, 'unspecified'),
  weeklyHours: v.optional(orderFields.weeklyHours),
  workingHoursCondition: v.optional(orderFields.workingHoursCondition, 'normal'),
  responseMethod: v.optional(orderFields.responseMethod, 'unspecified'),
  workplace: orderFields.workplace,
  contact: orderFields.contact,
};

export const CreateJobOrderSchema = v.pipe(
  v.strictObject(createEntries),
  v.description('A new job order (Opret jobordre, R2).'),
  v.metadata({
    examples: [
      {
        occupationCode: '941201',
        responsibleJobcenterId: '101',
        description: 'Opvask og klargøring i et travlt restaurantkøkken.',
        positions: 2,
        workplace: { pNumber: '1003456781', name: 'Nordlys Køkken', street: 'Vesterbrogade 12', postalCode: '1620', city: 'København V' },
        contact: { name: 'Mette Hansen', email: 'mette@nordlys.example', phone: '+45 20 30 40 50' },
      },
    ],
  }),
);
export type CreateJobOrderInput = v.InferOutput<typeof CreateJobOrderSchema>;

/** Every field of a new order, each optional and without its default: a copy takes the source's. */
const copyEntries = Object.fromEntries(
  Object.entries(createEntries).map(([name, schema]) => [name, v.optional(schema.type === 'optional' ? (schema as v.OptionalSchema<v.GenericSchema, unknown>).wrapped : schema)]),
) as { [K in keyof typeof createEntries]: v.OptionalSchema<v.GenericSchema, undefined> };

export const CopyJobOrderSchema = v.pipe(
  v.strictObject({
    copyOf: v.pipe(
      wholeNumber(1, maxId, 'copyOf'),
      v.description('The id of the order to copy: one the caller may read (as `GET /v1/job-orders/{id}`).'),
    ),
    ...copyEntries,
  }),
  v.description(
    'Kopiér jobordre: a new order that starts as a copy of `copyOf`\'s fields — not its status, candidates, tovholder, notes or log — ' +
      'and every field the body sends wins. A start date before today and a response deadline not after today are cleared; then the rules of ' +
      'a new order apply to the result (R2.4: a missing start date becomes today; the responsible jobcenter must still be signed up). A ' +
      'jobcenter copying may leave out `companyCvr` (it is the source\'s company). The copy\'s *created* log entry names the source in `copyOf`.',
  ),
  v.metadata({ examples: [{ copyOf: 17 }, { copyOf: 17, positions: 1, startDate: '2027-01-04' }] }),
);

/** The body of `POST /v1/job-orders`: a new order, or a copy of one. */
export const NewJobOrderSchema = v.union([CreateJobOrderSchema, CopyJobOrderSchema]);

export const UpdateJobOrderSchema = v.pipe(
  v.strictObject({
    occupationCode: v.optional(occupationCode),
    responsibleJobcenterId: v.optional(v.pipe(v.string(), v.maxLength(3, 'The jobcenter id is the 3-digit municipality code.'), v.description('Cannot be changed (R7.1); sending another value is refused.'))),
    description: v.optional(orderFields.description),
    positions: v.optional(orderFields.positions),
    emailOnPlacement: v.optional(orderFields.emailOnPlacement),
    longTerm: v.optional(orderFields.longTerm),
    startDate: v.optional(orderFields.startDate),
    durationDays: v.optional(orderFields.durationDays),
    responseDeadline: v.optional(orderFields.responseDeadline),
    maxCandidates: v.optional(orderFields.maxCandidates),
    workingTime: v.optional(orderFields.workingTime),
    weeklyHours: v.optional(orderFields.weeklyHours),
    workingHoursCondition: v.optional(orderFields.workingHoursCondition),
    responseMethod: v.optional(orderFields.responseMethod),
    workplace: v.optional(orderFields.workplace),
    contact: v.optional(orderFields.contact),
    note: v.optional(v.nullable(v.pipe(v.string(), v.trim(), v.maxLength(orderTextLimits.note, `The note must be at most ${orderTextLimits.note} characters.`)))),
  }),
  v.description(
    'An edit (Rediger jobordre, R7): only the fields sent change; `null` clears an optional field. ' +
      'Send `If-Match` with the ETag you read to be told (412) when someone else changed the order meanwhile.',
  ),
  v.metadata({ examples: [{ positions: 3, startDate: '2026-12-07', note: 'Vi mangler én mere til julefrokostsæsonen.' }] }),
);
export type UpdateJobOrderInput = v.InferOutput<typeof UpdateJobOrderSchema>;

export const StatusChangeSchema = v.pipe(
  v.strictObject({
    status: v.picklist(orderStatuses, `Status is one of ${orderStatuses.join(', ')}.`),
    note: v.optional(v.nullable(v.pipe(v.string(), v.trim(), v.maxLength(orderTextLimits.note, `The note must be at most ${orderTextLimits.note} characters.`)))),
    closeReason: v.optional(
      v.nullable(
        v.pipe(
          v.picklist(closeReasons, `The close reason is one of ${closeReasons.join(', ')}.`),
          v.description(
            'Why the order is closed, only with `status: closed`: `filled_by_placement` Besat med formidlet kandidat, `filled_otherwise` Besat på anden vis, ' +
              '`no_longer_needed` Behovet er bortfaldet, `other` Andet (then `note` says why). Optional, so clients that do not know it still close orders.',
          ),
        ),
      ),
    ),
  }),
  v.description('A status change (Status på jobordre, R4.2, R7.5) with an optional note to the jobcenter, and when closing a close reason.'),
  v.metadata({ examples: [{ status: 'inactive', note: 'Vi har nok kandidater indtil videre.' }, { status: 'closed', closeReason: 'filled_by_placement' }] }),
);

export const ListJobOrdersQuerySchema = v.strictObject({
  sort: v.optional(
    v.pipe(v.picklist(orderSortKeys, `sort is one of ${orderSortKeys.join(', ')}.`), v.description('The column to sort by (R3.3); ties are broken by id in the same direction.')),
    'id',
  ),
  order: v.optional(v.pipe(v.picklist(sortDirections, 'order is asc or desc.'), v.description('Ascending or descending.')), 'desc'),
  status: v.optional(v.pipe(v.picklist(orderStatuses, `status is one of ${orderStatuses.join(', ')}.`), v.description('Only orders with this status.'))),
  limit: LimitSchema('25'),
  cursor: CursorSchema,
  responsible: v.optional(
    v.pipe(v.picklist(['true', 'false'], 'responsible is true or false.'), v.description('Jobcenter callers: only orders this jobcenter is responsible for.')),
  ),
});

// ---- What clients receive ----

const nullableText = (max: number) => v.nullable(text(max));

/**
 * What a caller may do to an order now, as the server decides it (the access policy and the rules,
 * server/domain/access.ts): a client shows exactly these and decides nothing itself.
 */
export const orderCapabilities = ['edit', 'changeStatus', 'copy', 'appointCoordinator', 'note', 'place'] as const;
export type OrderCapability = (typeof orderCapabilities)[number];

const jobOrderEntries = {
  id: v.pipe(id, v.description('Sequential: the newest order has the highest id (R2.8).')),
  version: v.pipe(int32(1, 2_147_483_647), v.description('Grows with every change; the ETag is derived from it.')),
  status: v.picklist(orderStatuses),
  createdAt: dateTime,
  updatedAt: v.pipe(dateTime, v.description('Seneste handling: the last change, placement or note.')),
  occupation: v.strictObject({ code: text(orderTextLimits.occupationCode), title: text(200) }),
  responsibleJobcenter: v.strictObject({ id: patterned(jobcenterIdPattern, 3), name: text(200) }),
  company: v.strictObject({ cvr: patterned(cvrPattern, 8), name: text(200) }),
  description: text(orderTextLimits.description),
  positions: int32(orderNumberLimits.positions.min, orderNumberLimits.positions.max),
  emailOnPlacement: v.boolean(),
  longTerm: v.boolean(),
  startDate: v.nullable(date),
  durationDays: v.nullable(int32(orderNumberLimits.durationDays.min, orderNumberLimits.durationDays.max)),
  responseDeadline: v.nullable(date),
  maxCandidates: v.nullable(int32(orderNumberLimits.maxCandidates.min, orderNumberLimits.maxCandidates.max)),
  workingTime: v.picklist(workingTimes),
  weeklyHours: v.nullable(int32(orderNumberLimits.weeklyHours.min, orderNumberLimits.weeklyHours.max)),
  workingHoursCondition: v.picklist(workingHoursConditions),
  responseMethod: v.picklist(responseMethods),
  workplace: v.strictObject({
    pNumber: patterned(pNumberPattern, 10),
    name: text(orderTextLimits['workplace.name']),
    street: text(orderTextLimits['workplace.street']),
    floor: nullableText(orderTextLimits['workplace.floor']),
    door: nullableText(orderTextLimits['workplace.door']),
    postalCode: patterned(postalCodePattern, 4),
    city: text(orderTextLimits['workplace.city']),
  }),
  contact: v.strictObject({
    contactPersonId: v.nullable(id),
    name: text(orderTextLimits['contact.name']),
    email,
    phone: nullableText(21),
  }),
  coordinator: v.pipe(nullableText(200), v.description('The tovholder\'s name once the responsible jobcenter appointed one (R4.1).')),
  candidateCount: v.pipe(int32(0, 999_999), v.description('Candidates currently placed (withdrawn ones not counted).')),
  latestNote: v.nullable(v.strictObject({ text: text(10000), at: dateTime, by: text(200) })),
  createdBy: v.strictObject({ kind: v.picklist(actorKinds), name: text(200) }),
  closeReason: v.pipe(v.nullable(v.picklist(closeReasons)), v.description('Why the order was closed; null unless it is closed with a reason.')),
};

/** An order's own data, the same for every caller (what the database stores and the journal describes). */
const OrderDataSchema = v.strictObject(jobOrderEntries);
export type JobOrder = v.InferOutput<typeof OrderDataSchema>;

export const JobOrderSchema = v.pipe(
  v.strictObject({
    ...jobOrderEntries,
    actions: v.pipe(
      v.array(v.picklist(orderCapabilities)),
      v.maxLength(orderCapabilities.length),
      v.description(
        'What the caller may do to this order now; anything else is refused. `edit` (PATCH) and `changeStatus`: the order\'s company. ' +
          '`copy` (POST with `copyOf`): anyone who may read it. `appointCoordinator` and `note`: the responsible jobcenter. ' +
          '`place`: a jobcenter, while the order is open and below `maxCandidates`. Nothing for a jobcenter not signed up for job orders.',
      ),
    ),
  }),
  v.description('A job order (jobordre), with what the caller may do to it.'),
);
/** An order as a caller receives it: its data and the caller's `actions`. */
export type JobOrderView = v.InferOutput<typeof JobOrderSchema>;

export const JobOrderPageSchema = PageOf(JobOrderSchema, 'In the order asked for.');
