import type { Resource } from '@medplum/fhirtypes';
import type { SandboxRepository } from '../http/sandboxRepository';

export type ExportLevel = { kind: 'system' } | { kind: 'patient' } | { kind: 'group'; id: string };

/**
 * Types a Patient- or Group-level export can hold, in the order they are written: patients first,
 * then their carers (RelatedPerson), because the Tasks about a carer point at the RelatedPerson.
 */
export const COMPARTMENT_TYPES = ['Patient', 'RelatedPerson', 'Consent', 'List', 'EpisodeOfCare', 'Task'] as const;

/** Where each compartment type names its patient (Task is reached through Task.for). */
const PATIENT_REFERENCE: Readonly<Record<string, (resource: Resource) => string | undefined>> = {
  Patient: (r) => `Patient/${r.id ?? ''}`,
  RelatedPerson: (r) => (r as { patient?: { reference?: string } }).patient?.reference,
  Consent: (r) => (r as { patient?: { reference?: string } }).patient?.reference,
  List: (r) => (r as { subject?: { reference?: string } }).subject?.reference,
  EpisodeOfCare: (r) => (r as { patient?: { reference?: string } }).patient?.reference,
};

/**
 * Decides, resource by resource, what an export at a level includes. System level includes
 * everything; Patient level every resource of a patient's compartment; Group level the same for
 * the Group's active members. Tasks belong to a patient when `for` is the patient or one of the
 * patient's RelatedPersons — so RelatedPersons must be offered before Tasks.
 */
export class PopulationFilter {
  private readonly carers = new Set<string>();

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
    if (resource.resourceType === 'Task') {
      const target = (resource as { for?: { reference?: string } }).for?.reference;
      return target !== undefined && (this.isPatient(target) || this.carers.has(target));
    }
    const patient = PATIENT_REFERENCE[resource.resourceType]?.(resource);
    if (patient === undefined || !this.isPatient(patient)) return false;
    if (resource.resourceType === 'RelatedPerson' && resource.id !== undefined) this.carers.add(`RelatedPerson/${resource.id}`);
    return true;
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
