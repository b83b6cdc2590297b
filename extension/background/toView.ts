import { compareDates, today } from '../../shared/domain/dates';
import { consentReviewDue, formDefaults, isCurrent, isYoungCarer } from '../../shared/domain/derive';
import { BASIS_LABEL, decisionSentence } from '../../shared/consent/decisionText';
import type { Carer, CarerContext, Deferral, Prompt } from '../../shared/domain/types';
import { contactLabel } from '../../shared/domain/describe';
import { carePlanLabel } from '../../shared/domain/carePlans';
import type { Policy } from '../../shared/policy';
import { enquiryAnswerDue } from '../../shared/prompts/carer-enquiry-overdue';
import type { CarerView, PromptView, ReadyView } from '../protocol/view';

export interface ReadyViewInput {
  context: CarerContext;
  /** The prompts to show (none deferred). */
  visiblePrompts: readonly Prompt[];
  /** The prompts recorded deferrals hide, with their deferral. */
  deferred?: readonly { prompt: Prompt; deferral: Deferral }[];
  writes: ReadyView['writes'];
  policy: Policy;
  now: Date;
}

/** Builds the panel's view model: the shapes the panel renders, nothing it must compute. */
export function toReadyView({ context, visiblePrompts, deferred = [], writes, policy, now }: ReadyViewInput): ReadyView {
  const { patient } = context;
  const todayDate = today(now, policy.timeZone);
  const review = (carer: Carer): { due?: string; overdue: boolean } => {
    const due = consentReviewDue(carer.consent, policy);
    return due === undefined ? { overdue: false } : { due, overdue: compareDates(due, todayDate) < 0 };
  };
  return {
    kind: 'ready',
    patient: {
      reference: patient.reference,
      id: patient.id,
      ...(patient.name !== undefined ? { name: patient.name } : {}),
      ...(patient.birthDate !== undefined ? { birthDate: patient.birthDate } : {}),
      ...(patient.nhsNumber !== undefined ? { nhsNumber: patient.nhsNumber } : {}),
      ...(patient.deceased !== undefined ? { deceased: true } : {}),
    },
    carers: context.carers.filter((c) => isCurrent(c, policy, now)).map((carer) => toCarerView(carer, isYoungCarer(carer, policy, now), review(carer), policy, deciderName(carer, context))),
    // evaluatePrompts orders by severity; deferring keeps that order.
    prompts: visiblePrompts.map((prompt) => toPromptView(prompt, context)),
    deferred: deferred.map(({ prompt, deferral }) => ({
      prompt: toPromptView(prompt, context),
      task: deferral.task,
      ...(deferral.versionId !== undefined ? { versionId: deferral.versionId } : {}),
      kind: deferral.kind,
      reason: deferral.reason,
      ...(deferral.comment !== undefined ? { comment: deferral.comment } : {}),
      ...(deferral.by !== undefined ? { by: deferral.by } : {}),
      on: deferral.on,
      until: deferral.until,
    })),
    ...(context.askedNoCarers ? { askedNoCarers: context.askedNoCarers.askedOn !== undefined ? { askedOn: context.askedNoCarers.askedOn } : {} } : {}),
    formDefaults: formDefaults(patient, policy, now),
    signposts: policy.signposts.map((s) => ({ id: s.id, label: s.label, ...(s.url !== undefined ? { url: s.url } : {}) })),
    crisisNumbers: policy.crisisNumbers.map((s) => ({ id: s.id, label: s.label, ...(s.url !== undefined ? { url: s.url } : {}) })),
    generalInformation: policy.generalInformation.map((g) => ({ id: g.id, label: g.label, ...(g.url !== undefined ? { url: g.url } : {}) })),
    supportOrganisations: policy.carerSupportOrganisations.map((o) => ({ id: o.id, name: o.name })),
    warnings: [...context.warnings],
    writes,
  };
}

/** The name of whoever decided for the patient: a related person on the record, or the name the record gives. */
function deciderName(carer: Carer, context: CarerContext): string | undefined {
  const by = carer.consent.decidedBy;
  if (by === undefined || carer.consent.decidedByPatient !== false) return undefined;
  if (!/^[A-Z][A-Za-z]+\//.test(by)) return by;
  return context.carers.find((c) => c.reference === by)?.name;
}

function toCarerView(carer: Carer, youngCarer: boolean, review: { due?: string; overdue: boolean }, policy: Policy, decider: string | undefined): CarerView {
  const { consent, assessment } = carer;
  return {
    id: carer.id,
    reference: carer.reference,
    ...(carer.versionId !== undefined ? { versionId: carer.versionId } : {}),
    ...(carer.name !== undefined ? { name: carer.name } : {}),
    carerStatus: carer.carerStatus,
    relationships: [...carer.relationships],
    contactRoles: [...carer.contactRoles],
    youngCarer,
    ...(carer.birthDate !== undefined ? { birthDate: carer.birthDate } : {}),
    telecom: carer.telecom.map((t) => ({ value: t.value, ...(t.system !== undefined ? { system: t.system } : {}) })),
    active: carer.active,
    consent: {
      decision: consent.decision,
      summary: decisionSentence(consent, policy.timeZone, decider),
      ...(consent.consent !== undefined ? { consent: consent.consent } : {}),
      ...(consent.versionId !== undefined ? { versionId: consent.versionId } : {}),
      ...(consent.recordedOn !== undefined ? { recordedOn: consent.recordedOn } : {}),
      ...(review.due !== undefined ? { reviewDue: review.due } : {}),
      reviewOverdue: review.overdue,
      mayShare: [...(consent.mayShare ?? [])],
      mayNotShare: [...(consent.mayNotShare ?? [])],
      ...(consent.basis !== undefined ? { basis: BASIS_LABEL[consent.basis] } : consent.basisText !== undefined ? { basis: consent.basisText } : {}),
      ...(consent.unknownReason !== undefined ? { unknownReason: consent.unknownReason } : {}),
    },
    assessment: {
      status: assessment.status,
      ...(assessment.task !== undefined ? { task: assessment.task } : {}),
      ...(assessment.versionId !== undefined ? { versionId: assessment.versionId } : {}),
      ...(assessment.offeredOn !== undefined ? { offeredOn: assessment.offeredOn } : {}),
      ...(assessment.respondedOn !== undefined ? { respondedOn: assessment.respondedOn } : {}),
      ...(assessment.completedOn !== undefined ? { completedOn: assessment.completedOn } : {}),
      ...(assessment.declinedReason !== undefined ? { declinedReason: assessment.declinedReason } : {}),
      ...(assessment.referral !== undefined ? { referral: assessment.referral } : {}),
      ...(assessment.referredOn !== undefined ? { referredOn: assessment.referredOn } : {}),
      ...(assessment.referredTo !== undefined ? { referredTo: assessment.referredTo } : {}),
    },
    ...openEnquiries(carer, policy),
  };
}

/** The carer's unanswered enquiries, for the answer form (the due day computed here, with the policy: the panel does no date arithmetic). */
function openEnquiries(carer: Carer, policy: Policy): Pick<CarerView, 'openEnquiries'> {
  const open = (carer.enquiries ?? []).filter((e) => e.answeredOn === undefined);
  if (open.length === 0) return {};
  return {
    openEnquiries: open.map((e) => {
      const due = enquiryAnswerDue(e.receivedOn, policy);
      return { communication: e.communication, receivedOn: e.receivedOn, ...(due !== undefined ? { due } : {}) };
    }),
  };
}

function toPromptView(prompt: Prompt, context: CarerContext): PromptView {
  const contact = prompt.contact === undefined ? undefined : context.contacts?.find((c) => c.key === prompt.contact);
  return {
    id: prompt.id,
    code: prompt.code,
    severity: prompt.severity,
    summary: prompt.summary,
    detail: prompt.detail,
    commitment: prompt.commitment,
    actions: prompt.actions.map((a) => ({ kind: a.kind, label: a.label })),
    ...(prompt.carer !== undefined ? { carer: prompt.carer } : {}),
    ...(contact !== undefined ? { contact: { key: contact.key, label: contactLabel(contact) } } : {}),
    ...(prompt.consent !== undefined ? { consent: prompt.consent } : {}),
    ...(prompt.carePlans !== undefined ? { carePlans: prompt.carePlans.flatMap((reference) => context.carePlans?.filter((p) => p.reference === reference).map((p) => ({ reference, label: carePlanLabel(p) })) ?? []) } : {}),
    ...(prompt.episode !== undefined ? { episode: prompt.episode } : {}),
    snoozable: prompt.snoozable,
  };
}
