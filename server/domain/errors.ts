// The problems a command or query can meet, as the domain names them. Each says what went wrong
// (the problem type, a detail in plain language, the fields at fault) and nothing of HTTP: the
// edge (server/http/problem.ts) gives each class its status, title and headers, in one table.
import type { ProblemSlug } from '../../sdk/rules.ts';
import type { FieldError } from '../contract/problem.ts';

export abstract class DomainError extends Error {
  readonly slug: ProblemSlug;
  readonly errors: readonly FieldError[] | undefined;

  protected constructor(slug: ProblemSlug, detail: string, errors?: readonly FieldError[]) {
    super(detail);
    this.name = new.target.name;
    this.slug = slug;
    this.errors = errors;
  }
}

/**
 * Nothing the caller may see by that name: another tenant's object is indistinguishable from none.
 * `no-coordinator` is the order's coordinator when none is appointed.
 */
export class NotFound extends DomainError {
  constructor(detail: string, options: { slug?: 'not-found' | 'no-coordinator'; errors?: FieldError[] } = {}) {
    super(options.slug ?? 'not-found', detail, options.errors);
  }

  /** `${what} was not found.`: the wording every lookup by name shares. */
  static of(what: string): NotFound {
    return new NotFound(`${what} was not found.`);
  }
}

/** The caller is known but may not do this (the wrong side, not the responsible jobcenter, not in the scheme). */
export class Forbidden extends DomainError {
  constructor(slug: 'forbidden' | 'not-signed-up' | 'not-responsible', detail: string, errors?: FieldError[]) {
    super(slug, detail, errors);
  }
}

/** The credential does not name a caller: missing, unknown, revoked, badly signed or expired. */
export class Unauthorized extends DomainError {
  constructor(detail: string, slug: 'unauthorized' | 'token-expired' = 'unauthorized') {
    super(slug, detail);
  }
}

/** The request is sound but the order's state refuses it (not open, full, already withdrawn). */
export class Conflict extends DomainError {
  constructor(slug: 'order-not-open' | 'max-candidates-reached' | 'already-withdrawn', detail: string, errors?: FieldError[]) {
    super(slug, detail, errors);
  }
}

/** The caller changed a version of the order that is no longer the current one. */
export class StaleVersion extends DomainError {
  constructor(detail: string, errors?: FieldError[]) {
    super('stale-version', detail, errors);
  }
}

/** A change that must name the version it changes, and did not. */
export class PreconditionRequired extends DomainError {
  constructor(detail: string, errors?: FieldError[]) {
    super('precondition-required', detail, errors);
  }
}

/** Input that breaks rules: every broken rule at once, each naming its field. */
export class Invalid extends DomainError {
  constructor(errors: readonly FieldError[], options: { slug?: 'validation' | 'idempotency-key-reused'; detail?: string } = {}) {
    super(options.slug ?? 'validation', options.detail ?? `Some fields break a rule: ${[...new Set(errors.map((e) => e.path))].join(', ')}.`, errors);
  }
}

/** The server is shutting down and takes no new long-lived work; the client connects again. */
export class ShuttingDown extends DomainError {
  constructor(detail: string) {
    super('unavailable', detail);
  }
}

/** A parameter of the request (not a field of its body) that cannot be used, such as a cursor we did not make. */
export class InvalidParameters extends DomainError {
  constructor(detail: string, errors?: FieldError[]) {
    super('invalid-parameters', detail, errors);
  }
}
