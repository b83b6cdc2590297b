import { describe, expect, it } from 'vitest';
import { buildProvenance, SOFTWARE_AGENT, WriteInputError } from '../../../../adapter/writes/build';
import { validateR4 } from '../../../support/validateR4';

describe('buildProvenance', () => {
  it('builds a valid Provenance for a versioned target and the practitioner who made the change', () => {
    const provenance = buildProvenance({ target: 'Consent/c1/_history/2', recorded: '2026-11-23T10:15:00Z', agent: { reference: 'Practitioner/p1', display: 'Dr Rivers' } });
    expect(validateR4(provenance)).toEqual([]);
    expect(provenance).toEqual({
      resourceType: 'Provenance',
      target: [{ reference: 'Consent/c1/_history/2' }],
      recorded: '2026-11-23T10:15:00Z',
      agent: [{ who: { reference: 'Practitioner/p1', display: 'Dr Rivers' } }],
    });
  });

  it('targets a resource created in the same transaction by its urn:uuid, with the software as agent when the user is unknown', () => {
    const provenance = buildProvenance({ target: 'urn:uuid:9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d', recorded: '2026-11-23T10:15:00.123+00:00' });
    expect(validateR4(provenance)).toEqual([]);
    expect(provenance.agent).toEqual([{ who: SOFTWARE_AGENT }]);
  });

  it.each([
    ['a target that is not a reference', { target: 'Consent' }],
    ['a recorded time that is only a date', { recorded: '2026-11-23' }],
    ['a recorded time without a zone', { recorded: '2026-11-23T10:15:00' }],
  ])('refuses %s', (_what, change) => {
    expect(() => buildProvenance({ target: 'Consent/c1/_history/2', recorded: '2026-11-23T10:15:00Z', ...change })).toThrow(WriteInputError);
  });
});
