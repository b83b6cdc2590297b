import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Locator, Page } from 'playwright-core';
import { PERSONAS } from '../../sandbox/personas';
import type { RequestHandler } from '../../sandbox/server';
import { openPatient, panelIframe, panelOf, submitForm, useExtensionAgainstSandbox } from './harness';

/**
 * Whoever frames the panel other than the content script on a configured EHR page gets nothing:
 * no patient data drawn, no write. Every write request the sandbox receives is counted on the wire.
 */

const george = PERSONAS.georgeWilson;
/** A host that is not loopback as far as the browser knows (mapped to 127.0.0.1 by the resolver). */
const ELSEWHERE_HOST = 'elsewhere.test';

const writes: string[] = [];
const isWrite = (req: IncomingMessage) => req.method !== 'GET' && req.method !== 'HEAD' && /^\/fhir(?:[/?]|$)/.test(req.url ?? '');
const writeCounter: RequestHandler = async (req) => {
  if (isWrite(req)) writes.push(`${req.method ?? ''} ${(req.url ?? '').split('?')[0] ?? ''}`);
  return false;
};

/** Another site: `/frame?src=…` frames whatever address it is given, where a clinician would click. */
async function startOtherSite(): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const src = new URL(req.url ?? '/', 'http://other.invalid').searchParams.get('src') ?? '';
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!doctype html><title>Another site</title><h1>Win a prize</h1>
<iframe id="leaked" style="position:fixed;top:0;right:0;width:380px;height:100vh;border:0"></iframe>
<script>const f = document.getElementById('leaked'); f.addEventListener('load', () => { document.body.dataset.framed = 'loaded'; }); f.src = ${JSON.stringify(src)};</script>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

let other: { server: Server; port: number };
beforeAll(async () => {
  other = await startOtherSite();
});
afterAll(async () => {
  await new Promise((resolve) => other?.server.close(resolve));
});

/** Lets anything under way run its course, then says how many writes reached the server. */
async function writesAfterSettling(page: Page): Promise<string[]> {
  await page.waitForTimeout(1500);
  return [...writes];
}

/** Every text the extension's frames in the page show. */
async function textOfExtensionFrames(page: Page): Promise<string> {
  const texts: string[] = [];
  for (const frame of page.frames()) {
    if (!frame.url().startsWith('chrome-extension://')) continue;
    texts.push(await frame.evaluate(() => document.body.innerText).catch(() => ''));
  }
  return texts.join('\n');
}

/** What a clinician would click in a panel that showed George's prompt (real input through the browser). */
async function clickAsAClinicianWould(frame: Frame): Promise<void> {
  const asked = frame.locator('[data-action="record-no-carers"]').first();
  if ((await asked.count()) === 0) return;
  await asked.click();
  await submitForm(frame, 'Record the answer');
}

/** George's record in a tab with the panel showing; returns the panel's (dynamic) address, as a page script could read it. */
async function leakPanelAddress(page: Page, env: Parameters<typeof openPatient>[0]): Promise<string> {
  await openPatient(env, page, george.patientId);
  return page.evaluate(() => document.querySelector<HTMLIFrameElement>('[data-carer-prompts-host] iframe')?.src ?? '');
}

describe('another site frames the panel', () => {
  const env = useExtensionAgainstSandbox({ patients: 5, handlers: [writeCounter], chromiumArgs: [`--host-resolver-rules=MAP ${ELSEWHERE_HOST} 127.0.0.1`] });

  it('draws no patient data and writes nothing when another site opened later in the same tab frames the leaked panel address', async () => {
    const page = await env().browser.context.newPage();
    const leaked = await leakPanelAddress(page, env());
    expect(leaked).toMatch(/^chrome-extension:\/\/.+\/panel\.html/);
    writes.length = 0;

    await page.goto(`http://${ELSEWHERE_HOST}:${other.port}/frame?src=${encodeURIComponent(leaked)}`);
    await page.locator('body[data-framed="loaded"]').waitFor();
    for (const frame of page.frames().filter((f) => f.url().startsWith('chrome-extension://'))) {
      await frame.locator('.patient__name, [data-panel-refused]').first().waitFor();
      await clickAsAClinicianWould(frame);
    }
    expect(await textOfExtensionFrames(page)).not.toMatch(new RegExp(`${george.given}|${george.family}`));
    expect(await writesAfterSettling(page)).toEqual([]);
    await page.close();
  });

  it('draws no patient data and writes nothing when a frame of another origin inside the EHR page frames the panel', async () => {
    const page = await env().browser.context.newPage();
    const leaked = await leakPanelAddress(page, env());
    writes.length = 0;

    // An advert on another loopback port (the development build lets loopback frame the panel) frames the leaked address.
    await page.evaluate((src) => {
      const advert = document.createElement('iframe');
      advert.id = 'advert';
      advert.style.cssText = 'position:fixed;left:0;top:0;width:600px;height:600px;border:0';
      advert.src = src;
      document.body.append(advert);
    }, `http://127.0.0.1:${other.port}/frame?src=${encodeURIComponent(leaked)}`);
    const advert = await (await page.locator('#advert').elementHandle())?.contentFrame();
    if (!advert) throw new Error('the advert frame did not load');
    await advert.locator('body[data-framed="loaded"]').waitFor();
    const nested = advert.childFrames().find((f) => f.url().startsWith('chrome-extension://'));
    if (!nested) throw new Error('the advert could not frame the panel (the development build allows loopback)');
    await nested.locator('.patient__name, [data-panel-refused]').first().waitFor();
    await clickAsAClinicianWould(nested);
    expect(await nested.evaluate(() => document.body.innerText)).not.toMatch(new RegExp(`${george.given}|${george.family}`));
    expect(await writesAfterSettling(page)).toEqual([]);
    await page.close();
  });

  it('still shows the panel on the EHR page itself', async () => {
    const page = await env().browser.context.newPage();
    await leakPanelAddress(page, env());
    expect(await panelIframe(page).count()).toBe(1);
    await page.close();
  });
});

/** The centre of an element in page coordinates (the panel's elements included: Playwright maps them through the frame). */
async function centreOf(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('element not on screen');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/**
 * The clinician's three clicks that record "asked: no carers" for George, made as real mouse input
 * at the places where the panel's buttons are: the prompt's button, the form's submit, and "Yes,
 * save" (the attacker is given its position, which a page could only guess).
 */
async function realClicksThroughTheWrite(page: Page): Promise<void> {
  const panel = panelOf(page);
  const targets = [
    () => panel.locator('[data-prompt-code="identify-carers"] [data-action="record-no-carers"]'),
    () => panel.getByRole('button', { name: 'Record the answer', exact: true }),
    () => panel.getByRole('button', { name: 'Yes, save', exact: true }),
  ];
  for (const target of targets) {
    const button = target();
    if ((await button.count()) === 0) return;
    const { x, y } = await centreOf(button);
    await page.mouse.click(x, y);
  }
}

/** A stylesheet of the page's own (constructed by its script: the EHR's CSP refuses inline <style>). */
async function addPageStylesheet(page: Page, css: string): Promise<void> {
  await page.evaluate((text) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(text);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }, css);
}

/** A lure the page draws: its own "Continue" button over the given point, letting clicks fall through to what is under it. */
async function drawLureOver(page: Page, point: { x: number; y: number }): Promise<void> {
  await page.evaluate(({ x, y }) => {
    const lure = document.createElement('button');
    lure.id = 'lure';
    lure.textContent = 'Continue';
    lure.style.cssText = `position:fixed;left:${x - 60}px;top:${y - 20}px;width:120px;height:40px;z-index:2147483647;pointer-events:none;opacity:0.9`;
    document.body.append(lure);
  }, point);
}

describe('the page hides or moves the panel to steal clicks', () => {
  const env = useExtensionAgainstSandbox({ patients: 5, handlers: [writeCounter] });

  async function georgeWithPrompt(): Promise<Page> {
    const page = await env().browser.context.newPage();
    const panel = await openPatient(env(), page, george.patientId);
    await panel.locator('[data-prompt-code="identify-carers"] [data-action="record-no-carers"]').waitFor();
    writes.length = 0;
    return page;
  }

  it('writes nothing for real clicks on a panel the page made nearly transparent with an !important stylesheet', async () => {
    const page = await georgeWithPrompt();
    await addPageStylesheet(page, '[data-carer-prompts-host] iframe { opacity: 0.05 !important; pointer-events: auto !important; }');
    await page.evaluate(() => document.querySelector('[data-carer-prompts-host] iframe')?.removeAttribute('inert'));
    await panelOf(page).locator('html:not([data-accepts-clicks])').waitFor({ state: 'attached' });
    await drawLureOver(page, await centreOf(panelOf(page).locator('[data-action="record-no-carers"]').first()));
    await realClicksThroughTheWrite(page);
    expect(await writesAfterSettling(page)).toEqual([]);

    await page.close();
  });

  it('writes nothing for real clicks that pass through the page’s own button laid over the panel', async () => {
    const page = await georgeWithPrompt();
    // The page slides the panel so its button sits under the page's "Continue", which lets clicks through.
    await addPageStylesheet(page, '[data-carer-prompts-host] iframe { top: 40px !important; right: 200px !important; }');
    const target = await centreOf(panelOf(page).locator('[data-action="record-no-carers"]').first());
    await drawLureOver(page, target);
    await panelOf(page).locator('html:not([data-accepts-clicks])').waitFor({ state: 'attached' });
    await realClicksThroughTheWrite(page);
    expect(await writesAfterSettling(page)).toEqual([]);
    await page.close();
  });

  it('writes nothing for real clicks on a copy of the panel the page framed again from its address, nearly transparent', async () => {
    const page = await georgeWithPrompt();
    await page.evaluate(() => {
      const genuine = document.querySelector<HTMLIFrameElement>('[data-carer-prompts-host] iframe');
      if (!genuine) return;
      const copy = document.createElement('iframe');
      copy.id = 'copy';
      copy.src = genuine.src;
      copy.style.cssText = 'position:fixed;left:0;top:0;width:380px;height:100vh;border:0;opacity:0.05;z-index:2147483647';
      document.body.append(copy);
    });
    const copy = page.frameLocator('#copy');
    await copy.locator('[data-action="record-no-carers"]').first().waitFor();
    const targets = [
      () => copy.locator('[data-prompt-code="identify-carers"] [data-action="record-no-carers"]'),
      () => copy.getByRole('button', { name: 'Record the answer', exact: true }),
      () => copy.getByRole('button', { name: 'Yes, save', exact: true }),
    ];
    for (const target of targets) {
      const button = target();
      if ((await button.count()) === 0) break;
      const { x, y } = await centreOf(button);
      await page.mouse.click(x, y);
    }
    expect(await writesAfterSettling(page)).toEqual([]);
    await page.close();
  });

  // Last: it writes George's answer, which the tests above need unwritten.
  it('saves on the same real clicks when the panel is in plain sight (the clicks above did reach the panel)', async () => {
    const page = await georgeWithPrompt();
    await realClicksThroughTheWrite(page);
    await expect.poll(() => writes.length, { timeout: 20_000 }).toBeGreaterThan(0);
    await page.close();
  });
});
