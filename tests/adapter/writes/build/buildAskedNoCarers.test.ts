import { describe, expect, it } from 'vitest';
import { buildAskedNoCarers, conditionalCreateQuery, WriteInputError } from '../../../../adapter/writes/build';
import { isAskedNoCarersList } from '../../../../adapter/mapping/askedNoCarers';
import { validateR4 } from '../../../support/validateR4';

describe('buildAskedNoCarers', () => {
  it('builds a valid, dated, empty List with emptyReason nilknown', () => {
    const list = buildAskedNoCarers({ patient: 'Patient/alex', askedOn: '2026-11-23T10:15:00Z', askedBy: { reference: 'Practitioner/p1', display: 'Dr Rivers' } });
    expect(validateR4(list)).toEqual([]);
    expect(list).toEqual({
      resourceType: 'List',
      status: 'current',
      mode: 'snapshot',
      title: 'Carers: asked, none named',
      code: { coding: [{ system: 'http://snomed.info/sct', code: '184140000', display: 'Caregiver details' }] },
      subject: { reference: 'Patient/alex' },
      date: '2026-11-23T10:15:00Z',
      source: { reference: 'Practitioner/p1', display: 'Dr Rivers' },
      emptyReason: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/list-empty-reason', code: 'nilknown', display: 'Nil Known' }] },
    });
  });

  it('reads back as "asked: no carers"', () => {
    const list = { ...buildAskedNoCarers({ patient: 'Patient/alex', askedOn: '2026-11-23' }), id: 'l1' };
    expect(isAskedNoCarersList(list)).toEqual({ list: 'List/l1', askedOn: '2026-11-23' });
  });

  it('carries a request identifier for conditional create when given one', () => {
    const list = buildAskedNoCarers({ patient: 'Patient/alex', askedOn: '2026-11-23', requestId: '7d444840-9dc0-11d1-b245-5ffdce74fad2' });
    expect(validateR4(list)).toEqual([]);
    expect(conditionalCreateQuery(list)).toBe('identifier=urn:ietf:rfc:3986|urn:uuid:7d444840-9dc0-11d1-b245-5ffdce74fad2');
  });

  it('refuses a date that is not a date and a subject that is not a Patient', () => {
    expect(() => buildAskedNoCarers({ patient: 'Patient/alex', askedOn: 'today' })).toThrow(WriteInputError);
    expect(() => buildAskedNoCarers({ patient: 'Patient/a/b' as 'Patient/a', askedOn: '2026-11-23' })).toThrow(/patient/);
  });
});
