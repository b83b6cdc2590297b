/**
 * The sandbox EHR page in real Chromium (playwright-core + Debian's /usr/bin/chromium, headless):
 * the caseload, client-side navigation between patients, the banner's hooks and formats, tabs,
 * back/forward, record text shown as text, and the server-down notice.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PERSONAS } from '../../sandbox/personas';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { screenshotPath } from '../support/screenshots';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
/** "Today" for the seeded caseload, so birth dates (derived from ages) are the same on every run. */
const SANDBOX_NOW = new Date('2026-03-12T12:00:00Z');
const SCREENSHOT = screenshotPath('sandbox-ehr.png');

const Amira = PERSONAS.amiraKhan;
const Grace = PERSONAS.graceTaylor;
const MarkupName = PERSONAS.markupName;

let sandbox: Sandbox;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let dialogs: string[];
let pageErrors: string[];
/** Console errors, which include Content-Security-Policy violations. */
let consoleErrors: string[];

beforeAll(async () => {
  // 60 generated patients plus the personas: more than one caseload page of 50.
  sandbox = await startSandbox({ port: 0, patients: 60, seed: 1, now: SANDBOX_NOW });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

async function openPage(): Promise<Page> {
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  dialogs = [];
  pageErrors = [];
  consoleErrors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.type());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return page;
}

afterEach(async () => {
  await context?.close();
});

const url = (path: string): string => new URL(path, sandbox.origin).href;
const banner = (p: Page) => ({
  name: p.locator('#patient-banner [data-field="name"]'),
  birthDate: p.locator('#patient-banner [data-field="birth-date"]'),
  nhsNumber: p.locator('#patient-banner [data-field="nhs-number"]'),
});

/** Finds a patient through the caseload search box and clicks their entry. */
async function openFromCaseload(p: Page, search: string, patientId: string): Promise<void> {
  await p.getByRole('searchbox', { name: 'Search caseload by name or NHS number' }).fill(search);
  const entry = p.locator(`#caseload a[data-patient-id="${patientId}"]`);
  await entry.click();
}

async function markWindow(p: Page): Promise<void> {
  await p.evaluate(() => {
    (window as unknown as { ehrTestMarker?: string }).ehrTestMarker = 'same document';
  });
}

async function windowMarker(p: Page): Promise<string | undefined> {
  return p.evaluate(() => (window as unknown as { ehrTestMarker?: string }).ehrTestMarker);
}

describe('the sandbox EHR page', () => {
  it('opens on the caseload, listing patients by name with NHS number and team', async () => {
    const p = await openPage();
    await p.goto(url('/'));
    expect(new URL(p.url()).pathname).toBe('/ehr/');
    const entries = p.locator('#caseload a[data-patient-id]');
    await expect.poll(() => entries.count()).toBe(50);
    const first = await entries.first().innerText();
    expect(first).toMatch(/\b\d{3} \d{3} \d{4}\b/);
    expect(first).toMatch(/Team|Service|Intervention/);
    await expect.poll(() => p.locator('main h1').innerText()).toBe('Caseload');
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('shows more of the caseload on request', async () => {
    const p = await openPage();
    await p.goto(url('/ehr/'));
    const entries = p.locator('#caseload a[data-patient-id]');
    await expect.poll(() => entries.count()).toBe(50);
    await p.getByRole('button', { name: 'Show more patients' }).click();
    await expect.poll(() => entries.count()).toBe(60 + Object.keys(PERSONAS).length);
    expect(await p.getByRole('button', { name: 'Show more patients' }).isVisible()).toBe(false);
  });

  it('finds a patient by NHS number typed with spaces', async () => {
    const p = await openPage();
    await p.goto(url('/ehr/'));
    await p.getByRole('searchbox', { name: 'Search caseload by name or NHS number' }).fill('999 001 1117');
    const entries = p.locator('#caseload a[data-patient-id]');
    await expect.poll(() => entries.evaluateAll((links) => links.map((link) => link.getAttribute('data-patient-id')))).toEqual([Amira.patientId]);
  });

  it('moves to a patient without loading a new page and shows who they are in the banner', async () => {
    const p = await openPage();
    await p.goto(url('/ehr/'));
    await markWindow(p);
    await openFromCaseload(p, 'Khan', Amira.patientId);

    await expect.poll(() => new URL(p.url()).pathname).toBe(`/ehr/patients/${Amira.patientId}`);
    await expect.poll(() => banner(p).nhsNumber.innerText()).toBe('999 001 1117');
    expect(await banner(p).name.innerText()).toBe('KHAN, Amira');
    // Amira is 47 with her birthday 75 days past on the sandbox's "today" (personas.ts).
    expect(await banner(p).birthDate.innerText()).toBe('27-Dec-1978');
    expect(await p.locator('#patient-banner [data-field="address"]').innerText()).toBe('11 Elm Road, Sandbury, SB1 4XY');
    expect(await windowMarker(p)).toBe('same document');
    expect(await p.locator(`#caseload a[data-patient-id="${Amira.patientId}"]`).getAttribute('aria-current')).toBe('page');
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('replaces the banner when the patient changes, and the back button returns to the first patient', async () => {
    const p = await openPage();
    await p.goto(url(`/ehr/patients/${Amira.patientId}`));
    await expect.poll(() => banner(p).nhsNumber.innerText()).toBe('999 001 1117');
    await markWindow(p);
    const amiraBanner = await p.$('#patient-banner');

    await openFromCaseload(p, 'Taylor', Grace.patientId);
    await expect.poll(() => banner(p).nhsNumber.innerText()).toBe('999 013 3328');
    expect(await banner(p).name.innerText()).toBe('TAYLOR, Grace');
    expect(await amiraBanner?.evaluate((element) => element.isConnected)).toBe(false);
    expect(await p.locator('#patient-banner').count()).toBe(1);

    await p.goBack();
    await expect.poll(() => new URL(p.url()).pathname).toBe(`/ehr/patients/${Amira.patientId}`);
    await expect.poll(() => banner(p).nhsNumber.innerText()).toBe('999 001 1117');
    expect(await banner(p).name.innerText()).toBe('KHAN, Amira');

    await p.goForward();
    await expect.poll(() => banner(p).nhsNumber.innerText()).toBe('999 013 3328');
    expect(await windowMarker(p)).toBe('same document');
  });

  it('never draws a slow answer about the previous patient on the next patient’s page', async () => {
    const p = await openPage();
    await p.goto(url('/ehr/'));
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const isAmiraRead = (u: URL): boolean => u.pathname === '/fhir/Patient' && u.searchParams.get('_id') === Amira.patientId;
    await p.route(isAmiraRead, async (route) => {
      await held;
      await route.continue().catch(() => undefined);
    });
    const amiraSettled = Promise.race([
      p.waitForEvent('requestfinished', (request) => isAmiraRead(new URL(request.url()))),
      p.waitForEvent('requestfailed', (request) => isAmiraRead(new URL(request.url()))),
    ]);

    await openFromCaseload(p, 'Khan', Amira.patientId);
    await expect.poll(() => p.locator('#patient-banner').getAttribute('aria-busy')).toBe('true');
    await openFromCaseload(p, 'Taylor', Grace.patientId);
    await expect.poll(() => banner(p).nhsNumber.innerText()).toBe('999 013 3328');

    release();
    await amiraSettled;
    await p.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    expect(await banner(p).nhsNumber.innerText()).toBe('999 013 3328');
    expect(await banner(p).name.innerText()).toBe('TAYLOR, Grace');
    expect(await p.title()).toBe('Grace Taylor — CareRecord');
    expect(new URL(p.url()).pathname).toBe(`/ehr/patients/${Grace.patientId}`);
  });

  it('switches tabs by address, without a page load, and lists the contacts as recorded', async () => {
    const p = await openPage();
    await p.goto(url(`/ehr/patients/${Grace.patientId}`));
    await expect.poll(() => banner(p).nhsNumber.innerText()).toBe('999 013 3328');
    await markWindow(p);
    const bannerBefore = await p.$('#patient-banner');
    const tabs = p.getByRole('navigation', { name: 'Record sections' });
    expect(await tabs.getByRole('link', { name: 'Summary' }).getAttribute('aria-current')).toBe('page');

    await tabs.getByRole('link', { name: 'Contacts' }).click();
    await expect.poll(() => new URL(p.url()).pathname).toBe(`/ehr/patients/${Grace.patientId}/contacts`);
    const rows = p.locator('#tab-panel tr[data-related-person]');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-related-person')))).toEqual([...Grace.relatedPersonIds]);
    expect(await rows.first().innerText()).toContain('James Taylor');
    expect(await rows.first().innerText()).toContain('Son');
    expect(await rows.nth(1).innerText()).toContain('Linda Hall');
    expect(await rows.nth(1).innerText()).toContain('Neighbour');
    expect(await tabs.getByRole('link', { name: 'Contacts' }).getAttribute('aria-current')).toBe('page');

    await tabs.getByRole('link', { name: 'Care plan' }).click();
    await expect.poll(() => p.locator('#tab-panel h2').first().innerText()).toMatch(/care plan/i);
    await tabs.getByRole('link', { name: 'Assessment' }).click();
    await expect.poll(() => p.locator('#tab-panel h2').first().innerText()).toBe('Core assessment');
    expect(new URL(p.url()).pathname).toBe(`/ehr/patients/${Grace.patientId}/assessment`);

    // Same patient: the banner stays the very same element while tabs change.
    expect(await bannerBefore?.evaluate((element) => element.isConnected)).toBe(true);
    expect(await windowMarker(p)).toBe('same document');
  });

  it('opens a tab directly from its address', async () => {
    const p = await openPage();
    await p.goto(url(`/ehr/patients/${Amira.patientId}/contacts`));
    const rows = p.locator('#tab-panel tr[data-related-person]');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain('Sara Khan');
  });

  it('shows a name containing HTML as the characters it is, injecting no element and opening no dialog', async () => {
    const p = await openPage();
    await p.goto(url('/ehr/'));
    await openFromCaseload(p, 'Testcase', MarkupName.patientId);
    await expect.poll(() => banner(p).nhsNumber.innerText()).toBe('999 015 5542');
    expect(await banner(p).name.textContent()).toBe('TESTCASE, <img src=x onerror=alert(1)>');
    expect(await p.locator(`#caseload a[data-patient-id="${MarkupName.patientId}"] .caseload__name`).textContent()).toBe(
      'TESTCASE, <img src=x onerror=alert(1)>',
    );

    await p.getByRole('navigation', { name: 'Record sections' }).getByRole('link', { name: 'Contacts' }).click();
    const carer = p.locator(`#tab-panel tr[data-related-person="${MarkupName.relatedPersonIds[0]}"]`);
    await expect.poll(() => carer.locator('td').first().textContent()).toBe('Robin <script>alert("carer")</script>');

    expect(await p.locator('img').count()).toBe(0);
    expect(await p.locator('body script').count()).toBe(0);
    expect(await banner(p).name.locator('*').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('says plainly that a patient cannot be found', async () => {
    const p = await openPage();
    await p.goto(url('/ehr/patients/no-such-patient'));
    const alert = p.getByRole('alert');
    await expect.poll(() => alert.innerText()).toContain('No record was found');
    expect(await p.locator('#patient-banner').count()).toBe(0);
  });

  it('says plainly when the record server cannot be reached', async () => {
    const p = await openPage();
    await p.route('**/fhir/**', (route) => route.abort('connectionrefused'));
    await p.goto(url(`/ehr/patients/${Amira.patientId}`));
    const main = p.locator('main [role="alert"]');
    await expect.poll(() => main.innerText()).toContain('The clinical record server cannot be reached');
    expect(await p.locator('#caseload [role="alert"]').innerText()).toContain('Caseload unavailable');
    expect(await p.locator('#patient-banner').count()).toBe(0);

    // Back up: "Try again" loads the record without reloading the page.
    await p.unroute('**/fhir/**');
    await main.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => banner(p).nhsNumber.innerText()).toBe('999 001 1117');
  });

  it('looks like a record system (screenshot for the docs)', async () => {
    const p = await openPage();
    await p.goto(url(`/ehr/patients/${Grace.patientId}`));
    await expect.poll(() => banner(p).nhsNumber.innerText()).toBe('999 013 3328');
    await expect.poll(() => p.locator('#caseload a[data-patient-id]').count()).toBe(50);
    await expect.poll(() => p.locator('#tab-panel .card').count()).toBeGreaterThan(2);
    await p.screenshot({ path: SCREENSHOT });
  });
});
