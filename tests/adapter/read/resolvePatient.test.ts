import { describe, expect, it } from 'vitest';
import { createFhirAdapter } from '../../../adapter/client';
import type { FhirError } from '../../../adapter/errors';
import { ALEX_NHS_NUMBER, asStored, PatientAlex, PatientJo } from '../support/personas';
import { useFhirServer } from '../support/mswServer';

const net = useFhirServer();

describe('resolvePatient', () => {
  it('reads a patient by FHIR id', async () => {
    const fhir = net.fhir().seed(...asStored(PatientAlex));
    const patient = await createFhirAdapter({ baseUrl: fhir.base }).resolvePatient('Patient/alex');
    expect(patient.reference).toBe('Patient/alex');
    expect(patient.versionId).toBe('1');
    expect(fhir.requests[0]!.url.pathname).toBe('/R4/Patient/alex');
  });

  it.each(['999 000 0018', '999-000-0018', ' 9990000018 '])('finds a patient by NHS number written as %j', async (written) => {
    const fhir = net.fhir().seed(...asStored(PatientAlex, PatientJo));
    const patient = await createFhirAdapter({ baseUrl: fhir.base }).resolvePatient(written);
    expect(patient.reference).toBe('Patient/alex');
    expect(patient.summary.nhsNumber).toBe(ALEX_NHS_NUMBER);
    expect(fhir.requests[0]!.url.searchParams.get('identifier')).toBe(`https://fhir.nhs.uk/Id/nhs-number|${ALEX_NHS_NUMBER}`);
  });

  it.each([
    ['a wrong check digit', '9990000019'],
    ['all zeros, which passes mod 11 but no one holds', '0000000000'],
    ['nine digits', '999 000 001'],
  ])('rejects %s before sending anything', async (_why, input) => {
    const fhir = net.fhir();
    const error = (await createFhirAdapter({ baseUrl: fhir.base }).resolvePatient(input).catch((e: unknown) => e)) as FhirError;
    expect(error.kind).toBe('bad-request');
    expect(error.userMessage).toMatch(/NHS number is not valid/);
    expect(error.userMessage).not.toContain(input.trim());
    expect(fhir.requests).toHaveLength(0);
  });

  it('says when no patient has the NHS number', async () => {
    const fhir = net.fhir().seed(...asStored(PatientJo));
    const error = (await createFhirAdapter({ baseUrl: fhir.base }).resolvePatient(ALEX_NHS_NUMBER).catch((e: unknown) => e)) as FhirError;
    expect(error.kind).toBe('not-found');
    expect(error.userMessage).toBe('No patient with that NHS number was found on the FHIR server. Check the number, or look the patient up in the EHR.');
  });

  it('says the NHS number is ambiguous when two patients hold it', async () => {
    const fhir = net.fhir().seed(...asStored(PatientAlex, { ...PatientAlex, id: 'alex-duplicate' }));
    const error = (await createFhirAdapter({ baseUrl: fhir.base }).resolvePatient(ALEX_NHS_NUMBER).catch((e: unknown) => e)) as FhirError;
    expect(error.kind).toBe('conflict');
    expect(error.userMessage).toMatch(/ambiguous/);
  });

  it('says a FHIR id that does not exist was not found', async () => {
    const fhir = net.fhir();
    const error = (await createFhirAdapter({ baseUrl: fhir.base }).resolvePatient('nobody').catch((e: unknown) => e)) as FhirError;
    expect(error.kind).toBe('not-found');
    expect(error.status).toBe(404);
  });

  it('reads a ten-digit FHIR id when it is given as Patient/<id>', async () => {
    const fhir = net.fhir().seed(...asStored({ ...PatientJo, id: '1234567890' }));
    const patient = await createFhirAdapter({ baseUrl: fhir.base }).resolvePatient('Patient/1234567890');
    expect(patient.reference).toBe('Patient/1234567890');
  });

  it('rejects text that is neither an id nor an NHS number', async () => {
    const fhir = net.fhir();
    const error = (await createFhirAdapter({ baseUrl: fhir.base }).resolvePatient('<script>').catch((e: unknown) => e)) as FhirError;
    expect(error.kind).toBe('bad-request');
    expect(fhir.requests).toHaveLength(0);
  });
});
