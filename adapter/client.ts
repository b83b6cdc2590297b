/**
 * The FHIR adapter's public façade: what the extension's background worker and the CLI call.
 *
 * Every method returns typed data and throws only {@link FhirError} (switch on `kind`; show
 * `userMessage`). Writes are safe to repeat (conditional create, versioned update with If-Match) and
 * turned off, with a plain reason, where the server's CapabilityStatement does not offer them.
 *
 * @example
 * ```ts
 * const fhir = createFhirAdapter({ baseUrl: 'http://127.0.0.1:8080/fhir' });
 * const patient = await fhir.resolvePatient('943 476 5919');
 * const record = await fhir.readCarerContext(patient.reference, { signal });
 * const saved = await fhir.withdrawConsent('Consent/42'); // If-Match on the version just read
 * ```
 */
import type { Practitioner, PractitionerRole, Reference } from '@medplum/fhirtypes';
import type { CarerReference, ContactKey, PatientReference } from '../shared/domain/types';
import { DEFAULT_EXTENSION_BASE } from '../shared/terminology';
import { DEFAULT_POLICY } from '../shared/policy';
import { capabilitiesLoader, type Capabilities } from './capabilities';
import { normalizeFhirError } from './errors';
import { createFhirHttp, type FhirHttpOptions } from './http/fhirHttp';
import { patientIdOf } from './read/patientRef';
import { readCarerContext, type CarerRecord, type RevincludeMemory } from './read/readCarerContext';
import { resolvePatient, type ResolvedPatient } from './read/resolvePatient';
import {
  markCarerStatus,
  recordContactAnswer,
  offerAssessment,
  recordAskedNoCarers,
  recordAssessmentOutcome,
  recordCarer,
  recordConsent,
  withdrawConsent,
  recordCarerAction,
  recordCarerCommunication,
  recordCarerHeard,
  type RecordCarerCommunicationInput,
  recordCarerReferral,
  recordCarerSharingConsent,
  type RecordCarerReferralInput,
  type RecordCarerSharingConsentInput,
  editCarerDetails,
  recordDeferral,
  endDeferral,
  recordChildrenAsked,
  type RecordChildrenAskedInput,
  type RecordCarerActionInput,
  type RecordDeferralInput,
  type OfferAssessmentInput,
  type RecordAskedNoCarersInput,
  type RecordCarerInput,
  type RecordConsentInput,
  type UpdateOptions,
  type WriteDeps,
  type WriteOptions,
  type WriteResult,
} from './write/operations';
import { SeenResources } from './write/seenResources';
import type { AssessmentOutcome, CarerDetails } from './writes/build';

export interface FhirAdapterOptions {
  /** The FHIR R4 base URL, e.g. `https://fhir.trust.nhs.uk/R4`. Requests go to this origin only. */
  baseUrl: string;
  /** The fetch to use (the extension passes its own); default: fhir-kit-client over the global fetch. */
  fetch?: typeof fetch;
  /** Per-attempt timeout in milliseconds (default 15 000). */
  timeoutMs?: number;
  /** Retries of requests that are safe to repeat (default 2). */
  maxRetries?: number;
  /** Bearer token for each request (SMART on FHIR); `undefined` sends none. */
  getToken?: (hint?: { rejected?: string }) => Promise<string | undefined>;
  /** Base of the project's extension URLs (policy `extensionBase`). */
  extensionBase?: string;
  /** The zone whose calendar days decisions are read in (policy `timeZone`; default Europe/London). */
  timeZone?: string;
  /** "Now" for the decisions read and the dates written (the `--now` of the commands); default: the system clock. */
  clock?: () => Date;
  /** Who records changes (Practitioner reference): Provenance agent, List.source, Task.requester. */
  recorder?: Reference<Practitioner | PractitionerRole>;
  /** For tests: retry wait, jitter, clock and UUIDs. */
  testing?: Pick<FhirHttpOptions, 'sleep' | 'random' | 'now' | 'maxRetryWaitMs'> & { clock?: () => Date; newUuid?: () => string };
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface FhirAdapter {
  /** The base URL requests go to (no trailing slash). */
  readonly baseUrl: string;
  /** What the server offers (read once from `/metadata`, then cached); `reasons` explain disabled writes. */
  capabilities(options?: RequestOptions): Promise<Capabilities>;
  /** A patient by FHIR id (`Patient/123`, `123`) or NHS number (checked before any request). */
  resolvePatient(idOrNhsNumber: string, options?: RequestOptions): Promise<ResolvedPatient>;
  /** The patient's carers, consents, assessment offers and "asked: no carers" answer, in one round trip. */
  readCarerContext(patient: PatientReference | string, options?: RequestOptions): Promise<CarerRecord>;
  /** Adds a carer (conditional create: the same `requestId` never makes a second carer). */
  recordCarer(input: RecordCarerInput, options?: WriteOptions): Promise<WriteResult>;
  /** Marks a related person as the patient's carer, or records that they are not (versioned update). */
  markCarerStatus(carer: CarerReference, isCarer: boolean, options?: UpdateOptions & { askedOn?: string }): Promise<WriteResult>;
  /**
   * Records whether a Patient.contact is a carer, as a RelatedPerson for them (a conditional create
   * keyed on the contact: a resend never makes a second). `options.raw` is the Patient as the clinician saw it.
   */
  recordContactAnswer(input: { patient: PatientReference; contact: ContactKey; isCarer: boolean; askedOn?: string }, options?: UpdateOptions): Promise<WriteResult>;
  /** Records that the patient was asked and named no carers. */
  recordAskedNoCarers(input: RecordAskedNoCarersInput, options?: WriteOptions): Promise<WriteResult>;
  /** Records the patient's decision about sharing with one carer (permit / deny / partial). */
  recordConsent(input: RecordConsentInput, options?: WriteOptions): Promise<WriteResult>;
  /** Withdraws a consent (status inactive), as a versioned update of the raw Consent. */
  withdrawConsent(consent: `Consent/${string}`, options?: UpdateOptions): Promise<WriteResult>;
  /** Records that a carer was offered a needs assessment. */
  offerAssessment(input: OfferAssessmentInput, options?: WriteOptions): Promise<WriteResult>;
  /** Records the carer's answer or the assessment's completion (versioned update of the Task). */
  recordAssessmentOutcome(task: `Task/${string}`, outcome: AssessmentOutcome, options?: UpdateOptions): Promise<WriteResult>;
  /** Records what was done for a carer: signposted to support, or referred to young carers' support (a completed Task). */
  recordCarerAction(input: RecordCarerActionInput, options?: WriteOptions): Promise<WriteResult>;
  /** Records what passed between a carer and the service (a Communication): an enquiry, its answer, a disclosure without consent. */
  recordCarerCommunication(input: RecordCarerCommunicationInput, options?: WriteOptions): Promise<WriteResult>;
  /** Records a carer heard and the general information given to them (Communications). */
  recordCarerHeard(input: Parameters<typeof recordCarerHeard>[1], options?: WriteOptions): Promise<WriteResult>;
  /** Records a carer's referral for a statutory carer's assessment (a Task for the carer, owner the organisation). */
  recordCarerReferral(input: RecordCarerReferralInput, options?: WriteOptions): Promise<WriteResult>;
  /** Records the carer's own decision about sharing their assessment with the organisation (a Consent; never the patient's). */
  recordCarerSharingConsent(input: RecordCarerSharingConsentInput, options?: WriteOptions): Promise<WriteResult>;
  /** Completes a carer's relationship and contact details (versioned update of the RelatedPerson). */
  editCarerDetails(carer: CarerReference, details: CarerDetails, options?: UpdateOptions): Promise<WriteResult>;
  /** Records a deferral of one prompt, until a date (a completed Task every colleague and the audit read). */
  recordDeferral(input: RecordDeferralInput, options?: WriteOptions): Promise<WriteResult>;
  /** Ends a deferral now (versioned update of its Task). */
  endDeferral(task: `Task/${string}`, options?: UpdateOptions): Promise<WriteResult>;
  /** Records that the patient, a parent, was asked whether children in the household help (Think Family; a completed Task for the Patient). */
  recordChildrenAsked(input: RecordChildrenAskedInput, options?: WriteOptions): Promise<WriteResult>;
}

export function createFhirAdapter(options: FhirAdapterOptions): FhirAdapter {
  const testing = options.testing ?? {};
  const http = createFhirHttp({
    baseUrl: options.baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
    ...(options.getToken ? { getToken: options.getToken } : {}),
    ...(testing.sleep ? { sleep: testing.sleep } : {}),
    ...(testing.random ? { random: testing.random } : {}),
    ...(testing.now ? { now: testing.now } : {}),
    ...(testing.maxRetryWaitMs !== undefined ? { maxRetryWaitMs: testing.maxRetryWaitMs } : {}),
  });
  const extensionBase = options.extensionBase ?? DEFAULT_EXTENSION_BASE;
  const timeZone = options.timeZone ?? DEFAULT_POLICY.timeZone;
  const clock = options.clock ?? testing.clock ?? (() => new Date());
  const capabilities = capabilitiesLoader(http);
  const revinclude: RevincludeMemory = {};
  const seen = new SeenResources();

  const read = async (patient: string, signal?: AbortSignal): Promise<CarerRecord> => {
    patientIdOf(patient); // a bad reference fails before any request, /metadata included
    const caps = await capabilities(signal);
    const record = await readCarerContext(http, caps, patient, { policy: { extensionBase, timeZone }, now: clock(), revinclude, ...(signal ? { signal } : {}) });
    seen.rememberRecord(record.raw, record.context.patient.reference);
    return record;
  };

  const deps: WriteDeps = {
    http,
    capabilities,
    extensionBase,
    ...(options.recorder ? { recorder: options.recorder } : {}),
    now: clock,
    newUuid: testing.newUuid ?? (() => crypto.randomUUID()),
    seen,
    reread: read,
  };

  return {
    baseUrl: http.baseUrl,
    capabilities: (o = {}) => guard(() => capabilities(o.signal), 'capabilities'),
    resolvePatient: (idOrNhsNumber, o = {}) => guard(() => resolvePatient(http, idOrNhsNumber, o), 'read'),
    readCarerContext: (patient, o = {}) => guard(() => read(patient, o.signal), 'read'),
    recordCarer: (input, o) => recordCarer(deps, input, o),
    markCarerStatus: (carer, isCarer, o) => markCarerStatus(deps, carer, isCarer, o),
    recordContactAnswer: (input, o) => recordContactAnswer(deps, input, o),
    recordAskedNoCarers: (input, o) => recordAskedNoCarers(deps, input, o),
    recordConsent: (input, o) => recordConsent(deps, input, o),
    withdrawConsent: (consent, o) => withdrawConsent(deps, consent, o),
    offerAssessment: (input, o) => offerAssessment(deps, input, o),
    recordAssessmentOutcome: (task, outcome, o) => recordAssessmentOutcome(deps, task, outcome, o),
    recordCarerAction: (input, o) => recordCarerAction(deps, input, o),
    recordCarerCommunication: (input, o) => recordCarerCommunication(deps, input, o),
    recordCarerHeard: (input, o) => recordCarerHeard(deps, input, o),
    recordCarerReferral: (input, o) => recordCarerReferral(deps, input, o),
    recordCarerSharingConsent: (input, o) => recordCarerSharingConsent(deps, input, o),
    editCarerDetails: (carer, details, o) => editCarerDetails(deps, carer, details, o),
    recordDeferral: (input, o) => recordDeferral(deps, input, o),
    endDeferral: (task, o) => endDeferral(deps, task, o),
    recordChildrenAsked: (input, o) => recordChildrenAsked(deps, input, o),
  };
}

/** Everything thrown leaves the façade as a FhirError. */
async function guard<T>(work: () => Promise<T>, interaction: 'capabilities' | 'read'): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw normalizeFhirError(error, { interaction });
  }
}

export type { CarerRecord, ResolvedPatient, Capabilities, WriteResult, RecordCarerInput, RecordAskedNoCarersInput, RecordConsentInput, OfferAssessmentInput, UpdateOptions, WriteOptions, AssessmentOutcome };
