import type { ProblemSlug } from '../../sdk/rules.ts';
import { problemLimits, type FieldError, type Problem } from '../contract/problem.ts';
import {
  Conflict,
  DomainError,
  Forbidden,
  Invalid,
  InvalidParameters,
  NotFound,
  PreconditionRequired,
  ShuttingDown,
  StaleVersion,
  Unauthorized,
} from '../domain/errors.ts';

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
  503: 'Service unavailable',
};

/** Thrown by the HTTP layer itself; `app.onError` turns it into an `application/problem+json` reply. */
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
    options: { errors?: readonly FieldError[] | undefined; title?: string; headers?: Record<string, string> } = {},
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

type DomainErrorClass = abstract new (...args: never[]) => DomainError;

/** How each domain error answers over HTTP: the one place the domain's problems meet status codes. */
const domainErrorAnswers: [DomainErrorClass, { status: number; headers?: Record<string, string> }][] = [
  [Invalid, { status: 422 }],
  [InvalidParameters, { status: 400 }],
  [NotFound, { status: 404 }],
  [Forbidden, { status: 403 }],
  // RFC 9110: a 401 names the scheme to authenticate with.
  [Unauthorized, { status: 401, headers: { 'www-authenticate': 'Bearer realm="jobag"' } }],
  [Conflict, { status: 409 }],
  [StaleVersion, { status: 412 }],
  [PreconditionRequired, { status: 428 }],
  // So a client that reconnects at once does not keep a shutting-down server's connection busy.
  [ShuttingDown, { status: 503, headers: { connection: 'close' } }],
];

/**
 * The problem a thrown error answers with: an `HttpProblem` as it is, a domain error by its row
 * above; undefined for anything else (a 500, logged), including a domain error without a row.
 */
export function problemOf(error: unknown): HttpProblem | undefined {
  if (error instanceof HttpProblem) return error;
  if (!(error instanceof DomainError)) return undefined;
  const answer = domainErrorAnswers.find(([kind]) => error instanceof kind)?.[1];
  return answer && new HttpProblem(answer.status, error.slug, error.message, { errors: error.errors, headers: { ...answer.headers } });
}

/** 422 with every broken field rule. */
export function validationProblem(errors: FieldError[]): HttpProblem {
  return problemOf(new Invalid(errors))!;
}

/** 404 for anything the caller may not see: another tenant's object is indistinguishable from none. */
export function notFound(what: string): HttpProblem {
  return problemOf(NotFound.of(what))!;
}

export function problemResponse(problem: Problem, headers: Record<string, string> = {}): Response {
  if (problem.detail !== undefined) problem = { ...problem, detail: clip(problem.detail, problemLimits.detail) };
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });
}
