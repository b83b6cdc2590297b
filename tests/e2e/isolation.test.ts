import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Frame, type Page, type Worker } from 'playwright-core';
import { PANEL_PORT_NAME, type PanelToBackground } from '../../extension/protocol/messages';
import { PERSONAS } from '../../sandbox/personas';
import { startSandbox, type RequestHandler, type Sandbox } from '../../sandbox/server';
import { CHROMIUM, chromiumArgs, configureFhirBase, type ExtensionBrowser } from './browser';
import { EXTENSION_DIR } from './extensionBuild';
import { openPatient, searchFhir, submitForm, type E2E } from './harness';

/**
 * Forged messages from everything around the extension (the EHR page, a frame of another origin
 * in it, another installed extension, a script inside the panel) must cause zero writes on the
 * FHIR server. Every write request the sandbox receives is counted on the wire.
 */

const george = PERSONAS.georgeWilson;
const patient = `Patient/${george.patientId}` as const;

const FORGED_PAGE = { load: '0123456789abcdef', seq: 1 };
/** Well-formed writes, exactly as the panel would send them over its port. */
const forgedRuns: PanelToBackground[] = [
  { type: 'action/run', requestId: 'forged-request-0001', patient, page: FORGED_PAGE, action: { kind: 'record-no-carers' } },
  { type: 'action/run', requestId: 'forged-request-0002', patient, page: FORGED_PAGE, action: { kind: 'add-carer', name: 'Mallory Forger' } },
];
const forgedAll: unknown[] = [{ type: 'panel/hello' }, ...forgedRuns, { type: 'page/profiles' }];

const writes: string[] = [];
const isWrite = (req: IncomingMessage) => req.method !== 'GET' && req.method !== 'HEAD' && /^\/fhir(?:[/?]|$)/.test(req.url ?? '');
const writeCounter: RequestHandler = async (req) => {
  if (isWrite(req)) writes.push(`${req.method ?? ''} ${(req.url ?? '').split('?')[0] ?? ''}`);
  return false;
};

/** A second, unrelated extension in the same browser: a service worker and nothing else. */
function writeForgerExtension(): string {
  const dir = mkdtempSync(join(tmpdir(), 'carer-prompts-forger-'));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ manifest_version: 3, name: 'Forger', version: '1.0', background: { service_worker: 'forger.js' } }));
  writeFileSync(join(dir, 'forger.js'), 'self.addEventListener("install", () => self.skipWaiting());\n');
  return dir;
}

/** A page on another origin (another port), to be framed inside the EHR page. */
async function startOtherOrigin(): Promise<{ server: Server; origin: string }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>Another origin</title><p>advert</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Lets anything forged run its course, then says how many writes reached the server. */
async function writesAfterSettling(page: Page): Promise<string[]> {
  await page.waitForTimeout(1500);
  return [...writes];
}

let sandbox: Sandbox;
let context: BrowserContext;
let forger: Worker;
let ours: ExtensionBrowser;
let other: { server: Server; origin: string };
const temporary: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, patients: 5, handlers: [writeCounter] });
  other = await startOtherOrigin();
  const forgerDir = writeForgerExtension();
  const profile = mkdtempSync(join(tmpdir(), 'carer-prompts-e2e-'));
  temporary.push(forgerDir, profile);
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: chromiumArgs(`${EXTENSION_DIR},${forgerDir}`),
    viewport: { width: 1400, height: 900 },
  });
  const workerEndingWith = async (file: string): Promise<Worker> => {
    const found = context.serviceWorkers().find((w) => w.url().endsWith(`/${file}`));
    return found ?? context.waitForEvent('serviceworker', { predicate: (w) => w.url().endsWith(`/${file}`), timeout: 15_000 });
  };
  const background = await workerEndingWith('background.js');
  forger = await workerEndingWith('forger.js');
  ours = {
    context,
    extensionId: new URL(background.url()).host,
    worker: () => workerEndingWith('background.js'),
    close: () => context.close(),
  };
  await configureFhirBase(ours, sandbox.fhirBase);
});

afterAll(async () => {
  await context?.close();
  await sandbox?.close();
  await new Promise((resolve) => other?.server.close(resolve));
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

const env = (): E2E => ({ sandbox, browser: ours });

/** George's record with the panel showing (nothing written yet). */
async function georgeOnScreen(): Promise<Page> {
  const page = await context.newPage();
  await openPatient(env(), page, george.patientId);
  await panelFrame(page).locator('[data-prompt-code="identify-carers"]').waitFor();
  return page;
}

function panelFrame(page: Page): Frame {
  const frame = page.frames().find((f) => f.url().startsWith('chrome-extension://') && new URL(f.url()).pathname === '/panel.html');
  if (!frame) throw new Error('no panel frame on the page');
  return frame;
}

/**
 * The page's DOM as lines: each element's path, its attributes (but the panel frame's changing
 * style and src) and its own text. Runs in the page.
 */
function domOutline(): string[] {
  const lines: string[] = [];
  const walk = (element: Element, path: string): void => {
    const isHost = element.hasAttribute('data-carer-prompts-host');
    const name = isHost ? `${element.localName}[data-carer-prompts-host]` : element.localName;
    const here = path ? `${path} > ${name}` : name;
    const inPanel = isHost || path.includes('[data-carer-prompts-host]');
    const attributes = Array.from(element.attributes)
      .filter((a) => !(inPanel && (a.name === 'style' || a.name === 'src')))
      .map((a) => `${a.name}="${a.value}"`)
      .join(' ');
    const text = Array.from(element.childNodes)
      .filter((n) => n.nodeType === Node.TEXT_NODE)
      .map((n) => n.textContent?.trim() ?? '')
      .join('');
    lines.push(`${here}[${attributes}] ${text}`);
    for (const child of Array.from(element.children)) walk(child, here);
  };
  walk(document.documentElement, '');
  return lines;
}

describe('forged messages cause no writes', () => {
  it('ignores the EHR page’s own scripts: window messages and DOM events, to the page and to the panel frame', async () => {
    const page = await georgeOnScreen();
    const attempts = await page.evaluate(
      ({ messages, extensionId }) => {
        const outcomes: string[] = [];
        const iframe = document.querySelector<HTMLIFrameElement>('[data-carer-prompts-host] iframe');
        for (const message of messages) {
          window.postMessage(message, '*');
          iframe?.contentWindow?.postMessage(message, '*');
          document.dispatchEvent(new CustomEvent('carer-prompts', { detail: message }));
          window.dispatchEvent(new MessageEvent('message', { data: message, origin: `chrome-extension://${extensionId}` }));
          // Pages get chrome.runtime only for extensions that list them in externally_connectable.
          const runtime = (globalThis as { chrome?: { runtime?: { sendMessage?: (id: string, m: unknown) => unknown } } }).chrome?.runtime;
          outcomes.push(typeof runtime?.sendMessage === 'function' ? 'runtime reachable' : 'no runtime');
        }
        return outcomes;
      },
      { messages: forgedAll, extensionId: ours.extensionId },
    );
    expect(new Set(attempts)).toEqual(new Set(['no runtime']));
    expect(await writesAfterSettling(page)).toEqual([]);
    await page.close();
  });

  it('ignores a frame of another origin inside the EHR page', async () => {
    const page = await georgeOnScreen();
    await page.evaluate((src) => {
      const frame = document.createElement('iframe');
      frame.src = src;
      frame.id = 'advert';
      document.body.append(frame);
    }, `${other.origin}/advert`);
    const advert = await (await page.locator('#advert').elementHandle())?.contentFrame();
    if (!advert) throw new Error('the other-origin frame did not load');
    await advert.waitForLoadState();
    expect(new URL(advert.url()).origin).toBe(other.origin);
    await advert.evaluate((messages) => {
      for (const message of messages) {
        window.parent.postMessage(message, '*');
        for (let i = 0; i < window.parent.frames.length; i += 1) window.parent.frames[i]?.postMessage(message, '*');
      }
    }, forgedAll);
    expect(await writesAfterSettling(page)).toEqual([]);
    await page.close();
  });

  it('ignores another extension installed beside it, by message or by a port named like the panel’s', async () => {
    const page = await georgeOnScreen();
    const answers = await forger.evaluate(
      async ({ id, messages, portName }) => {
        type Runtime = {
          sendMessage(id: string, message: unknown): Promise<unknown>;
          connect(id: string, info: { name: string }): { postMessage(m: unknown): void; onDisconnect: { addListener(f: () => void): void } };
        };
        const runtime = (globalThis as unknown as { chrome: { runtime: Runtime } }).chrome.runtime;
        const outcomes: string[] = [];
        for (const message of messages) {
          outcomes.push(await runtime.sendMessage(id, message).then(() => 'answered', () => 'refused'));
        }
        const port = runtime.connect(id, { name: portName });
        const closed = new Promise<string>((resolve) => port.onDisconnect.addListener(() => resolve('port closed')));
        try {
          for (const message of messages) port.postMessage(message);
        } catch {
          // The port may already be closed.
        }
        outcomes.push(await Promise.race([closed, new Promise<string>((resolve) => setTimeout(() => resolve('port open'), 2000))]));
        return outcomes;
      },
      { id: ours.extensionId, messages: forgedAll, portName: PANEL_PORT_NAME },
    );
    expect(answers).toEqual([...forgedAll.map(() => 'refused'), 'port closed']);
    expect(await writesAfterSettling(page)).toEqual([]);
    await page.close();
  });
});

describe('the content script keeps to its frame', () => {
  it('adds nothing to the EHR page but the panel’s frame, even with the panel open', async () => {
    const url = `${sandbox.origin}/ehr/patients/${george.patientId}`;
    // The same page in a Chromium without the extension: what the EHR itself renders.
    const plain = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const control = await plain.newPage({ viewport: { width: 1400, height: 900 } });
      await control.goto(url);
      await control.waitForLoadState('networkidle');
      await control.waitForTimeout(1000);
      const expected = await control.evaluate(domOutline);

      const page = await georgeOnScreen();
      await page.frameLocator('[data-carer-prompts-host] iframe').locator('.patient__name').waitFor();
      const withPanel = await page.evaluate(domOutline);
      // The additions: a host element in <body> holding only the iframe, and while the panel is docked
      // open, a right margin on <html> so the record is not hidden under it.
      expect(withPanel.filter((line) => !expected.includes(line))).toEqual([
        expect.stringMatching(/^html\[.*style="margin-right: 380px;"\] $/),
        'html > body > div[data-carer-prompts-host][data-carer-prompts-host=""] ',
        'html > body > div[data-carer-prompts-host] > iframe[title="Carer Prompts" aria-label="Carer Prompts panel"] ',
      ]);
      // Nothing of the page's own is removed or changed (its <html> line differs only by that margin).
      expect(expected.filter((line) => !withPanel.includes(line))).toEqual([expect.stringMatching(/^html\[(?!.*style=)/)]);
      await page.close();
    } finally {
      await plain.close();
    }
  });

  it('posts nothing to the page’s window: the content script talks only to its own extension', async () => {
    const page = await context.newPage();
    await page.addInitScript(() => {
      const seen: unknown[] = [];
      (window as unknown as { seenMessages: unknown[] }).seenMessages = seen;
      window.addEventListener('message', (event) => seen.push(event.data));
    });
    await openPatient(env(), page, george.patientId);
    expect(await page.evaluate(() => (window as unknown as { seenMessages: unknown[] }).seenMessages)).toEqual([]);
    await page.close();
  });
});

describe('the panel runs under the extension’s strict CSP in Chromium', () => {
  it('refuses eval, and refuses to frame or load anything from another origin', async () => {
    const page = await georgeOnScreen();
    const outcome = await panelFrame(page).evaluate(async (elsewhere) => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (event) => violations.push(event.effectiveDirective));
      // In a task of its own: code evaluated by DevTools itself is exempt from the CSP, its callbacks are not.
      const evaluated = await new Promise<string>((resolve) =>
        setTimeout(() => {
          try {
            // The point of the test: the CSP must refuse to compile this.
            // eslint-disable-next-line no-new-func -- proves the extension pages refuse the Function constructor
            new Function('return 1')();
            resolve('ran');
          } catch {
            resolve('refused');
          }
        }, 0),
      );
      const frame = document.createElement('iframe');
      frame.src = `${elsewhere}/framed`;
      const image = document.createElement('img');
      image.src = `${elsewhere}/pixel.png`;
      document.body.append(frame, image);
      // Waits for the three directives themselves, not for three reports: one directive can be reported
      // more than once (CI saw script-src twice and returned before frame-src arrived). The guard only
      // keeps a missing directive from hanging the test; the wait ends on the state.
      const expected = ['frame-src', 'img-src', 'script-src'];
      const guard = Date.now() + 20_000;
      while (!expected.every((d) => violations.includes(d)) && Date.now() < guard) await new Promise((resolve) => setTimeout(resolve, 50));
      frame.remove();
      image.remove();
      return { evaluated, violations: [...new Set(violations)].sort() };
    }, other.origin);
    expect(outcome).toEqual({ evaluated: 'refused', violations: ['frame-src', 'img-src', 'script-src'] });
    await page.close();
  });
});

describe('writes act only on the clinician’s own input', () => {
  it('writes nothing for a script’s click(), requestSubmit() or forged events in the panel, then saves on a real click', async () => {
    const page = await georgeOnScreen();
    const panel = page.frameLocator('[data-carer-prompts-host] iframe');
    await panel.locator('[data-prompt-code="identify-carers"] [data-action="record-no-carers"]').click();
    const form = panel.locator('form.form');
    await form.waitFor();

    const tried = await panelFrame(page).evaluate(() => {
      const shown = document.querySelector<HTMLFormElement>('form.form');
      const submit = shown?.querySelector<HTMLButtonElement>('button[type="submit"]');
      if (!shown || !submit) return 'no form';
      submit.click();
      shown.requestSubmit();
      shown.requestSubmit(submit);
      submit.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
      shown.dispatchEvent(new SubmitEvent('submit', { bubbles: true, cancelable: true, submitter: submit }));
      return 'tried';
    });
    expect(tried).toBe('tried');
    expect(await writesAfterSettling(page)).toEqual([]);
    expect(await form.getByRole('button', { name: 'Record the answer', exact: true }).isEnabled()).toBe(true);
    expect(await searchFhir(env(), `List?subject=${patient}`)).toEqual([]);

    // The clinician's own click (real input through the browser) still saves, once.
    await submitForm(form, 'Record the answer');
    await form.waitFor({ state: 'detached', timeout: 20_000 });
    await panel.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect(writes.length).toBeGreaterThan(0);
    expect(await searchFhir(env(), `List?subject=${patient}`)).toHaveLength(1);
    await page.close();
  });
});
