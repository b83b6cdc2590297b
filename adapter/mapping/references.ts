/**
 * Turns the references servers write into the local "Type/id" form the domain uses.
 * Servers write them relative ("Patient/1"), absolute ("https://host/fhir/Patient/1"), versioned
 * (".../_history/3") or as a Bundle's `urn:uuid:` fullUrl; all name the same resource.
 *
 * @see https://hl7.org/fhir/R4/references.html#literal
 */

const LITERAL = /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[A-Za-z0-9\-.]{1,64})?$/;

/**
 * "Type/id" for a literal reference, or undefined when it is not one (contained "#x", a bare
 * identifier) or is of another type than `type`. `urn:uuid:` / `urn:oid:` references are returned
 * as written so a Bundle's fullUrl can resolve them.
 */
export function localReference(reference: unknown, type?: string): string | undefined {
  if (typeof reference !== 'string' || reference.length > 2048) return undefined;
  if (reference.startsWith('urn:uuid:') || reference.startsWith('urn:oid:')) return reference;
  const match = LITERAL.exec(reference);
  if (!match) return undefined;
  const [, resourceType, id] = match;
  if (type !== undefined && resourceType !== type) return undefined;
  return `${resourceType}/${id}`;
}

/** The "Type/id" a Reference element points at, resolving `urn:uuid:` through a Bundle's fullUrl map. */
export function resolveReference(
  element: { reference?: string | undefined } | undefined,
  type: string,
  aliases?: ReadonlyMap<string, string>,
): string | undefined {
  const local = localReference(element?.reference);
  if (local === undefined) return undefined;
  const resolved = aliases?.get(local) ?? local;
  return resolved.startsWith(`${type}/`) ? resolved : undefined;
}
