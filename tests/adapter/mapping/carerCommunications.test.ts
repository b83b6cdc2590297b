import { describe, expect, it } from 'vitest';
import { toCarerContext } from '../../../adapter/mapping/carerContext';
import { buildCarerCommunication, type BuildCarerCommunicationInput } from '../../../adapter/writes/build';
import type { CarerContext } from '../../../shared/domain/types';
import { READ_OPTIONS, CarerGrace, ConsentGracePermit, ConsentHenryDeny, ContactHenry, EXTENSION_BASE, PatientAlex, asJson } from '../../fixtures/fhir/personas';

function contextOf(resources: readonly unknown[]): CarerContext {
  const result = toCarerContext(resources.map(asJson), READ_OPTIONS);
  if (!result.ok) throw new Error(`expected a context: ${result.reason}`);
  return result.context;
}

const communication = (id: string, input: Omit<BuildCarerCommunicationInput, 'patient' | 'extensionBase'> & { patient?: BuildCarerCommunicationInput['patient'] }) => ({
  ...buildCarerCommunication({ patient: 'Patient/alex', extensionBase: EXTENSION_BASE, ...input }),
  id,
  meta: { versionId: '1' },
});

const HenryHeard = communication('henry-heard', { carer: 'RelatedPerson/henry', kind: 'carer-heard', on: '2026-07-02T10:00:00Z' });
const HenryGiven = communication('henry-given', { carer: 'RelatedPerson/henry', kind: 'general-information', items: ['Medication in general'], inResponseTo: 'Communication/henry-heard', on: '2026-07-02T10:00:00Z' });
const HenryEnquiry = communication('henry-q', { carer: 'RelatedPerson/henry', kind: 'carer-enquiry', topic: 'Visiting', on: '2026-11-02' });
const HenryEnquiryLater = communication('henry-q2', { carer: 'RelatedPerson/henry', kind: 'carer-enquiry', topic: 'Leave', on: '2026-11-10' });
const HenryAnswer = communication('henry-a', { carer: 'RelatedPerson/henry', kind: 'carer-enquiry-answer', inResponseTo: 'Communication/henry-q', on: '2026-11-05T09:00:00Z' });
const HenryAnswerAgain = communication('henry-a2', { carer: 'RelatedPerson/henry', kind: 'carer-enquiry-answer', inResponseTo: 'Communication/henry-q', on: '2026-11-09T09:00:00Z' });
const DisclosureToHenry = communication('henry-d', { carer: 'RelatedPerson/henry', kind: 'disclosure-without-consent', basis: 'serious-harm', patientTold: 'to-be-told', topic: 'Risk tonight', on: '2026-11-20T22:00:00Z' });
const DisclosureToGrace = communication('grace-d', { carer: 'RelatedPerson/grace', kind: 'disclosure-without-consent', basis: 'best-interests', patientTold: 'told', topic: 'Discharge date', on: '2026-11-21T10:00:00Z' });

describe('carer Communications in the carer context', () => {
  const base = [PatientAlex, CarerGrace, ContactHenry, ConsentHenryDeny];

  it('reads when the carer was heard, their enquiries with the first answer to each, and disclosures to them', () => {
    const henry = contextOf([...base, HenryHeard, HenryGiven, HenryEnquiryLater, HenryEnquiry, HenryAnswerAgain, HenryAnswer, DisclosureToHenry]).carers.find((c) => c.id === 'henry');
    expect(henry?.heardOn).toBe('2026-07-02T10:00:00Z');
    expect(henry?.enquiries).toEqual([
      { communication: 'Communication/henry-q', receivedOn: '2026-11-02', answeredOn: '2026-11-05T09:00:00Z', answer: 'Communication/henry-a' },
      { communication: 'Communication/henry-q2', receivedOn: '2026-11-10' },
    ]);
    expect(henry?.disclosures).toEqual([{ communication: 'Communication/henry-d', on: '2026-11-20T22:00:00Z', basis: 'serious-harm', patientTold: 'to-be-told' }]);
  });

  it('does not take an answer to another carer’s enquiry as an answer, nor a Communication about another patient', () => {
    const wrongCarer = communication('grace-a', { carer: 'RelatedPerson/grace', kind: 'carer-enquiry-answer', inResponseTo: 'Communication/henry-q', on: '2026-11-05' });
    const otherPatient = communication('other-heard', { patient: 'Patient/someone-else', carer: 'RelatedPerson/henry', kind: 'carer-heard', on: '2026-11-05' });
    const henry = contextOf([...base, HenryEnquiry, wrongCarer, otherPatient]).carers.find((c) => c.id === 'henry');
    expect(henry?.enquiries).toEqual([{ communication: 'Communication/henry-q', receivedOn: '2026-11-02' }]);
    expect(henry?.heardOn).toBeUndefined();
  });

  describe('a disclosure without consent is never read as consent', () => {
    it('leaves a refusal a refusal (the decision in force is unchanged)', () => {
      const without = contextOf(base).carers.find((c) => c.id === 'henry');
      const withDisclosure = contextOf([...base, DisclosureToHenry]).carers.find((c) => c.id === 'henry');
      expect(without?.consent.decision).toBe('deny');
      expect(withDisclosure?.consent).toEqual(without?.consent);
    });

    it('leaves "no decision" as no decision, and a permission as it was', () => {
      const none = contextOf([PatientAlex, CarerGrace]).carers[0];
      const noneAfter = contextOf([PatientAlex, CarerGrace, DisclosureToGrace]).carers[0];
      expect(noneAfter?.consent).toEqual(none?.consent);
      expect(noneAfter?.consent.decision).toBe('none');
      const permit = contextOf([PatientAlex, CarerGrace, ConsentGracePermit]).carers[0];
      expect(contextOf([PatientAlex, CarerGrace, ConsentGracePermit, DisclosureToGrace]).carers[0]?.consent).toEqual(permit?.consent);
    });

    it('makes no Consent naming nobody and no warning about consent', () => {
      const context = contextOf([...base, DisclosureToGrace, DisclosureToHenry]);
      expect(context.orphanConsents).toEqual([]);
      expect(context.warnings).toEqual(contextOf(base).warnings);
    });
  });
});
