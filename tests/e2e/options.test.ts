import { describe, expect, it } from 'vitest';
import { PERSONAS } from '../../sandbox/personas';
import { openPatient, useExtensionAgainstSandbox } from './harness';

describe('the options page', () => {
  const env = useExtensionAgainstSandbox();
  const optionsPage = async () => {
    const page = await env().browser.context.newPage();
    await page.goto(`chrome-extension://${env().browser.extensionId}/options.html`);
    await page.getByLabel('FHIR R4 base URL').waitFor();
    return page;
  };

  it('tests the connection to the FHIR server through the background worker', async () => {
    const page = await optionsPage();
    expect(await page.getByLabel('FHIR R4 base URL').inputValue()).toBe(env().sandbox.fhirBase);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    await page.getByLabel('FHIR R4 base URL').fill('http://127.0.0.1:9/fhir');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByRole('alert').waitFor();
    await page.close();
  });

  it('checks a trust’s EHR profile live on an open tab, reporting what it found but never the values', async () => {
    const ehr = await env().browser.context.newPage();
    await openPatient(env(), ehr, PERSONAS.amiraKhan.patientId);
    const page = await optionsPage();
    const profile = { id: 'trust-ehr', label: 'Trust EHR', urlPatterns: ['/ehr/patients/(?<id>[A-Za-z0-9.-]+)'], bannerSelector: '#patient-banner', nhsNumberSelector: '[data-field="nhs-number"]' };
    await page.getByLabel('Your trust’s profiles').fill(JSON.stringify([profile]));
    const tab = page.getByLabel('Test on this tab');
    const option = await tab.locator('option').filter({ hasText: /KHAN|Khan|CareRecord/ }).first().getAttribute('value');
    await tab.selectOption(option ?? '');
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    const result = page.getByRole('status').filter({ hasText: 'Recognised a patient' });
    await result.waitFor();
    const text = await result.innerText();
    expect(text).toContain('“trust-ehr”');
    expect(text).toContain('✓ FHIR id from the address');
    expect(text).toContain('✓ NHS number in the banner');
    expect(text).not.toContain('999');
    await page.close();
    await ehr.close();
  });

  it('refuses a profile that would not work, saying why, and saves nothing', async () => {
    const page = await optionsPage();
    await page.getByLabel('Your trust’s profiles').fill(JSON.stringify([{ id: 'Bad Id', label: 'x', urlPatterns: ['/p/([0-9]+)'] }]));
    await page.getByRole('button', { name: 'Save' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/named group/);
    const worker = await env().browser.worker();
    const stored = await worker.evaluate(async () => {
      const { chrome } = globalThis as unknown as { chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } } };
      return (await chrome.storage.local.get('options')).options;
    });
    expect(stored).toMatchObject({ profiles: [] });
    await page.close();
  });
});
