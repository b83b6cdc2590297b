import { displayDate } from '../../shared/domain/describe';

/** A FHIR date or dateTime as people read dates in the UK ("12 Mar 1984"). */
export function formatDate(value: string | undefined): string {
  if (!value) return '';
  return displayDate(value.slice(0, 10));
}

/** Today as YYYY-MM-DD in the clinician's time zone (for date inputs). */
export function todayIso(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** YYYY-MM-DD a number of months after `from` (review dates). */
export function addMonthsIso(from: Date, months: number): string {
  const d = new Date(from.getFullYear(), from.getMonth() + months, from.getDate());
  return todayIso(d);
}

export const CONSENT_LABEL: Record<string, string> = {
  permit: 'Agreed to share',
  deny: 'Declined to share',
  partial: 'Agreed to share some information',
  withdrawn: 'Consent withdrawn',
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

export const SNOOZE_REASON_LABEL: Record<string, string> = {
  'patient-declined': 'Patient declined',
  'lacks-capacity': 'Patient lacks capacity at present',
  'no-carer': 'No carer',
  'done-elsewhere': 'Done elsewhere',
};
