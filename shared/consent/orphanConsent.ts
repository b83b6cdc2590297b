/**
 * A Consent about sharing with carers that names no carer of its patient, as the "consent without
 * carer" prompt describes it: read by the panel (adapter/mapping/carerContext.ts) and the audit's
 * prompt outcomes (shared/audit/finalise.ts) alike.
 */
import type { ConsentStatement, OrphanConsent } from '../domain/types';

export function orphanConsentOf(statement: ConsentStatement): OrphanConsent {
  const first = statement.mentions[0];
  const ruling = (statement.everyoneElse ?? (first === undefined ? undefined : statement.named[first]))?.kind;
  const decision: OrphanConsent['decision'] =
    statement.uninterpretable !== undefined || statement.state === 'not-a-decision'
      ? 'unknown'
      : statement.state === 'withdrawn'
        ? 'withdrawn'
        : statement.state === 'lacks-capacity'
          ? 'lacks-capacity'
          : (ruling ?? 'unknown');
  const orphan: OrphanConsent = { consent: statement.consent, decision };
  if (statement.recordedOn) orphan.recordedOn = statement.recordedOn;
  if (statement.actorReference) orphan.actorReference = statement.actorReference;
  return orphan;
}
