/** FHIR → domain mapping: per-resource readers (never throw) and the CarerContext they build. */
export { toCarerContext, MAX_WARNINGS, NO_DECISION, NOT_OFFERED, UNREADABLE, type ToCarerContextOptions, type ToCarerContextResult } from './carerContext';
export { readPatient, type PatientRead } from './readPatient';
export { readRelatedPerson, type RelatedPersonRead, type CarerWithoutDecisions, type ReadRelatedPersonOptions } from './readRelatedPerson';
export { readConsentDecision, CANNOT_INTERPRET, type ConsentRead } from './readConsentDecision';
export { readAssessmentTask, isAssessmentOfferTask, type AssessmentTaskRead } from './readAssessmentTask';
export { readAskedNoCarersList, isAskedNoCarersList, type AskedNoCarersRead } from './askedNoCarers';
export { readEpisodeOfCare, type EpisodeOfCareRead } from './readEpisodeOfCare';
export { collectResources, type CollectedResources } from './collectResources';
export { localReference, resolveReference } from './references';
export { hasModifierExtension } from './modifierExtensions';
export type { ReadWarning } from './readResult';
