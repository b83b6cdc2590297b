/**
 * A carer's consent decision in words a clinician reads without FHIR: one place, so the panel, the
 * `carers` command and the prompts never word the same decision two ways.
 */
import type { ConsentBasis, ConsentDecision } from '../domain/types';
import { displayDate } from '../domain/describe';
import { toCalendarDate } from '../domain/dates';

export const DECISION_LABEL: Readonly<Record<ConsentDecision['decision'], string>> = {
  permit: 'the patient agreed to share information',
  deny: 'the patient declined to share information',
  partial: 'the patient agreed to share some information',
  withdrawn: 'the patient withdrew consent',
  expired: 'the decision is no longer valid — ask again',
  conflict: 'conflicting decisions — check in the EHR',
  'lacks-capacity': 'the patient is unable to decide at present',
  none: 'not recorded',
  unknown: 'cannot interpret — check in the EHR',
};

export const BASIS_LABEL: Readonly<Record<ConsentBasis, string>> = {
  'best-interests': 'a best-interests decision (Mental Capacity Act 2005 s.4)',
  lpa: 'a lasting power of attorney for health and welfare',
  deputy: 'a court-appointed deputy',
  'parental-responsibility': 'a person with parental responsibility (the child is not Gillick competent)',
  'gillick-competent': 'the patient, a Gillick-competent child',
  'lacks-capacity': 'the patient is unable to decide at present',
};

const PREVIOUS_LABEL = { permit: 'agreed', deny: 'declined', partial: 'agreed to share some information' } as const;

/** A decision made for the patient is worded as what was decided, never as "the patient agreed". */
const DECIDED_FOR_PATIENT_LABEL: Partial<Record<ConsentDecision['decision'], string>> = {
  permit: 'agreed to share information',
  deny: 'declined to share information',
  partial: 'agreed to share some information',
  withdrawn: 'consent withdrawn',
};

/** Who decided for the patient, and on what basis; `who` is their name when the record gives it. */
function decidedFor(basis: ConsentBasis, who: string | undefined): string | undefined {
  const by = who === undefined ? '' : `${who}, `;
  switch (basis) {
    case 'lpa':
      return `Decided for the patient by ${by}an attorney under a lasting power of attorney for health and welfare`;
    case 'deputy':
      return `Decided for the patient by ${by}a court-appointed deputy`;
    case 'parental-responsibility':
      return `Decided for the patient by ${by}a person with parental responsibility (the patient is not Gillick competent)`;
    case 'best-interests':
      return `Decided for the patient in their best interests (Mental Capacity Act 2005 s.4)${who === undefined ? '' : ` by ${who}`}`;
    case 'gillick-competent':
      return 'Decided by the patient, judged Gillick competent';
    case 'lacks-capacity':
      return undefined;
  }
}

/** A date as people read it, from a FHIR date or dateTime in the policy's zone. */
function day(value: string | undefined, timeZone: string): string | undefined {
  if (value === undefined) return undefined;
  const date = toCalendarDate(value, timeZone);
  return date === undefined ? undefined : displayDate(date);
}

/**
 * One line: what was decided, when, by whom when it was not the patient ("Consent withdrawn on
 * 3 Mar 2026 (previously agreed 1 Feb 2026)"). `decider` is the name of whoever decided for the
 * patient, when the caller can find it.
 */
export function decisionSentence(consent: ConsentDecision, timeZone: string, decider?: string): string {
  const forPatient = consent.decidedByPatient === false && consent.basis !== undefined ? decidedFor(consent.basis, decider) : undefined;
  const recorded = day(consent.recordedOn, timeZone);
  let text: string;
  switch (consent.decision) {
    case 'withdrawn': {
      const withdrawn = day(consent.withdrawnOn, timeZone);
      const before = consent.previously === undefined ? undefined : PREVIOUS_LABEL[consent.previously];
      const previously = before === undefined ? '' : ` (previously ${before}${recorded ? ` ${recorded}` : ''})`;
      text = `Consent withdrawn${withdrawn ? ` on ${withdrawn}` : ''}${previously}`;
      break;
    }
    case 'expired': {
      const ended = day(consent.expiredOn, timeZone);
      const what = consent.expiredDecision === undefined ? 'The decision' : `The decision (${PREVIOUS_LABEL[consent.expiredDecision]}${recorded ? ` ${recorded}` : ''})`;
      text = `${what} was valid until ${ended ?? 'a date now past'}: ask again`;
      break;
    }
    case 'lacks-capacity': {
      const again = day(consent.reviewDue, timeZone);
      text = `Unable to decide at present${recorded ? ` (${recorded})` : ''}${again ? `; ask again on ${again}` : ''}`;
      break;
    }
    default: {
      const label = (forPatient !== undefined ? DECIDED_FOR_PATIENT_LABEL[consent.decision] : undefined) ?? DECISION_LABEL[consent.decision];
      text = `${label.charAt(0).toUpperCase()}${label.slice(1)}${recorded && consent.decision !== 'none' && consent.decision !== 'conflict' && consent.decision !== 'unknown' ? `, ${recorded}` : ''}`;
    }
  }
  if (forPatient !== undefined) text += `. ${forPatient}`;
  else if (consent.basis === 'gillick-competent') text += `. ${decidedFor('gillick-competent', undefined) as string}`;
  else if (consent.decidedByPatient === false && consent.decision !== 'unknown' && consent.decision !== 'none') text += '. Decided by someone other than the patient';
  return text;
}
