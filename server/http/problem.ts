import type { ProblemSlug } from '../../sdk/rules.ts';
import { problemLimits, type FieldError, type Problem } from '../contract/problem.ts';

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

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
