import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FhirRouter, HttpMethod } from '@medplum/fhir-router';
import type { CapabilityStatement, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { unsupportedMediaType } from '@medplum/core';
import { answerPreflight } from './cors';
import { invalidRequest, methodNotAllowed, notFoundAt, notAcceptable, payloadTooLarge, serverErrorOutcome, statusOf } from './outcomes';
import { sendFhirJson, sendOutcome } from './respond';
import { isOfferedInteraction } from './fhirRouter';
import type { SandboxRepository } from './sandboxRepository';
import type { WriteLock } from './writeLock';

export interface FhirHttpContext {
  fhirBase: string;
  repo: SandboxRepository;
  router: FhirRouter;
  capabilityStatement: () => CapabilityStatement;
  writeLock: WriteLock;
}

/** Largest request body accepted (a transaction Bundle of a few hundred resources fits easily). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

const ROUTED_METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const JSON_MEDIA_TYPES = new Set(['application/fhir+json', 'application/json', 'application/json+fhir']);
const FORM_MEDIA_TYPE = 'application/x-www-form-urlencoded';

class RequestProblem extends Error {
  constructor(readonly outcome: OperationOutcome) {
    super(outcome.issue[0]?.details?.text ?? 'Bad request');
  }
}

function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** True unless the client's Accept header rules out JSON. */
function acceptsJson(accept: string | undefined): boolean {
  if (!accept) return true;
  return accept.split(',').some((part) => {
    const type = mediaType(part);
    return type === '*/*' || type === 'application/*' || JSON_MEDIA_TYPES.has(type);
  });
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new RequestProblem(payloadTooLarge(`Request body is larger than ${MAX_BODY_BYTES} bytes`));
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

async function parseBody(req: IncomingMessage): Promise<unknown> {
  const raw = await readBody(req);
  if (raw.length === 0) return undefined;
  const type = mediaType(req.headers['content-type']);
  if (type === FORM_MEDIA_TYPE) {
    const form: Record<string, string | string[]> = {};
    for (const [key, value] of new URLSearchParams(raw.toString('utf8'))) {
      const existing = form[key];
      form[key] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
    }
    return form;
  }
  if (!JSON_MEDIA_TYPES.has(type)) throw new RequestProblem(unsupportedMediaType);
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    throw new RequestProblem(invalidRequest('The request body is not valid JSON'));
  }
}

type ReturnPreference = 'minimal' | 'representation' | 'OperationOutcome';

function returnPreference(prefer: string | string[] | undefined): ReturnPreference {
  const header = Array.isArray(prefer) ? prefer.join(',') : (prefer ?? '');
  const match = /(?:^|[;,\s])return=(minimal|representation|OperationOutcome)\b/.exec(header);
  return (match?.[1] as ReturnPreference | undefined) ?? 'representation';
}

function versionHeaders(resource: Resource, fhirBase: string, withLocation: boolean): Record<string, string> {
  const headers: Record<string, string> = {};
  const versionId = resource.meta?.versionId;
  if (versionId) headers.ETag = `W/"${versionId}"`;
  if (resource.meta?.lastUpdated) headers['Last-Modified'] = new Date(resource.meta.lastUpdated).toUTCString();
  if (withLocation && resource.id && versionId) {
    headers.Location = `${fhirBase}/${resource.resourceType}/${resource.id}/_history/${versionId}`;
  }
  return headers;
}

/** Methods the server offers on this path, for 405 and the Allow header. */
function allowedMethods(router: FhirRouter, url: string): HttpMethod[] {
  return ROUTED_METHODS.filter((m) => isOfferedInteraction(router.find(m, url)?.data?.interaction));
}

/** True when some method has a route for this path (so another method gets 405, not 404). */
function pathExists(router: FhirRouter, url: string): boolean {
  return ROUTED_METHODS.some((m) => router.find(m, url) !== undefined);
}

/**
 * Serves one request under [base]/fhir: `path` is what follows `/fhir` (e.g. `/Patient/1`),
 * `search` the raw query string including `?`.
 */
export async function handleFhirRequest(req: IncomingMessage, res: ServerResponse, ctx: FhirHttpContext, path: string, search: string): Promise<void> {
  try {
    await serve(req, res, ctx, path, search);
  } catch (err) {
    if (err instanceof RequestProblem) {
      sendOutcome(req, res, err.outcome);
      return;
    }
    // Logged without the request or any resource content (they may hold patient data).
    console.error(`sandbox: internal error on ${req.method ?? '?'} request: ${err instanceof Error ? err.name : typeof err}`);
    if (!res.headersSent) sendOutcome(req, res, serverErrorOutcome());
    else res.destroy();
  }
}

async function serve(req: IncomingMessage, res: ServerResponse, ctx: FhirHttpContext, path: string, search: string): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  if (method === 'OPTIONS') {
    answerPreflight(req, res);
    return;
  }
  if (!acceptsJson(req.headers.accept)) {
    sendOutcome(req, res, notAcceptable('This server only returns JSON (application/fhir+json)'));
    return;
  }
  const routeMethod = (method === 'HEAD' ? 'GET' : method) as HttpMethod;
  const url = `${path}${search}`;

  if (path === '/metadata' || path === '/metadata/') {
    if (routeMethod !== 'GET') {
      sendOutcome(req, res, methodNotAllowed('The CapabilityStatement is read-only'), { Allow: 'GET' });
      return;
    }
    sendFhirJson(req, res, 200, ctx.capabilityStatement());
    return;
  }

  const route = ROUTED_METHODS.includes(routeMethod) ? ctx.router.find(routeMethod, url) : undefined;
  if (!route && !pathExists(ctx.router, url)) {
    sendOutcome(req, res, notFoundAt(`No FHIR interaction at ${path || '/'}`));
    return;
  }
  if (!route || !isOfferedInteraction(route.data?.interaction)) {
    // Answered before reading the body: the method is refused whatever it carries.
    const allowed = allowedMethods(ctx.router, url);
    sendOutcome(req, res, methodNotAllowed(`${method} is not allowed on ${path || '/'}`), allowed.length ? { Allow: allowed.join(', ') } : {});
    return;
  }
  const body = WRITE_METHODS.has(routeMethod) ? await parseBody(req) : undefined;
  const run = () =>
    ctx.router.handleRequest(
      { method: routeMethod, url, pathname: '', body, params: {}, query: {}, headers: req.headers, config: { transactions: true } },
      ctx.repo,
    );
  const [outcome, resource] = WRITE_METHODS.has(routeMethod) ? await ctx.writeLock.run(run) : await run();
  const status = statusOf(outcome);
  if (status >= 400 || !resource) {
    sendOutcome(req, res, outcome);
    return;
  }

  const interaction = route.data?.interaction;
  const isWrite = interaction === 'create' || interaction === 'update';
  const single = resource.resourceType !== 'Bundle' || interaction === 'read' || interaction === 'vread' || isWrite;
  const headers = single ? versionHeaders(resource, ctx.fhirBase, isWrite) : {};
  if (isWrite) {
    const preference = returnPreference(req.headers.prefer);
    if (preference === 'minimal') {
      sendFhirJson(req, res, status, undefined, headers);
      return;
    }
    if (preference === 'OperationOutcome') {
      sendFhirJson(req, res, status, outcome, headers);
      return;
    }
  }
  sendFhirJson(req, res, status, resource, headers);
}
