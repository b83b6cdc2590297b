/**
 * A carer's missing details completed on the raw RelatedPerson (sent with If-Match): a family
 * relationship coding added beside the carer coding, a phone or email added to telecom. Nothing
 * already recorded is removed or rewritten; a value already there is not added twice.
 */
import { FAMILY_RELATIONSHIPS, SYSTEM } from '../../../shared/terminology';
import type { RawResource } from '../../fhir/rawStore';
import { copyOf, requireRaw, requireText, WriteInputError } from './inputs';

export interface CarerDetails {
  /** v3 RoleCode family relationship code (FAMILY_RELATIONSHIPS). */
  relationship?: string;
  phone?: string;
  email?: string;
}

export function withCarerDetails(raw: RawResource, details: CarerDetails): RawResource {
  requireRaw(raw, 'RelatedPerson', 'Completing a carer’s details');
  if (details.relationship === undefined && details.phone === undefined && details.email === undefined) throw new WriteInputError('give a relationship, a phone number or an email');
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
  add('phone', details.phone);
  add('email', details.email);
  if (telecom.length > 0) copy.telecom = telecom;
  return copy;
}
