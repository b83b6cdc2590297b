import { allOk, created, isOk, isNotFound, OperationOutcomeError, normalizeOperationOutcome, parseSearchRequest } from '@medplum/core';
import type { FhirRequest, FhirResponse, FhirRouteHandler, FhirRouteOptions, FhirRepository, RestInteraction } from '@medplum/fhir-router';
import { FhirRouter } from '@medplum/fhir-router';
import type { Bundle, BundleEntry, BundleLink, Resource, ResourceType } from '@medplum/fhirtypes';
import type { ResourceInteraction, SupportedResource } from '../capability';
import { supportedResource } from '../capability';
import { methodNotAllowed, statusOf, unknownResourceType, invalidRequest } from './outcomes';
import { checkSearchQuery, formatQuery } from './searchQuery';
import type { LiteralReference } from './references';
import { danglingReferenceOutcome, localReferences } from './references';
import { checkResourceBody } from './validateBody';

/**
 * Builds the FhirRouter the sandbox serves: Medplum's routes, each wrapped so that what the
 * CapabilityStatement declares is enforced in one place — for plain HTTP requests and for the
 * entries of batch and transaction Bundles alike (the batch processor calls route handlers
 * directly, not through HTTP). The wrappers add what the router leaves out: body validation,
 * server-assigned ids on create, 201 for update-as-create, page windows with absolute `next`
 * links and `fullUrl`s, and version-aware entry responses in batch results.
 */
export function createSandboxRouter(fhirBase: string): FhirRouter {
  const router = new FhirRouter();
  const state: RouterState = { fhirBase, bundles: [] };
  for (const route of router.router.routes) {
    route.handler = wrap(route.data?.interaction, route.handler, state);
  }
  return router;
}

interface RouterState {
  fhirBase: string;
  /**
   * Bundles being processed (writes are serialised, so at most one outer Bundle). The batch
   * processor assigns ids to their creates in place before running entries, so a reference to a
   * resource created earlier or later in the same Bundle resolves against these.
   */
  bundles: Bundle[];
}

/** References in the resource to resources neither stored nor created in the Bundle being processed. */
async function danglingReferences(resource: Resource, repo: FhirRepository, state: RouterState): Promise<LiteralReference[]> {
  const inBundles = new Set(
    state.bundles.flatMap((b) => (b.entry ?? []).map((e) => (e.resource?.id ? `${e.resource.resourceType}/${e.resource.id}` : ''))),
  );
  const self = resource.id ? `${resource.resourceType}/${resource.id}` : '';
  const dangling: LiteralReference[] = [];
  for (const ref of localReferences(resource, state.fhirBase)) {
    if (ref.target === self || inBundles.has(ref.target)) continue;
    const [type = '', id = ''] = ref.target.split('/');
    const exists = await repo.readResource(type, id).then(
      () => true,
      (err: unknown) => {
        if (err instanceof OperationOutcomeError && isNotFound(err.outcome)) return false;
        throw err;
      },
    );
    if (!exists) dangling.push(ref);
  }
  return dangling;
}

const RESOURCE_INTERACTIONS = new Set<RestInteraction>(['read', 'vread', 'update', 'create', 'search-type', 'history-instance']);

/** Whether the server offers this kind of interaction at all (per-type support is checked per request). */
export function isOfferedInteraction(interaction: RestInteraction | undefined): boolean {
  return interaction === 'batch' || (interaction !== undefined && RESOURCE_INTERACTIONS.has(interaction));
}

function wrap(interaction: RestInteraction | undefined, original: FhirRouteHandler, state: RouterState): FhirRouteHandler {
  const { fhirBase } = state;
  if (interaction === 'batch') {
    return async (req, repo, router, options) => {
      const isBundle = (req.body as Resource | undefined)?.resourceType === 'Bundle';
      if (isBundle) state.bundles.push(req.body as Bundle);
      try {
        const [outcome, bundle] = await original(req, repo, router, options);
        if (!isOk(outcome) || bundle?.resourceType !== 'Bundle') return [outcome];
        return [outcome, describeBatchResponse(bundle, fhirBase)];
      } finally {
        if (isBundle) state.bundles.pop();
      }
    };
  }
  if (!interaction || !RESOURCE_INTERACTIONS.has(interaction)) {
    return async (req) => [methodNotAllowed(`${req.method} ${req.pathname || req.url} is not supported by this server`)];
  }
  const resourceInteraction = interaction as ResourceInteraction;
  return async (req, repo, router, options) => {
    const declared = supportedResource(req.params.resourceType ?? '');
    if (!declared) return [unknownResourceType(req.params.resourceType ?? '')];
    if (!declared.interactions.includes(resourceInteraction)) {
      return [methodNotAllowed(`${interaction} is not supported for ${declared.type}`)];
    }
    switch (resourceInteraction) {
      case 'search-type':
        return search(req, repo, declared, fhirBase);
      case 'create':
        return create(req, repo, router, original, declared, state, options);
      case 'update':
        return update(req, repo, router, original, declared, state, options);
      default:
        return original(req, repo, router, options);
    }
  };
}

async function create(
  req: FhirRequest,
  repo: FhirRepository,
  router: FhirRouter,
  original: FhirRouteHandler,
  declared: SupportedResource,
  state: RouterState,
  options: FhirRouteOptions | undefined,
): Promise<FhirResponse> {
  const invalid = checkResourceBody(req.body, declared.type);
  if (invalid) return [invalid];
  const ifNoneExist = req.headers?.['if-none-exist'];
  if (ifNoneExist !== undefined) {
    // Criteria the server cannot evaluate would match nothing, and the "conditional" create would
    // then duplicate the resource it exists to protect.
    const criteria = Object.fromEntries(new URLSearchParams(Array.isArray(ifNoneExist) ? ifNoneExist.join('&') : ifNoneExist));
    const checked = Object.keys(criteria).length === 0 ? invalidRequest('If-None-Exist has no search criteria') : checkSearchQuery(declared, criteria);
    if ('resourceType' in checked) return [{ ...checked, issue: checked.issue.map((i) => ({ ...i, expression: ['If-None-Exist'] })) }];
  }
  const body = req.body as Resource;
  const dangling = await danglingReferences(body, repo, state);
  if (dangling.length) return [danglingReferenceOutcome(dangling)];
  // The server assigns ids on create (FHIR http.html#create); only a transaction's preprocessing,
  // which rewrites urn:uuid references to them, may hand one in.
  const resource = options?.assignedId ? body : { ...body, id: undefined };
  return original({ ...req, body: resource }, repo, router, options);
}

async function update(
  req: FhirRequest,
  repo: FhirRepository,
  router: FhirRouter,
  original: FhirRouteHandler,
  declared: SupportedResource,
  state: RouterState,
  options: FhirRouteOptions | undefined,
): Promise<FhirResponse> {
  const invalid = checkResourceBody(req.body, declared.type);
  if (invalid) return [invalid];
  const dangling = await danglingReferences(req.body as Resource, repo, state);
  if (dangling.length) return [danglingReferenceOutcome(dangling)];
  const existed = await repo.readResource(declared.type, req.params.id ?? '').then(
    () => true,
    (err: unknown) => {
      if (err instanceof OperationOutcomeError && isNotFound(err.outcome)) return false;
      throw err;
    },
  );
  const result = await original(req, repo, router, options);
  const [outcome, resource] = result;
  // Update as create (FHIR http.html#upsert) answers 201, not the router's 200.
  if (isOk(outcome) && !existed && resource) return [created, resource];
  return result;
}

async function search(req: FhirRequest, repo: FhirRepository, declared: SupportedResource, fhirBase: string): Promise<FhirResponse> {
  let raw = req.query;
  if (req.method === 'POST') {
    // POST [type]/_search: form parameters in the body, as well as any in the URL.
    if (req.body !== undefined && (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body))) {
      return [invalidRequest('POST _search expects application/x-www-form-urlencoded parameters')];
    }
    raw = { ...req.query, ...(req.body as Record<string, string | string[]> | undefined) };
  }
  const checked = checkSearchQuery(declared, raw);
  if ('resourceType' in checked) return [checked];
  let searchRequest;
  try {
    searchRequest = parseSearchRequest(declared.type as ResourceType, checked.query);
  } catch (err) {
    return [invalidRequest(`Invalid search: ${normalizeOperationOutcome(err).issue[0]?.details?.text ?? 'unreadable parameters'}`)];
  }
  const bundle = await repo.search(searchRequest);
  const total = bundle.total ?? 0;
  const page = (offset: number): string => `${fhirBase}/${declared.type}?${formatQuery({ ...checked.query, _offset: String(offset) })}`;
  const link: BundleLink[] = [{ relation: 'self', url: page(checked.offset) }, { relation: 'first', url: page(0) }];
  if (checked.count > 0 && checked.offset + checked.count < total) {
    link.push({ relation: 'next', url: page(checked.offset + checked.count) });
  }
  if (checked.offset > 0 && checked.count > 0) {
    link.push({ relation: 'previous', url: page(Math.max(0, checked.offset - checked.count)) });
  }
  const entry = bundle.entry?.map((e) => withFullUrl(e, fhirBase));
  const result: Bundle = { resourceType: 'Bundle', type: 'searchset', total, link, ...(entry?.length ? { entry } : {}) };
  return [allOk, result];
}

function withFullUrl<T extends BundleEntry>(entry: T, fhirBase: string): T {
  const r = entry.resource;
  return r?.id ? { fullUrl: `${fhirBase}/${r.resourceType}/${r.id}`, ...entry } : entry;
}

/**
 * Completes the router's batch/transaction response: HTTP statuses as this server maps them
 * (e.g. 405), and for each written or read resource its versioned location, ETag and
 * lastModified, as FHIR http.html#transaction-response asks.
 */
function describeBatchResponse(bundle: Bundle, fhirBase: string): Bundle {
  const entry = (bundle.entry ?? []).map((e): BundleEntry => {
    const response = e.response;
    if (!response) return e;
    const outcome = response.outcome;
    const status = outcome ? statusOf(outcome) : Number.parseInt(response.status, 10);
    const resource = e.resource;
    const versionId = resource?.meta?.versionId;
    const described: BundleEntry = {
      ...(resource?.id && resource.resourceType !== 'Bundle' ? { fullUrl: `${fhirBase}/${resource.resourceType}/${resource.id}` } : {}),
      ...e,
      response: {
        ...response,
        status: String(status),
        ...(status < 400 && resource?.id && versionId
          ? {
              location: `${resource.resourceType}/${resource.id}/_history/${versionId}`,
              etag: `W/"${versionId}"`,
              ...(resource.meta?.lastUpdated ? { lastModified: resource.meta.lastUpdated } : {}),
            }
          : {}),
      },
    };
    if (status >= 400) delete described.resource;
    return described;
  });
  return { ...bundle, entry };
}
