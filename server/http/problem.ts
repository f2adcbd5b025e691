import * as v from 'valibot';
import { fieldErrorCodes, problemTypes, type ProblemSlug } from '../../sdk/rules.ts';

/** The contract's bounds of a problem (issue 10, guarantee 9); longer values are cut, never refused. */
export const problemLimits = { title: 100, detail: 1000, errors: 100, path: 200, message: 500 } as const;

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

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

const titles: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  412: 'Precondition failed',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Validation failed',
  428: 'Precondition required',
  500: 'Internal server error',
};

/** Thrown anywhere in a request; `app.onError` turns it into an `application/problem+json` reply. */
export class HttpProblem extends Error {
  readonly status: number;
  readonly type: Problem['type'];
  readonly title: string;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    slug: ProblemSlug,
    detail: string,
    options: { errors?: FieldError[]; title?: string; headers?: Record<string, string> } = {},
  ) {
    super(clip(detail, problemLimits.detail));
    this.status = status;
    this.type = `/problems/${slug}`;
    this.title = clip(options.title ?? titles[status] ?? 'Error', problemLimits.title);
    // A hostile body can break thousands of rules (or name a huge unknown field): the contract's bounds hold.
    this.errors = options.errors
      ?.slice(0, problemLimits.errors)
      .map((e) => ({ ...e, path: clip(e.path, problemLimits.path), message: clip(e.message, problemLimits.message) }));
    this.headers = options.headers ?? {};
  }

  toJSON(): Problem {
    const body: Problem = { type: this.type, title: this.title, status: this.status, detail: this.message };
    if (this.errors) body.errors = this.errors;
    return body;
  }
}

/** 422 with every broken field rule. */
export function validationProblem(errors: FieldError[]): HttpProblem {
  const fields = [...new Set(errors.map((e) => e.path))].join(', ');
  return new HttpProblem(422, 'validation', `Some fields break a rule: ${fields}.`, { errors });
}

/** 404 for anything the caller may not see: another tenant's object is indistinguishable from none. */
export function notFound(what: string): HttpProblem {
  return new HttpProblem(404, 'not-found', `${what} was not found.`);
}

export function problemResponse(problem: Problem, headers: Record<string, string> = {}): Response {
  if (problem.detail !== undefined) problem = { ...problem, detail: clip(problem.detail, problemLimits.detail) };
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });
}
