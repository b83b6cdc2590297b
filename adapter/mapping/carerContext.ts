/**
 * FHIR resources for one patient → the CarerContext the prompt rules and the audit read.
 *
 * - the patient: `options.patient` ("Patient/123"), or the single Patient present;
 * - every RelatedPerson of that patient, in record order, each with the decision in force now from
 *   all of the patient's Consents (shared/consent/decisionInForce.ts: the one meaning, which the
 *   audit uses too) and the assessment from the most recent offer Task (by authoredOn, then
 *   meta.lastUpdated);
 * - carer-sharing Consents of this patient naming no RelatedPerson of theirs → orphanConsents;
 * - the most recent "asked: no carers" List, reported even when a carer recorded since supersedes it
 *   (the prompt rules decide that, and the audit counts the answer);
 * - the patient's Patient.contact people (./readPatientContacts.ts), each recognised as the RelatedPerson
 *   who is the same person (shared/domain/duplicates.ts identityKeys: the identifier a RelatedPerson
 *   made from the contact carries, a telephone, an email, or the name with a relationship), so one
 *   person is asked about and counted once;
 * - serviceStart / team from the current EpisodeOfCare, if the data holds one (see ./readPatient.ts).
 *
 * Malformed resources become `warnings` naming only type and id, never an exception: this runs
 * on whatever a server, a file or a trust's IT team hands it.
 */
import { decisionInForce, NO_DECISION, openWithoutCarer } from '../../shared/consent/decisionInForce';
import { orphanConsentOf } from '../../shared/consent/orphanConsent';
import { identityKeys } from '../../shared/domain/duplicates';
import type { AskedNoCarers, ChildrenAsked, AssessmentStatus, Carer, CarePlanSummary, CarerContext, CarerReference, CarerSharingConsent, Deferral, ConsentStatement, Episode, EpisodeReference, PatientContact } from '../../shared/domain/types';
import { CARER_DONE_FIELD, type CarerDoneField } from '../../shared/domain/carerActionsDone';
import { careTeamMembers, readCarePlan } from './readCarePlan';
import type { Policy } from '../../shared/policy';
import { RawStore, refOf, type RawResource } from '../fhir/rawStore';
import { readAskedNoCarersList, type AskedNoCarersRead } from './askedNoCarers';
import { collectResources } from './collectResources';
import { readAssessmentTask, type AssessmentTaskRead } from './readAssessmentTask';
import { isReferralTask, readReferralTask, type ReferralTaskRead } from './readReferralTask';
import { withReferral } from '../../shared/domain/assessment';
import { carerActionOf, readCarerActionTask } from './readCarerActionTask';
import { readDeferralTask } from './readDeferralTask';
import { readChildrenAskedTask } from './readChildrenAskedTask';
import { readCarerCommunications } from './carerCommunications';
import { readConsentDecision } from './readConsentDecision';
import { readEpisodeOfCare, type EpisodeOfCareRead } from './readEpisodeOfCare';
import { readPatient } from './readPatient';
import { readPatientContacts } from './readPatientContacts';
import { readRelatedPerson, type CarerWithoutDecisions } from './readRelatedPerson';
import { compareRecency } from './recency';
import { CARER_ACTION_INPUT, CIRCUMSTANCE_CHANGES, type CircumstanceChange } from '../../shared/terminology';
import { localReference } from './references';

export interface ToCarerContextOptions {
  /** "Patient/<id>" to build the context for; required when the data holds several patients. */
  patient?: string;
  /** The policy's extension base (project extension URLs) and zone (calendar days). */
  policy: Pick<Policy, 'extensionBase' | 'timeZone'>;
  /** "Now", for the decision in force (validity, dates in the future). */
  now: Date;
  /**
   * Why care plans were not read (a server that does not offer CarePlan): the context then has no
   * `carePlans`, so nothing is said about carers' involvement in care planning, and says why.
   * By default the data is taken to hold the patient's care plans (none when it has no CarePlan).
   */
  carePlansNotRead?: string;
}

export type ToCarerContextResult = { ok: true; context: CarerContext; raw: RawStore } | { ok: false; reason: string };

/** More warnings than this are summarised: a clinician cannot act on a wall of them. */
export const MAX_WARNINGS = 50;

/** The reason given when reading failed for an unforeseen cause (a bug, not bad data). */
export const UNREADABLE = 'the FHIR data could not be read';

export { NO_DECISION };


/**
 * The patient's current care plans (./readCarePlan.ts), each with the carers it names or a
 * clinician recorded as involved (a carer-action Task whose focus is the plan), in record order.
 */
function readCarePlans(
  plans: readonly RawResource[],
  teams: readonly RawResource[],
  patientRef: string,
  aliases: ReadonlyMap<string, string>,
  involvedByTask: readonly { carePlan: string; carer: CarerReference }[],
  warnings: string[],
): CarePlanSummary[] {
  const careTeams = new Map<string, CarerReference[]>();
  for (const team of teams) {
    const members = careTeamMembers(team, aliases);
    if (members !== undefined && typeof team.id === 'string') careTeams.set(`CareTeam/${team.id}`, members);
  }
  const current: CarePlanSummary[] = [];
  for (const resource of plans) {
    const read = readCarePlan(resource, { aliases, careTeams });
    if ('warning' in read) {
      if (!read.ignored && belongsTo(resource, patientRef, 'subject')) warnings.push(read.warning);
      continue;
    }
    if (read.patient !== patientRef) continue;
    const involves = new Set([...read.plan.involves, ...involvedByTask.filter((t) => t.carePlan === read.plan.reference).map((t) => t.carer)]);
    current.push({ ...read.plan, involves: [...involves].sort() });
  }
  return current;
}
export const NOT_OFFERED: AssessmentStatus = { status: 'not-offered' };

export function toCarerContext(resources: readonly unknown[], options: ToCarerContextOptions): ToCarerContextResult {
  try {
    return build(resources, options);
  } catch {
    // Reaching here is a bug, not bad data; the caller still gets a clear answer, never a crash.
    return { ok: false, reason: UNREADABLE };
  }
}

function build(input: readonly unknown[], options: ToCarerContextOptions): ToCarerContextResult {
  if (!Array.isArray(input)) return { ok: false, reason: 'expected a list of FHIR resources' };
  const collected = collectResources(input);
  const warnings = [...collected.warnings];
  const { aliases } = collected;
  const raw = new RawStore();
  const unique: RawResource[] = [];
  for (const resource of collected.resources) {
    const ref = refOf(resource);
    if (ref !== undefined && raw.has(ref)) continue; // the same resource on two pages
    if (ref !== undefined) raw.add(resource);
    unique.push(resource);
  }
  const byType = (type: string): RawResource[] => unique.filter((r) => r.resourceType === type);

  const chosen = choosePatient(byType('Patient'), options.patient);
  if (!chosen.ok) return chosen;
  const patientRead = readPatient(chosen.resource);
  if ('warning' in patientRead) return { ok: false, reason: patientRead.warning };
  const patient = patientRead.patient;
  warnings.push(...patientRead.warnings);
  const patientRef = patient.reference;

  const carers: CarerWithoutDecisions[] = [];
  let unreadableRelatedPersons = 0;
  for (const resource of byType('RelatedPerson')) {
    const read = readRelatedPerson(resource, { extensionBase: options.policy.extensionBase, aliases });
    if ('warning' in read) {
      if (!read.ignored && belongsTo(resource, patientRef, 'patient')) {
        warnings.push(read.warning);
        unreadableRelatedPersons += 1;
      }
      continue;
    }
    if (read.patient !== patientRef) continue;
    carers.push(read.carer);
    warnings.push(...read.warnings);
  }
  const carerRefs = new Set<string>(carers.map((c) => c.reference));
  const contactsRead = readPatientContacts(chosen.resource, patientRef);
  warnings.push(...contactsRead.warnings);
  unreadableRelatedPersons += contactsRead.unreadable;
  const contacts = recogniseRecorded(contactsRead.contacts, carers);

  const statements: ConsentStatement[] = [];
  const sharingConsents = new Map<string, { own: CarerSharingConsent; key: { primary?: string | undefined; secondary?: string | undefined } }>();
  for (const resource of byType('Consent')) {
    const read = readConsentDecision(resource, { extensionBase: options.policy.extensionBase, aliases });
    if ('warning' in read) {
      if (!read.ignored && belongsTo(resource, patientRef, 'patient')) warnings.push(read.warning);
      continue;
    }
    const { statement } = read;
    if (statement.carersOwn !== undefined) {
      // The carer's own consent to share their assessment: kept for that carer, never weighed as the patient's decision.
      const own = statement.carersOwn;
      if (statement.patient === patientRef && own.carer !== undefined && carerRefs.has(own.carer)) {
        const current = sharingConsents.get(own.carer);
        if (current === undefined || compareRecency({ primary: statement.recordedOn, secondary: statement.lastUpdated }, current.key) >= 0) {
          sharingConsents.set(own.carer, { own, key: { primary: statement.recordedOn, secondary: statement.lastUpdated } });
        }
      }
      continue;
    }
    const namesOurs = statement.mentions.some((r) => carerRefs.has(r));
    if (statement.patient !== patientRef) {
      // Counts for nobody (shared/consent/decisionInForce.ts); said, so a clinician can find it.
      if (statement.patient === undefined && namesOurs && statement.aboutCarerSharing) warnings.push(`${statement.consent} names this patient's carer but no patient, so it is not read as this patient's decision — check in the EHR`);
      continue;
    }
    warnings.push(...read.warnings);
    if (!statement.aboutCarerSharing && namesOurs) warnings.push(`${statement.consent} names a carer but is not about sharing information with them (another scope, action or role), so it is not read as a decision about sharing`);
    statements.push(statement);
  }
  const orphans = openWithoutCarer(statements, patientRef, carerRefs).map(orphanConsentOf);

  const latestTask = new Map<string, AssessmentTaskRead>();
  const actionsDone = new Map<string, Partial<Record<CarerDoneField, string>> & Pick<Carer, 'circumstancesChanged' | 'dischargeInvolvement'>>();
  const involvedByTask: { carePlan: string; carer: CarerReference }[] = [];
  const deferrals: Deferral[] = [];
  let childrenAsked: ChildrenAsked | undefined;
  const latestReferral = new Map<string, ReferralTaskRead>();
  for (const resource of byType('Task')) {
    if (isReferralTask(resource)) {
      const read = readReferralTask(resource, { aliases });
      if ('warning' in read) {
        if (!read.ignored && isAboutCarers(resource, carerRefs)) warnings.push(read.warning);
        continue;
      }
      if (!carerRefs.has(read.carerRef) || (read.patient !== undefined && read.patient !== patientRef)) continue;
      keepLatest(latestReferral, read.carerRef, read, (t) => ({ primary: t.referral.on, secondary: t.lastUpdated }));
      continue;
    }
    const carerAction = carerActionOf(resource, options.policy.extensionBase);
    if (carerAction === 'prompt-deferred') {
      const read = readDeferralTask(resource, { extensionBase: options.policy.extensionBase, aliases });
      if ('warning' in read) {
        if (!read.ignored && (isAboutCarers(resource, carerRefs) || belongsTo(resource, patientRef, 'for'))) warnings.push(read.warning);
        continue;
      }
      if (read.patient !== undefined ? read.patient === patientRef : read.deferral.carer !== undefined && carerRefs.has(read.deferral.carer)) deferrals.push(read.deferral);
      continue;
    }
    if (carerAction === 'children-asked') {
      const read = readChildrenAskedTask(resource, { extensionBase: options.policy.extensionBase, aliases });
      if ('warning' in read) {
        if (!read.ignored && belongsTo(resource, patientRef, 'for')) warnings.push(read.warning);
        continue;
      }
      if (read.patient !== patientRef) continue;
      if (childrenAsked === undefined || compareRecency({ primary: read.asked.on }, { primary: childrenAsked.on }) > 0) childrenAsked = read.asked;
      continue;
    }
    if (carerAction !== undefined) {
      const done = readCarerActionTask(resource, { extensionBase: options.policy.extensionBase, aliases });
      if ('warning' in done) {
        if (!done.ignored && isAboutCarers(resource, carerRefs)) warnings.push(done.warning);
        continue;
      }
      if (!carerRefs.has(done.carerRef)) continue;
      if (done.action === 'care-plan-involved') {
        if (done.carePlan !== undefined) involvedByTask.push({ carePlan: done.carePlan, carer: done.carerRef as CarerReference });
        continue;
      }
      const entry = actionsDone.get(done.carerRef) ?? {};
      if (done.action === 'circumstances-changed') {
        const what = done.coded?.[CARER_ACTION_INPUT.changeKind];
        const kind = what !== undefined && Object.hasOwn(CIRCUMSTANCE_CHANGES, what) ? (what as CircumstanceChange) : undefined;
        if (entry.circumstancesChanged === undefined || compareRecency({ primary: done.on }, { primary: entry.circumstancesChanged.on }) > 0) entry.circumstancesChanged = { on: done.on, what: kind };
        actionsDone.set(done.carerRef, entry);
        continue;
      }
      if (done.action === 'discharge-planning-involved') {
        if (done.episode === undefined) warnings.push(`Task/${String((resource as { id?: unknown }).id)} records discharge planning but names no EpisodeOfCare, so it is not counted for an episode`);
        else (entry.dischargeInvolvement ??= []).push({ episode: done.episode, on: done.on });
        actionsDone.set(done.carerRef, entry);
        continue;
      }
      const field = CARER_DONE_FIELD[done.action];
      if (field === undefined) continue;
      if (entry[field] === undefined || compareRecency({ primary: done.on }, { primary: entry[field] }) > 0) entry[field] = done.on;
      actionsDone.set(done.carerRef, entry);
      continue;
    }
    const read = readAssessmentTask(resource, { aliases });
    if ('warning' in read) {
      if (!read.ignored && isAboutCarers(resource, carerRefs)) warnings.push(read.warning);
      continue;
    }
    if (!carerRefs.has(read.carerRef) || (read.patient !== undefined && read.patient !== patientRef)) continue;
    warnings.push(...read.warnings);
    keepLatest(latestTask, read.carerRef, read, (t) => ({ primary: t.assessment.offeredOn, secondary: t.lastUpdated }));
  }

  const communications = readCarerCommunications(byType('Communication'), { patientRef, carerRefs, extensionBase: options.policy.extensionBase, aliases, timeZone: options.policy.timeZone });
  warnings.push(...communications.warnings);

  let asked: AskedNoCarersRead | undefined;
  for (const resource of byType('List')) {
    const read = readAskedNoCarersList(resource, { aliases });
    if ('warning' in read) {
      if (!read.ignored && belongsTo(resource, patientRef, 'subject')) warnings.push(read.warning);
      continue;
    }
    if (read.patient !== patientRef) continue;
    warnings.push(...read.warnings);
    const key = (a: AskedNoCarersRead) => ({ primary: a.asked.askedOn, secondary: a.lastUpdated });
    if (asked === undefined || compareRecency(key(read), key(asked)) >= 0) asked = read;
  }

  applyEpisode(patient, byType('EpisodeOfCare'), patientRef, aliases, warnings);
  const carePlans = options.carePlansNotRead === undefined ? readCarePlans(byType('CarePlan'), byType('CareTeam'), patientRef, aliases, involvedByTask, warnings) : undefined;

  const context: CarerContext = {
    patient,
    carers: carers.map(
      (carer): Carer => ({
        ...carer,
        consent: decisionInForce({ carer: carer.reference, patient: patientRef, relatedPersons: carerRefs, statements }, options.policy, options.now),
        // A referral for the statutory assessment counts as the assessment arranged (shared/domain/assessment.ts).
        assessment: withReferral(latestTask.get(carer.reference)?.assessment ?? NOT_OFFERED, latestReferral.get(carer.reference)?.referral, options.policy),
        ...actionsDone.get(carer.reference),
        ...communications.byCarer.get(carer.reference),
        ...(sharingConsents.has(carer.reference) ? { sharingConsent: sharingConsents.get(carer.reference)?.own } : {}),
      }),
    ),
    orphanConsents: orphans,
    warnings: capWarnings(warnings),
  };
  if (contacts.length > 0) context.contacts = contacts;
  if (deferrals.length > 0) context.deferrals = deferrals;
  if (carePlans !== undefined) context.carePlans = carePlans;
  if (options.carePlansNotRead !== undefined) {
    context.carePlansNotRead = options.carePlansNotRead;
    context.warnings.push(options.carePlansNotRead);
  }
  const answer: AskedNoCarers | undefined = asked?.asked;
  if (answer) context.askedNoCarers = answer;
  if (unreadableRelatedPersons > 0) context.unreadableRelatedPersons = unreadableRelatedPersons;
  if (childrenAsked !== undefined) context.childrenAsked = childrenAsked;
  return { ok: true, context, raw };
}

function choosePatient(patients: readonly RawResource[], wanted: string | undefined): { ok: true; resource: RawResource } | { ok: false; reason: string } {
  if (wanted !== undefined) {
    const ref = localReference(wanted, 'Patient');
    if (ref === undefined) return { ok: false, reason: 'the patient to read must be given as Patient/<id>' };
    const found = patients.find((p) => refOf(p) === ref);
    return found ? { ok: true, resource: found } : { ok: false, reason: `${ref} is not in the FHIR data` };
  }
  const distinct = new Set(patients.map((p) => refOf(p) ?? p));
  if (distinct.size === 0) return { ok: false, reason: 'the FHIR data holds no Patient' };
  if (distinct.size > 1) return { ok: false, reason: `the FHIR data holds ${distinct.size} patients; say which one to read` };
  return { ok: true, resource: patients[0] as RawResource };
}

function keepLatest<T>(map: Map<string, T>, key: string, candidate: T, order: (t: T) => { primary?: string | undefined; secondary?: string | undefined }): void {
  const current = map.get(key);
  if (current === undefined || compareRecency(order(candidate), order(current)) >= 0) map.set(key, candidate);
}

/** Whether an unreadable resource is (as far as can be told) about this patient, so its warning concerns them. */
function belongsTo(resource: RawResource, patientRef: string, element: string): boolean {
  const target = resource[element];
  if (typeof target !== 'object' || target === null) return true;
  const ref = localReference((target as { reference?: unknown }).reference);
  return ref === undefined || ref === patientRef;
}

function isAboutCarers(resource: RawResource, carerRefs: ReadonlySet<string>): boolean {
  const refs = ['for', 'focus'].map((k) => {
    const target = resource[k];
    return typeof target === 'object' && target !== null ? localReference((target as { reference?: unknown }).reference) : undefined;
  });
  return refs.every((r) => r === undefined) || refs.some((r) => r !== undefined && carerRefs.has(r));
}

function applyEpisode(
  patient: CarerContext['patient'],
  episodes: readonly RawResource[],
  patientRef: string,
  aliases: ReadonlyMap<string, string>,
  warnings: string[],
): void {
  let latest: EpisodeOfCareRead | undefined;
  const all: Episode[] = [];
  for (const resource of episodes) {
    const read = readEpisodeOfCare(resource, { aliases });
    if ('warning' in read) {
      if (belongsTo(resource, patientRef, 'patient')) warnings.push(read.warning);
      continue;
    }
    if (read.patient !== patientRef) continue;
    warnings.push(...read.warnings);
    const ref = refOf(resource);
    if (ref !== undefined && (read.current || read.finished)) {
      const episode: Episode = { reference: ref as EpisodeReference, status: read.current ? 'current' : 'finished', inpatient: read.inpatient, detained: read.detained };
      if (read.start !== undefined) episode.start = read.start;
      if (read.end !== undefined) episode.end = read.end;
      if (read.team !== undefined) episode.team = read.team;
      all.push(episode);
    }
    if (!read.current) continue;
    if (latest === undefined || compareRecency({ primary: read.start }, { primary: latest.start }) >= 0) latest = read;
  }
  if (all.length > 0) patient.episodes = all;
  if (latest?.start) patient.serviceStart = latest.start;
  if (latest?.team) patient.team = latest.team;
}

function capWarnings(warnings: readonly string[]): string[] {
  const distinct = [...new Set(warnings)];
  if (distinct.length <= MAX_WARNINGS) return distinct;
  return [...distinct.slice(0, MAX_WARNINGS), `…and ${distinct.length - MAX_WARNINGS} more problems with the FHIR data`];
}

/** Each contact with the first RelatedPerson who is the same person, if any. */
function recogniseRecorded(contacts: readonly PatientContact[], carers: readonly CarerWithoutDecisions[]): PatientContact[] {
  const byKey = new Map<string, CarerWithoutDecisions>();
  for (const carer of carers) for (const key of identityKeys(carer)) if (!byKey.has(key)) byKey.set(key, carer);
  return contacts.map((contact) => {
    const match = identityKeys(contact)
      .map((key) => byKey.get(key))
      .find((c) => c !== undefined);
    return match === undefined ? contact : { ...contact, recordedAs: match.reference };
  });
}
