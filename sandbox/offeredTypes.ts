import { unknownResourceType } from './http/outcomes';
import { sendOutcome } from './http/respond';
import { SUPPORTED_RESOURCES } from './capability';
import type { RequestHandler } from './server';

/**
 * The sandbox playing a server that offers only some resource types (`--types` on the sandbox
 * CLI, `types` in startSandbox): every interaction on another type is answered as a server that
 * has never heard of it answers (404, not-supported), its CapabilityStatement leaves it out
 * (sandbox/capability.ts) and its `$export` refuses to export it (sandbox/bulk/handler.ts). So a
 * client can be tested against a conformant server it did not grow up with.
 */
export function offeredTypesHandler(types: ReadonlySet<string>): RequestHandler {
  const withheld = new Set(SUPPORTED_RESOURCES.map((resource) => resource.type as string).filter((type) => !types.has(type)));
  return async (req, res, ctx) => {
    const base = new URL(ctx.fhirBase);
    const path = new URL(req.url ?? '/', base.origin).pathname;
    const prefix = `${base.pathname.replace(/\/+$/, '')}/`;
    if (!path.startsWith(prefix)) return false;
    const type = path.slice(prefix.length).split('/')[0] ?? '';
    if (!withheld.has(type)) return false;
    sendOutcome(req, res, unknownResourceType(type));
    return true;
  };
}

/** The types a sandbox offers when told to offer `types`: those it supports at all, in its own order. */
export function offeredTypes(types: readonly string[] | undefined): ReadonlySet<string> | undefined {
  return types === undefined ? undefined : new Set(SUPPORTED_RESOURCES.map((resource) => resource.type as string).filter((type) => types.includes(type)));
}
