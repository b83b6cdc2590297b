import type { CapabilityStatementRestResourceOperation } from '@medplum/fhirtypes';

/**
 * How the sandbox declares its FHIR Bulk Data `$export` in the CapabilityStatement, so a client
 * choosing between bulk export and paged search (adapter/audit/pull) sees it.
 *
 * @see https://hl7.org/fhir/uv/bulkdata/CapabilityStatement-bulk-data.html
 */
export const BULK_DATA_CAPABILITY_STATEMENT = 'http://hl7.org/fhir/uv/bulkdata/CapabilityStatement/bulk-data';

/** `rest[0].operation`: the system-level export. */
export const SYSTEM_EXPORT_OPERATIONS: CapabilityStatementRestResourceOperation[] = [
  { name: 'export', definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export' },
];

/** `rest[0].resource[type].operation` for Patient and Group. */
export const RESOURCE_EXPORT_OPERATIONS: Readonly<Record<'Patient' | 'Group', CapabilityStatementRestResourceOperation[]>> = {
  Patient: [{ name: 'export', definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export' }],
  Group: [{ name: 'export', definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/group-export' }],
};
