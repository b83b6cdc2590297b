/**
 * The patient's decision about sharing information with (and involving) one carer, as a Consent
 * (shared/terminology.md, "Consent to share information with / involve a carer", Write).
 *
 * partial = a permit whose nested deny provisions name what is excluded (nested permit provisions
 * name what may be shared, for the reader's benefit). The decision is summarised in the narrative as
 * escaped plain text.
 */
import type { CodeableConcept, Consent, ConsentProvision, Organization, Reference } from '@medplum/fhirtypes';
import type { CarerReference, PatientReference } from '../../../shared/domain/types';
import {
  CONSENT_ACTION_DISCLOSE,
  CONSENT_PURPOSES,
  CONSENT_SCOPE_PRIVACY,
  POLICY_OPT_IN,
  POLICY_OPT_OUT,
  WRITE_ACTOR_ROLE,
  WRITE_CONSENT_CATEGORY,
} from '../../../shared/terminology';
import { requireDateTime, requireReference, requireText, WriteInputError } from './inputs';
import { textNarrative } from './narrative';
import { requestIdentifier } from './requestIdentifier';

export interface BuildConsentInput {
  patient: PatientReference;
  carer: CarerReference;
  decision: 'permit' | 'deny' | 'partial';
  /** For partial decisions: what may be shared (plain text). */
  mayShare?: string[];
  /** For partial decisions: what may not be shared (plain text); at least one item. */
  mayNotShare?: string[];
  decidedOn: string;
  /** When the decision should be reviewed: provision.period.end. */
  reviewDue: string;
  /** The basis when the decision is not the patient's own (best interests, LPA, parental responsibility). */
  basis?: string;
  /** The trust, if known. */
  organization?: Reference<Organization>;
  /** Human-readable summary for the narrative; a plain default is written when absent. */
  summaryText?: string;
  /** UUID for conditional create, so a retry never records the decision twice. */
  requestId?: string;
}

const concept = (coding: { system: string; code: string; display: string }): CodeableConcept => ({ coding: [{ ...coding }] });

export function buildConsent(input: BuildConsentInput): Consent {
  const patient = requireReference(input.patient, 'Patient', 'patient');
  const carer = requireReference(input.carer, 'RelatedPerson', 'carer');
  const decidedOn = requireDateTime(input.decidedOn, 'decidedOn');
  const reviewDue = requireDateTime(input.reviewDue, 'reviewDue');
  // Compared as calendar dates, as written: a review "on 2026-11-23" is not before a decision at 10:00 that day.
  if (reviewDue.length >= 10 && decidedOn.length >= 10 && reviewDue.slice(0, 10) < decidedOn.slice(0, 10)) {
    throw new WriteInputError('reviewDue must not be before decidedOn');
  }
  const mayShare = items(input.mayShare, 'mayShare');
  const mayNotShare = items(input.mayNotShare, 'mayNotShare');
  if (input.decision === 'partial' && mayNotShare.length === 0) {
    throw new WriteInputError('a partial decision must say what may not be shared (mayNotShare)');
  }
  if (input.decision !== 'partial' && (mayShare.length > 0 || mayNotShare.length > 0)) {
    throw new WriteInputError('mayShare and mayNotShare are only for partial decisions');
  }

  const type = input.decision === 'deny' ? 'deny' : 'permit';
  const provision: ConsentProvision = {
    type,
    period: { start: decidedOn, end: reviewDue },
    actor: [{ role: concept(WRITE_ACTOR_ROLE), reference: { reference: carer } }],
    action: [concept(CONSENT_ACTION_DISCLOSE)],
    purpose: CONSENT_PURPOSES.map((p) => ({ ...p })),
  };
  if (input.decision === 'partial') {
    provision.provision = [
      ...mayShare.map((text): ConsentProvision => ({ type: 'permit', code: [{ text }] })),
      ...mayNotShare.map((text): ConsentProvision => ({ type: 'deny', code: [{ text }] })),
    ];
  }
  const policyRule: CodeableConcept = concept(type === 'permit' ? POLICY_OPT_IN : POLICY_OPT_OUT);
  if (input.basis !== undefined) policyRule.text = requireText(input.basis, 'basis');

  const consent: Consent = {
    resourceType: 'Consent',
    text: textNarrative(input.summaryText?.trim() || defaultSummary(input.decision, mayShare, mayNotShare, reviewDue, input.basis?.trim())),
    status: 'active',
    scope: concept(CONSENT_SCOPE_PRIVACY),
    category: [concept(WRITE_CONSENT_CATEGORY)],
    patient: { reference: patient },
    dateTime: decidedOn,
    performer: [{ reference: patient }],
    policyRule,
    provision,
  };
  if (input.requestId !== undefined) consent.identifier = [requestIdentifier(input.requestId)];
  if (input.organization !== undefined) consent.organization = [{ ...input.organization }];
  return consent;
}

function items(values: readonly string[] | undefined, field: string): string[] {
  return (values ?? []).map((v, i) => requireText(v, `${field}[${i}]`));
}

function defaultSummary(decision: BuildConsentInput['decision'], mayShare: string[], mayNotShare: string[], reviewDue: string, basis?: string): string {
  const what =
    decision === 'permit'
      ? 'The patient agreed that information may be shared with this carer and that they may be involved in care.'
      : decision === 'deny'
        ? 'The patient declined to share information with this carer. Staff may still listen to the carer and give general information.'
        : `The patient agreed to share some information with this carer.${mayShare.length > 0 ? ` May share: ${mayShare.join('; ')}.` : ''} May not share: ${mayNotShare.join('; ')}.`;
  return `${what}${basis ? ` Basis: ${basis}.` : ''} Review by ${reviewDue}.`;
}
