import type { OperationOutcome } from '@medplum/fhirtypes';
import type { SupportedResource } from '../capability';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, MAX_PAGE_SIZE_WITH_INCLUDES, SUPPORTED_MODIFIERS, SUPPORTED_RESOURCES } from '../capability';
import { invalidRequest, notAcceptable, notSupported } from './outcomes';

export type SearchQuery = Record<string, string | string[]>;

export interface CheckedSearch {
  /** The query to run and to echo in Bundle links: `_count` and `_offset` always set. */
  query: SearchQuery;
  count: number;
  offset: number;
}

const JSON_FORMATS = new Set(['json', 'application/json', 'application/fhir+json']);
const TOTAL_VALUES = new Set(['none', 'estimate', 'accurate']);

/** Every `_include` / `_revinclude` value some type declares: `:iterate` rounds run against any included type. */
const anyInclude = new Set(SUPPORTED_RESOURCES.flatMap((r) => r.searchInclude));
const anyRevInclude = new Set(SUPPORTED_RESOURCES.flatMap((r) => r.searchRevInclude));

function values(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function nonNegativeInteger(name: string, raw: string): number | OperationOutcome {
  if (!/^\d{1,9}$/.test(raw)) return invalidRequest(`${name} must be a whole number, 0 or more (got "${raw}")`, name);
  return Number.parseInt(raw, 10);
}

/** `Source:param` of an include value (`Source:param:Target` names a target type too). */
function includeKey(value: string): string {
  return value.split(':').slice(0, 2).join(':');
}

/**
 * Checks a search against what the server declares (strict handling: the FHIR search spec lets a
 * server reject parameters it does not support, and a silently ignored filter would return too
 * much, e.g. every carer of every patient), and fixes the page window.
 * @see https://hl7.org/fhir/R4/search.html#errors
 */
export function checkSearchQuery(resource: SupportedResource, raw: Record<string, string | string[] | undefined>): CheckedSearch | OperationOutcome {
  const query: SearchQuery = {};
  let count: number | undefined;
  let offset = 0;
  let hasIncludes = false;
  const paramTypes = new Map(resource.searchParams.map((p) => [p.name, p.type]));

  for (const [key, value] of Object.entries(raw)) {
    const all = values(value);
    const last = all.at(-1) ?? '';
    const [name = '', modifier = ''] = key.split(':', 2);
    switch (name) {
      case '_':
        // Cache-busting parameter some HTTP clients add; never a filter.
        continue;
      case '_count': {
        const parsed = nonNegativeInteger('_count', last);
        if (typeof parsed !== 'number') return parsed;
        count = parsed;
        continue;
      }
      case '_offset': {
        const parsed = nonNegativeInteger('_offset', last);
        if (typeof parsed !== 'number') return parsed;
        offset = parsed;
        continue;
      }
      case '_format':
        if (!JSON_FORMATS.has(last)) return notAcceptable(`This server only speaks JSON (_format=${last} is not available)`);
        continue;
      case '_pretty':
        continue;
      case '_total':
        if (!TOTAL_VALUES.has(last)) return invalidRequest(`_total must be none, estimate or accurate (got "${last}")`, '_total');
        query[key] = value ?? '';
        continue;
      case '_sort':
        for (const field of last.split(',')) {
          const code = field.startsWith('-') ? field.slice(1) : field;
          if (!paramTypes.has(code)) return notSupported(`Cannot sort ${resource.type} by "${code}"`, '_sort');
        }
        query[key] = value ?? '';
        continue;
      case '_include':
      case '_revinclude': {
        if (modifier !== '' && modifier !== 'iterate') return notSupported(`${name}:${modifier} is not supported`, key);
        const declared = name === '_include' ? resource.searchInclude : resource.searchRevInclude;
        const anyDeclared = name === '_include' ? anyInclude : anyRevInclude;
        for (const v of all) {
          const ok = modifier === 'iterate' ? anyDeclared.has(includeKey(v)) : declared.includes(includeKey(v));
          if (!ok) return notSupported(`${name}=${v} is not supported when searching ${resource.type}`, key);
        }
        hasIncludes = true;
        query[key] = value ?? '';
        continue;
      }
      default:
        break;
    }
    if (name.startsWith('_') && !paramTypes.has(name)) {
      return notSupported(`Search result parameter "${name}" is not supported by this server`, key);
    }
    if (key.includes('.')) return notSupported(`Chained search ("${key}") is not supported by this server`, key);
    const type = paramTypes.get(name);
    if (!type) return notSupported(`Search parameter "${name}" is not supported for ${resource.type}`, key);
    if (modifier && !(SUPPORTED_MODIFIERS[type] ?? []).includes(modifier)) {
      return notSupported(`Modifier :${modifier} is not supported on ${resource.type}?${name}`, key);
    }
    if (all.some((v) => v === '') && modifier !== 'missing') {
      return invalidRequest(`Search parameter "${key}" has an empty value`, key);
    }
    query[key] = value ?? '';
  }

  const max = hasIncludes ? MAX_PAGE_SIZE_WITH_INCLUDES : MAX_PAGE_SIZE;
  const pageSize = Math.min(count ?? DEFAULT_PAGE_SIZE, max);
  query._count = String(pageSize);
  query._offset = String(offset);
  return { query, count: pageSize, offset };
}

/** The query as a URL query string, repeated parameters kept. */
export function formatQuery(query: SearchQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const v of values(value)) params.append(key, v);
  }
  return params.toString();
}
