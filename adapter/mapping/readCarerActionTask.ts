/**
 * Task coded in the project's carer-action CodeSystem (docs/actions.md) → what was done for a carer
 * and when: signposted to support, (a young carer) referred to young carers' support, involved in a
 * care plan (Task.focus the CarePlan), a contingency plan agreed, the crisis numbers given. Only a
 * completed Task counts; cancelled and entered-in-error ones are mistakes, and anything else has not
 * happened yet. When it happened: executionPeriod.end, else lastModified, else authoredOn.
 */
import { CARER_ACTION_CODES, carerActionCodeSystemUrl, type CarerActionCode } from '../../shared/terminology';
import { TaskSchema } from '../fhir/schemas';
import { ignored, parseResource, type ReadWarning } from './readResult';
import { resolveReference } from './references';

export interface CarerActionTaskRead {
  carerRef: string;
  action: CarerActionCode;
  on: string;
  /** The CarePlan the action was about (Task.focus), for a carer's involvement in care planning. */
  carePlan?: `CarePlan/${string}`;
  /** Task.focus when it is an EpisodeOfCare (discharge planning: the episode). */
  episode?: `EpisodeOfCare/${string}`;
  /** The coded inputs in the carer-action CodeSystem, by type (`change-kind` → `carer-illness`). */
  coded?: Readonly<Record<string, string>>;
}

export interface ReadCarerActionTaskOptions {
  extensionBase: string;
  aliases?: ReadonlyMap<string, string>;
}

/** The carer-action code of a raw Task, if it has one at the configured base (cheap, never throws, on any JSON). */
export function carerActionOf(raw: unknown, extensionBase: string): CarerActionCode | undefined {
  const system = carerActionCodeSystemUrl(extensionBase);
  const code = typeof raw === 'object' && raw !== null ? (raw as { code?: unknown }).code : undefined;
  const codings = typeof code === 'object' && code !== null ? (code as { coding?: unknown }).coding : undefined;
  if (!Array.isArray(codings)) return undefined;
  for (const coding of codings as unknown[]) {
    if (typeof coding !== 'object' || coding === null) continue;
    const { system: s, code: c } = coding as { system?: unknown; code?: unknown };
    if (s !== system) continue;
    const found = (Object.keys(CARER_ACTION_CODES) as CarerActionCode[]).find((k) => CARER_ACTION_CODES[k].code === c);
    if (found) return found;
  }
  return undefined;
}

export function readCarerActionTask(raw: unknown, options: ReadCarerActionTaskOptions): CarerActionTaskRead | ReadWarning {
  const parsed = parseResource(TaskSchema, raw, 'Task', ['note', 'requester', 'statusReason']);
  if (!parsed.ok) return { warning: parsed.warning };
  const task = parsed.value;
  const ref = `Task/${task.id}`;
  const action = carerActionOf(task, options.extensionBase);
  if (!action) return ignored(`${ref} is not a carer action`);
  if (task.status !== 'completed') return ignored(`${ref} has status ${task.status} and is ignored`);
  const carerRef = resolveReference(task.for, 'RelatedPerson', options.aliases) ?? resolveReference(task.focus, 'RelatedPerson', options.aliases);
  if (!carerRef) return { warning: `${ref} records a carer action but names no RelatedPerson` };
  const on = task.executionPeriod?.end ?? task.lastModified ?? task.authoredOn;
  if (!on) return { warning: `${ref} records a carer action with no date` };
  const read: CarerActionTaskRead = { carerRef, action, on };
  const carePlan = resolveReference(task.focus, 'CarePlan', options.aliases) as `CarePlan/${string}` | undefined;
  if (action === 'care-plan-involved' && carePlan === undefined) return { warning: `${ref} records a carer's involvement in care planning but names no CarePlan` };
  if (carePlan !== undefined) read.carePlan = carePlan;
  const episode = resolveReference(task.focus, 'EpisodeOfCare', options.aliases);
  if (episode) read.episode = episode as `EpisodeOfCare/${string}`;
  const coded = codedInputs(raw, carerActionCodeSystemUrl(options.extensionBase));
  if (Object.keys(coded).length > 0) read.coded = coded;
  return read;
}

/** Task.input entries typed in the carer-action CodeSystem with a valueCode (cheap, on the raw JSON). */
function codedInputs(raw: unknown, system: string): Record<string, string> {
  const out: Record<string, string> = {};
  const inputs = (raw as { input?: unknown }).input;
  if (!Array.isArray(inputs)) return out;
  for (const input of inputs as unknown[]) {
    if (typeof input !== 'object' || input === null) continue;
    const { type, valueCode } = input as { type?: { coding?: unknown }; valueCode?: unknown };
    if (typeof valueCode !== 'string' || !Array.isArray(type?.coding)) continue;
    for (const coding of type.coding as unknown[]) {
      const { system: s, code } = (coding ?? {}) as { system?: unknown; code?: unknown };
      if (s === system && typeof code === 'string' && out[code] === undefined) out[code] = valueCode;
    }
  }
  return out;
}
