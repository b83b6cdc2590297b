import { FhirError } from '../../errors';
import type { FhirHttp } from '../../http/fhirHttp';
import { AUDIT_RESOURCE_TYPES, OPTIONAL_AUDIT_TYPES } from '../../bulk/kickOff';
import { LINKED_RESOURCES } from '../../fhir/carerRecordResources';
import { mergeBounded } from '../../bulk/mergeBounded';
import type { SourceEvent } from '../../bulk/sourceEvents';
import { searchPages } from './searchPages';

export interface PagedSearchOptions {
  http: FhirHttp;
  /** Pull only a Group's members (and their carers, consents, tasks, lists) instead of everything. */
  group?: string;
  types?: readonly string[];
  /** `_count` per page (default 500). */
  count?: number;
  /** Searches in flight at once (default 2): across resource types, or across batches of Group members. */
  concurrency?: number;
  signal?: AbortSignal;
}

/** Members per search (`Patient?_id=a,b,…`): keeps URLs well under common 8 KB limits. */
const MEMBER_BATCH = 40;
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

/**
 * The fallback population pull for servers without `$export`: paged searches with bounded
 * concurrency. Without a Group, one search per resource type; with a Group, its members in
 * batches, each batch reading the patients and every row of the carer record by the patient
 * (adapter/fhir/carerRecordResources.ts), then the Tasks about the patients and their carers
 * (Task.for points at the carer, not the patient).
 * The same resources a Group `$export` gives, so both paths feed the audit the same population.
 *
 * Ends with one `complete` event; failures end it as `complete: false` with a reason.
 */
export async function* pagedSearch(options: PagedSearchOptions): AsyncGenerator<SourceEvent> {
  const types = options.types ?? AUDIT_RESOURCE_TYPES;
  const count = options.count ?? 500;
  const signal = options.signal;
  const page: Page = (path, label, type) => optional(type, label, searchPages(options.http, path, { label, ...(signal ? { signal } : {}) }));
  try {
    const sources =
      options.group === undefined
        ? types.map((type) => () => page(`${type}?_count=${count}`, `${type} search`, type))
        : memberBatches(await groupMembers(options.http, options.group, signal)).map(
            (batch, index) => () => batchSearch(batch, index, types, count, page),
          );
    if (options.group !== undefined && sources.length === 0) yield { type: 'warning', message: `Group ${options.group} has no active Patient members.` };
    else if (options.group !== undefined) yield { type: 'status', message: `Reading the Group's members in ${sources.length} batch(es)` };
    yield* mergeBounded(sources, options.concurrency ?? 2);
    yield { type: 'complete', complete: true };
  } catch (error) {
    const failure = error instanceof FhirError ? error : new FhirError({ kind: 'server', cause: error, message: 'paged search failed' });
    yield { type: 'complete', complete: false, reason: failure.kind === 'aborted' ? 'The pull was cancelled.' : failure.userMessage };
  }
}

/** The Group's active Patient members, without duplicates, as ids. */
async function groupMembers(http: FhirHttp, group: string, signal: AbortSignal | undefined): Promise<string[]> {
  if (!FHIR_ID.test(group)) {
    throw new FhirError({ kind: 'bad-request', message: 'the Group id is not a valid FHIR id', userMessage: `"${group}" is not a valid Group id.` });
  }
  const response = await http.send({ method: 'GET', path: `Group/${group}`, context: { interaction: 'read', resourceType: 'Group' }, ...(signal ? { signal } : {}) });
  const body = response.body as { resourceType?: unknown; member?: unknown } | undefined;
  if (body?.resourceType !== 'Group') {
    throw new FhirError({ kind: 'invalid-response', message: 'Group read did not return a Group', userMessage: `The FHIR server did not return Group ${group}.` });
  }
  const ids = new Set<string>();
  for (const member of Array.isArray(body.member) ? (body.member as unknown[]) : []) {
    const { entity, inactive } = (member ?? {}) as { entity?: { reference?: unknown }; inactive?: unknown };
    if (inactive === true || typeof entity?.reference !== 'string') continue;
    const match = /(?:^|\/)Patient\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/.*)?$/.exec(entity.reference);
    if (match?.[1] !== undefined) ids.add(match[1]);
  }
  return [...ids];
}

function memberBatches(ids: readonly string[]): string[][] {
  const batches: string[][] = [];
  for (let start = 0; start < ids.length; start += MEMBER_BATCH) batches.push(ids.slice(start, start + MEMBER_BATCH));
  return batches;
}

type Page = (path: string, label: string, type: string) => AsyncGenerator<SourceEvent>;

/** A search the server refuses for an optional type becomes a warning; every other failure ends the pull. */
async function* optional(type: string, label: string, search: AsyncGenerator<SourceEvent>): AsyncGenerator<SourceEvent> {
  if (!OPTIONAL_AUDIT_TYPES.has(type)) {
    yield* search;
    return;
  }
  try {
    yield* search;
  } catch (error) {
    const refused = error instanceof FhirError && ['bad-request', 'not-found', 'unsupported', 'forbidden'].includes(error.kind);
    if (!refused) throw error;
    yield { type: 'warning', message: `The server refused the ${label} (${error.kind}); the audit goes on without ${type} details.` };
  }
}

/**
 * One batch of members: their own resources (every row of the carer record, by the patient), then
 * the rows reached through their carers (the Tasks about the patients and their carers).
 */
async function* batchSearch(ids: readonly string[], index: number, types: readonly string[], count: number, page: Page): AsyncGenerator<SourceEvent> {
  const patients = ids.map((id) => `Patient/${id}`).join(',');
  const label = (type: string) => `${type} search for Group members (batch ${index + 1})`;
  const wants = (type: string) => types.includes(type);
  const carers: string[] = [];
  if (wants('Patient')) yield* page(`Patient?_id=${ids.join(',')}&_count=${count}`, label('Patient'), 'Patient');
  // RelatedPersons are read even when not asked for: the carers' Tasks are found through them.
  for await (const event of page(`RelatedPerson?patient=${patients}&_count=${count}`, label('RelatedPerson'), 'RelatedPerson')) {
    if (event.type === 'resource' && typeof event.resource.id === 'string') carers.push(`RelatedPerson/${event.resource.id}`);
    if (event.type !== 'resource' || wants('RelatedPerson')) yield event;
  }
  for (const row of LINKED_RESOURCES) {
    if (row.type === 'RelatedPerson' || row.throughCarers || !wants(row.type)) continue;
    yield* page(`${row.type}?${row.link}=${patients}&_count=${count}`, label(row.type), row.type);
  }
  for (const row of LINKED_RESOURCES) {
    if (!row.throughCarers || !wants(row.type)) continue;
    const subjects = [...ids.map((id) => `Patient/${id}`), ...carers];
    for (let start = 0; start < subjects.length; start += MEMBER_BATCH) {
      yield* page(`${row.type}?${row.link}=${subjects.slice(start, start + MEMBER_BATCH).join(',')}&_count=${count}`, label(row.type), row.type);
    }
  }
}
