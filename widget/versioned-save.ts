import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Task } from '@lit/task';
import { etagOf, type FieldError, type JobagClient, type JobOrder } from '../sdk/index.ts';
import { ApiError, send } from './client.ts';

/** How a save ended: stored, refused field by field (400/422), or failed (see `conflict` and `error`). */
export type SaveResult<T> = { ok: true; data: T } | { ok: false; problems?: FieldError[] };

/**
 * Saves a change of a stored order the one way every element does: with `If-Match` of the version
 * last read, one save at a time, and a 412 reported as a conflict (someone else changed the order)
 * rather than an error, so the element can offer to reload while keeping what the user wrote.
 * The order form's edit and the order view's status change both use it.
 */
export class VersionedSave implements ReactiveController {
  /** The ETag of the version last read or written. */
  etag: string | undefined;
  saving = false;
  /** The last save met a newer version (412). */
  conflict = false;
  /** The last save failed otherwise (network, 403, 409, 5xx): describe it with the element's `describeError`. */
  error: unknown = undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** A newly read version: its ETag, and no conflict or error any more. */
  reset(etag: string | undefined): void {
    this.etag = etag;
    this.conflict = false;
    this.error = undefined;
    this.host.requestUpdate();
  }

  /**
   * Sends `call` with the `If-Match` header to spread into the request's header params; keeps the
   * new ETag. Returns undefined when a save is already under way.
   */
  async save<T>(call: (ifMatch: { 'If-Match'?: string }) => Promise<{ data?: T; error?: unknown; response: Response }>): Promise<SaveResult<T> | undefined> {
    if (this.saving) return undefined;
    this.saving = true;
    this.conflict = false;
    this.error = undefined;
    this.host.requestUpdate();
    try {
      const { data, response } = await send(call(this.etag ? { 'If-Match': this.etag } : {}));
      this.etag = etagOf(response) ?? this.etag;
      return { ok: true, data };
    } catch (error) {
      if (error instanceof ApiError && (error.status === 400 || error.status === 422) && error.problem?.errors?.length) {
        return { ok: false, problems: error.problem.errors };
      }
      if (error instanceof ApiError && error.status === 412) this.conflict = true;
      else this.error = error;
      return { ok: false };
    } finally {
      this.saving = false;
      this.host.requestUpdate();
    }
  }
}

/**
 * Loads one order with its ETag — again whenever the client, the id or `revision` changes — and
 * hands the ETag to `save`, so the next change is sent with `If-Match` of what is shown. The order
 * view and the jobcenter desk both read their order this way.
 */
export function versionedOrder(
  host: ReactiveControllerHost,
  save: VersionedSave,
  args: () => readonly [JobagClient | undefined, number | null | undefined, number],
  loaded: (order: JobOrder) => void,
) {
  return new Task(host, {
    task: async ([client, id], { signal }) => {
      if (!client || id === null || id === undefined) return null;
      const { data, response } = await send(client.GET('/v1/job-orders/{id}', { params: { path: { id } }, signal }));
      return { order: data, etag: etagOf(response) };
    },
    args,
    onComplete: (result) => {
      if (!result) return;
      loaded(result.order);
      save.reset(result.etag);
    },
  });
}
