/**
 * Consent → the patient's decision about sharing with (and involving) a carer (shared/terminology.md).
 *
 * - status entered-in-error: ignored (it was never a decision);
 * - any modifierExtension, anywhere in the resource: 'unknown' ("cannot interpret — check in the
 *   EHR"): a modifier can reverse the meaning of everything else, so guessing is unsafe;
 * - status inactive: 'withdrawn'; draft / proposed / rejected: 'unknown' (not a decision in force);
 * - status active: provision.type permit / deny; a permit with nested deny provisions (or a deny
 *   with nested permits) is 'partial', with what may / may not be shared read from the nested
 *   provisions' code, class, data, security labels or actions; a provision without a type is 'unknown'.
 *
 * The carer is the actor whose role is an information recipient (IRCP, PRCP, INF, DELEGATEE) and whose
 * reference is a RelatedPerson. recordedOn = dateTime; reviewDue = provision.period.end; recordedBy =
 * the display of a performer who is not the patient; basis = policyRule when it is not plain OPTIN / OPTOUT.
 */
import type { ConsentDecision } from '../../shared/domain/types';
import {
  CONSENT_SCOPE_PRIVACY,
  POLICY_OPT_IN,
  POLICY_OPT_OUT,
  READ_ACTOR_ROLES,
  READ_CONSENT_CATEGORIES,
  codingMatches,
} from '../../shared/terminology';
import type { FhirCodeableConcept } from '../fhir/datatypes';
import { ConsentSchema, type FhirConsent, type FhirProvision } from '../fhir/schemas';
import { hasModifierExtension } from './modifierExtensions';
import { ignored, parseResource, type ReadWarning } from './readResult';
import { localReference, resolveReference } from './references';
import { conceptText } from './text';

export const CANNOT_INTERPRET = 'cannot interpret — check in the EHR';

export interface ConsentRead {
  /** "Patient/<id>" the Consent is about, when it says. */
  patient: string | undefined;
  /** RelatedPersons named as information recipients ("RelatedPerson/<id>"). */
  carerRefs: string[];
  decision: ConsentDecision & { consent: `Consent/${string}` };
  /** A privacy consent that is (or may be) about a carer: one naming only organisations or practitioners is not. */
  isCarerSharingConsent: boolean;
  /** The first actor reference as written, for a clinician to find an orphan consent in the EHR. */
  actorReference?: string;
  /** meta.lastUpdated, to order Consents recorded at the same dateTime. */
  lastUpdated?: string;
  /** Malformed elements that were left out (only performer and organization, which do not change the decision). */
  warnings: string[];
}

const DROPPABLE = ['performer', 'organization'] as const;

export interface ReadConsentOptions {
  /** A Bundle's fullUrl → "Type/id" map, for `urn:uuid:` references. */
  aliases?: ReadonlyMap<string, string>;
}

export function readConsentDecision(raw: unknown, options: ReadConsentOptions = {}): ConsentRead | ReadWarning {
  const parsed = parseResource(ConsentSchema, raw, 'Consent', DROPPABLE);
  if (!parsed.ok) return { warning: parsed.warning };
  const resource = parsed.value;
  const ref = `Consent/${resource.id}` as const;
  if (resource.status === 'entered-in-error') return ignored(`${ref} was entered in error and is ignored`);

  const actors = actorsOf(resource.provision);
  const carerRefs = unique(
    actors
      .filter((a) => (a.role?.coding ?? []).some((c) => codingMatches(c, READ_ACTOR_ROLES)))
      .map((a) => resolveReference(a.reference, 'RelatedPerson', options.aliases))
      .filter((r): r is string => r !== undefined),
  );
  const actorRefs = actors.map((a) => localReference(a.reference?.reference)).filter((r): r is string => r !== undefined);
  const namesOnlyOthers = actorRefs.length > 0 && carerRefs.length === 0 && actorRefs.every((r) => !r.startsWith('RelatedPerson/') && !r.startsWith('urn:'));

  const decision: ConsentRead['decision'] = { ...decide(resource, raw), consent: ref };
  if (resource.meta?.versionId) decision.versionId = resource.meta.versionId;
  if (resource.dateTime) decision.recordedOn = resource.dateTime;
  const recordedBy = recorderOf(resource);
  if (recordedBy) decision.recordedBy = recordedBy;
  if (resource.provision?.period?.end) decision.reviewDue = resource.provision.period.end;
  const basis = basisOf(resource.policyRule);
  if (basis) decision.basis = basis;

  const result: ConsentRead = {
    patient: resolveReference(resource.patient, 'Patient', options.aliases),
    carerRefs,
    decision,
    isCarerSharingConsent: isPrivacyConsent(resource) && !namesOnlyOthers,
    warnings: parsed.warnings,
  };
  const firstActor = actors.find((a) => a.reference?.reference)?.reference?.reference;
  if (firstActor) result.actorReference = firstActor.slice(0, 256);
  if (resource.meta?.lastUpdated) result.lastUpdated = resource.meta.lastUpdated;
  return result;
}

type Decided = Omit<ConsentDecision, 'consent'>;

function decide(resource: FhirConsent, raw: unknown): Decided {
  if (hasModifierExtension(raw)) return { decision: 'unknown', unknownReason: `It carries a modifier extension: ${CANNOT_INTERPRET}` };
  if (resource.status === 'inactive') return { decision: 'withdrawn' };
  if (resource.status !== 'active') return { decision: 'unknown', unknownReason: `Its status is "${resource.status}", not a decision in force: ${CANNOT_INTERPRET}` };
  const top = resource.provision;
  if (!top?.type) return { decision: 'unknown', unknownReason: `It does not say permit or deny (no provision.type): ${CANNOT_INTERPRET}` };
  const nested = descendantsOf(top);
  if (nested.some((p) => !p.type)) return { decision: 'unknown', unknownReason: `A nested provision does not say permit or deny: ${CANNOT_INTERPRET}` };
  const opposite = nested.filter((p) => p.type !== top.type);
  if (opposite.length === 0) return { decision: top.type };
  const same = nested.filter((p) => p.type === top.type);
  const [permits, denies] = top.type === 'permit' ? [same, opposite] : [opposite, same];
  const decided: Decided = { decision: 'partial' };
  const mayShare = unique(permits.flatMap(describe));
  const mayNotShare = unique(denies.flatMap(describe));
  if (mayShare.length > 0) decided.mayShare = mayShare;
  if (mayNotShare.length > 0) decided.mayNotShare = mayNotShare;
  return decided;
}

/** Every nested provision, depth first, without recursion (input depth is not trusted). */
function descendantsOf(top: FhirProvision): FhirProvision[] {
  const out: FhirProvision[] = [];
  const stack: FhirProvision[] = [];
  const pushChildren = (p: FhirProvision): void => {
    const children = p.provision ?? [];
    for (let i = children.length - 1; i >= 0; i -= 1) stack.push(children[i] as FhirProvision);
  };
  pushChildren(top);
  while (stack.length > 0) {
    const next = stack.pop() as FhirProvision;
    out.push(next);
    pushChildren(next);
  }
  return out;
}

/** What a provision is about, in plain text. */
function describe(provision: FhirProvision): string[] {
  const items = [
    ...(provision.code ?? []).map(conceptText),
    ...(provision.class ?? []).map((c) => c.display ?? c.code),
    ...(provision.data ?? []).map((d) => d.reference?.display ?? d.reference?.reference),
    ...(provision.securityLabel ?? []).map((c) => c.display ?? c.code),
  ].filter((t): t is string => typeof t === 'string' && t.trim() !== '');
  if (items.length > 0) return items.map((t) => t.trim());
  const actions = (provision.action ?? []).map(conceptText).filter((t): t is string => t !== undefined);
  return actions.length > 0 ? actions : ['information not described in the record'];
}

function actorsOf(top: FhirProvision | undefined): NonNullable<FhirProvision['actor']> {
  if (!top) return [];
  if (top.actor && top.actor.length > 0) return top.actor;
  return descendantsOf(top).flatMap((p) => p.actor ?? []);
}

function isPrivacyConsent(resource: FhirConsent): boolean {
  const scope = (resource.scope?.coding ?? []).some((c) => codingMatches(c, [CONSENT_SCOPE_PRIVACY]));
  const category = (resource.category ?? []).some((cc) => (cc.coding ?? []).some((c) => codingMatches(c, READ_CONSENT_CATEGORIES)));
  return scope || category;
}

function recorderOf(resource: FhirConsent): string | undefined {
  const performer = (resource.performer ?? []).find((p) => !localReference(p.reference)?.startsWith('Patient/') && p.display?.trim());
  return performer?.display?.trim();
}

const PLAIN_POLICY_TEXT = new Set(['opt-in', 'opt-out', 'optin', 'optout', 'opt in', 'opt out']);

function basisOf(policyRule: FhirCodeableConcept | undefined): string | undefined {
  if (!policyRule) return undefined;
  const others = (policyRule.coding ?? []).filter((c) => !codingMatches(c, [POLICY_OPT_IN, POLICY_OPT_OUT]));
  const text = policyRule.text?.trim();
  if (text && !PLAIN_POLICY_TEXT.has(text.toLowerCase())) return text;
  const other = others.find((c) => c.display?.trim() || c.code?.trim());
  return other ? (other.display?.trim() || other.code?.trim()) : undefined;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
