import type { OperationOutcome, Resource } from '@medplum/fhirtypes';
import { supportedResource } from '../capability';

/**
 * Staff and organisations are often held in another directory than the clinical record (the
 * adapter names its recorder as a Practitioner the FHIR server may not store), so references to
 * them are not checked; references to patients, carers and their records are.
 */
const UNCHECKED_TYPES = new Set(['Practitioner', 'Organization']);

export interface LiteralReference {
  /** `Type/id` as written (a versioned `Type/id/_history/v` is reduced to `Type/id`). */
  target: string;
  /** Where it was found, as a FHIRPath-like path (`Consent.provision.actor[0].reference`). */
  path: string;
}

const RELATIVE = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[A-Za-z0-9\-.]{1,64})?$/;

/**
 * Literal references from a resource to the clinical resource types this server holds, relative or
 * absolute on this server's base. References to other servers, `urn:uuid:` placeholders, contained
 * (`#x`), staff and organisations, and types the server does not hold are not listed.
 */
export function localReferences(resource: Resource, fhirBase: string): LiteralReference[] {
  const found: LiteralReference[] = [];
  const visit = (value: unknown, path: string): void => {
    if (Array.isArray(value)) {
      value.forEach((v, i) => visit(v, `${path}[${i}]`));
      return;
    }
    if (!value || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      if (key === 'reference' && typeof child === 'string') {
        const relative = child.startsWith(`${fhirBase}/`) ? child.slice(fhirBase.length + 1) : child;
        const match = RELATIVE.exec(relative);
        const type = match?.[1] ?? '';
        if (match && supportedResource(type) && !UNCHECKED_TYPES.has(type)) found.push({ target: `${match[1]}/${match[2]}`, path: `${path}.reference` });
      } else if (key !== 'contained') {
        visit(child, `${path}.${key}`);
      }
    }
  };
  visit(resource, resource.resourceType);
  return found;
}

/**
 * 422 when a reference points at a resource this server does not hold: a carer record for a
 * patient who is not here, a consent naming a carer who does not exist. Real servers refuse these
 * (referential integrity), and a client that writes one has the wrong id.
 */
export function danglingReferenceOutcome(dangling: LiteralReference[]): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    id: 'business-rule',
    issue: dangling.map((ref) => ({
      severity: 'error',
      code: 'business-rule',
      details: { text: `${ref.path} refers to ${ref.target}, which this server does not hold` },
      expression: [ref.path],
    })),
  };
}
