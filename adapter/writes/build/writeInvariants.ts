/**
 * The R4 invariants of the resources the adapter writes, checked before anything is sent: a server
 * refuses a resource that breaks one with HTTP 422, which would reach the clinician as "tell your IT
 * service desk" after they had done the work. Only what a builder or a change could break is
 * checked, each named by its R4 key so a message points at the rule.
 *
 * A create must meet every one. An update must not break one the resource met when it was read: a
 * record another system wrote that already breaks a rule is still the clinician's to withdraw or
 * correct (the server decides whether it takes it), but our change never adds a violation.
 * @see https://hl7.org/fhir/R4/consent.html#invs  @see https://hl7.org/fhir/R4/list.html#invs
 * @see https://hl7.org/fhir/R4/task.html#invs  @see https://hl7.org/fhir/R4/domainresource.html#invs
 */
import type { RawResource } from '../../fhir/rawStore';
import { WriteInputError } from './inputs';
import { taskInvariantProblems } from './taskInvariants';

const isPresent = (value: unknown): boolean => value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);
const asRecords = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null) : []);

// ppc-2 to ppc-5 ("a privacy / research / adr / treatment Consent names the patient") are written in
// R4 against a placeholder system ('something'), so no conformant validator can fail them; the
// builders always name the patient (buildConsent.ts), and only ppc-1 is checked here.
function consentProblems(consent: RawResource): string[] {
  return !isPresent(consent.policy) && !isPresent(consent.policyRule) ? ['a Consent must name a policy or a policy rule (R4 Consent ppc-1)'] : [];
}

function listProblems(list: RawResource): string[] {
  const problems: string[] = [];
  const entries = asRecords(list.entry);
  if (isPresent(list.emptyReason) && entries.length > 0) problems.push('a List with entries cannot give a reason it is empty (R4 List lst-1)');
  if (list.mode !== 'changes' && entries.some((entry) => isPresent(entry.deleted))) problems.push('only a List of changes may mark an entry deleted (R4 List lst-2)');
  if (list.mode !== 'working' && entries.some((entry) => isPresent(entry.date))) problems.push('only a working List may date its entries (R4 List lst-3)');
  return problems;
}

function domainResourceProblems(resource: RawResource): string[] {
  const problems: string[] = [];
  for (const contained of asRecords(resource.contained)) {
    if (isPresent(contained.contained)) problems.push('a contained resource cannot contain resources (R4 dom-2)');
    const meta = typeof contained.meta === 'object' && contained.meta !== null ? (contained.meta as Record<string, unknown>) : undefined;
    if (isPresent(meta?.versionId) || isPresent(meta?.lastUpdated)) problems.push('a contained resource cannot have a version or a last-updated time (R4 dom-4)');
    if (isPresent(meta?.security)) problems.push('a contained resource cannot have a security label (R4 dom-5)');
  }
  return problems;
}

/** Every R4 invariant the resource breaks, of those the adapter's writes could break, in words with the rule's key. */
export function invariantProblems(resource: RawResource): string[] {
  const byType =
    resource.resourceType === 'Task' ? taskInvariantProblems(resource) : resource.resourceType === 'Consent' ? consentProblems(resource) : resource.resourceType === 'List' ? listProblems(resource) : [];
  return [...byType, ...domainResourceProblems(resource)];
}

/**
 * Throws a WriteInputError naming every rule the resource breaks; for an update (`before` given),
 * only the rules it met before the change.
 */
export function requireWriteInvariants(resource: RawResource, before?: RawResource): void {
  const metBefore = before === undefined ? undefined : new Set(invariantProblems(before));
  const problems = invariantProblems(resource).filter((problem) => metBefore === undefined || !metBefore.has(problem));
  if (problems.length > 0) throw new WriteInputError(problems.join('; '));
}
