/**
 * Marks a related person as the patient's carer, or records that they are not one.
 *
 * Works on the raw RelatedPerson as the server sent it and returns a changed deep copy: the carer
 * coding is added (isCarer) or every carer coding removed (not a carer), and the project carer-status
 * extension (docs/extensions.md) is set with the date asked. Every other element is left untouched.
 */
import { READ_CARER_ROLES, WRITE_CARER_ROLE, carerStatusExtensionUrl, codingMatches } from '../../../shared/terminology';
import type { RawResource } from '../../fhir/rawStore';
import { copyOf, requireDateTime, requireRaw, WriteInputError } from './inputs';

type Json = Record<string, unknown>;

export function withCarerStatus(raw: RawResource, isCarer: boolean, askedOn: string, extensionBase: string): RawResource {
  requireRaw(raw, 'RelatedPerson', 'Recording carer status');
  requireDateTime(askedOn, 'askedOn');
  const copy = copyOf(raw);
  setRelationship(copy, isCarer);
  setExtension(copy, carerStatusExtensionUrl(extensionBase), {
    url: carerStatusExtensionUrl(extensionBase),
    extension: [
      { url: 'isCarer', valueBoolean: isCarer },
      { url: 'askedOn', valueDateTime: askedOn },
    ],
  });
  return copy;
}

const isCarerCoding = (coding: unknown): boolean =>
  typeof coding === 'object' && coding !== null && codingMatches(coding as { system?: string; code?: string }, READ_CARER_ROLES);

function setRelationship(resource: RawResource, isCarer: boolean): void {
  const current = resource.relationship;
  if (current !== undefined && !Array.isArray(current)) throw new WriteInputError('the RelatedPerson has a malformed relationship element');
  const concepts = (current ?? []) as Json[];
  const codingsOf = (concept: Json): unknown[] => (Array.isArray(concept.coding) ? concept.coding : []);
  if (isCarer) {
    if (concepts.some((c) => codingsOf(c).some(isCarerCoding))) return;
    resource.relationship = [...concepts, { coding: [{ ...WRITE_CARER_ROLE }] }];
    return;
  }
  if (!concepts.some((c) => codingsOf(c).some(isCarerCoding))) return;
  const kept: Json[] = [];
  for (const concept of concepts) {
    const codings = codingsOf(concept);
    const remaining = codings.filter((c) => !isCarerCoding(c));
    if (remaining.length === codings.length) kept.push(concept);
    // A concept whose only codings said "carer" goes entirely: its text said the same thing.
    else if (remaining.length > 0) kept.push({ ...concept, coding: remaining });
  }
  if (kept.length > 0) resource.relationship = kept;
  else delete resource.relationship;
}

/** Replaces the extension with this url in place (first occurrence; later duplicates removed), else appends it. */
function setExtension(resource: RawResource, url: string, extension: Json): void {
  const current = resource.extension;
  if (current !== undefined && !Array.isArray(current)) throw new WriteInputError('the RelatedPerson has a malformed extension element');
  const list = (current ?? []) as Json[];
  const index = list.findIndex((e) => e?.url === url);
  if (index === -1) {
    resource.extension = [...list, extension];
    return;
  }
  resource.extension = list.flatMap((e, i) => (i === index ? [extension] : e?.url === url ? [] : [e]));
}
