import { describe, expect, it } from 'vitest';
import { buildCarerCommunication, WriteInputError } from '../../../../adapter/writes/build';
import { derivedRequestId } from '../../../../adapter/write/operations';
import { readCarerCommunication } from '../../../../adapter/mapping/readCarerCommunication';
import { DEFAULT_EXTENSION_BASE } from '../../../../shared/terminology';
import { validateR4 } from '../../../support/validateR4';

const base = { patient: 'Patient/alex', carer: 'RelatedPerson/grace', on: '2026-11-23T10:15:00Z', extensionBase: DEFAULT_EXTENSION_BASE } as const;
const clinician = { reference: 'Practitioner/p1', display: 'Dr Ada' } as const;
const read = (resource: object, id: string) => readCarerCommunication({ ...resource, id }, { extensionBase: DEFAULT_EXTENSION_BASE });

describe('buildCarerCommunication', () => {
  it('records the carer heard as a Communication received from the carer about the patient, valid R4', () => {
    const heard = buildCarerCommunication({ ...base, kind: 'carer-heard', topic: 'Carer heard', note: 'Worried about sleep', requester: clinician, requestId: '0f0e0d0c-0b0a-4909-8807-060504030201' });
    expect(validateR4(heard)).toEqual([]);
    expect(heard).toMatchObject({
      resourceType: 'Communication',
      status: 'completed',
      category: [{ coding: [{ system: `${DEFAULT_EXTENSION_BASE}/carer-action`, code: 'carer-heard' }] }],
      subject: { reference: 'Patient/alex' },
      sender: { reference: 'RelatedPerson/grace' },
      recipient: [clinician],
      received: base.on,
      note: [{ text: 'Worried about sleep' }],
      identifier: [{ system: 'urn:ietf:rfc:3986', value: 'urn:uuid:0f0e0d0c-0b0a-4909-8807-060504030201' }],
    });
    expect(heard.sent).toBeUndefined();
    expect(read(heard, 'h1')).toEqual({ communication: 'Communication/h1', kind: 'carer-heard', carerRef: 'RelatedPerson/grace', patient: 'Patient/alex', on: base.on });
  });

  it('records general information given as a Communication to the carer, in response to the carer heard, one payload per item', () => {
    const given = buildCarerCommunication({ ...base, kind: 'general-information', items: ['Medication in general', "The local carers' centre"], inResponseTo: 'Communication/h1', requester: clinician });
    expect(validateR4(given)).toEqual([]);
    expect(given).toMatchObject({
      sender: clinician,
      recipient: [{ reference: 'RelatedPerson/grace' }],
      sent: base.on,
      inResponseTo: [{ reference: 'Communication/h1' }],
      payload: [{ contentString: 'Medication in general' }, { contentString: "The local carers' centre" }],
    });
  });

  it('records an enquiry (received) and its answer (sent, inResponseTo), both read back', () => {
    const enquiry = buildCarerCommunication({ ...base, kind: 'carer-enquiry', topic: 'Visiting times', on: '2026-11-20' });
    const answer = buildCarerCommunication({ ...base, kind: 'carer-enquiry-answer', inResponseTo: 'Communication/q1', on: '2026-11-24' });
    expect(validateR4(enquiry)).toEqual([]);
    expect(validateR4(answer)).toEqual([]);
    expect(read(enquiry, 'q1')).toMatchObject({ kind: 'carer-enquiry', on: '2026-11-20' });
    expect(read(answer, 'a1')).toMatchObject({ kind: 'carer-enquiry-answer', on: '2026-11-24', inResponseTo: 'Communication/q1' });
  });

  it('records a disclosure without consent with its basis (reasonCode) and whether the patient was told (extension)', () => {
    const disclosure = buildCarerCommunication({ ...base, kind: 'disclosure-without-consent', topic: 'Risk of self-harm tonight', basis: 'serious-harm', patientTold: 'to-be-told' });
    expect(validateR4(disclosure)).toEqual([]);
    expect(disclosure).toMatchObject({
      recipient: [{ reference: 'RelatedPerson/grace' }],
      sent: base.on,
      reasonCode: [{ coding: [{ system: `${DEFAULT_EXTENSION_BASE}/disclosure-basis`, code: 'serious-harm' }] }],
      extension: [{ url: `${DEFAULT_EXTENSION_BASE}/disclosure-patient-told`, valueCode: 'to-be-told' }],
    });
    expect(read(disclosure, 'd1')).toMatchObject({ kind: 'disclosure-without-consent', basis: 'serious-harm', patientTold: 'to-be-told' });
  });

  it('refuses a disclosure without its basis, and a basis on anything else', () => {
    expect(() => buildCarerCommunication({ ...base, kind: 'disclosure-without-consent', patientTold: 'told' })).toThrow(WriteInputError);
    expect(() => buildCarerCommunication({ ...base, kind: 'carer-heard', basis: 'best-interests', patientTold: 'told' })).toThrow(WriteInputError);
  });

  it('derives the second request id of "carer heard" from the first, the same on every resend', () => {
    const first = '0f0e0d0c-0b0a-4909-8807-060504030201';
    expect(derivedRequestId(first)).toBe('0f0e0d0c-0b0a-4909-8807-f9fafbfcfdfe');
    expect(derivedRequestId(first)).toBe(derivedRequestId(first));
    expect(derivedRequestId(derivedRequestId(first))).toBe(first);
  });
});

describe('readCarerCommunication', () => {
  const heard = buildCarerCommunication({ ...base, kind: 'carer-heard' });

  it.each([
    ['preparation', 'has status preparation and is ignored'],
    ['entered-in-error', 'has status entered-in-error and is ignored'],
  ])('ignores a %s Communication', (status, warning) => {
    expect(read({ ...heard, status }, 'x')).toEqual({ warning: `Communication/x ${warning}`, ignored: true });
  });

  it('does not read a Communication with a modifier extension', () => {
    expect(read({ ...heard, modifierExtension: [{ url: 'https://example.org/not', valueBoolean: true }] }, 'x')).toMatchObject({ warning: expect.stringContaining('modifier extension') });
  });

  it('ignores Communications that are not the carer kind, or at another extension base', () => {
    expect(read({ ...heard, category: [{ text: 'alert' }] }, 'x')).toMatchObject({ ignored: true });
    expect(readCarerCommunication({ ...heard, id: 'x' }, { extensionBase: 'https://other.example/fhir' })).toMatchObject({ ignored: true });
  });
});
