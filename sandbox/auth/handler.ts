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
 */
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
   * Let the sandbox's own EHR page read (GET) FHIR without a token, as a real EHR reads with its
   * own session. Recognised by a header no web page or extension page can set or fake in a browser
   * (`Sec-Fetch-Site: same-origin`; the EHR page sends no Referer): requests from the extension,
   * from other origins, from non-browser clients without that header, or with a token are checked.
   */
  ehrPageReads?: boolean;
}

export interface SmartAuth {
  /** Request handlers to pass to startSandbox({ handlers }). */
  handlers: RequestHandler[];
  /** The authorization server, once the sandbox has answered its first request (tests reach it via `server()`). */
  server(): SmartAuthServer | undefined;
}

/** The handlers for `--auth smart`: one auth server per sandbox, made on the first request (when the base URL is known). */
export function smartAuth(options: SmartAuthOptions = {}): SmartAuth {
  let server: SmartAuthServer | undefined;
  const handler: RequestHandler = async (req, res, ctx) => {
    server ??= new SmartAuthServer(ctx.fhirBase, options);
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
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
      if (options.ehrPageReads === true && isEhrPageRead(req)) return false;
      return gate(req, res, server, url);
    }
    return false;
  };
  return { handlers: [handler], server: () => server };
}

async function gate(req: IncomingMessage, res: ServerResponse, server: SmartAuthServer, url: URL): Promise<boolean> {
  const method = (req.method ?? 'GET').toUpperCase();
  const path = url.pathname.slice('/fhir'.length).replace(/^\/+/, '');
  if (method === 'OPTIONS' || path === 'metadata' || path === 'metadata/') return false;
  const header = req.headers.authorization ?? '';
  const bearer = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i.exec(header)?.[1];
  const grant = bearer === undefined ? undefined : server.introspect(bearer);
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
    // The body was read here to check each entry; hand the same bytes on to the FHIR routes.
    Object.defineProperty(req, Symbol.asyncIterator, {
      value: async function* () {
        yield body;
      },
    });
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

function isEhrPageRead(req: IncomingMessage): boolean {
  const method = (req.method ?? 'GET').toUpperCase();
  return (method === 'GET' || method === 'HEAD') && req.headers.authorization === undefined && req.headers['sec-fetch-site'] === 'same-origin';
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

