import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildCapabilityStatement } from './capability';
import { generateCaseload } from './generate/caseload';
import { loadFhirDefinitions } from './http/definitions';
import { handleFhirRequest } from './http/fhirHttp';
import { createSandboxRouter } from './http/fhirRouter';
import { notFoundAt, serverErrorOutcome } from './http/outcomes';
import { sendOutcome } from './http/respond';
import { SandboxRepository } from './http/sandboxRepository';
import { WriteLock } from './http/writeLock';
import { offeredTypes, offeredTypesHandler } from './offeredTypes';
import { defaultHandlers } from './routes';

export interface RequestHandlerContext {
  /** Absolute FHIR base of this server, e.g. http://127.0.0.1:8080/fhir. */
  fhirBase: string;
  repo: SandboxRepository;
}

/** A handler plugged into the sandbox; resolves true when it answered the request. */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse, ctx: RequestHandlerContext) => Promise<boolean>;

export interface SandboxOptions {
  /** Port to listen on; default 8080; 0 picks a free port. */
  port?: number;
  /** Interface to listen on; default 127.0.0.1 (never exposed beyond this machine by default). */
  host?: string;
  /** Synthetic patients generated on top of the named personas; default 200. */
  patients?: number;
  /** Generator seed; the same seed gives the same caseload; default 1. */
  seed?: number;
  /** "Today" for the caseload's dates (review dates, ages); default the real clock. */
  now?: Date;
  /**
   * Extra request handlers, tried first (before defaultHandlers() and the FHIR routes), so an
   * authorization layer guards everything behind it, $export included.
   */
  handlers?: RequestHandler[];
  /**
   * Offer only these resource types (a server the audit did not grow up with): the rest are
   * unknown to its CapabilityStatement, its REST interactions and its `$export` (sandbox/offeredTypes.ts).
   */
  types?: readonly string[];
}

export interface Sandbox {
  origin: string;
  fhirBase: string;
  repo: SandboxRepository;
  close(): Promise<void>;
}

/** The searches every patient read and write makes (resolve by NHS number, one `_revinclude` read). */
const HOT_SEARCHES = [
  ['Patient', 'identifier'],
  ['RelatedPerson', 'patient'],
  ['Consent', 'patient'],
  ['Consent', 'actor'],
  ['Task', 'subject'],
  ['Task', 'focus'],
  ['Task', 'patient'],
  ['List', 'subject'],
  ['List', 'patient'],
  ['EpisodeOfCare', 'patient'],
  ['CarePlan', 'subject'],
  ['Communication', 'subject'],
  ['Communication', 'patient'],
  // Conditional creates look their resource up by identifier.
  ['RelatedPerson', 'identifier'],
  ['Consent', 'identifier'],
  ['Task', 'identifier'],
  ['List', 'identifier'],
  ['Communication', 'identifier'],
] as const;

/** Puts the caseload (personas, then generated patients) into the repository. */
export function seedCaseload(repo: SandboxRepository, options: { patients: number; seed: number; now: Date }): void {
  const lastUpdated = options.now.toISOString();
  for (const resource of generateCaseload(options)) {
    repo.seed(resource, lastUpdated);
  }
  repo.prepareIndexes(HOT_SEARCHES);
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Starts the sandbox: a FHIR R4 server at `<origin>/fhir` over an in-memory store seeded with
 * the synthetic caseload, plus whatever request handlers are plugged in (EHR page, $export).
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  const now = options.now ?? new Date();
  loadFhirDefinitions();
  const repo = new SandboxRepository();
  seedCaseload(repo, { patients: options.patients ?? 200, seed: options.seed ?? 1, now });

  const types = offeredTypes(options.types);
  const handlers = [...(options.handlers ?? []), ...(types ? [offeredTypesHandler(types)] : []), ...defaultHandlers(types ? { types } : {})];
  const writeLock = new WriteLock();
  // Known once listening (the port may be chosen by the OS).
  const listening: { fhir?: { fhirBase: string; router: ReturnType<typeof createSandboxRouter> } } = {};

  const server: Server = createServer((req, res) => {
    void (async () => {
      try {
        const fhir = listening.fhir;
        if (!fhir) throw new Error('request before the server was listening');
        const ctx: RequestHandlerContext = { fhirBase: fhir.fhirBase, repo };
        for (const handler of handlers) {
          if (await handler(req, res, ctx)) return;
        }
        const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
        if (url.pathname === '/fhir' || url.pathname.startsWith('/fhir/')) {
          await handleFhirRequest(
            req,
            res,
            {
              fhirBase: fhir.fhirBase,
              repo,
              router: fhir.router,
              writeLock,
              capabilityStatement: () => buildCapabilityStatement({ fhirBase: ctx.fhirBase, date: now, ...(types ? { types } : {}) }),
            },
            url.pathname.slice('/fhir'.length),
            url.search,
          );
          return;
        }
        sendOutcome(req, res, notFoundAt(`Nothing at ${url.pathname}; the FHIR server is at /fhir`));
      } catch (err) {
        console.error(`sandbox: request handler failed: ${err instanceof Error ? err.name : typeof err}`);
        if (!res.headersSent) sendOutcome(req, res, serverErrorOutcome());
        else res.destroy();
      }
    })();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${hostForUrl(host)}:${port}`;
  const fhirBase = `${origin}/fhir`;
  listening.fhir = { fhirBase, router: createSandboxRouter(fhirBase) };

  return {
    origin,
    fhirBase,
    repo,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
