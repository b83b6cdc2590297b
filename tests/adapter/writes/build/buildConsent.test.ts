import { describe, expect, it } from 'vitest';
import { buildConsent, conditionalCreateQuery, escapeXhtml, WriteInputError, type BuildConsentInput } from '../../../../adapter/writes/build';
import { readConsentDecision } from '../../../../adapter/mapping/readConsentDecision';
import { validateR4 } from '../../../support/validateR4';

const permit: BuildConsentInput = {
  patient: 'Patient/alex',
  carer: 'RelatedPerson/grace',
  decision: 'permit',
  decidedOn: '2026-11-23',
  reviewDue: '2027-11-23',
};
const readBack = (input: BuildConsentInput) => {
  const read = readConsentDecision({ ...buildConsent(input), id: 'new' });
  if (!('decision' in read)) throw new Error(read.warning);
  return read;
};

describe('buildConsent', () => {
  it('builds a valid R4 permit with the codes terminology.md writes', () => {
    const consent = buildConsent({ ...permit, organization: { reference: 'Organization/trust', display: 'Example NHS Foundation Trust' } });
    expect(validateR4(consent)).toEqual([]);
    expect(consent).toMatchObject({
      resourceType: 'Consent',
      status: 'active',
      scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
      category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
      patient: { reference: 'Patient/alex' },
      performer: [{ reference: 'Patient/alex' }],
      organization: [{ reference: 'Organization/trust' }],
      dateTime: '2026-11-23',
      policyRule: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'OPTIN' }] },
      provision: {
        type: 'permit',
        period: { start: '2026-11-23', end: '2027-11-23' },
        actor: [{ role: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP' }] }, reference: { reference: 'RelatedPerson/grace' } }],
        action: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentaction', code: 'disclose' }] }],
        purpose: [
          { system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'FAMRQT' },
          { system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'COC' },
        ],
      },
    });
    expect(JSON.stringify(consent)).not.toContain('CAREMGT');
  });

  it('reads back as the decision it records', () => {
    expect(readBack(permit)).toMatchObject({ carerRefs: ['RelatedPerson/grace'], isCarerSharingConsent: true, decision: { decision: 'permit', recordedOn: '2026-11-23', reviewDue: '2027-11-23' } });
  });

  it('builds a deny with OPTOUT', () => {
    const consent = buildConsent({ ...permit, decision: 'deny' });
    expect(validateR4(consent)).toEqual([]);
    expect(consent.policyRule?.coding?.[0]?.code).toBe('OPTOUT');
    expect(readBack({ ...permit, decision: 'deny' }).decision.decision).toBe('deny');
  });

  it('builds a partial decision as a permit with nested deny provisions naming what is excluded', () => {
    const input: BuildConsentInput = { ...permit, decision: 'partial', mayShare: ['Medication', 'Appointments'], mayNotShare: ['Forensic history'] };
    const consent = buildConsent(input);
    expect(validateR4(consent)).toEqual([]);
    expect(consent.provision?.type).toBe('permit');
    expect(consent.provision?.provision).toEqual([
      { type: 'permit', code: [{ text: 'Medication' }] },
      { type: 'permit', code: [{ text: 'Appointments' }] },
      { type: 'deny', code: [{ text: 'Forensic history' }] },
    ]);
    expect(readBack(input).decision).toMatchObject({ decision: 'partial', mayShare: ['Medication', 'Appointments'], mayNotShare: ['Forensic history'] });
  });

  it('records the basis of a decision that is not the patient’s own in policyRule, and reads it back', () => {
    const input: BuildConsentInput = { ...permit, basis: 'Lasting power of attorney (health and welfare)' };
    const consent = buildConsent(input);
    expect(validateR4(consent)).toEqual([]);
    expect(consent.policyRule).toEqual({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'OPTIN', display: 'opt-in' }], text: 'Lasting power of attorney (health and welfare)' });
    expect(readBack(input).decision.basis).toBe('Lasting power of attorney (health and welfare)');
  });

  it('summarises the decision as escaped plain text in the narrative', () => {
    const consent = buildConsent({ ...permit, decision: 'partial', mayNotShare: ['<script>alert(1)</script> & "notes"'] });
    expect(validateR4(consent)).toEqual([]);
    expect(consent.text?.div).toBe(
      '<div xmlns="http://www.w3.org/1999/xhtml">The patient agreed to share some information with this carer. May not share: &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;notes&quot;. Review by 2027-11-23.</div>',
    );
  });

  it('uses the summary text it is given, escaped', () => {
    expect(buildConsent({ ...permit, summaryText: "Grace's <b>OK</b>" }).text?.div).toBe('<div xmlns="http://www.w3.org/1999/xhtml">Grace&#39;s &lt;b&gt;OK&lt;/b&gt;</div>');
  });

  it('accepts a decision time and a review date on the same calendar day', () => {
    const consent = buildConsent({ ...permit, decidedOn: '2026-11-23T12:48:23.123Z', reviewDue: '2026-11-23' });
    expect(validateR4(consent)).toEqual([]);
  });

  it('carries a request identifier for conditional create when given one', () => {
    const consent = buildConsent({ ...permit, requestId: '0b8f1f0e-1a2b-4c3d-8e9f-001122334455' });
    expect(validateR4(consent)).toEqual([]);
    expect(conditionalCreateQuery(consent)).toBe('identifier=urn:ietf:rfc:3986|urn:uuid:0b8f1f0e-1a2b-4c3d-8e9f-001122334455');
  });

  it.each([
    ['a partial decision that excludes nothing', { decision: 'partial', mayShare: ['Medication'] }, /mayNotShare/],
    ['exclusions on a plain permit', { mayNotShare: ['x'] }, /only for partial/],
    ['an empty exclusion', { decision: 'partial', mayNotShare: [' '] }, /mayNotShare\[0\]/],
    ['a review date before the decision', { reviewDue: '2026-01-01' }, /reviewDue/],
    ['a decision date that is not a date', { decidedOn: '23/11/2026' }, /decidedOn/],
    ['a carer that is not a RelatedPerson', { carer: 'Patient/alex' }, /carer/],
    ['an empty basis', { basis: '  ' }, /basis/],
  ])('refuses %s', (_what, change, message) => {
    expect(() => buildConsent({ ...permit, ...change } as BuildConsentInput)).toThrow(WriteInputError);
    expect(() => buildConsent({ ...permit, ...change } as BuildConsentInput)).toThrow(message);
  });
});

describe('escapeXhtml', () => {
  it('escapes every character that is markup', () => {
    expect(escapeXhtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
