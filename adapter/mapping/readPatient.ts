/**
 * Patient → PatientSummary.
 *
 * Where fields come from (FHIR R4 / UK Core):
 * - nhsNumber: the identifier with system https://fhir.nhs.uk/Id/nhs-number, kept only when it passes
 *   the modulus-11 check (a number that fails it is a typing error, and searching by it finds someone else).
 * - name, address: as recorded, as text (./text.ts).
 * - serviceStart and team: the Patient resource has no standard element for either. They are read
 *   from the patient's EpisodeOfCare (period.start; team display, else managingOrganization display)
 *   when one is present (see ./episodeOfCare.ts, applied by toCarerContext). Without one, the team falls
 *   back to Patient.managingOrganization.display and serviceStart stays undefined. generalPractitioner
 *   is deliberately not used: it is the GP practice, not the mental-health team.
 */
import type { PatientSummary } from '../../shared/domain/types';
import { isValidNhsNumber, normaliseNhsNumber } from '../../shared/nhsNumber';
import { SYSTEM } from '../../shared/terminology';
import { PatientSchema, type FhirPatient } from '../fhir/schemas';
import { parseResource, type ReadWarning } from './readResult';
import { addressText, humanNameText } from './text';

export interface PatientRead {
  patient: PatientSummary;
  /** Problems worth telling the clinician that did not stop the Patient being read. */
  warnings: string[];
}

/** Elements the summary can do without when they are malformed (each left out with a warning). */
const DROPPABLE = ['identifier', 'name', 'birthDate', 'address', 'managingOrganization', 'generalPractitioner'] as const;
// deceased[x] is never dropped: a malformed one makes the Patient unreadable rather than alive.

export function readPatient(raw: unknown): PatientRead | ReadWarning {
  const parsed = parseResource(PatientSchema, raw, 'Patient', DROPPABLE);
  if (!parsed.ok) return { warning: parsed.warning };
  const resource = parsed.value;
  const warnings = [...parsed.warnings];
  const patient: PatientSummary = {
    reference: `Patient/${resource.id}`,
    id: resource.id,
  };
  if (resource.meta?.versionId) patient.versionId = resource.meta.versionId;
  const nhs = nhsNumberOf(resource);
  if (nhs.value) patient.nhsNumber = nhs.value;
  if (nhs.invalid) warnings.push(`Patient/${resource.id} carries an NHS number that fails the check digit; it was not used`);
  const name = humanNameText(resource.name);
  if (name) patient.name = name;
  if (resource.birthDate) patient.birthDate = resource.birthDate;
  const address = addressText(resource.address);
  if (address) patient.address = address;
  const team = resource.managingOrganization?.display?.trim();
  if (team) patient.team = team;
  if (resource.deceasedDateTime) patient.deceased = resource.deceasedDateTime;
  else if (resource.deceasedBoolean === true) patient.deceased = true;
  return { patient, warnings };
}

function nhsNumberOf(resource: FhirPatient): { value?: string; invalid: boolean } {
  const candidates = (resource.identifier ?? []).filter((i) => i.system === SYSTEM.nhsNumber && typeof i.value === 'string');
  for (const identifier of candidates) {
    const normalised = normaliseNhsNumber(identifier.value ?? '');
    if (normalised !== undefined && isValidNhsNumber(normalised)) return { value: normalised, invalid: false };
  }
  return { invalid: candidates.length > 0 };
}
