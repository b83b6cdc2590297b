/**
 * The FHIR resources a patient's carer record holds — one table. The one-round-trip read
 * (`_revinclude`), its batch fallback, the capability gating, the SMART scopes (the extension's,
 * the audit's and the sandbox's registrations of them), the audit's paged searches and the bulk
 * `_type` list are all derived from it, so a new kind of record is one row here, not five lists.
 *
 * How a row reaches the patient:
 * - `link`: the search parameter on the type that names the patient (`RelatedPerson?patient=…`,
 *   `_revinclude=RelatedPerson:patient`);
 * - `throughCarers`: the same parameter may instead name one of the patient's carers (a carer's Task
 *   has `Task.for` the RelatedPerson), so the one-request read uses `_revinclude:iterate` and the
 *   fallback reads it in a second round, by the carers' ids.
 *
 * `optional`: the read works without it. It is asked for only when the server declares it (a
 * `_revinclude` on Patient, or a type-level search), and the audit goes on without it; whatever it
 * would have shown is said to be unknown, never "none".
 */

/** What the clinician's app may do with a type: read and search, and create / update where it writes. */
export type ClinicianAccess = 'rs' | 'crs' | 'crus';

/** Whether the audit needs a type: no audit without a required one; an optional one costs a measure. */
export type AuditNeed = 'required' | 'optional';

export interface CarerRecordResource {
  readonly type: string;
  /** The search parameter naming the patient (absent for Patient itself). */
  readonly link?: 'patient' | 'subject';
  readonly throughCarers?: true;
  readonly optional: boolean;
  readonly clinician: ClinicianAccess;
  readonly audit: AuditNeed;
  /** For a type the audit can do without: what the report loses when the server does not offer it. */
  readonly withoutIt?: string;
  /** For a type the clinician writes: what its records are called, and where to record instead when the server will not take them. */
  readonly writeWords?: { readonly records: string; readonly instead: string };
}

export const CARER_RECORD_RESOURCES = [
  { type: 'Patient', optional: false, clinician: 'rs', audit: 'required' },
  {
    type: 'RelatedPerson',
    link: 'patient',
    optional: false,
    clinician: 'crus',
    audit: 'required',
    writeWords: { records: 'carer (RelatedPerson) records', instead: 'record the carer in the EHR' },
  },
  {
    type: 'Consent',
    link: 'patient',
    optional: false,
    clinician: 'crus',
    audit: 'required',
    writeWords: { records: 'Consent records', instead: 'record the decision in the EHR' },
  },
  {
    type: 'List',
    link: 'subject',
    optional: false,
    clinician: 'crs',
    audit: 'optional',
    withoutIt: 'no List on this server: an "asked: no carers" answer cannot be recorded here, so every patient without a carer counts as never asked',
    writeWords: { records: '"asked: no carers" (List) records', instead: 'record the answer in the EHR' },
  },
  {
    type: 'Task',
    link: 'subject',
    throughCarers: true,
    optional: false,
    clinician: 'crus',
    audit: 'optional',
    withoutIt: "no Task on this server: carers' assessment offers are not recorded here, so the assessment measures (offered, accepted, declined, completed, on time, review) are not measured",
    writeWords: { records: 'assessment (Task) records', instead: 'record the assessment offer in the EHR' },
  },
  {
    type: 'EpisodeOfCare',
    link: 'patient',
    optional: true,
    clinician: 'rs',
    audit: 'optional',
    withoutIt: 'no EpisodeOfCare on this server: teams and service start come from managingOrganization, and offers are timed from when the carer was identified',
  },
] as const satisfies readonly CarerRecordResource[];

type Row = (typeof CARER_RECORD_RESOURCES)[number];

/** Every type of the carer record. */
export type CarerRecordType = Row['type'];
/** The types the clinician's app writes. */
export type WritableType = Extract<Row, { clinician: 'crs' | 'crus' }>['type'];
/** The writable types it may also update (versioned updates). */
export type UpdatableType = Extract<Row, { clinician: 'crus' }>['type'];
/** The types the read can do without. */
export type OptionalType = Extract<Row, { optional: true }>['type'];

const ROWS: readonly CarerRecordResource[] = CARER_RECORD_RESOURCES;

/** The rows a search from the patient reaches (every type but Patient). */
export const LINKED_RESOURCES: readonly (CarerRecordResource & { link: 'patient' | 'subject' })[] = ROWS.filter(
  (row): row is CarerRecordResource & { link: 'patient' | 'subject' } => row.link !== undefined,
);

/** `RelatedPerson:patient`, …: the `_revinclude` target of a linked row. */
export function revincludeTarget(row: CarerRecordResource & { link: string }): string {
  return `${row.type}:${row.link}`;
}

/** The `_revinclude` targets the one-request read cannot do without (the server must declare each). */
export const REQUIRED_REVINCLUDES: readonly string[] = LINKED_RESOURCES.filter((row) => !row.optional).map(revincludeTarget);

export const OPTIONAL_TYPES: readonly OptionalType[] = ROWS.filter((row) => row.optional).map((row) => row.type as OptionalType);

export const WRITABLE_TYPES: readonly WritableType[] = ROWS.filter((row) => row.clinician !== 'rs').map((row) => row.type as WritableType);

export const UPDATABLE_TYPES: ReadonlySet<string> = new Set(ROWS.filter((row) => row.clinician === 'crus').map((row) => row.type));

/** What a writable type's records are called, and where to record instead. */
export const WRITE_WORDS = Object.fromEntries(ROWS.flatMap((row) => (row.writeWords ? [[row.type, row.writeWords]] : []))) as Readonly<
  Record<WritableType, { records: string; instead: string }>
>;

/** `user/Patient.rs`, `user/Consent.crus`, …: the clinician's resource scopes, one per row. */
export const CLINICIAN_RESOURCE_SCOPES: readonly string[] = ROWS.map((row) => `user/${row.type}.${row.clinician}`);

/** The search permissions the panel's read needs: Patient read and search; every type it cannot do without, search. */
export const READ_NEEDS: readonly (readonly [string, readonly ('r' | 's')[]])[] = ROWS.filter((row) => !row.optional).map(
  (row) => [row.type, row.link === undefined ? ['r', 's'] : ['s']] as const,
);

/** The types the audit reads, in the order the paged search and the bulk `_type` list use. */
export const AUDIT_TYPES: readonly CarerRecordType[] = ROWS.map((row) => row.type as CarerRecordType);

export const REQUIRED_AUDIT_TYPE_SET: ReadonlySet<string> = new Set(ROWS.filter((row) => row.audit === 'required').map((row) => row.type));

/** Types whose refusal in a paged search is a warning, not the end of the pull. */
export const OPTIONAL_TYPE_SET: ReadonlySet<string> = new Set(OPTIONAL_TYPES);

/** What the report loses without each type it can do without. */
export const WITHOUT_TYPE: Readonly<Record<string, string>> = Object.fromEntries(ROWS.flatMap((row) => (row.withoutIt ? [[row.type, row.withoutIt]] : [])));
