import { createFhirAdapter, type FhirAdapter, type WriteResult } from '../../adapter/client';
import type { SignedIn, SmartSession, WriteAction as AdapterWrite } from '../../adapter/auth';
import type { Capabilities } from '../../adapter/capabilities';
import { FhirError } from '../../adapter/errors';
import type { RawResource, RawStore } from '../../adapter/fhir/rawStore';
import type { CarerContext, ContactKey, PatientReference } from '../../shared/domain/types';
import type { Action } from '../protocol/messages';
import type { ReadyView } from '../protocol/view';
import type { ExtensionOptions } from '../storage/options';
import { conflictFrom } from './conflictLines';
import { GatewayError, type Gateway } from './gateway';
import { loadPolicy } from './rules';
import { consentDateDefaults } from '../../shared/domain/derive';

type WriteAction = Exclude<Action, { kind: 'snooze' }>;

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

  const send = async (patient: PatientReference, action: WriteAction, signal: AbortSignal, requestId: string): Promise<WriteResult> => {
    const opts = { signal };
    switch (action.kind) {
        case 'add-carer': {
          const telecom = [
            ...(action.phone ? [{ system: 'phone' as const, value: action.phone }] : []),
            ...(action.email ? [{ system: 'email' as const, value: action.email }] : []),
          ];
          return adapter.recordCarer(
            {
              patient,
              requestId,
              name: { text: action.name },
              ...(action.relationship ? { relationship: action.relationship } : {}),
              ...(action.birthDate ? { birthDate: action.birthDate } : {}),
              ...(telecom.length ? { telecom } : {}),
            },
            opts,
          );
        }
        case 'record-no-carers':
          return adapter.recordAskedNoCarers({ patient, requestId }, opts);
        case 'record-consent':
          return adapter.recordConsent(
            {
              patient,
              requestId,
              carer: action.carer,
              decision: action.decision,
              decidedOn: new Date().toISOString(),
              reviewDue: action.reviewDue ?? defaultReviewDue(options, action.decision),
              ...(action.decision === 'partial' ? { mayShare: action.mayShare, mayNotShare: action.mayNotShare } : {}),
              ...(action.basis !== undefined ? { basis: action.basis } : {}),
              ...(action.decidedByCarer !== undefined || action.decidedByName !== undefined
                ? { decidedBy: { ...(action.decidedByCarer ? { reference: action.decidedByCarer } : {}), ...(action.decidedByName ? { display: action.decidedByName } : {}) } }
                : {}),
            },
            opts,
          );
        case 'offer-assessment':
          return adapter.offerAssessment({ patient, carer: action.carer, requestId }, opts);
        case 'answer-contact': {
          // The Patient as the clinician saw it: a contact edited since is refused, never answered for someone else.
          const raw = await rawAt(patient, patient, undefined, signal);
          return adapter.recordContactAnswer({ patient, contact: action.contact as ContactKey, isCarer: action.isCarer }, { raw, patient, signal });
        }
        case 'mark-carer': {
          const raw = await rawAt(patient, action.carer, action.versionId, signal);
          return adapter.markCarerStatus(action.carer, action.isCarer, { raw, patient, signal });
        }
        case 'withdraw-consent': {
          const raw = await rawAt(patient, action.consent, action.versionId, signal);
          return adapter.withdrawConsent(action.consent, { raw, patient, signal });
        }
        case 'record-assessment-outcome': {
          const raw = await rawAt(patient, action.task, action.versionId, signal);
          const on = action.date ?? new Date().toISOString().slice(0, 10);
          return adapter.recordAssessmentOutcome(action.task, { status: action.outcome, on, ...(action.reason ? { reason: action.reason } : {}) }, { raw, patient, signal });
        }
    }
  };

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

/** The actions the server's CapabilityStatement allows, with its reasons for those it does not. */
export function writesFrom(capabilities: Capabilities): ReadyView['writes'] {
  const entry = (allowed: boolean, key: string) => (allowed ? { enabled: true } : { enabled: false, reason: capabilities.reasons[key] ?? 'This server does not accept this change: record it in the EHR.' });
  const { canWrite } = capabilities;
  return {
    'add-carer': entry(canWrite.RelatedPerson.create, 'RelatedPerson.create'),
    'mark-carer': entry(canWrite.RelatedPerson.update, 'RelatedPerson.update'),
    'mark-not-carer': entry(canWrite.RelatedPerson.update, 'RelatedPerson.update'),
    'answer-contact': entry(canWrite.RelatedPerson.create, 'RelatedPerson.create'),
    'record-consent': entry(canWrite.Consent.create, 'Consent.create'),
    'withdraw-consent': entry(canWrite.Consent.update, 'Consent.update'),
    'offer-assessment': entry(canWrite.Task.create, 'Task.create'),
    'record-assessment-outcome': entry(canWrite.Task.update, 'Task.update'),
    'record-no-carers': entry(canWrite.List.create, 'List.create'),
  };
}

/** The panel's write actions and the adapter write each one performs. */
const ADAPTER_WRITE: Record<string, AdapterWrite> = {
  'add-carer': 'recordCarer',
  'mark-carer': 'markCarerStatus',
  'mark-not-carer': 'markCarerStatus',
  'answer-contact': 'recordCarer', // the same RelatedPerson conditional create, the same scopes
  'record-consent': 'recordConsent',
  'withdraw-consent': 'withdrawConsent',
  'offer-assessment': 'offerAssessment',
  'record-assessment-outcome': 'recordAssessmentOutcome',
  'record-no-carers': 'recordAskedNoCarers',
};

/**
 * Turns off, with the reason, each write the granted scopes do not cover (a server may grant fewer
 * scopes than asked), so the panel never tries, gets 403 and tries again. A write the server itself
 * refuses keeps the server's reason.
 */
export function withGrantedScopes(writes: ReadyView['writes'], signedIn: SignedIn | undefined): ReadyView['writes'] {
  if (!signedIn) return writes;
  const combined: ReadyView['writes'] = { ...writes };
  for (const [kind, write] of Object.entries(ADAPTER_WRITE)) {
    if (combined[kind]?.enabled === false) continue;
    const allowance = signedIn.capabilities.writes[write];
    combined[kind] = allowance.allowed ? { enabled: true } : { enabled: false, reason: allowance.reason };
  }
  return combined;
}

/** Options page's "test connection": reads the CapabilityStatement and says what it found. */
function versionOf(raw: RawResource): string | undefined {
  const versionId = (raw.meta as { versionId?: unknown } | undefined)?.versionId;
  return typeof versionId === 'string' ? versionId : undefined;
}

/** The same default the form shows (shared/domain/derive.ts consentDateDefaults), should a panel send none. */
function defaultReviewDue(options: ExtensionOptions, decision: string): string {
  const defaults = consentDateDefaults(loadPolicy(options.policyOverrides), new Date());
  return decision === 'lacks-capacity' ? defaults.askAgainOn : defaults.consentReviewDue;
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
