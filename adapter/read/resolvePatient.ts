/**
 * Finds the patient a clinician means: by FHIR id (`Patient/123` or `123`), or by NHS number
 * (10 digits, spaces and dashes tolerated), checked before any request is made — the modulus 11
 * digit, and numbers no one can hold (0000000000 passes mod 11) — then searched as
 * `Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|<digits>`.
 */
import type { PatientReference, PatientSummary } from '../../shared/domain/types';
import { isValidNhsNumber, normaliseNhsNumber } from '../../shared/nhsNumber';
import { SYSTEM } from '../../shared/terminology';
import { FhirError } from '../errors';
import { FHIR_ID } from '../fhir/primitives';
import { isRawResource, type RawResource } from '../fhir/rawStore';
import type { FhirHttp } from '../http/fhirHttp';
import { readPatient } from '../mapping/readPatient';
import { searchResources } from './paging';

export interface ResolvedPatient {
  reference: PatientReference;
  id: string;
  versionId?: string;
  summary: PatientSummary;
  /** The Patient as the server sent it. */
  raw: RawResource;
}

const LOOKS_LIKE_NHS_NUMBER = /^[\d\s\u00a0\u2009\u202f\-\u2010\u2011\u2012\u2013\u2212]+$/;

export async function resolvePatient(http: FhirHttp, idOrNhsNumber: string, options: { signal?: AbortSignal } = {}): Promise<ResolvedPatient> {
  const input = typeof idOrNhsNumber === 'string' ? idOrNhsNumber.trim() : '';
  const signal = options.signal ? { signal: options.signal } : {};
  if (input !== '' && LOOKS_LIKE_NHS_NUMBER.test(input) && /\d/.test(input)) {
    const digits = normaliseNhsNumber(input);
    // Ten bare digits are an NHS number, never a FHIR id: trusts' EHR pages show the number this way.
    if (digits !== undefined || !FHIR_ID.test(input)) return byNhsNumber(http, digits, signal);
  }
  const id = input.startsWith('Patient/') ? input.slice('Patient/'.length) : input;
  if (!FHIR_ID.test(id)) {
    throw new FhirError({
      kind: 'bad-request',
      context: { resourceType: 'Patient' },
      message: 'neither a FHIR id nor an NHS number',
      userMessage: 'Enter the patient as a FHIR id (for example Patient/123) or a 10-digit NHS number.',
    });
  }
  const response = await http.send({ method: 'GET', path: `Patient/${encodeURIComponent(id)}`, ...signal, context: { interaction: 'read', resourceType: 'Patient' } });
  return resolved(response.body);
}

async function byNhsNumber(http: FhirHttp, digits: string | undefined, signal: { signal?: AbortSignal }): Promise<ResolvedPatient> {
  if (digits === undefined || !isValidNhsNumber(digits)) {
    throw new FhirError({
      kind: 'bad-request',
      context: { resourceType: 'Patient' },
      message: 'not a valid NHS number',
      userMessage: 'That NHS number is not valid: it must be 10 digits with a correct check digit, and numbers such as 000 000 0000 are never issued. Check the number and try again.',
    });
  }
  const path = `Patient?identifier=${encodeURIComponent(`${SYSTEM.nhsNumber}|${digits}`)}`;
  const found = await searchResources(http, { path }, { ...signal, maxPages: 5, context: { interaction: 'search', resourceType: 'Patient' } });
  const patients = new Map<string, RawResource>();
  for (const resource of found) if (resource.resourceType === 'Patient' && typeof resource.id === 'string') patients.set(resource.id, resource);
  if (patients.size === 0) {
    throw new FhirError({
      kind: 'not-found',
      context: { interaction: 'search', resourceType: 'Patient' },
      message: 'no patient with that NHS number',
      userMessage: 'No patient with that NHS number was found on the FHIR server. Check the number, or look the patient up in the EHR.',
    });
  }
  if (patients.size > 1) {
    throw new FhirError({
      kind: 'conflict',
      context: { interaction: 'search', resourceType: 'Patient' },
      message: `${patients.size} patients share that NHS number`,
      userMessage: 'More than one patient on the FHIR server has this NHS number, so it is ambiguous and none was chosen. Open the patient by their record id, and ask your EHR team to merge the duplicates.',
    });
  }
  return resolved([...patients.values()][0]);
}

function resolved(body: unknown): ResolvedPatient {
  if (!isRawResource(body) || body.resourceType !== 'Patient') {
    throw new FhirError({ kind: 'invalid-response', context: { interaction: 'read', resourceType: 'Patient' }, message: 'the answer is not a Patient' });
  }
  const read = readPatient(body);
  if ('warning' in read) {
    throw new FhirError({ kind: 'invalid-response', issues: [read.warning], context: { interaction: 'read', resourceType: 'Patient' }, message: 'the Patient could not be read' });
  }
  const summary = read.patient;
  return { reference: summary.reference, id: summary.id, ...(summary.versionId ? { versionId: summary.versionId } : {}), summary, raw: body };
}
