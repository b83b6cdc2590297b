/**
 * Regenerates docs/screenshots/panel*.png: the panel on the sandbox EHR, in real Chromium with the
 * built extension. Run by hand: `npx tsx tests/e2e/screenshots.ts`.
 */
import { join } from 'node:path';
import { PERSONAS } from '../../sandbox/personas';
import { startSandbox } from '../../sandbox/server';
import { configureFhirBase, launchWithExtension } from './browser';
import { buildExtension, ROOT } from './extensionBuild';
import { panelOf, waitForPanelShown } from './harness';

const out = (name: string) => join(ROOT, 'docs', 'screenshots', name);
const dir = buildExtension();
const sandbox = await startSandbox({ port: 0, patients: 30 });
const browser = await launchWithExtension(dir);
try {
  await configureFhirBase(browser, sandbox.fhirBase);
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1440, height: 900 });
  const daniel = PERSONAS.danielOkafor;
  await page.goto(`${sandbox.origin}/ehr/patients/${daniel.patientId}`);
  await waitForPanelShown(page);
  const panel = panelOf(page);
  await panel.locator(`[data-carer="${daniel.relatedPersonIds[0]}"]`).waitFor();
  await page.screenshot({ path: out('panel-on-sandbox-ehr.png') });

  await panel.locator('[data-prompt-code="record-consent"] [data-action="record-consent"]').click();
  await panel.getByLabel('Agrees to share some things').check();
  await panel.getByLabel('May be shared').fill('Appointments\nMedication');
  await panel.getByLabel('Must not be shared').fill('Therapy notes');
  await page.screenshot({ path: out('panel-consent-form.png') });
  await panel.getByRole('button', { name: 'Cancel' }).click();

  await panel.getByRole('button', { name: 'Hide Carer Prompts' }).click();
  await panel.getByRole('button', { name: /Show Carer Prompts/ }).waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: out('panel-collapsed.png') });
  console.log('Wrote docs/screenshots/panel-on-sandbox-ehr.png, panel-consent-form.png, panel-collapsed.png');
} finally {
  await browser.close();
  await sandbox.close();
}
