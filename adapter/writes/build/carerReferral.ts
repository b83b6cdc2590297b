/**
 * The carer's referral for a statutory carer's assessment (recommendation 3), and the carer's own
 * consent to share that assessment with the organisation (docs/actions.md, "Referral and the carer's
 * own consent"). The organisation comes from the trust's policy (`carerSupportOrganisations`: a name
 * and an optional identifier), written as a logical reference: the trust's FHIR server need hold no
 * Organization for its council or carers' centre.
 */
import type { CodeableConcept, Consent, Organization, Reference, Task } from '@medplum/fhirtypes';
import type { CarerReference, PatientReference } from '../../../shared/domain/types';
import {
  CARER_OWN_INFORMATION_CATEGORY,
  CONSENT_ACTION_DISCLOSE,
  CONSENT_SCOPE_PRIVACY,
  POLICY_OPT_IN,
  POLICY_OPT_OUT,
  WRITE_ACTOR_ROLE,
  WRITE_REFERRAL_CODE,
  carerActionCodeSystemUrl,
} from '../../../shared/terminology';
import { requireDateTime, requireReference, requireText } from './inputs';
import { textNarrative } from './narrative';
import { requestIdentifier } from './requestIdentifier';

/** A carers' support organisation as the policy names it. */
export interface SupportOrganisation {
  name: string;
  identifier?: { system: string; value: string };
}

/** The organisation as a logical reference (identifier and display; no literal reference). */
export function organisationReference(org: SupportOrganisation): Reference<Organization> {
  const ref: Reference<Organization> = { type: 'Organization', display: requireText(org.name, 'organisation name') };
  if (org.identifier !== undefined) ref.identifier = { system: requireText(org.identifier.system, 'organisation identifier system'), value: requireText(org.identifier.value, 'organisation identifier') };
  return ref;
}

export interface BuildCarerReferralInput {
  /** Checked, not written: R4 Task has no patient element; the carer's Task is found through the carer. */
  patient: PatientReference;
  carer: CarerReference;
  organisation: SupportOrganisation;
  /** When the referral was made (the instant of recording). */
  on: string;
  note?: string;
  requester?: Task['requester'];
  requestId?: string;
}

/**
 * status `requested` (the referral is made; what the organisation does next is its own record),
 * intent `order`, code SNOMED 790101000000103, `for` / `focus` the carer, `owner` the organisation.
 */
export function buildCarerReferral(input: BuildCarerReferralInput): Task {
  requireReference(input.patient, 'Patient', 'patient');
  const carer = requireReference(input.carer, 'RelatedPerson', 'carer');
  const on = requireDateTime(input.on, 'on');
  const owner = organisationReference(input.organisation);
  const task: Task = {
    resourceType: 'Task',
    status: 'requested',
    intent: 'order',
    code: { coding: [{ ...WRITE_REFERRAL_CODE }], text: WRITE_REFERRAL_CODE.display },
    description: `Referral for a statutory carer's assessment to ${owner.display}`,
    for: { reference: carer },
    focus: { reference: carer },
    authoredOn: on,
    lastModified: on,
    owner,
  };
  if (input.requestId !== undefined) task.identifier = [requestIdentifier(input.requestId)];
  if (input.requester !== undefined) task.requester = { ...input.requester };
  if (input.note !== undefined && input.note.trim() !== '') task.note = [{ text: requireText(input.note, 'note') }];
  return task;
}

export interface BuildCarerSharingConsentInput {
  /** The patient whose carer this is: Consent.patient, the record link only (R4 requires a Patient there). */
  patient: PatientReference;
  /** The carer who decides: Consent.performer. */
  carer: CarerReference;
  decision: 'permit' | 'deny';
  organisation: SupportOrganisation;
  /** The referral the assessment follows (provision.data, meaning `related`). */
  referral?: `Task/${string}`;
  on: string;
  extensionBase: string;
  requestId?: string;
}

const concept = (coding: { system: string; code: string; display: string }): CodeableConcept => ({ coding: [{ ...coding }] });

/**
 * The carer's OWN consent: category carers-own-information (the project's CodeSystem), performer the
 * carer, provision.actor the organisation as information recipient (IRCP), action disclose, and the
 * referral as the related data. The carer is never a provision.actor, so no reader can take it for a
 * patient's decision about sharing with the carer.
 */
export function buildCarerSharingConsent(input: BuildCarerSharingConsentInput): Consent {
  const patient = requireReference(input.patient, 'Patient', 'patient');
  const carer = requireReference(input.carer, 'RelatedPerson', 'carer');
  const on = requireDateTime(input.on, 'on');
  const recipient = organisationReference(input.organisation);
  const consent: Consent = {
    resourceType: 'Consent',
    text: textNarrative(
      input.decision === 'permit'
        ? `The carer agreed that their own carer's assessment may be shared with ${recipient.display}. This is the carer's consent about the carer's information, not the patient's consent.`
        : `The carer declined to share their own carer's assessment with ${recipient.display}. This is the carer's decision about the carer's information, not the patient's consent.`,
    ),
    status: 'active',
    scope: concept(CONSENT_SCOPE_PRIVACY),
    category: [{ coding: [{ system: carerActionCodeSystemUrl(input.extensionBase), ...CARER_OWN_INFORMATION_CATEGORY }], text: CARER_OWN_INFORMATION_CATEGORY.display }],
    patient: { reference: patient },
    dateTime: on,
    performer: [{ reference: carer }],
    policyRule: concept(input.decision === 'deny' ? POLICY_OPT_OUT : POLICY_OPT_IN),
    provision: {
      type: input.decision,
      actor: [{ role: concept(WRITE_ACTOR_ROLE), reference: recipient }],
      action: [concept(CONSENT_ACTION_DISCLOSE)],
      ...(input.referral !== undefined ? { data: [{ meaning: 'related' as const, reference: { reference: requireReference(input.referral, 'Task', 'referral') } }] } : {}),
    },
  };
  if (input.requestId !== undefined) consent.identifier = [requestIdentifier(input.requestId)];
  return consent;
}
