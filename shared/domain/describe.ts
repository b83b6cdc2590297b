/**
 * Plain-text pieces of prompt wording: a carer's name and relationship, dates as people read them.
 *
 * Names come from the record as typed by people; they are shown as text only, squeezed onto one
 * line and shortened so a summary stays one line (under 140 characters) whatever the record holds.
 */
import type { Carer, PatientContact } from './types';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Text the replacement would change: a control or line-breaking character, whitespace other than a space, two spaces, or a space at either end. */
const NEEDS_ONE_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]|[^\S ]| {2}|^ | $/;

/** Text on one line: control characters and runs of white space become one space. */
export function oneLine(text: string): string {
  // Most text is already one line: testing first spares the audit a new string per prompt (it words every prompt of 100,000 patients).
  if (!NEEDS_ONE_LINE.test(text)) return text;
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\s]+/g, ' ').trim();
}

/**
 * Text shortened to at most `max` UTF-16 units (what `String.length` and the UI count), ending in
 * "…" when cut, and never splitting a character made of two units (an emoji).
 */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  let kept = '';
  for (const char of text) {
    if (kept.length + char.length + 1 > max) break;
    kept += char;
  }
  return `${kept.trimEnd()}…`;
}

/** The person's name on one line, at most 50 characters, or a neutral description when none is recorded. */
export function carerName(carer: Carer): string {
  const name = oneLine(carer.name ?? '');
  if (name) return shorten(name, 50);
  return carer.carerStatus === 'carer' ? 'a carer with no name recorded' : 'a contact with no name recorded';
}

/** "Jane Smith (Daughter)": the name and the recorded relationships, for a one-line summary. */
export function carerLabel(carer: Carer): string {
  const relationships = carer.relationships.map(oneLine).filter((r) => r.length > 0);
  if (relationships.length === 0) return carerName(carer);
  return `${carerName(carer)} (${shorten(relationships.join(', '), 40)})`;
}

const CONTACT_ROLE_TEXT: Record<PatientContact['contactRoles'][number], string> = {
  'next-of-kin': 'next of kin',
  'emergency-contact': 'emergency contact',
  'contact-person': 'contact person',
};

/** "Mary Smith (mother, next of kin)": a Patient.contact's name, relationships and roles, for one line. */
export function contactLabel(contact: PatientContact): string {
  const name = shorten(oneLine(contact.name ?? ''), 50) || 'a contact with no name recorded';
  const what = [...contact.relationships.map((r) => oneLine(r).toLowerCase()), ...contact.contactRoles.map((r) => CONTACT_ROLE_TEXT[r])].filter((t, i, all) => t.length > 0 && all.indexOf(t) === i);
  return what.length === 0 ? name : `${name} (${shorten(what.join(', '), 50)})`;
}

/** A calendar date as people read it in the UK: "3 Mar 2026". Anything else is returned as is. */
export function displayDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  if (!m || month === undefined) return date;
  return `${Number(m[3])} ${month} ${m[1]}`;
}

/** A one-line summary, guaranteed under 140 characters. */
export function summaryLine(text: string): string {
  return shorten(oneLine(text), 139);
}
