import { afterAll, beforeAll, expect } from 'vitest';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { pullPopulation } from '../../adapter/audit/pull';
import { runAudit } from '../../adapter/audit/run';
import { abortableSleep } from '../../adapter/http/signal';
import { startSandbox, type RequestHandler, type Sandbox } from '../../sandbox/server';
import type { PromptCode } from '../../shared/domain/types';
import { DEFAULT_POLICY } from '../../shared/policy';
import { configureFhirBase, launchWithExtension, type ExtensionBrowser } from './browser';
import { EXTENSION_DIR } from './extensionBuild';

export interface E2E {
  sandbox: Sandbox;
  browser: ExtensionBrowser;
}

/**
 * One sandbox (FHIR + EHR on a random port) and one Chromium with the built extension per test
 * file, the extension pointed at that sandbox's FHIR base through its options storage.
 */
export function useExtensionAgainstSandbox(options: { patients?: number; handlers?: RequestHandler[]; chromiumArgs?: string[] } = {}): () => E2E {
  let env: E2E | undefined;
  beforeAll(async () => {
    const sandbox = await startSandbox({ port: 0, patients: options.patients ?? 10, ...(options.handlers ? { handlers: options.handlers } : {}) });
    const browser = await launchWithExtension(EXTENSION_DIR, options.chromiumArgs ? { extraArgs: options.chromiumArgs } : {});
    await configureFhirBase(browser, sandbox.fhirBase);
    env = { sandbox, browser };
  });
  afterAll(async () => {
    await env?.browser.close();
    await env?.sandbox.close();
  });
  return () => {
    if (!env) throw new Error('the e2e environment is not ready');
    return env;
  };
}

/** The panel frame on a page (an extension page, so Playwright reaches into it; the page cannot). */
export function panelOf(page: Page): FrameLocator {
  return page.frameLocator('[data-carer-prompts-host] iframe');
}

/** The iframe element in the host page. */
export function panelIframe(page: Page) {
  return page.locator('[data-carer-prompts-host] iframe');
}

/**
 * Waits until the frame is shown (it is transparent and inert while the panel catches up with the
 * page) and the panel counts clicks again (it has been plainly visible for a moment: clickGuard.ts).
 */
export async function waitForPanelShown(page: Page, timeout = 15_000): Promise<void> {
  await page.locator('[data-carer-prompts-host] iframe:not([inert])').waitFor({ state: 'visible', timeout });
  await waitForPanelAcceptingClicks(panelOf(page), timeout);
}

/** Waits until the panel counts clicks (after it was shown, resized, uncovered). */
export async function waitForPanelAcceptingClicks(panel: FrameLocator, timeout = 15_000): Promise<void> {
  await panel.locator('html[data-accepts-clicks]').waitFor({ state: 'attached', timeout });
}

/**
 * After the panel was opened or hidden: waits until the frame has its new size and has run its
 * resize steps (they run before the next animation frame's callbacks), so the click guard has seen
 * the change, then until it counts clicks again.
 */
export async function panelResized(panel: FrameLocator, expanded = true): Promise<void> {
  const html = panel.locator('html');
  await expect.poll(() => html.evaluate(() => window.innerWidth), { timeout: 15_000 }).toSatisfy((width: number) => (expanded ? width > 300 : width < 100));
  await html.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));
  await waitForPanelAcceptingClicks(panel);
}

/** Saves a form as a clinician does: its submit button, then "Yes, save" in the confirm step (wherever it appeared). */
export async function submitForm(form: Pick<Locator, 'getByRole'>, submitLabel: string): Promise<void> {
  await form.getByRole('button', { name: submitLabel, exact: true }).click();
  await form.getByRole('button', { name: 'Yes, save', exact: true }).click();
}

/** A prompt's items in the panel (one for each carer or contact it is about). */
export function prompt(panel: FrameLocator, code: PromptCode): Locator {
  return panel.locator(`[data-prompt-code="${code}"]`);
}

/** Clicks a prompt's action, fills nothing, and returns the form it opened. */
export async function startFromPrompt(panel: FrameLocator, code: PromptCode, action: string): Promise<Locator> {
  await prompt(panel, code).first().locator(`[data-action="${action}"]`).click();
  const form = panel.locator('form.form');
  await form.waitFor();
  return form;
}

/** Saves a form as a clinician does (submitForm) and waits until it has closed: the write is done. */
export async function saveForm(form: Locator, submitLabel: string): Promise<void> {
  await submitForm(form, submitLabel);
  await form.waitFor({ state: 'detached', timeout: 20_000 });
}

/** Waits until the panel's live region says "Saved." (timeout: Playwright's default unless given). */
export async function waitForSaved(panel: FrameLocator, timeout?: number): Promise<void> {
  await panel.getByRole('status').filter({ hasText: 'Saved.' }).waitFor(timeout === undefined ? {} : { timeout });
}

/**
 * Saves the form a prompt opened and waits until the prompt has left the panel (the record, read
 * again, says it was done), and in between for the panel's "Saved." unless `announced: false`.
 */
export async function saveAndWaitGone(panel: FrameLocator, form: Locator, submitLabel: string, code: PromptCode, { announced = true }: { announced?: boolean } = {}): Promise<void> {
  await saveForm(form, submitLabel);
  if (announced) await waitForSaved(panel);
  await prompt(panel, code).first().waitFor({ state: 'detached', timeout: 20_000 });
}

/** The audit of everything on the sandbox now, pulled by paged search as the audit command does (retry waits cut short). */
export function auditSandbox(env: E2E): ReturnType<typeof runAudit> {
  return runAudit({
    events: pullPopulation({ fhirBase: env.sandbox.fhirBase, mode: 'search', sleep: (ms, signal) => abortableSleep(Math.min(ms, 20), signal) }),
    policy: DEFAULT_POLICY,
    now: new Date(),
  });
}

/**
 * Types a date into an NHS.UK day / month / year field, as a clinician does: the field's `name`
 * (its field in the action's input), and the date as YYYY-MM-DD.
 */
export async function fillDate(form: Pick<Locator, 'locator'>, name: string, isoDate: string): Promise<void> {
  const [year, month, day] = isoDate.split('-');
  if (!year || !month || !day) throw new Error(`fillDate wants YYYY-MM-DD, got ${isoDate}`);
  await form.locator(`input[name="${name}-day"]`).fill(String(Number(day)));
  await form.locator(`input[name="${name}-month"]`).fill(String(Number(month)));
  await form.locator(`input[name="${name}-year"]`).fill(year);
}

/** The date a day / month / year field holds (YYYY-MM-DD, or '' while what is typed is not a date). */
export async function dateValue(form: Pick<Locator, 'locator'>, name: string): Promise<string> {
  return form.locator(`input[type="hidden"][name="${name}"]`).inputValue();
}

export async function openPatient(env: E2E, page: Page, patientId: string): Promise<FrameLocator> {
  await page.goto(`${env.sandbox.origin}/ehr/patients/${patientId}`);
  await waitForPanelShown(page);
  const panel = panelOf(page);
  await unfoldPanel(panel);
  await panel.locator('.patient__name').waitFor({ timeout: 15_000 });
  return panel;
}

/**
 * A patient with nothing to do folds the panel to its tab (and a clinician may have hidden it):
 * opens it, as they would to look. Waits for the panel to show something first.
 */
export async function unfoldPanel(panel: FrameLocator): Promise<void> {
  const folded = panel.getByRole('button', { name: /^Carers.*Show Carer Prompts$/ });
  // Wait until the panel has settled on what it shows (the patient's record, a notice such as
  // "sign in" or "not available", or the folded tab), not just for the open panel: it is open while
  // it reads ("Reading…") and folds itself only once the record shows nothing to do.
  await panel.locator('.patient__name, section.notice').or(folded).first().waitFor({ timeout: 15_000 });
  if (await folded.isVisible()) {
    // By keyboard: the frame may have just been resized to its tab, when a pointer click is
    // (rightly) ignored for a moment (clickGuard.ts); a key press needs focus the page cannot give.
    await folded.press('Enter');
    await panelResized(panel);
  }
}

/** Reads FHIR resources straight from the sandbox (what the extension wrote). */
export async function searchFhir<T = Record<string, unknown>>(env: E2E, query: string): Promise<T[]> {
  const response = await fetch(`${env.sandbox.fhirBase}/${query}`, { headers: { accept: 'application/fhir+json' } });
  if (!response.ok) throw new Error(`FHIR search ${query.split('?')[0]} failed: ${response.status}`);
  const bundle = (await response.json()) as { entry?: { resource: T; search?: { mode?: string } }[] };
  return (bundle.entry ?? []).filter((e) => e.search?.mode !== 'include').map((e) => e.resource);
}

/** Reads one resource from the sandbox. */
export async function readFhir<T = Record<string, unknown>>(env: E2E, reference: string): Promise<T> {
  const response = await fetch(`${env.sandbox.fhirBase}/${reference}`, { headers: { accept: 'application/fhir+json' } });
  if (!response.ok) throw new Error(`FHIR read ${reference.split('/')[0]} failed: ${response.status}`);
  return (await response.json()) as T;
}

/** Changes a resource on the server behind the extension's back (another clinician's edit). */
export async function updateFhir<T extends { resourceType: string; id: string; meta?: { versionId?: string } }>(env: E2E, resource: T): Promise<void> {
  const response = await fetch(`${env.sandbox.fhirBase}/${resource.resourceType}/${resource.id}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/fhir+json', accept: 'application/fhir+json', ...(resource.meta?.versionId ? { 'if-match': `W/"${resource.meta.versionId}"` } : {}) },
    body: JSON.stringify(resource),
  });
  if (!response.ok) throw new Error(`FHIR update failed: ${response.status}`);
}
