import { describe, expect, it } from 'vitest';
import type { CarerEnquiry } from '../../../shared/domain/types';
import { carerEnquiryOverdue, COMMITMENT, enquiryAnswerDue } from '../../../shared/prompts/carer-enquiry-overdue';
import { FormerFriend, JaneDaughter, POLICY, carerWith, contextWith } from '../fixtures';

// 2026-06-08 is a Monday: answered within 5 working days → due Monday 2026-06-15.
const ENQUIRY: CarerEnquiry = { communication: 'Communication/q1', receivedOn: '2026-06-08T11:00:00Z' };
const at = (iso: string) => new Date(iso);
const overdue = (enquiries: CarerEnquiry[], now: Date, carer = JaneDaughter) => carerEnquiryOverdue(contextWith({ carers: [carerWith(carer, { enquiries })] }), POLICY, now);

describe('carer-enquiry-overdue', () => {
  it('says nothing on the day the answer is due (still on time)', () => {
    expect(overdue([ENQUIRY], at('2026-06-15T22:59:00Z'))).toEqual([]); // 23:59 BST
  });

  it('prompts from the next day, naming the carer and the due date', () => {
    const [prompt, ...rest] = overdue([ENQUIRY], at('2026-06-15T23:00:00Z')); // 00:00 BST on the 16th
    expect(rest).toEqual([]);
    expect(prompt).toEqual({
      id: 'carer-enquiry-overdue:RelatedPerson/jane',
      code: 'carer-enquiry-overdue',
      severity: 'warning',
      summary: 'Enquiry from Jane Smith (Daughter) not answered — it was due 2026-06-15',
      detail: expect.stringContaining('within 5 working days'),
      commitment: COMMITMENT,
      actions: [{ kind: 'answer-carer-enquiry', label: 'Record the answer' }],
      carer: 'RelatedPerson/jane',
      snoozable: true,
    });
    expect(prompt?.commitment).toContain('We will ensure a prompt response is provided to carer enquiries');
  });

  it('ends once the enquiry is answered, however late', () => {
    expect(overdue([{ ...ENQUIRY, answeredOn: '2026-06-30', answer: 'Communication/a1' }], at('2026-07-01T12:00:00Z'))).toEqual([]);
  });

  it('counts working days: an enquiry on a Friday is due the next Friday, not on Wednesday', () => {
    const friday: CarerEnquiry = { communication: 'Communication/q2', receivedOn: '2026-06-12' };
    expect(enquiryAnswerDue(friday.receivedOn, POLICY)).toBe('2026-06-19');
    expect(overdue([friday], at('2026-06-19T12:00:00Z'))).toEqual([]);
    expect(overdue([friday], at('2026-06-20T12:00:00Z'))).toHaveLength(1);
  });

  it('does not count bank holidays: an enquiry on the Thursday before Easter 2026 is due five working days later, on 13 April', () => {
    // Good Friday 3 April and Easter Monday 6 April 2026 are bank holidays in England and Wales.
    const thursday: CarerEnquiry = { communication: 'Communication/q5', receivedOn: '2026-04-02T10:00:00+01:00' };
    expect(enquiryAnswerDue(thursday.receivedOn, POLICY)).toBe('2026-04-13');
    expect(overdue([thursday], at('2026-04-10T12:00:00Z'))).toEqual([]);
    expect(overdue([thursday], at('2026-04-13T12:00:00Z'))).toEqual([]);
    expect(overdue([thursday], at('2026-04-14T12:00:00Z'))).toHaveLength(1);
  });

  it('follows the policy’s calendar: none counts bank holidays, extra non-working days are skipped', () => {
    expect(enquiryAnswerDue('2026-04-02', { ...POLICY, bankHolidays: 'none' })).toBe('2026-04-09');
    expect(enquiryAnswerDue('2026-04-02', { ...POLICY, extraNonWorkingDays: ['2026-04-09'] })).toBe('2026-04-14');
  });

  it('follows the policy period', () => {
    const policy = { ...POLICY, enquiryResponseWorkingDays: 1 };
    expect(carerEnquiryOverdue(contextWith({ carers: [carerWith(JaneDaughter, { enquiries: [ENQUIRY] })] }), policy, at('2026-06-10T12:00:00Z'))).toHaveLength(1);
  });

  it('gives one prompt per carer, counting the other overdue enquiries', () => {
    const second: CarerEnquiry = { communication: 'Communication/q3', receivedOn: '2026-06-09' };
    const prompts = overdue([ENQUIRY, second], at('2026-07-01T12:00:00Z'));
    expect(prompts).toHaveLength(1);
    expect(prompts[0]?.summary).toContain('(and 1 more)');
  });

  it('says nothing for an enquiry whose date cannot be read, nor for an inactive related person', () => {
    expect(overdue([{ communication: 'Communication/q4', receivedOn: 'garbage' }], at('2026-07-01T12:00:00Z'))).toEqual([]);
    expect(overdue([ENQUIRY], at('2026-07-01T12:00:00Z'), carerWith(FormerFriend, { active: false }))).toEqual([]);
  });
});
