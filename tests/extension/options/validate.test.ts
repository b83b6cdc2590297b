import { describe, expect, it } from 'vitest';
import { originsToRequest, validateOptions } from '../../../extension/options/validate';

const draft = { fhirBaseUrl: 'https://fhir.example.nhs.uk/R4/', ehrOrigins: 'https://ehr.example.nhs.uk\n\n', profiles: '', policyOverrides: '' };

describe('validateOptions', () => {
  it('accepts a server and EHR address, trimming the trailing slash', () => {
    const result = validateOptions(draft);
    expect(result).toEqual({ ok: true, options: { fhirBaseUrl: 'https://fhir.example.nhs.uk/R4', authMode: 'open', profiles: [], ehrOrigins: ['https://ehr.example.nhs.uk'], policyOverrides: {} } });
  });

  it('stays open (no sign-in) unless SMART sign-in is chosen', () => {
    expect(validateOptions({ ...draft, clientId: 'ignored' })).toMatchObject({ ok: true, options: { authMode: 'open' } });
    expect(validateOptions({ ...draft, clientId: 'ignored' })).not.toMatchObject({ options: { clientId: expect.anything() } });
  });

  it('keeps SMART sign-in with the client id the trust registered', () => {
    expect(validateOptions({ ...draft, authMode: 'smart', clientId: ' carer-prompts ' })).toMatchObject({ ok: true, options: { authMode: 'smart', clientId: 'carer-prompts' } });
  });

  it('refuses SMART sign-in without a client id', () => {
    expect(validateOptions({ ...draft, authMode: 'smart', clientId: '  ' })).toMatchObject({ ok: false, problems: [expect.stringMatching(/^Sign-in: .*client id/)] });
  });

  it('asks for exactly the FHIR and EHR origins', () => {
    const result = validateOptions(draft);
    if (!result.ok) throw new Error('expected valid');
    expect(originsToRequest(result.options)).toEqual(['https://fhir.example.nhs.uk/*', 'https://ehr.example.nhs.uk/*']);
  });

  it('refuses a server that is not an http(s) URL', () => {
    expect(validateOptions({ ...draft, fhirBaseUrl: 'javascript:alert(1)' })).toMatchObject({ ok: false, problems: [expect.stringContaining('FHIR server')] });
  });

  it.each(['open', 'smart'])('refuses an http:// server that is not this computer, in %s mode, and keeps http:// for the local sandbox', (authMode) => {
    const insecure = validateOptions({ ...draft, authMode, clientId: 'carer-prompts', fhirBaseUrl: 'http://fhir.example.nhs.uk/R4' });
    expect(insecure).toEqual({ ok: false, problems: ['FHIR server: The FHIR server address must start with https:// (http:// only for this computer: localhost or 127.0.0.1).'] });
    expect(validateOptions({ ...draft, authMode, clientId: 'carer-prompts', fhirBaseUrl: 'http://127.0.0.1:8080/fhir' })).toMatchObject({ ok: true });
    expect(validateOptions({ ...draft, authMode, clientId: 'carer-prompts', fhirBaseUrl: 'http://localhost:8080/fhir' })).toMatchObject({ ok: true });
  });

  it('refuses policy overrides the policy does not know, naming the field', () => {
    const result = validateOptions({ ...draft, policyOverrides: '{ "consentReviewMonth": 6 }' });
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.problems.join(' ')).toContain('consentReviewMonth');
  });

  it('accepts policy overrides the policy knows', () => {
    expect(validateOptions({ ...draft, policyOverrides: '{ "consentReviewMonths": 6 }' })).toMatchObject({ ok: true, options: { policyOverrides: { consentReviewMonths: 6 } } });
  });

  it('refuses a profile whose URL pattern has no id group', () => {
    const result = validateOptions({ ...draft, profiles: JSON.stringify([{ id: 'my-ehr', label: 'My EHR', urlPatterns: ['/patients/([0-9]+)'] }]) });
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.problems.join(' ')).toMatch(/named group/);
  });

  it('names a bad profile by its number, name and field in words, never by a path like "0.urlPatterns.0"', () => {
    const result = validateOptions({ ...draft, profiles: JSON.stringify([{ id: 'my-ehr', label: 'My EHR', urlPatterns: ['/patients/([0-9]+)'] }]) });
    expect(result).toEqual({ ok: false, problems: ['EHR profile 1 (“My EHR”), patient page address pattern 1: Each URL pattern must be a valid regular expression with a named group (?<id>…).'] });
  });

  it('says a missing profile field must be filled in, and which', () => {
    const result = validateOptions({ ...draft, profiles: JSON.stringify([{ id: 'trust-ehr', label: 'Trust EHR' }, { id: 'second' }]) });
    expect(result).toEqual({ ok: false, problems: ['EHR profile 2, name: must be filled in.'] });
  });

  it('names the line of an EHR address that is not one', () => {
    const result = validateOptions({ ...draft, ehrOrigins: 'https://ehr.example.nhs.uk\nehr.example' });
    expect(result).toMatchObject({ ok: false, problems: [expect.stringMatching(/^EHR addresses, line 2: Enter a full http\(s\) URL/)] });
  });

  it('says when the profiles are not JSON', () => {
    expect(validateOptions({ ...draft, profiles: '[{' })).toEqual({ ok: false, problems: ['EHR profiles: not valid JSON.'] });
  });
});
