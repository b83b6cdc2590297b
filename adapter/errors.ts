/**
 * The adapter's one error type, and the function that turns anything thrown at the network boundary
 * into it (Medplum core's `OperationOutcomeError` + `normalizeOperationOutcome` pattern).
 *
 * Privacy: `message` and `userMessage` never contain patient data. They name the interaction and the
 * resource type only, never a URL with its query (a search URL carries the NHS number). `issues` is
 * the server's own OperationOutcome text: show it to the clinician if useful, never log it.
 */
import type { OperationOutcome } from '@medplum/fhirtypes';
import type { RawResource } from './fhir/rawStore';

export const FHIR_ERROR_KINDS = [
  'conflict',
  'not-found',
  'gone',
  'unauthorized',
  'forbidden',
  'rate-limited',
  'unavailable',
  'timeout',
  'aborted',
  'network',
  'bad-request',
  'invalid-response',
  'unsupported',
  'server',
] as const;

/**
 * What went wrong, in terms a caller can branch on. `aborted` means the caller cancelled the work
 * (a navigation to another patient): it is not a failure to show to anyone.
 */
export type FhirErrorKind = (typeof FHIR_ERROR_KINDS)[number];

/** Where an error happened: used to phrase the sentence for the clinician, never holds patient data. */
export interface FhirErrorContext {
  /** The FHIR interaction being attempted. */
  interaction?: 'capabilities' | 'read' | 'search' | 'create' | 'update' | 'transaction' | 'batch' | 'page';
  /** The resource type the interaction is about. */
  resourceType?: string;
  /** Which precondition header was sent, so a 412 can be told apart (stale version vs duplicate match). */
  precondition?: 'if-match' | 'if-none-exist';
  /** Seconds the server asked us to wait (Retry-After), when known. */
  retryAfterSeconds?: number;
}

export interface FhirErrorInit {
  kind: FhirErrorKind;
  status?: number;
  outcome?: OperationOutcome;
  issues?: string[];
  userMessage?: string;
  cause?: unknown;
  current?: { resource: RawResource; versionId?: string };
  context?: FhirErrorContext;
  /** Technical message (for developers and logs); defaults to a summary without patient data. */
  message?: string;
}

/** One typed error for everything the adapter throws. */
export class FhirError extends Error {
  override readonly name = 'FhirError';
  readonly kind: FhirErrorKind;
  /** The HTTP status when the server answered. */
  readonly status?: number;
  /** The server's OperationOutcome, when it sent one. */
  readonly outcome?: OperationOutcome;
  /** The OperationOutcome issues as plain text (server text: show, never log). */
  readonly issues: string[];
  /** A sentence a clinician can act on. */
  readonly userMessage: string;
  /** For conflicts: the server's newer version, fetched after the 412/409, to show beside the draft. */
  readonly current?: { resource: RawResource; versionId?: string };
  readonly context: FhirErrorContext;

  constructor(init: FhirErrorInit) {
    const context = init.context ?? {};
    super(init.message ?? technicalMessage(init.kind, init.status, context), init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    if (init.status !== undefined) this.status = init.status;
    if (init.outcome !== undefined) this.outcome = init.outcome;
    this.issues = init.issues ?? (init.outcome ? outcomeIssues(init.outcome) : []);
    this.userMessage = init.userMessage ?? userMessageFor(init.kind, context);
    if (init.current !== undefined) this.current = init.current;
    this.context = context;
  }

  /** A copy carrying the server's current version (for a conflict). */
  withCurrent(current: { resource: RawResource; versionId?: string }): FhirError {
    return new FhirError({ ...this.init(), current });
  }

  private init(): FhirErrorInit {
    return {
      kind: this.kind,
      ...(this.status !== undefined ? { status: this.status } : {}),
      ...(this.outcome !== undefined ? { outcome: this.outcome } : {}),
      issues: this.issues,
      userMessage: this.userMessage,
      ...(this.cause !== undefined ? { cause: this.cause } : {}),
      context: this.context,
      message: this.message,
    };
  }
}

export function isFhirError(value: unknown): value is FhirError {
  return value instanceof FhirError;
}

/** The kind an HTTP error status means (2xx and 3xx are not errors and are never passed here). */
export function kindForStatus(status: number): FhirErrorKind {
  switch (status) {
    case 400:
    case 422:
      return 'bad-request';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not-found';
    case 405:
    case 406:
    case 415:
    case 501:
      return 'unsupported';
    case 408:
      return 'timeout';
    case 409:
    case 412:
      // A stale If-Match is a conflict whether the server says 412 (R4) or 409 (HAPI). A 409 without
      // a precondition is still a clash with the server's state (e.g. a duplicate), so also a conflict.
      return 'conflict';
    case 410:
      return 'gone';
    case 429:
      return 'rate-limited';
    case 502:
    case 503:
      return 'unavailable';
    case 504:
      // A gateway timed out waiting for the server: like our own timeout, a write may or may not have landed.
      return 'timeout';
    default:
      if (status >= 500) return 'server';
      if (status >= 400) return 'bad-request';
      return 'invalid-response';
  }
}

/** Builds the error for an HTTP error answer (status ≥ 400), reading an OperationOutcome body if there is one. */
export function errorFromResponse(status: number, body: unknown, context: FhirErrorContext = {}): FhirError {
  const outcome = asOperationOutcome(body);
  return new FhirError({ kind: kindForStatus(status), status, ...(outcome ? { outcome } : {}), context });
}

/**
 * Turns anything thrown (fhir-kit-client 1.x plain objects and 2.x Errors carrying `.response`, fetch
 * TypeErrors, AbortError / TimeoutError, zod errors, our own FhirError) into a FhirError.
 */
export function normalizeFhirError(error: unknown, context: FhirErrorContext = {}): FhirError {
  if (error instanceof FhirError) return error;
  const http = httpErrorShape(error);
  if (http) {
    if (http.status >= 200 && http.status < 300) {
      // fhir-kit-client throws on a 2xx whose body is not JSON: the server answered, but not FHIR.
      return new FhirError({ kind: 'invalid-response', status: http.status, context });
    }
    // The thrown object is not kept as `cause`: fhir-kit-client's message embeds the full request URL,
    // whose query can hold an NHS number.
    return errorFromResponse(http.status, http.data, context);
  }
  const name = errorName(error);
  if (name === 'TimeoutError') return new FhirError({ kind: 'timeout', cause: error, context });
  if (name === 'AbortError') return new FhirError({ kind: 'aborted', cause: error, context });
  if (name === 'ZodError' || name === '$ZodError') return new FhirError({ kind: 'invalid-response', cause: error, context });
  if (name === 'SyntaxError') return new FhirError({ kind: 'invalid-response', cause: error, context });
  if (error instanceof TypeError) {
    // fetch rejects with a TypeError when the network fails ("fetch failed", "Failed to fetch",
    // "NetworkError when attempting to fetch resource", "Load failed"): the request never got an answer.
    return new FhirError({ kind: 'network', cause: error, context });
  }
  return new FhirError({ kind: 'server', cause: error, context, message: `unexpected error during ${describeContext(context)}` });
}

/** The status, body and response headers of a fhir-kit-client error (1.x plain object or 2.x Error). */
export function httpErrorShape(error: unknown): { status: number; data: unknown; headers?: Headers } | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const response = (error as { response?: unknown }).response;
  if (typeof response !== 'object' || response === null) return undefined;
  const status = (response as { status?: unknown }).status;
  if (typeof status !== 'number' || !Number.isInteger(status)) return undefined;
  const data = (response as { data?: unknown }).data;
  // fhir-kit-client puts the response headers under `config` (2.x: a Headers object; 1.x: a plain record).
  const config = (error as { config?: unknown }).config;
  const rawHeaders = typeof config === 'object' && config !== null ? (config as { headers?: unknown }).headers : undefined;
  const headers = toHeaders(rawHeaders ?? (response as { headers?: unknown }).headers);
  return { status, data, ...(headers ? { headers } : {}) };
}

function toHeaders(value: unknown): Headers | undefined {
  if (value instanceof Headers) return value;
  if (typeof value !== 'object' || value === null) return undefined;
  const headers = new Headers();
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'string') headers.set(key, v);
    else if (Array.isArray(v)) headers.set(key, v.map(String).join(', '));
    else if (typeof v === 'number') headers.set(key, String(v));
  }
  return headers;
}

function errorName(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const name = (error as { name?: unknown }).name;
  return typeof name === 'string' ? name : undefined;
}

/** The body as an OperationOutcome, when it is one. */
export function asOperationOutcome(body: unknown): OperationOutcome | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  if ((body as { resourceType?: unknown }).resourceType !== 'OperationOutcome') return undefined;
  const issue = (body as { issue?: unknown }).issue;
  if (issue !== undefined && !Array.isArray(issue)) return undefined;
  return body as OperationOutcome;
}

/** Each issue as one line of plain text: severity, code, then the server's details or diagnostics. */
export function outcomeIssues(outcome: OperationOutcome): string[] {
  const issues = Array.isArray(outcome.issue) ? outcome.issue : [];
  return issues.flatMap((issue) => {
    if (typeof issue !== 'object' || issue === null) return [];
    const text = [issue.details?.text, issue.diagnostics].find((t): t is string => typeof t === 'string' && t.trim() !== '');
    const head = [issue.severity, issue.code].filter((p): p is NonNullable<typeof p> => typeof p === 'string').join(' ');
    const line = [head, text].filter((p) => p !== undefined && p !== '').join(': ');
    return line === '' ? [] : [line];
  });
}

const RECORD_NAMES: Readonly<Record<string, string>> = {
  Patient: 'patient record',
  RelatedPerson: 'carer record',
  Consent: 'consent record',
  Task: 'assessment record',
  List: '"asked: no carers" record',
  Provenance: 'record of who made the change',
  Bundle: 'set of records',
  CapabilityStatement: "server's description of what it supports",
};

function recordName(context: FhirErrorContext): string {
  return (context.resourceType && RECORD_NAMES[context.resourceType]) ?? 'record';
}

function describeContext(context: FhirErrorContext): string {
  return [context.interaction ?? 'request', context.resourceType].filter(Boolean).join(' ');
}

function technicalMessage(kind: FhirErrorKind, status: number | undefined, context: FhirErrorContext): string {
  return `FHIR ${describeContext(context)} failed: ${kind}${status !== undefined ? ` (HTTP ${status})` : ''}`;
}

/** The longest Retry-After repeated to a person; beyond it the server's number is not plausible (an epoch time sent as seconds, say). */
const LONGEST_WAIT_SAID_SECONDS = 60 * 60;

function waitPhrase(seconds: number | undefined): string {
  if (seconds === undefined) return 'in a minute';
  if (seconds > LONGEST_WAIT_SAID_SECONDS) return 'later (it asked for a wait of more than an hour, which is not plausible: tell your IT service desk if this continues)';
  if (seconds < 1.5) return 'in a second or two';
  if (seconds < 90) return `in about ${Math.round(seconds)} seconds`;
  return `in about ${Math.round(seconds / 60)} minutes`;
}

/** The sentence a clinician can act on, for each kind of failure. */
export function userMessageFor(kind: FhirErrorKind, context: FhirErrorContext = {}): string {
  const record = recordName(context);
  const writing = context.interaction === 'create' || context.interaction === 'update' || context.interaction === 'transaction';
  switch (kind) {
    case 'conflict':
      if (context.precondition === 'if-none-exist') {
        return `More than one matching ${record} already exists, so nothing was saved. Ask your EHR team to merge the duplicates.`;
      }
      return `Someone else changed this ${record} since you opened it. Compare their version with yours before saving again.`;
    case 'not-found':
      return `The ${record} was not found on the FHIR server. Check you have the right patient, or look in the EHR.`;
    case 'gone':
      return `The ${record} has been deleted from the FHIR server. Refresh to see the current record.`;
    case 'unauthorized':
      return 'Your session with the FHIR server has expired or was not accepted. Sign in again, then retry.';
    case 'forbidden':
      return writing
        ? `You do not have permission to change this ${record}. Record it in the EHR, or ask your system administrator for access.`
        : `You do not have permission to see this ${record}. Ask your system administrator for access.`;
    case 'rate-limited':
      return `The FHIR server is busy and asked us to slow down. Try again ${waitPhrase(context.retryAfterSeconds)}.`;
    case 'unavailable':
      return `The FHIR server is temporarily unavailable. Try again ${waitPhrase(context.retryAfterSeconds)}; if it persists, record it in the EHR.`;
    case 'timeout':
      return writing
        ? `The FHIR server took too long to answer, so we cannot tell whether the ${record} was saved. Refresh and check before trying again.`
        : 'The FHIR server took too long to answer. Try again; if it keeps happening, tell your IT service desk.';
    case 'aborted':
      return 'The request was cancelled.';
    case 'network':
      return writing
        ? `The FHIR server could not be reached, so we cannot tell whether the ${record} was saved. Check your connection, refresh and check before trying again.`
        : 'The FHIR server could not be reached. Check your network connection and try again.';
    case 'bad-request':
      return `The FHIR server did not accept the ${record}. Nothing was saved; record it in the EHR and tell your IT service desk.`;
    case 'invalid-response':
      return 'The FHIR server sent an answer that could not be read. Try again; if it keeps happening, tell your IT service desk.';
    case 'unsupported':
      return `This FHIR server does not support that action on the ${record}. Record it in the EHR instead.`;
    case 'server':
      return 'The FHIR server had a problem. Try again; if it keeps happening, tell your IT service desk.';
  }
}
