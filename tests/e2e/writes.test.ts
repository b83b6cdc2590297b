import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import { PERSONAS } from '../../sandbox/personas';
import type { RequestHandler } from '../../sandbox/server';
import { openPatient, panelOf, readFhir, searchFhir, submitForm, unfoldPanel, updateFhir, useExtensionAgainstSandbox, waitForPanelShown } from './harness';

interface Consent {
  resourceType: 'Consent';
  id: string;
  status: string;
  meta?: { versionId?: string };
  provision?: { period?: { end?: string } };
}

/** Test switches for the sandbox: slow writes down, or make them fail, before the FHIR routes answer. */
const faults = { delayWritesMs: 0, failWrites: false };
// Writes go to /fhir (a transaction Bundle) or /fhir/<type>[/<id>].
const isWrite = (req: IncomingMessage) => req.method !== 'GET' && /^\/fhir(?:[/?]|$)/.test(req.url ?? '');
const faultInjector: RequestHandler = async (req, res) => {
  if (!isWrite(req)) return false;
  if (faults.delayWritesMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.delayWritesMs));
  if (!faults.failWrites) return false;
  res.writeHead(503, { 'content-type': 'application/fhir+json', 'retry-after': '0' });
  res.end(JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'transient', diagnostics: 'down for maintenance' }] }));
  return true;
};

describe('writes that meet the real world', () => {
  const env = useExtensionAgainstSandbox({ handlers: [faultInjector] });

  it('shows the newer version beside the draft on a 412 and overwrites nothing until told to', async () => {
    const lucy = PERSONAS.lucyBrennan;
    const page = await env().browser.context.newPage();
    const panel = await openPatient(env(), page, lucy.patientId);
    const carer = panel.locator(`[data-carer="${lucy.relatedPersonIds[0]}"]`);
    await carer.locator('[data-action="withdraw-consent"]').click();
    const form = panel.getByRole('form', { name: /Withdraw consent/ });
    await form.waitFor();

    // Meanwhile another clinician changes the review date of the same Consent.
    const [consent] = await searchFhir<Consent>(env(), `Consent?patient=Patient/${lucy.patientId}`);
    if (!consent) throw new Error('persona has no consent');
    await updateFhir(env(), { ...consent, provision: { ...consent.provision, period: { end: '2031-01-31' } } });
    const afterColleague = await readFhir<Consent>(env(), `Consent/${consent.id}`);

    await submitForm(form, 'Withdraw consent');
    const conflict = form.getByRole('alert', { name: 'Someone else changed this record' });
    await conflict.waitFor({ timeout: 20_000 });
    expect(await conflict.locator('[data-conflict="server"]').innerText()).toContain('2031-01-31');
    expect(await conflict.locator('[data-conflict="draft"]').innerText()).toContain('withdrawn');
    // Nothing was overwritten.
    expect(await readFhir<Consent>(env(), `Consent/${consent.id}`)).toMatchObject({ status: 'active', meta: { versionId: afterColleague.meta?.versionId } });

    await conflict.getByRole('button', { name: 'Save my draft over the newer version' }).click();
    await conflict.getByRole('button', { name: 'Yes, save' }).click();
    await form.waitFor({ state: 'detached', timeout: 20_000 });
    const saved = await readFhir<Consent>(env(), `Consent/${consent.id}`);
    expect(saved.status).toBe('inactive');
    expect(saved.provision?.period?.end).toBe('2031-01-31');
    await page.close();
  });

  it('keeps the form filled and says what to do when a write fails', async () => {
    const amira = PERSONAS.amiraKhan;
    const page = await env().browser.context.newPage();
    const panel = await openPatient(env(), page, amira.patientId);
    await panel.locator('[data-prompt-code="record-consent"] [data-action="record-consent"]').click();
    const form = panel.getByRole('form', { name: /Consent to share/ });
    await form.getByLabel('Declines to share').check();
    faults.failWrites = true;
    try {
      await submitForm(form, 'Record decision');
      const error = form.locator('.status--error');
      await error.waitFor({ timeout: 60_000 });
      expect(await error.innerText()).toMatch(/try again|later|unavailable|not available/i);
      expect(await form.getByLabel('Declines to share').isChecked()).toBe(true);
    } finally {
      faults.failWrites = false;
    }
    await submitForm(form, 'Record decision');
    await form.waitFor({ state: 'detached', timeout: 20_000 });
    const consents = await searchFhir<Consent & { provision?: { type?: string } }>(env(), `Consent?patient=Patient/${amira.patientId}`);
    expect(consents.map((c) => c.provision?.type)).toEqual(['deny']);
    await page.close();
  });

  it('sends a write to the patient it was started for when the page moves on mid-write, and says so', async () => {
    const daniel = PERSONAS.danielOkafor;
    const grace = PERSONAS.graceTaylor;
    const page = await env().browser.context.newPage();
    const panel = await openPatient(env(), page, daniel.patientId);
    await panel.locator('[data-prompt-code="offer-assessment"] [data-action="offer-assessment"]').click();
    const form = panel.getByRole('form', { name: /assessment/ });
    faults.delayWritesMs = 1500;
    try {
      await submitForm(form, 'Record offer');
      await panel.getByRole('status').filter({ hasText: 'Saving to the record' }).waitFor();
      await page.locator(`a[data-patient-id="${grace.patientId}"]`).click();
      await waitForPanelShown(page);
      // Grace has nothing to do: the panel folds to its tab on arrival; open it to see her carers.
      await unfoldPanel(panelOf(page));
      await panelOf(page).locator(`[data-carer="${grace.relatedPersonIds[0]}"]`).waitFor();
      const notice = panelOf(page).getByRole('status').filter({ hasText: 'saved to the record of the patient you were on before' });
      await notice.waitFor({ timeout: 20_000 });
      expect(await notice.innerText()).not.toContain('Okafor');
    } finally {
      faults.delayWritesMs = 0;
    }
    const tasks = await searchFhir<{ status: string }>(env(), `Task?subject=RelatedPerson/${daniel.relatedPersonIds[0]}`);
    expect(tasks.map((t) => t.status)).toEqual(['requested']);
    expect(await searchFhir(env(), `Task?subject=RelatedPerson/${grace.relatedPersonIds[0]}&status=requested`)).toEqual([]);
    expect(await panelOf(page).locator(`[data-carer="${daniel.relatedPersonIds[0]}"]`).count()).toBe(0);
    await page.close();
  });
});
