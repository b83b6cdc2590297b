import { describe, expect, it } from 'vitest';
import { PERSONAS } from '../../sandbox/personas';
import { configureFhirBase } from './browser';
import { openPatient, panelIframe, panelOf, useExtensionAgainstSandbox, waitForPanelShown } from './harness';

describe('the panel on the sandbox EHR', () => {
  const env = useExtensionAgainstSandbox();

  it('shows the prompts for a seeded persona, most severe first, with their carers', async () => {
    const page = await env().browser.context.newPage();
    const amira = PERSONAS.amiraKhan;
    const panel = await openPatient(env(), page, amira.patientId);

    await expect.poll(() => panel.locator('[data-prompt-code]').count()).toBeGreaterThan(0);
    const codes = await panel.locator('[data-prompt-code]').evaluateAll((els) => els.map((e) => e.getAttribute('data-prompt-code')));
    expect([...codes].sort()).toEqual([...amira.expectedPrompts].sort());
    // Within each person's group: safety, then what is to do (or overdue), then information.
    const groups = await panel.locator('[data-prompt-group]').evaluateAll((els) => els.map((g) => [...g.querySelectorAll('.prompt__severity')].map((s) => s.textContent ?? '')));
    const rank = (s: string) => [['Safety'], ['Overdue', 'To do'], ['For information']].findIndex((labels) => labels.includes(s));
    for (const labels of groups) {
      expect(labels.map(rank).every((r) => r >= 0)).toBe(true);
      expect(labels.map(rank)).toEqual([...labels.map(rank)].sort((a, b) => a - b));
    }

    expect(await panel.locator(`[data-carer="${amira.relatedPersonIds[0]}"]`).innerText()).toContain('Sara Khan');
    expect(await panel.locator('html').getAttribute('data-carer-prompts')).toBe('');
    expect(await panel.locator('.patient__facts').innerText()).toContain('999 001 1117');
    await page.close();
  });

  it('puts nothing but the panel iframe into the page', async () => {
    const page = await env().browser.context.newPage();
    const panel = await openPatient(env(), page, PERSONAS.amiraKhan.patientId);
    await panel.locator('[data-carer]').first().waitFor();
    const added = await page.evaluate(() => {
      const host = document.querySelector('[data-carer-prompts-host]');
      return { children: host ? Array.from(host.children).map((c) => c.tagName) : [], text: host?.textContent ?? '', carerNameInPage: document.body.innerText.includes('Sara Khan') };
    });
    expect(added).toEqual({ children: ['IFRAME'], text: '', carerNameInPage: false });
    expect(await panelIframe(page).getAttribute('src')).toMatch(/^chrome-extension:\/\/[^/]+\/panel\.html$/);
    await page.close();
  });

  it('shows a name containing HTML as text and runs nothing', async () => {
    const page = await env().browser.context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const persona = PERSONAS.markupName;
    const panel = await openPatient(env(), page, persona.patientId);
    await panel.locator('[data-carer]').first().waitFor();
    expect(await panel.locator('.patient__name').innerText()).toContain('<img src=x onerror=alert(1)>');
    expect(await panel.locator(`[data-carer="${persona.relatedPersonIds[0]}"] .carer__name`).innerText()).toContain('<script>alert("carer")</script>');
    expect(await panel.locator('img, script:not([src])').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('collapses to a tab with the prompt count and opens again from the keyboard', async () => {
    const page = await env().browser.context.newPage();
    const panel = await openPatient(env(), page, PERSONAS.amiraKhan.patientId);
    await panel.getByRole('button', { name: 'Hide Carer Prompts' }).click();
    const open = panel.getByRole('button', { name: /^Carers: \d+ prompts? to do\. Show Carer Prompts$/ });
    await open.waitFor();
    await expect.poll(async () => (await panelIframe(page).boundingBox())?.width).toBeLessThan(100);
    await open.focus();
    await page.keyboard.press('Enter');
    await panel.getByRole('button', { name: 'Hide Carer Prompts' }).waitFor();
    await expect.poll(async () => (await panelIframe(page).boundingBox())?.width).toBeGreaterThan(300);
    await page.close();
  });

  it('says clearly when the FHIR server cannot be reached', async () => {
    const page = await env().browser.context.newPage();
    // A closed port on this machine: nothing listens there.
    await configureFhirBase(env().browser, 'http://127.0.0.1:9/fhir');
    try {
      await page.goto(`${env().sandbox.origin}/ehr/patients/${PERSONAS.amiraKhan.patientId}`);
      await waitForPanelShown(page, 30_000);
      const notice = panelOf(page).getByRole('alert', { name: 'Carer information is not available' });
      await notice.waitFor({ timeout: 60_000 });
      expect(await notice.innerText()).toMatch(/reach|connect|not answering|unavailable/i);
      expect(await panelOf(page).locator('[data-carer]').count()).toBe(0);
    } finally {
      await configureFhirBase(env().browser, env().sandbox.fhirBase);
      await page.close();
    }
  });
});
