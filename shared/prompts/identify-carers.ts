/**
 * identify-carers: nobody is recorded as the patient's carer and the patient has not been asked, or
 * their answer "no carers" has gone stale. Carers are identified at first contact or as soon as
 * possible after, and circumstances change, so the question is asked again after
 * `policy.assessmentReviewMonths`, or at each new episode of care (a new first contact) if sooner
 * (shared/domain/noCarersAnswer.ts).
 */
import type { CarerContext, Prompt } from '../domain/types';
import type { Policy } from '../policy';
import { today, toCalendarDate } from '../domain/dates';
import { firstEpisodeStartAfter } from '../domain/episodes';
import { noCarersAnswerHolds } from '../domain/noCarersAnswer';
import { isActiveCarer } from '../domain/derive';
import { contactLabel, displayDate, summaryLine } from '../domain/describe';
import { unansweredContacts } from '../domain/contacts';

export const COMMITMENT =
  'Triangle of Care standard 1: carers and the essential role they play are identified at first contact or as soon as possible thereafter';

const DETAIL =
  'Ask the patient whether anyone — family, a partner, a friend or a neighbour, including anyone under 18 — ' +
  'helps or supports them and would be affected by their illness. Record each carer, or record that the patient named no carers.';

export function identifyCarers(ctx: CarerContext, policy: Policy, now: Date): Prompt[] {
  if (ctx.carers.some((carer) => isActiveCarer(carer, policy, now))) return [];
  const prompt = (severity: Prompt['severity'], summary: string, detail: string): Prompt[] => [
    {
      id: 'identify-carers',
      code: 'identify-carers',
      severity,
      summary: summaryLine(summary),
      detail,
      commitment: COMMITMENT,
      actions: [
        { kind: 'add-carer', label: 'Add a carer' },
        { kind: 'record-no-carers', label: 'Record: no carers' },
      ],
      snoozable: true,
    },
  ];

  if ((ctx.unreadableRelatedPersons ?? 0) > 0) {
    // Never claim "no carer recorded" when a related person's record exists but cannot be read.
    return prompt(
      'warning',
      'Some carer or contact records could not be read — check in the EHR whether a carer is recorded',
      `${ctx.unreadableRelatedPersons} related person record(s) could not be read safely, so this list may be missing a carer. ${DETAIL}`,
    );
  }
  const asked = ctx.askedNoCarers;
  const contacts = unansweredContacts(ctx, policy, now);
  if (asked === undefined && contacts.length > 0) {
    // Never "no carer recorded" beside a contact nobody has asked about: they are the first to ask about.
    return prompt(
      'warning',
      `Ask whether these contacts are carers: ${contacts.map(contactLabel).join('; ')}`,
      `The record names ${contacts.length === 1 ? 'a contact' : `${contacts.length} contacts`} (next of kin, emergency contact or family) whom nobody has asked about. ` +
        `Ask whether each is a carer and record the answer. ${DETAIL}`,
    );
  }
  if (asked === undefined) return prompt('warning', 'No carer recorded — ask now whether anyone supports the patient', DETAIL);

  const askedOn = asked.askedOn === undefined ? undefined : toCalendarDate(asked.askedOn, policy.timeZone);
  if (askedOn === undefined) {
    return prompt('info', 'Patient said no carers, but when is not recorded — ask again', `The "no carers" answer has no date, so it may be out of date. ${DETAIL}`);
  }
  if (noCarersAnswerHolds(asked.askedOn, policy, now, ctx.patient.episodes)) return [];
  const newEpisode = firstEpisodeStartAfter(ctx.patient.episodes, askedOn, policy, today(now, policy.timeZone));
  if (newEpisode !== undefined && noCarersAnswerHolds(asked.askedOn, policy, now)) {
    return prompt(
      'warning',
      `New episode of care from ${displayDate(newEpisode)} — ask again about carers (said none on ${displayDate(askedOn)})`,
      `The patient said on ${displayDate(askedOn)} that no one supports them; a new episode of care started on ${displayDate(newEpisode)}, a new first contact, and circumstances change. ${DETAIL}`,
    );
  }
  return prompt(
    'info',
    `Patient said no carers on ${displayDate(askedOn)} — ask again`,
    `The answer is ${policy.assessmentReviewMonths} months old or more and circumstances change. ${DETAIL}`,
  );
}
