/**
 * The hostile corpus (tests/fixtures/hostile) seeded straight into the sandbox's store, behind the
 * FHIR server's validation, as a compromised or careless server would serve it; then each record
 * opened in the record page with the panel beside it.
 */
import { describe, expect, it } from 'vitest';
import type { WithId } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
import type { Dialog, Frame, Page } from 'playwright-core';
import { HOSTILE_CASES, type HostileCase } from '../fixtures/hostile/corpus';
import { panelOf, useExtensionAgainstSandbox, waitForPanelShown, type E2E } from './harness';

/** A test-range NHS number (999 …) with a valid modulus-11 check digit. */
function nhsNumber(serial: number): string {
  for (let n = serial; ; n += 1) {
    const body = `999${String(n).padStart(6, '0')}`;
    const sum = [...body].reduce((total, digit, i) => total + Number(digit) * (10 - i), 0);
    const check = 11 - (sum % 11);
    if (check === 10) continue;
    return `${body}${check === 11 ? 0 : check}`;
  }
}

/** Seeds one case for its own patient, bypassing the server's validation, and returns the patient id. */
function seed(env: E2E, hostile: HostileCase, index: number): string {
  const patientId = `hostile-${index}`;
  const lastUpdated = new Date().toISOString();
  for (const resource of hostile.build(patientId, nhsNumber(777_000 + index * 10))) {
    env.sandbox.repo.seed(resource as unknown as WithId<Resource>, lastUpdated);
  }
  return patientId;
}

interface Watch {
  dialogs: string[];
  errors: string[];
}

/** Records any dialog (a script that ran would open one) and any uncaught error on the page. */
function watch(page: Page): Watch {
  const seen: Watch = { dialogs: [], errors: [] };
  page.on('dialog', (dialog: Dialog) => {
    seen.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => seen.errors.push(error.message));
  return seen;
}

/** Markup that would exist only if record text had been parsed as HTML somewhere. */
const INJECTED = 'img[src="x"], svg[onload], iframe[src^="javascript:"], script:not([src]), a[href^="javascript:"]';

async function ranScript(frame: Frame | Page): Promise<boolean> {
  return frame.evaluate(() => '__hostileRan' in window);
}

function panelFrame(page: Page): Frame {
  const frame = page.frames().find((f) => f.url().startsWith('chrome-extension://'));
  if (!frame) throw new Error('no panel frame on the page');
  return frame;
}

/** Checks nothing ran and nothing was parsed as markup, in the record page and in the panel. */
async function expectNothingRan(page: Page, seen: Watch): Promise<void> {
  const frame = panelFrame(page);
  expect(await ranScript(page)).toBe(false);
  expect(await ranScript(frame)).toBe(false);
  expect(await page.locator(INJECTED).count()).toBe(0);
  expect(await frame.locator(INJECTED).count()).toBe(0);
  expect(seen.dialogs).toEqual([]);
  expect(seen.errors).toEqual([]);
}

/**
 * Three thousand carers is more than the sandbox (Medplum's router) will `_revinclude` in one
 * search (it answers 400, "query scope limit"), as a real server may; the adapter's own test reads
 * all three thousand (tests/adapter/hostile/corpus.test.ts).
 */
const THREE_THOUSAND = 'three thousand carers';

describe('hostile FHIR in the panel', () => {
  const env = useExtensionAgainstSandbox({ patients: 0 });

  async function open(hostile: HostileCase, index: number): Promise<{ page: Page; seen: Watch }> {
    const patientId = seed(env(), hostile, index);
    const page = await env().browser.context.newPage();
    const seen = watch(page);
    await page.goto(`${env().sandbox.origin}/ehr/patients/${patientId}`);
    // Generous: a megabyte of name or thousands of carers take the shared machine a while.
    await waitForPanelShown(page, 60_000);
    return { page, seen };
  }

  const shown = HOSTILE_CASES.map((c, i) => [c.title, c, i] as const).filter(([title]) => title !== THREE_THOUSAND);

  it.each(shown)('shows a record with %s as text: no script runs, nothing is injected, a clear warning where due, and the panel still responds', async (_title, hostile, index) => {
    const { page, seen } = await open(hostile, index);
    const panel = panelOf(page);
    await panel.locator('.patient__name').waitFor({ timeout: 60_000 });
    if (hostile.expectWarning) await panel.getByRole('region', { name: 'Some of the record could not be read' }).waitFor();
    else expect(await panel.getByText('Some of the record could not be read').count()).toBe(0);
    // Still responsive: a prompt's action opens its form.
    await panel.locator('[data-prompt-code] [data-action]').first().click();
    await panel.locator('form.form').waitFor();
    await expectNothingRan(page, seen);
    await page.close();
  });

  it('says carer information is not available when the server refuses a record with three thousand carers, rather than show part of it, and still responds', async () => {
    const index = HOSTILE_CASES.findIndex((c) => c.title === THREE_THOUSAND);
    const hostile = HOSTILE_CASES[index];
    if (!hostile) throw new Error('corpus case missing');
    const { page, seen } = await open(hostile, index);
    const panel = panelOf(page);
    const alert = panel.getByRole('alert', { name: 'Carer information is not available' });
    await alert.waitFor({ timeout: 60_000 });
    expect(await panel.locator('[data-carer]').count()).toBe(0);
    // Asking again gets the same clear answer.
    await alert.getByRole('button', { name: 'Try again' }).click();
    await alert.waitFor({ timeout: 60_000 });
    await expectNothingRan(page, seen);
    await page.close();
  });
});
