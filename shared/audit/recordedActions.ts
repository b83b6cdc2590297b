/**
 * What clinicians recorded beyond the coverage measures (issue 10): carers signposted to support,
 * young carers referred, and prompts deferred — by prompt code and reason, and by team — so a
 * service can see which prompts are deferred, and why. A streaming part of the audit state: facts
 * in (adapter/audit/facts.ts reads them with the panel's own readers), counts out.
 */
import { z } from 'zod';
import type { DeferralKind, DeferralReason, PromptCode } from '../domain/types';
import type { CarerActionCode } from '../terminology';
import { isDeferralInForce } from '../deferrals';

/**
 * A completed carer-action Task: the carer was signposted, (a young carer) referred, involved in a
 * care plan (`carePlan`: the plan's id), given a contingency plan or the crisis numbers; or a
 * significant change was recorded, or the carer was involved in discharge planning (`episode`: the
 * EpisodeOfCare id it was for).
 */
export interface CarerActionFact {
  kind: 'carerAction';
  id: string;
  carer: string;
  action: Exclude<CarerActionCode, 'prompt-deferred' | 'children-asked'>;
  /** When it was recorded (Task.authoredOn): "acted on" counts it within the audit period (./promptOutcomes.ts). */
  on?: string;
  carePlan?: string;
  episode?: string;
}

/** One of a patient's current care plans (CarePlan, status active) and the carers it names (ids). */
export interface CarePlanFact {
  kind: 'carePlan';
  id: string;
  patient: string;
  involves: string[];
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
  /** When it was deferred. */
  on?: string;
}

/**
 * A referral for a statutory carer's assessment (recommendation 3), read as the panel reads it
 * (adapter/mapping/readReferralTask.ts); shared/domain/assessment.ts says what it means for the carer's
 * assessment, in the audit (./finalise.ts) as in the panel.
 */
export interface ReferralFact {
  kind: 'referral';
  id: string;
  carer: string;
  /** The patient, only when the Task names one (`for` the Patient, `focus` the carer). */
  patient?: string;
  on?: string;
  /** Epoch ms of `on`, then meta.lastUpdated (null when absent): which referral is the latest. */
  recency: { primary: number | null; secondary: number | null };
}

/** The carer's own decision about sharing their assessment (a carers-own-information Consent), no text kept. */
export interface CarerSharingConsentFact {
  kind: 'carerSharingConsent';
  id: string;
  carer: string;
  patient: string;
  decision: 'permit' | 'deny' | 'withdrawn' | 'unknown';
  recency: { primary: number | null; secondary: number | null };
}

/** Think Family: a patient (a parent) asked whether children in the household help to care, and the answer. */
export interface ChildrenAskedFact {
  kind: 'childrenAsked';
  id: string;
  patient: string;
  on: string;
  childHelps: boolean;
}

export interface RecordedActionsState {
  carerActions: Map<string, CarerActionFact>;
  deferrals: Map<string, DeferralFact>;
  /** Current care plans by id (./pathwayPlans.ts counts carers' involvement in them). */
  carePlans: Map<string, CarePlanFact>;
  referrals: Map<string, ReferralFact>;
  carerSharingConsents: Map<string, CarerSharingConsentFact>;
  /** Think Family answers by Task id (./finalise.ts: the latest per patient). */
  childrenAsked: Map<string, ChildrenAskedFact>;
}

export const emptyRecordedActions = (): RecordedActionsState => ({ carerActions: new Map(), deferrals: new Map(), carePlans: new Map(), referrals: new Map(), carerSharingConsents: new Map(), childrenAsked: new Map() });

export function addRecordedAction(state: RecordedActionsState, fact: CarerActionFact | DeferralFact | CarePlanFact | ReferralFact | CarerSharingConsentFact | ChildrenAskedFact): void {
  if (fact.kind === 'carerAction') state.carerActions.set(fact.id, fact);
  else if (fact.kind === 'carePlan') state.carePlans.set(fact.id, fact);
  else if (fact.kind === 'deferral') state.deferrals.set(fact.id, fact);
  else if (fact.kind === 'referral') state.referrals.set(fact.id, fact);
  else if (fact.kind === 'childrenAsked') state.childrenAsked.set(fact.id, fact);
  else state.carerSharingConsents.set(fact.id, fact);
}

export function mergeRecordedActions(into: RecordedActionsState, from: RecordedActionsState): void {
  for (const [id, fact] of from.carerActions) into.carerActions.set(id, fact);
  for (const [id, fact] of from.deferrals) into.deferrals.set(id, fact);
  for (const [id, fact] of from.carePlans) into.carePlans.set(id, fact);
  for (const [id, fact] of from.referrals) into.referrals.set(id, fact);
  for (const [id, fact] of from.carerSharingConsents) into.carerSharingConsents.set(id, fact);
  for (const [id, fact] of from.childrenAsked) into.childrenAsked.set(id, fact);
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
