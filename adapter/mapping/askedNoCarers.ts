/**
 * The "asked: no carers" List (shared/terminology.md): code SNOMED 184140000, status current,
 * emptyReason nilknown, no entries. It distinguishes "asked, none named" from "never asked".
 */
import type { AskedNoCarers } from '../../shared/domain/types';
import { ASKED_NO_CARERS_LIST_CODE, EMPTY_REASON_NILKNOWN, codingMatches } from '../../shared/terminology';
import { ListSchema } from '../fhir/schemas';
import { ignored, parseResource, type ReadWarning } from './readResult';
import { resolveReference } from './references';

export interface AskedNoCarersRead {
  /** "Patient/<id>" the List is about. */
  patient: string | undefined;
  asked: AskedNoCarers;
  lastUpdated?: string;
  /** Malformed elements that were left out (source: who asked). */
  warnings: string[];
}

const DROPPABLE = ['source'] as const;

export interface ReadAskedNoCarersOptions {
  aliases?: ReadonlyMap<string, string>;
}

export function readAskedNoCarersList(raw: unknown, options: ReadAskedNoCarersOptions = {}): AskedNoCarersRead | ReadWarning {
  const parsed = parseResource(ListSchema, raw, 'List', DROPPABLE);
  if (!parsed.ok) return { warning: parsed.warning };
  const list = parsed.value;
  const ref = `List/${list.id}` as const;
  if (!(list.code?.coding ?? []).some((c) => codingMatches(c, [ASKED_NO_CARERS_LIST_CODE]))) return ignored(`${ref} is not a carer list`);
  if (list.status !== 'current') return ignored(`${ref} is ${list.status} and is ignored`);
  if ((list.entry ?? []).length > 0) return { warning: `${ref} is a carer list with entries, not an "asked: no carers" answer; it was ignored` };
  if (!(list.emptyReason?.coding ?? []).some((c) => codingMatches(c, [EMPTY_REASON_NILKNOWN]))) {
    return { warning: `${ref} is an empty carer list without emptyReason "nilknown"; it was not read as "asked: no carers"` };
  }
  const asked: AskedNoCarers = { list: ref };
  if (list.date) asked.askedOn = list.date;
  const askedBy = list.source?.display?.trim();
  if (askedBy) asked.askedBy = askedBy;
  const result: AskedNoCarersRead = { patient: resolveReference(list.subject, 'Patient', options.aliases), asked, warnings: parsed.warnings };
  if (list.meta?.lastUpdated) result.lastUpdated = list.meta.lastUpdated;
  return result;
}

/** The AskedNoCarers answer a List records, or undefined when it is not one. */
export function isAskedNoCarersList(raw: unknown): AskedNoCarers | undefined {
  const read = readAskedNoCarersList(raw);
  return 'asked' in read ? read.asked : undefined;
}
