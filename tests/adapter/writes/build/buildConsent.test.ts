import { describe, expect, it } from 'vitest';
import { buildConsent, conditionalCreateQuery, escapeXhtml, WriteInputError, type BuildConsentInput } from '../../../../adapter/writes/build';
import { readConsentDecision } from '../../../../adapter/mapping/readConsentDecision';
import { decisionInForce } from '../../../../shared/consent/decisionInForce';
import { DEFAULT_POLICY } from '../../../../shared/policy';
import { DEFAULT_EXTENSION_BASE } from '../../../../shared/terminology';
import { validateR4 } from '../../../support/validateR4';

const permit: BuildConsentInput = {
  patient: 'Patient/alex',
  carer: 'RelatedPerson/grace',
  decision: 'permit',
  decidedOn: '2026-11-23',
  reviewDue: '2027-11-23',
  extensionBase: DEFAULT_EXTENSION_BASE,
};
const NOW = new Date('2026-11-23T12:00:00Z');

/** What the panel, `carers` and the audit read back from what was written. */
const readBack = (input: BuildConsentInput) => {
  const read = readConsentDecision({ ...buildConsent(input), id: 'new' }, { extensionBase: DEFAULT_EXTENSION_BASE });
  if (!('statement' in read)) throw new Error(read.warning);
  return decisionInForce({ carer: 'RelatedPerson/grace', patient: 'Patient/alex', relatedPersons: new Set(['RelatedPerson/grace', 'RelatedPerson/bob']), statements: [read.statement] }, DEFAULT_POLICY, NOW);
};

describe('buildConsent', () => {
  it('builds a valid R4 permit with the codes terminology.md writes, the review date in its extension and no validity period', () => {
    const consent = buildConsent({ ...permit, organization: { reference: 'Organization/trust', display: 'Example NHS Foundation Trust' } });
    expect(validateR4(consent)).toEqual([]);
    expect(consent).toMatchObject({
      resourceType: 'Consent',
      status: 'active',
      extension: [{ url: `${DEFAULT_EXTENSION_BASE}/consent-review-due`, valueDate: '2027-11-23' }],
      scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
      category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
      patient: { reference: 'Patient/alex' },
      performer: [{ reference: 'Patient/alex' }],
      organization: [{ reference: 'Organization/trust' }],
      dateTime: '2026-11-23',
      policyRule: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'OPTIN' }] },
      provision: {
        type: 'permit',
        actor: [{ role: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP' }] }, reference: { reference: 'RelatedPerson/grace' } }],
        action: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentaction', code: 'disclose' }] }],
        purpose: [
          { system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'FAMRQT' },
          { system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'COC' },
        ],
      },
    });
    expect(consent.provision?.period).toBeUndefined();
    expect(JSON.stringify(consent)).not.toContain('CAREMGT');
  });

  it('reads back as the decision it records, with its review date', () => {
    expect(readBack(permit)).toMatchObject({ decision: 'permit', recordedOn: '2026-11-23', reviewDue: '2027-11-23', decidedByPatient: true });
  });

  it('writes provision.period.end only when the patient limits the decision in time', () => {
    const consent = buildConsent({ ...permit, validUntil: '2027-03-01' });
    expect(validateR4(consent)).toEqual([]);
    expect(consent.provision?.period).toEqual({ end: '2027-03-01' });
    expect(readBack({ ...permit, validUntil: '2027-03-01' })).toMatchObject({ decision: 'permit', validUntil: '2027-03-01' });
  });

  it('builds a deny with OPTOUT', () => {
    const consent = buildConsent({ ...permit, decision: 'deny' });
    expect(validateR4(consent)).toEqual([]);
    expect(consent.policyRule?.coding?.[0]?.code).toBe('OPTOUT');
    expect(readBack({ ...permit, decision: 'deny' }).decision).toBe('deny');
  });

  it('builds a partial decision as a permit narrowed to what may be shared, with a nested deny for each thing that may not', () => {
    const input: BuildConsentInput = { ...permit, decision: 'partial', mayShare: ['Medication', 'Appointments'], mayNotShare: ['Forensic history'] };
    const consent = buildConsent(input);
    expect(validateR4(consent)).toEqual([]);
    expect(consent.provision?.type).toBe('permit');
    expect(consent.provision?.code).toEqual([{ text: 'Medication' }, { text: 'Appointments' }]);
    expect(consent.provision?.provision).toEqual([{ type: 'deny', code: [{ text: 'Forensic history' }] }]);
    expect(readBack(input)).toMatchObject({ decision: 'partial', mayShare: ['Medication', 'Appointments'], mayNotShare: ['Forensic history'] });
  });

  it('reads "only appointment times" back as partial, never as a full permit', () => {
    expect(readBack({ ...permit, decision: 'partial', mayShare: ['Appointment times'] })).toMatchObject({ decision: 'partial', mayShare: ['Appointment times'] });
  });

  it('records a decision made for the patient with who made it and its basis, and reads both back', () => {
    const input: BuildConsentInput = { ...permit, basis: 'lpa', decidedBy: { reference: 'RelatedPerson/bob', display: 'Bob Example (attorney)' } };
    const consent = buildConsent(input);
    expect(validateR4(consent)).toEqual([]);
    expect(consent.performer).toEqual([{ reference: 'RelatedPerson/bob', display: 'Bob Example (attorney)' }]);
    expect(consent.extension).toContainEqual({ url: `${DEFAULT_EXTENSION_BASE}/consent-basis`, valueCode: 'lpa' });
    expect(readBack(input)).toMatchObject({ decision: 'permit', basis: 'lpa', decidedBy: 'RelatedPerson/bob', decidedByPatient: false });
  });

  it('records "unable to decide at present" as a proposed Consent with the date to ask again, never as a decision', () => {
    const input: BuildConsentInput = { ...permit, decision: 'lacks-capacity', reviewDue: '2026-12-21' };
    const consent = buildConsent(input);
    expect(validateR4(consent)).toEqual([]);
    expect(consent.status).toBe('proposed');
    expect(consent.provision?.type).toBeUndefined();
    expect(consent.performer).toBeUndefined();
    expect(readBack(input)).toMatchObject({ decision: 'lacks-capacity', reviewDue: '2026-12-21' });
  });

  it('summarises the decision as escaped plain text in the narrative', () => {
    const consent = buildConsent({ ...permit, decision: 'partial', mayNotShare: ['<script>alert(1)</script> & "notes"'] });
    expect(validateR4(consent)).toEqual([]);
    expect(consent.text?.div).toBe(
      '<div xmlns="http://www.w3.org/1999/xhtml">The patient agreed to share some information with this carer. Not: &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;notes&quot;. Review by 2027-11-23.</div>',
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
    ['a partial decision that says nothing about what may be shared', { decision: 'partial' }, /mayShare, mayNotShare/],
    ['exclusions on a plain permit', { mayNotShare: ['x'] }, /only for partial/],
    ['an empty exclusion', { decision: 'partial', mayNotShare: [' '] }, /mayNotShare\[0\]/],
    ['a review date before the decision', { reviewDue: '2026-01-01' }, /reviewDue/],
    ['a validity that ends before the decision', { validUntil: '2026-01-01' }, /validUntil/],
    ['a decision date that is not a date', { decidedOn: '23/11/2026' }, /decidedOn/],
    ['a carer that is not a RelatedPerson', { carer: 'Patient/alex' }, /carer/],
    ['someone else deciding with no basis', { decidedBy: { display: 'Bob' } }, /basis/],
    ['someone else deciding as a Gillick-competent child', { decidedBy: { display: 'Bob' }, basis: 'gillick-competent' }, /basis/],
    ['a best-interests basis on the patient’s own decision', { basis: 'best-interests' }, /decidedBy/],
    ['a decider with neither reference nor name', { decidedBy: {}, basis: 'lpa' }, /reference or a display/],
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
