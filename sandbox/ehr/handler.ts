/**
 * Serves CareRecord, the sandbox's clinical record web app: one HTML shell for every record page
 * (`/ehr/`, `/ehr/patients/<id>`, `/ehr/patients/<id>/<tab>`; the app routes on the client), its
 * script bundled from TypeScript with esbuild on first request, and its stylesheet. `/` redirects
 * to the caseload. Every answer forbids caching (the record changes under the demo) and carries a
 * strict Content-Security-Policy, as a real record system's would.
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { RequestHandler } from '../server';
import { EHR_ROOT, parseRoute } from './app/routes';

const SCRIPT_PATH = `${EHR_ROOT}assets/app.js`;
const STYLE_PATH = `${EHR_ROOT}assets/app.css`;
const ICON_PATH = `${EHR_ROOT}assets/favicon.svg`;

const ENTRY = fileURLToPath(new URL('./app/main.ts', import.meta.url));
const STYLESHEET = fileURLToPath(new URL('./app/styles.css', import.meta.url));

/**
 * Scripts, styles and connections only from this origin: record text can never run as script.
 * There is deliberately no default-src / frame-src, so an integration's own frame (a browser
 * extension panel) may still be shown over the record.
 */
export const EHR_CONTENT_SECURITY_POLICY = [
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

const ICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="#005eb8"/>' +
  '<path d="M9 16h14M16 9v14" stroke="#fff" stroke-width="5"/></svg>';

interface Asset {
  body: string;
  contentType: string;
}

/** Builds once per handler and keeps the result in memory; a failed build is retried on the next request. */
function cached(load: () => Promise<Asset>): () => Promise<Asset> {
  let pending: Promise<Asset> | undefined;
  return () => {
    pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

async function bundleScript(): Promise<Asset> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    minify: true,
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced no output for the EHR app');
  return { body: output.text, contentType: 'text/javascript; charset=utf-8' };
}

async function loadStylesheet(): Promise<Asset> {
  return { body: await readFile(STYLESHEET, 'utf8'), contentType: 'text/css; charset=utf-8' };
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The page every record address returns; the app fills #caseload and #main. */
export function appShell(fhirPath: string): string {
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="fhir-base" content="${escapeAttribute(fhirPath)}">
<title>CareRecord</title>
<link rel="icon" href="${ICON_PATH}" type="image/svg+xml">
<link rel="stylesheet" href="${STYLE_PATH}">
<script type="module" src="${SCRIPT_PATH}"></script>
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="app-header">
<a class="app-header__brand" href="${EHR_ROOT}"><span class="app-header__logo">CR</span><span class="app-header__product">CareRecord</span></a>
<span class="app-header__org">Northbridge Mental Health NHS Foundation Trust</span>
<span class="app-header__env" title="Synthetic data: no real patients">Sandbox</span>
<span class="app-header__user">Signed in as <strong>Sam Clinician</strong>, Care coordinator</span>
</header>
<div class="layout">
<aside id="caseload" class="caseload"></aside>
<main id="main" class="main" tabindex="-1"><p class="loading">Loading…</p></main>
</div>
<noscript><p>CareRecord needs JavaScript turned on.</p></noscript>
</body>
</html>
`;
}

function send(req: IncomingMessage, res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'Content-Security-Policy': EHR_CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { Location: location, 'Cache-Control': 'no-store', 'Content-Length': 0 });
  res.end();
}

/** The path part of the FHIR base, so the page talks to the FHIR server on its own origin. */
function fhirPathOf(fhirBase: string): string {
  try {
    return new URL(fhirBase).pathname.replace(/\/+$/, '') || '/fhir';
  } catch {
    return fhirBase.startsWith('/') ? fhirBase.replace(/\/+$/, '') : '/fhir';
  }
}

export function ehrHandler(): RequestHandler {
  const script = cached(bundleScript);
  const stylesheet = cached(loadStylesheet);
  return async (req, res, ctx) => {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const path = url.pathname;
    const isRecordPath = path === '/' || path === '/ehr' || path.startsWith(EHR_ROOT);
    if (!isRecordPath) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end('Method not allowed');
      return true;
    }
    if (path === '/' || path === '/ehr') {
      redirect(res, EHR_ROOT);
      return true;
    }
    if (path === SCRIPT_PATH || path === STYLE_PATH) {
      let asset: Asset;
      try {
        asset = await (path === SCRIPT_PATH ? script() : stylesheet());
      } catch (error) {
        // A broken build is a developer's problem: say so plainly rather than serve a blank page.
        console.error('EHR page: could not build', path, error instanceof Error ? error.message : error);
        send(req, res, 500, 'text/plain; charset=utf-8', `Could not build ${path}; see the sandbox's log.`);
        return true;
      }
      send(req, res, 200, asset.contentType, asset.body);
      return true;
    }
    if (path === ICON_PATH) {
      send(req, res, 200, 'image/svg+xml', ICON_SVG);
      return true;
    }
    // Unknown record paths still get the app, which shows "Page not found" with the caseload beside it.
    const status = parseRoute(path).kind === 'not-found' ? 404 : 200;
    send(req, res, status, 'text/html; charset=utf-8', appShell(fhirPathOf(ctx.fhirBase)));
    return true;
  };
}
