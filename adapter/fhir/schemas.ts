/**
 * Zod schemas for the FHIR R4 resources Carer Prompts reads, used at the boundary only.
 *
 * Every object is loose (`z.looseObject`): unknown elements, extensions and `_primitive` elements
 * pass through. The schemas are for reading; an update modifies and sends the raw JSON as received
 * (see ./rawStore.ts), never a parsed copy. What they reject is what the code would misread: a
 * `relationship` that is not a list, a `provision.type` other than permit | deny, a date that is not
 * a FHIR date, an id that is not a FHIR id.
 */
import { z } from 'zod';
import {
  Address,
  Annotation,
  CodeableConcept,
  Coding,
  ContactPoint,
  HumanName,
  Identifier,
  Meta,
  Period,
  Reference,
} from './datatypes';
import { fhirDate, fhirDateTime, fhirId, fhirString } from './primitives';

// Extensions are not validated here: the only ones read (on RelatedPerson) are read defensively in
// adapter/mapping/extensions.ts, and a malformed extension some other system wrote must not hide a
// carer. Modifier extensions are found on the raw JSON (any at all makes a Consent uninterpretable).
const domainResource = {
  id: fhirId,
  meta: Meta.optional(),
};

/** @see https://hl7.org/fhir/R4/patient.html */
export const PatientSchema = z.looseObject({
  resourceType: z.literal('Patient'),
  ...domainResource,
  active: z.boolean().optional(),
  identifier: z.array(Identifier).optional(),
  name: z.array(HumanName).optional(),
  birthDate: fhirDate.optional(),
  address: z.array(Address).optional(),
  managingOrganization: Reference.optional(),
  generalPractitioner: z.array(Reference).optional(),
  /** @see https://hl7.org/fhir/R4/patient-definitions.html#Patient.deceased_x_ */
  deceasedBoolean: z.boolean().optional(),
  deceasedDateTime: fhirDateTime.optional(),
});

/**
 * One Patient.contact, read element by element (a malformed contact must not hide the others).
 * @see https://hl7.org/fhir/R4/patient-definitions.html#Patient.contact
 */
export const PatientContactSchema = z.looseObject({
  relationship: z.array(CodeableConcept).optional(),
  name: HumanName.optional(),
  telecom: z.array(ContactPoint).optional(),
  address: Address.optional(),
  organization: Reference.optional(),
  period: Period.optional(),
});

/** @see https://hl7.org/fhir/R4/relatedperson.html */
export const RelatedPersonSchema = z.looseObject({
  resourceType: z.literal('RelatedPerson'),
  ...domainResource,
  identifier: z.array(Identifier).optional(),
  active: z.boolean().optional(),
  patient: Reference,
  relationship: z.array(CodeableConcept).optional(),
  name: z.array(HumanName).optional(),
  telecom: z.array(ContactPoint).optional(),
  birthDate: fhirDate.optional(),
  address: z.array(Address).optional(),
  period: Period.optional(),
});

export const CONSENT_STATUSES = ['draft', 'proposed', 'active', 'rejected', 'inactive', 'entered-in-error'] as const;
export const PROVISION_TYPES = ['deny', 'permit'] as const;

const ProvisionActor = z.looseObject({
  role: CodeableConcept.optional(),
  reference: Reference.optional(),
});

const ProvisionData = z.looseObject({
  meaning: fhirString.optional(),
  reference: Reference.optional(),
});

export interface FhirProvision {
  type?: (typeof PROVISION_TYPES)[number] | undefined;
  period?: z.infer<typeof Period> | undefined;
  actor?: z.infer<typeof ProvisionActor>[] | undefined;
  action?: z.infer<typeof CodeableConcept>[] | undefined;
  securityLabel?: z.infer<typeof Coding>[] | undefined;
  purpose?: z.infer<typeof Coding>[] | undefined;
  class?: z.infer<typeof Coding>[] | undefined;
  code?: z.infer<typeof CodeableConcept>[] | undefined;
  data?: z.infer<typeof ProvisionData>[] | undefined;
  provision?: FhirProvision[] | undefined;
  [key: string]: unknown;
}

/** @see https://hl7.org/fhir/R4/consent-definitions.html#Consent.provision */
export const ProvisionSchema: z.ZodType<FhirProvision> = z.looseObject({
  type: z.enum(PROVISION_TYPES).optional(),
  period: Period.optional(),
  actor: z.array(ProvisionActor).optional(),
  action: z.array(CodeableConcept).optional(),
  securityLabel: z.array(Coding).optional(),
  purpose: z.array(Coding).optional(),
  class: z.array(Coding).optional(),
  code: z.array(CodeableConcept).optional(),
  data: z.array(ProvisionData).optional(),
  get provision() {
    return z.array(ProvisionSchema).optional();
  },
});

/** @see https://hl7.org/fhir/R4/consent.html */
export const ConsentSchema = z.looseObject({
  resourceType: z.literal('Consent'),
  ...domainResource,
  status: z.enum(CONSENT_STATUSES),
  scope: CodeableConcept.optional(),
  category: z.array(CodeableConcept).optional(),
  patient: Reference.optional(),
  dateTime: fhirDateTime.optional(),
  performer: z.array(Reference).optional(),
  organization: z.array(Reference).optional(),
  policyRule: CodeableConcept.optional(),
  /** R4 source[x]: what the decision rests on; the project writes the Consent naming nobody that it settles. */
  sourceReference: Reference.optional(),
  provision: ProvisionSchema.optional(),
});

export const TASK_STATUSES = [
  'draft',
  'requested',
  'received',
  'accepted',
  'rejected',
  'ready',
  'cancelled',
  'in-progress',
  'on-hold',
  'failed',
  'completed',
  'entered-in-error',
] as const;

/** @see https://hl7.org/fhir/R4/task.html */
export const TaskSchema = z.looseObject({
  resourceType: z.literal('Task'),
  ...domainResource,
  identifier: z.array(Identifier).optional(),
  status: z.enum(TASK_STATUSES),
  statusReason: CodeableConcept.optional(),
  intent: fhirString,
  code: CodeableConcept.optional(),
  focus: Reference.optional(),
  for: Reference.optional(),
  authoredOn: fhirDateTime.optional(),
  lastModified: fhirDateTime.optional(),
  executionPeriod: Period.optional(),
  requester: Reference.optional(),
  /** Who the Task is for now: the organisation a referral was made to (a malformed owner is dropped, not fatal). */
  owner: Reference.optional(),
  note: z.array(Annotation).optional(),
});

export const CARE_PLAN_STATUSES = ['draft', 'active', 'on-hold', 'revoked', 'completed', 'entered-in-error', 'unknown'] as const;

/** A CareTeam: only who is on it is read (a CarePlan's care team, contained or referenced). @see https://hl7.org/fhir/R4/careteam.html */
export const CareTeamSchema = z.looseObject({
  resourceType: z.literal('CareTeam'),
  id: fhirId.optional(),
  meta: Meta.optional(),
  participant: z.array(z.looseObject({ member: Reference.optional() })).optional(),
});

/**
 * A care plan, read for who it involves (contributor, care team) and what kind of plan it is.
 * @see https://hl7.org/fhir/R4/careplan.html
 */
export const CarePlanSchema = z.looseObject({
  resourceType: z.literal('CarePlan'),
  ...domainResource,
  status: z.enum(CARE_PLAN_STATUSES),
  intent: fhirString,
  category: z.array(CodeableConcept).optional(),
  title: fhirString.optional(),
  subject: Reference,
  period: Period.optional(),
  contributor: z.array(Reference).optional(),
  careTeam: z.array(Reference).optional(),
  contained: z.array(z.looseObject({ resourceType: fhirString, id: fhirId.optional() })).optional(),
});

export const COMMUNICATION_STATUSES = ['preparation', 'in-progress', 'not-done', 'on-hold', 'stopped', 'completed', 'entered-in-error', 'unknown'] as const;

/** @see https://hl7.org/fhir/R4/communication.html — carers heard, their enquiries and answers, disclosures without consent. */
export const CommunicationSchema = z.looseObject({
  resourceType: z.literal('Communication'),
  ...domainResource,
  identifier: z.array(Identifier).optional(),
  inResponseTo: z.array(Reference).optional(),
  status: z.enum(COMMUNICATION_STATUSES),
  category: z.array(CodeableConcept).optional(),
  subject: Reference.optional(),
  topic: CodeableConcept.optional(),
  sent: fhirDateTime.optional(),
  received: fhirDateTime.optional(),
  recipient: z.array(Reference).optional(),
  sender: Reference.optional(),
  reasonCode: z.array(CodeableConcept).optional(),
  note: z.array(Annotation).optional(),
});

export const LIST_STATUSES = ['current', 'retired', 'entered-in-error'] as const;

/** @see https://hl7.org/fhir/R4/list.html */
export const ListSchema = z.looseObject({
  resourceType: z.literal('List'),
  ...domainResource,
  status: z.enum(LIST_STATUSES),
  mode: fhirString,
  title: fhirString.optional(),
  code: CodeableConcept.optional(),
  subject: Reference.optional(),
  date: fhirDateTime.optional(),
  source: Reference.optional(),
  entry: z.array(z.looseObject({ item: Reference })).optional(),
  emptyReason: CodeableConcept.optional(),
});

/** @see https://hl7.org/fhir/R4/episodeofcare.html — where the service start and the team are read from. */
export const EpisodeOfCareSchema = z.looseObject({
  resourceType: z.literal('EpisodeOfCare'),
  ...domainResource,
  status: fhirString,
  patient: Reference,
  managingOrganization: Reference.optional(),
  period: Period.optional(),
  team: z.array(Reference).optional(),
});

const AnyResource = z.looseObject({ resourceType: fhirString });

/** @see https://hl7.org/fhir/R4/bundle.html */
export const BundleSchema = z.looseObject({
  resourceType: z.literal('Bundle'),
  id: fhirId.optional(),
  meta: Meta.optional(),
  type: fhirString,
  total: z.number().int().nonnegative().optional(),
  link: z.array(z.looseObject({ relation: fhirString, url: fhirString })).optional(),
  entry: z
    .array(
      z.looseObject({
        fullUrl: fhirString.optional(),
        resource: AnyResource.optional(),
        search: z.looseObject({ mode: fhirString.optional() }).optional(),
        response: z.looseObject({ status: fhirString, location: fhirString.optional(), etag: fhirString.optional() }).optional(),
      }),
    )
    .optional(),
});

export const ISSUE_SEVERITIES = ['fatal', 'error', 'warning', 'information'] as const;

/** @see https://hl7.org/fhir/R4/operationoutcome.html */
export const OperationOutcomeSchema = z.looseObject({
  resourceType: z.literal('OperationOutcome'),
  id: fhirId.optional(),
  issue: z.array(
    z.looseObject({
      severity: z.enum(ISSUE_SEVERITIES),
      code: fhirString,
      details: CodeableConcept.optional(),
      diagnostics: fhirString.optional(),
      expression: z.array(fhirString).optional(),
    }),
  ),
});

const CapabilityInteraction = z.looseObject({ code: fhirString });

/** @see https://hl7.org/fhir/R4/capabilitystatement.html */
export const CapabilityStatementSchema = z.looseObject({
  resourceType: z.literal('CapabilityStatement'),
  id: fhirId.optional(),
  status: fhirString.optional(),
  fhirVersion: fhirString.optional(),
  format: z.array(fhirString).optional(),
  rest: z
    .array(
      z.looseObject({
        mode: fhirString,
        resource: z
          .array(
            z.looseObject({
              type: fhirString,
              interaction: z.array(CapabilityInteraction).optional(),
              versioning: fhirString.optional(),
              readHistory: z.boolean().optional(),
              updateCreate: z.boolean().optional(),
              conditionalCreate: z.boolean().optional(),
              conditionalUpdate: z.boolean().optional(),
              searchInclude: z.array(fhirString).optional(),
              searchRevInclude: z.array(fhirString).optional(),
              searchParam: z.array(z.looseObject({ name: fhirString, type: fhirString.optional() })).optional(),
            }),
          )
          .optional(),
        interaction: z.array(CapabilityInteraction).optional(),
      }),
    )
    .optional(),
});

export type FhirPatient = z.infer<typeof PatientSchema>;
export type FhirRelatedPerson = z.infer<typeof RelatedPersonSchema>;
export type FhirPatientContact = z.infer<typeof PatientContactSchema>;
export type FhirConsent = z.infer<typeof ConsentSchema>;
export type FhirTask = z.infer<typeof TaskSchema>;
export type FhirList = z.infer<typeof ListSchema>;
export type FhirCommunication = z.infer<typeof CommunicationSchema>;
export type FhirEpisodeOfCare = z.infer<typeof EpisodeOfCareSchema>;
export type FhirBundle = z.infer<typeof BundleSchema>;
export type FhirOperationOutcome = z.infer<typeof OperationOutcomeSchema>;
export type FhirCapabilityStatement = z.infer<typeof CapabilityStatementSchema>;
