/**
 * A fast conformance check for the resource schemas in ./schemas.ts: plain predicates that accept a
 * resource only when the zod schema would accept it as it is, so a reader may use the raw JSON as
 * the parsed view and skip zod. It is only ever a shortcut: anything it does not accept (a
 * malformed element, an unusual shape, a deeply nested provision) is parsed by zod as before, so the
 * warnings, the elements left out and the rejections are exactly zod's.
 *
 * The one rule this file must keep: `conformsTo(schema, value) === true` ⇒ `schema.safeParse(value)`
 * succeeds with data deep-equal to `value` (the schemas have no defaults or transforms). Rejecting
 * more than zod is allowed (it only costs speed); accepting more is not. Each predicate mirrors its
 * zod schema element by element; tests/adapter/audit/conforms.test.ts checks the rule on valid and
 * mutated resources.
 *
 * Why: an audit reads every resource of a trust once, and zod's object copying was the largest cost
 * after JSON parsing itself (profiled on the 100,000-patient sandbox caseload).
 */
import type { z } from 'zod';
import { CONSENT_STATUSES, ConsentSchema, EpisodeOfCareSchema, LIST_STATUSES, ListSchema, PatientContactSchema, PatientSchema, PROVISION_TYPES, RelatedPersonSchema, TASK_STATUSES, TaskSchema } from './schemas';
import { isFhirDate, isFhirDateTime, isFhirId } from './primitives';

type Check = (value: unknown) => boolean;
type Fields = Record<string, unknown>;

/** Provisions nested deeper than this go to zod (which turns a stack overflow into a warning). */
const MAX_PROVISION_DEPTH = 16;

/** zod's object test: any non-null, non-array object. */
const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): boolean => typeof value === 'string';
const isBoolean = (value: unknown): boolean => typeof value === 'boolean';
const optional = (check: Check, value: unknown): boolean => value === undefined || check(value);
const arrayOf = (check: Check, value: unknown): boolean => {
  if (!Array.isArray(value)) return false;
  for (const item of value) if (!check(item)) return false;
  return true;
};
const optionalArray = (check: Check, value: unknown): boolean => value === undefined || arrayOf(check, value);
const optionalString = (value: unknown): boolean => value === undefined || typeof value === 'string';
const optionalDateTime = (value: unknown): boolean => value === undefined || isFhirDateTime(value);

const isCoding: Check = (v) => isObject(v) && optionalString(v.system) && optionalString(v.version) && optionalString(v.code) && optionalString(v.display);
const isCodeableConcept: Check = (v) => isObject(v) && optionalArray(isCoding, v.coding) && optionalString(v.text);
const isIdentifier: Check = (v) => isObject(v) && optionalString(v.use) && optionalString(v.system) && optionalString(v.value);
const isReference: Check = (v) => isObject(v) && optionalString(v.reference) && optionalString(v.type) && optional(isIdentifier, v.identifier) && optionalString(v.display);
const isPeriod: Check = (v) => isObject(v) && optionalDateTime(v.start) && optionalDateTime(v.end);
const isHumanName: Check = (v) =>
  isObject(v) &&
  optionalString(v.use) &&
  optionalString(v.text) &&
  optionalString(v.family) &&
  optionalArray(isString, v.given) &&
  optionalArray(isString, v.prefix) &&
  optional(isPeriod, v.period);
const isAddress: Check = (v) =>
  isObject(v) &&
  optionalString(v.use) &&
  optionalString(v.text) &&
  optionalArray(isString, v.line) &&
  optionalString(v.city) &&
  optionalString(v.district) &&
  optionalString(v.state) &&
  optionalString(v.postalCode) &&
  optionalString(v.country) &&
  optional(isPeriod, v.period);
const isContactPoint: Check = (v) => isObject(v) && optionalString(v.system) && optionalString(v.value) && optionalString(v.use) && optional(isPeriod, v.period);
const isAnnotation: Check = (v) => isObject(v) && isString(v.text);
const isMeta: Check = (v) => isObject(v) && optionalString(v.versionId) && optionalDateTime(v.lastUpdated);
const oneOf = (values: readonly string[]): Check => {
  const set = new Set<unknown>(values);
  return (v) => set.has(v);
};

/** The elements every resource schema shares (`domainResource` in ./schemas.ts). */
const isDomainResource = (v: Fields, type: string): boolean => v.resourceType === type && isFhirId(v.id) && optional(isMeta, v.meta);

const isPatient: Check = (v) =>
  isObject(v) &&
  isDomainResource(v, 'Patient') &&
  optional(isBoolean, v.active) &&
  optionalArray(isIdentifier, v.identifier) &&
  optionalArray(isHumanName, v.name) &&
  optional(isFhirDate, v.birthDate) &&
  optionalArray(isAddress, v.address) &&
  optional(isReference, v.managingOrganization) &&
  optionalArray(isReference, v.generalPractitioner) &&
  optional(isBoolean, v.deceasedBoolean) &&
  optionalDateTime(v.deceasedDateTime);

/** One Patient.contact (adapter/mapping/readPatientContacts.ts reads them one by one). */
const isPatientContact: Check = (v) =>
  isObject(v) &&
  optionalArray(isCodeableConcept, v.relationship) &&
  optional(isHumanName, v.name) &&
  optionalArray(isContactPoint, v.telecom) &&
  optional(isAddress, v.address) &&
  optional(isReference, v.organization) &&
  optional(isPeriod, v.period);

const isRelatedPerson: Check = (v) =>
  isObject(v) &&
  isDomainResource(v, 'RelatedPerson') &&
  optionalArray(isIdentifier, v.identifier) &&
  optional(isBoolean, v.active) &&
  isReference(v.patient) &&
  optionalArray(isCodeableConcept, v.relationship) &&
  optionalArray(isHumanName, v.name) &&
  optionalArray(isContactPoint, v.telecom) &&
  optional(isFhirDate, v.birthDate) &&
  optionalArray(isAddress, v.address) &&
  optional(isPeriod, v.period);

const isProvisionType = oneOf(PROVISION_TYPES);
const isProvisionActor: Check = (v) => isObject(v) && optional(isCodeableConcept, v.role) && optional(isReference, v.reference);
const isProvisionData: Check = (v) => isObject(v) && optionalString(v.meaning) && optional(isReference, v.reference);
const isProvision = (v: unknown, depth: number): boolean =>
  depth <= MAX_PROVISION_DEPTH &&
  isObject(v) &&
  optional(isProvisionType, v.type) &&
  optional(isPeriod, v.period) &&
  optionalArray(isProvisionActor, v.actor) &&
  optionalArray(isCodeableConcept, v.action) &&
  optionalArray(isCoding, v.securityLabel) &&
  optionalArray(isCoding, v.purpose) &&
  optionalArray(isCoding, v.class) &&
  optionalArray(isCodeableConcept, v.code) &&
  optionalArray(isProvisionData, v.data) &&
  isNestedProvisions(v.provision, depth + 1);

/** `provision.provision`: absent, or a list of provisions one level deeper. */
function isNestedProvisions(value: unknown, depth: number): boolean {
  if (value === undefined) return true;
  if (!Array.isArray(value)) return false;
  for (const child of value) if (!isProvision(child, depth)) return false;
  return true;
}

const isConsentStatus = oneOf(CONSENT_STATUSES);
const isConsent: Check = (v) =>
  isObject(v) &&
  isDomainResource(v, 'Consent') &&
  isConsentStatus(v.status) &&
  optional(isCodeableConcept, v.scope) &&
  optionalArray(isCodeableConcept, v.category) &&
  optional(isReference, v.patient) &&
  optionalDateTime(v.dateTime) &&
  optionalArray(isReference, v.performer) &&
  optionalArray(isReference, v.organization) &&
  optional(isCodeableConcept, v.policyRule) &&
  (v.provision === undefined || isProvision(v.provision, 0));

const isTaskStatus = oneOf(TASK_STATUSES);
const isTask: Check = (v) =>
  isObject(v) &&
  isDomainResource(v, 'Task') &&
  optionalArray(isIdentifier, v.identifier) &&
  isTaskStatus(v.status) &&
  optional(isCodeableConcept, v.statusReason) &&
  isString(v.intent) &&
  optional(isCodeableConcept, v.code) &&
  optional(isReference, v.focus) &&
  optional(isReference, v.for) &&
  optionalDateTime(v.authoredOn) &&
  optionalDateTime(v.lastModified) &&
  optional(isPeriod, v.executionPeriod) &&
  optional(isReference, v.requester) &&
  optional(isReference, v.owner) &&
  optionalArray(isAnnotation, v.note);

const isListStatus = oneOf(LIST_STATUSES);
const isListEntry: Check = (v) => isObject(v) && isReference(v.item);
const isList: Check = (v) =>
  isObject(v) &&
  isDomainResource(v, 'List') &&
  isListStatus(v.status) &&
  isString(v.mode) &&
  optionalString(v.title) &&
  optional(isCodeableConcept, v.code) &&
  optional(isReference, v.subject) &&
  optionalDateTime(v.date) &&
  optional(isReference, v.source) &&
  optionalArray(isListEntry, v.entry) &&
  optional(isCodeableConcept, v.emptyReason);

const isEpisodeOfCare: Check = (v) =>
  isObject(v) &&
  isDomainResource(v, 'EpisodeOfCare') &&
  isString(v.status) &&
  isReference(v.patient) &&
  optional(isReference, v.managingOrganization) &&
  optional(isPeriod, v.period) &&
  optionalArray(isReference, v.team);

const CHECKS = new Map<z.ZodType, Check>([
  [PatientSchema, isPatient],
  [PatientContactSchema, isPatientContact],
  [RelatedPersonSchema, isRelatedPerson],
  [ConsentSchema, isConsent],
  [TaskSchema, isTask],
  [ListSchema, isList],
  [EpisodeOfCareSchema, isEpisodeOfCare],
]);

/**
 * True when `value` certainly conforms to `schema` as it is (zod would accept it unchanged); false
 * when it may not, or when `schema` has no fast check — then parse with zod.
 */
export function conformsTo(schema: z.ZodType, value: unknown): boolean {
  const check = CHECKS.get(schema);
  if (check === undefined) return false;
  try {
    return check(value);
  } catch {
    // A getter or proxy that throws: let zod report it.
    return false;
  }
}
