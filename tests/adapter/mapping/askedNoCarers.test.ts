import { describe, expect, it } from 'vitest';
import { isAskedNoCarersList, readAskedNoCarersList } from '../../../adapter/mapping/askedNoCarers';
import { ListAskedNoCarers, asJson } from '../../fixtures/fhir/personas';

type Json = Record<string, unknown>;
const json = (value: unknown): Json => asJson(value) as Json;

describe('the "asked: no carers" List', () => {
  it('reads the answer with when it was asked and by whom', () => {
    expect(isAskedNoCarersList(json(ListAskedNoCarers))).toEqual({ list: 'List/asked-none', askedOn: '2026-06-01T11:00:00Z', askedBy: 'Dr Rivers' });
    expect(readAskedNoCarersList(json(ListAskedNoCarers))).toMatchObject({ patient: 'Patient/alex' });
  });

  it.each([
    ['another code', { code: { coding: [{ system: 'http://loinc.org', code: '8716-3' }] } }],
    ['retired', { status: 'retired' }],
    ['entered in error', { status: 'entered-in-error' }],
    ['with entries', { entry: [{ item: { reference: 'RelatedPerson/grace' } }], emptyReason: undefined }],
    ['empty for another reason', { emptyReason: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/list-empty-reason', code: 'notasked' }] } }],
    ['without an emptyReason', { emptyReason: undefined }],
  ])('is not an "asked: no carers" answer when %s', (_what, change) => {
    expect(isAskedNoCarersList({ ...json(ListAskedNoCarers), ...change })).toBeUndefined();
  });

  it.each([null, 3, 'List', { resourceType: 'List' }, { ...asJson(ListAskedNoCarers) as object, date: 'June' }])('returns undefined for %j', (raw) => {
    expect(isAskedNoCarersList(raw)).toBeUndefined();
  });
});
