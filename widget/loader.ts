import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type LoadStatus = 'initial' | 'pending' | 'complete' | 'error';

/**
 * Loads data for an element and renders each state explicitly, in the manner of `@lit/task`.
 * A new `run` aborts the one in flight and only the latest run's result is kept, so a slow,
 * stale answer can never overwrite a newer one. Disconnecting aborts too.
 */
export class Loader<T> implements ReactiveController {
  status: LoadStatus = 'initial';
  value: T | undefined;
  error: unknown;
  #abort: AbortController | undefined;
  #run = 0;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Runs `task` with a fresh signal; resolves to its value, or undefined when failed or superseded. */
  async run(task: (signal: AbortSignal) => Promise<T>, options: { keepValue?: boolean } = {}): Promise<T | undefined> {
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    const run = ++this.#run;
    this.status = 'pending';
    if (!options.keepValue) this.value = undefined;
    this.host.requestUpdate();
    try {
      const value = await task(abort.signal);
      if (run !== this.#run) return undefined;
      this.value = value;
      this.status = 'complete';
      return value;
    } catch (error) {
      if (run !== this.#run) return undefined;
      this.error = error;
      this.status = 'error';
      return undefined;
    } finally {
      if (run === this.#run) this.host.requestUpdate();
    }
  }

  /** Drops the run in flight: its result will be ignored. */
  abort(): void {
    this.#abort?.abort();
    this.#run++;
    // Loaded again when asked: whatever was pending never finished.
    if (this.status === 'pending') this.status = 'initial';
  }

  hostDisconnected(): void {
    this.abort();
  }

  render<R>(renderers: { initial?: () => R; pending?: () => R; complete: (value: T) => R; error?: (error: unknown) => R }): R | undefined {
    switch (this.status) {
      case 'initial':
        return renderers.initial?.();
      case 'pending':
        return renderers.pending?.();
      case 'complete':
        return renderers.complete(this.value as T);
      case 'error':
        return renderers.error?.(this.error);
    }
  }
}
