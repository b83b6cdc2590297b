/**
 * The HTML report in real headless Chromium, with JavaScript off and every network request refused:
 * it renders without a console error or a request, its charts are on screen, and it prints. Saves
 * a screenshot for a person to look at (docs/screenshots/audit-report.png only under `npm run screenshots`).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullEvent } from '../../../../adapter/audit/pull/events';
import { toHtml } from '../../../../adapter/audit/report/html';
import { runAudit } from '../../../../adapter/audit/run';
import { DEFAULT_POLICY } from '../../../../shared/policy';
import { generateCaseload } from '../../../../sandbox/generate/caseload';
import { screenshotPath } from '../../../support/screenshots';
import { coverageOf, smallCaseload } from './coverageFixture';

const NOW = new Date('2026-11-23T12:00:00Z');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const SCREENSHOT = screenshotPath('audit-report.png');

async function* sandboxPull(patients: number): AsyncGenerator<PullEvent> {
  for (const resource of generateCaseload({ patients, seed: 7, now: NOW })) yield { type: 'resource', resource };
  yield { type: 'complete', complete: true };
}

describe('report.html in headless Chromium', { timeout: 60_000 }, () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    dir = await mkdtemp(join(tmpdir(), 'audit-report-'));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function open(htmlText: string, name: string) {
    const file = join(dir, name);
    await writeFile(file, htmlText, 'utf8');
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1200, height: 2400 } });
    const problems: string[] = [];
    const requests: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url === pathToFileURL(file).href) return route.continue();
      requests.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return { context, page, problems, requests };
  }

  it('renders the sandbox caseload’s audit with visible charts, no console error and no network request', async () => {
    const { coverage } = await runAudit({ events: sandboxPull(1500), policy: DEFAULT_POLICY, now: NOW });
    const { context, page, problems, requests } = await open(toHtml(coverage), 'report.html');
    try {
      expect(problems).toEqual([]);
      expect(requests).toEqual([]);
      const charts = page.locator('svg.chart');
      expect(await charts.count()).toBe(4);
      for (let i = 0; i < 4; i += 1) {
        const box = await charts.nth(i).boundingBox();
        expect(box?.width).toBeGreaterThan(600);
        expect(box?.height).toBeGreaterThan(150);
      }
      const bars = await page.locator('svg.chart').first().locator('rect[fill]').count();
      expect(bars).toBe(coverage.byTeam.filter((t) => t.rates.carersIdentified.percent !== null).length);
      expect(await page.locator('svg.chart polyline').count()).toBeGreaterThanOrEqual(3);
      await expect(page.locator('h1').innerText()).resolves.toContain('carers identified');
      // Headline measures, team charts and the trend: what a service manager looks at first.
      const trend = await page.locator('section:has(#trend)').boundingBox();
      await page.screenshot({ path: SCREENSHOT, fullPage: true, clip: { x: 0, y: 0, width: 1200, height: Math.ceil((trend?.y ?? 2400) + (trend?.height ?? 0) + 16) } });
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await context.close();
    }
  });

  it('shows a hostile team name as text: no element injected, no request made', async () => {
    const { context, page, problems, requests } = await open(toHtml(coverageOf(smallCaseload(), { complete: false, reason: 'file 2 of 3 failed' })), 'hostile.html');
    try {
      expect(problems).toEqual([]);
      expect(requests).toEqual([]);
      expect(await page.locator('img').count()).toBe(0);
      expect(await page.locator('table.groups').first().innerText()).toContain('<img src=x onerror="alert(1)"> & "Team"');
      expect(await page.locator('.incomplete').innerText()).toContain('INCOMPLETE. file 2 of 3 failed.');
    } finally {
      await context.close();
    }
  });
});
