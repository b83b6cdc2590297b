/**
 * The record's only way to the FHIR server: same-origin GETs returning parsed JSON, with one error
 * type whose message a clinician can act on (the app shows it as text).
 */
import type { Bundle, EpisodeOfCare, Organization, Patient, RelatedPerson, Resource } from '@medplum/fhirtypes';
import { SYSTEM } from '../../../shared/terminology';

export class RecordUnavailableError extends Error {
  override readonly name = 'RecordUnavailableError';
  constructor(
    message: string,
    /** HTTP status, absent when the server could not be reached at all. */
    readonly status?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

export function isAbortError(error: unknown): boolean {
  return isAbort(error);
}

function isResource(value: unknown): value is Resource {
  return typeof value === 'object' && value !== null && typeof (value as { resourceType?: unknown }).resourceType === 'string';
}

/** A patient as the record shows them: the Patient resource and the name of the team they are on. */
export type PatientWithTeam = Patient & { id: string; team: string };

/** The team's name: the reference's display if the record wrote one, else the included Organization's name. */
function withTeam(patient: Patient, included: readonly Resource[]): PatientWithTeam {
  const reference = patient.managingOrganization;
  const organization = included.find(
    (resource): resource is Organization => resource.resourceType === 'Organization' && reference?.reference === `Organization/${resource.id}`,
  );
  const team = reference?.display?.trim() || organization?.name?.trim() || '';
  return { ...patient, id: patient.id ?? '', team };
}

export class FhirReader {
  constructor(private readonly base: string) {}

  private async get(path: string, signal: AbortSignal): Promise<Resource> {
    let response: Response;
    try {
      response = await fetch(`${this.base}/${path}`, { headers: { Accept: 'application/fhir+json' }, signal });
    } catch (error) {
      if (isAbort(error)) throw error;
      throw new RecordUnavailableError(
        'The clinical record server cannot be reached. Check your connection, then try again; if it persists, contact the IT service desk.',
        undefined,
        { cause: error },
      );
    }
    if (response.status === 404 || response.status === 410) {
      throw new RecordUnavailableError('No record was found at this address. It may have been merged or removed.', response.status);
    }
    if (!response.ok) {
      throw new RecordUnavailableError(
        `The clinical record server could not answer (HTTP ${response.status}). Try again in a moment.`,
        response.status,
      );
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      if (isAbort(error)) throw error;
      throw new RecordUnavailableError('The clinical record server sent an unreadable answer. Try again in a moment.', response.status, {
        cause: error,
      });
    }
    if (!isResource(body)) {
      throw new RecordUnavailableError('The clinical record server sent an unreadable answer. Try again in a moment.', response.status);
    }
    return body;
  }

  private async search<T extends Resource>(
    resourceType: T['resourceType'],
    params: URLSearchParams,
    signal: AbortSignal,
  ): Promise<{ matches: T[]; included: Resource[] }> {
    const body = await this.get(`${resourceType}?${params.toString()}`, signal);
    if (body.resourceType !== 'Bundle') {
      throw new RecordUnavailableError('The clinical record server sent an unreadable answer. Try again in a moment.');
    }
    const matches: T[] = [];
    const included: Resource[] = [];
    for (const entry of (body as Bundle).entry ?? []) {
      const resource: unknown = entry.resource;
      if (!isResource(resource)) continue;
      if (entry.search?.mode === 'include') included.push(resource);
      else if (resource.resourceType === resourceType) matches.push(resource as T);
    }
    return { matches, included };
  }

  /** The patient with the team they are on (their managing organisation), in one round trip. */
  async patient(id: string, signal: AbortSignal): Promise<PatientWithTeam> {
    const params = new URLSearchParams({ _id: id, _include: 'Patient:organization:Organization' });
    const { matches, included } = await this.search<Patient>('Patient', params, signal);
    const patient = matches[0];
    if (!patient) throw new RecordUnavailableError('No record was found at this address. It may have been merged or removed.', 404);
    return withTeam(patient, included);
  }

  /** One page of the caseload, by surname; asks for one more than shown so "more" is only offered when there is more. */
  async patients(
    query: { offset: number; count: number; text?: string },
    signal: AbortSignal,
  ): Promise<{ patients: PatientWithTeam[]; more: boolean }> {
    const params = new URLSearchParams({
      _count: String(query.count + 1),
      _offset: String(query.offset),
      _sort: 'family',
      _include: 'Patient:organization:Organization',
    });
    const text = query.text?.trim();
    if (text) {
      const digits = text.replace(/[\s-]/g, '');
      if (/^\d{10}$/.test(digits)) params.set('identifier', `${SYSTEM.nhsNumber}|${digits}`);
      else params.set('name', text);
    }
    const { matches, included } = await this.search<Patient>('Patient', params, signal);
    return { patients: matches.slice(0, query.count).map((patient) => withTeam(patient, included)), more: matches.length > query.count };
  }

  /** When the patient's current episode with the service started, if the record says. */
  async episodeStart(patientId: string, signal: AbortSignal): Promise<string | undefined> {
    const params = new URLSearchParams({ patient: `Patient/${patientId}`, status: 'active', _count: '10' });
    const starts = (await this.search<EpisodeOfCare>('EpisodeOfCare', params, signal)).matches
      .map((episode) => episode.period?.start)
      .filter((start): start is string => typeof start === 'string')
      .sort();
    return starts[0];
  }

  async relatedPersons(patientId: string, signal: AbortSignal): Promise<RelatedPerson[]> {
    const params = new URLSearchParams({ patient: `Patient/${patientId}`, _count: '100' });
    return (await this.search<RelatedPerson>('RelatedPerson', params, signal)).matches;
  }
}
