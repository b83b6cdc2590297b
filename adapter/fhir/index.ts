/** The FHIR boundary: zod schemas (read-only views) and the raw JSON kept for updates. */
export * from './schemas';
export { isRawResource, refOf, RawStore, RawResourceMissingError, type RawResource } from './rawStore';
export { fhirDate, fhirDateTime, fhirId, fhirInstant, isFhirDate, isFhirDateTime, isFhirId, isFhirInstant } from './primitives';
