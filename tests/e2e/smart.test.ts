/**
 * SMART App Launch 2 in real Chromium against the sandbox's authorization server (`--auth smart`):
 * the browser's own sign-in window (`chrome.identity.launchWebAuthFlow`, which works in headless
 * Chromium and returns to https://<extension-id>.chromiumapp.org/), a bearer token on every
 * request, a token that expires mid-session refreshed once with the write landing once, and a
 * revoked grant answered with "Sign in again" and the draft kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FrameLocator, Page } from 'playwright-core';
import { createSmartSession } from '../../adapter/auth/session';
import { memorySessionStore } from '../../adapter/auth/sessionStore';
import { SANDBOX_CLIENT_ID, sandboxSmartAuth } from '../../sandbox/auth/index';
import { PERSONAS } from '../../sandbox/personas';
import type { RequestHandler } from '../../sandbox/server';
import { setStoredOptions } from './browser';
import { type E2E, panelOf, submitForm, unfoldPanel, useExtensionAgainstSandbox, waitForPanelShown } from './harness';

interface Resource {
  id: string;
  resourceType: string;
  [key: string]: unknown;
}

/** The authorization server's clock: moved on to expire the extension's access token mid-session. */
let clock = Date.now();
const auth = sandboxSmartAuth({ now: () => clock });

/** What the extension (Chromium, not this test's own Node requests) sent: token requests and FHIR requests with their answers. */
const seen = { tokenRequests: 0, fhir: [] as { path: string; method: string; bearer: string; status: number }[] };
const observe: RequestHandler = async (req, res) => {
  if (!(req.headers['user-agent'] ?? '').includes('Chrome')) return false;
  const path = req.url ?? '';
  if (req.method === 'POST' && path.startsWith('/auth/token')) seen.tokenRequests += 1;
  if (/^\/fhir(?:[/?]|$)/.test(path) && req.headers['sec-fetch-site'] !== 'same-origin') {
    const entry = { path, method: req.method ?? '', bearer: (req.headers.authorization ?? '').replace(/^Bearer /, ''), status: 0 };
    seen.fhir.push(entry);
    res.on('finish', () => (entry.status = res.statusCode));
  }
  return false;
};
const writes = () => seen.fhir.filter((r) => r.method !== 'GET');

/** Reads from the sandbox as another signed-in client (this test's own sign-in, not the extension's). */
async function searchAsClinician(env: E2E, query: string): Promise<Resource[]> {
  const session = createSmartSession({ fhirBase: env.sandbox.fhirBase, clientId: SANDBOX_CLIENT_ID, redirectUri: 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/', store: memorySessionStore(), now: () => clock });
  const approved = await fetch(await session.beginSignIn(), { redirect: 'manual' });
  await session.completeSignIn(approved.headers.get('location') ?? '');
  const response = await fetch(`${env.sandbox.fhirBase}/${query}`, { headers: { accept: 'application/fhir+json', authorization: `Bearer ${await session.getToken()}` } });
  if (!response.ok) throw new Error(`FHIR search failed: ${response.status}`);
  const bundle = (await response.json()) as { entry?: { resource: Resource; search?: { mode?: string } }[] };
  return (bundle.entry ?? []).filter((e) => e.search?.mode !== 'include').map((e) => e.resource);
}

async function showPatient(env: E2E, page: Page, patientId: string): Promise<FrameLocator> {
  await page.goto(`${env.sandbox.origin}/ehr/patients/${patientId}`);
  await waitForPanelShown(page);
  const panel = panelOf(page);
  await unfoldPanel(panel);
  return panel;
}

describe('SMART sign-in in Chromium against the sandbox authorization server', () => {
  const env = useExtensionAgainstSandbox({ handlers: [observe, ...auth.handlers] });
  let page: Page;

  beforeAll(async () => {
    await setStoredOptions(env().browser, { fhirBaseUrl: env().sandbox.fhirBase, authMode: 'smart', clientId: SANDBOX_CLIENT_ID, profiles: [], ehrOrigins: [], policyOverrides: {} });
    page = await env().browser.context.newPage();
  });
  afterAll(() => page.close());

  it('asks the clinician to sign in, signs in through the browser’s window, and shows the prompts', async () => {
    const panel = await showPatient(env(), page, PERSONAS.amiraKhan.patientId);
    // Nobody has signed in yet in this browser session: "Sign in", not "Sign in again" (issue 10).
    await panel.getByRole('button', { name: 'Sign in', exact: true }).click({ timeout: 15_000 });
    await panel.locator('.patient__name').waitFor({ timeout: 20_000 });
    await panel.locator('[data-prompt-code="record-consent"]').first().waitFor();
    expect(seen.fhir.length).toBeGreaterThan(0);
    // Every FHIR request carries the token, but discovery (public by definition).
    expect(seen.fhir.filter((r) => r.bearer === '').map((r) => r.path)).toEqual(['/fhir/.well-known/smart-configuration']);

    // The tokens are in storage.session only.
    const worker = await env().browser.worker();
    const stored = await worker.evaluate(async () => {
      const { chrome } = globalThis as unknown as { chrome: { storage: Record<'local' | 'session', { get(key: null): Promise<Record<string, unknown>> }> } };
      return { local: JSON.stringify(await chrome.storage.local.get(null)), session: JSON.stringify(await chrome.storage.session.get(null)) };
    });
    const token = seen.fhir.at(-1)?.bearer ?? '';
    expect(stored.session).toContain(token);
    expect(stored.local).not.toContain(token);
    expect(stored.local).not.toContain('smart-auth');
  });

  it('records a decision with the clinician’s token: the Consent lands once', async () => {
    const panel = panelOf(page);
    await panel.locator('[data-prompt-code="record-consent"] [data-action="record-consent"]').first().click();
    const form = panel.getByRole('form', { name: /Consent to share/ });
    await form.getByLabel('Declines to share').check();
    await submitForm(form, 'Record decision');
    await form.waitFor({ state: 'detached', timeout: 20_000 });
    expect(await searchAsClinician(env(), `Consent?patient=Patient/${PERSONAS.amiraKhan.patientId}`)).toHaveLength(1);
    expect(writes().filter((w) => w.status >= 200 && w.status < 300)).toHaveLength(1);
  });

  it('refreshes once when the token expires mid-session, and the write lands once', async () => {
    const panel = panelOf(page);
    const tokensBefore = seen.tokenRequests;
    const writesBefore = writes().length;
    clock += 10 * 60_000; // the access token (5 minutes) has expired on the server; the extension does not know yet
    await panel.locator('[data-prompt-code="offer-assessment"] [data-action="offer-assessment"]').first().click();
    const form = panel.locator('form.form');
    await submitForm(form, 'Record offer');
    await form.waitFor({ state: 'detached', timeout: 20_000 });

    expect(seen.tokenRequests - tokensBefore).toBe(1);
    const attempts = writes().slice(writesBefore);
    expect(attempts.map((a) => a.status)).toEqual([401, expect.any(Number)]);
    expect(attempts[1]?.status).toBeLessThan(300);
    expect(attempts[1]?.bearer).not.toBe(attempts[0]?.bearer);
    const tasks = await searchAsClinician(env(), `Task?subject=RelatedPerson/${PERSONAS.amiraKhan.relatedPersonIds[0] ?? ''}`);
    expect(tasks).toHaveLength(1);
  });

  it('says "Sign in again" when the grant is revoked, keeps the draft, and saves it once after sign-in', async () => {
    const fatima = PERSONAS.fatimaBegum;
    const panel = await showPatient(env(), page, fatima.patientId);
    await panel.locator('.patient__name').waitFor({ timeout: 20_000 });
    auth.server()?.revoke(seen.fhir.at(-1)?.bearer ?? '');

    await panel.locator('[data-action="add-carer"]').first().click();
    const form = panel.getByRole('form', { name: 'Add a carer' });
    await form.getByLabel('Name').fill('Nadia Begum');
    await submitForm(form, 'Add carer');
    const ended = form.getByRole('alert');
    await ended.waitFor({ timeout: 20_000 });
    expect(await ended.innerText()).toMatch(/Sign in again.*kept/s);
    expect(await form.getByLabel('Name').inputValue()).toBe('Nadia Begum');

    await ended.getByRole('button', { name: 'Sign in again' }).click();
    const restored = panel.getByRole('form', { name: 'Add a carer' });
    await expect.poll(() => restored.getByLabel('Name').inputValue(), { timeout: 20_000 }).toBe('Nadia Begum');
    await submitForm(restored, 'Add carer');
    await restored.waitFor({ state: 'detached', timeout: 20_000 });
    const people = await searchAsClinician(env(), `RelatedPerson?patient=Patient/${fatima.patientId}`);
    expect(people.filter((p) => JSON.stringify(p.name).includes('Nadia Begum'))).toHaveLength(1);
  });
});

describe('SMART sign-in granted fewer scopes than asked', () => {
  // The trust lets this client read consent decisions but not record them.
  const narrowed = sandboxSmartAuth({ grant: (requested) => requested.map((scope) => (scope === 'user/Consent.crus' ? 'user/Consent.rs' : scope)) });
  const env = useExtensionAgainstSandbox({ handlers: narrowed.handlers });

  beforeAll(() => setStoredOptions(env().browser, { fhirBaseUrl: env().sandbox.fhirBase, authMode: 'smart', clientId: SANDBOX_CLIENT_ID, profiles: [], ehrOrigins: [], policyOverrides: {} }));

  it('turns off, with the reason, what was not granted instead of trying and failing', async () => {
    const page = await env().browser.context.newPage();
    const panel = await showPatient(env(), page, PERSONAS.amiraKhan.patientId);
    await panel.getByRole('button', { name: 'Sign in', exact: true }).click({ timeout: 15_000 });
    await panel.locator('.patient__name').waitFor({ timeout: 20_000 });
    const notice = panel.getByRole('region', { name: 'Some changes cannot be made from here' });
    expect(await notice.innerText()).toMatch(/cannot record a consent decision here.*create Consent/s);
    await panel.locator('[data-prompt-code="record-consent"]').first().waitFor();
    expect(await panel.locator('[data-action="record-consent"]').count()).toBe(0);
    expect(await panel.locator('[data-prompt-code="offer-assessment"] [data-action="offer-assessment"]').count()).toBeGreaterThan(0);
    await page.close();
  });
});
