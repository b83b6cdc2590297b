import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PERSONAS } from '../../sandbox/personas';
import { DEVELOPMENT_EXTENSION_ID } from '../../wxt.config';
import { axeViolations } from './axe';
import { openPatient, useExtensionAgainstSandbox } from './harness';

interface ChromeInWorker {
  chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } };
}

describe('the options page', () => {
  const env = useExtensionAgainstSandbox();
  const optionsPage = async () => {
    const page = await env().browser.context.newPage();
    await page.goto(`chrome-extension://${env().browser.extensionId}/options.html`);
    await page.getByLabel('FHIR R4 base URL').waitFor();
    return page;
  };
  const storedOptions = async () => (await env().browser.worker()).evaluate(async () => (await (globalThis as unknown as ChromeInWorker).chrome.storage.local.get('options')).options);
  const testConnection = async (page: Page, address: string) => {
    await page.getByLabel('FHIR R4 base URL').fill(address);
    await page.getByRole('button', { name: 'Test connection' }).click();
    const result = page.locator('.status').filter({ hasNotText: 'Testing…' }).first();
    await result.waitFor();
    return result.innerText();
  };

  it('runs the development build under its stable id (the one docs/deploy.md and policy files name)', () => {
    expect(env().browser.extensionId).toBe(DEVELOPMENT_EXTENSION_ID);
  });

  it('says the sandbox EHR’s web page is not a FHIR R4 server, and summarises the sandbox FHIR server', async () => {
    const page = await optionsPage();
    expect(await page.getByLabel('FHIR R4 base URL').inputValue()).toBe(env().sandbox.fhirBase);
    expect(await testConnection(page, `${env().sandbox.origin}/ehr/`)).toContain('This address did not answer like a FHIR R4 server');
    const summary = await testConnection(page, env().sandbox.fhirBase);
    expect(summary).toContain('Connected to a FHIR R4 server');
    expect(summary).toContain('FHIR version 4.0.1 (R4).');
    expect(summary).toContain('Reads: carers, consent decisions, assessment offers');
    expect(summary).toContain('_revinclude: yes');
    expect(summary).toContain('Bulk export ($export): yes');
    expect(summary).toContain('SMART on FHIR: not offered');
    expect(await testConnection(page, 'http://127.0.0.1:9/fhir')).toContain('could not be reached');
    await page.close();
  });

  it('checks a trust’s EHR profile, filled in as a form, live on an open tab, reporting what it found but never the values', async () => {
    const ehr = await env().browser.context.newPage();
    await openPatient(env(), ehr, PERSONAS.amiraKhan.patientId);
    const page = await optionsPage();
    await page.getByRole('button', { name: 'Add a profile' }).click();
    const profile = page.getByRole('group', { name: /EHR profile 1/ });
    await profile.getByLabel('Name', { exact: true }).fill('Trust EHR');
    await profile.getByLabel(/Short id/).fill('trust-ehr');
    await profile.getByLabel(/Patient page address patterns/).fill('/ehr/patients/(?<id>[A-Za-z0-9.-]+)');
    await profile.getByLabel(/Patient banner/).fill('#patient-banner');
    await profile.getByLabel(/NHS number inside the banner/).fill('[data-field="nhs-number"]');
    const tab = page.getByLabel('Tab to test on');
    const option = await tab.locator('option').filter({ hasText: /KHAN|Khan|CareRecord/ }).first().getAttribute('value');
    await tab.selectOption(option ?? '');
    await profile.getByRole('button', { name: 'Test on this tab' }).click();
    const result = profile.getByRole('status').filter({ hasText: 'Recognised a patient' });
    await result.waitFor();
    const text = await result.innerText();
    expect(text).toContain('“trust-ehr”');
    expect(text).toContain('✓ FHIR id from the address');
    expect(text).toContain('✓ NHS number in the banner');
    expect(text).not.toContain('999');
    // The same profile in the advanced JSON view.
    await page.getByRole('button', { name: 'Edit as JSON (advanced)' }).click();
    expect(JSON.parse(await page.getByLabel('Your trust’s profiles (JSON)').inputValue())).toEqual([
      { id: 'trust-ehr', label: 'Trust EHR', urlPatterns: ['/ehr/patients/(?<id>[A-Za-z0-9.-]+)'], bannerSelector: '#patient-banner', nhsNumberSelector: '[data-field="nhs-number"]' },
    ]);
    await page.close();
    await ehr.close();
  });

  it('refuses a profile that would not work, saying why in words, and saves nothing', async () => {
    const page = await optionsPage();
    await page.getByRole('button', { name: 'Add a profile' }).click();
    const profile = page.getByRole('group', { name: /EHR profile 1/ });
    await profile.getByLabel('Name', { exact: true }).fill('Bad EHR');
    await profile.getByLabel(/Short id/).fill('bad-ehr');
    await profile.getByLabel(/Patient page address patterns/).fill('/p/([0-9]+)');
    await page.getByRole('button', { name: 'Save' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = await alert.innerText();
    expect(text).toContain('EHR profile 1 (“Bad EHR”), patient page address pattern 1: Each URL pattern must be a valid regular expression with a named group');
    expect(text).not.toMatch(/\d\.urlPatterns/);
    expect(await storedOptions()).toMatchObject({ profiles: [] });
    await page.close();
  });

  it('exports every setting to a file, resets to the defaults, and imports the file back', async () => {
    const page = await optionsPage();
    await page.getByLabel('Addresses of the EHR pages').fill('http://127.0.0.1:1');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export settings' }).click()]);
    const path = await download.path();
    const file = JSON.parse(readFileSync(path, 'utf8')) as { format: string; options: Record<string, unknown> };
    expect(file).toMatchObject({ format: 'carer-prompts-settings', options: { fhirBaseUrl: env().sandbox.fhirBase, ehrOrigins: ['http://127.0.0.1:1'] } });

    await page.getByRole('button', { name: 'Reset to defaults' }).click();
    expect(await page.getByLabel('FHIR R4 base URL').inputValue()).toBe('http://127.0.0.1:8080/fhir');
    expect(await page.getByLabel('Addresses of the EHR pages').inputValue()).toBe('');

    await page.getByLabel('Import settings from a file').setInputFiles(path);
    await page.getByRole('status').filter({ hasText: 'Read the settings from' }).waitFor();
    expect(await page.getByLabel('FHIR R4 base URL').inputValue()).toBe(env().sandbox.fhirBase);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect(await storedOptions()).toMatchObject({ fhirBaseUrl: env().sandbox.fhirBase, ehrOrigins: ['http://127.0.0.1:1'] });
    await page.close();
  });

  it('shows its version and build', async () => {
    const page = await optionsPage();
    expect(await page.locator('.version').innerText()).toMatch(/^Version 0\.1\.0 \(build ([0-9a-f]{12}|unknown), development build\)$/);
    await page.close();
  });

  it('has no axe (WCAG 2.2 AA) violations, with a profile form, SMART sign-in and a problem shown', async () => {
    const page = await optionsPage();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Add a profile' }).click();
    await page.getByLabel(/SMART on FHIR sign-in/).check();
    await page.getByLabel('Client id registered for Carer Prompts').fill('carer-prompts');
    await page.getByLabel('Addresses of the EHR pages').fill('not an address');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('alert').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Edit as JSON (advanced)' }).click();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
