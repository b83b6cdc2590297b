import { describe, expect, it } from 'vitest';
import { PERSONAS } from '../../sandbox/personas';
import type { ExtensionBrowser } from './browser';
import { openPatient, panelOf, searchFhir, submitForm, useExtensionAgainstSandbox, waitForPanelShown } from './harness';

interface WorkerVersion {
  runningStatus: string;
  scriptURL: string;
}

/**
 * Stops the extension's service worker the way Chrome does when it idles (MV3): through the
 * DevTools protocol's ServiceWorker domain, from one of the extension's own pages, and waits until
 * Chrome reports it stopped.
 */
async function stopServiceWorker(browser: ExtensionBrowser): Promise<void> {
  const page = await browser.context.newPage();
  try {
    await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const cdp = await browser.context.newCDPSession(page);
    const stopped = new Promise<void>((resolve) => {
      cdp.on('ServiceWorker.workerVersionUpdated', (event: { versions: WorkerVersion[] }) => {
        if (event.versions.some((v) => v.scriptURL.includes(browser.extensionId) && v.runningStatus === 'stopped')) resolve();
      });
    });
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await stopped;
  } finally {
    await page.close();
  }
}

describe('the service worker may be stopped at any time (MV3)', () => {
  const env = useExtensionAgainstSandbox();

  it('keeps a half-filled form through a worker stop and a reload, then saves it', async () => {
    const amira = PERSONAS.amiraKhan;
    const page = await env().browser.context.newPage();
    const panel = await openPatient(env(), page, amira.patientId);
    await panel.locator('[data-prompt-code="record-consent"] [data-action="record-consent"]').click();
    const form = panel.getByRole('form', { name: /Consent to share/ });
    await form.getByLabel('Agrees to share some things').check();
    await form.getByLabel('May be shared').fill('Appointments');
    await form.getByLabel('Must not be shared').fill('Diagnosis');

    await stopServiceWorker(env().browser);
    expect(await form.getByLabel('May be shared').inputValue()).toBe('Appointments');

    // The panel reloads with the page: the draft comes back from session storage, bound to Amira.
    await page.reload();
    const reloaded = panelOf(page);
    await reloaded.locator('.patient__name').waitFor();
    // The reloaded frame counts clicks once it has been plainly visible for a moment.
    await waitForPanelShown(page);
    const restored = reloaded.getByRole('form', { name: /Consent to share/ });
    await restored.waitFor();
    expect(await restored.getByLabel('Agrees to share some things').isChecked()).toBe(true);
    expect(await restored.getByLabel('May be shared').inputValue()).toBe('Appointments');
    expect(await restored.getByLabel('Must not be shared').inputValue()).toBe('Diagnosis');

    await submitForm(restored, 'Record decision');
    await restored.waitFor({ state: 'detached', timeout: 20_000 });
    const consents = await searchFhir(env(), `Consent?patient=Patient/${amira.patientId}`);
    expect(JSON.stringify(consents)).toContain('Diagnosis');
    await page.close();
  });

  it('carries on showing the patient after the worker is stopped, without reloading the page', async () => {
    const helen = PERSONAS.helenPrice;
    const page = await env().browser.context.newPage();
    const panel = await openPatient(env(), page, helen.patientId);
    await panel.locator(`[data-carer="${helen.relatedPersonIds[0]}"]`).waitFor();
    await stopServiceWorker(env().browser);
    // An action after the stop wakes the worker, which restores the tab's state from session storage.
    await panel.locator('[data-prompt-code="signpost-support"] [data-action="defer-prompt"]').click();
    const form = panel.getByRole('form', { name: 'Defer this prompt' });
    await form.getByLabel('Reason').selectOption('done-elsewhere');
    await submitForm(form, 'Defer');
    await form.waitFor({ state: 'detached', timeout: 20_000 });
    await panel.locator('[data-prompt-code="signpost-support"]').waitFor({ state: 'detached' });
    expect(await panel.locator(`[data-carer="${helen.relatedPersonIds[0]}"]`).count()).toBe(1);
    await page.close();
  });
});
