import { createFhirAdapter, type FhirAdapter, type WriteResult } from '../../adapter/client';
import type { SignedIn, SmartSession } from '../../adapter/auth';
import { performWrite } from '../../adapter/actions/perform';
import type { Capabilities } from '../../adapter/capabilities';
import { FhirError } from '../../adapter/errors';
import type { RawResource, RawStore } from '../../adapter/fhir/rawStore';
import type { CarerContext, PatientReference } from '../../shared/domain/types';
import { WRITE_ACTION_LIST, WRITE_KINDS } from '../../shared/actions/index';
import type { Action } from '../protocol/messages';
import type { ReadyView } from '../protocol/view';
import type { ExtensionOptions } from '../storage/options';
import { conflictFrom } from './conflictLines';
import { GatewayError, type Gateway } from './gateway';
import { loadPolicy } from './rules';

type WriteAction = Action;

/** The worker's own fetch (the adapter's default transport is for Node). */
const workerFetch: typeof fetch = (input, init) => fetch(input, init);

/** How long one FHIR request may take before the clinician is told the server is not answering. */
const TIMEOUT_MS = 15_000;

/**
 * One adapter per server and extension base, kept while the worker lives: it remembers what it
 * read, so an update starts from the resource exactly as the server sent it.
 */
const adapters = new Map<string, { adapter: FhirAdapter; raws: Map<PatientReference, RawStore> }>();

/** SMART mode: where the bearer token comes from, and what the granted scopes allow. Never a token in hand. */
export interface GatewayAuth {
  getToken: SmartSession['getToken'];
  signedIn: SmartSession['signedIn'];
}

function adapterFor(options: ExtensionOptions, auth: GatewayAuth | undefined) {
  const { extensionBase, timeZone } = loadPolicy(options.policyOverrides);
  const key = `${options.fhirBaseUrl}|${extensionBase}|${timeZone}|${options.authMode}|${options.clientId ?? ''}`;
  let entry = adapters.get(key);
  if (!entry) {
    const adapter = createFhirAdapter({ baseUrl: options.fhirBaseUrl, timeoutMs: TIMEOUT_MS, extensionBase, timeZone, fetch: workerFetch, ...(auth ? { getToken: auth.getToken } : {}) });
    entry = { adapter, raws: new Map() };
    adapters.set(key, entry);
  }
  return entry;
}

/** Forgets the adapters (and what they read): on sign-out, nothing read under the old session is reused. */
export function dropAdapters(): void {
  adapters.clear();
}

/** The FHIR gateway for the configured server: no token in open mode, the SMART session's in smart mode. */
export function createBackgroundGateway(options: ExtensionOptions, auth?: GatewayAuth): Gateway {
  const { adapter, raws } = adapterFor(options, auth);

  const read = async (patient: PatientReference, signal: AbortSignal): Promise<CarerContext> => {
    try {
      const record = await adapter.readCarerContext(patient, { signal });
      raws.set(patient, record.raw);
      return record.context;
    } catch (error) {
      throw toGatewayError(error);
    }
  };

  /**
   * The resource as the clinician saw it (the version in their form). When this worker no longer
   * holds it (it was stopped and restarted), the record is re-read: a newer version there is a
   * conflict, never a silent overwrite.
   */
  const rawAt = async (patient: PatientReference, ref: string, versionId: string | undefined, signal: AbortSignal): Promise<RawResource> => {
    let raw = raws.get(patient)?.get(ref);
    if (!raw || versionOf(raw) !== versionId) {
      await read(patient, signal);
      raw = raws.get(patient)?.get(ref);
    }
    if (!raw) throw new GatewayError('not-found', 'This record is no longer on the server. Refresh the patient’s record.');
    if (versionId !== undefined && versionOf(raw) !== versionId) {
      throw new GatewayError('conflict', 'Someone else changed this record after you opened it.', conflictFrom(raw, versionOf(raw)));
    }
    return raw;
  };

  const write = async (patient: PatientReference, action: WriteAction, signal: AbortSignal, requestId: string): Promise<CarerContext | undefined> => {
    try {
      const result = await send(patient, action, signal, requestId);
      if (!result.record) return undefined;
      raws.set(patient, result.record.raw);
      return result.record.context;
    } catch (error) {
      throw toGatewayError(error);
    }
  };

  const send = async (patient: PatientReference, action: WriteAction, signal: AbortSignal, requestId: string): Promise<WriteResult> =>
    performWrite(action, {
      adapter,
      patient,
      requestId,
      signal,
      policy: loadPolicy(options.policyOverrides),
      now: new Date(),
      rawAt: (ref, versionId) => rawAt(patient, ref, versionId, signal),
    });

  return {
    read,
    async readForPage(identity, signal) {
      let patient: PatientReference;
      if (identity.fhirId !== undefined) {
        patient = `Patient/${identity.fhirId}`;
      } else if (identity.nhsNumber !== undefined) {
        try {
          patient = (await adapter.resolvePatient(identity.nhsNumber, { signal })).reference;
        } catch (error) {
          throw toGatewayError(error);
        }
      } else {
        throw new GatewayError('not-found', 'The page does not say which patient it shows.');
      }
      return read(patient, signal);
    },
    write,
    async writes(signal) {
      let fromServer: ReadyView['writes'];
      try {
        fromServer = writesFrom(await adapter.capabilities({ signal }));
      } catch {
        // Unknown capabilities: offer every action and let the server decide (each failure is explained).
        fromServer = {};
      }
      return auth ? withGrantedScopes(fromServer, await auth.signedIn()) : fromServer;
    },
  };
}

/** The actions the server's CapabilityStatement allows (each action's one interaction, from the registry), with its reasons for those it does not. */
export function writesFrom(capabilities: Capabilities): ReadyView['writes'] {
  const can = capabilities.canWrite as Record<string, Partial<Record<'create' | 'update', boolean>>>;
  return Object.fromEntries(
    WRITE_ACTION_LIST.map(({ kind, writes: { resourceType, interaction } }) => {
      const key = `${resourceType}.${interaction}`;
      const allowed = can[resourceType]?.[interaction] === true;
      return [kind, allowed ? { enabled: true } : { enabled: false, reason: capabilities.reasons[key] ?? 'This server does not accept this change: record it in the EHR.' }];
    }),
  );
}

/**
 * Turns off, with the reason, each write the granted scopes do not cover (a server may grant fewer
 * scopes than asked), so the panel never tries, gets 403 and tries again. A write the server itself
 * refuses keeps the server's reason.
 */
export function withGrantedScopes(writes: ReadyView['writes'], signedIn: SignedIn | undefined): ReadyView['writes'] {
  if (!signedIn) return writes;
  const combined: ReadyView['writes'] = { ...writes };
  for (const kind of WRITE_KINDS) {
    if (combined[kind]?.enabled === false) continue;
    const allowance = signedIn.capabilities.writes[kind];
    combined[kind] = allowance.allowed ? { enabled: true } : { enabled: false, reason: allowance.reason };
  }
  return combined;
}

/** Options page's "test connection": reads the CapabilityStatement and says what it found. */
function versionOf(raw: RawResource): string | undefined {
  const versionId = (raw.meta as { versionId?: unknown } | undefined)?.versionId;
  return typeof versionId === 'string' ? versionId : undefined;
}

/** The adapter's error, in the panel's terms. */
function toGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  if (error instanceof FhirError) {
    switch (error.kind) {
      case 'conflict':
        return new GatewayError('conflict', error.userMessage, error.current ? conflictFrom(error.current.resource, error.current.versionId) : undefined, { cause: error });
      case 'aborted':
        return new GatewayError('aborted', error.userMessage, undefined, { cause: error });
      case 'unauthorized':
        // The session ended (expired, revoked, never signed in): "sign in again", the draft kept.
        return new GatewayError('sign-in', error.userMessage, undefined, { cause: error });
      case 'not-found':
      case 'gone':
        return new GatewayError('not-found', error.userMessage, undefined, { cause: error });
      case 'network':
      case 'unavailable':
      case 'timeout':
        return new GatewayError('unavailable', error.userMessage, undefined, { cause: error });
      default:
        return new GatewayError('failed', error.userMessage, undefined, { cause: error });
    }
  }
  if (error instanceof DOMException && error.name === 'AbortError') return new GatewayError('aborted', 'Cancelled.');
  return new GatewayError('failed', 'Something went wrong while talking to the FHIR server. Try again; if it keeps happening, tell your EHR support team.', undefined, { cause: error });
}
