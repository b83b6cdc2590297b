/**
 * The sandbox's own reading of SMART scopes (independent of the client's, so a test of one checks
 * the other): which (resource type, permission) a granted scope list covers.
 */
export type Permission = 'c' | 'r' | 'u' | 'd' | 's';
export type ScopeContext = 'user' | 'patient' | 'system';

const V1: Record<string, string> = { read: 'rs', write: 'cud', '*': 'cruds' };

export function covers(granted: readonly string[], contexts: readonly ScopeContext[], resourceType: string, permission: Permission): boolean {
  for (const scope of granted) {
    const match = /^(user|patient|system)\/([A-Za-z]+|\*)\.([a-z*]+)$/.exec(scope);
    if (!match) continue;
    const [, context, type, access] = match as unknown as [string, ScopeContext, string, string];
    const letters = V1[access] ?? (/^c?r?u?d?s?$/.test(access) ? access : '');
    if (contexts.includes(context) && (type === resourceType || type === '*') && letters.includes(permission)) return true;
  }
  return false;
}

/** Is `scope` one the sandbox can grant in `context` (resource scopes without query restrictions)? */
export function isGrantableResourceScope(scope: string, context: ScopeContext): boolean {
  const match = /^(user|patient|system)\/([A-Za-z]+|\*)\.([a-z*]+)$/.exec(scope);
  if (!match || match[1] !== context) return false;
  const access = match[3] as string;
  return access in V1 || (access !== '' && /^c?r?u?d?s?$/.test(access));
}

/**
 * Whether `scope` lies within a client's registration: a non-resource scope (`openid`,
 * `offline_access`) only when registered as such; a resource scope when every permission it asks for
 * is covered by a registered scope of the same context and type (`user/Patient.rs` within
 * `user/Patient.crus`; `user/*.rs` only if `*` itself was registered).
 */
export function isRegisteredScope(scope: string, registered: readonly string[]): boolean {
  const match = /^(user|patient|system)\/([A-Za-z]+|\*)\.([a-z*]+)$/.exec(scope);
  if (!match) return registered.includes(scope);
  const [, context, type, access] = match as unknown as [string, ScopeContext, string, string];
  const letters = (V1[access] ?? access).split('') as Permission[];
  const sameType = registered.filter((r) => r.startsWith(`${context}/${type}.`));
  return letters.length > 0 && letters.every((letter) => covers(sameType, [context], type, letter));
}
