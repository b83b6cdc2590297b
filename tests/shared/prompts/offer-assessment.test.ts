import { describe, expect, it } from 'vitest';
import type { AssessmentStatus } from '../../../shared/domain/types';
import { COMMITMENT, offerAssessment } from '../../../shared/prompts/offer-assessment';
import { FormerFriend, GraceMother, JaneDaughter, LeoYoungSon, NOW, PatientAlex, PatNeighbour, POLICY, TomBrother, carerWith, contextWith, noonOn } from '../fixtures';

// Jane was identified on 1 May 2026, after Alex's service started (10 Jan 2026): first offer due by 1 Aug 2026.
const janeOnly = contextWith({ carers: [JaneDaughter] });

describe('offer-assessment', () => {
  it("prompts to offer a carer's assessment, with the date it is due by", () => {
    expect(offerAssessment(janeOnly, POLICY, NOW)).toEqual([
      {
        id: 'offer-assessment:RelatedPerson/jane',
        code: 'offer-assessment',
        severity: 'warning',
        summary: "Offer Jane Smith (Daughter) a carer's assessment by 1 Aug 2026",
        detail: expect.stringContaining('Care Act 2014 s.10'),
        commitment: COMMITMENT,
        actions: [{ kind: 'offer-assessment', label: 'Record assessment offer' }],
        carer: 'RelatedPerson/jane',
        snoozable: true,
      },
    ]);
    expect(COMMITMENT).toMatch(/^Local standard \(the county's carers' policy\): .*within 3 months/);
    expect(COMMITMENT).not.toMatch(/Care Act/);
  });

  it('stays a warning up to and including the deadline', () => {
    expect(offerAssessment(janeOnly, POLICY, noonOn('2026-07-31'))[0]?.severity).toBe('warning');
    expect(offerAssessment(janeOnly, POLICY, noonOn('2026-08-01'))[0]?.severity).toBe('warning');
  });

  it('reads "Overdue" the day after the deadline, and is not marked urgent: a missed deadline is not a safety alert', () => {
    for (const day of ['2026-08-02', '2027-01-01']) {
      const [prompt] = offerAssessment(janeOnly, POLICY, noonOn(day));
      expect(prompt?.severity).toBe('warning');
      expect(prompt?.summary).toBe("Overdue: offer Jane Smith (Daughter) a carer's assessment — the first offer was due 1 Aug 2026");
    }
  });

  it('counts from the service start when the carer was identified before it', () => {
    const early = contextWith({ carers: [carerWith(JaneDaughter, { identifiedOn: '2025-06-01' })] });
    expect(offerAssessment(early, POLICY, noonOn('2026-04-10'))[0]?.summary).not.toMatch(/^Overdue/);
    expect(offerAssessment(early, POLICY, noonOn('2026-04-11'))[0]?.summary).toMatch(/^Overdue/);
  });

  it('clamps the deadline at the end of a shorter month', () => {
    const lateNovember = contextWith({ carers: [carerWith(JaneDaughter, { identifiedOn: '2026-11-30' })] });
    expect(offerAssessment(lateNovember, POLICY, noonOn('2027-02-28'))[0]?.summary).not.toMatch(/^Overdue/);
    expect(offerAssessment(lateNovember, POLICY, noonOn('2027-03-01'))[0]?.summary).toMatch(/^Overdue/);
  });

  it('follows the policy period, and says so in the commitment', () => {
    const oneMonth = { ...POLICY, firstOfferWithinMonths: 1 };
    const [prompt] = offerAssessment(janeOnly, oneMonth, noonOn('2026-06-02'));
    expect(prompt?.summary).toMatch(/^Overdue/);
    expect(prompt?.commitment).toContain('within 1 month of');
    expect(offerAssessment(janeOnly, { ...POLICY, firstOfferWithinMonths: 6 }, NOW)[0]?.commitment).toContain('within 6 months of');
  });

  it('stays a warning, without a date, when neither clock start is known', () => {
    const unknown = contextWith({ patient: { ...PatientAlex, serviceStart: undefined }, carers: [carerWith(JaneDaughter, { identifiedOn: undefined })] });
    const [prompt] = offerAssessment(unknown, POLICY, noonOn('2030-01-01'));
    expect(prompt?.severity).toBe('warning');
    expect(prompt?.summary).toBe("Offer Jane Smith (Daughter) a carer's assessment");
    expect(prompt?.detail).toContain('the deadline is unknown');
  });

  it("offers a young carer's needs assessment to a carer under 18", () => {
    const leo = carerWith(LeoYoungSon, { assessment: { status: 'not-offered' } });
    const [prompt] = offerAssessment(contextWith({ carers: [leo] }), POLICY, NOW);
    expect(prompt?.detail).toContain("young carer's needs assessment (Children Act 1989 s.17ZA)");
  });

  it("cites the law by age, not the policy's young-carer age: a carer of 20 under a policy of 25 is an adult carer (Care Act s.10)", () => {
    const carer = carerWith(LeoYoungSon, { birthDate: '2006-01-01', assessment: { status: 'not-offered' } });
    const [prompt] = offerAssessment(contextWith({ carers: [carer] }), { ...POLICY, youngCarerUnderAge: 25 }, NOW);
    expect(prompt?.detail).toContain('Care Act 2014 s.10');
    expect(prompt?.detail).not.toContain('s.17ZA');
  });

  it("cites a parent carer's needs assessment (Children Act 1989 s.17ZD), never Care Act s.10, for a parent of a patient under 18", () => {
    const mother = carerWith(GraceMother, { birthDate: '1980-01-01', familyCodes: ['MTH'], assessment: { status: 'not-offered' } });
    const child = { ...PatientAlex, birthDate: '2011-02-02' };
    const [prompt] = offerAssessment(contextWith({ patient: child, carers: [mother] }), POLICY, NOW);
    expect(prompt?.detail).toContain("parent carer's needs assessment (Children Act 1989 s.17ZD)");
    expect(prompt?.detail).not.toContain('s.10');
  });

  it.each<AssessmentStatus>([
    { status: 'offered', offeredOn: '2026-06-01' },
    { status: 'accepted', offeredOn: '2026-06-01' },
    { status: 'declined', offeredOn: '2026-06-01' },
    { status: 'completed', completedOn: '2026-06-01' },
  ])('does not prompt once the assessment is $status', (assessment) => {
    expect(offerAssessment(contextWith({ carers: [carerWith(JaneDaughter, { assessment })] }), POLICY, noonOn('2027-01-01'))).toEqual([]);
  });

  it('does not prompt for former carers, unconfirmed contacts or non-carers', () => {
    expect(offerAssessment(contextWith({ carers: [FormerFriend, TomBrother, PatNeighbour] }), POLICY, noonOn('2030-01-01'))).toEqual([]);
  });
});
