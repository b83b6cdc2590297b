import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  /** The extension's service worker (it may be stopped and restarted: call again after a stop). */
  worker(): Promise<Worker>;
  close(): Promise<void>;
}

/** Chromium flags for a quiet, deterministic headless run with only our extension loaded. */
export function chromiumArgs(extensionDir: string): string[] {
  return [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
  ];
}

/** Real Chromium (Debian's), new headless mode, a fresh profile, the built extension loaded. */
export async function launchWithExtension(extensionDir: string, options: { headless?: boolean; extraArgs?: string[] } = {}): Promise<ExtensionBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'carer-prompts-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: options.headless ?? true,
    args: [...chromiumArgs(extensionDir), ...(options.extraArgs ?? [])],
    viewport: { width: 1400, height: 900 },
  });
  const worker = async (): Promise<Worker> => {
    const running = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
    if (running) return running;
    return context.waitForEvent('serviceworker', { timeout: 15_000 });
  };
  const first = await worker();
  const extensionId = new URL(first.url()).host;
  return {
    context,
    extensionId,
    worker,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The extension's stored options, as the options page writes them (storage.local `options`). */
export interface StoredOptions {
  fhirBaseUrl: string;
  authMode: 'open' | 'smart';
  /** SMART mode: the client id registered with the authorization server. */
  clientId?: string;
  profiles: unknown[];
  ehrOrigins: string[];
  policyOverrides: Record<string, unknown>;
}

interface ChromeInWorker {
  chrome: { storage: { local: { set(items: Record<string, unknown>): Promise<void> } } };
}

/** Writes the extension's options from inside its service worker, as the options page would. */
export async function setStoredOptions(browser: ExtensionBrowser, options: StoredOptions): Promise<void> {
  const worker = await browser.worker();
  await worker.evaluate(async (value) => {
    await (globalThis as unknown as ChromeInWorker).chrome.storage.local.set({ options: value });
  }, options);
}

/** Points the extension at a FHIR server. */
export async function configureFhirBase(browser: ExtensionBrowser, fhirBaseUrl: string): Promise<void> {
  await setStoredOptions(browser, { fhirBaseUrl, authMode: 'open', profiles: [], ehrOrigins: [], policyOverrides: {} });
}
