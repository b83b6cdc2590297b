import { describe, expect, it } from 'vitest';
import { nameKey, possibleDuplicates } from '../../../shared/domain/duplicates';
import { COMMITMENT, possibleDuplicateCarer } from '../../../shared/prompts/possible-duplicate-carer';
import { FormerFriend, GraceMother, JaneDaughter, NOW, PatNeighbour, POLICY, TomBrother, carerWith, contextWith } from '../fixtures';

const janeAgain = (patch: Parameters<typeof carerWith>[1]) => carerWith(JaneDaughter, { reference: 'RelatedPerson/jane-2', id: 'jane-2', telecom: [], ...patch });

describe('possible-duplicate-carer', () => {
  it('raises two records that share a name and a relationship, once, on the first of them', () => {
    const ctx = contextWith({ carers: [JaneDaughter, GraceMother, janeAgain({ name: '  JANE   smith ' })] });
    expect(possibleDuplicateCarer(ctx, POLICY, NOW)).toEqual([
      {
        id: 'possible-duplicate-carer:RelatedPerson/jane',
        code: 'possible-duplicate-carer',
        severity: 'warning',
        summary: 'Jane Smith (Daughter) may be recorded twice — check and merge the records in the EHR',
        detail: expect.stringContaining('merge them in the EHR'),
        commitment: COMMITMENT,
        actions: [{ kind: 'open-in-ehr', label: 'Check in the EHR' }],
        carer: 'RelatedPerson/jane',
        snoozable: true,
      },
    ]);
  });

  it.each([
    ['the same telephone number written differently', { name: 'J. Smith', relationships: [], telecom: [{ system: 'phone', value: '+44 7700 900123' }] }],
    ['the same identifier', { name: 'Someone Else', relationships: [], identifiers: ['https://trust.example/id|42'] }],
    ['a name that only looks the same (invisible characters, bidi controls)', { name: 'Jane\u200b Smi\u202eth\u202c' }],
  ])('recognises %s', (_what, patch) => {
    const first = carerWith(JaneDaughter, { identifiers: ['https://trust.example/id|42'] });
    expect(possibleDuplicates([first, janeAgain(patch)])).toHaveLength(1);
  });

  it('does not pair different people: another name, the same name as another relationship, a confirmed non-carer, a former carer', () => {
    expect(possibleDuplicateCarer(contextWith({ carers: [JaneDaughter, GraceMother, TomBrother] }), POLICY, NOW)).toEqual([]);
    expect(possibleDuplicates([JaneDaughter, janeAgain({ relationships: ['Friend'] })])).toEqual([]);
    const notCurrent = [JaneDaughter, carerWith(PatNeighbour, { name: 'Jane Smith', relationships: ['Daughter'] }), carerWith(FormerFriend, { name: 'Jane Smith', relationships: ['Daughter'] })];
    expect(possibleDuplicateCarer(contextWith({ carers: notCurrent }), POLICY, NOW)).toEqual([]);
  });

  it('keys names as they read, never changing the record', () => {
    expect(nameKey('  Ｊane\u00ad  SMITH\u200d ')).toBe('jane smith');
  });
});
