import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * CORS for the browser extension and local pages. Only the extension (chrome-extension:// and
 * moz-extension:// origins) and pages served from this machine may read responses: the sandbox
 * holds (synthetic) patient data and should not be readable by arbitrary web pages.
 */

const ALLOWED_METHODS = 'GET, POST, PUT, OPTIONS';
const ALLOWED_HEADERS = 'Accept, Authorization, Content-Type, If-Match, If-None-Exist, Prefer';
const EXPOSED_HEADERS = 'ETag, Location, Content-Location, Last-Modified, Retry-After';

export function isAllowedOrigin(origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol === 'chrome-extension:' || url.protocol === 'moz-extension:') return url.hostname.length > 0;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  return url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
}

/** Sets CORS response headers for an allowed Origin (and `Vary: Origin` always, for caches). */
export function applyCors(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('Vary', 'Origin');
  const origin = req.headers.origin;
  if (!origin || !isAllowedOrigin(origin)) return;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
}

/** Answers a CORS preflight (OPTIONS with Access-Control-Request-Method). */
export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  applyCors(req, res);
  const origin = req.headers.origin;
  if (origin && isAllowedOrigin(origin)) {
    res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS);
    res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
    res.setHeader('Access-Control-Max-Age', '600');
  }
  res.setHeader('Allow', ALLOWED_METHODS);
  res.setHeader('Cache-Control', 'no-store');
  res.writeHead(204).end();
}
