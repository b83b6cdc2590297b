import { describe, expect, it } from 'vitest';
import { badgeOf, groupPrompts, promptLabel } from '../../../extension/panel/priority';
import type { CarerView, PromptView } from '../../../extension/protocol/view';
import { CarerSara, OfferAssessmentPrompt, RecordConsentPrompt } from './fixtures';

const CarerTom: CarerView = { ...CarerSara, id: 'tom', reference: 'RelatedPerson/tom', name: 'Tom Khan', youngCarer: true, relationships: ['Son'] };
const CarerRuth: CarerView = { ...CarerSara, id: 'ruth', reference: 'RelatedPerson/ruth', name: 'Ruth Clarke' };

const prompt = (over: Partial<PromptView> & Pick<PromptView, 'id' | 'code' | 'severity'>): PromptView => ({ ...RecordConsentPrompt, actions: [], ...over });

const identify = prompt({ id: 'identify-carers', code: 'identify-carers', severity: 'warning', summary: 'Ask who the carers are' });
const { carer: _sara, ...patientLevel } = identify;
const saraSignpost = prompt({ id: 'signpost:sara', code: 'signpost-support', severity: 'info', carer: CarerSara.reference, summary: 'Tell Sara about support' });
const saraConsent = { ...RecordConsentPrompt, severity: 'warning' as const };
const ruthConflict = prompt({ id: 'conflict:ruth', code: 'consent-conflict', severity: 'critical', carer: CarerRuth.reference, summary: 'Conflicting decisions about Ruth' });
const tomReferral = prompt({ id: 'young:tom', code: 'young-carer-referral', severity: 'warning', carer: CarerTom.reference, summary: 'Refer Tom to young carers’ support' });

describe('prompt priority', () => {
  it('groups prompts under the carer they are about, patient-level prompts in their own group', () => {
    const groups = groupPrompts([saraSignpost, patientLevel, saraConsent], [CarerSara]);
    expect(groups.map((g) => [g.heading, g.prompts.map((p) => p.id)])).toEqual([
      ['About Sara Khan', [saraConsent.id, saraSignpost.id]],
      ['About the patient', [patientLevel.id]],
    ]);
  });

  it('puts a consent conflict first, then a young carer, then the rest, information last', () => {
    const groups = groupPrompts([saraSignpost, patientLevel, tomReferral, ruthConflict], [CarerSara, CarerTom, CarerRuth]);
    expect(groups.map((g) => g.key)).toEqual([CarerRuth.reference, CarerTom.reference, 'patient', CarerSara.reference]);
    expect(groups[1]?.youngCarer).toBe(true);
  });

  it('says "Overdue" for a date that has passed and never "Urgent"', () => {
    const overdue = prompt({ id: 'r', code: 'review-consent', severity: 'warning', summary: 'Overdue: review consent to share with Sara Khan — due 1 Jan 2026' });
    const due = prompt({ id: 'r2', code: 'review-consent', severity: 'warning', summary: 'Review consent to share with Sara Khan — due 1 Dec 2026' });
    expect([overdue, due, ruthConflict, saraSignpost].map(promptLabel)).toEqual(['Overdue', 'To do', 'Safety', 'For information']);
  });

  it('counts in the badge what needs doing, not information, in the colour of the worst item', () => {
    expect(badgeOf([saraSignpost])).toEqual({ count: 0, tone: 'none' });
    expect(badgeOf([saraSignpost, saraConsent])).toEqual({ count: 1, tone: 'todo' });
    expect(badgeOf([saraSignpost, saraConsent, { ...OfferAssessmentPrompt, code: 'consent-conflict' }])).toEqual({ count: 2, tone: 'safety' });
  });
});
