/**
 * The panel by keyboard and screen reader, in real Chromium (issue 10, item 5): axe-core finds no
 * WCAG 2.2 A/AA violation in the panel (every persona, a form open, its errors shown, the confirm
 * step, the folded tab) or the options page; Tab / Enter / Escape reach and leave a form with focus
 * returned; the keyboard command's message puts focus on the panel.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PERSONAS } from '../../sandbox/personas';
import { openPatient, panelOf, useExtensionAgainstSandbox, waitForPanelShown } from './harness';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

interface AxeResult {
  violations: { id: string; nodes: { target: string[] }[] }[];
}

/** axe-core run inside a frame's own document; each violation as "rule: selectors". */
async function axeViolations(frame: Frame | Page): Promise<string[]> {
  await frame.evaluate(AXE_SOURCE);
  const result = await frame.evaluate(
    (tags) => (globalThis as unknown as { axe: { run: (context: Document, options: unknown) => Promise<AxeResult> } }).axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    WCAG_22_AA,
  );
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The panel's own frame (an extension page: Playwright reaches into it, the page cannot). */
function panelFrame(page: Page): Frame {
  const frame = page.frames().find((f) => f.url().startsWith('chrome-extension://') && new URL(f.url()).pathname === '/panel.html');
  if (!frame) throw new Error('no panel frame on the page');
  return frame;
}

/** What has focus inside the panel, described by its hooks. */
const focusedInPanel = (page: Page) =>
  panelFrame(page).evaluate(() => {
    const el = document.activeElement;
    return { tag: el?.tagName.toLowerCase(), id: el?.id ?? '', action: el?.getAttribute('data-action') ?? '', text: el?.textContent?.trim() ?? '', flash: el?.hasAttribute('data-flash') ?? false, prompt: el?.closest('[data-prompt-code]')?.getAttribute('data-prompt-code') ?? '' };
  });

/** Presses Tab until `done` holds for what has focus (at most `limit` times). */
async function tabUntil(page: Page, done: (focused: Awaited<ReturnType<typeof focusedInPanel>>) => boolean, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i += 1) {
    if (done(await focusedInPanel(page))) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`focus never reached the control wanted; it is on ${JSON.stringify(await focusedInPanel(page))}`);
}

/** What the keyboard command does once Chrome has delivered it to the background: the worker tells the tab's top frame. */
async function sendFocusCommand(env: ReturnType<ReturnType<typeof useExtensionAgainstSandbox>>, patientId: string): Promise<void> {
  const worker = await env.browser.worker();
  await worker.evaluate(async (id) => {
    const chrome = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]>; sendMessage(tabId: number, message: unknown, options: object): Promise<unknown> } } }).chrome;
    const tab = (await chrome.tabs.query({})).find((t) => t.url?.includes(`/ehr/patients/${id}`));
    if (tab?.id === undefined) throw new Error('no tab for the patient');
    await chrome.tabs.sendMessage(tab.id, { type: 'frame/focus' }, { frameId: 0 });
  }, patientId);
}

describe('the panel for keyboard and screen reader users', () => {
  const env = useExtensionAgainstSandbox();

  it('has no axe-core WCAG 2.2 AA violations for any persona', async () => {
    const page = await env().browser.context.newPage();
    const found: Record<string, string[]> = {};
    for (const [key, persona] of Object.entries(PERSONAS)) {
      const panel = await openPatient(env(), page, persona.patientId);
      await panel.locator('[data-prompt-code], .prompt-groups + *, .empty').first().waitFor();
      const violations = await axeViolations(panelFrame(page));
      if (violations.length > 0) found[key] = violations;
    }
    expect(found).toEqual({});
    await page.close();
  });

  it('has no axe-core violations in the folded tab, a form, its error summary and the confirm step', async () => {
    const page = await env().browser.context.newPage();
    await openPatient(env(), page, PERSONAS.fatimaBegum.patientId);
    const panel = panelOf(page);
    await panel.getByRole('button', { name: 'Hide Carer Prompts' }).click();
    await panel.getByRole('button', { name: /Show Carer Prompts$/ }).waitFor();
    expect(await axeViolations(panelFrame(page))).toEqual([]);

    await openPatient(env(), page, PERSONAS.danielOkafor.patientId);
    await panel.locator('[data-prompt-code="record-consent"] [data-action="record-consent"]').click();
    const form = panel.locator('form[data-form="record-consent"]');
    await form.waitFor();
    expect(await axeViolations(panelFrame(page))).toEqual([]);

    await form.getByRole('button', { name: 'Record decision', exact: true }).click();
    const summary = form.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    expect(await form.locator('[aria-invalid="true"], fieldset[aria-describedby]').count()).toBeGreaterThan(0);
    expect(await axeViolations(panelFrame(page))).toEqual([]);

    await form.getByLabel('Agrees to share', { exact: true }).check();
    await form.getByRole('button', { name: 'Record decision', exact: true }).click();
    await form.getByRole('button', { name: 'Yes, save', exact: true }).waitFor();
    expect(await axeViolations(panelFrame(page))).toEqual([]);
    await page.close();
  });

  it('has no axe-core violations on the options page', async () => {
    const page = await env().browser.context.newPage();
    await page.goto(`chrome-extension://${env().browser.extensionId}/options.html`);
    await page.getByLabel('FHIR R4 base URL').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('shows an error summary whose links take focus to the field, and marks the field invalid', async () => {
    const page = await env().browser.context.newPage();
    const panel = await openPatient(env(), page, PERSONAS.amiraKhan.patientId);
    await panel.locator('[data-prompt-code="record-consent"] [data-action="record-consent"]').click();
    const form = panel.locator('form[data-form="record-consent"]');
    await form.getByLabel('Agrees to share', { exact: true }).check();
    await form.locator('input[name="reviewDue-day"]').fill('31');
    await form.locator('input[name="reviewDue-month"]').fill('4');
    await form.getByRole('button', { name: 'Record decision', exact: true }).click();
    const summary = form.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    expect(await focusedInPanel(page)).toMatchObject({ text: expect.stringContaining('There is a problem') });
    await summary.getByRole('link', { name: 'Review by must be a real date' }).click();
    expect(await panelFrame(page).evaluate(() => document.activeElement?.getAttribute('name'))).toBe('reviewDue-day');
    expect(await form.locator('input[name="reviewDue-day"]').getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByRole('button', { name: 'Yes, save' }).count()).toBe(0);
    await page.close();
  });

  it('is reached with the keyboard command, worked with Tab, Enter and Escape, and keeps focus in place after cancel and save', async () => {
    const page = await env().browser.context.newPage();
    const amira = PERSONAS.amiraKhan;
    const panel = await openPatient(env(), page, amira.patientId);
    const manifest = await (await env().browser.worker()).evaluate(() => (globalThis as unknown as { chrome: { runtime: { getManifest(): { commands?: Record<string, { suggested_key?: { default?: string } }> } } } }).chrome.runtime.getManifest().commands);
    expect(manifest?.['focus-panel']?.suggested_key?.default).toBe('Alt+Shift+C');

    await page.locator('body').click({ position: { x: 10, y: 10 } });
    await sendFocusCommand(env(), amira.patientId);
    await expect.poll(() => focusedInPanel(page)).toMatchObject({ id: 'panel-title' });
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('IFRAME');

    const isOfferButton = (f: Awaited<ReturnType<typeof focusedInPanel>>) => f.action === 'offer-assessment' && f.prompt === 'offer-assessment';
    await tabUntil(page, isOfferButton);
    await page.keyboard.press('Enter');
    const form = panel.locator('form[data-form="offer-assessment"]');
    await form.waitFor();
    // Focus moves into the form as it opens (its first control: here its submit button).
    await expect.poll(() => focusedInPanel(page)).toMatchObject({ text: 'Record offer' });
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => focusedInPanel(page)).toSatisfy(isOfferButton);

    await page.keyboard.press('Enter');
    await form.waitFor();
    await tabUntil(page, (f) => f.text === 'Record offer');
    await page.keyboard.press('Enter');
    await tabUntil(page, (f) => f.text === 'Yes, save');
    await page.keyboard.press('Enter');
    await panel.getByRole('status').filter({ hasText: 'Saved.' }).waitFor({ state: 'attached', timeout: 20_000 });
    await expect.poll(() => focusedInPanel(page), { timeout: 20_000 }).toMatchObject({ flash: true });
    await page.close();
  });

  it('keeps focus on the panel when it is hidden and shown again from the keyboard', async () => {
    const page = await env().browser.context.newPage();
    const panel = await openPatient(env(), page, PERSONAS.danielOkafor.patientId);
    await panel.getByRole('button', { name: 'Hide Carer Prompts' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedInPanel(page)).toMatchObject({ text: expect.stringContaining('Carers') });
    await waitForPanelShown(page);
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedInPanel(page)).toMatchObject({ id: 'panel-title' });
    await page.close();
  });
});
