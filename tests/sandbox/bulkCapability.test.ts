import type { CapabilityStatementRest } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { exportSupport } from '../../adapter/audit/pull/chooseStrategy';
import { buildCapabilityStatement } from '../../sandbox/capability';
import { BULK_DATA_CAPABILITY_STATEMENT, RESOURCE_EXPORT_OPERATIONS, SYSTEM_EXPORT_OPERATIONS } from '../../sandbox/bulk/capability';

describe("the sandbox's $export declaration", () => {
  it('is read by the pull as system, Patient and Group export once added to the CapabilityStatement', () => {
    const statement = buildCapabilityStatement({ fhirBase: 'http://127.0.0.1:1/fhir', date: new Date('2026-11-23T00:00:00Z') });
    const rest = statement.rest?.[0] as CapabilityStatementRest;
    const declared = {
      ...statement,
      instantiates: [BULK_DATA_CAPABILITY_STATEMENT],
      rest: [
        {
          ...rest,
          operation: SYSTEM_EXPORT_OPERATIONS,
          resource: rest.resource?.map((r) => (r.type === 'Patient' || r.type === 'Group' ? { ...r, operation: RESOURCE_EXPORT_OPERATIONS[r.type] } : r)),
        },
      ],
    };
    expect(exportSupport(declared)).toEqual({ system: true, patient: true, group: true });
  });
});
