import type {
  CapabilityStatement,
  CapabilityStatementRestResource,
  CapabilityStatementRestResourceSearchParam,
  ResourceType,
} from '@medplum/fhirtypes';
import { BULK_DATA_CAPABILITY_STATEMENT, RESOURCE_EXPORT_OPERATIONS, SYSTEM_EXPORT_OPERATIONS } from './bulk/capability';

/**
 * What the sandbox FHIR server supports, declared once. The HTTP layer enforces this table (an
 * interaction, resource type, search parameter or include not listed here is refused with an
 * OperationOutcome), and GET /fhir/metadata is generated from it, so the CapabilityStatement
 * cannot claim more than the server does. tests/sandbox/capability.test.ts exercises every entry.
 */

export type ResourceInteraction = 'read' | 'vread' | 'update' | 'create' | 'search-type' | 'history-instance';
export type SearchParamType = CapabilityStatementRestResourceSearchParam['type'];

export interface SupportedSearchParam {
  readonly name: string;
  readonly type: SearchParamType;
  readonly documentation?: string;
}

export interface SupportedResource {
  readonly type: ResourceType;
  readonly interactions: readonly ResourceInteraction[];
  readonly searchParams: readonly SupportedSearchParam[];
  /** `_include` values accepted when searching this type (`Source:param`). */
  readonly searchInclude: readonly string[];
  /** `_revinclude` values accepted when searching this type (`Source:param`), with or without `:iterate`. */
  readonly searchRevInclude: readonly string[];
}

/** Page size when the client sends no `_count`, and the largest page served. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 1000;
/**
 * Largest page when `_include`/`_revinclude` are asked for: included resources are fetched in one
 * sub-search capped at 1000 results, so smaller pages keep every included resource in the page.
 */
export const MAX_PAGE_SIZE_WITH_INCLUDES = 100;

/** Modifiers accepted on search parameters, by parameter type (`missing` on every type). */
export const SUPPORTED_MODIFIERS: Readonly<Record<string, readonly string[]>> = {
  string: ['missing', 'exact', 'contains'],
  token: ['missing', 'not'],
  reference: ['missing'],
  date: ['missing'],
  uri: ['missing'],
};

const ALL: readonly ResourceInteraction[] = ['read', 'vread', 'update', 'create', 'search-type', 'history-instance'];
const common: readonly SupportedSearchParam[] = [
  { name: '_id', type: 'token', documentation: 'Logical id of the resource' },
  { name: '_lastUpdated', type: 'date', documentation: 'When the resource version last changed' },
];

// Tasks about a carer point at the RelatedPerson (`for`/`focus`), not the Patient: a client reads a
// patient's assessment Tasks with `_revinclude:iterate=Task:subject` (or `Task:focus`) so the
// second round of the include runs against the RelatedPersons already included.
const patientRevIncludes = [
  'RelatedPerson:patient',
  'Consent:patient',
  'Consent:actor',
  'List:subject',
  'List:patient',
  'Task:patient',
  'Task:subject',
  'Task:focus',
  'EpisodeOfCare:patient',
  'CarePlan:subject',
  'CarePlan:patient',
  'Provenance:target',
  'Provenance:patient',
  'Communication:subject',
  'Communication:patient',
] as const;

export const SUPPORTED_RESOURCES: readonly SupportedResource[] = [
  {
    type: 'Patient',
    interactions: ALL,
    searchParams: [
      ...common,
      { name: 'identifier', type: 'token', documentation: 'NHS number: https://fhir.nhs.uk/Id/nhs-number|<10 digits>' },
      { name: 'name', type: 'string' },
      { name: 'family', type: 'string' },
      { name: 'given', type: 'string' },
      { name: 'birthdate', type: 'date' },
      { name: 'gender', type: 'token' },
      { name: 'active', type: 'token' },
      { name: 'organization', type: 'reference', documentation: 'Managing organisation (the team)' },
    ],
    searchInclude: ['Patient:organization'],
    searchRevInclude: [...patientRevIncludes],
  },
  {
    type: 'RelatedPerson',
    interactions: ALL,
    searchParams: [
      ...common,
      { name: 'patient', type: 'reference' },
      { name: 'identifier', type: 'token' },
      { name: 'relationship', type: 'token' },
      { name: 'name', type: 'string' },
      { name: 'active', type: 'token' },
      { name: 'birthdate', type: 'date' },
    ],
    searchInclude: ['RelatedPerson:patient'],
    searchRevInclude: ['Consent:actor', 'Task:subject', 'Task:focus', 'Provenance:target'],
  },
  {
    type: 'Consent',
    interactions: ALL,
    searchParams: [
      ...common,
      { name: 'patient', type: 'reference' },
      { name: 'identifier', type: 'token' },
      { name: 'actor', type: 'reference', documentation: 'provision.actor.reference (the carer)' },
      { name: 'status', type: 'token' },
      { name: 'category', type: 'token' },
      { name: 'scope', type: 'token' },
      { name: 'date', type: 'date' },
      { name: 'period', type: 'date', documentation: 'provision.period: when the decision is valid (the review date is the consent-review-due extension)' },
    ],
    searchInclude: ['Consent:patient', 'Consent:actor'],
    searchRevInclude: ['Provenance:target'],
  },
  {
    type: 'Task',
    interactions: ALL,
    searchParams: [
      ...common,
      { name: 'identifier', type: 'token' },
      { name: 'subject', type: 'reference', documentation: 'Task.for (the carer for an assessment offer)' },
      { name: 'patient', type: 'reference', documentation: 'Task.for when it is a Patient' },
      { name: 'focus', type: 'reference' },
      { name: 'code', type: 'token' },
      { name: 'status', type: 'token' },
      { name: 'intent', type: 'token' },
      { name: 'authored-on', type: 'date' },
      { name: 'requester', type: 'reference' },
    ],
    searchInclude: ['Task:subject', 'Task:focus'],
    searchRevInclude: ['Provenance:target'],
  },
  {
    type: 'List',
    interactions: ALL,
    searchParams: [
      ...common,
      { name: 'identifier', type: 'token' },
      { name: 'subject', type: 'reference' },
      { name: 'patient', type: 'reference' },
      { name: 'code', type: 'token' },
      { name: 'status', type: 'token' },
      { name: 'date', type: 'date' },
      { name: 'empty-reason', type: 'token' },
    ],
    searchInclude: ['List:subject'],
    searchRevInclude: ['Provenance:target'],
  },
  {
    type: 'EpisodeOfCare',
    interactions: ALL,
    searchParams: [
      ...common,
      { name: 'patient', type: 'reference' },
      { name: 'identifier', type: 'token' },
      { name: 'status', type: 'token' },
      { name: 'organization', type: 'reference', documentation: 'managingOrganization (the team)' },
      { name: 'date', type: 'date', documentation: 'period (start = when the service started)' },
    ],
    searchInclude: ['EpisodeOfCare:patient', 'EpisodeOfCare:organization'],
    searchRevInclude: [],
  },
  {
    // The patient's care plans (care, crisis, advance care plans): read for who they involve (issue 11).
    type: 'CarePlan',
    interactions: ALL,
    searchParams: [
      ...common,
      { name: 'subject', type: 'reference' },
      { name: 'patient', type: 'reference' },
      { name: 'status', type: 'token' },
      { name: 'category', type: 'token' },
    ],
    searchInclude: ['CarePlan:subject'],
    searchRevInclude: ['Task:focus', 'Provenance:target'],
  },
  {
    // Carers heard, their enquiries and answers, disclosures without consent (docs/actions.md).
    type: 'Communication',
    interactions: ALL,
    searchParams: [
      ...common,
      { name: 'identifier', type: 'token' },
      { name: 'subject', type: 'reference', documentation: 'Communication.subject (the patient)' },
      { name: 'patient', type: 'reference', documentation: 'Communication.subject when it is a Patient' },
      { name: 'sender', type: 'reference' },
      { name: 'recipient', type: 'reference' },
      { name: 'category', type: 'token' },
      { name: 'status', type: 'token' },
      { name: 'sent', type: 'date' },
      { name: 'received', type: 'date' },
    ],
    searchInclude: ['Communication:subject', 'Communication:sender', 'Communication:recipient'],
    searchRevInclude: ['Provenance:target'],
  },
  {
    type: 'Provenance',
    interactions: ['read', 'vread', 'create', 'search-type', 'history-instance'],
    searchParams: [
      ...common,
      { name: 'target', type: 'reference' },
      { name: 'patient', type: 'reference' },
      { name: 'agent', type: 'reference' },
      { name: 'recorded', type: 'date' },
      { name: '_tag', type: 'token', documentation: 'meta.tag: Carer Prompts tags each Provenance with the change it records, and creates it conditionally on that tag' },
    ],
    searchInclude: ['Provenance:target'],
    searchRevInclude: [],
  },
  {
    type: 'Group',
    interactions: ALL,
    searchParams: [
      ...common,
      { name: 'identifier', type: 'token' },
      { name: 'type', type: 'token' },
      { name: 'actual', type: 'token' },
      { name: 'member', type: 'reference' },
      { name: 'managing-entity', type: 'reference' },
    ],
    searchInclude: ['Group:managing-entity'],
    searchRevInclude: [],
  },
  {
    type: 'Organization',
    interactions: ALL,
    searchParams: [...common, { name: 'name', type: 'string' }, { name: 'identifier', type: 'token' }],
    searchInclude: [],
    searchRevInclude: ['Patient:organization', 'Group:managing-entity'],
  },
  {
    type: 'Practitioner',
    interactions: ALL,
    searchParams: [...common, { name: 'name', type: 'string' }, { name: 'identifier', type: 'token' }],
    searchInclude: [],
    searchRevInclude: [],
  },
];

const byType = new Map<string, SupportedResource>(SUPPORTED_RESOURCES.map((r) => [r.type, r]));

/** The declaration for a resource type, or undefined when the server does not offer it. */
export function supportedResource(resourceType: string): SupportedResource | undefined {
  return byType.get(resourceType);
}

export interface CapabilityOptions {
  fhirBase: string;
  /** CapabilityStatement.date: when the server started. */
  date: Date;
  /** Only these resource types (the sandbox's `types` mode); default every supported type. */
  types?: ReadonlySet<string>;
}

/** The CapabilityStatement served at GET [base]/metadata. */
export function buildCapabilityStatement({ fhirBase, date, types }: CapabilityOptions): CapabilityStatement {
  const resource: CapabilityStatementRestResource[] = SUPPORTED_RESOURCES.filter((r) => types === undefined || types.has(r.type)).map((r) => ({
    type: r.type,
    interaction: r.interactions.map((code) => ({ code })),
    versioning: 'versioned-update',
    readHistory: true,
    updateCreate: r.interactions.includes('update'),
    conditionalCreate: r.interactions.includes('create'),
    conditionalRead: 'not-supported',
    conditionalUpdate: false,
    conditionalDelete: 'not-supported',
    referencePolicy: ['literal', 'local'],
    // A type the server does not offer is not declared as an include of another either.
    searchInclude: r.searchInclude.filter((target) => types === undefined || types.has(target.split(':')[0] ?? '')),
    searchRevInclude: r.searchRevInclude.filter((target) => types === undefined || types.has(target.split(':')[0] ?? '')),
    searchParam: r.searchParams.map((p) => ({
      name: p.name,
      type: p.type,
      ...(p.documentation ? { documentation: p.documentation } : {}),
    })),
    ...(r.type === 'Patient' || r.type === 'Group' ? { operation: RESOURCE_EXPORT_OPERATIONS[r.type] } : {}),
  }));
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: date.toISOString(),
    publisher: 'Carer Prompts sandbox',
    kind: 'instance',
    // $export is served by the bulk-data handler that routes.ts always plugs in (sandbox/bulk).
    instantiates: [BULK_DATA_CAPABILITY_STATEMENT],
    software: { name: 'Carer Prompts sandbox FHIR server' },
    implementation: {
      description: 'Local FHIR R4 server with a synthetic caseload. No real patient data.',
      url: fhirBase,
    },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        documentation:
          `Search pages hold ${DEFAULT_PAGE_SIZE} matches unless _count says otherwise (at most ${MAX_PAGE_SIZE}, ` +
          `${MAX_PAGE_SIZE_WITH_INCLUDES} with _include/_revinclude); follow Bundle.link "next". ` +
          'Result parameters: _count, _sort, _include, _revinclude (and :iterate), _total. Unknown search ' +
          'parameters are rejected (strict handling). Updates accept If-Match: W/"<versionId>"; creates accept If-None-Exist.',
        security: { cors: true, description: 'Open sandbox: no authentication.' },
        resource,
        interaction: [{ code: 'batch' }, { code: 'transaction' }],
        operation: SYSTEM_EXPORT_OPERATIONS,
      },
    ],
  };
}
