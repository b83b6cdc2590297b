/**
 * The raw resources the adapter has read or written, so an update starts from the resource exactly
 * as the server sent it (every extension and `_primitive` element kept) and sends If-Match on the
 * version the clinician saw. Bounded: the oldest entries go first. Memory only, never persisted.
 */
import type { PatientReference } from '../../shared/domain/types';
import { refOf, type RawResource, type RawStore } from '../fhir/rawStore';

export interface SeenResource {
  raw: RawResource;
  /** The patient whose record it was read in. */
  patient: PatientReference;
}

export class SeenResources {
  readonly #entries = new Map<string, SeenResource>();

  constructor(private readonly capacity = 2000) {}

  /** Remembers every resource of a patient's record as read. */
  rememberRecord(raw: RawStore, patient: PatientReference): void {
    for (const ref of raw.refs()) {
      const resource = raw.get(ref);
      if (resource) this.remember(resource, patient);
    }
  }

  remember(resource: RawResource, patient: PatientReference): void {
    const ref = refOf(resource);
    if (ref === undefined) return;
    this.#entries.delete(ref);
    this.#entries.set(ref, { raw: resource, patient });
    while (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }

  get(ref: string): SeenResource | undefined {
    return this.#entries.get(ref);
  }

  /** Forgets everything (e.g. when the user signs out). */
  clear(): void {
    this.#entries.clear();
  }
}
