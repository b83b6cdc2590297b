/**
 * A deferral is a record, not a browser's memory: made in one clinician's browser profile, it shows
 * in a colleague's (a second profile, its own storage), the audit counts it, and either of them can
 * end it, after which the prompt is back for both.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { PERSONAS } from '../../sandbox/personas';
import { configureFhirBase, launchWithExtension, type ExtensionBrowser } from './browser';
import { EXTENSION_DIR } from './extensionBuild';
import { auditSandbox, openPatient, saveForm, useExtensionAgainstSandbox } from './harness';

describe('a deferral the whole team sees', () => {
  const env = useExtensionAgainstSandbox({ patients: 0 });
  let colleague: ExtensionBrowser | undefined;
  afterAll(async () => {
    await colleague?.close();
  });

  it('deferred in one profile, shown in a colleague’s, counted by the audit, and ended by the colleague', async () => {
    const amira = PERSONAS.amiraKhan;
    const mine = await openPatient(env(), await env().browser.context.newPage(), amira.patientId);
    await mine.locator('[data-prompt-code="offer-assessment"] [data-action="defer-prompt"]').click();
    const form = mine.getByRole('form', { name: 'Defer this prompt' });
    expect(await form.innerText()).toMatch(/Defers “.*” for this patient and carer until/);
    await form.getByLabel('Reason').selectOption('lacks-capacity');
    await form.locator('[name="comment"]').fill('Carer in hospital this month');
    await saveForm(form, 'Defer');
    await mine.locator('[data-prompt-code="offer-assessment"]').waitFor({ state: 'detached' });
    await mine.locator('[data-deferred-code="offer-assessment"]').waitFor();

    colleague = await launchWithExtension(EXTENSION_DIR);
    await configureFhirBase(colleague, env().sandbox.fhirBase);
    const page = await colleague.context.newPage();
    const theirs = await openPatient({ sandbox: env().sandbox, browser: colleague }, page, amira.patientId);
    const deferred = theirs.locator('[data-deferred-code="offer-assessment"]');
    await deferred.waitFor();
    expect(await deferred.innerText()).toMatch(/Not now: deferred by .* on \d+ \w+ \d{4} until \d+ \w+ \d{4}, patient lacks capacity at present — “Carer in hospital this month”/);
    expect(await theirs.locator('li[data-prompt-code="offer-assessment"]').count()).toBe(0);

    const audit = await auditSandbox(env());
    expect(audit.coverage.recordedActions?.deferrals).toContainEqual(expect.objectContaining({ code: 'offer-assessment', reason: 'lacks-capacity', recorded: 1, inForce: 1 }));

    await deferred.locator('[data-action="end-deferral"]').click();
    const end = theirs.getByRole('form', { name: 'End this deferral' });
    await saveForm(end, 'End deferral');
    await theirs.locator('li[data-prompt-code="offer-assessment"]').waitFor();
    expect(await theirs.locator('[data-deferred-code]').count()).toBe(0);
    await page.close();
  });
});
