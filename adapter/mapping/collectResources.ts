/**
 * Flattens what a read returned — resources, searchset Bundles, batch-response Bundles of Bundles —
 * into one list of raw resources, plus the `urn:uuid:` fullUrls that name them.
 */
import { isRawResource, type RawResource } from '../fhir/rawStore';
import { isFhirId } from '../fhir/primitives';

export interface CollectedResources {
  resources: RawResource[];
  /** fullUrl (urn:uuid / urn:oid) → "Type/id". */
  aliases: Map<string, string>;
  warnings: string[];
}

/** Deeper nesting than a batch response of searchsets is not something a FHIR server returns. */
const MAX_BUNDLE_DEPTH = 3;

export function collectResources(input: readonly unknown[]): CollectedResources {
  const out: CollectedResources = { resources: [], aliases: new Map(), warnings: [] };
  let skipped = 0;
  let outcomes = 0;
  const visit = (item: unknown, depth: number): void => {
    if (!isRawResource(item)) {
      skipped += 1;
      return;
    }
    if (item.resourceType === 'OperationOutcome') {
      outcomes += 1;
      return;
    }
    if (item.resourceType !== 'Bundle') {
      out.resources.push(item);
      return;
    }
    if (depth >= MAX_BUNDLE_DEPTH) {
      out.warnings.push('a Bundle nested too deeply was skipped');
      return;
    }
    const entries = (item as { entry?: unknown }).entry;
    if (entries === undefined) return;
    if (!Array.isArray(entries)) {
      out.warnings.push('a Bundle whose entry is not a list was skipped');
      return;
    }
    for (const entry of entries) {
      if (typeof entry !== 'object' || entry === null) {
        skipped += 1;
        continue;
      }
      const { resource, fullUrl } = entry as { resource?: unknown; fullUrl?: unknown };
      if (resource === undefined) continue; // a batch-response entry for a failed or empty request
      if (typeof fullUrl === 'string' && (fullUrl.startsWith('urn:uuid:') || fullUrl.startsWith('urn:oid:')) && isRawResource(resource) && isFhirId(resource.id)) {
        out.aliases.set(fullUrl, `${resource.resourceType}/${resource.id}`);
      }
      visit(resource, depth + 1);
    }
  };
  for (const item of input) visit(item, 0);
  if (skipped > 0) out.warnings.push(`${skipped} item(s) that are not FHIR resources were skipped`);
  if (outcomes > 0) out.warnings.push(`the server returned ${outcomes} OperationOutcome(s) with the data: some records may be missing`);
  return out;
}
