/**
 * What every per-resource reader returns: a result, or a warning. Readers never throw: a malformed
 * resource becomes a warning naming only its type and id (never a name or any other patient data).
 */
import type { z } from 'zod';
import { conformsTo } from '../fhir/conforms';
import { isFhirId } from '../fhir/primitives';

/**
 * A resource that could not be read, or one deliberately left out (`ignored`: entered in error,
 * cancelled, or not the kind of resource the reader looks for), which callers need not report.
 */
export interface ReadWarning {
  warning: string;
  ignored?: true;
}

/** "Consent/abc" when the input carries a FHIR id, else "a Consent" (ids that are not FHIR ids may hold anything). */
export function describeResource(raw: unknown, expectedType: string): string {
  if (typeof raw !== 'object' || raw === null) return `a ${expectedType}`;
  const { resourceType, id } = raw as { resourceType?: unknown; id?: unknown };
  const type = typeof resourceType === 'string' && /^[A-Z][A-Za-z]{1,63}$/.test(resourceType) ? resourceType : expectedType;
  return isFhirId(id) ? `${type}/${id}` : `a ${type} without a valid id`;
}

/** The first problem zod found, as "path: message" — zod's messages name types and formats, never values. */
export function describeIssues(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[');
  const message = issue.code === 'invalid_union' ? 'has an unexpected shape' : issue.message;
  return path === '' ? message : `${path}: ${message}`;
}

export type ParseOutcome<T> = { ok: true; value: T; warnings: string[] } | { ok: false; warning: string };

/**
 * Parses with `schema`, turning both zod failures and anything thrown while parsing (stack overflow
 * on absurdly deep input) into a warning.
 *
 * `droppable` names top-level elements the reader can do without (a telecom, an address): when one
 * of them is malformed it is left out of the parsed view, with a warning, instead of losing the
 * whole resource — a carer with an unreadable phone number is still the patient's carer. Elements
 * whose loss would change the meaning (relationship, status, provision…) are never droppable. The raw
 * JSON is not touched: only the parsed view leaves the element out.
 */
export function parseResource<T>(
  schema: z.ZodType<T>,
  raw: unknown,
  expectedType: string,
  droppable: readonly string[] = [],
): ParseOutcome<T> {
  // Most resources are well formed: when the fast check proves zod would accept the raw JSON as it
  // is, the raw JSON is the parsed view (the schemas have no defaults or transforms).
  if (conformsTo(schema, raw)) return { ok: true, value: raw as T, warnings: [] };
  try {
    let candidate = raw;
    const warnings: string[] = [];
    for (let attempt = 0; attempt <= droppable.length; attempt += 1) {
      const result = schema.safeParse(candidate);
      if (result.success) return { ok: true, value: result.data, warnings };
      const key = result.error.issues[0]?.path[0];
      const canDrop = typeof key === 'string' && droppable.includes(key) && typeof candidate === 'object' && candidate !== null;
      if (!canDrop) return { ok: false, warning: `${describeResource(raw, expectedType)} could not be read (${describeIssues(result.error)})` };
      warnings.push(`${describeResource(raw, expectedType)}: ${key} could not be read and was left out (${describeIssues(result.error)})`);
      const { [key]: _dropped, ...rest } = candidate as Record<string, unknown>;
      candidate = rest;
    }
    return { ok: false, warning: `${describeResource(raw, expectedType)} could not be read` };
  } catch {
    return { ok: false, warning: `${describeResource(raw, expectedType)} could not be read (too deeply nested or malformed)` };
  }
}

export const ignored = (warning: string): ReadWarning => ({ warning, ignored: true });
