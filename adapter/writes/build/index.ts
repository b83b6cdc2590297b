/** Pure builders of the FHIR R4 resources the adapter writes (shared/terminology.md, "Write"). */
export { buildCarer, type BuildCarerInput } from './buildCarer';
export { buildCarerFromContact, type BuildCarerFromContactInput } from './buildCarerFromContact';
export { withCarerStatus } from './withCarerStatus';
export { buildAskedNoCarers, type BuildAskedNoCarersInput } from './buildAskedNoCarers';
export { buildConsent, type BuildConsentInput } from './buildConsent';
export { withConsentWithdrawn } from './withConsentWithdrawn';
export { buildAssessmentOffer, withAssessmentOutcome, type AssessmentOutcome, type BuildAssessmentOfferInput } from './assessmentTask';
export { buildProvenance, CHANGE_KEY_SYSTEM, provenanceConditionalQuery, SOFTWARE_AGENT, type BuildProvenanceInput } from './buildProvenance';
export { conditionalCreateQuery, requestIdentifier, requestIdentifierValue, URI_IDENTIFIER_SYSTEM } from './requestIdentifier';
export { WriteInputError } from './inputs';
export { escapeXhtml, textNarrative } from './narrative';
export { isNotBefore, requireTaskInvariants } from './taskInvariants';
export { invariantProblems, requireWriteInvariants } from './writeInvariants';
export { buildCarerActionTask, type BuildCarerActionTaskInput } from './carerActionTask';
export { withCarerDetails, type CarerDetails } from './withCarerDetails';
export { buildDeferral, deferralReasonSystem, withDeferralEnded, type BuildDeferralInput } from './deferralTask';
export { buildCarerCommunication, type BuildCarerCommunicationInput } from './carerCommunication';
export { buildCarerReferral, buildCarerSharingConsent, organisationReference, type BuildCarerReferralInput, type BuildCarerSharingConsentInput, type SupportOrganisation } from './carerReferral';
