import type { SearchRequest, SortRule, WithId } from '@medplum/core';
import { OperationOutcomeError, badRequest, deepClone, evalFhirPath, getSearchParameter, isCreated, matchesSearchRequest } from '@medplum/core';
import type { CreateResourceOptions, DeleteResourceOptions } from '@medplum/fhir-router';
import { MemoryRepository, getExtraEntries } from '@medplum/fhir-router';
import type { Bundle, BundleEntry, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { SearchIndex } from './searchIndex';

/**
 * MemoryRepository's storage. Its fields are private in TypeScript only; this subclass reads them
 * for the two things the public API cannot do: undo a failed transaction, and list history
 * without MemoryRepository.readHistory's in-place `reverse()` (which flips the stored order on
 * every call). The constructor checks the shape so a Medplum upgrade that changes it fails loudly.
 */
interface MemoryStorage {
  resources: Map<string, Map<string, Resource>>;
  history: Map<string, Map<string, Resource[]>>;
}

interface Saved {
  resourceType: string;
  id: string;
  current: Resource | undefined;
  history: Resource[] | undefined;
}

/**
 * The sandbox's FHIR store: Medplum's MemoryRepository plus all-or-nothing transactions (its own
 * `withTransaction` runs the callback without any rollback), correct history order, and a fast
 * seeding path for synthetic caseloads.
 *
 * Searches match, order and page exactly as MemoryRepository does, but filters by reference,
 * identifier or _id use lookup tables (./searchIndex.ts) and only the returned page is copied.
 *
 * Transactions keep a journal of the state of every resource they touch before its first write
 * and restore it if the callback throws. The HTTP layer serialises writes, so no other write can
 * interleave with a transaction and be undone by its rollback.
 */
export class SandboxRepository extends MemoryRepository {
  private journal: Map<string, Saved> | undefined;
  private readonly index = new SearchIndex();
  /** Insertion order of every resource ever stored: MemoryRepository's search order. */
  private readonly sequence = new Map<string, number>();

  constructor() {
    super();
    const storage = this.storage();
    if (!(storage.resources instanceof Map) || !(storage.history instanceof Map)) {
      throw new Error('@medplum/fhir-router MemoryRepository no longer stores resources in Maps: update sandbox/http/sandboxRepository.ts');
    }
  }

  private storage(): MemoryStorage {
    return this as unknown as MemoryStorage;
  }

  /**
   * Stores a resource as version "1" without validation or a copy: the caller hands over a fresh,
   * already-valid resource (the caseload generator's output, checked by its tests). Fails when
   * the id is already taken.
   */
  seed(resource: WithId<Resource>, lastUpdated: string): void {
    const { resources, history } = this.storage();
    let byId = resources.get(resource.resourceType);
    if (!byId) {
      byId = new Map();
      resources.set(resource.resourceType, byId);
    }
    if (byId.has(resource.id)) {
      throw new OperationOutcomeError(badRequest(`Seeding ${resource.resourceType}/${resource.id}: id already in use`));
    }
    // A seeded record keeps the time it says it last changed (a withdrawal's date is that time); others are stamped now.
    const stored = { ...resource, meta: { ...resource.meta, versionId: '1', lastUpdated: resource.meta?.lastUpdated ?? lastUpdated } } as Resource;
    byId.set(resource.id, stored);
    let historyById = history.get(resource.resourceType);
    if (!historyById) {
      historyById = new Map();
      history.set(resource.resourceType, historyById);
    }
    historyById.set(resource.id, [stored]);
    this.stored(stored);
  }

  /**
   * Builds the search indexes for these `[resourceType, searchParam]` pairs now rather than on the
   * first search that needs them.
   */
  prepareIndexes(pairs: readonly (readonly [string, string])[]): void {
    for (const [resourceType, code] of pairs) {
      this.index.prepare(resourceType, code, () => this.storage().resources.get(resourceType)?.values() ?? []);
    }
  }

  /** How many current resources of a type the store holds. */
  count(resourceType: string): number {
    return this.storage().resources.get(resourceType)?.size ?? 0;
  }

  /** Every current resource of a type, in insertion order (for bulk export); copies. */
  *resourcesOfType(resourceType: string): Generator<Resource> {
    for (const resource of this.storage().resources.get(resourceType)?.values() ?? []) {
      yield deepClone(resource);
    }
  }

  override async createResource<T extends Resource>(resource: T, options?: CreateResourceOptions, update = false): Promise<WithId<T>> {
    const withId = resource.id ? resource : { ...resource, id: this.generateId() };
    this.remember(withId.resourceType, withId.id as string);
    const result = await super.createResource(withId, options, update);
    this.stored(result);
    return result;
  }

  override async conditionalCreate<T extends Resource>(
    resource: T,
    search: SearchRequest<T>,
    options?: CreateResourceOptions,
  ): Promise<{ resource: WithId<T>; outcome: OperationOutcome }> {
    const result = await super.conditionalCreate(resource, search, options);
    if (isCreated(result.outcome)) {
      // The resource did not exist before this call, so its saved state is "absent".
      this.rememberAbsent(result.resource.resourceType, result.resource.id);
      this.stored(result.resource);
    }
    return result;
  }

  override async deleteResource(resourceType: string, id: string, options?: DeleteResourceOptions): Promise<void> {
    this.remember(resourceType, id);
    await super.deleteResource(resourceType, id, options);
    this.index.delete(resourceType, id);
  }

  override async expungeResources(resourceType: string, ids: string[]): Promise<void> {
    await super.expungeResources(resourceType, ids);
    for (const id of ids) this.index.delete(resourceType, id);
  }

  override async search<T extends Resource>(searchRequest: SearchRequest<T>): Promise<Bundle<WithId<T>>> {
    const byId = this.storage().resources.get(searchRequest.resourceType);
    const chained = (searchRequest.filters ?? []).some((f) => f.code.includes('.') || f.code.startsWith('_has'));
    if (!byId || chained) return super.search(searchRequest);

    // Same results as MemoryRepository.search, but only the page is copied (it deep-copies every
    // match before slicing: two seconds a page on 100,000 patients), and indexed filters narrow
    // the candidates first.
    const candidates = this.index.candidates(searchRequest, () => byId.values());
    const order = (r: Resource) => this.sequence.get(`${r.resourceType}/${r.id}`) ?? 0;
    const source: Iterable<Resource | undefined> = candidates
      ? [...candidates].map((id) => byId.get(id)).sort((a, b) => (a && b ? order(a) - order(b) : 0))
      : byId.values();
    let matches: Resource[] = [];
    for (const resource of source) {
      if (resource && matchesSearchRequest(resource, searchRequest)) matches.push(resource);
    }
    for (const rule of searchRequest.sortRules ?? []) matches = matches.sort((a, b) => compareBy(a, b, rule));
    const total = matches.length;
    const start = searchRequest.offset ?? 0;
    const page = matches.slice(start, searchRequest.count === undefined ? undefined : start + searchRequest.count);
    const entries: BundleEntry[] = page.map((resource) => ({ search: { mode: 'match' }, resource: deepClone(resource) }));
    if ((searchRequest.include || searchRequest.revInclude) && entries.length) {
      await getExtraEntries(this, searchRequest, entries.map((e) => e.resource as Resource), entries);
    }
    return { resourceType: 'Bundle', type: 'searchset', ...(entries.length ? { entry: entries as BundleEntry<WithId<T>>[] } : {}), total };
  }

  override async readHistory<T extends Resource>(resourceType: string, id: string): Promise<Bundle<T>> {
    await this.readResource(resourceType, id);
    const versions = (this.storage().history.get(resourceType)?.get(id) ?? []) as T[];
    const entry = [...versions].reverse().map((version) => ({ resource: deepClone(version) }));
    return { resourceType: 'Bundle', type: 'history', ...(entry.length ? { entry } : {}) };
  }

  override async withTransaction<TResult>(callback: (repo: this) => Promise<TResult>): Promise<TResult> {
    if (this.journal) {
      // Nested (e.g. a conditional update inside a transaction Bundle): part of the outer one.
      return callback(this);
    }
    this.journal = new Map();
    try {
      return await callback(this);
    } catch (err) {
      this.rollback();
      throw err;
    } finally {
      this.journal = undefined;
    }
  }

  private remember(resourceType: string, id: string): void {
    const key = `${resourceType}/${id}`;
    if (!this.journal || this.journal.has(key)) return;
    const { resources, history } = this.storage();
    this.journal.set(key, {
      resourceType,
      id,
      current: resources.get(resourceType)?.get(id),
      history: history.get(resourceType)?.get(id)?.slice(),
    });
  }

  private rememberAbsent(resourceType: string, id: string): void {
    const key = `${resourceType}/${id}`;
    if (!this.journal || this.journal.has(key)) return;
    this.journal.set(key, { resourceType, id, current: undefined, history: undefined });
  }

  /** Keeps insertion order and search indexes current after a resource version is stored. */
  private stored(resource: Resource): void {
    const key = `${resource.resourceType}/${resource.id}`;
    if (!this.sequence.has(key)) this.sequence.set(key, this.sequence.size);
    this.index.update(resource);
  }

  private rollback(): void {
    const { resources, history } = this.storage();
    for (const saved of this.journal?.values() ?? []) {
      if (saved.current) {
        resources.get(saved.resourceType)?.set(saved.id, saved.current);
        this.index.update(saved.current);
      } else {
        resources.get(saved.resourceType)?.delete(saved.id);
        this.index.delete(saved.resourceType, saved.id);
      }
      if (saved.history) history.get(saved.resourceType)?.set(saved.id, saved.history);
      else history.get(saved.resourceType)?.delete(saved.id);
    }
  }
}

/** MemoryRepository's `_sort` order: the parameter's values as JSON, compared as text. */
function compareBy(a: Resource, b: Resource, rule: SortRule): number {
  const expression = getSearchParameter(a.resourceType, rule.code)?.expression;
  if (!expression) return 0;
  const aText = JSON.stringify(evalFhirPath(expression, a));
  const bText = JSON.stringify(evalFhirPath(expression, b));
  return aText.localeCompare(bText) * (rule.descending ? -1 : 1);
}
