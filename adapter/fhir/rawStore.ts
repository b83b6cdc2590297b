/**
 * Each resource exactly as the server sent it, keyed "Type/id".
 *
 * Zod's parsed view is for reading only. An update must change and send the raw JSON, so extensions,
 * `_primitive` elements and anything this version of the code does not know survive on the server.
 */

export type RawResource = Record<string, unknown> & { resourceType: string; id?: string };

/** True for a JSON object carrying a string `resourceType`. */
export function isRawResource(value: unknown): value is RawResource {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { resourceType?: unknown }).resourceType === 'string'
  );
}

const REF = /^([A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[A-Za-z0-9\-.]{1,64})?$/;

/** "Type/id" for a raw resource with a FHIR id, else undefined. */
export function refOf(resource: RawResource): string | undefined {
  const key = `${resource.resourceType}/${String(resource.id)}`;
  return typeof resource.id === 'string' && REF.test(key) ? key : undefined;
}

export class RawResourceMissingError extends Error {
  override readonly name = 'RawResourceMissingError';
}

export class RawStore {
  readonly #byRef = new Map<string, RawResource>();

  /** Keeps the resource as received (no copy is made: never mutate what `get` returns). Returns its "Type/id". */
  add(resource: RawResource): string | undefined {
    const ref = refOf(resource);
    if (ref !== undefined) this.#byRef.set(ref, resource);
    return ref;
  }

  /** The resource as received; `ref` may carry a `/_history/<v>` suffix, which is ignored. */
  get(ref: string): RawResource | undefined {
    return this.#byRef.get(stripHistory(ref));
  }

  has(ref: string): boolean {
    return this.#byRef.has(stripHistory(ref));
  }

  /**
   * A deep copy to modify and send as an update (with If-Match on its meta.versionId).
   * @throws RawResourceMissingError when the resource was never read: an update must start from what the server holds.
   */
  cloneForUpdate(ref: string): RawResource {
    const raw = this.get(ref);
    if (raw === undefined) throw new RawResourceMissingError(`${stripHistory(ref)} has not been read, so it cannot be updated safely; read it first`);
    return structuredClone(raw);
  }

  get size(): number {
    return this.#byRef.size;
  }

  refs(): IterableIterator<string> {
    return this.#byRef.keys();
  }
}

function stripHistory(ref: string): string {
  const match = REF.exec(ref);
  return match ? `${match[1]}/${match[2]}` : ref;
}
