/**
 * The writes a clinician's action makes. Each builds valid R4 with H2's pure builders
 * (adapter/writes/build), sends it safely (./send.ts), remembers what the server now holds, and
 * re-reads the patient's carer context so the caller shows the record as it now stands.
 */
import type { Practitioner, PractitionerRole, Reference } from '@medplum/fhirtypes';
import type { CarerReference, ContactKey, PatientReference } from '../../shared/domain/types';
import type { Capabilities, WritableType } from '../capabilities';
import { FhirError, normalizeFhirError, type FhirErrorContext } from '../errors';
import { RawResourceMissingError, type RawResource } from '../fhir/rawStore';
import type { FhirHttp } from '../http/fhirHttp';
import type { CarerRecord } from '../read/readCarerContext';
import {
  buildAskedNoCarers,
  buildAssessmentOffer,
  buildCarer,
  buildCarerActionTask,
  buildCarerCommunication,
  type BuildCarerCommunicationInput,
  buildDeferral,
  buildChildrenAskedTask,
  type BuildChildrenAskedInput,
  buildCarerReferral,
  buildCarerSharingConsent,
  type BuildCarerReferralInput,
  type BuildCarerSharingConsentInput,
  withCarerDetails,
  withDeferralEnded,
  type BuildDeferralInput,
  type BuildCarerActionTaskInput,
  type CarerDetails,
  buildCarerFromContact,
  buildConsent,
  withAssessmentOutcome,
  withCarerStatus,
  withConsentWithdrawn,
  requireWriteInvariants,
  WriteInputError,
  type AssessmentOutcome,
  type BuildAssessmentOfferInput,
  type BuildAskedNoCarersInput,
  type BuildCarerInput,
  type BuildConsentInput,
} from '../writes/build';
import { createResource, updateResource, type SendContext, type WrittenResource } from './send';
import type { SeenResources } from './seenResources';

export interface WriteDeps {
  http: FhirHttp;
  capabilities: (signal?: AbortSignal) => Promise<Capabilities>;
  extensionBase: string;
  recorder?: Reference<Practitioner | PractitionerRole>;
  now: () => Date;
  newUuid: () => string;
  seen: SeenResources;
  reread: (patient: PatientReference, signal?: AbortSignal) => Promise<CarerRecord>;
}

export interface WriteOptions {
  signal?: AbortSignal;
  /**
   * A Provenance goes with the change (./send.ts): the registry's `audited` for the action performed,
   * which adapter/actions/perform.ts passes. Never inferred from the resource type (H30).
   */
  withProvenance?: boolean;
}

/** For updates: which version to change. By default, the one this adapter last read or wrote. */
export interface UpdateOptions extends WriteOptions {
  /** The raw resource as the clinician saw it (e.g. `record.raw.get(ref)`); its meta.versionId is sent as If-Match. */
  raw?: RawResource;
  /** The patient whose record to re-read afterwards, when the adapter has not seen the resource. */
  patient?: PatientReference;
}

/**
 * What a write returns: the resource as the server now holds it, and the patient's record re-read.
 * When the write succeeded but the re-read failed, `record` is absent and `rereadError` says why:
 * the change is saved, and must not be sent again.
 */
export interface WriteResult {
  written: WrittenResource;
  record?: CarerRecord;
  rereadError?: FhirError;
}

/**
 * `requestId` (a UUID) makes a create safe to repeat: send the same one again (the clinician clicks
 * Save again after a network failure) and the server finds the first. Generate it once per form.
 */
export type RecordCarerInput = Omit<BuildCarerInput, 'requestId' | 'identifiedOn'> & { identifiedOn?: string; requestId?: string };
export type RecordAskedNoCarersInput = Omit<BuildAskedNoCarersInput, 'requestId' | 'askedOn'> & { askedOn?: string; requestId?: string };
export type RecordConsentInput = Omit<BuildConsentInput, 'requestId' | 'extensionBase'> & { requestId?: string };
export type OfferAssessmentInput = Omit<BuildAssessmentOfferInput, 'requestId' | 'offeredOn'> & { offeredOn?: string; requestId?: string };

export async function recordCarer(deps: WriteDeps, input: RecordCarerInput, options: WriteOptions = {}): Promise<WriteResult> {
  return create(deps, input.patient, options, { interaction: 'create', resourceType: 'RelatedPerson' }, () =>
    buildCarer({ ...input, identifiedOn: input.identifiedOn ?? deps.now().toISOString(), requestId: input.requestId ?? deps.newUuid() }),
  );
}

export async function recordAskedNoCarers(deps: WriteDeps, input: RecordAskedNoCarersInput, options: WriteOptions = {}): Promise<WriteResult> {
  const askedBy = input.askedBy ?? deps.recorder;
  return create(deps, input.patient, options, { interaction: 'create', resourceType: 'List' }, () =>
    buildAskedNoCarers({ ...input, askedOn: input.askedOn ?? deps.now().toISOString(), requestId: input.requestId ?? deps.newUuid(), ...(askedBy ? { askedBy } : {}) }),
  );
}

export async function recordConsent(deps: WriteDeps, input: RecordConsentInput, options: WriteOptions = {}): Promise<WriteResult> {
  return create(deps, input.patient, options, { interaction: 'create', resourceType: 'Consent' }, () => buildConsent({ ...input, extensionBase: deps.extensionBase, requestId: input.requestId ?? deps.newUuid() }));
}

export async function offerAssessment(deps: WriteDeps, input: OfferAssessmentInput, options: WriteOptions = {}): Promise<WriteResult> {
  const requester = input.requester ?? deps.recorder;
  return create(deps, input.patient, options, { interaction: 'create', resourceType: 'Task' }, () =>
    buildAssessmentOffer({ ...input, offeredOn: input.offeredOn ?? deps.now().toISOString(), requestId: input.requestId ?? deps.newUuid(), ...(requester ? { requester } : {}) }),
  );
}

export async function markCarerStatus(deps: WriteDeps, carer: CarerReference, isCarer: boolean, options: UpdateOptions & { askedOn?: string } = {}): Promise<WriteResult> {
  return update(deps, carer, 'RelatedPerson', options, (raw) => withCarerStatus(raw, isCarer, options.askedOn ?? deps.now().toISOString(), deps.extensionBase));
}

/**
 * The answer to "is this Patient.contact a carer?": a RelatedPerson for that person, created
 * conditionally on an identifier derived from the contact (see buildCarerFromContact), so a resend
 * finds the first. The Patient is the one the clinician saw (`options.raw`, else as last read here):
 * a contact edited since is refused, never answered for someone else.
 */
export async function recordContactAnswer(
  deps: WriteDeps,
  input: { patient: PatientReference; contact: ContactKey; isCarer: boolean; askedOn?: string },
  options: UpdateOptions = {},
): Promise<WriteResult> {
  return create(deps, input.patient, options, { interaction: 'create', resourceType: 'RelatedPerson' }, () => {
    const raw = options.raw ?? deps.seen.get(input.patient)?.raw;
    if (raw === undefined) throw new RawResourceMissingError('Patient has not been read');
    return buildCarerFromContact({ patient: raw, contact: input.contact, isCarer: input.isCarer, askedOn: input.askedOn ?? deps.now().toISOString(), extensionBase: deps.extensionBase });
  });
}

export type RecordCarerActionInput = Omit<BuildCarerActionTaskInput, 'requestId' | 'on' | 'extensionBase' | 'requester'> & { on?: string; requestId?: string };

/** Records what was done for a carer (signposted, young carer referred): a completed Task (docs/actions.md). */
export async function recordCarerAction(deps: WriteDeps, input: RecordCarerActionInput, options: WriteOptions = {}): Promise<WriteResult> {
  return create(deps, input.patient, options, { interaction: 'create', resourceType: 'Task' }, () =>
    buildCarerActionTask(recordedNow(deps, input)),
  );
}

export type RecordCarerCommunicationInput = Omit<BuildCarerCommunicationInput, 'requestId' | 'on' | 'extensionBase' | 'requester'> & { on?: string; requestId?: string };

/** Records what passed between a carer and the service: heard, an enquiry or its answer, a disclosure without consent (a Communication, docs/actions.md). */
export async function recordCarerCommunication(deps: WriteDeps, input: RecordCarerCommunicationInput, options: WriteOptions = {}): Promise<WriteResult> {
  return create(deps, input.patient, options, { interaction: 'create', resourceType: 'Communication' }, () => buildCarerCommunication(recordedNow(deps, input)));
}

/**
 * A carer heard, and the general information given to them in answer: two Communications, the
 * carer's (received) first, then the clinician's `inResponseTo` it when anything was given. Each is
 * created conditionally on its own request id (the second derived from the first), so sending the
 * same request again after a failure between the two finds the first and completes the second.
 */
export async function recordCarerHeard(
  deps: WriteDeps,
  input: { patient: PatientReference; carer: CarerReference; given: readonly string[]; note?: string; on?: string; requestId?: string },
  options: WriteOptions = {},
): Promise<WriteResult> {
  const requestId = input.requestId ?? deps.newUuid();
  const on = input.on ?? deps.now().toISOString();
  const heard = await recordCarerCommunication(
    deps,
    { patient: input.patient, carer: input.carer, kind: 'carer-heard', topic: 'Carer heard', on, requestId, ...(input.note !== undefined && input.note.trim() !== '' ? { note: input.note } : {}) },
    options,
  );
  if (input.given.length === 0) return heard;
  return recordCarerCommunication(
    deps,
    {
      patient: input.patient,
      carer: input.carer,
      kind: 'general-information',
      topic: 'General information given (no personal information about the patient)',
      items: input.given,
      inResponseTo: heard.written.reference as `Communication/${string}`,
      on,
      requestId: derivedRequestId(requestId),
    },
    options,
  );
}

/** A second request id that follows from the first (the same on every resend): its last 12 hex digits inverted. */
export function derivedRequestId(requestId: string): string {
  const tail = requestId.slice(-12);
  if (!/^[0-9a-f]{12}$/i.test(tail)) return requestId;
  const inverted = [...tail].map((c) => (15 - Number.parseInt(c, 16)).toString(16)).join('');
  return `${requestId.slice(0, -12)}${inverted}`;
}

export type RecordCarerReferralInput = Omit<BuildCarerReferralInput, 'requestId' | 'on' | 'requester'> & { on?: string; requestId?: string };

/** Records a carer's referral for a statutory carer's assessment (a Task coded 790101000000103, docs/actions.md). */
export async function recordCarerReferral(deps: WriteDeps, input: RecordCarerReferralInput, options: WriteOptions = {}): Promise<WriteResult> {
  return create(deps, input.patient, options, { interaction: 'create', resourceType: 'Task' }, () => buildCarerReferral(recordedNow(deps, input)));
}

export type RecordCarerSharingConsentInput = Omit<BuildCarerSharingConsentInput, 'requestId' | 'on' | 'extensionBase'> & { on?: string; requestId?: string };

/** Records the carer's own decision about sharing their assessment with the organisation (a Consent, docs/actions.md). */
export async function recordCarerSharingConsent(deps: WriteDeps, input: RecordCarerSharingConsentInput, options: WriteOptions = {}): Promise<WriteResult> {
  return create(deps, input.patient, options, { interaction: 'create', resourceType: 'Consent' }, () => {
    const { requester: _requester, ...rest } = recordedNow(deps, input);
    return buildCarerSharingConsent(rest);
  });
}

/** Completes a carer's relationship and contact details (versioned update of the raw RelatedPerson). */
export async function editCarerDetails(deps: WriteDeps, carer: CarerReference, details: CarerDetails, options: UpdateOptions = {}): Promise<WriteResult> {
  return update(deps, carer, 'RelatedPerson', options, (raw) => withCarerDetails(raw, details));
}

export type RecordDeferralInput = Omit<BuildDeferralInput, 'requestId' | 'on' | 'extensionBase' | 'requester'> & { on?: string; requestId?: string };

/** Records a clinician's decision not to act on a prompt now, until a date (a completed Task, docs/actions.md). */
export async function recordDeferral(deps: WriteDeps, input: RecordDeferralInput, options: WriteOptions = {}): Promise<WriteResult> {
  return create(deps, input.patient, options, { interaction: 'create', resourceType: 'Task' }, () =>
    buildDeferral(recordedNow(deps, input)),
  );
}

export type RecordChildrenAskedInput = Omit<BuildChildrenAskedInput, 'requestId' | 'on' | 'extensionBase' | 'requester'> & { on?: string; requestId?: string };

/** Records that the patient, a parent, was asked whether children in the household help to care (Think Family; a completed Task for the Patient). */
export async function recordChildrenAsked(deps: WriteDeps, input: RecordChildrenAskedInput, options: WriteOptions = {}): Promise<WriteResult> {
  return create(deps, input.patient, options, { interaction: 'create', resourceType: 'Task' }, () => buildChildrenAskedTask(recordedNow(deps, input)));
}

/** Ends a deferral now, so its prompt returns (versioned update of the Task). */
export async function endDeferral(deps: WriteDeps, task: `Task/${string}`, options: UpdateOptions = {}): Promise<WriteResult> {
  return update(deps, task, 'Task', options, (raw) => withDeferralEnded(raw, deps.now().toISOString()));
}

export async function withdrawConsent(deps: WriteDeps, consent: `Consent/${string}`, options: UpdateOptions = {}): Promise<WriteResult> {
  return update(deps, consent, 'Consent', options, (raw) => withConsentWithdrawn(raw));
}

export async function recordAssessmentOutcome(deps: WriteDeps, task: `Task/${string}`, outcome: AssessmentOutcome, options: UpdateOptions = {}): Promise<WriteResult> {
  return update(deps, task, 'Task', options, (raw) => withAssessmentOutcome(raw, outcome, deps.now().toISOString()));
}

/** A record of what a clinician did: when (now unless given), under the project's extension base, idempotent, by whom when known. */
function recordedNow<T extends { on?: string; requestId?: string }>(deps: WriteDeps, input: T) {
  return {
    ...input,
    on: input.on ?? deps.now().toISOString(),
    extensionBase: deps.extensionBase,
    requestId: input.requestId ?? deps.newUuid(),
    ...(deps.recorder ? { requester: deps.recorder } : {}),
  };
}

async function create(
  deps: WriteDeps,
  patient: PatientReference,
  options: WriteOptions,
  context: FhirErrorContext,
  build: () => { resourceType: WritableType },
): Promise<WriteResult> {
  try {
    const resource = asRaw(build());
    requireWriteInvariants(resource);
    const ctx = await sendContext(deps, options);
    const written = await createResource(ctx, resource);
    return await afterWrite(deps, written, patient, options);
  } catch (error) {
    throw writeFailure(error, context);
  }
}

async function update(
  deps: WriteDeps,
  reference: string,
  type: WritableType,
  options: UpdateOptions,
  change: (raw: RawResource) => RawResource,
): Promise<WriteResult> {
  const context: FhirErrorContext = { interaction: 'update', resourceType: type };
  try {
    const seen = deps.seen.get(reference);
    const raw = options.raw ?? seen?.raw;
    if (raw === undefined) throw new RawResourceMissingError(`${type} has not been read`);
    if (raw.resourceType !== type || `${type}/${String(raw.id)}` !== reference) {
      throw new WriteInputError(`the resource given does not match ${type}`);
    }
    const versionId = (raw.meta as { versionId?: unknown } | undefined)?.versionId;
    if (typeof versionId !== 'string' || versionId === '') {
      throw new FhirError({
        kind: 'unsupported',
        context,
        message: 'the resource has no meta.versionId to send as If-Match',
        userMessage: 'This FHIR server does not version its records, so the change cannot be saved safely here. Record it in the EHR.',
      });
    }
    const patient = options.patient ?? seen?.patient ?? patientOf(raw, deps);
    const changed = { ...change(raw), resourceType: type };
    requireWriteInvariants(changed, raw);
    const ctx = await sendContext(deps, options);
    const written = await updateResource(ctx, changed, versionId);
    if (patient === undefined) return { written };
    return await afterWrite(deps, written, patient, options);
  } catch (error) {
    throw writeFailure(error, context);
  }
}

async function sendContext(deps: WriteDeps, options: WriteOptions): Promise<SendContext> {
  const capabilities = await deps.capabilities(options.signal);
  return {
    http: deps.http,
    capabilities,
    now: deps.now,
    newUuid: deps.newUuid,
    withProvenance: options.withProvenance === true,
    ...(deps.recorder ? { recorder: deps.recorder } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  };
}

async function afterWrite(deps: WriteDeps, written: WrittenResource, patient: PatientReference, options: WriteOptions): Promise<WriteResult> {
  deps.seen.remember(written.resource, patient);
  try {
    const record = await deps.reread(patient, options.signal);
    return { written, record };
  } catch (error) {
    return { written, rereadError: normalizeFhirError(error, { interaction: 'read', resourceType: 'Patient' }) };
  }
}

/** The patient a resource belongs to, from its own references (or its carer's, for a Task). */
function patientOf(raw: RawResource, deps: WriteDeps): PatientReference | undefined {
  const ref = (value: unknown) => {
    const reference = (value as { reference?: unknown } | undefined)?.reference;
    return typeof reference === 'string' ? reference : undefined;
  };
  const direct = ref(raw.patient);
  if (direct?.startsWith('Patient/')) return direct as PatientReference;
  const carer = ref(raw.for) ?? ref(raw.focus);
  return carer ? deps.seen.get(carer)?.patient : undefined;
}

/** A built resource as plain JSON (what is sent and kept). */
function asRaw(resource: { resourceType: WritableType }): RawResource & { resourceType: WritableType } {
  return JSON.parse(JSON.stringify(resource)) as RawResource & { resourceType: WritableType };
}

function writeFailure(error: unknown, context: FhirErrorContext): FhirError {
  if (error instanceof WriteInputError) {
    // Builder messages name the field, never its value.
    return new FhirError({
      kind: 'bad-request',
      context,
      cause: error,
      message: `invalid input: ${error.message}`,
      userMessage: `Nothing was saved: ${error.message}.`,
    });
  }
  if (error instanceof RawResourceMissingError) {
    return new FhirError({
      kind: 'bad-request',
      context,
      cause: error,
      message: 'the resource to update has not been read by this adapter',
      userMessage: "Nothing was saved: this record has not been loaded yet. Refresh the patient's record, then try again.",
    });
  }
  return normalizeFhirError(error, context);
}
