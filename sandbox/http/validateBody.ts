import { OperationOutcomeError, normalizeOperationOutcome, validateResource, type TypedValueWithPath } from '@medplum/core';
import type { OperationOutcome, Resource } from '@medplum/fhirtypes';
import { invalidRequest } from './outcomes';
import { requiredBindingIssues } from './requiredBindings';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks that a request body is a valid R4 resource of the expected type, against the base
 * StructureDefinitions and their required bindings, as a production server does. Returns the
 * OperationOutcome to send when it is not: 400 for a body that is not that resource or breaks the
 * structure (unknown element, wrong type, missing required element, a code outside a required value
 * set), 422 when it is well formed but breaks an R4 invariant (e.g. a Consent with neither policy
 * nor policyRule, a Task with lastModified before authoredOn), as FHIR's RESTful API distinguishes them.
 * @see https://hl7.org/fhir/R4/http.html#2.21.0.11
 */
export function checkResourceBody(body: unknown, expectedType: string): OperationOutcome | undefined {
  if (!isPlainObject(body)) {
    return invalidRequest('The request body must be a FHIR resource (a JSON object)');
  }
  if (body.resourceType !== expectedType) {
    const found = typeof body.resourceType === 'string' ? body.resourceType : 'no resourceType';
    return invalidRequest(`Expected a ${expectedType} resource but the body is ${found}`, 'resourceType');
  }
  try {
    const tokens: Record<string, TypedValueWithPath[]> = {};
    validateResource(body as unknown as Resource, { collect: { tokens } });
    const bindings = requiredBindingIssues(tokens);
    return bindings.length > 0 ? { resourceType: 'OperationOutcome', issue: bindings } : undefined;
  } catch (err) {
    const outcome = err instanceof OperationOutcomeError ? err.outcome : normalizeOperationOutcome(err);
    const onlyInvariants = outcome.issue.length > 0 && outcome.issue.every((issue) => issue.code === 'invariant');
    return onlyInvariants ? { ...outcome, id: 'business-rule' } : { ...outcome, id: undefined };
  }
}
