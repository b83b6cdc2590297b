/**
 * Provenance written in the same transaction as a Consent or RelatedPerson change: who, when, and
 * the exact version changed.
 *
 * Once per change: R4 Provenance has no `identifier`, so the change it records is named in a
 * `meta.tag` (searchable on every server as `_tag`), and the transaction creates it conditionally
 * on that tag (`ifNoneExist`). A resend of the same change then finds the first Provenance instead
 * of writing a second — whether or not the server rolled back a failed attempt. The key is a URI:
 * for a create, the request identifier the new resource carries (`urn:uuid:<requestId>`); for an
 * update, the absolute URL of the version it revised (only one change can ever be made to a given
 * version under If-Match, so that names the change).
 * @see https://hl7.org/fhir/R4/provenance.html  @see https://hl7.org/fhir/R4/search.html#tag
 */
import type { Provenance, ProvenanceAgent } from '@medplum/fhirtypes';
import { SYSTEM } from '../../../shared/terminology';
import { FHIR_ID } from '../../fhir/primitives';
import { requireInstant, WriteInputError } from './inputs';

export interface BuildProvenanceInput {
  /** "Type/id/_history/v" of the version written, or the `urn:uuid:` fullUrl of a resource created in the same transaction. */
  target: string;
  /** Instant the change was recorded. */
  recorded: string;
  /** Who made the change (the practitioner); when unknown, Carer Prompts is recorded as the agent. */
  agent?: ProvenanceAgent['who'];
  /** A URI naming the change (see above), written as a `meta.tag` so the Provenance can be created once. */
  changeKey?: string;
}

/** R4 requires an agent; the software is the honest answer when the user is not known. */
export const SOFTWARE_AGENT: ProvenanceAgent['who'] = { display: 'Carer Prompts' };

/** The tag system of a change key: RFC 3986 URIs, like the request identifiers. */
export const CHANGE_KEY_SYSTEM = SYSTEM.uri;

const VERSIONED = new RegExp(`^[A-Z][A-Za-z]+/${FHIR_ID.source.slice(1, -1)}(/_history/${FHIR_ID.source.slice(1, -1)})?$`);
const UUID_URN = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const URI = /^[a-z][a-z0-9+.-]*:[^\s|?#]+$/i;

export function buildProvenance(input: BuildProvenanceInput): Provenance {
  if (!VERSIONED.test(input.target) && !UUID_URN.test(input.target)) {
    throw new WriteInputError('target must be Type/id/_history/version or a urn:uuid: reference');
  }
  if (input.changeKey !== undefined && !URI.test(input.changeKey)) throw new WriteInputError('changeKey must be a URI');
  return {
    resourceType: 'Provenance',
    ...(input.changeKey !== undefined ? { meta: { tag: [{ system: CHANGE_KEY_SYSTEM, code: input.changeKey }] } } : {}),
    target: [{ reference: input.target }],
    recorded: requireInstant(input.recorded, 'recorded'),
    agent: [{ who: { ...(input.agent ?? SOFTWARE_AGENT) } }],
  };
}

/** The If-None-Exist value for a Provenance built with a change key: `_tag=urn:ietf:rfc:3986|<key>`. */
export function provenanceConditionalQuery(provenance: Provenance): string {
  const key = provenance.meta?.tag?.find((t) => t.system === CHANGE_KEY_SYSTEM)?.code;
  if (key === undefined) throw new WriteInputError('the Provenance carries no change key, so it cannot be created conditionally');
  return `_tag=${encodeURIComponent(`${CHANGE_KEY_SYSTEM}|${key}`)}`;
}
