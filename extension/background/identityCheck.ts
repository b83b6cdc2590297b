import type { PatientSummary } from '../../shared/domain/types';
import type { PageIdentityMessage } from '../protocol/page';

/**
 * Compares the patient the FHIR server returned with what the page shows. Any disagreement stops
 * the panel: showing one patient's carers on another patient's record is the worst thing it could do.
 * Returns the reasons (plain text, no patient data), empty when they match.
 */
export function identityMismatches(page: PageIdentityMessage, record: PatientSummary): string[] {
  const reasons: string[] = [];
  if (page.fhirId !== undefined && page.fhirId !== record.id) reasons.push('The record the server returned is not the one the page’s address names.');
  if (page.nhsNumber !== undefined && page.nhsNumber !== record.nhsNumber) reasons.push('The NHS number on the page is not the NHS number on the FHIR record.');
  const pageBirthDate = page.birthDate === undefined ? undefined : parseShownDate(page.birthDate);
  if (pageBirthDate !== undefined && record.birthDate !== undefined && pageBirthDate !== record.birthDate.slice(0, 10)) {
    reasons.push('The date of birth on the page is not the date of birth on the FHIR record.');
  }
  if (page.name !== undefined && record.name !== undefined && !namesAgree(page.name, record.name)) {
    reasons.push('The name on the page is not the name on the FHIR record.');
  }
  return reasons;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * Reads a date as EHR banners show it ("12 Mar 1984", "12-Mar-1984", "12/03/1984", "1984-03-12")
 * into YYYY-MM-DD; undefined when the text is not a date we can read with certainty.
 */
export function parseShownDate(text: string): string | undefined {
  const t = text.trim().toLowerCase();
  const iso = /(\d{4})-(\d{2})-(\d{2})/.exec(t);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const uk = /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/.exec(t);
  if (uk) return ymd(uk[3], uk[2], uk[1]);
  const named = /\b(\d{1,2})[\s-]+([a-z]{3})[a-z]*[\s-]+(\d{4})\b/.exec(t);
  if (named) {
    const month = MONTHS.indexOf(named[2] ?? '');
    if (month >= 0) return ymd(named[3], String(month + 1), named[1]);
  }
  return undefined;
}

function ymd(year: string | undefined, month: string | undefined, day: string | undefined): string | undefined {
  if (!year || !month || !day) return undefined;
  const m = Number(month);
  const d = Number(day);
  if (m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  return `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Banners format names many ways ("SMITH, Grace (Ms)"): agree when they share a word of 2+ letters. */
function namesAgree(shown: string, recorded: string): boolean {
  const words = (s: string) => new Set(s.toLowerCase().split(/[^\p{L}'-]+/u).filter((w) => w.length >= 2));
  const recordedWords = words(recorded);
  for (const word of words(shown)) if (recordedWords.has(word)) return true;
  return false;
}
