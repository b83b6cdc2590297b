/**
 * One Consent → a ConsentStatement: what it says about each carer it names, read without the
 * patient's other Consents or "now". shared/consent/decisionInForce.ts weighs the statements; this
 * file is the only reader of Consent, for the panel, `carers` and the audit alike
 * (docs/consent-semantics.md).
 *
 * - status entered-in-error: ignored (it was never a decision);
 * - any modifierExtension, anywhere: cannot be interpreted (a modifier can reverse everything else);
 * - status active: a decision; inactive: withdrawn; proposed with the basis `lacks-capacity`: the
 *   patient is unable to decide at present; any other status: not a decision in force;
 * - each RelatedPerson named anywhere is ruled for: a nested provision naming the carer decides for
 *   that carer (an unrestricted refusal = deny, whatever is permitted for others); otherwise the top
 *   provision decides for the carers it names, or for everyone when it names nobody;
 * - a permit narrowed at the top (code, class, data, security label, a purpose other than the two
 *   written for carers) or by nested provisions is partial, with what may and may not be shared;
 * - about carer sharing: privacy scope (or a carer-sharing category where no scope says otherwise), a
 *   disclosure action when actions are given, and a recipient role (or no role) for the carers named;
 * - provision.period is validity; the review date is the project extension (docs/extensions.md);
 * - who decided: the performer; a performer other than the patient needs a basis (extension, or
 *   policyRule as other systems write it).
 */
import { CONSENT_BASES, type CarerReference, type CarerSharingConsent, type ConsentBasis, type ConsentRuling, type ConsentStatement } from '../../shared/domain/types';
import {
  CARER_OWN_INFORMATION_CATEGORY,
  carerActionCodeSystemUrl,
  CONSENT_PURPOSES,
  CONSENT_SCOPE_PRIVACY,
  POLICY_OPT_IN,
  POLICY_OPT_OUT,
  READ_ACTOR_ROLES,
  READ_CONSENT_CATEGORIES,
  READ_SHARING_ACTIONS,
  SYSTEM,
  codingMatches,
  consentBasisExtensionUrl,
  consentReviewDueExtensionUrl,
} from '../../shared/terminology';
import type { FhirCodeableConcept } from '../fhir/datatypes';
import { isFhirDate, isFhirDateTime } from '../fhir/primitives';
import { ConsentSchema, type FhirConsent, type FhirProvision } from '../fhir/schemas';
import { extensionsOf } from './extensions';
import { hasModifierExtension } from './modifierExtensions';
import { ignored, parseResource, type ReadWarning } from './readResult';
import { localReference, resolveReference } from './references';
import { conceptText } from './text';

export const CANNOT_INTERPRET = 'cannot interpret — check in the EHR';

export interface ConsentRead {
  statement: ConsentStatement;
  /** Malformed elements that were left out (only performer and organization, which do not change the decision). */
  warnings: string[];
}

const DROPPABLE = ['performer', 'organization'] as const;

export interface ReadConsentOptions {
  /** Base of the project's extension URLs (policy `extensionBase`). */
  extensionBase: string;
  /** A Bundle's fullUrl → "Type/id" map, for `urn:uuid:` references. */
  aliases?: ReadonlyMap<string, string>;
}

export function readConsentDecision(raw: unknown, options: ReadConsentOptions): ConsentRead | ReadWarning {
  const parsed = parseResource(ConsentSchema, raw, 'Consent', DROPPABLE);
  if (!parsed.ok) return { warning: parsed.warning };
  const resource = parsed.value;
  const ref = `Consent/${resource.id}` as const;
  if (resource.status === 'entered-in-error') return ignored(`${ref} was entered in error and is ignored`);
  if (isCarersOwnInformation(resource, options.extensionBase)) return carersOwnConsent(resource, raw, ref, options, parsed.warnings);

  const top = resource.provision;
  const all = top === undefined ? [] : [top, ...descendantsOf(top)];
  const carerOf = (actor: NonNullable<FhirProvision['actor']>[number]): string | undefined => resolveReference(actor.reference, 'RelatedPerson', options.aliases);
  const mentions = unique(all.flatMap((p) => (p.actor ?? []).map(carerOf).filter((r): r is string => r !== undefined))).sort();
  const basis = basisOf(resource, options.extensionBase);

  const statement: ConsentStatement = {
    consent: ref,
    state: stateOf(resource, basis.basis),
    aboutCarerSharing: isAboutCarerSharing(resource, all, carerOf),
    mentions,
    named: {},
    topNamesNobody: top === undefined || (top.actor ?? []).length === 0,
    decidedByPatient: true,
  };
  const patient = resolveReference(resource.patient, 'Patient', options.aliases);
  if (patient !== undefined) statement.patient = patient;
  if (resource.meta?.versionId) statement.versionId = resource.meta.versionId;
  if (resource.meta?.lastUpdated) statement.lastUpdated = resource.meta.lastUpdated;
  if (resource.dateTime) statement.recordedOn = resource.dateTime;
  if (top?.period?.start) statement.validFrom = top.period.start;
  if (top?.period?.end) statement.validUntil = top.period.end;
  const reviewDue = reviewDueOf(resource, options.extensionBase);
  if (reviewDue !== undefined) statement.reviewDue = reviewDue;
  if (basis.basis !== undefined) statement.basis = basis.basis;
  if (basis.text !== undefined) statement.basisText = basis.text;
  Object.assign(statement, performerOf(resource, patient, options.aliases));
  const firstActor = all.flatMap((p) => p.actor ?? []).find((a) => a.reference?.reference)?.reference?.reference;
  if (firstActor) statement.actorReference = firstActor.slice(0, 256);
  const settles = resolveReference(resource.sourceReference, 'Consent', options.aliases);
  if (settles !== undefined) statement.settles = settles as `Consent/${string}`;

  const uninterpretable = uninterpretableReason(resource, raw, all, statement.state);
  if (uninterpretable !== undefined) {
    statement.uninterpretable = uninterpretable;
  } else if (top !== undefined && top.type !== undefined) {
    const named: Record<string, ConsentRuling> = {};
    for (const carer of mentions) {
      const ruling = rulingFor(carer, top, carerOf);
      if (ruling !== undefined) named[carer] = ruling;
    }
    statement.named = named;
    if (statement.topNamesNobody) statement.everyoneElse = rulingOfTop(top, carerOf);
  }
  return { statement, warnings: parsed.warnings };
}

/**
 * The carer's OWN consent to share their assessment (category carers-own-information at the
 * configured base; docs/actions.md): about the carer's information, never a decision of the patient.
 * It is read as a statement that is not about carer sharing, names no carer, and carries `carersOwn`,
 * which shared/consent/decisionInForce.ts ignores: it can never be a patient's decision, a
 * consent-without-carer, or "cannot interpret" for the patient's carers.
 */
function isCarersOwnInformation(resource: FhirConsent, base: string): boolean {
  const system = carerActionCodeSystemUrl(base);
  return (resource.category ?? []).some((cc) => (cc.coding ?? []).some((c) => c.system === system && c.code === CARER_OWN_INFORMATION_CATEGORY.code));
}

function carersOwnConsent(resource: FhirConsent, raw: unknown, ref: `Consent/${string}`, options: ReadConsentOptions, warnings: string[]): ConsentRead {
  const type = resource.provision?.type;
  const decision: CarerSharingConsent['decision'] =
    hasModifierExtension(raw) || (resource.status === 'active' && type === undefined)
      ? 'unknown'
      : resource.status === 'inactive'
        ? 'withdrawn'
        : resource.status === 'active'
          ? (type as 'permit' | 'deny')
          : 'unknown';
  const own: CarerSharingConsent = { consent: ref, decision };
  const carer = (resource.performer ?? []).map((p) => resolveReference(p, 'RelatedPerson', options.aliases)).find((r) => r !== undefined);
  if (carer !== undefined) own.carer = carer as CarerReference;
  if (resource.dateTime) own.recordedOn = resource.dateTime;
  const recipient = (resource.provision?.actor ?? []).map((a) => a.reference?.display ?? a.reference?.identifier?.value).find((t) => typeof t === 'string' && t.trim() !== '');
  if (recipient !== undefined) own.recipient = recipient.trim().slice(0, 200);
  const statement: ConsentStatement = { consent: ref, state: 'not-a-decision', aboutCarerSharing: false, mentions: [], named: {}, topNamesNobody: false, decidedByPatient: false, carersOwn: own };
  const patient = resolveReference(resource.patient, 'Patient', options.aliases);
  if (patient !== undefined) statement.patient = patient;
  if (resource.meta?.versionId) statement.versionId = resource.meta.versionId;
  if (resource.meta?.lastUpdated) statement.lastUpdated = resource.meta.lastUpdated;
  if (resource.dateTime) statement.recordedOn = resource.dateTime;
  return { statement, warnings };
}

function stateOf(resource: FhirConsent, basis: ConsentBasis | undefined): ConsentStatement['state'] {
  if (resource.status === 'active') return 'decision';
  if (resource.status === 'inactive') return 'withdrawn';
  if (resource.status === 'proposed' && basis === 'lacks-capacity') return 'lacks-capacity';
  return 'not-a-decision';
}

function uninterpretableReason(resource: FhirConsent, raw: unknown, all: readonly FhirProvision[], state: ConsentStatement['state']): string | undefined {
  if (hasModifierExtension(raw)) return `It carries a modifier extension: ${CANNOT_INTERPRET}`;
  if (state === 'lacks-capacity' || state === 'not-a-decision') return undefined;
  if (!resource.provision?.type) return `It does not say permit or deny (no provision.type): ${CANNOT_INTERPRET}`;
  if (all.some((p) => !p.type)) return `A nested provision does not say permit or deny: ${CANNOT_INTERPRET}`;
  return undefined;
}

type CarerOf = (actor: NonNullable<FhirProvision['actor']>[number]) => string | undefined;

const names = (provision: FhirProvision, carer: string, carerOf: CarerOf): boolean => (provision.actor ?? []).some((a) => carerOf(a) === carer);

/** A nested provision naming the carer decides for them; otherwise the top does, if it names them or nobody. */
function rulingFor(carer: string, top: FhirProvision, carerOf: CarerOf): ConsentRuling | undefined {
  const fromTop = names(top, carer, carerOf) || (top.actor ?? []).length === 0 ? rulingOfTop(top, carerOf) : undefined;
  const nested = descendantsOf(top).filter((p) => names(p, carer, carerOf));
  if (nested.length === 0) return fromTop;
  if (nested.some((p) => p.type === 'deny' && restrictionsOf(p).length === 0)) return { kind: 'deny' };
  const unrestrictedPermit = nested.some((p) => p.type === 'permit' && restrictionsOf(p).length === 0);
  const mayShare = unique(nested.filter((p) => p.type === 'permit').flatMap(restrictionsOf));
  const mayNotShare = unique([
    ...nested.filter((p) => p.type === 'deny').flatMap(restrictionsOf),
    ...nested.filter((p) => p.type === 'permit').flatMap((p) => descendantsOf(p).filter((c) => c.type === 'deny').flatMap(describe)),
  ]);
  if (unrestrictedPermit && mayNotShare.length === 0) return { kind: 'permit' };
  if (unrestrictedPermit || mayShare.length > 0) return partial(mayShare, mayNotShare);
  // Only narrowed refusals name the carer: what the top provision permits them still stands, less those.
  if (fromTop !== undefined && fromTop.kind !== 'deny') return partial(fromTop.mayShare ?? [], unique([...(fromTop.mayNotShare ?? []), ...mayNotShare]));
  return mayNotShare.length > 0 ? { kind: 'deny', mayNotShare } : { kind: 'deny' };
}

/** What the top provision rules for the carers it applies to, with the exceptions that name nobody. */
function rulingOfTop(top: FhirProvision, carerOf: CarerOf): ConsentRuling {
  const narrowed = restrictionsOf(top);
  const exceptions = anonymousDescendants(top, carerOf);
  const opposite = exceptions.filter((p) => p.type !== top.type);
  if (top.type === 'deny') {
    if (opposite.length === 0) return narrowed.length > 0 ? { kind: 'deny', mayNotShare: narrowed } : { kind: 'deny' };
    return partial(unique(opposite.flatMap(describe)), narrowed);
  }
  const permitted = unique([...narrowed, ...exceptions.filter((p) => p.type === 'permit').flatMap(describe)]);
  if (narrowed.length === 0 && opposite.length === 0) return { kind: 'permit' };
  return partial(permitted, unique(opposite.flatMap(describe)));
}

function partial(mayShare: string[], mayNotShare: string[]): ConsentRuling {
  const ruling: ConsentRuling = { kind: 'partial' };
  if (mayShare.length > 0) ruling.mayShare = mayShare;
  if (mayNotShare.length > 0) ruling.mayNotShare = mayNotShare;
  return ruling;
}

/** Nested provisions that name nobody, not below one that names someone: they apply to whoever their parent applies to. */
function anonymousDescendants(top: FhirProvision, carerOf: CarerOf): FhirProvision[] {
  const out: FhirProvision[] = [];
  const stack: FhirProvision[] = [...(top.provision ?? [])].reverse();
  while (stack.length > 0) {
    const next = stack.pop() as FhirProvision;
    if ((next.actor ?? []).some((a) => carerOf(a) !== undefined || a.reference?.reference)) continue;
    out.push(next);
    stack.push(...[...(next.provision ?? [])].reverse());
  }
  return out;
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

/** What narrows a provision to some information, in plain text; empty when it covers everything. */
function restrictionsOf(provision: FhirProvision): string[] {
  const purposes = (provision.purpose ?? []).filter((c) => !codingMatches(c, CONSENT_PURPOSES));
  return [
    ...(provision.code ?? []).map(conceptText),
    ...(provision.class ?? []).map((c) => c.display ?? c.code),
    ...(provision.data ?? []).map((d) => d.reference?.display ?? d.reference?.reference),
    ...(provision.securityLabel ?? []).map((c) => c.display ?? c.code),
    ...purposes.map((c) => (c.display ?? c.code) === undefined ? undefined : `for ${c.display ?? c.code}`),
  ]
    .filter((t): t is string => typeof t === 'string' && t.trim() !== '')
    .map((t) => t.trim());
}

/** What a nested provision is about, in plain text (its actions when nothing narrower is said). */
function describe(provision: FhirProvision): string[] {
  const items = restrictionsOf(provision);
  if (items.length > 0) return items;
  const actions = (provision.action ?? []).map(conceptText).filter((t): t is string => t !== undefined);
  return actions.length > 0 ? actions : ['information not described in the record'];
}

/**
 * About sharing information with, or involving, carers: a privacy Consent (scope, or a carer-sharing
 * category when no scope of the consentscope system says otherwise); when actions are given, at
 * least one is a disclosure; when the actors naming carers carry roles, at least one is a recipient
 * role (an informant gives information, it does not receive it); and it does not name only
 * organisations or practitioners.
 */
function isAboutCarerSharing(resource: FhirConsent, all: readonly FhirProvision[], carerOf: CarerOf): boolean {
  const scopeCodings = (resource.scope?.coding ?? []).filter((c) => c.system === SYSTEM.consentScope);
  const privacyScope = scopeCodings.some((c) => codingMatches(c, [CONSENT_SCOPE_PRIVACY]));
  const otherScope = scopeCodings.length > 0 && !privacyScope;
  const category = (resource.category ?? []).some((cc) => (cc.coding ?? []).some((c) => codingMatches(c, READ_CONSENT_CATEGORIES)));
  if (otherScope || !(privacyScope || category)) return false;

  const actions = all.flatMap((p) => p.action ?? []).flatMap((a) => a.coding ?? []).filter((c) => c.system === SYSTEM.consentAction);
  if (actions.length > 0 && !actions.some((c) => codingMatches(c, READ_SHARING_ACTIONS))) return false;

  const actors = all.flatMap((p) => p.actor ?? []);
  const carerActors = actors.filter((a) => carerOf(a) !== undefined || a.reference?.reference?.startsWith('urn:'));
  const roled = carerActors.filter((a) => (a.role?.coding ?? []).length > 0);
  if (carerActors.length > 0 && roled.length === carerActors.length && !roled.some((a) => (a.role?.coding ?? []).some((c) => codingMatches(c, READ_ACTOR_ROLES)))) return false;

  const refs = actors.map((a) => localReference(a.reference?.reference)).filter((r): r is string => r !== undefined);
  const namesOnlyOthers = refs.length > 0 && carerActors.length === 0;
  return !namesOnlyOthers;
}

function reviewDueOf(resource: FhirConsent, base: string): string | undefined {
  const url = consentReviewDueExtensionUrl(base);
  const found = extensionsOf(resource.extension).filter((e) => e.url === url).at(-1);
  if (found === undefined) return undefined;
  if (isFhirDate(found.valueDate)) return found.valueDate;
  if (isFhirDateTime(found.valueDateTime)) return found.valueDateTime;
  return undefined;
}

const BASIS_WORDS: readonly [RegExp, ConsentBasis][] = [
  [/best[\s-]*interest/i, 'best-interests'],
  [/power of attorney|\blpa\b|attorney/i, 'lpa'],
  [/deputy/i, 'deputy'],
  [/parental responsibility/i, 'parental-responsibility'],
  [/gillick/i, 'gillick-competent'],
  [/lacks? capacity|unable to decide/i, 'lacks-capacity'],
];

const PLAIN_POLICY_TEXT = new Set(['opt-in', 'opt-out', 'optin', 'optout', 'opt in', 'opt out']);

/** The coded basis (project extension), else one read from policyRule as other systems word it. */
function basisOf(resource: FhirConsent, base: string): { basis?: ConsentBasis; text?: string } {
  const url = consentBasisExtensionUrl(base);
  const found = extensionsOf(resource.extension).filter((e) => e.url === url).at(-1);
  const code = typeof found?.valueCode === 'string' ? found.valueCode : undefined;
  if (code !== undefined && (CONSENT_BASES as readonly string[]).includes(code)) return { basis: code as ConsentBasis };
  const text = policyRuleText(resource.policyRule);
  if (text === undefined) return {};
  const matched = BASIS_WORDS.find(([pattern]) => pattern.test(text));
  return matched === undefined ? { text } : { basis: matched[1], text };
}

function policyRuleText(policyRule: FhirCodeableConcept | undefined): string | undefined {
  if (!policyRule) return undefined;
  const text = policyRule.text?.trim();
  if (text && !PLAIN_POLICY_TEXT.has(text.toLowerCase())) return text;
  const other = (policyRule.coding ?? []).filter((c) => !codingMatches(c, [POLICY_OPT_IN, POLICY_OPT_OUT])).find((c) => c.display?.trim() || c.code?.trim());
  return other ? other.display?.trim() || other.code?.trim() : undefined;
}

/** Who decided: the performer. No performer recorded is read as the patient's own decision (as R4 examples write it). */
function performerOf(resource: FhirConsent, patient: string | undefined, aliases: ReadonlyMap<string, string> | undefined): Pick<ConsentStatement, 'decidedBy' | 'decidedByPatient' | 'recordedBy'> {
  const performers = resource.performer ?? [];
  if (performers.length === 0) return { decidedByPatient: true };
  const refs = performers.map((p) => {
    const local = localReference(p.reference);
    return local === undefined ? undefined : (aliases?.get(local) ?? local);
  });
  const byPatient = patient !== undefined && refs.includes(patient);
  const first = performers[0];
  const decidedBy = (byPatient ? patient : (refs[0] ?? first?.display?.trim())) || undefined;
  const out: Pick<ConsentStatement, 'decidedBy' | 'decidedByPatient' | 'recordedBy'> = { decidedByPatient: byPatient };
  if (decidedBy !== undefined) out.decidedBy = decidedBy.slice(0, 256);
  const display = performers.find((p, i) => refs[i] !== patient && p.display?.trim())?.display?.trim();
  if (display) out.recordedBy = display.slice(0, 256);
  return out;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
