// Typed reads of the environment. Every value is parsed here, once, at start-up; a value that does
// not parse stops the start with one line naming the variable and what it accepts (`ConfigError`),
// never with a stack trace and never by being quietly ignored. An unset or empty variable is its default.

/** The environment as Node gives it (`process.env`), or a test's own values. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** A variable with a value the server cannot use; `main.ts` prints its message alone and exits 1. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The value, or undefined when unset or empty (an empty assignment means "the default", as in `FOO= npm start`). */
export function text(env: Environment, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** A whole number from `min` to `max`; `accepts` replaces the default description in the refusal. */
export function wholeNumber<F extends number | undefined>(env: Environment, name: string, fallback: F, range: { min: number; max: number; accepts?: string }): number | F {
  const value = text(env, name)?.trim();
  if (value === undefined) return fallback;
  const n = /^[+-]?\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < range.min || n > range.max) {
    throw new ConfigError(`${name} must be ${range.accepts ?? `a whole number from ${range.min} to ${range.max}`}; it is "${value}".`);
  }
  return n;
}

/** One of a few words. */
export function oneOf<const T extends string>(env: Environment, name: string, choices: readonly T[], fallback: T): T {
  const value = text(env, name)?.trim();
  if (value === undefined) return fallback;
  const accepted = choices.length === 2 ? choices.join(' or ') : `one of ${choices.join(', ')}`;
  if (!(choices as readonly string[]).includes(value)) throw new ConfigError(`${name} must be ${accepted}; it is "${value}".`);
  return value as T;
}

/** A URL with one of `schemes` (e.g. `file:`); the refusal does not repeat it, as it may carry a password. */
export function url(env: Environment, name: string, schemes: readonly string[]): string | undefined {
  const value = text(env, name)?.trim();
  if (value === undefined) return undefined;
  let scheme: string | undefined;
  try {
    scheme = new URL(value).protocol;
  } catch {
    scheme = undefined;
  }
  if (!scheme || !schemes.includes(scheme)) {
    throw new ConfigError(`${name} must be a URL beginning ${schemes.map((s) => (s === 'file:' ? s : `${s}//`)).join(', ')}.`);
  }
  return value;
}

/** A count of processes or threads: unset or empty is 1; `auto` is one per core the process may use. */
export function count(name: string, setting: string | undefined, max: number, cores: () => number): number {
  const value = setting?.trim() ?? '';
  if (value === '') return 1;
  if (value === 'auto') return cores();
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > max) throw new ConfigError(`${name} must be a whole number from 1 to ${max}, or auto; it is "${setting}".`);
  return n;
}
