import * as v from 'valibot';
import { jobcenterIdPattern, occupationQueryMinLength, postalCodePattern } from '../../sdk/rules.ts';
import { list, patterned, text } from './bounded.ts';
import { NextCursorSchema } from './page.ts';
import { wholeNumberParameter } from './parameters.ts';

// Reference data: the jobcenters, occupation titles and postal codes a form chooses from.

export const JobcenterSchema = v.pipe(
  v.strictObject({
    id: v.pipe(patterned(jobcenterIdPattern, 3), v.description('The municipality code, e.g. "101".')),
    name: text(200),
    municipalityCode: patterned(jobcenterIdPattern, 3),
    signedUp: v.pipe(v.boolean(), v.description('Signed up for job orders (tilmeldt jobordre); only these can be responsible (R1.3).')),
  }),
  v.metadata({ examples: [{ id: '101', name: 'Jobcenter København', municipalityCode: '101', signedUp: true }] }),
);
export type Jobcenter = v.InferOutput<typeof JobcenterSchema>;
export const JobcenterPageSchema = v.strictObject({ items: list(JobcenterSchema, 200), nextCursor: NextCursorSchema });
export const JobcenterQuerySchema = v.strictObject({
  signedUp: v.optional(
    v.pipe(v.picklist(['true', 'false'], 'signedUp is true or false.'), v.description('Only signed-up (true) or not signed-up (false) jobcenters.')),
  ),
});

export const OccupationSchema = v.pipe(
  v.strictObject({
    code: text(20),
    title: text(200),
    discoCode: v.pipe(text(10), v.description('The DISCO-08 unit group.')),
  }),
  v.metadata({ examples: [{ code: '941201', title: 'Køkkenmedhjælper', discoCode: '9412' }] }),
);
export const OccupationPageSchema = v.strictObject({ items: list(OccupationSchema, 50), nextCursor: NextCursorSchema });

const occupationLimitMessage = 'limit is a whole number from 1 to 50.';
export const OccupationQuerySchema = v.strictObject({
  q: v.pipe(
    v.string('Type at least three letters of the job title.'),
    v.trim(),
    v.minLength(occupationQueryMinLength, 'Type at least three letters of the job title.'),
    v.maxLength(100, 'The search is at most 100 characters.'),
    v.metadata({ examples: ['køk'] }),
    v.description(`At least ${occupationQueryMinLength} letters.`),
  ),
  limit: v.optional(v.pipe(wholeNumberParameter(50, occupationLimitMessage), v.description('At most this many titles (1–50, default 20).')), '20'),
});

export const PostalCodeSchema = v.pipe(
  v.strictObject({
    code: patterned(postalCodePattern, 4),
    city: text(100),
    municipalities: v.pipe(
      list(v.strictObject({ code: patterned(jobcenterIdPattern, 3), name: text(200) }), 10),
      v.description('Every municipality the postal code reaches; more than one means the user must choose (e.g. 7100 Vejle: Vejle and Hedensted).'),
    ),
  }),
  v.metadata({ examples: [{ code: '7100', city: 'Vejle', municipalities: [{ code: '630', name: 'Vejle' }, { code: '766', name: 'Hedensted' }] }] }),
);
