import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { Frame } from 'playwright-core';
import { PERSONAS } from '../../sandbox/personas';
import type { RequestHandler } from '../../sandbox/server';
import { panelIframe, panelOf, useExtensionAgainstSandbox, waitForPanelShown } from './harness';

const a = PERSONAS.amiraKhan;
const b = PERSONAS.danielOkafor;

/**
 * Holds the extension's FHIR requests about patient A until the test lets them go, so A's answer
 * arrives only after patient B's page has been recognised. The EHR page's own requests (same
 * origin) pass, so A's page itself still draws. (The deterministic form of this race, where A's
 * answer lands between B's recognition and B's read starting, is the controller test "drops
 * patient A’s late answer on patient B’s page after a page load …".)
 */
function holdPatientA() {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const state = { held: 0, answered: 0 };
  const isExtensionRequestForA = (req: IncomingMessage) => req.headers['sec-fetch-site'] !== 'same-origin' && /^\/fhir\//.test(req.url ?? '') && (req.url ?? '').includes(a.patientId);
  const handler: RequestHandler = async (req, res) => {
    if (!isExtensionRequestForA(req)) return false;
    state.held += 1;
    res.once('close', () => (state.answered += 1));
    await released;
    return false;
  };
  return { handler, state, release: () => release() };
}

const hold = holdPatientA();

describe('a late answer after a full page load', () => {
  const env = useExtensionAgainstSandbox({ handlers: [hold.handler] });

  it('never shows patient A’s late answer on patient B’s newly loaded page', async () => {
    const page = await env().browser.context.newPage();
    await page.goto(`${env().sandbox.origin}/ehr/patients/${a.patientId}`);
    await expect.poll(() => hold.state.held, { timeout: 15_000 }).toBeGreaterThan(0);

    // A new document for patient B: its content script counts page states from 1 again.
    await page.goto(`${env().sandbox.origin}/ehr/patients/${b.patientId}`);
    await panelIframe(page).waitFor({ state: 'attached' });
    const frame = await (await panelIframe(page).elementHandle())?.contentFrame();
    if (!frame) throw new Error('no panel frame on B’s page');
    await frame.waitForLoadState('domcontentloaded');
    await recordEverythingShown(frame);

    // B's page is recognised (its frame is mounted): only now does A's answer arrive.
    hold.release();
    await expect.poll(() => hold.state.answered, { timeout: 15_000 }).toBe(hold.state.held);
    await waitForPanelShown(page);
    await panelOf(page).locator(`[data-carer="${b.relatedPersonIds[0]}"]`).waitFor();

    const everShown = await frame.evaluate(() => (window as unknown as { __shown: string[] }).__shown.join('\n'));
    expect(everShown).toContain(b.given);
    expect(everShown).not.toContain(a.given);
    expect(everShown).not.toContain(a.nhsNumber.slice(0, 3) + ' ' + a.nhsNumber.slice(3, 6));
    expect(await panelOf(page).locator(`[data-carer="${a.relatedPersonIds[0]}"]`).count()).toBe(0);
    await page.close();
  });
});

/** Records every text the panel document ever holds from now on (a MutationObserver sees each change). */
async function recordEverythingShown(frame: Frame): Promise<void> {
  await frame.evaluate(() => {
    const shown: string[] = [];
    (window as unknown as { __shown: string[] }).__shown = shown;
    const take = () => shown.push(document.body.textContent ?? '');
    take();
    new MutationObserver(take).observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  });
}
