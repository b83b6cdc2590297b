import { FhirError, errorFromResponse } from '../errors';
import { AUDIT_TYPES, OPTIONAL_TYPE_SET, REQUIRED_AUDIT_TYPE_SET, WITHOUT_TYPE } from '../fhir/carerRecordResources';
import { sameOriginUrl } from './sameOrigin';
import { readJsonQuietly, sendWithRetry, type PullTransport, type RetryPolicy } from './transport';

/** Which population an export covers. */
export type ExportLevel = { kind: 'system' } | { kind: 'patient' } | { kind: 'group'; id: string };

/**
 * The resource types the audit reads: the carer record's (adapter/fhir/carerRecordResources.ts, the
 * one table the panel's read, the scopes and the searches use too).
 */
export const AUDIT_RESOURCE_TYPES = AUDIT_TYPES;

/**
 * Types the audit can do without when a search for them is refused: a server that cannot search them
 * costs the audit a detail (service start dates…), reported as a warning rather than failing the pull.
 */
export const OPTIONAL_AUDIT_TYPES: ReadonlySet<string> = OPTIONAL_TYPE_SET;

/**
 * The types without which there is no audit at all: the patients, their carers and the carers'
 * consent decisions. A server that does not offer one of them cannot be audited.
 */
export const REQUIRED_AUDIT_TYPES: ReadonlySet<string> = REQUIRED_AUDIT_TYPE_SET;

/**
 * What the report loses when a server does not offer a type at all (its CapabilityStatement leaves
 * it out): said plainly beside the results. A type of AUDIT_RESOURCE_TYPES that is neither here nor
 * required is left out with a general sentence.
 */
export const WITHOUT_AUDIT_TYPE: Readonly<Record<string, string>> = WITHOUT_TYPE;

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

/**
 * The kick-off URL for an export at the given level.
 *
 * @see https://hl7.org/fhir/uv/bulkdata/export.html#bulk-data-kick-off-request
 * @example exportKickOffUrl('https://fhir.example.org/r4', { kind: 'group', id: 'team-north' }, ['Patient'])
 *   // https://fhir.example.org/r4/Group/team-north/$export?_type=Patient
 */
export function exportKickOffUrl(fhirBase: string, level: ExportLevel, types: readonly string[]): URL {
  const base = fhirBase.endsWith('/') ? fhirBase : `${fhirBase}/`;
  let path: string;
  switch (level.kind) {
    case 'system':
      path = '$export';
      break;
    case 'patient':
      path = 'Patient/$export';
      break;
    case 'group':
      if (!FHIR_ID.test(level.id)) {
        throw new FhirError({
          kind: 'bad-request',
          message: 'the Group id is not a valid FHIR id',
          userMessage: `"${level.id}" is not a valid Group id (letters, digits, "-" and "." only, up to 64).`,
        });
      }
      path = `Group/${level.id}/$export`;
      break;
  }
  const url = new URL(path, base);
  if (types.length > 0) url.searchParams.set('_type', types.join(','));
  return url;
}

/**
 * Starts an export and returns its status URL (from Content-Location), which must be on the FHIR
 * server's own origin.
 */
export async function kickOffExport(url: URL, fhirBase: string, transport: PullTransport, retry?: RetryPolicy): Promise<URL> {
  const response = await sendWithRetry(
    url,
    { method: 'GET', headers: { accept: 'application/fhir+json', prefer: 'respond-async' } },
    transport,
    {},
    retry,
  );
  if (response.status !== 202) {
    const body = await readJsonQuietly(response);
    if (response.ok) {
      throw new FhirError({
        kind: 'unsupported',
        status: response.status,
        message: `export kick-off answered ${response.status}, not 202 Accepted`,
        userMessage: 'The FHIR server did not start an asynchronous export. Try the paged search instead (--search).',
      });
    }
    const error = errorFromResponse(response.status, body);
    throw new FhirError({
      kind: error.kind,
      status: response.status,
      ...(error.outcome ? { outcome: error.outcome } : {}),
      message: `export kick-off failed (HTTP ${response.status})`,
      userMessage: `The FHIR server refused to start the export (HTTP ${response.status})${firstIssue(error.issues)}.`,
    });
  }
  await response.body?.cancel().catch(() => undefined);
  const location = response.headers.get('content-location');
  if (location === null || location.trim() === '') {
    throw new FhirError({
      kind: 'invalid-response',
      status: 202,
      message: 'export kick-off answered 202 without Content-Location',
      userMessage: 'The FHIR server accepted the export but did not say where to follow it (no Content-Location).',
    });
  }
  return sameOriginUrl(location, fhirBase, 'export status link');
}

export function firstIssue(issues: readonly string[]): string {
  return issues[0] === undefined ? '' : `: ${issues[0]}`;
}
