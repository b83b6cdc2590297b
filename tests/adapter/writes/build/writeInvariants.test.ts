import { describe, expect, it } from 'vitest';
import { buildAskedNoCarers, buildConsent, invariantProblems, requireWriteInvariants, withConsentWithdrawn, WriteInputError } from '../../../../adapter/writes/build';
import type { RawResource } from '../../../../adapter/fhir/rawStore';
import { DEFAULT_EXTENSION_BASE } from '../../../../shared/terminology';
import { validateR4 } from '../../../support/validateR4';

const consent = (): RawResource =>
  ({ ...buildConsent({ patient: 'Patient/alex', carer: 'RelatedPerson/grace', decision: 'permit', decidedOn: '2026-11-23', reviewDue: '2027-11-23', extensionBase: DEFAULT_EXTENSION_BASE }) }) as RawResource;
const list = (): RawResource => ({ ...buildAskedNoCarers({ patient: 'Patient/alex', askedOn: '2026-11-23' }) }) as RawResource;
const without = (resource: RawResource, key: string): RawResource => Object.fromEntries(Object.entries(resource).filter(([k]) => k !== key)) as RawResource;

/** Each rule: a resource that breaks it, and the R4 key a FHIR validator names for it. */
const BROKEN: [string, string, () => RawResource][] = [
  ['a Consent with neither policy nor policy rule', 'ppc-1', () => without(consent(), 'policyRule')],
  ['a List with entries and a reason it is empty', 'lst-1', () => ({ ...list(), entry: [{ item: { reference: 'RelatedPerson/grace' } }] })],
  ['a snapshot List with a deleted entry', 'lst-2', () => ({ ...without(list(), 'emptyReason'), entry: [{ item: { reference: 'RelatedPerson/grace' }, deleted: true }] })],
  ['a snapshot List with a dated entry', 'lst-3', () => ({ ...without(list(), 'emptyReason'), entry: [{ item: { reference: 'RelatedPerson/grace' }, date: '2026-11-23' }] })],
  ['a Task answered before it was offered', 'inv-1', () => ({ resourceType: 'Task', status: 'accepted', intent: 'order', authoredOn: '2026-11-23T10:00:00Z', lastModified: '2026-11-22' })],
  ['a contained resource with a version', 'dom-4', () => ({ ...consent(), contained: [{ resourceType: 'Organization', id: 'o', meta: { versionId: '2' } }] })],
  ['a contained resource with a security label', 'dom-5', () => ({ ...consent(), contained: [{ resourceType: 'Organization', id: 'o', meta: { security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' }] } }] })],
];

describe('the R4 invariants checked before every write', () => {
  it.each(BROKEN)('refuses %s before sending, naming %s, as a FHIR validator does', (_name, key, make) => {
    const resource = make();
    expect(validateR4(resource).join('\n')).toContain(key);
    expect(invariantProblems(resource).join('\n')).toContain(key);
    expect(() => requireWriteInvariants(resource)).toThrow(WriteInputError);
    expect(() => requireWriteInvariants(resource)).toThrow(key);
  });

  it('passes what the builders write', () => {
    for (const resource of [consent(), list()]) {
      expect(validateR4(resource)).toEqual([]);
      expect(invariantProblems(resource)).toEqual([]);
    }
  });

  it('lets a change go through to a record that already broke a rule (the server decides), but never lets a change break one', () => {
    const foreign = { ...without(consent(), 'policyRule'), id: 'c1', meta: { versionId: '3' } } as RawResource;
    // Withdrawing a decision another system recorded without a policy rule adds no violation.
    expect(() => requireWriteInvariants(withConsentWithdrawn(foreign), foreign)).not.toThrow();
    // Dropping the policy rule from one that had it would: ppc-1 is new.
    const read = { ...consent(), id: 'c2', meta: { versionId: '1' } } as RawResource;
    expect(() => requireWriteInvariants(without(read, 'policyRule'), read)).toThrow(/ppc-1/);
  });
});
