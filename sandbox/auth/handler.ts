/**
 * `--auth smart`: the sandbox's authorization server endpoints and the gate in front of its FHIR
 * routes. Without it (the default) the sandbox stays open for the demo, unchanged.
 *
 * - GET  /fhir/.well-known/smart-configuration — discovery;
 * - GET  /auth/authorize — auto-approves the sandbox clinician after validating the request;
 * - POST /auth/token — authorization_code (PKCE), refresh_token (rotating), client_credentials (JWT);
 * - POST /auth/revoke — ends the grant a token belongs to (RFC 7009; sign-out);
 * - every other /fhir request needs `Authorization: Bearer` (401 + WWW-Authenticate otherwise) and
 *   scopes that cover it (403 + OperationOutcome otherwise). /fhir/metadata stays public.
 *
 * The gate trusts nothing a client can set about itself (Sec-Fetch-Site, Origin, Referer): the EHR
 * page reads with its own session cookie, checked like a token with read-only scopes. A request
 * whose Host is not this server's (DNS rebinding) is refused before anything else.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OperationOutcome } from '@medplum/fhirtypes';
import { applyCors } from '../http/cors';
import { payloadTooLarge } from '../http/outcomes';
import { sendFhirJson } from '../http/respond';
import type { RequestHandler } from '../server';
import { SmartAuthServer, type AccessGrant, type AuthServerOptions } from './authServer';
import { requiredAccess, type Access } from './requiredAccess';
import { covers, type Permission } from './scopes';

const MAX_BODY_BYTES = 5 * 1024 * 1024;
const REALM = 'carer-prompts-sandbox';

export interface SmartAuthOptions extends AuthServerOptions {
  /**
   * Let the sandbox's own EHR page read FHIR without a token, as a real EHR reads with its own
   * session: every page under /ehr/ sets a session cookie (HttpOnly, SameSite=Strict, this port
   * only) and a /fhir request carrying it, and no Authorization header, is checked against read-only
   * scopes. So the EHR page can read what it shows, and nothing it holds can write or export.
   */
  ehrPageReads?: boolean;
}

/** What the EHR page's session may do: read and search, as the EHR page itself shows the record. */
export const EHR_SESSION_SCOPES: readonly string[] = ['user/*.rs'];

export interface SmartAuth {
  /** Request handlers to pass to startSandbox({ handlers }). */
  handlers: RequestHandler[];
  /** The authorization server, once the sandbox has answered its first request (tests reach it via `server()`). */
  server(): SmartAuthServer | undefined;
}

/** The handlers for `--auth smart`: one auth server per sandbox, made on the first request (when the base URL is known). */
export function smartAuth(options: SmartAuthOptions = {}): SmartAuth {
  let server: SmartAuthServer | undefined;
  const ehrSession = randomBytes(32).toString('base64url');
  const handler: RequestHandler = async (req, res, ctx) => {
    server ??= new SmartAuthServer(ctx.fhirBase, options);
    if (!isOwnHost(req.headers.host, ctx.fhirBase)) {
      // DNS rebinding: a page on another site whose name now points here must not reach the record.
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }).end('Misdirected request: this server answers only to its own host name.\n');
      return true;
    }
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    const cookieName = ehrCookieName(ctx.fhirBase);
    if (options.ehrPageReads === true && (url.pathname === '/' || url.pathname === '/ehr' || url.pathname.startsWith('/ehr/')) && (method === 'GET' || method === 'HEAD')) {
      // The EHR page's own session (the EHR handler answers the page itself).
      res.setHeader('Set-Cookie', `${cookieName}=${ehrSession}; Path=/fhir; HttpOnly; SameSite=Strict`);
      return false;
    }
    if (url.pathname === '/fhir/.well-known/smart-configuration') {
      sendJson(req, res, 200, server.smartConfiguration());
      return true;
    }
    if (url.pathname === '/auth/authorize' && method === 'GET') {
      const result = server.authorize(url.searchParams);
      if ('error' in result) {
        // Never redirect to an unvalidated URI: the error is shown here instead.
        res.setHeader('Cache-Control', 'no-store');
        res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`Sign-in refused: ${result.error}\n`);
      } else {
        res.setHeader('Cache-Control', 'no-store');
        res.writeHead(302, { Location: result.redirect }).end();
      }
      return true;
    }
    if (url.pathname === '/auth/token') {
      if (method !== 'POST') {
        sendJson(req, res, 405, { error: 'invalid_request', error_description: 'POST only' });
        return true;
      }
      const body = await readBody(req);
      if (body === undefined) {
        sendJson(req, res, 413, { error: 'invalid_request', error_description: 'body too large' });
        return true;
      }
      const answer = server.token(new URLSearchParams(body.toString('utf8')));
      sendJson(req, res, answer.status, answer.body, answer.status === 401 ? { 'WWW-Authenticate': `Basic realm="${REALM}"` } : {});
      return true;
    }
    if (url.pathname === '/auth/revoke' && method === 'POST') {
      const body = await readBody(req);
      // RFC 7009 §2.2: 200 whether or not the token was known.
      if (body !== undefined) server.revoke(new URLSearchParams(body.toString('utf8')).get('token') ?? '');
      sendJson(req, res, 200, {});
      return true;
    }
    if (url.pathname === '/fhir' || url.pathname.startsWith('/fhir/')) {
      const ehrGrant = options.ehrPageReads === true && req.headers.authorization === undefined && cookieValue(req.headers.cookie, cookieName) === ehrSession ? EHR_SESSION_GRANT : undefined;
      return gate(req, res, server, url, ehrGrant);
    }
    return false;
  };
  return { handlers: [handler], server: () => server };
}

const EHR_SESSION_GRANT: AccessGrant = { clientId: 'sandbox-ehr-page', scopes: EHR_SESSION_SCOPES, kind: 'user', expiresAt: Number.POSITIVE_INFINITY };

async function gate(req: IncomingMessage, res: ServerResponse, server: SmartAuthServer, url: URL, ehrGrant: AccessGrant | undefined): Promise<boolean> {
  const method = (req.method ?? 'GET').toUpperCase();
  const path = url.pathname.slice('/fhir'.length).replace(/^\/+/, '');
  if (method === 'OPTIONS' || path === 'metadata' || path === 'metadata/') return false;
  const header = req.headers.authorization ?? '';
  const bearer = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i.exec(header)?.[1];
  const grant = bearer === undefined ? ehrGrant : server.introspect(bearer);
  if (!grant) {
    // RFC 6750 §3: no error code when no token was sent; invalid_token when one was and is no good.
    const challenge = bearer === undefined ? `Bearer realm="${REALM}"` : `Bearer realm="${REALM}", error="invalid_token", error_description="The access token is expired, revoked or unknown"`;
    sendFhirJson(req, res, 401, outcome('login', bearer === undefined ? 'Sign in: this FHIR server needs a bearer token' : 'The access token is expired, revoked or unknown: sign in again'), { 'WWW-Authenticate': challenge });
    return true;
  }
  let access: Access;
  if (method === 'POST' && path === '') {
    const body = await readBody(req);
    if (body === undefined) {
      sendFhirJson(req, res, 413, payloadTooLarge(`Request body is larger than ${MAX_BODY_BYTES} bytes`));
      return true;
    }
    access = bundleAccess(body);
    replayBody(req, body);
  } else if (method === 'POST' && /^[A-Z][A-Za-z]+\/_search\/?$/.test(path)) {
    // A search by POST carries its parameters (_include, _revinclude among them) in the form body.
    const body = await readBody(req);
    if (body === undefined) {
      sendFhirJson(req, res, 413, payloadTooLarge(`Request body is larger than ${MAX_BODY_BYTES} bytes`));
      return true;
    }
    const params = new URLSearchParams(url.search);
    for (const [name, value] of new URLSearchParams(body.toString('utf8'))) params.append(name, value);
    access = requiredAccess(method, `${path}?${params.toString()}`);
    replayBody(req, body);
  } else {
    access = requiredAccess(method, `${path}${url.search}`);
  }
  const refusal = 'refused' in access ? access.refused : firstUncovered(grant, access.needs);
  if (refusal !== undefined) {
    sendFhirJson(req, res, 403, outcome('forbidden', refusal), { 'WWW-Authenticate': `Bearer realm="${REALM}", error="insufficient_scope"` });
    return true;
  }
  return false;
}

/** The body was read here to check it; the FHIR routes get the same bytes. */
function replayBody(req: IncomingMessage, body: Buffer): void {
  Object.defineProperty(req, Symbol.asyncIterator, {
    value: async function* () {
      yield body;
    },
  });
}

/** Cookies are not kept apart by port: each sandbox names its own. */
function ehrCookieName(fhirBase: string): string {
  return `carer_prompts_ehr_${new URL(fhirBase).port || 'default'}`;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** The Host a request names must be this server's: its configured host, or a loopback name when it listens on loopback. */
export function isOwnHost(host: string | undefined, fhirBase: string): boolean {
  if (host === undefined) return false;
  const own = new URL(fhirBase);
  const port = own.port || (own.protocol === 'https:' ? '443' : '80');
  let named: URL;
  try {
    named = new URL(`http://${host}`);
  } catch {
    return false;
  }
  if ((named.port || '80') !== port || named.username !== '' || named.pathname !== '/') return false;
  const name = named.hostname.toLowerCase();
  if (name === own.hostname.toLowerCase()) return true;
  return LOOPBACK_NAMES.includes(own.hostname) && LOOPBACK_NAMES.includes(name);
}

function firstUncovered(grant: AccessGrant, needs: readonly [string, Permission][]): string | undefined {
  const contexts = grant.kind === 'system' ? (['system'] as const) : (['user', 'patient'] as const);
  const missing = needs.find(([type, permission]) => !covers(grant.scopes, contexts, type, permission));
  return missing ? `The granted scopes do not allow ${permissionWord(missing[1])} ${missing[0]}` : undefined;
}

function permissionWord(permission: Permission): string {
  return { c: 'create', r: 'read', u: 'update', d: 'delete', s: 'search' }[permission];
}

/** A batch or transaction needs what each of its entries needs; an entry that cannot be read is refused. */
function bundleAccess(body: Buffer): Access {
  let bundle: unknown;
  try {
    bundle = JSON.parse(body.toString('utf8'));
  } catch {
    return { refused: 'the request body is not a Bundle' };
  }
  const entries = (bundle as { entry?: unknown }).entry;
  if (!Array.isArray(entries)) return { needs: [] };
  const needs: [string, Permission][] = [];
  for (const entry of entries as unknown[]) {
    const request = (entry as { request?: { method?: unknown; url?: unknown } } | null)?.request;
    if (typeof request?.method !== 'string' || typeof request.url !== 'string') return { refused: 'a Bundle entry has no request to check against the granted scopes' };
    const access = requiredAccess(request.method, request.url);
    if ('refused' in access) return access;
    needs.push(...access.needs);
  }
  return { needs };
}

function outcome(code: 'login' | 'forbidden', text: string): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, details: { text } }] };
}

function sendJson(req: IncomingMessage, res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  applyCors(req, res);
  const text = JSON.stringify(body);
  // RFC 6749 §5.1: token responses must not be cached.
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', Pragma: 'no-cache', 'Content-Length': Buffer.byteLength(text) }).end(text);
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

