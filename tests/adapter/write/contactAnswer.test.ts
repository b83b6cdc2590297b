/**
 * Issue 14: the answer to "is this Patient.contact a carer?" written as a RelatedPerson, created
 * conditionally on an identifier derived from the contact, so a resend never duplicates.
 */
import { describe, expect, it } from 'vitest';
import { createFhirAdapter } from '../../../adapter/client';
import type { FhirError } from '../../../adapter/errors';
import { buildCarerFromContact } from '../../../adapter/writes/build';
import { contactRequestId } from '../../../shared/domain/contacts';
import type { ContactKey } from '../../../shared/domain/types';
import { carerStatusExtensionUrl, DEFAULT_EXTENSION_BASE } from '../../../shared/terminology';
import { validateR4 } from '../../support/validateR4';
import { faults } from '../support/fakeFhirServer';
import { asStored } from '../support/personas';
import { TRANSPORTS, useFhirServer } from '../support/mswServer';

const net = useFhirServer();
const NOW = new Date('2026-11-23T10:15:00Z');
const V2 = 'http://terminology.hl7.org/CodeSystem/v2-0131';
const V3 = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';
const MARY = {
  relationship: [{ coding: [{ system: V3, code: 'MTH', display: 'mother' }] }, { coding: [{ system: V2, code: 'N' }] }],
  name: { given: ['Mary'], family: 'Smith' },
  telecom: [{ system: 'phone', value: '07700 900123' }],
  address: { line: ['1 High Street'], city: 'Leeds' },
  gender: 'female',
};
const PATIENT = { resourceType: 'Patient', id: 'kim', meta: { versionId: '1' }, name: [{ given: ['Kim'], family: 'Smith' }], contact: [MARY] };

describe('buildCarerFromContact', () => {
  const keyOf = async (): Promise<ContactKey> => {
    const { toCarerContext } = await import('../../../adapter/mapping/carerContext');
    const read = toCarerContext([PATIENT], { policy: { extensionBase: DEFAULT_EXTENSION_BASE, timeZone: 'Europe/London' }, now: NOW });
    if (!read.ok) throw new Error(read.reason);
    return read.context.contacts![0]!.key;
  };

  it('"yes, a carer": the UK Core carer coding plus the family relationship, the contact\'s details copied, an identifier derived from the contact', async () => {
    const key = await keyOf();
    const built = buildCarerFromContact({ patient: PATIENT, contact: key, isCarer: true, askedOn: NOW.toISOString(), extensionBase: DEFAULT_EXTENSION_BASE });
    expect(built).toMatchObject({
      resourceType: 'RelatedPerson',
      identifier: [{ system: 'urn:ietf:rfc:3986', value: `urn:uuid:${contactRequestId(key)}` }],
      active: true,
      patient: { reference: 'Patient/kim' },
      relationship: [{ coding: [{ code: 'Carer' }] }, ...MARY.relationship],
      name: [MARY.name],
      telecom: MARY.telecom,
      address: [MARY.address],
      gender: 'female',
      period: { start: NOW.toISOString() },
    });
    expect(await validateR4(built)).toEqual([]);
  });

  it('"not a carer": the contact\'s relationships with carer-status isCarer=false, never a carer coding', async () => {
    const key = await keyOf();
    const built = buildCarerFromContact({ patient: PATIENT, contact: key, isCarer: false, askedOn: NOW.toISOString(), extensionBase: DEFAULT_EXTENSION_BASE });
    expect(built.relationship).toEqual(MARY.relationship);
    expect(built.extension).toEqual([{ url: carerStatusExtensionUrl(DEFAULT_EXTENSION_BASE), extension: [{ url: 'isCarer', valueBoolean: false }, { url: 'askedOn', valueDateTime: NOW.toISOString() }] }]);
    expect(built.period).toBeUndefined();
    expect(await validateR4(built)).toEqual([]);
  });

  it('refuses to answer about a contact that has changed since it was read', async () => {
    const key = await keyOf();
    const edited = { ...PATIENT, contact: [{ ...MARY, name: { given: ['Marie'], family: 'Smith' } }] };
    expect(() => buildCarerFromContact({ patient: edited, contact: key, isCarer: true, askedOn: NOW.toISOString(), extensionBase: DEFAULT_EXTENSION_BASE })).toThrow(/changed since it was read/);
  });
});

describe.each(TRANSPORTS)('answering about a Patient.contact over %s', (_name, injectedFetch) => {
  const adapter = (base: string) =>
    createFhirAdapter({ baseUrl: base, ...(injectedFetch ? { fetch: injectedFetch } : {}), testing: { sleep: async () => undefined, clock: () => NOW, newUuid: () => crypto.randomUUID() } });

  it('creates one RelatedPerson carer for the contact, and the contact is then that person (no prompt about her)', async () => {
    const fhir = net.fhir().seed(...asStored(PATIENT));
    const client = adapter(fhir.base);
    const before = await client.readCarerContext('Patient/kim');
    const key = before.context.contacts![0]!.key;
    const result = await client.recordContactAnswer({ patient: 'Patient/kim', contact: key, isCarer: true }, { withProvenance: true });
    expect(fhir.all('RelatedPerson')).toHaveLength(1);
    const carers = result.record?.context.carers ?? [];
    expect(carers.map((c) => [c.name, c.carerStatus])).toEqual([['Mary Smith', 'carer']]);
    expect(result.record?.context.contacts?.[0]?.recordedAs).toBe(carers[0]?.reference);
  });

  it('never duplicates the RelatedPerson when the answer is sent again (a forced resend, or a lost response retried)', async () => {
    const fhir = net.fhir({ transaction: false }).seed(...asStored(PATIENT));
    fhir.fault({ match: (r) => r.method === 'POST', afterProcessing: true, respond: faults.unavailable('0') });
    const client = adapter(fhir.base);
    const key = (await client.readCarerContext('Patient/kim')).context.contacts![0]!.key;
    await client.recordContactAnswer({ patient: 'Patient/kim', contact: key, isCarer: true }, { withProvenance: true });
    await client.recordContactAnswer({ patient: 'Patient/kim', contact: key, isCarer: true }, { withProvenance: true });
    const post = fhir.dataRequests.find((r) => r.method === 'POST')!;
    expect(post.headers.get('if-none-exist')).toBe(`identifier=urn:ietf:rfc:3986|urn:uuid:${contactRequestId(key)}`);
    expect(fhir.all('RelatedPerson')).toHaveLength(1);
  });

  it('records "not a carer" so the question stops', async () => {
    const fhir = net.fhir().seed(...asStored(PATIENT));
    const client = adapter(fhir.base);
    const key = (await client.readCarerContext('Patient/kim')).context.contacts![0]!.key;
    const result = await client.recordContactAnswer({ patient: 'Patient/kim', contact: key, isCarer: false }, { withProvenance: true });
    expect(result.record?.context.carers.map((c) => c.carerStatus)).toEqual(['not-carer']);
    expect(result.record?.context.contacts?.[0]?.recordedAs).toBeDefined();
  });

  it('saves nothing, and says so, when the patient has not been read', async () => {
    const fhir = net.fhir().seed(...asStored(PATIENT));
    const error = (await adapter(fhir.base)
      .recordContactAnswer({ patient: 'Patient/kim', contact: 'Patient/kim#contact-0-x', isCarer: true }, { withProvenance: true })
      .catch((e: unknown) => e)) as FhirError;
    expect(error.userMessage).toMatch(/^Nothing was saved/);
    expect(fhir.all('RelatedPerson')).toHaveLength(0);
  });
});
