/** Consent-coverage metrics: a pure streaming reducer whose state merges, and the coverage.json it produces. */
export type { AuditFact, PatientFact, EpisodeFact, CarerFact, ConsentFact, AssessmentFact, AskedNoCarersFact, MalformedFact, RecencyKey } from './facts';
export { emptyAuditState, addFact, mergeAuditStates, compareRecencyKeys, type AuditState } from './state';
export { finaliseCoverage, rateOf } from './finalise';
export {
  CoverageSchema,
  COVERAGE_SCHEMA_VERSION,
  RATE_IDS,
  RAG_RATINGS,
  type Coverage,
  type Completeness,
  type Measures,
  type Rate,
  type RateId,
  type RagRating,
  type TeamMeasures,
  type MonthMeasures,
  type TeamMonthMeasures,
} from './coverage';
