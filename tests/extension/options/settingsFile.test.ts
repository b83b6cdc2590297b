import { describe, expect, it } from 'vitest';
import { exportSettings, importSettings } from '../../../extension/options/settingsFile';
import type { ExtensionOptions } from '../../../extension/storage/options';

const TrustSettings: ExtensionOptions = {
  fhirBaseUrl: 'https://fhir.trust.nhs.uk/R4',
  authMode: 'smart',
  clientId: 'carer-prompts',
  profiles: [{ id: 'trust-ehr', label: 'Trust EHR', urlPatterns: ['/patients/(?<id>[A-Za-z0-9.-]+)'], bannerSelector: '#banner', examples: [] }],
  ehrOrigins: ['https://ehr.trust.nhs.uk'],
  policyOverrides: { consentReviewMonths: 6 },
};

describe('settings file (import / export)', () => {
  it('reads back exactly the settings it exported', () => {
    expect(importSettings(exportSettings(TrustSettings, '0.1.0'))).toEqual({ ok: true, options: TrustSettings });
  });

  it('names the version that exported it, and holds no token or patient data fields', () => {
    const file = JSON.parse(exportSettings(TrustSettings, '0.1.0')) as Record<string, unknown>;
    expect(file).toMatchObject({ format: 'carer-prompts-settings', version: 1, exportedFrom: 'Carer Prompts 0.1.0' });
    expect(Object.keys(file.options as object).sort()).toEqual(Object.keys(TrustSettings).sort());
  });

  it('refuses a file that is not a Carer Prompts settings file, saying so', () => {
    expect(importSettings('{"fhirBaseUrl": "https://x"}')).toEqual({ ok: false, problems: ['This file is not a Carer Prompts settings file. Choose a file made with “Export settings”.'] });
    expect(importSettings('not json')).toMatchObject({ ok: false, problems: [expect.stringContaining('not JSON')] });
  });

  it('checks an imported file as the form does, in the same words', () => {
    const bad = { ...TrustSettings, fhirBaseUrl: 'http://fhir.trust.nhs.uk/R4' };
    expect(importSettings(exportSettings(bad, '0.1.0'))).toMatchObject({ ok: false, problems: [expect.stringMatching(/^FHIR server: .*https/)] });
  });

  it('refuses a newer format rather than half-reading it', () => {
    const newer = JSON.stringify({ format: 'carer-prompts-settings', version: 2, options: TrustSettings });
    expect(importSettings(newer)).toMatchObject({ ok: false, problems: [expect.stringContaining('newer format')] });
  });
});
