import type { Bundle, OperationOutcome, Resource } from '@medplum/fhirtypes';

export interface FhirReply<T = Resource> {
  status: number;
  headers: Headers;
  body: T | undefined;
}

/** Sends a request to the sandbox and parses the JSON body (if any); never throws on HTTP errors. */
export async function fhirFetch<T = Resource>(url: string, init: RequestInit & { json?: unknown } = {}): Promise<FhirReply<T>> {
  const { json, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (json !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/fhir+json');
  const response = await fetch(url, { ...rest, headers, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as T) : undefined };
}

export function outcomeText(body: unknown): string {
  const outcome = body as OperationOutcome | undefined;
  return (outcome?.issue ?? []).map((i) => i.details?.text ?? i.diagnostics ?? '').join('; ');
}

/** `Type/id` of every entry, in order. */
export function entryRefs(bundle: Bundle | undefined): string[] {
  return (bundle?.entry ?? []).map((e) => `${e.resource?.resourceType}/${e.resource?.id}`);
}

/** Fixed "today" for sandbox tests, so generated dates never depend on the clock. */
export const TEST_NOW = new Date('2026-03-15T10:00:00Z');
