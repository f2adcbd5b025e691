/**
 * A module that is a chunk of its own (the SDK client, the English words, the receipt), fetched
 * the first time it is wanted and kept. Callers that ask while it is on its way share one fetch.
 * A failed fetch (offline, a deploy in between) is forgotten, so the next `load()` tries again
 * rather than failing for the rest of the page's life.
 */
export interface LazyModule<T> {
  /** The module once it has arrived; undefined before. */
  readonly module: T | undefined;
  /** Fetches the module unless it is there or on its way; resolves once `module` is set. */
  load(): Promise<void>;
}

/** `importer` is a literal `() => import('./…')`, so the bundler sees the chunk. */
export function lazyModule<T>(importer: () => Promise<T>): LazyModule<T> {
  let loading: Promise<void> | undefined;
  const lazy: { module: T | undefined; load(): Promise<void> } = {
    module: undefined,
    load: () =>
      (loading ??= importer().then(
        (module) => {
          lazy.module = module;
        },
        (error: unknown) => {
          loading = undefined;
          throw error;
        },
      )),
  };
  return lazy;
}
