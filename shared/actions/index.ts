/**
 * Every write action, one file each, listed once here. Adding an action is its file, one line in
 * WRITE_ACTION_LIST, its adapter operation (adapter/actions/perform.ts) and its form
 * (extension/panel/forms/registry.tsx); the types make each of those fail to compile until done.
 *
 * Advice is not a write: "Check in the EHR" opens nothing and records nothing.
 */
import * as z from 'zod/mini';
import { addCarer } from './add-carer';
import { deferPrompt } from './defer-prompt';
import { endDeferral } from './end-deferral';
import { answerContact } from './answer-contact';
import type { WriteActionDefinition } from './define';
import { editCarer } from './edit-carer';
import { markCarer } from './mark-carer';
import { markNotCarer } from './mark-not-carer';
import { offerAssessment } from './offer-assessment';
import { recordAssessmentOutcome } from './record-assessment-outcome';
import { recordConsent } from './record-consent';
import { recordNoCarers } from './record-no-carers';
import { recordSignposting } from './record-signposting';
import { referYoungCarer } from './refer-young-carer';
import { referCarerAssessment } from './refer-carer-assessment';
import { recordCarerSharingConsent } from './record-carer-sharing-consent';
import { recordChildrenAsked } from './record-children-asked';
import { withdrawConsent } from './withdraw-consent';
import { involveCarerInCarePlan } from './involve-carer-in-care-plan';
import { recordContingencyPlan } from './record-contingency-plan';
import { recordCrisisNumbers } from './record-crisis-numbers';
import { recordCarerHeard } from './record-carer-heard';
import { recordCarerEnquiry } from './record-carer-enquiry';
import { answerCarerEnquiry } from './answer-carer-enquiry';
import { recordDisclosure } from './record-disclosure';
import { requestTransitionAssessment } from './request-transition-assessment';
import { recordCircumstancesChanged } from './record-circumstances-changed';
import { recordDischargeInvolvement } from './record-discharge-involvement';

export const WRITE_ACTION_LIST = [
  addCarer,
  recordNoCarers,
  markCarer,
  markNotCarer,
  answerContact,
  editCarer,
  recordConsent,
  withdrawConsent,
  offerAssessment,
  recordAssessmentOutcome,
  recordSignposting,
  referYoungCarer,
  deferPrompt,
  endDeferral,
  involveCarerInCarePlan,
  recordContingencyPlan,
  recordCrisisNumbers,
  recordCarerHeard,
  recordCarerEnquiry,
  answerCarerEnquiry,
  recordDisclosure,
  requestTransitionAssessment,
  referCarerAssessment,
  recordCarerSharingConsent,
  recordCircumstancesChanged,
  recordDischargeInvolvement,
  recordChildrenAsked,
] as const;

type Registry = typeof WRITE_ACTION_LIST;
export type WriteKind = Registry[number]['kind'];

/** Advice a prompt may carry beside its writes: shown as a pointer, never sent anywhere. */
export const ADVICE_KINDS = ['open-in-ehr'] as const;
export type AdviceKind = (typeof ADVICE_KINDS)[number];

/** What a clinician can do about a prompt: a write from the registry, or advice. */
export type ActionKind = WriteKind | AdviceKind;

export const WRITE_ACTIONS = Object.fromEntries(WRITE_ACTION_LIST.map((a) => [a.kind, a])) as unknown as { readonly [K in WriteKind]: Extract<Registry[number], { kind: K }> };
export const WRITE_KINDS: readonly WriteKind[] = WRITE_ACTION_LIST.map((a) => a.kind);

export function isWriteKind(kind: string): kind is WriteKind {
  return Object.hasOwn(WRITE_ACTIONS, kind);
}

type Inputs<T extends readonly WriteActionDefinition[]> = { -readonly [I in keyof T]: T[I]['input'] };

/** The message for any write action (the panel → background boundary parses it). */
export const WriteInputSchema = z.discriminatedUnion('kind', WRITE_ACTION_LIST.map((a) => a.input) as unknown as Inputs<Registry>);
export type WriteInput = z.infer<typeof WriteInputSchema>;
export type WriteInputOf<K extends WriteKind> = Extract<WriteInput, { kind: K }>;

export type { WriteActionDefinition, ScopePermission, WrittenType } from './define';
