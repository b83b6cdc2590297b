/**
 * No patient data at rest and none in logs: a clinician opens several patients and records
 * decisions through the panel; afterwards the whole Chromium profile on disk (every file, binary
 * too) holds no patient or carer name and no NHS number, and no console — page, panel frame,
 * service worker, sandbox — printed one.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ConsoleMessage, FrameLocator, Page } from 'playwright-core';
import { PERSONAS, type Persona } from '../../sandbox/personas';
import type { RequestHandler } from '../../sandbox/server';
import { fillDate, openPatient, searchFhir, submitForm, type E2E, useExtensionAgainstSandbox } from './harness';

interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

interface HumanName {
  given?: string[];
  family?: string;
}

/** Every FHIR request the sandbox receives, with its headers (the recorder never answers). */
const seen: SeenRequest[] = [];
const recordRequests: RequestHandler = async (req) => {
  if (/^\/fhir(?:[/?]|$)/.test(req.url ?? '')) seen.push({ method: req.method ?? 'GET', url: req.url ?? '', headers: req.headers });
  return false;
};

/** A carer typed into a form and saved, and one left as an unsent draft: both are patient data. */
const ADDED_CARER = { given: ['Nadia'], family: 'Quillfeather' };
const DRAFT_CARER = { given: ['Ottoline'], family: 'Marchbanks' };

const CANARY = 'Zephyrine-Canary-4417';

/** Every file under a folder (LevelDB, IndexedDB, Cache, Local Storage … included). */
function filesUnder(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...filesUnder(path));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}

/** Which terms occur in a file, as UTF-8 or as UTF-16LE (Chromium stores some strings that way). */
function termsIn(bytes: Buffer, terms: readonly string[]): string[] {
  return terms.filter((term) => bytes.includes(Buffer.from(term, 'utf8')) || bytes.includes(Buffer.from(term, 'utf16le')));
}

/**
 * A person's name as it might be stored: "Given Family" and "Family, Given". Single common words
 * ("Price", "Mark") would match the browser's own files and prove nothing; the carers this test
 * types in have names found nowhere else, so for them each part is searched on its own too.
 */
const fullNameTerms = (name: HumanName): string[] => {
  const given = name.given?.join(' ') ?? '';
  const family = name.family ?? '';
  return [`${given} ${family}`.trim(), `${family}, ${given}`].filter((t) => t.length >= 5 && !t.startsWith(','));
};
const distinctiveNameTerms = (name: HumanName): string[] => [...fullNameTerms(name), ...(name.given ?? []), name.family ?? ''];

/**
 * Chromium's own record of the pages visited: history and the tabs to restore, which keep each
 * page's title. The record system (like a real one) titles its page with the patient's name; that
 * is the browser's and the trust's browser policy's concern, not the extension's, so there the
 * test allows the patient's name as a page title and nothing else (no carer, no NHS number).
 */
const BROWSER_PAGE_HISTORY = /^Default\/(History(-journal)?|Sessions\/|Current (Session|Tabs)|Last (Session|Tabs)|Top Sites|Favicons|Visited Links)/;

const nhsTerms = (nhs: string): string[] => [nhs, `${nhs.slice(0, 3)} ${nhs.slice(3, 6)} ${nhs.slice(6)}`];

/** The profile folder of the running browser, as Chromium reports it. */
async function profileDir(page: Page): Promise<string> {
  await page.goto('chrome://version');
  const path = (await page.locator('#profile_path').innerText()).trim();
  // "<user-data-dir>/Default": search the whole user-data-dir, not only the profile.
  return join(path, '..');
}

describe('no patient data at rest or in any console', () => {
  const env = useExtensionAgainstSandbox({ handlers: [recordRequests] });
  const consoleLines: string[] = [];
  const sandboxLog = vi.fn<(...args: unknown[]) => void>();

  beforeAll(() => {
    const { context } = env().browser;
    const keep = (where: string) => (message: ConsoleMessage) => consoleLines.push(`${where}: ${message.text()}`);
    // Pages and every frame in them (the panel is an extension frame inside the record page).
    context.on('console', keep('page'));
    context.on('weberror', (error) => consoleLines.push(`page error: ${String(error.error())}`));
    for (const worker of context.serviceWorkers()) worker.on('console', keep('service worker'));
    context.on('serviceworker', (worker) => worker.on('console', keep('service worker')));
    // The sandbox runs in this process: keep what it prints (and still print it).
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      const original = console[method].bind(console);
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        sandboxLog(...args);
        original(...args);
      });
    }
  });
  afterAll(() => {
    vi.restoreAllMocks();
  });

  const open = async (e: E2E, persona: Persona): Promise<{ page: Page; panel: FrameLocator }> => {
    const page = await e.browser.context.newPage();
    return { page, panel: await openPatient(e, page, persona.patientId) };
  };

  it('leaves no name or NHS number anywhere in the profile after a session of recorded decisions', async () => {
    const { amiraKhan, georgeWilson, oliviaNowak, fatimaBegum, helenPrice } = PERSONAS;
    const used = [amiraKhan, georgeWilson, oliviaNowak, fatimaBegum, helenPrice];

    const amira = await open(env(), amiraKhan);
    await amira.panel.locator('[data-prompt-code="record-consent"] [data-action="record-consent"]').first().click();
    const consent = amira.panel.locator('form.form');
    await consent.getByLabel('Agrees to share', { exact: true }).check();
    await fillDate(consent, 'reviewDue', '2027-06-30');
    await submitForm(consent, 'Record decision');
    await consent.waitFor({ state: 'detached', timeout: 20_000 });

    const george = await open(env(), georgeWilson);
    await george.panel.locator('[data-prompt-code="identify-carers"] [data-action="record-no-carers"]').first().click();
    const noCarers = george.panel.locator('form.form');
    await submitForm(noCarers, 'Record the answer');
    await noCarers.waitFor({ state: 'detached', timeout: 20_000 });

    const olivia = await open(env(), oliviaNowak);
    await olivia.panel.locator('[data-prompt-code="confirm-carer-status"] [data-action="mark-not-carer"]').first().click();
    const notCarer = olivia.panel.locator('form.form');
    await submitForm(notCarer, 'Not a carer');
    await notCarer.waitFor({ state: 'detached', timeout: 20_000 });

    const fatima = await open(env(), fatimaBegum);
    await fatima.panel.locator('[data-action="add-carer"]').first().click();
    const add = fatima.panel.getByRole('form', { name: 'Add a carer' });
    await add.getByLabel('Name').fill(`${ADDED_CARER.given.join(' ')} ${ADDED_CARER.family}`);
    await add.getByLabel('Relationship to the patient').selectOption('SIS');
    await submitForm(add, 'Add carer');
    await add.waitFor({ state: 'detached', timeout: 20_000 });

    // A draft typed and never sent (kept in session storage, which must stay in memory).
    const helen = await open(env(), helenPrice);
    await helen.panel.locator('[data-action="add-carer"]').first().click();
    const draft = helen.panel.getByRole('form', { name: 'Add a carer' });
    await draft.getByLabel('Name').fill(`${DRAFT_CARER.given.join(' ')} ${DRAFT_CARER.family}`);

    // The decisions reached the server (so the session did handle patient data).
    expect(await searchFhir(env(), `Consent?patient=Patient/${amiraKhan.patientId}`)).toHaveLength(1);
    expect(await searchFhir(env(), `List?subject=Patient/${georgeWilson.patientId}`)).toHaveLength(1);

    const patientNames = new Set<string>();
    const otherTerms = new Set<string>([...distinctiveNameTerms(ADDED_CARER), ...distinctiveNameTerms(DRAFT_CARER)]);
    for (const persona of used) {
      for (const t of fullNameTerms({ given: [persona.given], family: persona.family })) patientNames.add(t);
      for (const t of nhsTerms(persona.nhsNumber)) otherTerms.add(t);
      for (const carer of await searchFhir<{ name?: HumanName[] }>(env(), `RelatedPerson?patient=Patient/${persona.patientId}`)) {
        for (const name of carer.name ?? []) for (const t of fullNameTerms(name)) if (!patientNames.has(t)) otherTerms.add(t);
      }
    }
    const terms = [...patientNames, ...otherTerms];

    // Canaries prove the searches can fail: a value the extension stores on disk, and a line its worker logs.
    const worker = await env().browser.worker();
    await worker.evaluate(async (value) => {
      const chromeApi = (globalThis as unknown as { chrome: { storage: { local: { set(items: Record<string, unknown>): Promise<void> } } } }).chrome;
      await chromeApi.storage.local.set({ privacyScanCanary: value });
      console.log(`canary ${value}`);
    }, CANARY);
    const panelFrame = helen.page.frames().find((f) => f.url().startsWith('chrome-extension://'));
    if (!panelFrame) throw new Error('no panel frame');
    await panelFrame.evaluate((value) => console.log(`panel canary ${value}`), CANARY);

    const dir = await profileDir(await env().browser.context.newPage());
    // Closing the browser flushes everything it meant to keep (LevelDB, SQLite, the HTTP cache).
    await env().browser.context.close();

    const hits: string[] = [];
    const pageTitleHits: string[] = [];
    const files = filesUnder(dir);
    for (const file of files) {
      if (statSync(file).size === 0) continue;
      const where = relative(dir, file);
      for (const term of termsIn(readFileSync(file), terms)) {
        if (BROWSER_PAGE_HISTORY.test(where) && patientNames.has(term)) pageTitleHits.push(`${where}: ${term}`);
        else hits.push(`${where}: ${term}`);
      }
    }
    expect(hits).toEqual([]);
    const canaryFiles = files.filter((f) => termsIn(readFileSync(f), [CANARY]).length > 0).map((f) => relative(dir, f));
    expect(canaryFiles.length).toBeGreaterThan(0);
    expect(canaryFiles.filter((f) => !f.startsWith('Default/Local Extension Settings/'))).toEqual([]);
    // Sanity check of the scan itself: it does find the patients' names where the browser keeps page titles.
    expect(pageTitleHits.length).toBeGreaterThan(0);

    const logged = [...consoleLines, ...sandboxLog.mock.calls.map((args) => args.map(String).join(' '))];
    expect(logged.filter((line) => terms.some((term) => line.includes(term)))).toEqual([]);
    expect(consoleLines).toContain(`service worker: canary ${CANARY}`);
    expect(consoleLines).toContain(`page: panel canary ${CANARY}`);
  });

  it('fetches FHIR with cache "no-store", and the server answers Cache-Control: no-store', async () => {
    // The extension's worker fetches with no initiating site; the record page's own fetches are same-origin.
    const fromExtension = seen.filter((r) => r.headers['sec-fetch-site'] === 'none');
    expect(fromExtension.some((r) => r.method === 'GET')).toBe(true);
    expect(fromExtension.some((r) => r.method === 'POST' || r.method === 'PUT')).toBe(true);
    for (const request of fromExtension) {
      // The Fetch standard adds these two headers to every request made with cache: 'no-store'.
      expect(request.headers['cache-control'], request.url).toBe('no-cache');
      expect(request.headers.pragma, request.url).toBe('no-cache');
    }
    const response = await fetch(`${env().sandbox.fhirBase}/Patient/${PERSONAS.amiraKhan.patientId}`);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});
