import { describe, expect, it } from 'vitest';
import { PERSONAS } from '../../sandbox/personas';
import { openPatient, panelIframe, useExtensionAgainstSandbox, waitForPanelAcceptingClicks } from './harness';

interface ChromeInWorker {
  chrome: { storage: { local: { set(items: Record<string, unknown>): Promise<void> } } };
}

describe('the toolbar button', () => {
  const env = useExtensionAgainstSandbox();

  it('opens a collapsed panel on the page: the panel follows the mode the button sets', async () => {
    const page = await env().browser.context.newPage();
    const panel = await openPatient(env(), page, PERSONAS.amiraKhan.patientId);
    await panel.getByRole('button', { name: 'Collapse Carer Prompts' }).click();
    const open = panel.getByRole('button', { name: /^Open Carer Prompts/ });
    await open.waitFor();
    // What the toolbar button does (extension/background/toolbarButton.ts); a headless browser has no toolbar to click.
    await (await env().browser.worker()).evaluate(async () => (globalThis as unknown as ChromeInWorker).chrome.storage.local.set({ panelMode: 'expanded' }));
    await panel.getByRole('button', { name: 'Collapse Carer Prompts' }).waitFor();
    await waitForPanelAcceptingClicks(panel);
    expect(await panelIframe(page).evaluate((frame) => frame.getBoundingClientRect().width)).toBeGreaterThan(200);
    await page.close();
  });
});
