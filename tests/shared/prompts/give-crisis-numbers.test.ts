import { describe, expect, it } from 'vitest';
import { COMMITMENT, giveCrisisNumbers } from '../../../shared/prompts/give-crisis-numbers';
import { JaneDaughter, NOW, POLICY, carerWith, contextWith } from '../fixtures';

describe('give-crisis-numbers', () => {
  it('prompts to give an active carer the crisis and out-of-hours numbers', () => {
    const [prompt] = giveCrisisNumbers(contextWith({ carers: [JaneDaughter] }), POLICY, NOW);
    expect(prompt).toMatchObject({
      id: 'give-crisis-numbers:RelatedPerson/jane',
      summary: 'Give Jane Smith (Daughter) the crisis and out-of-hours numbers',
      commitment: COMMITMENT,
      actions: [{ kind: 'record-crisis-numbers', label: 'Record numbers given' }],
    });
    expect(prompt?.detail).toContain('"better supported, particularly at times of crisis and out of hours"');
  });

  it('ends once the numbers given are recorded', () => {
    expect(giveCrisisNumbers(contextWith({ carers: [carerWith(JaneDaughter, { crisisNumbersGivenOn: '2026-06-15T09:00:00Z' })] }), POLICY, NOW)).toEqual([]);
  });
});
