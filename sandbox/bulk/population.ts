import type { Resource } from '@medplum/fhirtypes';
import type { SandboxRepository } from '../http/sandboxRepository';

export type ExportLevel = { kind: 'system' } | { kind: 'patient' } | { kind: 'group'; id: string };

/** Types a Patient- or Group-level export can hold, in the order they are written. */
export const COMPARTMENT_TYPES = ['Patient', 'RelatedPerson', 'Consent', 'List', 'EpisodeOfCare', 'Task', 'CarePlan', 'Communication'] as const;

type References = (resource: Resource) => Array<string | undefined>;
const ref = (value: unknown): string | undefined => (value as { reference?: string } | undefined)?.reference;

/**
 * Where each type names the patient whose compartment it is in, as R4's Patient
 * CompartmentDefinition says: RelatedPerson.patient, Consent.patient, List.subject / source,
 * EpisodeOfCare.patient, Task.for (search `patient`) / focus, CarePlan.subject. A carer's assessment Task has `for`
 * and `focus` = the RelatedPerson, so it is in no Patient's compartment, and a Patient- or
 * Group-level export leaves it out — as a production server does.
 * @see https://hl7.org/fhir/R4/compartmentdefinition-patient.html
 */
const COMPARTMENT_REFERENCES: Readonly<Record<string, References>> = {
  Patient: (r) => [`Patient/${r.id ?? ''}`],
  RelatedPerson: (r) => [ref((r as { patient?: unknown }).patient)],
  Consent: (r) => [ref((r as { patient?: unknown }).patient)],
  List: (r) => [ref((r as { subject?: unknown }).subject), ref((r as { source?: unknown }).source)],
  EpisodeOfCare: (r) => [ref((r as { patient?: unknown }).patient)],
  Task: (r) => [ref((r as { for?: unknown }).for), ref((r as { focus?: unknown }).focus)],
  CarePlan: (r) => [ref((r as { subject?: unknown }).subject)],
  // R4's Patient compartment: Communication subject, sender, recipient.
  Communication: (r) => [ref((r as { subject?: unknown }).subject), ref((r as { sender?: unknown }).sender), ...((r as { recipient?: unknown[] }).recipient ?? []).map(ref)],
};

/**
 * Decides, resource by resource, what an export at a level includes. System level includes
 * everything; Patient level every resource in some patient's compartment; Group level the same
 * for the Group's active members.
 */
export class PopulationFilter {
  private constructor(private readonly patients: ReadonlySet<string> | 'all' | undefined) {}

  static system(): PopulationFilter {
    return new PopulationFilter(undefined);
  }

  static allPatients(): PopulationFilter {
    return new PopulationFilter('all');
  }

  static members(patientReferences: ReadonlySet<string>): PopulationFilter {
    return new PopulationFilter(patientReferences);
  }

  includes(resource: Resource): boolean {
    if (this.patients === undefined) return true;
    const references = COMPARTMENT_REFERENCES[resource.resourceType]?.(resource) ?? [];
    return references.some((reference) => reference !== undefined && this.isPatient(reference));
  }

  private isPatient(reference: string): boolean {
    if (!reference.startsWith('Patient/')) return false;
    return this.patients === 'all' || (this.patients !== undefined && this.patients.has(reference));
  }
}

/** The Group's active Patient members as `Patient/<id>`, or undefined when there is no such Group. */
export async function groupMembers(repo: SandboxRepository, groupId: string): Promise<Set<string> | undefined> {
  let group: Resource;
  try {
    group = await repo.readResource('Group', groupId);
  } catch {
    return undefined;
  }
  const members = new Set<string>();
  for (const member of (group as { member?: Array<{ entity?: { reference?: string }; inactive?: boolean }> }).member ?? []) {
    const reference = member.entity?.reference;
    if (member.inactive !== true && reference?.startsWith('Patient/')) members.add(reference);
  }
  return members;
}
