/**
 * What clinicians recorded beyond the coverage measures (issue 10): carers signposted to support,
 * young carers referred, and prompts deferred — by prompt code and reason, and by team — so a
 * service can see which prompts are deferred, and why. A streaming part of the audit state: facts
 * in (adapter/audit/facts.ts reads them with the panel's own readers), counts out.
 */
import { z } from 'zod';
import type { DeferralKind, DeferralReason, PromptCode } from '../domain/types';
import { isDeferralInForce } from '../deferrals';

/**
 * A completed carer-action Task: the carer was signposted, or (a young carer) referred, or a
 * significant change was recorded, or the carer was involved in discharge planning (`episode`: the
 * EpisodeOfCare id it was for).
 */
export interface CarerActionFact {
  kind: 'carerAction';
  id: string;
  carer: string;
  action: 'signposted' | 'young-carer-referred' | 'circumstances-changed' | 'discharge-planning-involved';
  episode?: string;
}

/** A recorded deferral of a prompt, for a carer or (a prompt about the patient) the patient. */
export interface DeferralFact {
  kind: 'deferral';
  id: string;
  carer?: string;
  patient?: string;
  code: PromptCode;
  deferral: DeferralKind;
  reason: DeferralReason;
  until: string;
}

export interface RecordedActionsState {
  carerActions: Map<string, CarerActionFact>;
  deferrals: Map<string, DeferralFact>;
}

export const emptyRecordedActions = (): RecordedActionsState => ({ carerActions: new Map(), deferrals: new Map() });

export function addRecordedAction(state: RecordedActionsState, fact: CarerActionFact | DeferralFact): void {
  if (fact.kind === 'carerAction') state.carerActions.set(fact.id, fact);
  else state.deferrals.set(fact.id, fact);
}

export function mergeRecordedActions(into: RecordedActionsState, from: RecordedActionsState): void {
  for (const [id, fact] of from.carerActions) into.carerActions.set(id, fact);
  for (const [id, fact] of from.deferrals) into.deferrals.set(id, fact);
}

const count = z.number().int().nonnegative();
export const RecordedActionsSchema = z.strictObject({
  /** Carers (of patients in scope) with a recorded signposting / young carers' referral. */
  carersSignposted: count,
  youngCarersReferred: count,
  /** Deferrals recorded, by prompt code, reason and team (null = no team), with how many are in force on the audit date. */
  deferrals: z.array(z.strictObject({ code: z.string(), reason: z.string(), team: z.string().nullable(), recorded: count, inForce: count })),
});
export type RecordedActions = z.infer<typeof RecordedActionsSchema>;

export interface RecordedActionsLookups {
  /** The patient a RelatedPerson belongs to, when that patient is in scope. */
  patientOfCarer: (carerId: string) => string | undefined;
  isInScope: (patientId: string) => boolean;
  teamOf: (patientId: string) => string | undefined;
}

/** The counts for the patients in scope, deferrals sorted by code, reason, then team (never ranked). */
export function recordedActionCounts(state: RecordedActionsState, lookups: RecordedActionsLookups, now: Date): RecordedActions {
  const inScope = (carerId: string): boolean => {
    const patient = lookups.patientOfCarer(carerId);
    return patient !== undefined && lookups.isInScope(patient);
  };
  const carersWith = (action: CarerActionFact['action']) =>
    new Set([...state.carerActions.values()].filter((f) => f.action === action && inScope(f.carer)).map((f) => f.carer)).size;
  const groups = new Map<string, RecordedActions['deferrals'][number]>();
  for (const fact of state.deferrals.values()) {
    const patient = fact.carer !== undefined ? lookups.patientOfCarer(fact.carer) : fact.patient;
    if (patient === undefined || !lookups.isInScope(patient)) continue;
    const team = lookups.teamOf(patient) ?? null;
    const key = JSON.stringify([fact.code, fact.reason, team]);
    const group = groups.get(key) ?? { code: fact.code, reason: fact.reason, team, recorded: 0, inForce: 0 };
    group.recorded += 1;
    if (isDeferralInForce(fact, now)) group.inForce += 1;
    groups.set(key, group);
  }
  return {
    carersSignposted: carersWith('signposted'),
    youngCarersReferred: carersWith('young-carer-referred'),
    deferrals: [...groups.values()].sort((a, b) => a.code.localeCompare(b.code) || a.reason.localeCompare(b.reason) || (a.team ?? '').localeCompare(b.team ?? '')),
  };
}
