/**
 * A carer's missing details completed on the raw RelatedPerson (sent with If-Match): a family
 * relationship coding added beside the carer coding, a phone or email added to telecom, a date of
 * birth set where none is recorded (a child carer's: who is a young carer follows from it). Nothing
 * already recorded is removed or rewritten; a value already there is not added twice; a different
 * date of birth from the one recorded is refused (a correction is made in the EHR, where it can be checked).
 */
import { FAMILY_RELATIONSHIPS, SYSTEM } from '../../../shared/terminology';
import type { RawResource } from '../../fhir/rawStore';
import { copyOf, requireRaw, requireText, WriteInputError } from './inputs';

export interface CarerDetails {
  /** v3 RoleCode family relationship code (FAMILY_RELATIONSHIPS). */
  relationship?: string;
  phone?: string;
  email?: string;
  /** YYYY-MM-DD; only where none is recorded. */
  birthDate?: string;
}

export function withCarerDetails(raw: RawResource, details: CarerDetails): RawResource {
  requireRaw(raw, 'RelatedPerson', 'Completing a carer’s details');
  if (details.relationship === undefined && details.phone === undefined && details.email === undefined && details.birthDate === undefined) {
    throw new WriteInputError('give a relationship, a phone number, an email or a date of birth');
  }
  const copy = copyOf(raw);
  if (details.relationship !== undefined) {
    const display = FAMILY_RELATIONSHIPS[details.relationship];
    if (display === undefined) throw new WriteInputError('relationship must be a family relationship code');
    const relationship = Array.isArray(copy.relationship) ? (copy.relationship as unknown[]) : [];
    const has = relationship.some((c) => ((c as { coding?: { system?: string; code?: string }[] }).coding ?? []).some((x) => x.system === SYSTEM.v3RoleCode && x.code === details.relationship));
    if (!has) copy.relationship = [...relationship, { coding: [{ system: SYSTEM.v3RoleCode, code: details.relationship, display }] }];
  }
  const telecom = Array.isArray(copy.telecom) ? (copy.telecom as { system?: string; value?: string }[]) : [];
  const add = (system: 'phone' | 'email', value: string | undefined) => {
    if (value === undefined) return;
    const text = requireText(value, system);
    if (!telecom.some((t) => t.system === system && t.value === text)) telecom.push({ system, value: text });
  };
  if (details.birthDate !== undefined) {
    const birthDate = requireText(details.birthDate, 'date of birth');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(birthDate) || Number.isNaN(Date.parse(`${birthDate}T00:00:00Z`)) || new Date(`${birthDate}T00:00:00Z`).toISOString().slice(0, 10) !== birthDate) {
      throw new WriteInputError('date of birth must be a date (YYYY-MM-DD)');
    }
    if (typeof copy.birthDate === 'string' && copy.birthDate !== '' && copy.birthDate !== birthDate) throw new WriteInputError('a different date of birth is already recorded: correct it in the EHR');
    copy.birthDate = birthDate;
  }
  add('phone', details.phone);
  add('email', details.email);
  if (telecom.length > 0) copy.telecom = telecom;
  return copy;
}
