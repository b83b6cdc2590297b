import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readEffectiveOptions, watchManaged, withManaged } from '../../../extension/storage/managed';
import { optionsItem } from '../../../extension/storage/items';
import { DEFAULT_OPTIONS, type ExtensionOptions } from '../../../extension/storage/options';

const Saved: ExtensionOptions = { ...DEFAULT_OPTIONS, fhirBaseUrl: 'https://fhir.saved.example/R4', ehrOrigins: ['https://ehr.saved.example'] };
const TrustPolicy = { fhirBaseUrl: 'https://fhir.trust.nhs.uk/R4', authMode: 'smart', clientId: 'carer-prompts', ehrOrigins: ['https://ehr.trust.nhs.uk'] };

describe('managed (enterprise policy) options', () => {
  beforeEach(() => fakeBrowser.reset());

  it('lets the organisation’s values win over the saved ones, key by key, and says which are managed', () => {
    const effective = withManaged(Saved, { fhirBaseUrl: TrustPolicy.fhirBaseUrl });
    expect(effective.options).toEqual({ ...Saved, fhirBaseUrl: TrustPolicy.fhirBaseUrl });
    expect(effective.managed).toEqual(['fhirBaseUrl']);
    expect(effective.problems).toEqual([]);
  });

  it('leaves out a managed value the extension would refuse (an http FHIR server elsewhere), naming it in words', () => {
    const effective = withManaged(Saved, { fhirBaseUrl: 'http://fhir.trust.nhs.uk/R4', ehrOrigins: TrustPolicy.ehrOrigins });
    expect(effective.options.fhirBaseUrl).toBe(Saved.fhirBaseUrl);
    expect(effective.options.ehrOrigins).toEqual(TrustPolicy.ehrOrigins);
    expect(effective.managed).toEqual(['ehrOrigins']);
    expect(effective.problems).toEqual([expect.stringMatching(/^Your organisation’s setting “FHIR server” could not be used \(.*https.*\); ask your IT team/)]);
  });

  it('refuses managed policy overrides with a field the policy does not know', () => {
    const effective = withManaged(Saved, { policyOverrides: { consentReviewMonth: 6 } });
    expect(effective.options.policyOverrides).toEqual({});
    expect(effective.problems.join(' ')).toContain('consentReviewMonth');
  });

  it('drops a saved client id when the organisation sets open mode', () => {
    const effective = withManaged({ ...Saved, authMode: 'smart', clientId: 'old' }, { authMode: 'open' });
    expect(effective.options.authMode).toBe('open');
    expect(effective.options).not.toHaveProperty('clientId');
  });

  it('reads the options in force from storage.managed over storage.local, with no options page visit', async () => {
    await optionsItem.setValue(Saved);
    await fakeBrowser.storage.managed.set(TrustPolicy);
    const effective = await readEffectiveOptions();
    expect(effective.options).toMatchObject(TrustPolicy);
    expect(effective.managed.sort()).toEqual(['authMode', 'clientId', 'ehrOrigins', 'fhirBaseUrl']);
  });

  it('uses the saved options when the organisation sets nothing', async () => {
    await optionsItem.setValue(Saved);
    expect(await readEffectiveOptions()).toEqual({ options: Saved, managed: [], problems: [] });
  });

  it('tells the background when the organisation’s policy changes, and only then', async () => {
    let calls = 0;
    const stop = watchManaged(() => (calls += 1));
    await optionsItem.setValue(Saved);
    expect(calls).toBe(0);
    await fakeBrowser.storage.managed.set({ fhirBaseUrl: TrustPolicy.fhirBaseUrl });
    expect(calls).toBe(1);
    stop();
    await fakeBrowser.storage.managed.set({ fhirBaseUrl: Saved.fhirBaseUrl });
    expect(calls).toBe(1);
  });
});
