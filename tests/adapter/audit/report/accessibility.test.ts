/**
 * report.html for people who use a keyboard, a 1280-pixel screen or a printer (issue 13 item 6):
 * axe-core finds nothing in real Chromium, the two wide tables can be reached and scrolled from the
 * keyboard (and the prompt outcomes' table, issue 10), no column is clipped at 1280 px, and printing gives A4 pages.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullEvent } from '../../../../adapter/audit/pull/events';
import { toHtml } from '../../../../adapter/audit/report/html';
import { runAudit } from '../../../../adapter/audit/run';
import { DEFAULT_POLICY } from '../../../../shared/policy';
import { generateCaseload } from '../../../../sandbox/generate/caseload';

const NOW = new Date('2026-11-23T12:00:00Z');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

async function* sandboxPull(patients: number): AsyncGenerator<PullEvent> {
  for (const resource of generateCaseload({ patients, seed: 7, now: NOW })) yield { type: 'resource', resource };
  yield { type: 'complete', complete: true };
}

interface AxeResult {
  violations: { id: string; nodes: { target: unknown }[] }[];
}

describe('report.html: keyboard, screen width and print', { timeout: 90_000 }, () => {
  let browser: Browser;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    dir = await mkdtemp(join(tmpdir(), 'audit-report-a11y-'));
    const { coverage } = await runAudit({ events: sandboxPull(1500), policy: DEFAULT_POLICY, now: NOW });
    file = join(dir, 'report.html');
    await writeFile(file, toHtml(coverage), 'utf8');
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** The report at a 1280 × 800 window, nothing but the file itself loaded. */
  async function open(javaScript: boolean): Promise<{ page: Page; close: () => Promise<void> }> {
    // axe is injected as a script, which the report's own policy forbids: the test (only) bypasses it.
    const context = await browser.newContext({ javaScriptEnabled: javaScript, bypassCSP: javaScript, viewport: { width: 1280, height: 800 } });
    await context.route('**/*', (route) => (route.request().url() === pathToFileURL(file).href ? route.continue() : route.abort()));
    const page = await context.newPage();
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return { page, close: () => context.close() };
  }

  it('has no axe-core violations', async () => {
    const { page, close } = await open(true);
    try {
      await page.addScriptTag({ content: await readFile(AXE_SOURCE, 'utf8') });
      const result = await page.evaluate(() => (globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<AxeResult> } }).axe.run(document, { resultTypes: ['violations'] }));
      expect(result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`)).toEqual([]);
    } finally {
      await close();
    }
  });

  it('lets a keyboard reach each wide table and scroll it, each named as a region', async () => {
    const { page, close } = await open(false);
    try {
      const regions = page.locator('div.scroll');
      // Every team and every month, every measure; and the prompt outcomes by prompt and team.
      expect(await regions.count()).toBe(3);
      for (let i = 0; i < 3; i += 1) {
        const region = regions.nth(i);
        await expect(region.getAttribute('tabindex')).resolves.toBe('0');
        await expect(region.getAttribute('role')).resolves.toBe('region');
        await expect(region.getAttribute('aria-label')).resolves.toMatch(/measure|Prompt outcomes by prompt and team/);
      }
      // Tab from the top of the page lands on the first table's region.
      let focused = '';
      for (let presses = 0; presses < 40 && focused !== 'scroll'; presses += 1) {
        await page.keyboard.press('Tab');
        focused = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.className ?? '');
      }
      expect(focused).toBe('scroll');
    } finally {
      await close();
    }
  });

  it('fits every column of every wide table in a 1280-pixel window: nothing clipped', async () => {
    const { page, close } = await open(false);
    try {
      const overflow = await page.locator('div.scroll').evaluateAll((els) => els.map((el) => el.scrollWidth - el.clientWidth));
      expect(overflow).toEqual([0, 0, 0]);
    } finally {
      await close();
    }
  });

  it('prints on A4 (595 × 842 pt) when the browser follows the page’s own page size', async () => {
    const { page, close } = await open(false);
    try {
      await page.emulateMedia({ media: 'print' });
      const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1');
      const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
      expect(boxes.length).toBeGreaterThan(0);
      for (const box of boxes) expect(box).toEqual([595, 842]);
    } finally {
      await close();
    }
  });
});
