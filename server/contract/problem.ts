// The problem shape of every 4xx and 5xx (RFC 9457): the contract's part. Raising and answering
// problems is the HTTP edge's (http/problem.ts).
import * as v from 'valibot';
import { fieldErrorCodes, problemTypes } from '../../sdk/rules.ts';

/** The contract's bounds of a problem; the server cuts longer values, it never refuses to answer. */
export const problemLimits = { title: 100, detail: 1000, errors: 100, path: 200, message: 500 } as const;

/** One broken rule of one field: `path` names the field as the client sent it. */
export const FieldErrorSchema = v.pipe(
  v.strictObject({
    path: v.pipe(v.string(), v.maxLength(problemLimits.path), v.description('The field, dotted: `workplace.postalCode`, `candidate.cv.skills.0`.')),
    code: v.pipe(
      v.picklist(fieldErrorCodes),
      v.description(
        'A stable machine code for the rule, e.g. `required`, `too_small`, `past_date`: key your own messages by it. ' +
          '`choose_from_list` is only produced by the widgets\' own checks. New codes may be added in a minor version; show `message` for a code you do not know.',
      ),
    ),
    message: v.pipe(v.string(), v.maxLength(problemLimits.message), v.description('The rule in plain language.')),
  }),
  v.metadata({ examples: [{ path: 'startDate', code: 'past_date', message: 'The job start date must be today or a future date.' }] }),
);
export type FieldError = v.InferOutput<typeof FieldErrorSchema>;

/** RFC 9457 problem details, the body of every 4xx and 5xx. */
export const ProblemSchema = v.pipe(
  v.strictObject({
    type: v.pipe(
      v.picklist(problemTypes),
      v.description('A URI reference naming the kind of problem. New types may be added in a minor version; fall back on `status` for a type you do not know.'),
    ),
    title: v.pipe(v.string(), v.maxLength(problemLimits.title)),
    status: v.pipe(v.number(), v.integer(), v.minValue(400), v.maxValue(599), v.metadata({ format: 'int32' })),
    detail: v.optional(v.pipe(v.string(), v.maxLength(problemLimits.detail))),
    errors: v.optional(v.pipe(v.array(FieldErrorSchema), v.maxLength(problemLimits.errors), v.description(`At most ${problemLimits.errors}: the first broken rules.`))),
    requestId: v.optional(
      v.pipe(v.string(), v.maxLength(100), v.description('The id of the request that failed, as in its `X-Request-Id` header: quote it when reporting a problem; the server\'s log line of the request carries it.')),
    ),
  }),
  v.description('RFC 9457 problem details. `errors` lists every field that broke a rule, all at once.'),
);
export type Problem = v.InferOutput<typeof ProblemSchema>;
