import { displayDate } from '../../shared/domain/describe';

/** A FHIR date or dateTime as people read dates in the UK ("12 Mar 1984"). */
export function formatDate(value: string | undefined): string {
  if (!value) return '';
  return displayDate(value.slice(0, 10));
}

export const CONSENT_LABEL: Record<string, string> = {
  permit: 'Agreed to share',
  deny: 'Declined to share',
  partial: 'Agreed to share some information',
  withdrawn: 'Consent withdrawn',
  expired: 'Decision no longer valid — ask again',
  conflict: 'Conflicting decisions — check in the EHR',
  'lacks-capacity': 'Unable to decide at present',
  none: 'No decision recorded',
  unknown: 'Recorded decision cannot be read',
};

export const ASSESSMENT_LABEL: Record<string, string> = {
  'not-offered': 'Not offered',
  offered: 'Offered, no answer yet',
  accepted: 'Accepted',
  declined: 'Declined',
  completed: 'Completed',
};

/** The deferral reasons in the clinician's words (shared with the audit report). */
export { DEFERRAL_REASON_LABEL } from '../../shared/deferrals';
