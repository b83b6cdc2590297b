/**
 * Deployment by enterprise policy, for real: Chromium on Linux reads mandatory policy from
 * /etc/chromium/policies/managed/*.json, and a `3rdparty` entry for the extension's id becomes its
 * storage.managed. No options page is visited and nothing is written to the extension's own storage.
 *
 * The policy file names only a copy of the development build under a key made for this run, so it
 * reaches no other Chromium on the machine (other e2e runs, other engineers' runs), and it is
 * removed after the file's tests. Policy changes are picked up live with chrome://policy's
 * "Reload policies" (what an administrator's push or `gpupdate` triggers), not by a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSONAS } from '../../sandbox/personas';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { launchWithExtension, type ExtensionBrowser } from './browser';
import { EXTENSION_DIR } from './extensionBuild';
import { openPatient, searchFhir, submitForm, type E2E } from './harness';
import { copyWithOwnId, managedPolicyFile } from './managedPolicy';

interface ChromeInWorker {
  chrome: { storage: Record<'local' | 'managed', { get(keys?: null): Promise<Record<string, unknown>> }> };
}

const readStorage = async (browser: ExtensionBrowser, area: 'local' | 'managed') =>
  (await browser.worker()).evaluate(async (which) => (globalThis as unknown as ChromeInWorker).chrome.storage[which].get(null), area);

describe('deployed by enterprise policy alone (Chromium, /etc/chromium/policies/managed)', () => {
  let first: Sandbox;
  let firstOpen = true;
  let second: Sandbox;
  let browser: ExtensionBrowser;
  let copy: ReturnType<typeof copyWithOwnId>;
  let policy: ReturnType<typeof managedPolicyFile>;
  const env = (sandbox: Sandbox): E2E => ({ sandbox, browser });

  beforeAll(async () => {
    [first, second] = await Promise.all([startSandbox({ port: 0, patients: 5 }), startSandbox({ port: 0, patients: 5 })]);
    copy = copyWithOwnId(EXTENSION_DIR);
    policy = managedPolicyFile(copy.id);
    policy.write({ fhirBaseUrl: first.fhirBase, authMode: 'open', policyOverrides: { consentReviewMonths: 6 } });
    browser = await launchWithExtension(copy.dir);
  });

  afterAll(async () => {
    policy?.remove();
    await browser?.close();
    copy?.remove();
    await Promise.all([firstOpen ? first?.close() : undefined, second?.close()]);
  });

  it('shows the panel for a persona and records a decision, with no options page visit and nothing saved locally', async () => {
    expect(browser.extensionId).toBe(copy.id);
    expect(await readStorage(browser, 'managed')).toMatchObject({ fhirBaseUrl: first.fhirBase });
    const amira = PERSONAS.amiraKhan;
    const page = await browser.context.newPage();
    const panel = await openPatient(env(first), page, amira.patientId);
    await panel.locator('[data-prompt-code="record-consent"] [data-action="record-consent"]').first().click();
    const form = panel.getByRole('form', { name: /Consent to share/ });
    await form.getByLabel('Declines to share').check();
    await submitForm(form, 'Record decision');
    await form.waitFor({ state: 'detached', timeout: 20_000 });
    const consents = await searchFhir<{ provision?: { period?: { end?: string } } }>(env(first), `Consent?patient=Patient/${amira.patientId}`);
    expect(consents).toHaveLength(1);
    expect(await readStorage(browser, 'local')).not.toHaveProperty('options');
    await page.close();
  });

  it('follows a new FHIR base in the policy file once Chromium reloads policy, without a restart', async () => {
    policy.write({ fhirBaseUrl: second.fhirBase, authMode: 'open' });
    const policyPage = await browser.context.newPage();
    await policyPage.goto('chrome://policy');
    await policyPage.getByRole('button', { name: /reload policies/i }).click();
    await expect.poll(async () => (await readStorage(browser, 'managed')).fhirBaseUrl, { timeout: 20_000 }).toBe(second.fhirBase);
    await policyPage.close();
    // The first server is gone: only a read from the second can show the patient.
    await first.close();
    firstOpen = false;
    const page = await browser.context.newPage();
    const panel = await openPatient(env(second), page, PERSONAS.lucyBrennan.patientId);
    expect(await panel.locator('.patient__name').innerText()).toMatch(/Brennan/i);
    await page.close();
  });

  it('shows the organisation’s settings read-only on the options page', async () => {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const fhir = page.getByLabel('FHIR R4 base URL');
    await fhir.waitFor();
    expect(await fhir.inputValue()).toBe(second.fhirBase);
    expect(await fhir.isEditable()).toBe(false);
    await page.getByText('Set by your organisation').first().waitFor();
    await page.close();
  });
});
