/**
 * Faults on the way to the FHIR server, injected into the sandbox in front of its FHIR routes.
 * Each test's name says what the clinician sees; each checks the server ends with exactly one
 * copy of every intended write (counted in the sandbox's store, versions included) and nothing lost.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { FrameLocator, Page } from 'playwright-core';
import type { Resource } from '@medplum/fhirtypes';
import { PERSONAS, type Persona } from '../../sandbox/personas';
import type { RequestHandler } from '../../sandbox/server';
import type { PromptCode } from '../../shared/domain/types';
import { openPatient, prompt, readFhir, searchFhir, startFromPrompt, submitForm, type E2E, updateFhir, useExtensionAgainstSandbox, waitForSaved } from './harness';

type Fault =
  /** Answer every write with this status (and Retry-After), before the server sees it, `times` times. */
  | { kind: 'status'; status: number; retryAfter?: string; times: number }
  /** Let the server process the write, then drop the connection instead of answering. */
  | { kind: 'drop-after-processing'; times: number }
  /** Let the server process the write, then never answer (the extension's own timeout ends it). */
  | { kind: 'hang-after-processing'; times: number };

const faults: { current: Fault | undefined; writesSeen: number; held: ServerResponse[] } = { current: undefined, writesSeen: 0, held: [] };

const isWrite = (req: IncomingMessage) => req.method !== 'GET' && req.method !== 'HEAD' && /^\/fhir(?:[/?]|$)/.test(req.url ?? '');

/** Replaces the response's way out so the processed answer never reaches the client. */
function swallowAnswer(req: IncomingMessage, res: ServerResponse, then: 'drop' | 'hang'): void {
  const gone = (): ServerResponse => {
    if (then === 'drop') req.socket.destroy();
    else faults.held.push(res);
    return res;
  };
  res.writeHead = gone as unknown as ServerResponse['writeHead'];
  res.end = gone as unknown as ServerResponse['end'];
}

const injectFaults: RequestHandler = async (req, res) => {
  if (!isWrite(req)) return false;
  faults.writesSeen += 1;
  const fault = faults.current;
  if (!fault || fault.times <= 0) return false;
  fault.times -= 1;
  if (fault.kind === 'drop-after-processing') {
    swallowAnswer(req, res, 'drop');
    return false;
  }
  if (fault.kind === 'hang-after-processing') {
    swallowAnswer(req, res, 'hang');
    return false;
  }
  res.writeHead(fault.status, { 'content-type': 'application/fhir+json', 'cache-control': 'no-store', ...(fault.retryAfter ? { 'retry-after': fault.retryAfter } : {}) });
  res.end(JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'transient', diagnostics: `injected ${fault.status}` }] }));
  return true;
};

interface Versioned {
  resourceType: string;
  id: string;
  status?: string;
  meta?: { versionId?: string };
  [element: string]: unknown;
}

/** Every stored version of a resource, oldest first, straight from the sandbox's store. */
async function versionsOf(env: E2E, resourceType: string, id: string): Promise<Versioned[]> {
  const history = await env.sandbox.repo.readHistory<Resource>(resourceType, id);
  return (history.entry ?? []).map((e) => e.resource as unknown as Versioned).reverse();
}

async function openForm(env: E2E, persona: Persona, code: PromptCode, action: string): Promise<{ page: Page; panel: FrameLocator; form: ReturnType<FrameLocator['locator']> }> {
  const page = await env.browser.context.newPage();
  const panel = await openPatient(env, page, persona.patientId);
  const form = await startFromPrompt(panel, code, action);
  return { page, panel, form };
}

async function errorShown(form: ReturnType<FrameLocator['locator']>): Promise<string> {
  const error = form.locator('.status--error');
  await error.waitFor({ timeout: 60_000 });
  return error.innerText();
}

describe('faults on the way to the FHIR server', () => {
  const env = useExtensionAgainstSandbox({ handlers: [injectFaults] });

  afterEach(() => {
    faults.current = undefined;
    for (const res of faults.held.splice(0)) res.socket?.destroy();
  });

  it('on a 500 the clinician sees "the FHIR server had a problem, try again" with the form kept; the retry records the answer exactly once', async () => {
    const george = PERSONAS.georgeWilson;
    const { page, panel, form } = await openForm(env(), george, 'identify-carers', 'record-no-carers');
    faults.current = { kind: 'status', status: 500, times: Number.POSITIVE_INFINITY };
    await submitForm(form, 'Record the answer');
    expect(await errorShown(form)).toMatch(/FHIR server had a problem\. Try again/);
    expect(await searchFhir(env(), `List?subject=Patient/${george.patientId}`)).toEqual([]);

    faults.current = undefined;
    await submitForm(form, 'Record the answer');
    await form.waitFor({ state: 'detached', timeout: 20_000 });
    await prompt(panel, 'identify-carers').first().waitFor({ state: 'detached', timeout: 20_000 });
    const lists = await searchFhir<Versioned>(env(), `List?subject=Patient/${george.patientId}`);
    expect(lists).toHaveLength(1);
    expect(await versionsOf(env(), 'List', lists[0]?.id ?? '')).toHaveLength(1);
    await page.close();
  });

  it('on a brief 503 with Retry-After while recording a consent the clinician just sees "Saved." (every entry of the transaction is conditional, so it is resent); one Consent, one Provenance', async () => {
    const amira = PERSONAS.amiraKhan;
    const { page, panel, form } = await openForm(env(), amira, 'record-consent', 'record-consent');
    await form.getByLabel('Agrees to share', { exact: true }).check();
    faults.current = { kind: 'status', status: 503, retryAfter: '1', times: 1 };
    faults.writesSeen = 0;
    await submitForm(form, 'Record decision');
    await form.waitFor({ state: 'detached', timeout: 30_000 });
    await waitForSaved(panel);
    expect(faults.writesSeen).toBe(2);
    const consents = await searchFhir<Versioned>(env(), `Consent?patient=Patient/${amira.patientId}`);
    expect(consents).toHaveLength(1);
    expect(await versionsOf(env(), 'Consent', consents[0]?.id ?? '')).toHaveLength(1);
    expect(await searchFhir(env(), `Provenance?target=Consent/${consents[0]?.id}`)).toHaveLength(1);
    await page.close();
  });

  it('on a brief 503 with Retry-After while offering an assessment the clinician just sees "Saved." (a conditional create is resent); one Task', async () => {
    const daniel = PERSONAS.danielOkafor;
    const { page, panel, form } = await openForm(env(), daniel, 'offer-assessment', 'offer-assessment');
    faults.current = { kind: 'status', status: 503, retryAfter: '1', times: 1 };
    faults.writesSeen = 0;
    await submitForm(form, 'Record offer');
    await form.waitFor({ state: 'detached', timeout: 30_000 });
    await waitForSaved(panel);
    expect(faults.writesSeen).toBe(2);
    const tasks = await searchFhir<Versioned>(env(), `Task?subject=RelatedPerson/${daniel.relatedPersonIds[0]}`);
    expect(tasks.map((t) => t.status)).toEqual(['requested']);
    expect(await versionsOf(env(), 'Task', tasks[0]?.id ?? '')).toHaveLength(1);
    await page.close();
  });

  it('on a 429 asking for a long wait the clinician sees "the FHIR server is busy, try again in …" with the form kept; nothing is written until they do, then once', async () => {
    const amira = PERSONAS.amiraKhan;
    const { page, form } = await openForm(env(), amira, 'offer-assessment', 'offer-assessment');
    faults.current = { kind: 'status', status: 429, retryAfter: '120', times: Number.POSITIVE_INFINITY };
    await submitForm(form, 'Record offer');
    expect(await errorShown(form)).toMatch(/busy.*Try again/);
    const carer = amira.relatedPersonIds[0];
    expect(await searchFhir(env(), `Task?subject=RelatedPerson/${carer}`)).toEqual([]);

    faults.current = undefined;
    await submitForm(form, 'Record offer');
    await form.waitFor({ state: 'detached', timeout: 20_000 });
    const tasks = await searchFhir<Versioned>(env(), `Task?subject=RelatedPerson/${carer}`);
    expect(tasks.map((t) => t.status)).toEqual(['requested']);
    await page.close();
  });

  it('when the connection drops after the server saved a new carer, the clinician sees the carer added, and it and its Provenance exist exactly once (the resend finds the first)', async () => {
    const fatima = PERSONAS.fatimaBegum;
    const page = await env().browser.context.newPage();
    const panel = await openPatient(env(), page, fatima.patientId);
    const before = await searchFhir<Versioned>(env(), `RelatedPerson?patient=Patient/${fatima.patientId}`);
    await panel.locator('[data-action="add-carer"]').first().click();
    const form = panel.getByRole('form', { name: 'Add a carer' });
    await form.getByLabel('Name').fill('Yusuf Begum');
    await form.getByLabel('Relationship to the patient').selectOption('BRO');
    faults.current = { kind: 'drop-after-processing', times: 1 };
    faults.writesSeen = 0;
    await submitForm(form, 'Add carer');
    await form.waitFor({ state: 'detached', timeout: 30_000 });
    // Answered nothing the first time: the browser itself resends on the dropped keep-alive connection.
    expect(faults.writesSeen).toBeGreaterThanOrEqual(2);
    const after = await searchFhir<Versioned>(env(), `RelatedPerson?patient=Patient/${fatima.patientId}`);
    const added = after.filter((p) => JSON.stringify(p.name).includes('Yusuf'));
    expect(added).toHaveLength(1);
    expect(after).toHaveLength(before.length + 1);
    expect(await versionsOf(env(), 'RelatedPerson', added[0]?.id ?? '')).toHaveLength(1);
    // The resend found the first Provenance too (it is created conditionally on the change it records).
    expect(await searchFhir(env(), `Provenance?target=RelatedPerson/${added[0]?.id}`)).toHaveLength(1);
    await panel.locator(`[data-carer="${added[0]?.id}"]`).waitFor();
    await page.close();
  });

  it('answering "yes, a carer" about a next of kin kept only in Patient.contact adds her as a RelatedPerson exactly once, even when the connection drops and the answer is resent, and her carer prompts follow', async () => {
    const ruth = PERSONAS.ruthContactOnly;
    const page = await env().browser.context.newPage();
    const panel = await openPatient(env(), page, ruth.patientId);
    const ask = panel.locator('[data-prompt-code="confirm-carer-status"]');
    expect(await ask.innerText()).toContain('Is Margaret Ellison (mother, next of kin) a carer?');
    expect(await panel.locator('[data-prompt-code="identify-carers"]').innerText()).not.toMatch(/No carer recorded/);
    await ask.locator('[data-action="mark-carer"]').click();
    const form = panel.locator('form.form');
    await form.waitFor();
    faults.current = { kind: 'drop-after-processing', times: 1 };
    faults.writesSeen = 0;
    await submitForm(form, 'Yes, a carer');
    await form.waitFor({ state: 'detached', timeout: 30_000 });
    // The first answer never arrived: the same conditional create was sent again and found the first.
    expect(faults.writesSeen).toBeGreaterThanOrEqual(2);
    const people = await searchFhir<Versioned>(env(), `RelatedPerson?patient=Patient/${ruth.patientId}`);
    expect(people).toHaveLength(1);
    expect(JSON.stringify(people[0])).toContain('"code":"Carer"');
    await panel.locator(`[data-carer="${people[0]?.id}"]`).waitFor();
    await panel.locator('[data-prompt-code="record-consent"]').first().waitFor();
    await panel.locator('[data-prompt-code="confirm-carer-status"]').waitFor({ state: 'detached' });
    await page.close();
  }, 90_000);

  it('when the server saves but never answers, the clinician sees "took too long … cannot tell whether it was saved, refresh and check"; the refreshed panel shows it saved, once', async () => {
    const olivia = PERSONAS.oliviaNowak;
    const father = olivia.relatedPersonIds[0] ?? '';
    const { page, form } = await openForm(env(), olivia, 'confirm-carer-status', 'mark-not-carer');
    const versionsBefore = await versionsOf(env(), 'RelatedPerson', father);
    faults.current = { kind: 'hang-after-processing', times: 1 };
    await submitForm(form, 'Not a carer');
    expect(await errorShown(form)).toMatch(/took too long.*cannot tell whether.*saved.*Refresh and check/);

    const refreshed = await openPatient(env(), page, olivia.patientId);
    expect(await refreshed.locator(`[data-carer="${father}"]`).innerText()).toContain('Not a carer');
    const versions = await versionsOf(env(), 'RelatedPerson', father);
    expect(versions).toHaveLength(versionsBefore.length + 1);
    await page.close();
  }, 90_000);

  it('when the server saves an assessment offer but never answers, saving the same draft again finds the first: the clinician sees "Saved." and there is one Task', async () => {
    const samuel = PERSONAS.samuelAdeyemi;
    const carer = samuel.relatedPersonIds[0] ?? '';
    const { page, panel, form } = await openForm(env(), samuel, 'offer-assessment', 'offer-assessment');
    faults.current = { kind: 'hang-after-processing', times: 1 };
    await submitForm(form, 'Record offer');
    expect(await errorShown(form)).toMatch(/took too long.*cannot tell whether.*saved/);
    expect(await searchFhir<Versioned>(env(), `Task?subject=RelatedPerson/${carer}`)).toHaveLength(1);

    await submitForm(form, 'Record offer');
    await form.waitFor({ state: 'detached', timeout: 30_000 });
    await waitForSaved(panel);
    const tasks = await searchFhir<Versioned>(env(), `Task?subject=RelatedPerson/${carer}`);
    expect(tasks.map((t) => t.status)).toEqual(['requested']);
    expect(await versionsOf(env(), 'Task', tasks[0]?.id ?? '')).toHaveLength(1);
    await page.close();
  }, 90_000);

  it('on a 412 from a colleague’s edit the clinician sees both versions and nothing is overwritten; saving over it keeps the colleague’s change (no lost update)', async () => {
    const thomas = PERSONAS.thomasReid;
    const page = await env().browser.context.newPage();
    const panel = await openPatient(env(), page, thomas.patientId);
    await panel.locator(`[data-carer="${thomas.relatedPersonIds[0]}"] [data-action="withdraw-consent"]`).click();
    const form = panel.getByRole('form', { name: /Withdraw consent/ });
    await form.waitFor();

    const [consent] = await searchFhir<Versioned & { provision?: { period?: { end?: string } } }>(env(), `Consent?patient=Patient/${thomas.patientId}`);
    if (!consent) throw new Error('persona has no consent');
    await updateFhir(env(), { ...consent, provision: { ...consent.provision, period: { end: '2032-03-31' } } });

    await submitForm(form, 'Withdraw consent');
    const conflict = form.getByRole('alert', { name: 'Someone else changed this record' });
    await conflict.waitFor({ timeout: 20_000 });
    expect(await versionsOf(env(), 'Consent', consent.id)).toHaveLength(2);

    await conflict.getByRole('button', { name: 'Save my draft over the newer version' }).click();
    await conflict.getByRole('button', { name: 'Yes, save' }).click();
    await form.waitFor({ state: 'detached', timeout: 20_000 });
    const versions = await versionsOf(env(), 'Consent', consent.id);
    expect(versions.map((v) => v.status)).toEqual(['active', 'active', 'inactive']);
    const saved = await readFhir<Versioned & { provision?: { period?: { end?: string } } }>(env(), `Consent/${consent.id}`);
    expect(saved.provision?.period?.end).toBe('2032-03-31');
    expect(await searchFhir(env(), `Consent?patient=Patient/${thomas.patientId}`)).toHaveLength(1);
    await page.close();
  });
});
