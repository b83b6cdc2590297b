/**
 * Lossless round trip: real resources are read (schemas, mappers, RawStore), changed with the
 * with* builders, and every element that was not meant to change is proved identical — including
 * extensions, `_primitive` elements and elements Carer Prompts has no schema for.
 */
import { describe, expect, it } from 'vitest';
import { toCarerContext } from '../../../adapter/mapping/carerContext';
import { withAssessmentOutcome, withCarerStatus, withConsentWithdrawn } from '../../../adapter/writes/build';
import { ConsentSchema, RelatedPersonSchema } from '../../../adapter/fhir/schemas';
import notThis from '../../fixtures/fhir/examples/consent-example-notThis.json';
import patientExample from '../../fixtures/fhir/examples/patient-example.json';
import benedicte from '../../fixtures/fhir/examples/relatedperson-example-benedicte.json';
import ukConsent from '../../fixtures/fhir/examples/uk-carer-consent.json';
import ukCarer from '../../fixtures/fhir/examples/uk-carer-relatedperson.json';
import ukTask from '../../fixtures/fhir/examples/uk-assessment-task.json';
import { READ_OPTIONS, EXTENSION_BASE } from '../../fixtures/fhir/personas';
import { validateR4 } from '../../support/validateR4';

/** Every JSON path at which two values differ ("a.b[2].c"); [] when they are deep-equal. */
function changedPaths(before: unknown, after: unknown, path = ''): string[] {
  if (Object.is(before, after)) return [];
  const bothObjects = typeof before === 'object' && before !== null && typeof after === 'object' && after !== null;
  if (!bothObjects || Array.isArray(before) !== Array.isArray(after)) return [path || '(root)'];
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length);
    return Array.from({ length }, (_, i) => changedPaths(before[i], after[i], `${path}[${i}]`)).flat();
  }
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys.flatMap((k) => (k in b && k in a ? changedPaths(b[k], a[k], path ? `${path}.${k}` : k) : [path ? `${path}.${k}` : k]));
}

const ALEX = { ...structuredClone(patientExample), id: '9990000018' };

function readAll() {
  const bundle = {
    resourceType: 'Bundle',
    type: 'searchset',
    entry: [ALEX, ukCarer, ukConsent, ukTask].map((r) => ({ resource: structuredClone(r) })),
  };
  const result = toCarerContext([bundle], { ...READ_OPTIONS });
  if (!result.ok) throw new Error(result.reason);
  return result;
}

describe('changedPaths (the comparison these tests rely on)', () => {
  it('finds a changed leaf, an added key and a removed array item', () => {
    expect(changedPaths({ a: { b: 1 }, c: [1, 2] }, { a: { b: 2 }, c: [1], d: 0 })).toEqual(['a.b', 'c[1]', 'd']);
    expect(changedPaths(ukCarer, structuredClone(ukCarer))).toEqual([]);
  });
});

describe('lossless round trip on real resources', () => {
  it('reads them into the domain and keeps the raw JSON exactly as received', () => {
    const { context, raw } = readAll();
    expect(context.carers[0]).toMatchObject({ id: 'uk-carer-1', carerStatus: 'unconfirmed', consent: { decision: 'permit' }, assessment: { status: 'offered' } });
    expect(raw.get('RelatedPerson/uk-carer-1')).toEqual(ukCarer);
    expect(raw.get('Consent/uk-consent-1')).toEqual(ukConsent);
    expect(raw.get('Task/uk-task-1')).toEqual(ukTask);
  });

  it('marks the carer: only relationship and one added extension change; _birthDate, _family, _active, unknown extensions survive', () => {
    const { raw } = readAll();
    const after = withCarerStatus(raw.cloneForUpdate('RelatedPerson/uk-carer-1'), true, '2026-11-23T10:00:00Z', EXTENSION_BASE);
    expect(changedPaths(ukCarer, after)).toEqual(['extension[2]', 'relationship[2]']);
    expect(validateR4(after)).toEqual([]);
    expect(JSON.parse(JSON.stringify(after))).toEqual(after);
  });

  it('records "not a carer" on the official RelatedPerson example: only the added extension changes', () => {
    const after = withCarerStatus(structuredClone(benedicte), false, '2026-11-23', EXTENSION_BASE);
    expect(changedPaths(benedicte, after)).toEqual(['extension']);
    expect(validateR4(after)).toEqual([]);
  });

  it('withdraws the consent: only status changes; _status, extensions, meta and narrative survive', () => {
    const { raw } = readAll();
    const after = withConsentWithdrawn(raw.cloneForUpdate('Consent/uk-consent-1'));
    expect(changedPaths(ukConsent, after)).toEqual(['status']);
    expect(after._status).toEqual(ukConsent._status);
    expect(validateR4(after)).toEqual([]);
  });

  it('withdraws the official consent-example-notThis: only status changes', () => {
    const after = withConsentWithdrawn(structuredClone(notThis));
    expect(changedPaths(notThis, after)).toEqual(['status']);
    expect(validateR4(after)).toEqual([]);
  });

  it('records the assessment outcome: only status, statusReason and lastModified change', () => {
    const { raw } = readAll();
    const after = withAssessmentOutcome(raw.cloneForUpdate('Task/uk-task-1'), { status: 'declined', on: '2026-11-24', reason: 'Not now' });
    expect(changedPaths(ukTask, after).sort()).toEqual(['lastModified', 'status', 'statusReason']);
    expect(validateR4(after)).toEqual([]);
  });

  it('leaves the RawStore copy as received after every change', () => {
    const { raw } = readAll();
    withCarerStatus(raw.cloneForUpdate('RelatedPerson/uk-carer-1'), false, '2026-11-23', EXTENSION_BASE);
    withConsentWithdrawn(raw.cloneForUpdate('Consent/uk-consent-1'));
    expect(raw.get('RelatedPerson/uk-carer-1')).toEqual(ukCarer);
    expect(raw.get('Consent/uk-consent-1')).toEqual(ukConsent);
  });

  it('parses with loose schemas, so even the parsed view keeps what it does not name', () => {
    expect(changedPaths(ukCarer, RelatedPersonSchema.parse(structuredClone(ukCarer)))).toEqual([]);
    expect(changedPaths(ukConsent, ConsentSchema.parse(structuredClone(ukConsent)))).toEqual([]);
  });
});
