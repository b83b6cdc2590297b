import type { CapabilityStatement } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { choosePullPlan, exportSupport } from '../../../../adapter/audit/pull/chooseStrategy';

const base: CapabilityStatement = { resourceType: 'CapabilityStatement', status: 'active', date: '2026-11-23', kind: 'instance', fhirVersion: '4.0.1', format: ['json'] };

const HapiStyle: CapabilityStatement = {
  ...base,
  rest: [
    {
      mode: 'server',
      operation: [{ name: 'export', definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export' }],
      resource: [
        { type: 'Patient', operation: [{ name: 'export', definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export' }] },
        { type: 'Group', operation: [{ name: 'export', definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/group-export' }] },
      ],
    },
  ],
};

const AllAtSystemLevel: CapabilityStatement = {
  ...base,
  rest: [
    {
      mode: 'server',
      operation: [
        { name: 'export', definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export|2.0.0' },
        { name: 'patient-export', definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export' },
        { name: 'group-export', definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/group-export' },
      ],
    },
  ],
};

const GroupOnly: CapabilityStatement = {
  ...base,
  rest: [{ mode: 'server', resource: [{ type: 'Group', operation: [{ name: 'export', definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/group-export' }] }] }],
};

const NoExport: CapabilityStatement = { ...base, rest: [{ mode: 'server', resource: [{ type: 'Patient', interaction: [{ code: 'search-type' }] }] }] };

describe('exportSupport', () => {
  it.each([
    ['operations on the Patient and Group resources (HAPI style)', HapiStyle, { system: true, patient: true, group: true }],
    ['every export at system level, told apart by definition', AllAtSystemLevel, { system: true, patient: true, group: true }],
    ['only a Group export', GroupOnly, { system: false, patient: false, group: true }],
    ['no export at all', NoExport, { system: false, patient: false, group: false }],
    ['something that is not a CapabilityStatement', 'not json', { system: false, patient: false, group: false }],
  ])('reads %s', (_, statement, expected) => {
    expect(exportSupport(statement)).toEqual(expected);
  });
});

describe('choosePullPlan', () => {
  it('uses the Group export for a caseload when the server offers it', () => {
    expect(choosePullPlan('auto', exportSupport(GroupOnly), 'team-north')).toEqual({ path: 'bulk', level: { kind: 'group', id: 'team-north' } });
  });

  it('falls back to paged search for a caseload when there is no Group export', () => {
    expect(choosePullPlan('auto', exportSupport(NoExport), 'team-north')).toEqual({ path: 'search' });
  });

  it('prefers the system export for the whole organisation, then the Patient export', () => {
    expect(choosePullPlan('auto', exportSupport(HapiStyle), undefined)).toEqual({ path: 'bulk', level: { kind: 'system' } });
    expect(choosePullPlan('auto', { system: false, patient: true, group: true }, undefined)).toEqual({ path: 'bulk', level: { kind: 'patient' } });
  });

  it('falls back to paged search when the server offers no export', () => {
    expect(choosePullPlan('auto', exportSupport(NoExport), undefined)).toEqual({ path: 'search' });
    expect(choosePullPlan('auto', exportSupport(GroupOnly), undefined)).toEqual({ path: 'search' });
  });

  it('obeys a forced mode whatever the server declares', () => {
    expect(choosePullPlan('search', exportSupport(HapiStyle), undefined)).toEqual({ path: 'search' });
    expect(choosePullPlan('bulk', exportSupport(NoExport), 'team-north')).toEqual({ path: 'bulk', level: { kind: 'group', id: 'team-north' } });
    expect(choosePullPlan('ndjson', exportSupport(HapiStyle), undefined)).toEqual({ path: 'ndjson' });
  });
});
