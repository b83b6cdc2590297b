/**
 * Each write action (shared/actions) as the adapter operation it performs. The mapped type makes a
 * new action in the registry fail to compile until it has its line here.
 */
import { WRITE_ACTIONS, type WriteInput, type WriteInputOf, type WriteKind } from '../../shared/actions/index';
import { consentDateDefaults } from '../../shared/domain/derive';
import type { ContactKey, PatientReference } from '../../shared/domain/types';
import type { Policy } from '../../shared/policy';
import { CARER_ACTION_INPUT, CIRCUMSTANCE_CHANGES } from '../../shared/terminology';
import type { FhirAdapter, WriteOptions, WriteResult } from '../client';
import type { RawResource } from '../fhir/rawStore';
import { WriteInputError } from '../writes/build';

export interface PerformContext {
  adapter: FhirAdapter;
  patient: PatientReference;
  /** Makes a create idempotent: the same id sent again finds the first record. */
  requestId: string;
  signal: AbortSignal;
  policy: Policy;
  now: Date;
  /**
   * The resource as the clinician saw it (the version in their form), read again when no longer held;
   * a newer version is a conflict, never overwritten.
   */
  rawAt: (reference: string, versionId: string | undefined) => Promise<RawResource>;
}

/** What performWrite adds to the context: the options every write of the action is sent with. */
interface Performing extends PerformContext {
  options: WriteOptions;
}

type Perform<K extends WriteKind> = (input: WriteInputOf<K>, ctx: Performing) => Promise<WriteResult>;

const markCarer = (isCarer: boolean) => async (input: { carer: `RelatedPerson/${string}`; versionId?: string | undefined }, ctx: Performing) =>
  ctx.adapter.markCarerStatus(input.carer, isCarer, { raw: await ctx.rawAt(input.carer, input.versionId), patient: ctx.patient, ...ctx.options });

export const PERFORM: { readonly [K in WriteKind]: Perform<K> } = {
  'add-carer': (input, { adapter, patient, requestId, options }) => {
    const telecom = [...(input.phone ? [{ system: 'phone' as const, value: input.phone }] : []), ...(input.email ? [{ system: 'email' as const, value: input.email }] : [])];
    return adapter.recordCarer(
      {
        patient,
        requestId,
        name: { text: input.name },
        ...(input.relationship ? { relationship: input.relationship } : {}),
        ...(input.birthDate ? { birthDate: input.birthDate } : {}),
        ...(telecom.length ? { telecom } : {}),
      },
      options,
    );
  },
  'record-no-carers': (_input, { adapter, patient, requestId, options }) => adapter.recordAskedNoCarers({ patient, requestId }, options),
  'mark-carer': markCarer(true),
  'mark-not-carer': markCarer(false),
  // The Patient as the clinician saw it: a contact edited since is refused, never answered for someone else.
  'answer-contact': async (input, ctx) =>
    ctx.adapter.recordContactAnswer({ patient: ctx.patient, contact: input.contact as ContactKey, isCarer: input.isCarer }, { raw: await ctx.rawAt(ctx.patient, undefined), patient: ctx.patient, ...ctx.options }),
  'edit-carer': async (input, ctx) =>
    ctx.adapter.editCarerDetails(
      input.carer,
      { ...(input.relationship ? { relationship: input.relationship } : {}), ...(input.phone ? { phone: input.phone } : {}), ...(input.email ? { email: input.email } : {}), ...(input.birthDate ? { birthDate: input.birthDate } : {}) },
      { raw: await ctx.rawAt(input.carer, input.versionId), patient: ctx.patient, ...ctx.options },
    ),
  'record-consent': (input, { adapter, patient, requestId, options, policy, now }) => {
    // The same default the form shows (consentDateDefaults), should a panel send none.
    const defaults = consentDateDefaults(policy, now);
    return adapter.recordConsent(
      {
        patient,
        requestId,
        carer: input.carer,
        decision: input.decision,
        decidedOn: now.toISOString(),
        reviewDue: input.reviewDue ?? (input.decision === 'lacks-capacity' ? defaults.askAgainOn : defaults.consentReviewDue),
        ...(input.decision === 'partial' ? { mayShare: input.mayShare, mayNotShare: input.mayNotShare } : {}),
        ...(input.basis !== undefined ? { basis: input.basis } : {}),
        ...(input.settles !== undefined ? { settles: input.settles } : {}),
        ...(input.decidedByCarer !== undefined || input.decidedByName !== undefined
          ? { decidedBy: { ...(input.decidedByCarer ? { reference: input.decidedByCarer } : {}), ...(input.decidedByName ? { display: input.decidedByName } : {}) } }
          : {}),
      },
      options,
    );
  },
  'withdraw-consent': async (input, ctx) => ctx.adapter.withdrawConsent(input.consent, { raw: await ctx.rawAt(input.consent, input.versionId), patient: ctx.patient, ...ctx.options }),
  'offer-assessment': (input, { adapter, patient, requestId, options }) => adapter.offerAssessment({ patient, carer: input.carer, requestId }, options),
  'record-assessment-outcome': async (input, ctx) => {
    const on = input.date ?? ctx.now.toISOString().slice(0, 10);
    return ctx.adapter.recordAssessmentOutcome(input.task, { status: input.outcome, on, ...(input.reason ? { reason: input.reason } : {}) }, { raw: await ctx.rawAt(input.task, input.versionId), patient: ctx.patient, ...ctx.options });
  },
  'record-signposting': (input, { adapter, patient, requestId, options, policy }) => {
    // The Task keeps each signpost's label as the trust worded it when given (a later policy change does not rewrite it).
    const items = input.given.map((id) => {
      const signpost = policy.signposts.find((s) => s.id === id);
      return { type: 'Signpost given', value: signpost ? `${signpost.label}${signpost.url ? ` (${signpost.url})` : ''}` : id };
    });
    return adapter.recordCarerAction({ patient, carer: input.carer, action: 'signposted', items, requestId }, options);
  },
  'refer-young-carer': (input, { adapter, patient, requestId, options }) =>
    adapter.recordCarerAction({ patient, carer: input.carer, action: 'young-carer-referred', items: [{ type: 'Referred to', value: input.referredTo }], ...(input.note ? { note: input.note } : {}), requestId }, options),
  'request-transition-assessment': (input, { adapter, patient, requestId, options }) =>
    adapter.recordCarerAction(
      { patient, carer: input.carer, action: 'transition-assessment-requested', items: [{ type: 'Requested from', value: input.requestedFrom }], ...(input.note ? { note: input.note } : {}), requestId },
      options,
    ),
  'record-circumstances-changed': (input, { adapter, patient, requestId, options }) =>
    adapter.recordCarerAction(
      {
        patient,
        carer: input.carer,
        action: 'circumstances-changed',
        items: [{ type: 'What changed', value: CIRCUMSTANCE_CHANGES[input.what] }],
        coded: [{ type: CARER_ACTION_INPUT.changeKind, code: input.what }],
        ...(input.note ? { note: input.note } : {}),
        requestId,
      },
      options,
    ),
  'record-discharge-involvement': (input, { adapter, patient, requestId, options }) =>
    adapter.recordCarerAction(
      {
        patient,
        carer: input.carer,
        action: 'discharge-planning-involved',
        focus: input.episode,
        items: [
          { type: 'How the carer was involved', value: input.how },
          { type: 'Shared', value: input.shared === 'personal-information' ? "The patient's information, as the decision in force allows" : 'General information only (no personal information)' },
        ],
        coded: [{ type: CARER_ACTION_INPUT.dischargeSharing, code: input.shared }],
        requestId,
      },
      options,
    ),
  'defer-prompt': (input, { adapter, patient, requestId, options, now }) =>
    adapter.recordDeferral(
      {
        patient,
        ...(input.carer ? { carer: input.carer } : {}),
        code: input.code,
        kind: input.deferral,
        reason: input.reason,
        ...(input.comment ? { comment: input.comment } : {}),
        on: now.toISOString(),
        until: new Date(now.getTime() + input.days * 86_400_000).toISOString(),
        requestId,
      },
      options,
    ),
  'record-children-asked': (input, { adapter, patient, requestId, options }) =>
    adapter.recordChildrenAsked({ patient, childHelps: input.childHelps, ...(input.note ? { note: input.note } : {}), requestId }, options),
  'end-deferral': async (input, ctx) => ctx.adapter.endDeferral(input.task, { raw: await ctx.rawAt(input.task, input.versionId), patient: ctx.patient, ...ctx.options }),
  'involve-carer-in-care-plan': (input, { adapter, patient, requestId, options }) =>
    adapter.recordCarerAction(
      { patient, carer: input.carer, action: 'care-plan-involved', focus: input.carePlan, items: [{ type: 'Care plan', value: input.carePlan }], ...(input.note ? { note: input.note } : {}), requestId },
      options,
    ),
  'record-contingency-plan': (input, { adapter, patient, requestId, options }) =>
    adapter.recordCarerAction(
      {
        patient,
        carer: input.carer,
        action: 'contingency-plan-agreed',
        items: [{ type: 'If the carer cannot care', value: input.plan }, ...(input.emergencyCard ? [{ type: 'Emergency card', value: 'The carer has an emergency card backed by this plan' }] : [])],
        requestId,
      },
      options,
    ),
  'record-crisis-numbers': (input, { adapter, patient, requestId, options, policy }) => {
    // Each number's label as the trust worded it when given (a later policy change does not rewrite it).
    const items = input.given.map((id) => {
      const number = policy.crisisNumbers.find((n) => n.id === id);
      return { type: 'Crisis number given', value: number ? `${number.label}${number.url ? ` (${number.url})` : ''}` : id };
    });
    return adapter.recordCarerAction({ patient, carer: input.carer, action: 'crisis-numbers-given', items, requestId }, options);
  },
  'record-carer-heard': (input, { adapter, patient, requestId, options, policy }) =>
    adapter.recordCarerHeard({ patient, carer: input.carer, given: givenLabels(input.given, policy), ...(input.note ? { note: input.note } : {}), requestId }, options),
  'record-carer-enquiry': (input, { adapter, patient, requestId, options, now }) =>
    adapter.recordCarerCommunication(
      { patient, carer: input.carer, kind: 'carer-enquiry', topic: input.about, on: input.receivedOn ?? now.toISOString(), requestId },
      options,
    ),
  'answer-carer-enquiry': (input, { adapter, patient, requestId, options, now }) =>
    adapter.recordCarerCommunication(
      { patient, carer: input.carer, kind: 'carer-enquiry-answer', inResponseTo: input.enquiry, on: input.answeredOn ?? now.toISOString(), ...(input.note ? { note: input.note } : {}), requestId },
      options,
    ),
  'record-disclosure': (input, { adapter, patient, requestId, options, now }) =>
    adapter.recordCarerCommunication(
      { patient, carer: input.carer, kind: 'disclosure-without-consent', topic: input.what, basis: input.basis, patientTold: input.patientTold, on: now.toISOString(), ...(input.note ? { note: input.note } : {}), requestId },
      options,
    ),
  'refer-carer-assessment': (input, { adapter, patient, requestId, options, policy }) =>
    adapter.recordCarerReferral({ patient, carer: input.carer, organisation: supportOrganisation(policy, input.organisation), ...(input.note ? { note: input.note } : {}), requestId }, options),
  'record-carer-sharing-consent': (input, { adapter, patient, requestId, options, policy }) =>
    adapter.recordCarerSharingConsent(
      { patient, carer: input.carer, decision: input.decision, organisation: supportOrganisation(policy, input.organisation), ...(input.referral ? { referral: input.referral } : {}), requestId },
      options,
    ),
};

/** The policy's general information and signposts given, each worded as the trust worded it when given (a later policy change does not rewrite it). */
function givenLabels(ids: readonly string[], policy: Policy): string[] {
  return ids.map((id) => {
    const item = policy.generalInformation.find((g) => g.id === id) ?? policy.signposts.find((s) => s.id === id);
    return item ? `${item.label}${item.url ? ` (${item.url})` : ''}` : id;
  });
}

/** The policy's carers' support organisation by id (as the trust names it now); an unknown id is refused, never guessed. */
function supportOrganisation(policy: Policy, id: string): { name: string; identifier?: { system: string; value: string } } {
  const org = policy.carerSupportOrganisations.find((o) => o.id === id);
  if (org === undefined) throw new WriteInputError(`"${id}" is not one of the trust's carers' support organisations (policy carerSupportOrganisations)`);
  return { name: org.name, ...(org.identifier !== undefined ? { identifier: { system: org.identifier.system, value: org.identifier.value } } : {}) };
}

/**
 * Performs one write action (the registry's kind picks the operation). Whether a Provenance goes with
 * it is the registry's `audited` (shared/actions/define.ts), the one place that decides it (H30).
 */
export function performWrite(input: WriteInput, ctx: PerformContext): Promise<WriteResult> {
  const options: WriteOptions = { signal: ctx.signal, withProvenance: WRITE_ACTIONS[input.kind].audited };
  return (PERFORM[input.kind] as Perform<WriteKind>)(input as never, { ...ctx, options });
}
