import type { Filter, SearchRequest, TypedValue } from '@medplum/core';
import { LRUCache, Operator, evalFhirPathTyped, getSearchParameter, splitSearchOnComma, toTypedValue } from '@medplum/core';
import type { FhirPathAtom } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';

/**
 * Lookup tables for the searches the adapter and the audit make constantly — by reference
 * (`RelatedPerson?patient=Patient/x`, and every `_revinclude`), by `identifier` (NHS number) and by
 * `_id` — so they cost a lookup instead of a FHIRPath evaluation per stored resource.
 *
 * An index only narrows the candidates: the repository still runs the full search matching on
 * them, so an index may hold a superset of true matches (identifier keys ignore the system) and
 * results are exactly what an unindexed search returns. Indexes are built on first use per
 * (resource type, parameter) and kept current on every write.
 */
export class SearchIndex {
  private readonly indexes = new Map<string, { byKey: Map<string, Set<string>>; byId: Map<string, string[]> }>();
  private readonly cache = new LRUCache<FhirPathAtom>(200);

  /**
   * Ids that may match the request, or undefined when no filter can use an index (the caller
   * scans everything). `all` yields the current resources of the type, for building an index.
   */
  candidates(searchRequest: SearchRequest, all: () => Iterable<Resource>): Set<string> | undefined {
    let result: Set<string> | undefined;
    for (const filter of searchRequest.filters ?? []) {
      const ids = this.lookup(searchRequest.resourceType, filter, all);
      if (!ids) continue;
      result = result ? new Set([...result].filter((id) => ids.has(id))) : ids;
    }
    return result;
  }

  /** Builds the index for a parameter now (so the first search after startup is not the slow one). */
  prepare(resourceType: string, code: string, all: () => Iterable<Resource>): void {
    this.indexFor(resourceType, code, all);
  }

  /** Records a resource's current version (after a create or update). */
  update(resource: Resource): void {
    if (!resource.id) return;
    for (const [key, index] of this.indexes) {
      const [type, code] = key.split(' ') as [string, string];
      if (type !== resource.resourceType) continue;
      this.remove(index, resource.id);
      this.add(index, resource.id, this.keysOf(resource, code));
    }
  }

  /** Forgets a resource (deleted or rolled back). */
  delete(resourceType: string, id: string): void {
    for (const [key, index] of this.indexes) {
      if (key.startsWith(`${resourceType} `)) this.remove(index, id);
    }
  }

  /** Drops the indexes of a type (they are rebuilt on next use). */
  invalidate(resourceType: string): void {
    for (const key of [...this.indexes.keys()]) {
      if (key.startsWith(`${resourceType} `)) this.indexes.delete(key);
    }
  }

  private lookup(resourceType: string, filter: Filter, all: () => Iterable<Resource>): Set<string> | undefined {
    if (filter.operator !== Operator.EQUALS || filter.code.includes('.') || filter.code.includes(':')) return undefined;
    const values = splitSearchOnComma(filter.value);
    if (filter.code === '_id') return new Set(values);
    const keys = this.queryKeys(resourceType, filter.code, values);
    if (!keys) return undefined;
    const index = this.indexFor(resourceType, filter.code, all);
    const ids = new Set<string>();
    for (const key of keys) for (const id of index.byKey.get(key) ?? []) ids.add(id);
    return ids;
  }

  /** Index keys a filter's values map to, or undefined when the filter cannot use the index. */
  private queryKeys(resourceType: string, code: string, values: string[]): string[] | undefined {
    const param = getSearchParameter(resourceType, code);
    if (param?.type === 'reference') {
      // A bare id (no "Type/") matches by suffix: leave those to the full scan.
      return values.every((v) => v.includes('/')) ? values : undefined;
    }
    if (code === 'identifier' && param?.type === 'token') {
      const keys = values.map((v) => (v.includes('|') ? v.slice(v.indexOf('|') + 1) : v).toLowerCase());
      return keys.every((k) => k !== '') ? keys : undefined;
    }
    return undefined;
  }

  private keysOf(resource: Resource, code: string): string[] {
    const param = getSearchParameter(resource.resourceType, code);
    if (!param?.expression) return [];
    const values: TypedValue[] = evalFhirPathTyped(param.expression, [toTypedValue(resource)], undefined, this.cache);
    const keys = new Set<string>();
    for (const { value } of values) {
      if (typeof value !== 'object' || value === null) continue;
      const v = value as { reference?: unknown; value?: unknown };
      if (param.type === 'reference' && typeof v.reference === 'string') keys.add(v.reference);
      if (param.type === 'token' && typeof v.value === 'string') keys.add(v.value.toLowerCase());
    }
    return [...keys];
  }

  private indexFor(resourceType: string, code: string, all: () => Iterable<Resource>) {
    const key = `${resourceType} ${code}`;
    let index = this.indexes.get(key);
    if (!index) {
      index = { byKey: new Map(), byId: new Map() };
      for (const resource of all()) if (resource.id) this.add(index, resource.id, this.keysOf(resource, code));
      this.indexes.set(key, index);
    }
    return index;
  }

  private add(index: { byKey: Map<string, Set<string>>; byId: Map<string, string[]> }, id: string, keys: string[]): void {
    index.byId.set(id, keys);
    for (const key of keys) {
      let ids = index.byKey.get(key);
      if (!ids) {
        ids = new Set();
        index.byKey.set(key, ids);
      }
      ids.add(id);
    }
  }

  private remove(index: { byKey: Map<string, Set<string>>; byId: Map<string, string[]> }, id: string): void {
    for (const key of index.byId.get(id) ?? []) index.byKey.get(key)?.delete(id);
    index.byId.delete(id);
  }
}
