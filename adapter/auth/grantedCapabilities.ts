/**
 * What a granted scope string lets the app do, so the UI turns off, with a reason, what the server
 * did not grant (it may grant fewer scopes than asked) instead of trying and looping on 403.
 */
import { WRITE_ACTION_LIST, type WriteKind } from '../../shared/actions/index';
import { READ_NEEDS } from '../fhir/carerRecordResources';
import { allows, scopeList, type Permission } from './scopes';

export type Allowance = { allowed: true } | { allowed: false; reason: string };

export interface GrantedCapabilities {
  /** Reading a patient's carer record (every type of adapter/fhir/carerRecordResources.ts it cannot do without). */
  read: Allowance;
  /** Each write action of the registry (shared/actions), by kind. */
  writes: Record<WriteKind, Allowance>;
  /** `openid fhirUser` granted: the app can name who records a change. */
  knowsUser: boolean;
}

export interface GrantedCapabilitiesOptions {
  /** Whether writes go with a Provenance (the server takes one in the same transaction); default true. */
  provenance?: boolean;
}

type Need = readonly [resourceType: string, permissions: readonly Permission[]];

const WORDS: Record<Permission, string> = { c: 'create', r: 'read', u: 'update', d: 'delete', s: 'search' };


/** Interactive app: scopes for the signed-in user or the patient in context count; `system/` does not. */
const CONTEXTS = ['user', 'patient'] as const;

function missing(scopes: readonly string[], needs: readonly Need[]): string[] {
  return needs.flatMap(([type, permissions]) => permissions.filter((p) => !allows(scopes, type, p, CONTEXTS)).map((p) => `${WORDS[p]} ${type}`));
}

function allowance(what: string, gaps: string[]): Allowance {
  if (gaps.length === 0) return { allowed: true };
  return { allowed: false, reason: `You cannot ${what} here: your sign-in was not given permission to ${gaps.join(', ')}. Record it in the EHR, or ask your system administrator for access.` };
}

/**
 * @example
 * ```ts
 * const caps = grantedCapabilities('openid fhirUser user/Patient.rs user/RelatedPerson.rs user/Consent.rs user/Task.rs user/List.rs');
 * caps.writes['record-consent']; // { allowed: false, reason: 'You cannot record a consent decision here: … create Consent …' }
 * ```
 */
export function grantedCapabilities(scope: string | undefined, options: GrantedCapabilitiesOptions = {}): GrantedCapabilities {
  const scopes = scopeList(scope);
  const provenance = options.provenance ?? true;
  const writes = Object.fromEntries(
    WRITE_ACTION_LIST.map(({ kind, what, needs, audited }) => {
      const all: readonly Need[] = audited && provenance ? [...needs, ['Provenance', ['c', 's']]] : needs;
      return [kind, allowance(what, missing(scopes, all))];
    }),
  ) as Record<WriteKind, Allowance>;
  return {
    read: allowance('see carers and consent decisions', missing(scopes, READ_NEEDS)),
    writes,
    knowsUser: scopes.includes('openid') && scopes.includes('fhirUser'),
  };
}
