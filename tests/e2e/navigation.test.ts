import { describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { normaliseNhsNumber } from '../../shared/nhsNumber';
import { PERSONAS } from '../../sandbox/personas';
import { openPatient, panelIframe, panelOf, useExtensionAgainstSandbox, waitForPanelShown } from './harness';

interface PageSample {
  t: number;
  banner: string;
  path: string;
  visible: boolean;
}
interface PanelSample {
  t: number;
  nhs: string;
}

/** Records, on every animation frame of the host page, the NHS number in the banner and whether the panel frame is visible. */
async function samplePage(page: Page): Promise<void> {
  await page.evaluate(() => {
    const samples: { t: number; banner: string; path: string; visible: boolean }[] = [];
    (window as unknown as { __samples: typeof samples }).__samples = samples;
    const tick = () => {
      const iframe = document.querySelector('[data-carer-prompts-host] iframe');
      const visible = iframe !== null && getComputedStyle(iframe).opacity !== '0';
      const banner = document.querySelector('#patient-banner [data-field="nhs-number"]')?.textContent ?? '';
      samples.push({ t: performance.timeOrigin + performance.now(), banner, path: location.pathname, visible });
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/** Records, on every animation frame of the panel, the NHS number of the patient it shows ('' when none). */
async function samplePanel(frame: Frame): Promise<void> {
  await frame.evaluate(() => {
    const samples: { t: number; nhs: string }[] = [];
    (window as unknown as { __samples: typeof samples }).__samples = samples;
    const tick = () => {
      const facts = document.querySelector('.patient__facts')?.textContent ?? '';
      const nhs = /NHS No\. ([\d ]+)/.exec(facts)?.[1] ?? '';
      samples.push({ t: performance.timeOrigin + performance.now(), nhs });
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

const digits = (text: string) => normaliseNhsNumber(text.trim()) ?? '';

describe('moving between patients in a single-page EHR', () => {
  const env = useExtensionAgainstSandbox();

  it('never shows one patient’s carers beside another patient’s record, not even for a frame', async () => {
    const page = await env().browser.context.newPage();
    const a = PERSONAS.amiraKhan;
    const b = PERSONAS.danielOkafor;
    await openPatient(env(), page, a.patientId);
    const frame = page.frames().find((f) => f.url().includes('/panel.html'));
    if (!frame) throw new Error('panel frame not found');
    await samplePage(page);
    await samplePanel(frame);

    for (const persona of [b, a, b, a, b]) {
      const link = page.locator(`a[data-patient-id="${persona.patientId}"]`);
      await link.click();
      await expect.poll(() => page.url()).toContain(persona.patientId);
      await expect.poll(async () => (await panelOf(page).locator('.patient__facts').innerText().catch(() => '')).replace(/\s/g, '')).toContain(persona.nhsNumber);
      await waitForPanelShown(page);
      const carer = panelOf(page).locator(`[data-carer="${persona.relatedPersonIds[0]}"]`);
      await carer.waitFor();
      // The other patient's carer is nowhere in the panel.
      const other = persona === a ? b : a;
      expect(await panelOf(page).locator(`[data-carer="${other.relatedPersonIds[0]}"]`).count()).toBe(0);
    }

    const pageSamples = await page.evaluate(() => (window as unknown as { __samples: PageSample[] }).__samples);
    const panelSamples = await frame.evaluate(() => (window as unknown as { __samples: PanelSample[] }).__samples);
    expect(pageSamples.filter((s) => s.visible).length).toBeGreaterThan(10);
    const nhsByPath = new Map([a, b].map((p) => [`/ehr/patients/${p.patientId}`, p.nhsNumber]));
    const mixed = pageSamples.filter((sample) => {
      if (!sample.visible) return false;
      // What the panel had drawn by the time the page drew this frame.
      const shown = [...panelSamples].reverse().find((p) => p.t <= sample.t);
      if (!shown || shown.nhs === '') return false;
      // The page's patient: its banner, or while the banner loads (it then shows no identifiers) its address.
      const onPage = sample.banner.trim() !== '' ? digits(sample.banner) : nhsByPath.get(sample.path);
      return digits(shown.nhs) !== onPage;
    });
    expect(mixed.map((m) => ({ ...m, shown: [...panelSamples].reverse().find((p) => p.t <= m.t)?.nhs }))).toEqual([]);
    await page.close();
  });

  it('hides the panel on the caseload page, where no patient is on screen', async () => {
    const page = await env().browser.context.newPage();
    await openPatient(env(), page, PERSONAS.amiraKhan.patientId);
    await page.goto(`${env().sandbox.origin}/ehr/`);
    await expect.poll(() => panelIframe(page).count()).toBe(0);
    await page.close();
  });

  it('shows only a notice when two different NHS numbers are on screen', async () => {
    const page = await env().browser.context.newPage();
    const panel = await openPatient(env(), page, PERSONAS.amiraKhan.patientId);
    await panel.locator('[data-carer]').first().waitFor();
    // A second banner for another patient appears in place (as some EHRs show a "related record").
    await page.evaluate((nhs) => {
      const second = document.createElement('section');
      second.id = 'patient-banner';
      second.innerHTML = `<span data-field="nhs-number">${nhs}</span>`;
      document.body.prepend(second);
    }, PERSONAS.danielOkafor.nhsNumber);
    await panel.getByRole('region', { name: 'Which patient is this?' }).waitFor();
    expect(await panel.locator('[data-carer], [data-prompt-code], .patient__name').count()).toBe(0);
    await page.close();
  });
});
