import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { PERSONAS } from '../../sandbox/personas';
import type { RequestHandler } from '../../sandbox/server';
import { openPatient, panelIframe, useExtensionAgainstSandbox } from './harness';

/**
 * Who is on screen, as the EHR page draws it in ways a profile's selectors alone do not see: a
 * banner in a web component's shadow root, a same-origin frame showing another record, and a page
 * that walks the address bar through patients without showing them.
 */

const amira = PERSONAS.amiraKhan;
const daniel = PERSONAS.danielOkafor;

/** The extension's FHIR requests (not the EHR page's own, which are same-origin), by URL. */
const extensionRequests: string[] = [];
const isExtensionFhir = (req: IncomingMessage) => req.headers['sec-fetch-site'] !== 'same-origin' && /^\/fhir\//.test(req.url ?? '');
const recorder: RequestHandler = async (req) => {
  if (isExtensionFhir(req)) extensionRequests.push(decodeURIComponent(req.url ?? ''));
  return false;
};

describe('recognising who is on screen', () => {
  const env = useExtensionAgainstSandbox({ handlers: [recorder] });

  it('gives the "which patient is this?" notice, and no carer data, when a second patient’s banner is drawn inside an open shadow root', async () => {
    const page = await env().browser.context.newPage();
    const panel = await openPatient(env(), page, amira.patientId);
    await panel.locator('[data-carer]').first().waitFor();
    await page.evaluate((nhs) => {
      const host = document.createElement('related-record');
      document.body.append(host);
      const banner = document.createElement('div');
      banner.className = 'patient-banner';
      banner.textContent = `Related record · NHS ${nhs}`;
      host.attachShadow({ mode: 'open' }).append(banner);
    }, daniel.nhsNumber);
    await panel.getByRole('region', { name: 'Which patient is this?' }).waitFor();
    expect(await panel.locator('[data-carer], [data-prompt-code], .patient__name').count()).toBe(0);
    await page.close();
  });

  it('gives the "which patient is this?" notice, and no carer data, when a same-origin frame in the page shows another patient', async () => {
    const page = await env().browser.context.newPage();
    const panel = await openPatient(env(), page, amira.patientId);
    await panel.locator('[data-carer]').first().waitFor();
    await page.evaluate((src) => {
      const frame = document.createElement('iframe');
      frame.id = 'related';
      frame.src = src;
      document.body.append(frame);
    }, `/ehr/patients/${daniel.patientId}`);
    await panel.getByRole('region', { name: 'Which patient is this?' }).waitFor();
    expect(await panel.locator('[data-carer], [data-prompt-code], .patient__name').count()).toBe(0);
    await page.close();
  });

  it('reads no one else when the page walks the address bar through eighteen patients’ ids without showing them', async () => {
    const page = await env().browser.context.newPage();
    const panel = await openPatient(env(), page, amira.patientId);
    extensionRequests.length = 0;
    const walked = Array.from({ length: 18 }, (_, i) => `walked-patient-${i}`);
    await page.evaluate(async (ids) => {
      for (const id of ids) {
        history.pushState({}, '', `/ehr/patients/${id}`);
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
    }, walked);
    // The panel stops showing Amira (the address no longer matches her banner) and waits for a banner.
    await expect.poll(() => page.url()).toContain(walked.at(-1));
    await panel.getByRole('status').filter({ hasText: 'Reading the patient’s carers' }).waitFor();
    expect(await panel.locator('.patient__name, [data-carer]').count()).toBe(0);
    await page.waitForTimeout(1500); // let any read the walk set off reach the server
    expect(extensionRequests.filter((url) => walked.some((id) => url.includes(id)))).toEqual([]);
    expect(await panelIframe(page).count()).toBe(1);
    await page.close();
  });
});
