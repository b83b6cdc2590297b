/**
 * Least-privilege scopes in SMART v2 syntax, and what a granted scope string allows.
 *
 * The extension is a clinician's app launched on its own (standalone launch) beside the EHR: the
 * clinician moves between patients, so it asks for `user/` scopes (bounded by what the clinician
 * may see and do) rather than `patient/` scopes (one patient fixed at launch). See docs/auth.md.
 * @see https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html
 */

import { AUDIT_RESOURCE_TYPES } from '../bulk/kickOff';
import { CLINICIAN_RESOURCE_SCOPES } from '../fhir/carerRecordResources';

/** Exactly what the adapter reads and writes (one scope per row of the carer record); nothing else. */
export const CLINICIAN_SCOPES: readonly string[] = [
  'openid',
  'fhirUser',
  'online_access',
  ...CLINICIAN_RESOURCE_SCOPES,
  // `s` too: the Provenance is created conditionally on the change it records (If-None-Exist searches).
  'user/Provenance.cs',
];

export const CLINICIAN_SCOPE = CLINICIAN_SCOPES.join(' ');

/**
 * Read-only, for the unattended audit (SMART Backend Services): the types it reads (on this server:
 * adapter/audit/pull/serverTypes.ts) and Group (a team's caseload). Asking for a type the server
 * does not have is refused by conformant servers (`invalid_scope`).
 */
export function auditSystemScope(types: readonly string[]): string {
  return [...types, 'Group'].map((type) => `system/${type}.rs`).join(' ');
}

/** Every type the audit can read (AUDIT_RESOURCE_TYPES, the one list). */
export const AUDIT_SYSTEM_SCOPE = auditSystemScope(AUDIT_RESOURCE_TYPES);

export type Permission = 'c' | 'r' | 'u' | 'd' | 's';

type Context = 'user' | 'patient' | 'system';

interface ParsedScope {
  context: Context;
  resourceType: string;
  permissions: ReadonlySet<Permission>;
}

const V1_PERMISSIONS: Record<string, Permission[]> = { read: ['r', 's'], write: ['c', 'u', 'd'], '*': ['c', 'r', 'u', 'd', 's'] };
const V2_PERMISSIONS = /^c?r?u?d?s?$/;

/**
 * One resource scope (`user/Consent.crus`, v1 `user/Consent.write`), or undefined for anything else
 * (`openid`, `launch`, a scope narrowed by a query such as `user/Task.rs?code=…`: a write we cannot
 * reason about is treated as not granted rather than risk a loop of 403s).
 */
export function parseResourceScope(scope: string): ParsedScope | undefined {
  const match = /^(user|patient|system)\/([A-Za-z]+|\*)\.([a-z*]+)$/.exec(scope);
  if (!match) return undefined;
  const [, context, resourceType, access] = match as unknown as [string, Context, string, string];
  const v1 = V1_PERMISSIONS[access];
  if (v1) return { context, resourceType, permissions: new Set(v1) };
  if (access === '' || !V2_PERMISSIONS.test(access)) return undefined;
  return { context, resourceType, permissions: new Set(access.split('') as Permission[]) };
}

/** The granted scopes, split on whitespace (the token response's `scope`). */
export function scopeList(scope: string | undefined): string[] {
  return (scope ?? '').split(/\s+/).filter((s) => s !== '');
}

/** Whether the scopes allow `permission` on `resourceType` in one of the `contexts`. */
export function allows(scopes: readonly string[], resourceType: string, permission: Permission, contexts: readonly Context[]): boolean {
  return scopes.some((s) => {
    const parsed = parseResourceScope(s);
    return parsed !== undefined && contexts.includes(parsed.context) && (parsed.resourceType === resourceType || parsed.resourceType === '*') && parsed.permissions.has(permission);
  });
}
