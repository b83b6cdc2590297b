/**
 * Reads what a trust's IT team saved from their own server — a Bundle, a single resource, or NDJSON —
 * into a flat list of resources, and works out which patient it is about.
 */
import { readFile } from 'node:fs/promises';

export class FhirFileError extends Error {
  override readonly name = 'FhirFileError';
}

export interface LoadedFhirFile {
  resources: Record<string, unknown>[];
  warnings: string[];
}

/** Reads and parses a FHIR JSON or NDJSON file. Throws FhirFileError with a one-line reason. */
export async function loadFhirFile(path: string): Promise<LoadedFhirFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new FhirFileError(code === 'ENOENT' ? `no such file: ${path}` : `cannot read ${path} (${code ?? 'unknown error'})`);
  }
  return parseFhirText(text, path);
}

export function parseFhirText(text: string, label: string): LoadedFhirFile {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') throw new FhirFileError(`${label} is empty`);
  const whole = tryParse(trimmed);
  if (whole.ok) return fromJson(whole.value, label);
  // Not one JSON document: NDJSON, one resource a line.
  const resources: Record<string, unknown>[] = [];
  const warnings: string[] = [];
  const lines = trimmed.split(/\r?\n/);
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const parsed = tryParse(line);
    if (!parsed.ok || !isResource(parsed.value)) {
      warnings.push(`line ${index + 1} of ${label} is not a FHIR resource and was skipped`);
      return;
    }
    resources.push(parsed.value);
  });
  if (resources.length === 0) throw new FhirFileError(`${label} is neither FHIR JSON nor NDJSON (${whole.error})`);
  return { resources, warnings };
}

function fromJson(value: unknown, label: string): LoadedFhirFile {
  if (!isResource(value)) throw new FhirFileError(`${label} is JSON but not a FHIR resource (no resourceType)`);
  if (value.resourceType !== 'Bundle') return { resources: [value], warnings: [] };
  const entries = value.entry;
  if (entries === undefined) return { resources: [], warnings: [`${label} is an empty Bundle`] };
  if (!Array.isArray(entries)) throw new FhirFileError(`${label} is a Bundle whose entry is not a list`);
  const resources: Record<string, unknown>[] = [];
  const warnings: string[] = [];
  entries.forEach((entry: unknown, index) => {
    const resource = typeof entry === 'object' && entry !== null ? (entry as { resource?: unknown }).resource : undefined;
    if (isResource(resource)) resources.push(resource);
    else warnings.push(`Bundle entry ${index + 1} of ${label} holds no resource and was skipped`);
  });
  return { resources, warnings };
}

/**
 * The patient a file is about: the one Patient in it, or — for a lone RelatedPerson, Consent or List —
 * the patient those reference. Undefined when the file names several patients or none.
 */
export function patientOfFile(resources: readonly Record<string, unknown>[]): string | undefined {
  const patients = resources.filter((r) => r.resourceType === 'Patient' && typeof r.id === 'string');
  if (patients.length === 1) return `Patient/${patients[0]!.id as string}`;
  if (patients.length > 1) return undefined;
  const referenced = new Set<string>();
  for (const r of resources) {
    const ref = patientReferenceOf(r);
    if (ref) referenced.add(ref);
  }
  return referenced.size === 1 ? [...referenced][0] : undefined;
}

/** Whether any resource in the file refers to this patient ("Patient/<id>") as the one it is about. */
export function mentionsPatient(resources: readonly Record<string, unknown>[], patient: string): boolean {
  return resources.some((r) => patientReferenceOf(r) === patient);
}

function patientReferenceOf(resource: Record<string, unknown>): string | undefined {
  const field = resource.resourceType === 'List' ? resource.subject : resource.patient;
  const reference = typeof field === 'object' && field !== null ? (field as { reference?: unknown }).reference : undefined;
  if (typeof reference !== 'string') return undefined;
  const match = /(?:^|\/)(Patient\/[A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(reference);
  return match?.[1];
}

function isResource(value: unknown): value is Record<string, unknown> & { resourceType: string } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { resourceType?: unknown }).resourceType === 'string';
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}
