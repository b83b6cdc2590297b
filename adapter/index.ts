/** The FHIR adapter's public surface: the façade, its one error type, and the types they use. */
export { createFhirAdapter } from './client';
export type {
  FhirAdapter,
  FhirAdapterOptions,
  RequestOptions,
  CarerRecord,
  ResolvedPatient,
  WriteResult,
  RecordCarerInput,
  RecordAskedNoCarersInput,
  RecordConsentInput,
  OfferAssessmentInput,
  UpdateOptions,
  WriteOptions,
  AssessmentOutcome,
} from './client';
export { FhirError, FHIR_ERROR_KINDS, isFhirError, normalizeFhirError, type FhirErrorKind, type FhirErrorContext } from './errors';
export { deriveCapabilities, type Capabilities, type WritableType } from './capabilities';
export type { WrittenResource } from './write/send';
export type { RawResource } from './fhir/rawStore';
