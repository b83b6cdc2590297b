import { describe, expect, it } from 'vitest';
import { isFhirDate, isFhirDateTime, isFhirId, isFhirInstant } from '../../../adapter/fhir/primitives';

describe('FHIR primitive checks', () => {
  it.each(['2026', '2026-11', '2026-11-23', '2024-02-29'])('accepts the date %s', (value) => {
    expect(isFhirDate(value)).toBe(true);
  });

  it.each(['26-11-2026', '2026-13-01', '2026-02-30', '2023-02-29', '2026-11-23T10:00:00Z', '', '0000', 'tomorrow'])(
    'rejects %j as a date',
    (value) => {
      expect(isFhirDate(value)).toBe(false);
    },
  );

  it.each(['2026', '2026-11-23', '2026-11-23T10:15:00Z', '2026-11-23T10:15:00.123+01:00', '2026-11-23T23:59:60-05:00'])(
    'accepts the dateTime %s',
    (value) => {
      expect(isFhirDateTime(value)).toBe(true);
    },
  );

  it.each(['2026-11-23T10:15:00', '2026-11-23T10:15Z', '2026-11-23 10:15:00Z', '2026-04-31T10:00:00Z'])(
    'rejects %j as a dateTime (time without zone, no seconds, space, impossible day)',
    (value) => {
      expect(isFhirDateTime(value)).toBe(false);
    },
  );

  it('requires a full time and zone for an instant', () => {
    expect(isFhirInstant('2026-11-23T10:15:00Z')).toBe(true);
    expect(isFhirInstant('2026-11-23')).toBe(false);
  });

  it.each([
    ['abc-123.x', true],
    ['a'.repeat(64), true],
    ['a'.repeat(65), false],
    ['has space', false],
    ['Patient/1', false],
    ['', false],
    [42, false],
  ])('isFhirId(%j) is %s', (value, expected) => {
    expect(isFhirId(value)).toBe(expected);
  });
});
