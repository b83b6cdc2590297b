/**
 * The patient's decision about sharing information with (and involving) one carer, as a Consent
 * (shared/terminology.md, "Consent to share information with / involve a carer", Write; read back
 * by adapter/mapping/readConsentDecision.ts, docs/consent-semantics.md).
 *
 * - permit / deny: the top provision names the carer (IRCP), action disclose, purposes FAMRQT + COC.
 * - partial: a permit narrowed at the top to what may be shared (provision.code), with a nested deny
 *   for each thing that must not be; either list may be empty, not both.
 * - lacks-capacity: the patient is unable to decide at present — status `proposed` (not a decision
 *   in force, for any reader), the basis extension `lacks-capacity`, and the ask-again date as the
 *   review date.
 * - The review date goes in the review-due extension, never provision.period: period is the rule's
 *   validity in FHIR (other systems read a past period.end as expired). `validUntil` is written as
 *   period.end only when the patient limits the decision in time.
 * - performer = who decided: the patient, or someone deciding for them with a basis that allows it
 *   (LPA, deputy, parental responsibility, best interests); the basis goes in the basis extension.
 */
import type { CodeableConcept, Consent, ConsentProvision, Extension, Organization, Reference } from '@medplum/fhirtypes';
import { BASES_DECIDING_FOR_PATIENT } from '../../../shared/consent/decisionInForce';
import { BASIS_LABEL } from '../../../shared/consent/decisionText';
import type { CarerReference, ConsentBasis, PatientReference } from '../../../shared/domain/types';
import {
  CONSENT_ACTION_DISCLOSE,
  CONSENT_PURPOSES,
  CONSENT_SCOPE_PRIVACY,
  POLICY_OPT_IN,
  POLICY_OPT_OUT,
  WRITE_ACTOR_ROLE,
  WRITE_CONSENT_CATEGORY,
  consentBasisExtensionUrl,
  consentReviewDueExtensionUrl,
} from '../../../shared/terminology';
import { requireDateTime, requireReference, requireText, WriteInputError } from './inputs';
import { textNarrative } from './narrative';
import { requestIdentifier } from './requestIdentifier';

export interface BuildConsentInput {
  patient: PatientReference;
  carer: CarerReference;
  decision: 'permit' | 'deny' | 'partial' | 'lacks-capacity';
  /** For partial decisions: what may be shared (plain text). */
  mayShare?: string[];
  /** For partial decisions: what may not be shared (plain text). */
  mayNotShare?: string[];
  decidedOn: string;
  /** When the decision is reviewed (or, when the patient is unable to decide, when to ask again): the review-due extension. */
  reviewDue: string;
  /** Only when the patient limits the decision in time: provision.period.end. */
  validUntil?: string;
  /** Who decided, when not the patient: a reference ("RelatedPerson/1") and/or a display name. */
  decidedBy?: { reference?: string; display?: string };
  /** The basis when the decision is not an adult patient's own (shared/domain/types.ts CONSENT_BASES). */
  basis?: ConsentBasis;
  /** Base of the project's extension URLs (policy `extensionBase`). */
  extensionBase: string;
  /** The trust, if known. */
  organization?: Reference<Organization>;
  /** Human-readable summary for the narrative; a plain default is written when absent. */
  summaryText?: string;
  /** UUID for conditional create, so a retry never records the decision twice. */
  requestId?: string;
  /**
   * The patient's Consent naming nobody of theirs that this decision was recorded to settle ("which
   * carer is this decision for?"): Consent.sourceReference. The original is never amended.
   */
  settles?: `Consent/${string}`;
}

type Performer = NonNullable<Consent['performer']>[number];

const concept = (coding: { system: string; code: string; display: string }): CodeableConcept => ({ coding: [{ ...coding }] });

export function buildConsent(input: BuildConsentInput): Consent {
  const patient = requireReference(input.patient, 'Patient', 'patient');
  const carer = requireReference(input.carer, 'RelatedPerson', 'carer');
  const decidedOn = requireDateTime(input.decidedOn, 'decidedOn');
  const reviewDue = requireDateTime(input.reviewDue, 'reviewDue');
  // Compared as calendar dates, as written: a review "on 2026-11-23" is not before a decision at 10:00 that day.
  if (reviewDue.slice(0, 10) < decidedOn.slice(0, 10)) throw new WriteInputError('reviewDue must not be before decidedOn');
  const validUntil = input.validUntil === undefined ? undefined : requireDateTime(input.validUntil, 'validUntil');
  if (validUntil !== undefined && validUntil.slice(0, 10) < decidedOn.slice(0, 10)) throw new WriteInputError('validUntil must not be before decidedOn');
  const mayShare = items(input.mayShare, 'mayShare');
  const mayNotShare = items(input.mayNotShare, 'mayNotShare');
  if (input.decision === 'partial' && mayShare.length === 0 && mayNotShare.length === 0) {
    throw new WriteInputError('a partial decision must say what may, or may not, be shared (mayShare, mayNotShare)');
  }
  if (input.decision !== 'partial' && (mayShare.length > 0 || mayNotShare.length > 0)) {
    throw new WriteInputError('mayShare and mayNotShare are only for partial decisions');
  }
  const decider = deciderOf(input, patient);

  const actor = [{ role: concept(WRITE_ACTOR_ROLE), reference: { reference: carer } }];
  const action = [concept(CONSENT_ACTION_DISCLOSE)];
  const provision: ConsentProvision =
    input.decision === 'lacks-capacity'
      ? { actor, action }
      : { type: input.decision === 'deny' ? 'deny' : 'permit', actor, action, purpose: CONSENT_PURPOSES.map((p) => ({ ...p })) };
  if (validUntil !== undefined) provision.period = { end: validUntil };
  if (input.decision === 'partial') {
    if (mayShare.length > 0) provision.code = mayShare.map((text) => ({ text }));
    if (mayNotShare.length > 0) provision.provision = mayNotShare.map((text): ConsentProvision => ({ type: 'deny', code: [{ text }] }));
  }
  const extension: Extension[] = [{ url: consentReviewDueExtensionUrl(input.extensionBase), valueDate: reviewDue.slice(0, 10) }];
  const basis = input.decision === 'lacks-capacity' ? 'lacks-capacity' : input.basis;
  if (basis !== undefined) extension.push({ url: consentBasisExtensionUrl(input.extensionBase), valueCode: basis });

  const policyRule: CodeableConcept =
    input.decision === 'lacks-capacity'
      ? { text: 'Unable to decide at present: no decision about sharing is in force' }
      : concept(input.decision === 'deny' ? POLICY_OPT_OUT : POLICY_OPT_IN);
  if (basis !== undefined && input.decision !== 'lacks-capacity') policyRule.text = `Decided by ${BASIS_LABEL[basis]}`;

  const consent: Consent = {
    resourceType: 'Consent',
    extension,
    text: textNarrative(input.summaryText?.trim() || defaultSummary(input.decision, mayShare, mayNotShare, reviewDue, basis)),
    status: input.decision === 'lacks-capacity' ? 'proposed' : 'active',
    scope: concept(CONSENT_SCOPE_PRIVACY),
    category: [concept(WRITE_CONSENT_CATEGORY)],
    patient: { reference: patient },
    dateTime: decidedOn,
    policyRule,
    provision,
  };
  if (decider !== undefined) consent.performer = [decider];
  if (input.requestId !== undefined) consent.identifier = [requestIdentifier(input.requestId)];
  if (input.organization !== undefined) consent.organization = [{ ...input.organization }];
  if (input.settles !== undefined) consent.sourceReference = { reference: requireReference(input.settles, 'Consent', 'settles') };
  return consent;
}

/** performer: the patient by default; someone else only with a basis that lets them decide for the patient. */
function deciderOf(input: BuildConsentInput, patient: string): Performer | undefined {
  if (input.decision === 'lacks-capacity') return undefined;
  const other = input.decidedBy;
  const reference = other?.reference === undefined ? undefined : other.reference.trim();
  const display = other?.display === undefined ? undefined : requireText(other.display, 'decidedBy.display');
  const byPatient = other === undefined || (reference === patient && display === undefined);
  if (byPatient) {
    if (input.basis !== undefined && input.basis !== 'gillick-competent') throw new WriteInputError(`a decision by the patient has no basis "${input.basis}"; say who decided for them (decidedBy)`);
    return { reference: patient };
  }
  if (input.basis === undefined || !BASES_DECIDING_FOR_PATIENT.has(input.basis)) {
    throw new WriteInputError('a decision made by someone other than the patient needs its basis: lpa, deputy, parental-responsibility or best-interests');
  }
  if (reference === undefined && display === undefined) throw new WriteInputError('decidedBy needs a reference or a display name');
  const out: Performer = {};
  if (reference !== undefined) out.reference = requireText(reference, 'decidedBy.reference');
  if (display !== undefined) out.display = display;
  return out;
}

function items(values: readonly string[] | undefined, field: string): string[] {
  return (values ?? []).map((v, i) => requireText(v, `${field}[${i}]`));
}

function defaultSummary(decision: BuildConsentInput['decision'], mayShare: string[], mayNotShare: string[], reviewDue: string, basis: ConsentBasis | undefined): string {
  const what =
    decision === 'permit'
      ? 'The patient agreed that information may be shared with this carer and that they may be involved in care.'
      : decision === 'deny'
        ? 'The patient declined to share information with this carer. Staff may still listen to the carer and give general information.'
        : decision === 'lacks-capacity'
          ? 'The patient is unable to decide at present about sharing information with this carer. No decision is in force.'
          : `The patient agreed to share some information with this carer.${mayShare.length > 0 ? ` Only: ${mayShare.join('; ')}.` : ''}${mayNotShare.length > 0 ? ` Not: ${mayNotShare.join('; ')}.` : ''}`;
  const by = basis !== undefined && decision !== 'lacks-capacity' ? ` Decided by ${BASIS_LABEL[basis]}.` : '';
  return `${what}${by} ${decision === 'lacks-capacity' ? 'Ask again on' : 'Review by'} ${reviewDue.slice(0, 10)}.`;
}
