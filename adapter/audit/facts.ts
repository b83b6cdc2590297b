/**
 * One pulled FHIR resource → one compact audit fact, read with the same per-resource readers the
 * clinician's view uses (adapter/mapping), so the audit and the prompts never disagree about what a
 * record means. Facts keep ids, codes and dates only: no names, NHS numbers, addresses or contact
 * details leave this function.
 */
import { isPatientsChild } from '../../shared/domain/family';
import type { AuditFact, ContactFact, MalformedFact, RecencyKey } from '../../shared/audit/facts';
import type { ConsentRuling, ConsentStatement } from '../../shared/domain/types';
import { identityKeys } from '../../shared/domain/duplicates';
import { hasContact, hasRelationship } from '../../shared/prompts/carer-missing-details';
import { fnv1a64 } from '../../shared/domain/digest';
import { isFhirId } from '../fhir/primitives';
import { readAskedNoCarersList } from '../mapping/askedNoCarers';
import { readAssessmentTask } from '../mapping/readAssessmentTask';
import { isReferralTask, readReferralTask } from '../mapping/readReferralTask';
import { carerActionOf, readCarerActionTask } from '../mapping/readCarerActionTask';
import { readCarerCommunication } from '../mapping/readCarerCommunication';
import { readDeferralTask } from '../mapping/readDeferralTask';
import { readChildrenAskedTask } from '../mapping/readChildrenAskedTask';
import { readConsentDecision } from '../mapping/readConsentDecision';
import { readEpisodeOfCare } from '../mapping/readEpisodeOfCare';
import { readCarePlan } from '../mapping/readCarePlan';
import { readPatient } from '../mapping/readPatient';
import { readPatientContacts } from '../mapping/readPatientContacts';
import { readRelatedPerson } from '../mapping/readRelatedPerson';
import { instantOf } from '../mapping/recency';

export interface ToAuditFactOptions {
  /** Base of the project's extension URLs (policy `extensionBase`), for the carer-status extension. */
  extensionBase: string;
  /** Keep the Patient's NHS number (for `--worklist` only; otherwise no identifier beyond ids is kept). */
  keepNhsNumber?: boolean;
}

/**
 * A resource that gave no fact. `ignored` ones (entered in error, not a carer-related resource, a
 * type the audit does not use) need not be reported; the others could not be read and carry the
 * `malformed` fact that counts them.
 */
export type NoFact = { warning: string; ignored: true } | { warning: string; ignored?: undefined; malformed: MalformedFact };

export function toAuditFact(resource: unknown, options: ToAuditFactOptions): AuditFact | NoFact {
  const type = resourceTypeOf(resource);
  switch (type) {
    case 'Patient':
      return patientFact(resource, options.keepNhsNumber === true);
    case 'RelatedPerson':
      return carerFact(resource, options);
    case 'Consent':
      return consentFact(resource, options);
    case 'Task':
      if (isReferralTask(resource)) return referralFact(resource);
      return carerActionOf(resource, options.extensionBase) !== undefined ? recordedActionFact(resource, options) : assessmentFact(resource);
    case 'List':
      return askedNoCarersFact(resource);
    case 'EpisodeOfCare':
      return episodeFact(resource);
    case 'CarePlan':
      return carePlanFact(resource);
    case 'Communication':
      return carerCommunicationFact(resource, options);
    case undefined:
      return malformed(resource, 'unknown', 'a line that is not a FHIR resource was skipped');
    default:
      return { warning: `${type} is not used by the audit`, ignored: true };
  }
}

function patientFact(resource: unknown, keepNhsNumber: boolean): AuditFact | NoFact {
  const read = readPatient(resource);
  if ('warning' in read) return malformed(resource, 'Patient', read.warning);
  const fact: AuditFact = { kind: 'patient', id: read.patient.id };
  if (keepNhsNumber && read.patient.nhsNumber !== undefined) fact.nhsNumber = read.patient.nhsNumber;
  if (read.patient.team !== undefined) fact.team = read.patient.team;
  if (read.patient.deceased !== undefined) fact.deceased = true;
  const contacts = readPatientContacts(resource, read.patient.reference).contacts.map((contact) => {
    const out: ContactFact = { identityDigests: digestsOf(identityKeys(contact)) };
    if (contact.endedOn !== undefined) out.endedOn = contact.endedOn;
    if (isPatientsChild(contact)) out.patientsChild = true;
    return out;
  });
  if (contacts.length > 0) fact.contacts = contacts;
  return fact;
}

function carerFact(resource: unknown, options: ToAuditFactOptions): AuditFact | NoFact {
  const read = readRelatedPerson(resource, { extensionBase: options.extensionBase });
  if ('warning' in read) return read.ignored ? { warning: read.warning, ignored: true } : malformed(resource, 'RelatedPerson', read.warning);
  const { carer } = read;
  const fact: AuditFact = {
    kind: 'carer',
    id: carer.id,
    patient: idOf(read.patient),
    carerStatus: carer.carerStatus,
    active: carer.active,
    // The rule's own tests (carer-missing-details), so the audit's flags and the panel's prompt agree.
    hasRelationship: hasRelationship(carer),
    hasContact: hasContact(carer),
  };
  if (carer.paidCareWorker === true) fact.paidCareWorker = true;
  if (carer.possibleCarer === true) fact.possibleCarer = true;
  if (isPatientsChild(carer)) fact.patientsChild = true;
  const identity = identityKeys(carer);
  if (identity.length > 0) fact.identityDigests = digestsOf(identity);
  if (carer.birthDate !== undefined) fact.birthDate = carer.birthDate;
  if (carer.identifiedOn !== undefined) fact.identifiedOn = carer.identifiedOn;
  if (carer.endedOn !== undefined) fact.endedOn = carer.endedOn;
  if (carer.carerStatusAskedOn !== undefined) fact.carerStatusAskedOn = carer.carerStatusAskedOn;
  return fact;
}

function consentFact(resource: unknown, options: ToAuditFactOptions): AuditFact | NoFact {
  const read = readConsentDecision(resource, { extensionBase: options.extensionBase });
  if ('warning' in read) return read.ignored ? { warning: read.warning, ignored: true } : malformed(resource, 'Consent', read.warning);
  const { statement } = read;
  if (statement.carersOwn !== undefined) return carerSharingConsentFact(resource, statement);
  if (!statement.aboutCarerSharing) return { warning: `${statement.consent} is not about sharing with carers`, ignored: true };
  return { kind: 'consent', id: readId(resource), statement: forAudit(statement) };
}

/** The statement less who decided or recorded it and the free text of what may be shared (see ConsentFact). */
function forAudit(statement: ConsentStatement): ConsentStatement {
  const compact: ConsentStatement = {
    consent: statement.consent,
    state: statement.state,
    aboutCarerSharing: statement.aboutCarerSharing,
    mentions: statement.mentions,
    named: Object.fromEntries(Object.entries(statement.named).map(([carer, ruling]) => [carer, digestOf(ruling)])),
    topNamesNobody: statement.topNamesNobody,
    decidedByPatient: statement.decidedByPatient,
  };
  if (statement.everyoneElse !== undefined) compact.everyoneElse = digestOf(statement.everyoneElse);
  for (const key of ['patient', 'uninterpretable', 'recordedOn', 'lastUpdated', 'validFrom', 'validUntil', 'reviewDue', 'basis', 'settles'] as const) {
    const value = statement[key];
    if (value !== undefined) (compact as unknown as Record<string, unknown>)[key] = value;
  }
  return compact;
}

/** Digests of identity keys: equal keys, equal digests; the names and numbers are not kept. */
function digestsOf(keys: readonly string[]): string[] {
  return [...new Set(keys.map((key) => listDigest([key])))].sort();
}

function digestOf(ruling: ConsentRuling): ConsentRuling {
  const out: ConsentRuling = { kind: ruling.kind };
  if (ruling.mayShare !== undefined) out.mayShare = [listDigest(ruling.mayShare)];
  if (ruling.mayNotShare !== undefined) out.mayNotShare = [listDigest(ruling.mayNotShare)];
  return out;
}

/** A 52-bit FNV-1a digest of a sorted list: equal lists give equal digests; the text is not kept. */
function listDigest(items: readonly string[]): string {
  return (fnv1a64([...items].sort().join('\u0000')) >> 12n).toString(36);
}

/** A signposting, a young carer's referral or a deferral (docs/actions.md), read as the panel reads it. */
function recordedActionFact(resource: unknown, options: ToAuditFactOptions): AuditFact | NoFact {
  if (carerActionOf(resource, options.extensionBase) === 'prompt-deferred') {
    const read = readDeferralTask(resource, options);
    if ('warning' in read) return read.ignored ? { warning: read.warning, ignored: true } : malformed(resource, 'Task', read.warning);
    const { deferral } = read;
    return {
      kind: 'deferral',
      id: readId(resource),
      code: deferral.code,
      deferral: deferral.kind,
      reason: deferral.reason,
      until: deferral.until,
      on: deferral.on,
      ...(deferral.carer !== undefined ? { carer: idOf(deferral.carer) } : {}),
      ...(read.patient !== undefined ? { patient: idOf(read.patient) } : {}),
    };
  }
  if (carerActionOf(resource, options.extensionBase) === 'children-asked') {
    const asked = readChildrenAskedTask(resource, options);
    if ('warning' in asked) return asked.ignored ? { warning: asked.warning, ignored: true } : malformed(resource, 'Task', asked.warning);
    return { kind: 'childrenAsked', id: readId(resource), patient: idOf(asked.patient), on: asked.asked.on, childHelps: asked.asked.childHelps };
  }
  const read = readCarerActionTask(resource, options);
  if ('warning' in read) return read.ignored ? { warning: read.warning, ignored: true } : malformed(resource, 'Task', read.warning);
  if (read.action === 'prompt-deferred' || read.action === 'children-asked') return { warning: 'a deferral or a Think Family answer is read above', ignored: true };
  return {
    kind: 'carerAction',
    id: readId(resource),
    carer: idOf(read.carerRef),
    action: read.action,
    on: read.on,
    ...(read.carePlan !== undefined ? { carePlan: idOf(read.carePlan) } : {}),
    ...(read.episode !== undefined ? { episode: idOf(read.episode) } : {}),
  };
}

/**
 * A current care plan and the carers it names (contributor, a contained CareTeam). A referenced
 * CareTeam is not joined in the streaming audit: a carer named only there counts as involved once a
 * clinician records it (docs/audit.md).
 */
function carePlanFact(resource: unknown): AuditFact | NoFact {
  const read = readCarePlan(resource);
  if ('warning' in read) return read.ignored ? { warning: read.warning, ignored: true } : malformed(resource, 'CarePlan', read.warning);
  if (read.patient === undefined) return malformed(resource, 'CarePlan', `${read.plan.reference} does not name a Patient and was skipped`);
  return { kind: 'carePlan', id: readId(resource), patient: idOf(read.patient), involves: read.plan.involves.map(idOf) };
}

/** A carer heard, an enquiry or its answer, a disclosure without consent (docs/actions.md), read as the panel reads it. */
function carerCommunicationFact(resource: unknown, options: ToAuditFactOptions): AuditFact | NoFact {
  const read = readCarerCommunication(resource, options);
  if ('warning' in read) return read.ignored ? { warning: read.warning, ignored: true } : malformed(resource, 'Communication', read.warning);
  return {
    kind: 'carerCommunication',
    id: readId(resource),
    carer: idOf(read.carerRef),
    code: read.kind,
    on: read.on,
    ...(read.inResponseTo !== undefined ? { inResponseTo: idOf(read.inResponseTo) } : {}),
    ...(read.patientTold !== undefined ? { patientTold: read.patientTold } : {}),
  };
}

/** A referral for a carer's assessment (recommendation 3), read as the panel reads it. */
function referralFact(resource: unknown): AuditFact | NoFact {
  const read = readReferralTask(resource);
  if ('warning' in read) return read.ignored ? { warning: read.warning, ignored: true } : malformed(resource, 'Task', read.warning);
  const fact: AuditFact = { kind: 'referral', id: readId(resource), carer: idOf(read.carerRef), recency: recencyOf(read.referral.on, read.lastUpdated) };
  if (read.patient !== undefined) fact.patient = idOf(read.patient);
  if (read.referral.on !== undefined) fact.on = read.referral.on;
  return fact;
}

/** The carer's own consent to share their assessment: never a patient's decision (shared/consent/decisionInForce.ts). */
function carerSharingConsentFact(resource: unknown, statement: ConsentStatement): AuditFact | NoFact {
  const own = statement.carersOwn;
  if (own === undefined || own.carer === undefined || statement.patient === undefined) return { warning: `${statement.consent} is a carer's own consent naming no carer or patient`, ignored: true };
  return { kind: 'carerSharingConsent', id: readId(resource), carer: idOf(own.carer), patient: idOf(statement.patient), decision: own.decision, recency: recencyOf(statement.recordedOn, statement.lastUpdated) };
}

function assessmentFact(resource: unknown): AuditFact | NoFact {
  const read = readAssessmentTask(resource);
  if ('warning' in read) return read.ignored ? { warning: read.warning, ignored: true } : malformed(resource, 'Task', read.warning);
  const { assessment } = read;
  if (assessment.status === 'not-offered') return { warning: `${assessment.task} records no offer`, ignored: true };
  const fact: AuditFact = {
    kind: 'assessment',
    id: readId(resource),
    carer: idOf(read.carerRef),
    status: assessment.status,
    recency: recencyOf(assessment.offeredOn, read.lastUpdated),
  };
  if (read.patient !== undefined) fact.patient = idOf(read.patient);
  if (assessment.offeredOn !== undefined) fact.offeredOn = assessment.offeredOn;
  if (assessment.respondedOn !== undefined) fact.respondedOn = assessment.respondedOn;
  if (assessment.completedOn !== undefined) fact.completedOn = assessment.completedOn;
  return fact;
}

function askedNoCarersFact(resource: unknown): AuditFact | NoFact {
  const read = readAskedNoCarersList(resource);
  if ('warning' in read) return read.ignored ? { warning: read.warning, ignored: true } : malformed(resource, 'List', read.warning);
  if (read.patient === undefined) return malformed(resource, 'List', `${read.asked.list} does not name a Patient and was skipped`);
  const fact: AuditFact = { kind: 'askedNoCarers', id: readId(resource), patient: idOf(read.patient), recency: recencyOf(read.asked.askedOn, read.lastUpdated) };
  if (read.asked.askedOn !== undefined) fact.askedOn = read.asked.askedOn;
  return fact;
}

function episodeFact(resource: unknown): AuditFact | NoFact {
  const read = readEpisodeOfCare(resource);
  if ('warning' in read) return malformed(resource, 'EpisodeOfCare', read.warning);
  const id = readId(resource);
  if (!read.current && !read.finished) return { warning: `EpisodeOfCare/${id} was cancelled and is ignored`, ignored: true };
  if (read.patient === undefined) return malformed(resource, 'EpisodeOfCare', `EpisodeOfCare/${id} does not name a Patient and was skipped`);
  const fact: AuditFact = { kind: 'episode', id, patient: idOf(read.patient), recency: recencyOf(read.start, undefined) };
  if (read.start !== undefined) fact.serviceStart = read.start;
  if (read.team !== undefined) fact.team = read.team;
  if (read.inpatient || read.detained) fact.inpatient = true;
  if (read.detained) fact.detained = true;
  // A finished episode places the patient in a past caseload (--since, an earlier --now); it never starts the offer clock.
  if (!read.current) {
    fact.ended = true;
    if (read.end !== undefined) fact.endedOn = read.end;
  }
  return fact;
}

function malformed(resource: unknown, resourceType: string, warning: string): NoFact {
  const id = (resource as { id?: unknown } | null)?.id;
  const fact: MalformedFact = { kind: 'malformed', resourceType };
  if (isFhirId(id)) fact.id = id;
  return { warning, malformed: fact };
}

function resourceTypeOf(resource: unknown): string | undefined {
  if (typeof resource !== 'object' || resource === null || Array.isArray(resource)) return undefined;
  const type = (resource as { resourceType?: unknown }).resourceType;
  return typeof type === 'string' && /^[A-Z][A-Za-z]{1,63}$/.test(type) ? type : undefined;
}

/**
 * The id of a resource its reader accepted (readers accept only resources with a valid FHIR id), as
 * the JSON holds it: the reader's "Consent/<id>" reference would give a slice of a longer string,
 * and the audit state keeps ids for the whole run.
 */
function readId(resource: unknown): string {
  return (resource as { id: string }).id;
}

/** "Patient/123" → "123" (readers return local references). */
function idOf(reference: string): string {
  return reference.slice(reference.indexOf('/') + 1);
}

function recencyOf(primary: string | undefined, secondary: string | undefined): RecencyKey {
  return { primary: finite(instantOf(primary)), secondary: finite(instantOf(secondary)) };
}

function finite(ms: number): number | null {
  return Number.isFinite(ms) ? ms : null;
}
