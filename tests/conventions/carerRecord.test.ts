/**
 * The carer record is one table (adapter/fhir/carerRecordResources.ts): every list that names the
 * record's types — the one-request read, its fallback, the scopes asked for and registered, the
 * audit's types — is derived from it, and the sandbox serves every row as a real server would.
 */
import { describe, expect, it } from 'vitest';
import { CARER_RECORD_RESOURCES, LINKED_RESOURCES, OPTIONAL_TYPES, READ_NEEDS, revincludeTarget } from '../../adapter/fhir/carerRecordResources';
import { fallbackSearches, revincludePath } from '../../adapter/read/readCarerContext';
import { AUDIT_SYSTEM_SCOPE, CLINICIAN_SCOPES } from '../../adapter/auth/scopes';
import { AUDIT_RESOURCE_TYPES, REQUIRED_AUDIT_TYPES, WITHOUT_AUDIT_TYPE } from '../../adapter/bulk/kickOff';
import { deriveCapabilities } from '../../adapter/capabilities';
import { AUDIT_CLIENT_SCOPES, EXTENSION_CLIENT_SCOPES } from '../../sandbox/auth/sandboxAuth';
import { COMPARTMENT_TYPES } from '../../sandbox/bulk/population';
import { SUPPORTED_RESOURCES, buildCapabilityStatement } from '../../sandbox/capability';

const every = { optionalRevinclude: OPTIONAL_TYPES, optionalSearch: OPTIONAL_TYPES };

describe.each(CARER_RECORD_RESOURCES.map((row) => [row.type, row] as const))('%s, a row of the carer record', (type, row) => {
  it('is in the one-request read and the fallback searches (when the server declares an optional type)', () => {
    if (!('link' in row)) return;
    const path = revincludePath('p1', every);
    expect(path).toContain(`${'throughCarers' in row ? '_revinclude:iterate' : '_revinclude'}=${type}:${row.link}`);
    expect(fallbackSearches('p1', every)).toContain(`${type}?${row.link}=${encodeURIComponent('Patient/p1')}`);
  });

  it('is asked for in the clinician scopes and registered for the extension in the sandbox', () => {
    expect(CLINICIAN_SCOPES).toContain(`user/${type}.${row.clinician}`);
    expect(EXTENSION_CLIENT_SCOPES).toContain(`user/${type}.${row.clinician}`);
  });

  it('is read by the audit (types, system scope, sandbox registration) and said plainly when it may be missing', () => {
    expect(AUDIT_RESOURCE_TYPES).toContain(type);
    expect(AUDIT_SYSTEM_SCOPE.split(' ')).toContain(`system/${type}.rs`);
    expect(AUDIT_CLIENT_SCOPES).toContain(`system/${type}.rs`);
    if (row.audit === 'required') expect(REQUIRED_AUDIT_TYPES.has(type)).toBe(true);
    else expect(WITHOUT_AUDIT_TYPE[type]).toMatch(new RegExp(`^no ${type} on this server: `));
  });

  it('is needed for the panel read unless optional', () => {
    expect(READ_NEEDS.some(([needed]) => needed === type)).toBe(!row.optional);
  });

  it('is served by the sandbox: searchable by its link, declared as a _revinclude on Patient, exportable', () => {
    const supported = SUPPORTED_RESOURCES.find((resource) => resource.type === type);
    expect(supported, `sandbox/capability.ts SUPPORTED_RESOURCES has ${type}`).toBeDefined();
    expect(COMPARTMENT_TYPES as readonly string[]).toContain(type);
    if (!('link' in row)) return;
    expect(supported?.searchParams.map((param) => param.name)).toContain(row.link);
    expect(SUPPORTED_RESOURCES.find((resource) => resource.type === 'Patient')?.searchRevInclude).toContain(`${type}:${row.link}`);
  });
});

describe('the capability gating follows the table', () => {
  it('the sandbox declares everything the one-request read needs, optional types included', () => {
    const capabilities = deriveCapabilities(buildCapabilityStatement({ fhirBase: 'http://127.0.0.1:8080/fhir', date: new Date('2026-01-01T00:00:00Z') }));
    expect(capabilities.revinclude).toBe(true);
    expect([...capabilities.optionalRevinclude].sort()).toEqual([...OPTIONAL_TYPES].sort());
    expect([...capabilities.optionalSearch].sort()).toEqual([...OPTIONAL_TYPES].sort());
  });

  it('a server that declares only the required _revincludes gets the one-request read without the optional types', () => {
    const required = LINKED_RESOURCES.filter((row) => !row.optional);
    const statement = {
      resourceType: 'CapabilityStatement',
      fhirVersion: '4.0.1',
      rest: [{ mode: 'server', resource: [{ type: 'Patient', searchRevInclude: required.map(revincludeTarget) }] }],
    };
    const capabilities = deriveCapabilities(statement);
    expect(capabilities.revinclude).toBe(true);
    expect(capabilities.optionalRevinclude).toEqual([]);
    for (const row of LINKED_RESOURCES.filter((r) => r.optional)) expect(revincludePath('p1', capabilities)).not.toContain(`${row.type}:`);
  });

  it('a server that leaves out one required _revinclude gets the fallback read', () => {
    for (const missing of LINKED_RESOURCES.filter((row) => !row.optional)) {
      const declared = LINKED_RESOURCES.filter((row) => row !== missing).map(revincludeTarget);
      const capabilities = deriveCapabilities({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.1', rest: [{ mode: 'server', resource: [{ type: 'Patient', searchRevInclude: declared }] }] });
      expect(capabilities.revinclude, missing.type).toBe(false);
    }
  });
});
