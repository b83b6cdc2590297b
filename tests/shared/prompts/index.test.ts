import { describe, expect, it } from 'vitest';
import { PROMPT_CODES, type Carer, type CarerContext, type ContactRole, type Prompt } from '../../../shared/domain/types';
import { evaluatePrompts, PROMPT_RULES } from '../../../shared/prompts/index';
import { FormerFriend, GraceMother, JaneDaughter, LeoYoungSon, NOW, PatientAlex, PatNeighbour, POLICY, TomBrother, carerWith, contextWith, noonOn } from '../fixtures';

const summaryOf = (prompts: Prompt[]) => prompts.map((p) => [p.severity, p.code, p.carer ?? p.id]);

describe('PROMPT_RULES', () => {
  it('has exactly one rule per prompt code', () => {
    expect(Object.keys(PROMPT_RULES).sort()).toEqual([...PROMPT_CODES].sort());
  });
});

describe('evaluatePrompts', () => {
  const household = contextWith({
    carers: [GraceMother, JaneDaughter, TomBrother, PatNeighbour, FormerFriend, LeoYoungSon],
    orphanConsents: [{ consent: 'Consent/stray', decision: 'permit', actorReference: 'RelatedPerson/gone' }],
  });

  it("gives every prompt a patient's household calls for, most severe first, in rule then record order", () => {
    expect(summaryOf(evaluatePrompts(household, POLICY, NOW))).toEqual([
      ['warning', 'confirm-carer-status', 'RelatedPerson/tom'],
      ['warning', 'record-consent', 'RelatedPerson/jane'],
      ['warning', 'offer-assessment', 'RelatedPerson/jane'],
      // Jane, a new carer identified after Grace's assessment, is a significant change for Grace (issue 11 item 5).
      ['warning', 'assessment-review-due', 'RelatedPerson/grace'],
      ['warning', 'young-carer-referral', 'RelatedPerson/leo'],
      ['warning', 'consent-without-carer', 'consent-without-carer:Consent/stray'],
      ['info', 'signpost-support', 'RelatedPerson/grace'],
      ['info', 'signpost-support', 'RelatedPerson/jane'],
      ['info', 'signpost-support', 'RelatedPerson/leo'],
      ['info', 'carer-contingency-plan', 'RelatedPerson/grace'],
      ['info', 'carer-contingency-plan', 'RelatedPerson/jane'],
      ['info', 'carer-contingency-plan', 'RelatedPerson/leo'],
      ['info', 'give-crisis-numbers', 'RelatedPerson/grace'],
      ['info', 'give-crisis-numbers', 'RelatedPerson/jane'],
      ['info', 'give-crisis-numbers', 'RelatedPerson/leo'],
      ['info', 'refer-carer-assessment', 'RelatedPerson/grace'],
    ]);
  });

  it('keeps an overdue deadline a warning: only safety is critical', () => {
    // 2 Aug: Jane's first offer is overdue; Leo's offer of 10 Jun has waited 53 days.
    const prompts = evaluatePrompts(household, POLICY, noonOn('2026-08-02'));
    expect(prompts.filter((p) => p.severity === 'critical')).toEqual([]);
    expect(prompts.find((p) => p.code === 'offer-assessment')?.summary).toMatch(/^Overdue: /);
  });

  it('asks to identify carers, and only that, for a patient with nobody recorded', () => {
    expect(summaryOf(evaluatePrompts(contextWith(), POLICY, NOW))).toEqual([['warning', 'identify-carers', 'identify-carers']]);
  });

  it('asks nothing of a patient who said recently that they have no carers', () => {
    expect(evaluatePrompts(contextWith({ askedNoCarers: { list: 'List/1', askedOn: '2026-06-01' } }), POLICY, NOW)).toEqual([]);
  });

  it('asks only for signposting, a contingency plan and the crisis numbers when a carer record is complete and up to date', () => {
    // Complete includes the referral for the statutory assessment and the carer's own decision about sharing it (recommendation 3).
    const complete = carerWith(GraceMother, { assessment: { ...GraceMother.assessment, referral: 'Task/ref', referredOn: '2026-02-11' }, sharingConsent: { consent: 'Consent/own', decision: 'permit' } });
    expect(summaryOf(evaluatePrompts(contextWith({ carers: [complete] }), POLICY, NOW))).toEqual([
      ['info', 'signpost-support', 'RelatedPerson/grace'],
      ['info', 'carer-contingency-plan', 'RelatedPerson/grace'],
      ['info', 'give-crisis-numbers', 'RelatedPerson/grace'],
    ]);
  });

  it('never prompts about people who are inactive or confirmed not to be carers, whatever their record says', () => {
    const messy: Partial<Carer> = {
      relationships: [],
      telecom: [],
      birthDate: '2012-01-01',
      consent: { decision: 'deny', recordedOn: '2019-01-01' },
      assessment: { status: 'offered', offeredOn: '2019-01-01' },
    };
    const ctx = contextWith({
      carers: [carerWith(PatNeighbour, messy), carerWith(FormerFriend, messy), carerWith(TomBrother, { ...messy, active: false })],
      askedNoCarers: { list: 'List/1', askedOn: '2026-06-01' },
    });
    expect(evaluatePrompts(ctx, POLICY, NOW)).toEqual([]);
  });

  it('lists a person the record holds twice only once', () => {
    const prompts = evaluatePrompts(contextWith({ carers: [JaneDaughter, JaneDaughter] }), POLICY, NOW);
    expect(new Set(prompts.map((p) => p.id)).size).toBe(prompts.length);
    expect(prompts.filter((p) => p.code === 'record-consent')).toHaveLength(1);
  });

  it('fails clearly for an invalid clock', () => {
    expect(() => evaluatePrompts(contextWith(), POLICY, new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('evaluatePrompts on any record', () => {
  // A small deterministic generator (mulberry32) of records the types allow, including dates no
  // real record should hold, so the rules are shown never to throw and always to keep their promises.
  function random(seed: number): () => number {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const DATES = [undefined, '2026-06-15', '2025-06-15', '2024-02-29', '2025-02-29', '2026', '2026-13', '', 'garbage', '2026-06-15T23:59:59Z', '2026-06-15T00:00:00+14:00', '9999-12-31', '0001-01-01', '2010-03-01', '2008-06-15'];
  const NAMES = [undefined, '', 'Jane Smith', '\n\t', 'X'.repeat(300), '<script>alert(1)</script>', '😀'.repeat(100)];
  const RELATIONSHIPS = ['Daughter', 'Friend', '', '  ', 'Y'.repeat(200)];
  const ROLES: ContactRole[] = ['next-of-kin', 'emergency-contact', 'contact-person'];

  function generate(seed: number): { ctx: CarerContext; now: Date } {
    const r = random(seed);
    const pick = <T,>(items: readonly T[]): T => items[Math.floor(r() * items.length)] as T;
    const some = <T,>(items: readonly T[]): T[] => items.filter(() => r() < 0.4);
    const carers: Carer[] = Array.from({ length: Math.floor(r() * 5) }, (_, i) => {
      const id = `p${Math.floor(r() * 4)}-${i % 3}`;
      return {
        reference: `RelatedPerson/${id}`,
        id,
        name: pick(NAMES),
        carerStatus: pick(['carer', 'not-carer', 'unconfirmed'] as const),
        carerStatusAskedOn: pick(DATES),
        relationships: some(RELATIONSHIPS),
        contactRoles: some(ROLES),
        birthDate: pick(DATES),
        telecom: r() < 0.5 ? [] : [{ system: 'phone', value: pick(['07700 900000', '', ' ']) }],
        address: pick([undefined, '', '1 Road']),
        active: r() < 0.8,
        identifiedOn: pick(DATES),
        ...(r() < 0.1 ? { endedOn: pick(DATES) } : {}),
        ...(r() < 0.1 ? { paidCareWorker: true } : {}),
        ...(r() < 0.1 ? { possibleCarer: true } : {}),
        ...(r() < 0.2 ? { familyCodes: [pick(['DAUC', 'SON', 'MTH', 'BRO'])] } : {}),
        consent: {
          decision: pick(['permit', 'deny', 'partial', 'withdrawn', 'expired', 'conflict', 'lacks-capacity', 'none', 'unknown'] as const),
          ...(r() < 0.1 ? { futureDated: ['Consent/typo' as const] } : {}),
          recordedOn: pick(DATES),
          reviewDue: pick(DATES),
          withdrawnOn: pick(DATES),
          unknownReason: pick([undefined, 'modifierExtension', 'line\nbreak']),
        },
        assessment: {
          status: pick(['not-offered', 'offered', 'accepted', 'declined', 'completed'] as const),
          offeredOn: pick(DATES),
          respondedOn: pick(DATES),
          completedOn: pick(DATES),
          ...(r() < 0.3 ? { referral: 'Task/ref' as const, referredOn: pick(DATES), referredTo: pick([undefined, '', 'Z'.repeat(300)]) } : {}),
        },
        ...(r() < 0.3 ? { heardOn: pick(DATES) } : {}),
        ...(r() < 0.3 ? { enquiries: [{ communication: 'Communication/q' as const, receivedOn: pick(DATES) ?? '2026-01-01', ...(r() < 0.5 ? { answeredOn: pick(DATES) } : {}) }] } : {}),
        ...(r() < 0.2 ? { sharingConsent: { consent: 'Consent/own' as const, decision: pick(['permit', 'deny', 'withdrawn', 'unknown'] as const) } } : {}),
      };
    });
    const ctx: CarerContext = {
      patient: {
        ...PatientAlex,
        serviceStart: pick(DATES),
        ...(r() < 0.05 ? { deceased: true as const } : {}),
        ...(r() < 0.5
          ? { episodes: [{ reference: 'EpisodeOfCare/e' as const, status: pick(['current', 'finished'] as const), start: pick(DATES), end: pick(DATES), inpatient: r() < 0.5, detained: r() < 0.3 }] }
          : {}),
      },
      carers,
      ...(r() < 0.5 ? { askedNoCarers: { list: 'List/1', askedOn: pick(DATES) } } : {}),
      orphanConsents: r() < 0.3 ? [{ consent: 'Consent/o', decision: pick(['permit', 'unknown'] as const), recordedOn: pick(DATES), actorReference: pick([undefined, 'RelatedPerson/x', 'Z'.repeat(500)]) }] : [],
      warnings: [],
    };
    if (r() < 0.5) {
      const title = pick(NAMES);
      ctx.carePlans = [{ reference: 'CarePlan/1', kind: pick(['care-plan', 'crisis-plan', 'advance-care-plan'] as const), ...(title !== undefined ? { title } : {}), involves: carers.filter(() => r() < 0.3).map((c) => c.reference) }];
    }
    const now = new Date(Date.UTC(2000, 0, 1) + Math.floor(r() * 40 * 365) * 86_400_000 + Math.floor(r() * 86_400_000));
    return { ctx, now };
  }

  it('never throws, and every prompt keeps its promises, on 2000 generated records', () => {
    const rank = { critical: 0, warning: 1, info: 2 } as const;
    const codesSeen = new Set<string>();
    for (let seed = 1; seed <= 2000; seed += 1) {
      const { ctx, now } = generate(seed);
      const prompts = evaluatePrompts(ctx, POLICY, now);
      const references = new Set(ctx.carers.map((c) => c.reference));
      expect(new Set(prompts.map((p) => p.id)).size).toBe(prompts.length);
      prompts.forEach((p, i) => {
        codesSeen.add(p.code);
        expect(p.summary.length).toBeLessThan(140);
        expect(p.summary).not.toMatch(/[\n\r\t]/);
        expect(p.commitment.length).toBeGreaterThan(0);
        expect(p.id === p.code || p.id.startsWith(`${p.code}:`)).toBe(true);
        if (p.carer !== undefined) {
          expect(references.has(p.carer)).toBe(true);
          expect(p.id).toBe(`${p.code}:${p.carer}`);
        }
        if (i > 0) expect(rank[p.severity]).toBeGreaterThanOrEqual(rank[prompts[i - 1]!.severity]);
      });
    }
    expect([...codesSeen].sort()).toEqual([...PROMPT_CODES].sort()); // the generator reaches every rule
  });
});
