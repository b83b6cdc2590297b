import { describe, expect, it } from 'vitest';
import type { FrameLocator } from 'playwright-core';
import { PERSONAS } from '../../sandbox/personas';
import { openPatient, panelIframe, panelOf, panelResized, useExtensionAgainstSandbox, waitForPanelAcceptingClicks, waitForPanelShown, type E2E } from './harness';

interface ChromeInWorker {
  chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> } } };
}

/** What the toolbar button does (extension/background/toolbarButton.ts); a headless browser has no toolbar to click. */
async function pressToolbarButton(env: E2E): Promise<void> {
  await (
    await env.browser.worker()
  ).evaluate(async () => {
    const local = (globalThis as unknown as ChromeInWorker).chrome.storage.local;
    const { panelOpenRequest } = await local.get('panelOpenRequest');
    await local.set({ panelChosenMode: 'expanded', panelOpenRequest: (typeof panelOpenRequest === 'number' ? panelOpenRequest : 0) + 1 });
  });
}

async function expectOpen(panel: FrameLocator, page: Parameters<typeof panelIframe>[0]): Promise<void> {
  await panel.getByRole('button', { name: 'Hide Carer Prompts' }).waitFor();
  await panelResized(panel);
  await waitForPanelAcceptingClicks(panel);
  expect(await panelIframe(page).evaluate((frame) => frame.getBoundingClientRect().width)).toBeGreaterThan(200);
}

describe('the toolbar button', () => {
  const env = useExtensionAgainstSandbox();

  it('opens a panel the clinician hid', async () => {
    const page = await env().browser.context.newPage();
    const panel = await openPatient(env(), page, PERSONAS.amiraKhan.patientId);
    await panel.getByRole('button', { name: 'Hide Carer Prompts' }).click();
    await panel.getByRole('button', { name: /^Carers.*Show Carer Prompts$/ }).waitFor();
    await pressToolbarButton(env());
    await expectOpen(panel, page);
    await page.close();
  });

  it('opens a panel that folded itself for a patient with nothing to do', async () => {
    const page = await env().browser.context.newPage();
    await page.goto(`${env().sandbox.origin}/ehr/patients/${PERSONAS.graceTaylor.patientId}`);
    await waitForPanelShown(page);
    const panel = panelOf(page);
    await panel.getByRole('button', { name: /^Carers.*Show Carer Prompts$/ }).waitFor();
    await pressToolbarButton(env());
    await expectOpen(panel, page);
    await page.close();
  });
});
