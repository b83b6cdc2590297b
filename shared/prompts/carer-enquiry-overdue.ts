/**
 * carer-enquiry-overdue: a carer's enquiry (shared/actions/record-carer-enquiry.ts) not answered
 * within `policy.enquiryResponseWorkingDays` working days of the day it came: "We will ensure a
 * prompt response is provided to carer enquiries". One prompt per person, naming the oldest
 * unanswered enquiry; it ends when every overdue enquiry has an answer (answer-carer-enquiry).
 * The day the answer is due is still on time; the prompt shows from the next day.
 */
import type { CarerContext, Prompt } from '../domain/types';
import type { Policy } from '../policy';
import { compareDates, today, toCalendarDate } from '../domain/dates';
import { addWorkingDays } from '../domain/workingDays';
import { carerLabel, summaryLine } from '../domain/describe';

export const COMMITMENT = 'Carers’ charter: "We will ensure a prompt response is provided to carer enquiries"';

/**
 * The calendar date an enquiry received on `receivedOn` is to be answered by (undefined when the date
 * cannot be read): the policy's working days, bank holidays and the trust's extra days not counted.
 */
export function enquiryAnswerDue(receivedOn: string, policy: Pick<Policy, 'timeZone' | 'enquiryResponseWorkingDays' | 'bankHolidays' | 'extraNonWorkingDays'>): string | undefined {
  const received = toCalendarDate(receivedOn, policy.timeZone);
  return received === undefined ? undefined : addWorkingDays(received, policy.enquiryResponseWorkingDays, policy);
}

export function carerEnquiryOverdue(ctx: CarerContext, policy: Policy, now: Date): Prompt[] {
  const day = today(now, policy.timeZone);
  const prompts: Prompt[] = [];
  for (const carer of ctx.carers) {
    if (!carer.active) continue;
    const overdue = (carer.enquiries ?? []).flatMap((enquiry) => {
      if (enquiry.answeredOn !== undefined) return [];
      const due = enquiryAnswerDue(enquiry.receivedOn, policy);
      return due !== undefined && compareDates(day, due) > 0 ? [{ enquiry, due }] : [];
    });
    const oldest = overdue[0];
    if (oldest === undefined) continue;
    const more = overdue.length > 1 ? ` (and ${overdue.length - 1} more)` : '';
    prompts.push({
      id: `carer-enquiry-overdue:${carer.reference}`,
      code: 'carer-enquiry-overdue',
      severity: 'warning',
      summary: summaryLine(`Enquiry from ${carerLabel(carer)}${more} not answered — it was due ${oldest.due}`),
      detail:
        `The enquiry came on ${toCalendarDate(oldest.enquiry.receivedOn, policy.timeZone) ?? oldest.enquiry.receivedOn} and was to be answered within ` +
        `${policy.enquiryResponseWorkingDays} working days. Answer the carer, and record the answer. Without the patient's consent, ` +
        'answer with general information and listen; share nothing personal to the patient.',
      commitment: COMMITMENT,
      actions: [{ kind: 'answer-carer-enquiry', label: 'Record the answer' }],
      carer: carer.reference,
      snoozable: true,
    });
  }
  return prompts;
}
