/**
 * What a granted scope string lets the app do, so the UI turns off, with a reason, what the server
 * did not grant (it may grant fewer scopes than asked) instead of trying and looping on 403.
 */
import { allows, scopeList, type Permission } from './scopes';

/** The adapter's writes (FhirAdapter method names). */
export const WRITE_ACTIONS = ['recordCarer', 'markCarerStatus', 'recordAskedNoCarers', 'recordConsent', 'withdrawConsent', 'offerAssessment', 'recordAssessmentOutcome'] as const;
export type WriteAction = (typeof WRITE_ACTIONS)[number];

export type Allowance = { allowed: true } | { allowed: false; reason: string };

export interface GrantedCapabilities {
  /** Reading a patient's carer record (Patient, RelatedPerson, Consent, Task, List). */
  read: Allowance;
  writes: Record<WriteAction, Allowance>;
  /** `openid fhirUser` granted: the app can name who records a change. */
  knowsUser: boolean;
}

export interface GrantedCapabilitiesOptions {
  /** Whether writes go with a Provenance (the server takes one in the same transaction); default true. */
  provenance?: boolean;
}

type Need = [resourceType: string, permissions: Permission[]];

const WORDS: Record<Permission, string> = { c: 'create', r: 'read', u: 'update', d: 'delete', s: 'search' };

const WRITE_NEEDS: Record<WriteAction, { what: string; needs: Need[]; audited: boolean }> = {
  recordCarer: { what: 'add a carer', needs: [['RelatedPerson', ['c', 's']]], audited: true },
  markCarerStatus: { what: 'change whether someone is a carer', needs: [['RelatedPerson', ['r', 'u']]], audited: true },
  recordAskedNoCarers: { what: 'record that the patient named no carers', needs: [['List', ['c', 's']]], audited: false },
  recordConsent: { what: 'record a consent decision', needs: [['Consent', ['c', 's']]], audited: true },
  withdrawConsent: { what: 'withdraw a consent', needs: [['Consent', ['r', 'u']]], audited: true },
  offerAssessment: { what: 'record a needs-assessment offer', needs: [['Task', ['c', 's']]], audited: false },
  recordAssessmentOutcome: { what: 'record an assessment outcome', needs: [['Task', ['r', 'u']]], audited: false },
};

const READ_NEEDS: Need[] = [
  ['Patient', ['r', 's']],
  ['RelatedPerson', ['s']],
  ['Consent', ['s']],
  ['Task', ['s']],
  ['List', ['s']],
];

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
 * caps.writes.recordConsent; // { allowed: false, reason: 'You cannot record a consent decision here: … create Consent …' }
 * ```
 */
export function grantedCapabilities(scope: string | undefined, options: GrantedCapabilitiesOptions = {}): GrantedCapabilities {
  const scopes = scopeList(scope);
  const provenance = options.provenance ?? true;
  const writes = Object.fromEntries(
    WRITE_ACTIONS.map((action) => {
      const { what, needs, audited } = WRITE_NEEDS[action];
      const all: Need[] = audited && provenance ? [...needs, ['Provenance', ['c', 's']]] : needs;
      return [action, allowance(what, missing(scopes, all))];
    }),
  ) as Record<WriteAction, Allowance>;
  return {
    read: allowance('see carers and consent decisions', missing(scopes, READ_NEEDS)),
    writes,
    knowsUser: scopes.includes('openid') && scopes.includes('fhirUser'),
  };
}
