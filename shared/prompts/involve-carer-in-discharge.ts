/**
 * involve-carer-in-discharge: the patient is on an inpatient episode (shared/domain/episodes.ts) and
 * a carer has not been recorded as involved in planning that episode's discharge. The duty: Care Act
 * 2014 s.74(1), as substituted by the Health and Care Act 2022 s.91 (in force 1 July 2022). What may
 * be shared while involving the carer follows the decision in force (shared/consent/decisionInForce.ts,
 * read into `carer.consent`): without a permission the carer is still heard and given general
 * information about discharge arrangements that affect them, never the patient's personal information.
 */
import type { Carer, CarerContext, Prompt } from '../domain/types';
import type { Policy } from '../policy';
import { isActiveCarer } from '../domain/derive';
import { compareDates } from '../domain/dates';
import { currentInpatientEpisodes, episodeStartedOn } from '../domain/episodes';
import { carerLabel, summaryLine } from '../domain/describe';

export const COMMITMENT =
  'Care Act 2014 s.74(1) (substituted by the Health and Care Act 2022 s.91, from 1 July 2022): an NHS trust responsible for an adult hospital patient likely to need care and support after discharge "must, as soon as is feasible after it begins making any plans relating to the discharge, take any steps that it considers appropriate to involve (a) the patient, and (b) any carer of the patient"';

/** What may be shared with the carer while involving them, from the decision in force. */
export function dischargeSharing(carer: Carer): string {
  const { consent } = carer;
  if (consent.decision === 'permit') return 'The patient agreed to share information with this carer: involve them fully in planning the discharge.';
  if (consent.decision === 'partial') {
    const may = consent.mayShare?.length ? `Share only: ${consent.mayShare.join('; ')}.` : 'Share everything except what the patient excluded.';
    const mayNot = consent.mayNotShare?.length ? ` Do not share: ${consent.mayNotShare.join('; ')}.` : '';
    return `The patient agreed to share some information with this carer. ${may}${mayNot}`;
  }
  return (
    'No decision in force lets you share the patient’s personal information with this carer. Involve them all the same: listen to them, ask what they ' +
    'need and whether they can care after discharge, and give general information about discharge arrangements that affect them. Ask the patient about sharing.'
  );
}

export function involveCarerInDischarge(ctx: CarerContext, policy: Policy, now: Date): Prompt[] {
  // One prompt per carer (ids are code:carer): about the inpatient episode that started last, should two be open.
  const episode = currentInpatientEpisodes(ctx.patient.episodes, policy, now)
    .map((e) => ({ e, start: episodeStartedOn(e, policy) }))
    .sort((a, b) => (a.start === undefined ? -1 : b.start === undefined ? 1 : compareDates(a.start, b.start)))
    .at(-1)?.e;
  const prompts: Prompt[] = [];
  if (episode !== undefined) {
    for (const carer of ctx.carers) {
      if (!isActiveCarer(carer, policy, now)) continue;
      if (carer.dischargeInvolvement?.some((d) => d.episode === episode.reference)) continue;
      prompts.push({
        id: `involve-carer-in-discharge:${carer.reference}`,
        code: 'involve-carer-in-discharge',
        severity: 'warning',
        summary: summaryLine(`Involve ${carerLabel(carer)} in planning the patient's discharge${episode.detained ? ' (detained under the Mental Health Act)' : ''}`),
        detail:
          'The patient is an inpatient. Involve the carer in discharge planning as soon as feasible after planning begins, and record it. ' + dischargeSharing(carer),
        commitment: COMMITMENT,
        actions: [{ kind: 'record-discharge-involvement', label: 'Record involvement' }],
        carer: carer.reference,
        episode: episode.reference,
        snoozable: true,
      });
    }
  }
  return prompts;
}
