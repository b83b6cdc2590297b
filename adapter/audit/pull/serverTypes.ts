import { AUDIT_RESOURCE_TYPES, REQUIRED_AUDIT_TYPES, WITHOUT_AUDIT_TYPE } from '../../bulk/kickOff';
import { allows } from '../../auth/scopes';
import { fetchWithinOrigin } from '../../http/redirects';
import { REQUEST_INIT_DEFAULTS } from '../../http/types';

/** The resource types the audit will ask a server for, and what it says about the ones left out. */
export interface AuditTypeChoice {
  types: string[];
  /** One sentence per audit type the server does not offer, for the summary and warnings.txt. */
  notes: string[];
  /** Types the audit cannot do without that the server does not offer: the audit cannot run. */
  missingRequired: string[];
}

/**
 * The resource types a CapabilityStatement says the server offers (any `rest[].resource[].type`
 * with a `read` or `search-type` interaction, or with no interactions listed), or undefined when it
 * does not say (unreadable, or no resource list): then nothing is assumed missing.
 *
 * @see https://hl7.org/fhir/R4/capabilitystatement.html
 */
export function typesOnServer(statement: unknown): ReadonlySet<string> | undefined {
  if (typeof statement !== 'object' || statement === null) return undefined;
  const rests = (statement as { rest?: unknown }).rest;
  if (!Array.isArray(rests)) return undefined;
  const offered = new Set<string>();
  let listed = false;
  for (const rest of rests as unknown[]) {
    const resources = typeof rest === 'object' && rest !== null ? (rest as { resource?: unknown }).resource : undefined;
    if (!Array.isArray(resources)) continue;
    listed = true;
    for (const resource of resources as unknown[]) {
      if (typeof resource !== 'object' || resource === null) continue;
      const { type, interaction } = resource as { type?: unknown; interaction?: unknown };
      if (typeof type !== 'string') continue;
      const codes = Array.isArray(interaction) ? (interaction as unknown[]).map((i) => (i as { code?: unknown } | null)?.code) : undefined;
      if (codes === undefined || codes.length === 0 || codes.includes('search-type') || codes.includes('read')) offered.add(type);
    }
  }
  return listed ? offered : undefined;
}

/**
 * The audit's types for this server: every audit type (AUDIT_RESOURCE_TYPES, the one list the
 * kick-off, the searches and the scopes use) the CapabilityStatement offers, or exactly `override`
 * (`--types`). A left-out type is said plainly; a missing required one means no audit.
 */
export function chooseAuditTypes(statement: unknown, override?: readonly string[]): AuditTypeChoice {
  if (override !== undefined) {
    const types = [...override];
    return { types, notes: AUDIT_RESOURCE_TYPES.filter((type) => !types.includes(type)).map((type) => leftOutByRequest(type)), missingRequired: [] };
  }
  const offered = typesOnServer(statement);
  if (offered === undefined) return { types: [...AUDIT_RESOURCE_TYPES], notes: [], missingRequired: [] };
  const types = AUDIT_RESOURCE_TYPES.filter((type) => offered.has(type));
  const absent = AUDIT_RESOURCE_TYPES.filter((type) => !offered.has(type));
  return {
    types,
    notes: absent.filter((type) => !REQUIRED_AUDIT_TYPES.has(type)).map((type) => WITHOUT_AUDIT_TYPE[type] ?? `no ${type} on this server: the audit goes on without it`),
    missingRequired: absent.filter((type) => REQUIRED_AUDIT_TYPES.has(type)),
  };
}

/**
 * Narrows a choice to the types the sign-in can grant, when the server's SMART configuration lists
 * `scopes_supported` with system resource scopes (`system/Consent.rs`, `system/*.read`…): asking for
 * a scope it does not support is refused (`invalid_scope`) by conformant servers.
 */
export function withinSupportedScopes(choice: AuditTypeChoice, scopesSupported: readonly string[] | undefined): AuditTypeChoice {
  const systemScopes = (scopesSupported ?? []).filter((scope) => scope.startsWith('system/'));
  if (systemScopes.length === 0) return choice;
  const readable = (type: string) => allows(systemScopes, type, 'r', ['system']) && allows(systemScopes, type, 's', ['system']);
  const dropped = choice.types.filter((type) => !readable(type));
  if (dropped.length === 0) return choice;
  return {
    types: choice.types.filter(readable),
    notes: [
      ...choice.notes,
      ...dropped.filter((type) => !REQUIRED_AUDIT_TYPES.has(type)).map((type) => {
        const loss = WITHOUT_AUDIT_TYPE[type]?.split(': ').slice(1).join(': ');
        return `no system/${type}.rs in this server's SMART scopes_supported${loss ? `: ${loss}` : ': the audit goes on without it'}`;
      }),
    ],
    missingRequired: [...choice.missingRequired, ...dropped.filter((type) => REQUIRED_AUDIT_TYPES.has(type))],
  };
}

function leftOutByRequest(type: string): string {
  const loss = WITHOUT_AUDIT_TYPE[type]?.split(': ').slice(1).join(': ');
  return `${type} left out by --types${loss ? `: ${loss}` : ''}`;
}

/**
 * The server's CapabilityStatement, read before signing in (a conformant server serves `metadata`
 * to anyone), or undefined when it cannot be read: the types are then not narrowed.
 */
export async function readCapabilityStatement(fhirBase: string, fetchImpl: typeof fetch = globalThis.fetch, signal?: AbortSignal): Promise<unknown> {
  try {
    const response = await fetchWithinOrigin(fetchImpl, `${fhirBase.replace(/\/+$/, '')}/metadata`, {
      ...REQUEST_INIT_DEFAULTS,
      headers: { accept: 'application/fhir+json' },
      signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(60_000)]) : AbortSignal.timeout(60_000),
    });
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      return undefined;
    }
    const body = (await response.json()) as unknown;
    return typeof body === 'object' && body !== null && (body as { resourceType?: unknown }).resourceType === 'CapabilityStatement' ? body : undefined;
  } catch {
    return undefined;
  }
}
