/**
 * RelatedPerson → the carer part of the domain (consent and assessment are attached by toCarerContext).
 *
 * Carer status, in order:
 * 1. a carer coding in `relationship` (READ_CARER_ROLES: UK Core `Carer`, the SNOMED unpaid-carer
 *    codes, v3-RoleClass CAREGIVER) → 'carer'. SNOMED 229774002 is the paid-carer occupation and
 *    does not count. A carer coding always wins: it is positive evidence someone recorded.
 * 2. the project carer-status extension at the configured base (docs/extensions.md): isCarer
 *    false → 'not-carer', true → 'carer'; askedOn is kept.
 * 3. otherwise 'unconfirmed' (a contact nobody has asked about yet).
 *
 * A paid care worker (SNOMED 229774002, the occupation) with no carer coding is 'not-carer' and is
 * never asked about; with a carer coding too they stay a carer, flagged `paidCareWorker` so the
 * contradiction is raised (carer-coded-as-paid). SNOMED 133932002 "Caregiver (person)" alone does
 * not say unpaid: 'unconfirmed', flagged `possibleCarer`. period.end is kept as `endedOn`: an ended
 * relationship is history (shared/domain/derive.ts isCurrent).
 */
import type { Carer, ContactPoint, ContactRole } from '../../shared/domain/types';
import { CONTACT_ROLES, FAMILY_RELATIONSHIPS, PAID_CAREGIVER_OCCUPATION, POSSIBLE_CARER_ROLES, READ_CARER_ROLES, SYSTEM, codingMatches } from '../../shared/terminology';
import type { FhirCodeableConcept } from '../fhir/datatypes';
import { RelatedPersonSchema, type FhirRelatedPerson } from '../fhir/schemas';
import { readCarerStatusExtension, readCopyCorrespondence } from './extensions';
import { parseResource, type ReadWarning } from './readResult';
import { resolveReference } from './references';
import { addressText, conceptText, humanNameText } from './text';

export type CarerWithoutDecisions = Omit<Carer, 'consent' | 'assessment'>;

export interface RelatedPersonRead {
  carer: CarerWithoutDecisions;
  /** "Patient/<id>" the person is related to. */
  patient: string;
  /** Malformed elements that were left out (never relationship, patient or active, which carry the meaning). */
  warnings: string[];
}

const DROPPABLE = ['identifier', 'name', 'telecom', 'birthDate', 'address', 'period'] as const;

export interface ReadRelatedPersonOptions {
  /** Base of the project's extension URLs (policy `extensionBase`). */
  extensionBase: string;
  /** A Bundle's fullUrl → "Type/id" map, for `urn:uuid:` references. */
  aliases?: ReadonlyMap<string, string>;
}

export function readRelatedPerson(raw: unknown, options: ReadRelatedPersonOptions): RelatedPersonRead | ReadWarning {
  const parsed = parseResource(RelatedPersonSchema, raw, 'RelatedPerson', DROPPABLE);
  if (!parsed.ok) return { warning: parsed.warning };
  const resource = parsed.value;
  const patient = resolveReference(resource.patient, 'Patient', options.aliases);
  if (!patient) return { warning: `RelatedPerson/${resource.id} does not reference a Patient and was skipped` };

  const relationship = resource.relationship ?? [];
  const statusExtension = readCarerStatusExtension(resource.extension, options.extensionBase);
  const hasCoding = (codes: readonly { system: string; code: string; display: string }[]): boolean => relationship.some((concept) => (concept.coding ?? []).some((c) => codingMatches(c, codes)));
  const hasCarerCoding = hasCoding(READ_CARER_ROLES);
  const paid = hasCoding([PAID_CAREGIVER_OCCUPATION]);
  const possible = !hasCarerCoding && hasCoding(POSSIBLE_CARER_ROLES);

  const carer: CarerWithoutDecisions = {
    reference: `RelatedPerson/${resource.id}`,
    id: resource.id,
    carerStatus: hasCarerCoding
      ? 'carer'
      : statusExtension?.isCarer === true
        ? 'carer'
        : statusExtension?.isCarer === false || (paid && !possible)
          ? 'not-carer'
          : 'unconfirmed',
    relationships: relationshipsOf(relationship),
    contactRoles: contactRolesOf(relationship),
    telecom: telecomOf(resource),
    active: resource.active !== false,
  };
  if (resource.meta?.versionId) carer.versionId = resource.meta.versionId;
  const name = humanNameText(resource.name);
  if (name) carer.name = name;
  if (statusExtension?.askedOn) carer.carerStatusAskedOn = statusExtension.askedOn;
  if (resource.birthDate) carer.birthDate = resource.birthDate;
  const familyCodes = familyCodesOf(relationship);
  if (familyCodes.length > 0) carer.familyCodes = familyCodes;
  const address = addressText(resource.address);
  if (address) carer.address = address;
  if (resource.period?.start) carer.identifiedOn = resource.period.start;
  if (resource.period?.end) carer.endedOn = resource.period.end;
  if (paid) carer.paidCareWorker = true;
  if (possible && carer.carerStatus === 'unconfirmed') carer.possibleCarer = true;
  const identifiers = (resource.identifier ?? [])
    .filter((i) => typeof i.value === 'string' && i.value.trim() !== '')
    .map((i) => `${i.system ?? ''}|${(i.value as string).trim()}`);
  if (identifiers.length > 0) carer.identifiers = [...new Set(identifiers)];
  const copy = readCopyCorrespondence(resource.extension);
  if (copy !== undefined) carer.copyCorrespondence = copy;
  return { carer, patient, warnings: parsed.warnings };
}

/** Family and social relationships in plain English; carer, contact-role and paid-carer codings are not relationships. */
export function relationshipsOf(concepts: readonly FhirCodeableConcept[]): string[] {
  const out: string[] = [];
  const add = (text: string | undefined): void => {
    const trimmed = text?.trim();
    if (trimmed && !out.includes(trimmed)) out.push(trimmed);
  };
  for (const concept of concepts) {
    const codings = concept.coding ?? [];
    const family = codings.filter((c) => c.system === SYSTEM.v3RoleCode && c.code !== undefined);
    if (family.length > 0) {
      for (const coding of family) add(familyDisplay(coding.code ?? '') ?? coding.display ?? concept.text ?? coding.code);
      continue;
    }
    const describesSomethingElse = codings.some(
      (c) => codingMatches(c, READ_CARER_ROLES) || codingMatches(c, POSSIBLE_CARER_ROLES) || codingMatches(c, [PAID_CAREGIVER_OCCUPATION]) || c.system === SYSTEM.v2ContactRole,
    );
    if (!describesSomethingElse) add(conceptText(concept));
  }
  return out;
}

/** The v3 RoleCode codes recorded in `relationship` (each once, in record order). */
export function familyCodesOf(concepts: readonly FhirCodeableConcept[]): string[] {
  const codes: string[] = [];
  for (const concept of concepts) {
    for (const coding of concept.coding ?? []) {
      const code = coding.code?.trim();
      if (coding.system === SYSTEM.v3RoleCode && code && !codes.includes(code)) codes.push(code);
    }
  }
  return codes;
}

function familyDisplay(code: string): string | undefined {
  return Object.hasOwn(FAMILY_RELATIONSHIPS, code) ? FAMILY_RELATIONSHIPS[code] : undefined;
}

export function contactRolesOf(concepts: readonly FhirCodeableConcept[]): ContactRole[] {
  const roles: ContactRole[] = [];
  for (const concept of concepts) {
    for (const coding of concept.coding ?? []) {
      if (coding.system !== SYSTEM.v2ContactRole || coding.code === undefined) continue;
      const role = Object.hasOwn(CONTACT_ROLES, coding.code) ? CONTACT_ROLES[coding.code] : undefined;
      if (role && !roles.includes(role)) roles.push(role);
    }
  }
  return roles;
}

export function telecomOf(resource: Pick<FhirRelatedPerson, 'telecom'>): ContactPoint[] {
  return (resource.telecom ?? [])
    .filter((t) => typeof t.value === 'string' && t.value.trim() !== '' && t.period?.end === undefined)
    .map((t) => (t.system ? { system: t.system, value: t.value as string } : { value: t.value as string }));
}
