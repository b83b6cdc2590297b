/**
 * What the FHIR server says it can do (its CapabilityStatement, `GET [base]/metadata`), reduced to
 * the choices the adapter makes: one `_revinclude` search or a batch for the read; a transaction with
 * Provenance or plain interactions for writes; and which writes to offer at all. Some vendors' APIs
 * offer RelatedPerson and Consent read/search only: those writes are turned off with a plain reason
 * instead of failing when the clinician clicks.
 *
 * @see https://hl7.org/fhir/R4/capabilitystatement.html
 */
import { FhirError } from './errors';
import { CapabilityStatementSchema } from './fhir/schemas';
import type { FhirHttp } from './http/fhirHttp';
import {
  OPTIONAL_TYPES,
  REQUIRED_REVINCLUDES,
  UPDATABLE_TYPES,
  WRITABLE_TYPES,
  WRITE_WORDS,
  LINKED_RESOURCES,
  revincludeTarget,
  type OptionalType,
  type UpdatableType,
  type WritableType,
} from './fhir/carerRecordResources';

export type { WritableType } from './fhir/carerRecordResources';

/** Whether a writable type may be created, and (for the types the app updates) updated. */
export type WriteAllowance<T extends WritableType> = T extends UpdatableType ? { create: boolean; update: boolean } : { create: boolean };

export interface Capabilities {
  /**
   * The server declares `_revinclude` on Patient searches for every type of the carer record the read
   * cannot do without (adapter/fhir/carerRecordResources.ts; the carer's Tasks point at the
   * RelatedPerson, reached with `:iterate`).
   */
  revinclude: boolean;
  /** The optional types (EpisodeOfCare: service start and team, …) also declared as `_revinclude` on Patient. */
  optionalRevinclude: readonly OptionalType[];
  /** The optional types the server can search (for the batch read). */
  optionalSearch: readonly OptionalType[];
  /** The server takes batch Bundles. */
  batch: boolean;
  /** The server takes transaction Bundles. */
  transaction: boolean;
  /** A Provenance can be written in the same transaction as each change. */
  provenanceInTransaction: boolean;
  /** The server honours If-None-Exist, so a repeated create finds the first instead of duplicating. */
  conditionalCreate: Record<WritableType, boolean>;
  canWrite: { [T in WritableType]: WriteAllowance<T> };
  /**
   * Why a write is off, keyed `<Type>.<create|update>` (e.g. `Consent.create`): a sentence to show
   * next to the disabled action.
   */
  reasons: Record<string, string>;
  /** Things worth telling an administrator (e.g. the server is not FHIR R4). Never patient data. */
  warnings: string[];
}

/** Every writable type allowed, for a server that does not say (the server decides). */
function everyWrite(allowed: (type: WritableType, interaction: 'create' | 'update') => boolean): Capabilities['canWrite'] {
  return Object.fromEntries(
    WRITABLE_TYPES.map((type) => [type, UPDATABLE_TYPES.has(type) ? { create: allowed(type, 'create'), update: allowed(type, 'update') } : { create: allowed(type, 'create') }]),
  ) as Capabilities['canWrite'];
}

/**
 * Capabilities assumed when the server publishes no usable CapabilityStatement: try the standard
 * interactions and let the server's answer decide (every failure is still a clear FhirError).
 */
export const ASSUMED_CAPABILITIES: Capabilities = {
  revinclude: true,
  optionalRevinclude: [],
  optionalSearch: [],
  batch: false,
  transaction: false,
  provenanceInTransaction: false,
  conditionalCreate: Object.fromEntries(WRITABLE_TYPES.map((type) => [type, true])) as Record<WritableType, boolean>,
  canWrite: everyWrite(() => true),
  reasons: {},
  warnings: ['The FHIR server did not describe what it supports (no CapabilityStatement); every action is offered and the server decides.'],
};

/** Reduces a CapabilityStatement (any JSON) to the adapter's choices. Pure. */
export function deriveCapabilities(statement: unknown): Capabilities {
  const parsed = CapabilityStatementSchema.safeParse(statement);
  if (!parsed.success) {
    return { ...ASSUMED_CAPABILITIES, warnings: ['The FHIR server described what it supports in a form that could not be read; every action is offered and the server decides.'] };
  }
  const cs = parsed.data;
  const rest = cs.rest?.find((r) => r.mode === 'server') ?? cs.rest?.[0];
  const warnings: string[] = [];
  if (cs.fhirVersion !== undefined && !cs.fhirVersion.startsWith('4.0')) {
    warnings.push(`The FHIR server reports FHIR version ${cs.fhirVersion.slice(0, 20)}; Carer Prompts is built for FHIR R4 (4.0.x).`);
  }
  const resource = (type: string) => rest?.resource?.find((r) => r.type === type);
  const interactions = (type: string) => new Set((resource(type)?.interaction ?? []).map((i) => i.code));
  const system = new Set((rest?.interaction ?? []).map((i) => i.code));

  const patientRevincludes = new Set(resource('Patient')?.searchRevInclude ?? []);
  const declared = (target: string) => patientRevincludes.has('*') || patientRevincludes.has(target);
  const revinclude = REQUIRED_REVINCLUDES.every(declared);
  const optionalRows = LINKED_RESOURCES.filter((row) => (OPTIONAL_TYPES as readonly string[]).includes(row.type));

  const reasons: Record<string, string> = {};
  const allowed = (type: WritableType, interaction: 'create' | 'update'): boolean => {
    const ok = interactions(type).has(interaction);
    if (!ok) reasons[`${type}.${interaction}`] = reasonFor(type, interaction, resource(type) !== undefined);
    return ok;
  };
  const canWrite = everyWrite(allowed);
  const conditionalCreate = Object.fromEntries(WRITABLE_TYPES.map((type) => [type, resource(type)?.conditionalCreate === true])) as Record<WritableType, boolean>;
  const transaction = system.has('transaction');
  return {
    revinclude,
    optionalRevinclude: revinclude ? optionalRows.filter((row) => declared(revincludeTarget(row))).map((row) => row.type as OptionalType) : [],
    optionalSearch: optionalRows.filter((row) => interactions(row.type).has('search-type')).map((row) => row.type as OptionalType),
    batch: system.has('batch'),
    transaction,
    provenanceInTransaction: transaction && interactions('Provenance').has('create'),
    conditionalCreate,
    canWrite,
    reasons,
    warnings,
  };
}

function reasonFor(type: WritableType, interaction: 'create' | 'update', listed: boolean): string {
  const { records, instead } = WRITE_WORDS[type];
  const why = listed ? 'read-only API' : 'not offered by this server';
  return interaction === 'create'
    ? `This server does not accept new ${records} (${why}) — ${instead}.`
    : `This server does not allow changes to ${records} (${why}) — ${instead}.`;
}

/**
 * Reads `/metadata` once. A server without a CapabilityStatement (404, not FHIR JSON) gets the
 * assumed capabilities; a failure that may pass (network, timeout, 5xx) is thrown and not remembered,
 * so the next call asks again.
 */
export function capabilitiesLoader(http: FhirHttp): (signal?: AbortSignal) => Promise<Capabilities> {
  let cached: Promise<Capabilities> | undefined;
  return (signal) => {
    // The shared read is not tied to one caller's signal: a caller that navigates away stops
    // waiting for it, without failing it for the others.
    cached ??= load(http).catch((error: unknown) => {
      cached = undefined;
      throw error;
    });
    return untilAborted(cached, signal);
  };
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new FhirError({ kind: 'aborted', cause: signal.reason, context: { interaction: 'capabilities' } }));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new FhirError({ kind: 'aborted', cause: signal.reason, context: { interaction: 'capabilities' } }));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

async function load(http: FhirHttp): Promise<Capabilities> {
  try {
    const response = await http.send({ method: 'GET', path: 'metadata', context: { interaction: 'capabilities', resourceType: 'CapabilityStatement' } });
    return deriveCapabilities(response.body);
  } catch (error) {
    if (error instanceof FhirError && (error.kind === 'not-found' || error.kind === 'invalid-response' || error.kind === 'unsupported')) {
      return ASSUMED_CAPABILITIES;
    }
    throw error;
  }
}
