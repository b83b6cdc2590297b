import { getStatus } from '@medplum/core';
import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';

/**
 * OperationOutcomes for the HTTP statuses @medplum/core has no constant for, and the one place
 * that turns an outcome into an HTTP status. Outcome ids are how @medplum/core's `getStatus`
 * maps outcomes to statuses, so these follow the same convention.
 */

const METHOD_NOT_ALLOWED_ID = 'method-not-allowed';
const NOT_ACCEPTABLE_ID = 'not-acceptable';

function outcome(id: string | undefined, code: OperationOutcomeIssue['code'], text: string, expression?: string): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    ...(id ? { id } : {}),
    issue: [{ severity: 'error', code, details: { text }, ...(expression ? { expression: [expression] } : {}) }],
  };
}

export function methodNotAllowed(text: string): OperationOutcome {
  return outcome(METHOD_NOT_ALLOWED_ID, 'not-supported', text);
}

export function notAcceptable(text: string): OperationOutcome {
  return outcome(NOT_ACCEPTABLE_ID, 'not-supported', text);
}

export function notSupported(text: string, expression?: string): OperationOutcome {
  return outcome(undefined, 'not-supported', text, expression);
}

export function unknownResourceType(resourceType: string): OperationOutcome {
  return outcome('not-found', 'not-supported', `Resource type "${resourceType}" is not supported by this server`);
}

export function notFoundAt(text: string): OperationOutcome {
  return outcome('not-found', 'not-found', text);
}

export function invalidRequest(text: string, expression?: string): OperationOutcome {
  return outcome(undefined, 'invalid', text, expression);
}

export function payloadTooLarge(text: string): OperationOutcome {
  return outcome('content-too-large', 'too-long', text);
}

export function serverErrorOutcome(): OperationOutcome {
  // Diagnostics are left out on purpose: an exception message may quote patient data.
  return outcome(undefined, 'exception', 'Internal server error');
}

/** The HTTP status an outcome stands for (200 for informational outcomes). */
export function statusOf(result: OperationOutcome): number {
  if (result.id === METHOD_NOT_ALLOWED_ID) return 405;
  if (result.id === NOT_ACCEPTABLE_ID) return 406;
  return getStatus(result);
}
