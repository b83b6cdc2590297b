/**
 * The follow-up worklist (`--worklist`): per team, the patients and carers with something overdue —
 * which prompt the clinician's panel shows for it, and since when it has been due. Built from the
 * same classification as the measures (./finalise.ts), so a worklist row is a count in the report.
 *
 * Unlike coverage.json this is patient-identifiable (record ids, and the NHS number when the audit
 * was asked to keep it): it is made only on request and written only to the owner-only worklist
 * files, never into the default outputs.
 */
import type { PromptCode } from '../domain/types';

export interface WorklistItem {
  /** Team as the report groups it; null when no team is recorded. */
  team: string | null;
  /** The patient's FHIR id. */
  patient: string;
  /** The patient's NHS number, when the Patient gave a valid one and the audit kept it. */
  nhsNumber?: string;
  /** The carer's RelatedPerson id, for a carer's item. */
  carer?: string;
  /** The prompt the clinician's panel shows for it. */
  prompt: PromptCode;
  /** What is overdue, in words. */
  what: string;
  /** The date it became due (YYYY-MM-DD); undefined when the record gives no date to count from. */
  dueSince?: string;
}

/** Team (not recorded last), then patient, then carer, then prompt: a stable order a team can work down. */
export function sortWorklist(items: WorklistItem[]): WorklistItem[] {
  const text = (a: string | undefined, b: string | undefined): number => ((a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0);
  return items.sort(
    (a, b) =>
      (a.team === b.team ? 0 : a.team === null ? 1 : b.team === null ? -1 : text(a.team, b.team)) ||
      text(a.patient, b.patient) ||
      text(a.carer, b.carer) ||
      text(a.prompt, b.prompt),
  );
}
