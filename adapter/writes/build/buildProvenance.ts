/**
 * Provenance written in the same transaction as a Consent or RelatedPerson change: who, when, and
 * the exact version changed.
 * @see https://hl7.org/fhir/R4/provenance.html
 */
import type { Provenance, ProvenanceAgent } from '@medplum/fhirtypes';
import { FHIR_ID } from '../../fhir/primitives';
import { requireInstant, WriteInputError } from './inputs';

export interface BuildProvenanceInput {
  /** "Type/id/_history/v" of the version written, or the `urn:uuid:` fullUrl of a resource created in the same transaction. */
  target: string;
  /** Instant the change was recorded. */
  recorded: string;
  /** Who made the change (the practitioner); when unknown, Carer Prompts is recorded as the agent. */
  agent?: ProvenanceAgent['who'];
}

/** R4 requires an agent; the software is the honest answer when the user is not known. */
export const SOFTWARE_AGENT: ProvenanceAgent['who'] = { display: 'Carer Prompts' };

const VERSIONED = new RegExp(`^[A-Z][A-Za-z]+/${FHIR_ID.source.slice(1, -1)}(/_history/${FHIR_ID.source.slice(1, -1)})?$`);
const UUID_URN = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function buildProvenance(input: BuildProvenanceInput): Provenance {
  if (!VERSIONED.test(input.target) && !UUID_URN.test(input.target)) {
    throw new WriteInputError('target must be Type/id/_history/version or a urn:uuid: reference');
  }
  return {
    resourceType: 'Provenance',
    target: [{ reference: input.target }],
    recorded: requireInstant(input.recorded, 'recorded'),
    agent: [{ who: { ...(input.agent ?? SOFTWARE_AGENT) } }],
  };
}
