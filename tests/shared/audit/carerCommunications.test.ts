import { describe, expect, it } from 'vitest';
import { carerCommunicationMeasures, type CarerCommunicationFact } from '../../../shared/audit/carerCommunications';
import { rateOf } from '../../../shared/audit/finalise';
import type { ConsentDecision } from '../../../shared/domain/types';
import { enquiryAnswerDue } from '../../../shared/prompts/carer-enquiry-overdue';
import { POLICY } from '../fixtures';

const NOW = new Date('2026-06-30T12:00:00Z');
const fact = (id: string, carer: string, code: CarerCommunicationFact['code'], on: string, extra: Partial<CarerCommunicationFact> = {}): [string, CarerCommunicationFact] => [id, { kind: 'carerCommunication', id, carer, code, on, ...extra }];
const measure = (facts: [string, CarerCommunicationFact][], refusals: Record<string, ConsentDecision> = {}, audited = (_: string) => true, now = NOW) =>
  carerCommunicationMeasures(new Map(facts), { isAudited: audited, refusals: new Map(Object.entries(refusals)), rateOf: (n, d) => rateOf(n, d, POLICY) }, POLICY, now);

describe('carer communications in the audit', () => {
  it('counts carers of refusing patients heard since the refusal, with a RAG rating', () => {
    const deny: ConsentDecision = { decision: 'deny', recordedOn: '2026-05-01' };
    const result = measure([fact('h1', 'a', 'carer-heard', '2026-05-01T09:00:00Z'), fact('h2', 'b', 'carer-heard', '2026-04-30')], { a: deny, b: deny, c: deny });
    expect(result.heardWhenRefused).toEqual({ numerator: 1, denominator: 3, percent: 33.3, rag: 'red' });
  });

  it('measures enquiries: answered within the working-day target, the median wait, and the overdue', () => {
    // Monday 2026-06-01 + 5 working days → due Monday 2026-06-08.
    const result = measure([
      fact('q1', 'a', 'carer-enquiry', '2026-06-01'),
      fact('a1', 'a', 'carer-enquiry-answer', '2026-06-08', { inResponseTo: 'q1' }), // 5 working days: on time
      fact('q2', 'a', 'carer-enquiry', '2026-06-01'),
      fact('a2', 'a', 'carer-enquiry-answer', '2026-06-09', { inResponseTo: 'q2' }), // 6: late
      fact('a2b', 'a', 'carer-enquiry-answer', '2026-06-20', { inResponseTo: 'q2' }), // a second answer does not count
      fact('q3', 'b', 'carer-enquiry', '2026-06-02'),
      fact('a3', 'a', 'carer-enquiry-answer', '2026-06-03', { inResponseTo: 'q3' }), // another carer's answer answers nothing
      fact('q4', 'b', 'carer-enquiry', '2026-06-29'), // not yet due
    ]);
    expect(result.enquiries).toEqual({
      received: 4,
      answered: 2,
      overdue: 1,
      medianWorkingDaysToAnswer: 5.5,
      targetWorkingDays: 5,
      answeredWithinTarget: { numerator: 1, denominator: 3, percent: 33.3, rag: 'red' },
    });
  });

  it('does not count bank holidays, so it agrees with the panel’s carer-enquiry-overdue on the day due', () => {
    // Thursday 2 April 2026 + 5 working days, Good Friday and Easter Monday not counted → due Monday 13 April.
    const answered = (id: string, answeredOn: string) => [fact(id, 'a', 'carer-enquiry', '2026-04-02'), fact(`${id}-answer`, 'a', 'carer-enquiry-answer', answeredOn, { inResponseTo: id })];
    // Answered on 13 April: 5 working days, on time; on 14 April: 6, late.
    const result = measure([...answered('q1', '2026-04-13'), ...answered('q2', '2026-04-14')]);
    expect(result.enquiries).toMatchObject({ answered: 2, medianWorkingDaysToAnswer: 5.5, answeredWithinTarget: { numerator: 1, denominator: 2 } });
    expect(enquiryAnswerDue('2026-04-02', POLICY)).toBe('2026-04-13');
    const atEaster = measure([fact('q3', 'a', 'carer-enquiry', '2026-04-02')], {}, () => true, new Date('2026-04-10T12:00:00Z'));
    expect(atEaster.enquiries.overdue).toBe(0);
  });

  it('counts disclosures without consent and those the patient has not been told of', () => {
    const result = measure([
      fact('d1', 'a', 'disclosure-without-consent', '2026-06-01', { patientTold: 'told' }),
      fact('d2', 'a', 'disclosure-without-consent', '2026-06-02', { patientTold: 'to-be-told' }),
      fact('d3', 'b', 'disclosure-without-consent', '2026-06-03', { patientTold: 'not-told' }),
    ]);
    expect(result.disclosuresWithoutConsent).toEqual({ recorded: 3, patientNotYetTold: 1, patientNotTold: 1 });
  });

  it('counts only carers of the caseload audited', () => {
    const result = measure([fact('q1', 'outside', 'carer-enquiry', '2026-06-01')], {}, (id) => id !== 'outside');
    expect(result.enquiries.received).toBe(0);
  });
});
