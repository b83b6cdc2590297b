import { describe, expect, it } from 'vitest';
import { assessmentRoute, ASSESSMENT_ROUTES } from '../../../shared/domain/assessmentRoute';
import { POLICY } from '../fixtures';

// The law follows ages on the policy zone's calendar day: 2026-07-14T23:30Z is 15 July in London.
const NOW = new Date('2026-07-14T23:30:00Z');
const adultPatient = { birthDate: '1980-01-01' };
const childPatient = { birthDate: '2012-03-01' };
const carer = (birthDate: string | undefined, familyCodes?: string[]) => ({ ...(birthDate ? { birthDate } : {}), ...(familyCodes ? { familyCodes } : {}) });

describe('assessmentRoute: which carer’s assessment the law gives, by age', () => {
  it.each([
    ['a carer of 17 years 364 days (adult patient)', '2008-07-16', adultPatient, 'young-carer', 'Children Act 1989 s.17ZA'],
    ['a carer on their 18th birthday in London (still 17 in UTC)', '2008-07-15', adultPatient, 'adult-carer', 'Care Act 2014 s.10'],
    ['a carer of 12', '2014-01-01', adultPatient, 'young-carer', 'Children Act 1989 s.17ZA'],
    ['an adult carer of an adult', '1960-01-01', adultPatient, 'adult-carer', 'Care Act 2014 s.10'],
    ['an adult carer of a patient whose age is not recorded', '1960-01-01', {}, 'adult-carer', 'Care Act 2014 s.10'],
  ])('%s', (_, birthDate, patient, kind, law) => {
    const route = assessmentRoute(carer(birthDate), patient, POLICY, NOW);
    expect(route.kind).toBe(kind);
    expect(route.law).toBe(law);
  });

  it('a parent carer of a patient under 18: Children Act 1989 s.17ZD, never Care Act s.10', () => {
    const route = assessmentRoute(carer('1980-05-05', ['MTH']), childPatient, POLICY, NOW);
    expect(route).toBe(ASSESSMENT_ROUTES['parent-carer']);
    expect(route.law).toBe('Children Act 1989 s.17ZD');
    expect(route.sentence).not.toContain('s.10');
  });

  it('a parent of a patient under 18 is a parent carer even without their own birth date', () => {
    expect(assessmentRoute(carer(undefined, ['FTH']), childPatient, POLICY, NOW).kind).toBe('parent-carer');
  });

  it('the patient’s 18th birthday (policy zone) moves a parent from s.17ZD to Care Act s.10', () => {
    const parent = carer('1980-05-05', ['PRN']);
    expect(assessmentRoute(parent, { birthDate: '2008-07-16' }, POLICY, NOW).law).toBe('Children Act 1989 s.17ZD');
    expect(assessmentRoute(parent, { birthDate: '2008-07-15' }, POLICY, NOW).law).toBe('Care Act 2014 s.10');
  });

  it('an adult carer of a child who is not recorded as a parent: children’s services, no s.10', () => {
    const route = assessmentRoute(carer('1950-05-05', ['GRPRN']), childPatient, POLICY, NOW);
    expect(route.kind).toBe('carer-of-child');
    expect(route.law).toBeUndefined();
    expect(route.sentence).toContain('does not apply');
  });

  it('a young carer of a child patient (a sibling of 15): s.17ZA', () => {
    expect(assessmentRoute(carer('2011-01-01', ['BRO']), childPatient, POLICY, NOW).law).toBe('Children Act 1989 s.17ZA');
  });

  it('a carer with no birth date (adult patient): names both and asks for the date', () => {
    const route = assessmentRoute(carer(undefined), adultPatient, POLICY, NOW);
    expect(route.kind).toBe('carer-age-unknown');
    expect(route.sentence).toMatch(/Children Act 1989 s\.17ZA.*Care Act 2014 s\.10.*Record their date of birth/);
  });

  it('never follows the policy’s young-carer age', () => {
    const wide = { ...POLICY, youngCarerUnderAge: 25 };
    expect(assessmentRoute(carer('2005-01-01'), adultPatient, wide, NOW).law).toBe('Care Act 2014 s.10');
  });
});
