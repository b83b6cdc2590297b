/**
 * The identifier that makes a create idempotent: a retried request carries the same UUID, and the
 * server's conditional create (If-None-Exist) finds the first attempt instead of making a duplicate.
 * @see https://hl7.org/fhir/R4/http.html#ccreate
 */
import type { Identifier } from '@medplum/fhirtypes';
import { SYSTEM } from '../../../shared/terminology';
import { requireUuid, WriteInputError } from './inputs';

/** RFC 3986 URI identifier system, used for `urn:uuid:` values. */
export const URI_IDENTIFIER_SYSTEM = SYSTEM.uri;

export function requestIdentifier(requestId: string): Identifier {
  return { system: URI_IDENTIFIER_SYSTEM, value: `urn:uuid:${requireUuid(requestId, 'requestId')}` };
}

/**
 * The If-None-Exist value for a resource built with a request identifier:
 * `identifier=urn:ietf:rfc:3986|urn:uuid:<uuid>`.
 * @throws WriteInputError when the resource carries no request identifier.
 */
export function conditionalCreateQuery(resource: { identifier?: readonly Identifier[] | undefined }): string {
  return `identifier=${URI_IDENTIFIER_SYSTEM}|${requestIdentifierValue(resource)}`;
}

/**
 * The `urn:uuid:<uuid>` a built resource carries as its request identifier.
 * @throws WriteInputError when the resource carries none.
 */
export function requestIdentifierValue(resource: { identifier?: readonly Identifier[] | undefined }): string {
  const identifier = (resource.identifier ?? []).find((i) => i.system === URI_IDENTIFIER_SYSTEM && i.value?.startsWith('urn:uuid:'));
  if (!identifier?.value) throw new WriteInputError('the resource carries no request identifier, so it cannot be created conditionally');
  return identifier.value;
}
