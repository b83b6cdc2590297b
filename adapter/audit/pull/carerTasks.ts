import { FhirError } from '../../errors';
import type { FhirHttp } from '../../http/fhirHttp';
import type { SourceEvent } from '../../bulk/sourceEvents';
import { searchPages } from './searchPages';

export interface CarerTasksOptions {
  http: FhirHttp;
  /** `_count` per page. */
  count: number;
  signal?: AbortSignal;
}

/** Carers per search (`Task?subject=RelatedPerson/a,RelatedPerson/b,…`): keeps URLs well under common 8 KB limits. */
const CARER_BATCH = 40;

/**
 * A Patient- or Group-level export holds each patient's compartment, and a carer's assessment Task
 * is not in it: its `for` is the RelatedPerson (R4 Patient CompartmentDefinition: Task by `patient`
 * and `focus` only). So after such an export, the Tasks about the exported carers are read by
 * paged searches keyed on them, in batches, on the server's own origin. Tasks the export already
 * held (a server that includes them) are not counted twice.
 *
 * If those searches fail, the pull ends `complete: false` saying that the carers' assessment
 * measures could not be computed: never a silent zero.
 */
export async function* withCarerTasks(source: AsyncIterable<SourceEvent>, options: CarerTasksOptions): AsyncGenerator<SourceEvent> {
  const carers = new Set<string>();
  const tasks = new Set<string>();
  let ended: SourceEvent | undefined;
  for await (const event of source) {
    if (event.type === 'complete') {
      ended = event;
      continue;
    }
    if (event.type === 'resource' && typeof event.resource.id === 'string') {
      if (event.resource.resourceType === 'RelatedPerson') carers.add(`RelatedPerson/${event.resource.id}`);
      if (event.resource.resourceType === 'Task') tasks.add(event.resource.id);
    }
    yield event;
  }
  if (ended === undefined || (ended.type === 'complete' && !ended.complete)) {
    yield ended ?? { type: 'complete', complete: false, reason: 'The export ended before it finished.' };
    return;
  }
  const batches: string[][] = [];
  const all = [...carers];
  for (let start = 0; start < all.length; start += CARER_BATCH) batches.push(all.slice(start, start + CARER_BATCH));
  if (batches.length > 0) yield { type: 'status', message: `Reading the carers' assessment Tasks (not part of a patient export) in ${batches.length} batch(es)` };
  try {
    for (const [index, batch] of batches.entries()) {
      const label = `Task search for carers (batch ${index + 1})`;
      for await (const event of searchPages(options.http, `Task?subject=${batch.join(',')}&_count=${options.count}`, { label, ...(options.signal ? { signal: options.signal } : {}) })) {
        if (event.type === 'resource' && typeof event.resource.id === 'string') {
          if (tasks.has(event.resource.id)) continue;
          tasks.add(event.resource.id);
        }
        yield event;
      }
    }
  } catch (error) {
    const failure = error instanceof FhirError ? error : new FhirError({ kind: 'server', cause: error, message: 'carer Task search failed' });
    if (failure.kind === 'aborted') {
      yield { type: 'complete', complete: false, reason: 'The pull was cancelled.' };
      return;
    }
    yield {
      type: 'complete',
      complete: false,
      reason: `The carers' assessment Tasks could not be read (${failure.userMessage}), so the assessment measures (offered, accepted, declined, completed, offer on time, review overdue) could not be computed`,
    };
    return;
  }
  yield { type: 'complete', complete: true };
}
